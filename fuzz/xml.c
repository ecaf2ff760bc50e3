/*
 * xml.c: libFuzzer target for the aggregate converter (dmarc/: expat
 * through xmlfeed.c, the tables of aggregate.c, xmlgen.c): one XML
 * document converted, its --unique key taken and the report written to
 * /dev/null.  An odd-sized input goes through the --records converter,
 * an even-sized one through the whole-report one; each keeps its state
 * from one input to the next, as the tool does from report to report.
 */
#include <fcntl.h>
#include <stdlib.h>

#include "../dmarc/aggregate.h"
#include "fuzz.h"

static struct agg *conv[2];
static int	 devnull = -1;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int	 i;

	(void)argc, (void)argv;
	for (i = 0; i < 2; i++) {
		if ((conv[i] = agg_new()) == NULL)
			abort();
		agg_set_records(conv[i], i);
	}
	if ((devnull = open("/dev/null", O_WRONLY)) == -1)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct walk_ops ops = { 0 };
	struct agg	*a = conv[size & 1];
	struct buf	 key = { 0 };
	struct walk	 w;
	struct stream	 s;

	fuzz_walk_init(&w, &ops);
	if (mem_open(&s, data, size, fuzz_chunk(size), &w.err) == -1)
		return 0;
	if (agg_convert(a, &w, &s, size % 3 == 0, &w.err) == 0) {
		if (agg_key(a, &key, &w.err) == 0)
			(void)agg_commit(a, devnull);
		buf_free(&key);
	}
	st_close(&s);
	return 0;
}
