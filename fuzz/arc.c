/*
 * arc.c: libFuzzer target for the libarchive layer (common/arc.c): the
 * input is sniffed as the walker does; an archive has every member read
 * to its end, a compressor its one stream; anything else is tried as a
 * zip, the format that has no other way in here.
 */
#include "../common/arc.h"
#include "../common/sniff.h"
#include "fuzz.h"

static void
drain(struct stream *m)
{

	m->limit = FUZZ_MAX_SIZE;	/* as walk_stream sets it */
	m->limit_what = "--max-size";
	(void)st_drain(m);
	st_close(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err	 e = { 0 };
	struct stream	 s, m;
	struct arc	*a;
	const char	*name, *skip;
	enum sniff	 sn;

	sn = sniff((const char *)data, size < 4096 ? size : 4096);
	if (!sniff_container(sn) || sn == SN_GZIP || arc_needs_seek(sn))
		sn = SN_ZIP;
	if (mem_open(&s, data, size, fuzz_chunk(size), &e) == -1)
		return 0;
	if (arc_is_filter(sn)) {
		if (arc_filter_open(&m, &s, sn, &e) == 0)
			drain(&m);
	} else if ((a = arc_open(&s, sn, &e)) != NULL) {
		while (arc_next(a, &m, &name, &skip, &e) == 1)
			if (skip == NULL)
				drain(&m);
		(void)arc_count(a);
		arc_close(a);
	}
	st_close(&s);
	return 0;
}
