/*
 * gzip.c: gzip (RFC 1952) with zlib, not libarchive: zlib checks the
 * CRC-32 and ISIZE of every member, libarchive 3.6 does not
 * (STYLE.md part c), and a corrupt report must not come out.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "gzip.h"
#include "limits.h"
#include "ratio.h"

struct gzctx {
	z_stream	 z;
	gz_header	 hd;
	struct stream	*parent;
	struct diag	*diag;
	unsigned long long in, out;
	int		 ended;		/* the last member is done */
	char		 name[1024];
};

/* After a member: another one follows (joined), or trailing bytes end
 * the stream.  0, or -1 on error. */
static int
gz_next_member(struct stream *st, struct gzctx *c)
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
			err_set(st->err, "gzip: cannot restart inflate");
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
	if (junk)
		diag_warn(c->diag, "%zu bytes of trailing garbage after gzip "
		    "data ignored", junk);
	return 0;
}

static ssize_t
gz_fill(struct stream *st, char *dst, size_t n)
{
	struct gzctx *c = st->ctx;
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
				err_set(st->err, "truncated gzip input");
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
			if (gz_next_member(st, c) == -1)
				return -1;
		} else if (r != Z_OK && r != Z_BUF_ERROR) {
			err_set(st->err, "gzip: %s", c->z.msg ? c->z.msg :
			    "corrupt data");
			return -1;
		}
	}
	got = n - c->z.avail_out;
	c->out += got;
	if (ratio_check(c->in, c->out, "gzip", st->err) == -1)
		return -1;
	return (ssize_t)got;
}

static void
gz_fini(struct stream *st)
{
	struct gzctx *c = st->ctx;

	/* Give back what inflate read ahead but did not use. */
	if (c->z.avail_in)
		c->parent->pos -= c->z.avail_in;
	inflateEnd(&c->z);
	free(c);
}

int
gzip_open(struct stream *st, struct stream *parent, struct diag *d,
    struct err *e)
{
	struct gzctx *c;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		err_set(e, "out of memory");
		return -1;
	}
	c->parent = parent;
	c->diag = d;
	/* 15 + 16: gzip wrapper only, with CRC-32 and ISIZE checked. */
	if (inflateInit2(&c->z, 15 + 16) != Z_OK) {
		free(c);
		err_set(e, "gzip: cannot start inflate");
		return -1;
	}
	c->hd.name = (Bytef *)c->name;
	c->hd.name_max = sizeof(c->name) - 1;
	inflateGetHeader(&c->z, &c->hd);
	if (st_init(st, gz_fill, c, e) == -1) {
		inflateEnd(&c->z);
		free(c);
		return -1;
	}
	st->fini = gz_fini;
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
