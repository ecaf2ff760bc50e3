/*
 * mem.c: the helpers of fuzz.h: a stream over memory (the fuzzer's
 * input, never copied), a quiet walk, and the JSON oracle.
 */
#define _GNU_SOURCE	/* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../common/json.h"

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

void
fuzz_check_json(const char *p, size_t n)
{
	static struct json_doc jd;
	struct err	 e = { 0 };
	const char	*nl;
	size_t		 len;

	while (n > 0) {
		nl = memchr(p, '\n', n);
		len = nl ? (size_t)(nl - p) : n;
		jd.ours = 1;
		if (json_parse(&jd, p, len, &e) == -1) {
			fprintf(stderr, "fuzz: output is not JSON: %s\n%.*s\n",
			    e.msg, (int)(len > 2000 ? 2000 : len), p);
			abort();
		}
		len += nl != NULL;
		p += len;
		n -= len;
	}
}

int
fuzz_memfd(void)
{
	int	 fd;

	if ((fd = memfd_create("fuzz-output", 0)) == -1)
		abort();
	return fd;
}

void
fuzz_check_fd(int fd)
{
	static struct buf b;
	off_t	 n;

	if ((n = lseek(fd, 0, SEEK_CUR)) == -1)
		abort();
	buf_reset(&b);
	if (buf_grow(&b, (size_t)n + 1) == -1 ||
	    pread(fd, b.p, (size_t)n, 0) != n)
		abort();
	fuzz_check_json(b.p, (size_t)n);
	if (ftruncate(fd, 0) == -1 || lseek(fd, 0, SEEK_SET) == -1)
		abort();
}
