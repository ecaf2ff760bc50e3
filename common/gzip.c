/*
 * gzip.c: gzip (RFC 1952) with zlib, not libarchive: zlib checks the
 * CRC-32 and ISIZE of every member, libarchive 3.6 does not
 * (STYLE.md part c), and a corrupt report must not come out.
 *
 * Inflating a big report takes about a sixth of its time, and it need
 * not wait for the parser: once a stream read straight from a file or
 * a pipe (parent->solo) has given GZ_THREAD_AFTER bytes, a second
 * thread inflates ahead into a ring of GZ_SLOTS buffers while the
 * caller takes from it, as `gzip -dc | xmlwf` overlaps on two cores.
 * The thread alone touches the z_stream and the parent from then on
 * (the parent's errors go to the ring's own struct err), until
 * st_close joins it.  Its errors and its warning reach the caller at
 * the point in the data where they happened.  Small inputs (mail
 * attachments) never start it.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "gzip.h"
#include "limits.h"
#include "ratio.h"

#define GZ_THREAD_AFTER	(1UL << 20)	/* output before the thread starts */
#define GZ_SLOTS	8
#define GZ_SLOT_SIZE	(64UL << 10)	/* small enough to stay in cache */

/* Inflated data between the thread (fills at tail) and the caller
 * (takes at head); the counters only grow. */
struct ring {
	pthread_t	 tid;
	pthread_mutex_t	 mu;
	pthread_cond_t	 filled, emptied;
	char		*slot[GZ_SLOTS];
	size_t		 len[GZ_SLOTS];
	unsigned long	 head, tail;
	size_t		 off;		/* taken from the head slot */
	int		 done;		/* thread: 1 at the end, -1 failed */
	int		 stop;		/* caller: stop early */
	struct err	 err;		/* the thread's error */
	struct err	*shared;	/* the parent's own, given back */
};

struct gzctx {
	z_stream	 z;
	gz_header	 hd;
	struct stream	*parent;
	struct diag	*diag;
	unsigned long long in, out;
	int		 ended;		/* the last member is done */
	size_t		 junk;		/* trailing garbage, to warn about */
	struct ring	*ring;		/* NULL: inflating inline */
	char		 name[1024];
};

/* After a member: another one follows (joined), or trailing bytes end
 * the stream.  0, or -1 on error. */
static int
gz_next_member(struct gzctx *c, struct err *e)
{
	const char *p;
	size_t	 got, i, junk = 0;

	/* What inflate did not use goes back to the parent first. */
	c->parent->pos -= c->z.avail_in;
	c->z.avail_in = 0;
	if ((p = st_peek(c->parent, 2, &got)) == NULL)
		return -1;
	if (got >= 2 && (unsigned char)p[0] == 0x1f &&
	    (unsigned char)p[1] == 0x8b) {
		if (inflateReset(&c->z) != Z_OK) {
			err_set(e, "gzip: cannot restart inflate");
			return -1;
		}
		return 0;
	}
	/* Trailing bytes: drop them; CRLF or NUL padding is common and
	 * not worth a warning, anything else is. */
	c->ended = 1;
	while ((p = st_peek(c->parent, 1, &got)) != NULL && got > 0) {
		for (i = 0; i < got; i++)
			if (p[i] != '\0' && p[i] != ' ' && p[i] != '\t' &&
			    p[i] != '\r' && p[i] != '\n')
				junk++;
		st_skip(c->parent, got);
	}
	if (p == NULL)
		return -1;
	c->junk = junk;		/* said by whoever hands out the end */
	return 0;
}

static void
gz_warn_junk(struct gzctx *c)
{

	if (c->junk)
		diag_warn(c->diag, "%zu bytes of trailing garbage after gzip "
		    "data ignored", c->junk);
	c->junk = 0;
}

/* Inflate up to n bytes at dst: the count, 0 at the end, -1 with e
 * set.  Inline, or on the thread with e the ring's. */
static ssize_t
gz_inflate(struct gzctx *c, char *dst, size_t n, struct err *e)
{
	const char *p;
	size_t	 got;
	int	 r;

	if (n > UINT_MAX)
		n = UINT_MAX;
	c->z.next_out = (Bytef *)dst;
	c->z.avail_out = (uInt)n;
	while (c->z.avail_out == n && !c->ended) {
		if (c->z.avail_in == 0) {
			if ((r = st_next(c->parent, &p, &got)) < 0)
				return -1;
			if (r == 0) {
				err_set(e, "truncated gzip input");
				return -1;
			}
			if (got > UINT_MAX)
				got = UINT_MAX;	/* never: IO_BLOCK */
			c->z.next_in = (Bytef *)p;
			c->z.avail_in = (uInt)got;
			c->in += got;
		}
		r = inflate(&c->z, Z_NO_FLUSH);
		if (r == Z_STREAM_END) {
			if (gz_next_member(c, e) == -1)
				return -1;
		} else if (r != Z_OK && r != Z_BUF_ERROR) {
			err_set(e, "gzip: %s", c->z.msg ? c->z.msg :
			    "corrupt data");
			return -1;
		}
	}
	got = n - c->z.avail_out;
	c->out += got;
	if (ratio_check(c->in, c->out, "gzip", e) == -1)
		return -1;
	return (ssize_t)got;
}

