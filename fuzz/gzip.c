/*
 * gzip.c: libFuzzer target for the gzip layer (common/gzip.c): one
 * stream inflated to its end, members joined, trailing bytes judged.
 */
#include "../common/gzip.h"
#include "fuzz.h"

static void
drop(void *arg, const char *msg)
{

	(void)arg, (void)msg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag	 d = { drop, NULL, 0 };
	struct err	 e = { 0 };
	struct stream	 s, g;
	size_t		 got;

	if (mem_open(&s, data, size, fuzz_chunk(size), &e) == -1)
		return 0;
	if (gzip_open(&g, &s, &d, &e) == 0) {
		g.limit = FUZZ_MAX_SIZE;	/* as walk_stream sets it */
		g.limit_what = "--max-size";
		if (st_peek(&g, 1, &got) != NULL)
			(void)gzip_name(&g);
		(void)st_drain(&g);
		st_close(&g);
	}
	st_close(&s);
	return 0;
}
