/*
 * xml.c: libFuzzer target for the aggregate converter (dmarc/: expat
 * through xmlfeed.c, the tables of aggregate.c, xmlgen.c) and the
 * output stage it commits to (common/outstage.c), writing to
 * /dev/null.  An odd-sized input goes to a converter whose stage makes
 * --records lines, an even-sized one to a whole-report one; each keeps
 * its state from one input to the next, as the tool does from report
 * to report.
 */
#include <fcntl.h>
#include <stdlib.h>

#include "../common/outstage.h"
#include "../dmarc/aggregate.h"
#include "fuzz.h"

static struct outstage	 stage[2];
static struct agg	*conv[2];

static void
write_failed(void *arg, int errnum)
{

	(void)arg, (void)errnum;
	abort();	/* /dev/null takes anything */
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int	 i, fd;

	(void)argc, (void)argv;
	if ((fd = open("/dev/null", O_WRONLY)) == -1)
		abort();
	for (i = 0; i < 2; i++) {
		stage[i].shape = i ? OUT_RECORDS : OUT_WHOLE;
		stage[i].max_size = FUZZ_MAX_SIZE;
		stage[i].fd = fd;
		stage[i].write_failed = write_failed;
		outstage_open(&stage[i]);
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
	return 0;
}
