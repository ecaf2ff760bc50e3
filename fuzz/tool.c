/*
 * tool.c: libFuzzer target for a whole tool, from raw bytes to its
 * output, with the tool's own main (built with -Dmain=tool_main) and
 * without a change to its behaviour: the input is a memory file put on
 * standard input, read as the operand "-".
 *
 * Standard output is a memory file, checked after each run: every line
 * must be JSON (fuzz_check_json), or with --csv every record must have
 * as many fields as the header (fuzz_check_csv).
 *
 * One binary per tool; the options come from the name it is run by,
 * each word after the second becoming an option: pipe-dmarc-records is
 * `dmarc2json --records -`, pipe-tlsrpt is `tlsrpt2json -`.  The
 * Makefile makes those names as symbolic links (fuzz/README).  Every
 * run has --max-size FUZZ_MAX_SIZE first: bombs are stopped by design,
 * but the default 4 GiB (or 64 MiB at a ratio of 200) takes longer
 * than the 10 s timeout under the sanitizers.
 *
 * Run libFuzzer with -close_fd_mask=2 to keep the tool's messages
 * out of its log; a closed standard error is reopened on /dev/null
 * here, so that no file the tool opens lands on descriptor 2.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

int	 tool_main(int, char **);

#define MAXARGS	10

static char	*args[MAXARGS + 1];
static int	 nargs;
static int	 csv;		/* --csv: check CSV, not JSON */

/* Standard error on /dev/null if libFuzzer closed it. */
static void
stderr_open(void)
{
	int	 n;

	if (fcntl(STDERR_FILENO, F_GETFD) != -1)
		return;
	if ((n = open("/dev/null", O_RDWR)) == -1)
		abort();
	if (n != STDERR_FILENO) {
		if (dup2(n, STDERR_FILENO) == -1)
			abort();
		close(n);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	*name, *word, *save = NULL;
	int	 fd, i;

	name = strrchr((*argv)[0], '/');
	name = strdup(name ? name + 1 : (*argv)[0]);
	args[nargs++] = "fuzz";
	args[nargs++] = "--max-size";
	args[nargs++] = FUZZ_MAX_SIZE_ARG;
	/* pipe-TOOL-opt-opt: skip "pipe" and TOOL */
	for (i = 0, word = strtok_r(name, "-", &save); word != NULL;
	    word = strtok_r(NULL, "-", &save), i++)
		if (i >= 2 && nargs < MAXARGS - 1) {
			if ((args[nargs] = malloc(strlen(word) + 3)) == NULL)
				abort();
			sprintf(args[nargs++], "--%s", word);
			if (strcmp(word, "csv") == 0)
				csv = 1;
		}
	free(name);
	args[nargs++] = "-";
	if ((fd = memfd_create("fuzz-input", 0)) == -1 ||
	    dup2(fd, STDIN_FILENO) == -1)
		abort();
	close(fd);
	if (dup2(fd = fuzz_memfd(), STDOUT_FILENO) == -1)
		abort();
	close(fd);
	(void)argc;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*argv[MAXARGS + 1];

	stderr_open();
	if (ftruncate(STDIN_FILENO, 0) == -1 ||
	    pwrite(STDIN_FILENO, data, size, 0) != (ssize_t)size ||
	    lseek(STDIN_FILENO, 0, SEEK_SET) == -1)
		abort();
	memcpy(argv, args, sizeof(args));
	optind = 0;	/* glibc: start getopt afresh */
	(void)tool_main(nargs, argv);
	fuzz_check_fd(STDOUT_FILENO, csv);
	return 0;
}
