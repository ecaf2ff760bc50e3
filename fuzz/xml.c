/*
 * xml.c: libFuzzer target for the aggregate converter (dmarc/: expat
 * through xmlfeed.c, the tables of aggregate.c, xmlgen.c) and the
 * output stage it commits to (common/outstage.c), whose every line
 * must be JSON (fuzz_check_json).  An odd-sized input goes to a converter whose stage makes
 * --records lines, an even-sized one to a whole-report one; each keeps
 * its state from one input to the next, as the tool does from report
 * to report.
 */
#include <stdlib.h>

#include "../common/outstage.h"
#include "../dmarc/aggregate.h"
#include "fuzz.h"

static struct outstage	 stage[2];
static struct agg	*conv[2];

static int		 outfd;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct err	 e = { 0 };
	int		 i;

	(void)argc, (void)argv;
	outfd = fuzz_memfd();
	for (i = 0; i < 2; i++) {
		stage[i].shape = i ? OUT_RECORDS : OUT_WHOLE;
		stage[i].max_size = FUZZ_MAX_SIZE;
		stage[i].fd = outfd;
		if (outstage_open(&stage[i], &e) == -1)
			abort();
		if ((conv[i] = agg_new(&stage[i])) == NULL)
			abort();
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct walk_ops ops = { 0 };
	struct walk	 w;
	struct stream	 s;

	fuzz_walk_init(&w, &ops);
	w.out = &stage[size & 1];
	if (mem_open(&s, data, size, fuzz_chunk(size), &w.err) == -1)
		return 0;
	(void)agg_convert(conv[size & 1], &w, &s, size % 3 == 0, &w.err);
	st_close(&s);
	if (stage[size & 1].failed)
		abort();	/* a memory file takes anything */
	fuzz_check_fd(outfd, 0);
	return 0;
}