/* The thread: fill free slots until the end, an error or a stop. */
static void *
gz_ahead(void *arg)
{
	struct gzctx	*c = arg;
	struct ring	*r = c->ring;
	ssize_t		 n;
	unsigned	 i;

	int		 stop;

	for (;;) {
		pthread_mutex_lock(&r->mu);
		while (r->tail - r->head == GZ_SLOTS && !r->stop)
			pthread_cond_wait(&r->emptied, &r->mu);
		i = (unsigned)(r->tail % GZ_SLOTS);
		stop = r->stop;
		pthread_mutex_unlock(&r->mu);
		if (stop)
			break;
		n = gz_inflate(c, r->slot[i], GZ_SLOT_SIZE, &r->err);
		pthread_mutex_lock(&r->mu);
		if (n > 0) {
			r->len[i] = (size_t)n;
			r->tail++;
		} else
			r->done = n == 0 ? 1 : -1;
		pthread_cond_signal(&r->filled);
		pthread_mutex_unlock(&r->mu);
		if (n <= 0)
			break;
	}
	return NULL;
}

static void
ring_free(struct ring *r)
{
	int	 i;

	for (i = 0; i < GZ_SLOTS; i++)
		free(r->slot[i]);
	free(r);
}

/* Hand inflating over to a thread; on any failure go on inline. */
static void
gz_start_thread(struct gzctx *c)
{
	struct ring	*r;
	int		 i;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return;
	for (i = 0; i < GZ_SLOTS; i++)
		if ((r->slot[i] = malloc(GZ_SLOT_SIZE)) == NULL) {
			ring_free(r);
			return;
		}
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->filled, NULL);
	pthread_cond_init(&r->emptied, NULL);
	r->shared = c->parent->err;
	c->parent->err = &r->err;
	c->ring = r;
	if (pthread_create(&r->tid, NULL, gz_ahead, c) != 0) {
		c->parent->err = r->shared;
		c->ring = NULL;
		pthread_cond_destroy(&r->filled);
		pthread_cond_destroy(&r->emptied);
		pthread_mutex_destroy(&r->mu);
		ring_free(r);
	}
}

/* Stop the thread (if it still runs), wait for it, free the ring. */
static void
gz_stop_thread(struct gzctx *c)
{
	struct ring	*r = c->ring;

	pthread_mutex_lock(&r->mu);
	r->stop = 1;
	pthread_cond_signal(&r->emptied);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->tid, NULL);
	c->parent->err = r->shared;
	pthread_cond_destroy(&r->filled);
	pthread_cond_destroy(&r->emptied);
	pthread_mutex_destroy(&r->mu);
	ring_free(r);
	c->ring = NULL;
}

/* Take from the ring: as gz_inflate, for the caller's thread. */
static ssize_t
gz_take(struct stream *st, struct gzctx *c, char *dst, size_t n)
{
	struct ring	*r = c->ring;
	unsigned	 i;
	size_t		 avail;
	int		 done;

	pthread_mutex_lock(&r->mu);
	while (r->tail == r->head && !r->done)
		pthread_cond_wait(&r->filled, &r->mu);
	done = r->tail == r->head ? r->done : 0;
	i = (unsigned)(r->head % GZ_SLOTS);
	avail = r->len[i] - r->off;
	pthread_mutex_unlock(&r->mu);
	if (done == -1) {
		if (!st->err->set)
			*st->err = r->err;
		return -1;
	}
	if (done == 1) {
		gz_warn_junk(c);
		return 0;
	}
	if (avail > n)
		avail = n;
	memcpy(dst, r->slot[i] + r->off, avail);
	pthread_mutex_lock(&r->mu);
	if ((r->off += avail) == r->len[i]) {
		r->off = 0;
		r->head++;
		pthread_cond_signal(&r->emptied);
	}
	pthread_mutex_unlock(&r->mu);
	return (ssize_t)avail;
}

static ssize_t
gz_fill(struct stream *st, char *dst, size_t n)
{
	struct gzctx *c = st->ctx;
	ssize_t	 got;

	if (c->ring != NULL)
		return gz_take(st, c, dst, n);
	got = gz_inflate(c, dst, n, st->err);
	gz_warn_junk(c);
	if (got > 0 && !c->ended && c->parent->solo &&
	    c->out >= GZ_THREAD_AFTER)
		gz_start_thread(c);
	return got;
}

/* st_at_end: the last member and what trails it were read, and said;
 * the next gz_fill makes nothing and checks what passed already. */
static int
gz_ends(const struct stream *st)
{
	const struct gzctx *c = st->ctx;

	return c->ring == NULL && c->ended && c->junk == 0;
}

static void
gz_fini(struct stream *st)
{
	struct gzctx *c = st->ctx;

	if (c->ring != NULL)
		gz_stop_thread(c);
	/* Give back what inflate read ahead but did not use. */
	if (c->z.avail_in)
		c->parent->pos -= c->z.avail_in;
	inflateEnd(&c->z);
}

int
gzip_open(struct stream *st, struct stream *parent, struct diag *d,
    struct err *e)
{
	struct gzctx *c;

	if ((c = st_layer(st, sizeof(*c), gz_fill, e)) == NULL)
		return -1;
	/* 15 + 16: gzip wrapper only, with CRC-32 and ISIZE checked. */
	if (inflateInit2(&c->z, 15 + 16) != Z_OK) {
		st_close(st);
		err_set(e, "gzip: cannot start inflate");
		return -1;
	}
	st->fini = gz_fini;
	st->ends = gz_ends;
	c->parent = parent;
	c->diag = d;
	c->hd.name = (Bytef *)c->name;
	c->hd.name_max = sizeof(c->name) - 1;
	inflateGetHeader(&c->z, &c->hd);
	return 0;
}

const char *
gzip_name(struct stream *st)
{
	struct gzctx *c = st->ctx;

	if (c->hd.done != 1 || c->name[0] == '\0')
		return NULL;
	return c->name;
}
