/*
 * mem.c: the helpers of fuzz.h: a stream over memory (the fuzzer's
 * input, never copied) and a quiet walk.
 */
#include <string.h>

#include "fuzz.h"

struct memctx {
	const char	*p;
	size_t		 n, chunk;
};

static ssize_t
mem_fill(struct stream *s, char *dst, size_t want)
{
	struct memctx *m = s->ctx;

	if (want > m->n)
		want = m->n;
	if (m->chunk != 0 && want > m->chunk)
		want = m->chunk;
	memcpy(dst, m->p, want);
	m->p += want;
	m->n -= want;
	return (ssize_t)want;
}

int
mem_open(struct stream *s, const void *p, size_t n, size_t chunk,
    struct err *e)
{
	struct memctx *m;

	if ((m = st_layer(s, sizeof(*m), mem_fill, e)) == NULL)
		return -1;
	m->p = p;
	m->n = n;
	m->chunk = chunk;
	return 0;
}

size_t
fuzz_chunk(size_t n)
{
	static const size_t sizes[] = { 0, 4099, 509 };

	return sizes[n % 3];
}

static void
drop(void *arg, const char *msg)
{

	(void)arg, (void)msg;
}

void
fuzz_walk_init(struct walk *w, const struct walk_ops *ops)
{

	memset(w, 0, sizeof(*w));
	w->ops = ops;
	w->max_size = FUZZ_MAX_SIZE;
	w->diag.warn = drop;
}
