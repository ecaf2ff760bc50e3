/*
 * stream.c: buffered pull readers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "stream.h"

#define ST_MIN_FILL	64	/* the least room a fill is given */
/* Buffers kept for the next streams; none under AddressSanitizer,
 * which is to see every buffer freed (a pointer kept into a closed
 * stream is then caught). */
#if defined(__SANITIZE_ADDRESS__)
#define ST_SPARE	0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ST_SPARE	0
#endif
#endif
#ifndef ST_SPARE
#define ST_SPARE	4
#endif

/*
 * Buffers of IO_BLOCK bytes that st_close let go of, for the next
 * st_init: every mail opens and closes a few layers, and malloc gave
 * each new one from the top of the heap, which free gave back to the
 * kernel (brk) each time, so its pages were faulted in again, mail
 * after mail.  Per thread, so no lock; at most ST_SPARE of them.
 */
static _Thread_local char *spare[ST_SPARE + 1];
static _Thread_local int nspare;

static char *
spare_take(void)
{

	return nspare > 0 ? spare[--nspare] : malloc(IO_BLOCK);
}

static void
spare_give(char *p, size_t cap)
{

	if (p != NULL && cap == IO_BLOCK && nspare < ST_SPARE)
		spare[nspare++] = p;
	else
		free(p);
}

int
st_init(struct stream *s, st_fill_fn fill, void *ctx, struct err *e)
{

	memset(s, 0, sizeof(*s));
	s->fill = fill;
	s->ctx = ctx;
	s->err = e;
	s->cap = IO_BLOCK;
	if ((s->buf = spare_take()) == NULL) {
		err_set(e, "out of memory");
		return -1;
	}
	return 0;
}

void *
st_layer(struct stream *s, size_t size, st_fill_fn fill, struct err *e)
{
	void	*ctx;

	if ((ctx = calloc(1, size)) == NULL) {
		err_set(e, "out of memory");
		return NULL;
	}
	if (st_init(s, fill, ctx, e) == -1) {
		free(ctx);
		return NULL;
	}
	s->ctx_owned = 1;
	return ctx;
}

void
st_close(struct stream *s)
{

	if (s->fini)
		s->fini(s);
	if (s->ctx_owned)
		free(s->ctx);
	spare_give(s->buf, s->cap);
	s->buf = NULL;
	s->fini = NULL;
	s->ends = NULL;
	s->ctx = NULL;
	s->ctx_owned = 0;
}

static int
st_growbuf(struct stream *s, size_t want)
{
	size_t	 ncap = s->cap;
	char	*nb;

	while (ncap < want)
		ncap *= 2;
	if ((nb = realloc(s->buf, ncap)) == NULL) {
		s->failed = 1;
		err_set(s->err, "out of memory");
		return -1;
	}
	s->buf = nb;
	s->cap = ncap;
	return 0;
}

/* Move what is not taken yet to the start of the buffer. */
static void
st_compact(struct stream *s)
{

	memmove(s->buf, s->buf + s->pos, s->len - s->pos);
	s->len -= s->pos;
	s->pos = 0;
}

/* Top up the buffer once: 1 if bytes came, 0 at the end, -1 on error. */
static int
st_fill(struct stream *s)
{
	ssize_t	 r;
	size_t	 n;

	if (s->failed)
		return -1;
	if (s->eof)
		return 0;
	if (s->pos > 0 && s->pos == s->len)
		s->pos = s->len = 0;
	/* Never ask a layer for a few bytes: decoders need room for a
	 * whole unit (a base64 quartet makes three). */
	if (s->cap - s->len < ST_MIN_FILL && s->pos > 0)
		st_compact(s);
	if (s->cap - s->len < ST_MIN_FILL) {
		if (s->len == s->cap)
			return 1;	/* full: the caller grows it */
		if (st_growbuf(s, s->cap * 2) == -1)
			return -1;
	}
	n = s->cap - s->len;
	/* st_look: no more than asked of a layer that computes (reading
	 * a file in large blocks costs no more). */
	if (s->look && !s->solo && n > s->look)
		n = s->look < ST_MIN_FILL ? ST_MIN_FILL : s->look;
	r = s->fill(s, s->buf + s->len, n);
	if (r < 0) {
		s->failed = 1;
		err_set(s->err, "read error");
		return -1;
	}
	if (r == 0) {
		s->eof = 1;
		return 0;
	}
	s->len += (size_t)r;
	s->total += (size_t)r;
	if (s->limit && s->total > s->limit) {
		s->failed = 1;
		err_set(s->err, "%s (%llu bytes) exceeded",
		    s->limit_what ? s->limit_what : "size limit", s->limit);
		return -1;
	}
	return 1;
}

int
st_next(struct stream *s, const char **p, size_t *n)
{
	int	 r;

	while (s->pos == s->len) {
		if ((r = st_fill(s)) <= 0)
			return r;
	}
	*p = s->buf + s->pos;
	*n = s->len - s->pos;
	s->pos = s->len;
	return 1;
}

const char *
st_peek(struct stream *s, size_t want, size_t *got)
{
	int	 r;

	if (want > s->cap && st_growbuf(s, want) == -1)
		return NULL;
	while (s->len - s->pos < want) {
		/* Make room at the end rather than read in dribbles. */
		if (s->pos > 0 && s->cap - s->len < s->cap / 4)
			st_compact(s);
		if ((r = st_fill(s)) < 0)
			return NULL;
		if (r == 0)
			break;
	}
	*got = s->len - s->pos;
	return s->buf + s->pos;
}

const char *
st_look(struct stream *s, size_t want, size_t *got)
{
	const char *p;

	s->look = want;
	p = st_peek(s, want, got);
	s->look = 0;
	return p;
}

int
st_line(struct stream *s, const char **p, size_t *n, size_t max)
{
	size_t	 scanned = 0, avail;
	const char *nl;
	int	 r;

	for (;;) {
		avail = s->len - s->pos;
		nl = memchr(s->buf + s->pos + scanned, '\n', avail - scanned);
		if (nl != NULL) {
			*p = s->buf + s->pos;
			*n = (size_t)(nl - *p) + 1;
			s->pos += *n;
			return 1;
		}
		scanned = avail;
		if (avail > max) {
			s->failed = 1;
			if (max % (1UL << 20) == 0)
				err_set(s->err, "line longer than %zu MiB",
				    max >> 20);
			else
				err_set(s->err, "line longer than %zu bytes",
				    max);
			return -1;
		}
		if (s->pos > 0 && (s->len == s->cap || avail == 0))
			st_compact(s);
		if (s->len == s->cap && st_growbuf(s, s->cap * 2) == -1)
			return -1;
		if ((r = st_fill(s)) < 0)
			return -1;
		if (r == 0) {
			if (avail == 0)
				return 0;
			*p = s->buf + s->pos;
			*n = avail;
			s->pos += avail;
			return 1;
		}
	}
}

void
st_skip(struct stream *s, size_t n)
{

	s->pos += n;
}

int
st_at_end(const struct stream *s)
{

	if (s->pos < s->len || s->failed)
		return 0;
	if (s->eof)
		return 1;
	return s->ends != NULL && s->ends(s);
}

int
st_drain(struct stream *s)
{
	const char *p;
	size_t	 n;
	int	 r;

	while ((r = st_next(s, &p, &n)) > 0)
		;
	return r;
}
