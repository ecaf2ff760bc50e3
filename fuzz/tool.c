/*
 * tool.c: libFuzzer target for a whole tool, from raw bytes to its
 * output, with the tool's own main (built with -Dmain=tool_main) and
 * without a change to its behaviour: the input is a memory file put on
 * standard input, read as the operand "-", and standard output goes
 * to /dev/null.
 *
 * Except with --csv, standard output is a memory file instead, and
 * every line the tool wrote must be JSON (fuzz_check_json).
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
static int	 check = 1;	/* stdout is a memory file to check */

/* Open /dev/null on fd, unless fd is open and keep is set. */
static void
null_fd(int fd, int keep)
{
	int	 n;

	if (keep && fcntl(fd, F_GETFD) != -1)
		return;
	if ((n = open("/dev/null", O_RDWR)) == -1)
		abort();
	if (n != fd) {
		if (dup2(n, fd) == -1)
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
				check = 0;
		}
	free(name);
	args[nargs++] = "-";
	if ((fd = memfd_create("fuzz-input", 0)) == -1 ||
	    dup2(fd, STDIN_FILENO) == -1)
		abort();
	close(fd);
	if (check) {
		if (dup2(fd = fuzz_memfd(), STDOUT_FILENO) == -1)
			abort();
		close(fd);
	} else
		null_fd(STDOUT_FILENO, 0);
	(void)argc;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*argv[MAXARGS + 1];

	null_fd(STDERR_FILENO, 1);
	if (ftruncate(STDIN_FILENO, 0) == -1 ||
	    pwrite(STDIN_FILENO, data, size, 0) != (ssize_t)size ||
	    lseek(STDIN_FILENO, 0, SEEK_SET) == -1)
		abort();
	memcpy(argv, args, sizeof(args));
	optind = 0;	/* glibc: start getopt afresh */
	(void)tool_main(nargs, argv);
	if (check)
		fuzz_check_fd(STDOUT_FILENO);
	return 0;
}
