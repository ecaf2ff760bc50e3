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
fuzz_check_fd(int fd, int csv)
{
	static struct buf b;
	off_t	 n;

	if ((n = lseek(fd, 0, SEEK_CUR)) == -1)
		abort();
	buf_reset(&b);
	if (buf_grow(&b, (size_t)n + 1) == -1 ||
	    pread(fd, b.p, (size_t)n, 0) != n)
		abort();
	if (csv)
		fuzz_check_csv(b.p, (size_t)n);
	else
		fuzz_check_json(b.p, (size_t)n);
	if (ftruncate(fd, 0) == -1 || lseek(fd, 0, SEEK_SET) == -1)
		abort();
}

static void
csv_bad(const char *why, const char *p, size_t n)
{

	fprintf(stderr, "fuzz: CSV output: %s\n%.*s\n", why,
	    (int)(n > 2000 ? 2000 : n), p);
	abort();
}

void
fuzz_check_csv(const char *p, size_t n)
{
	size_t	 i, start = 0;
	long	 fields = 1, want = -1;
	int	 quoted = 0, inq = 0;

	for (i = 0; i < n; i++) {
		char c = p[i];

		if (inq) {
			if (c == '"' && i + 1 < n && p[i + 1] == '"')
				i++;
			else if (c == '"')
				inq = 0;
		} else if (c == '"') {
			if (quoted || (i > start && p[i - 1] != ','))
				csv_bad("a quote inside an unquoted field",
				    p + start, n - start);
			inq = quoted = 1;
		} else if (c == ',') {
			fields++;
			quoted = 0;
		} else if (c == '\n') {
			if (want == -1)
				want = fields;
			else if (fields != want)
				csv_bad("a record with another field count",
				    p + start, i - start);
			fields = 1;
			quoted = 0;
			start = i + 1;
		} else if (quoted)
			csv_bad("text after a closing quote", p + start,
			    n - start);
	}
	if (inq || start != n)
		csv_bad("the last record is cut", p + start, n - start);
}
