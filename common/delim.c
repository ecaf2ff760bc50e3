/*
 * delim.c: a stream that ends before a delimiter line: the body part
 * of a multipart entity (RFC 2046 5.1.1) or one message of an mbox
 * (RFC 4155).  It never reads past the delimiter, so the layer above
 * finds the delimiter line next in the parent.
 */
#include <stdlib.h>
#include <string.h>

#include "delim.h"

struct delimctx {
	struct stream	*parent;
	char		*delim;
	size_t		 dlen;
	int		 mime;
	int		 first;		/* the next byte starts a line */
	int		 done;
};

/*
 * An mbox separator is "From " sender date (RFC 4155): a body line
 * that starts with "From " unquoted (not every writer quotes it) has
 * no time of day in it.  1 yes, 0 no, -1 cannot tell yet.
 */
static int
mbox_from_line(const char *p, size_t n, int eof)
{
	const char *nl = memchr(p, '\n', n);
	size_t	 i, len = nl ? (size_t)(nl - p) : n;

	/* A separator line is short: past 1 KiB, decide on what is seen,
	 * or a "From " with no line end would hold the rest of the file. */
	if (nl == NULL && !eof && n < 1024)
		return -1;
	if (len > 1024)
		len = 1024;
	for (i = 0; i + 5 <= len; i++)
		if (p[i] >= '0' && p[i] <= '9' && p[i + 1] >= '0' &&
		    p[i + 1] <= '9' && p[i + 2] == ':' && p[i + 3] >= '0' &&
		    p[i + 3] <= '9' && p[i + 4] >= '0' && p[i + 4] <= '9')
			return 1;
	return 0;
}

/* Does p[i..got) start a delimiter?  1 yes, 0 no, -1 cannot tell yet. */
static int
delim_at(struct delimctx *c, const char *p, size_t i, size_t got, int eof)
{
	size_t	 end = i + c->dlen;
	unsigned char ch;

	if (got - i < c->dlen)
		return memcmp(p + i, c->delim, got - i) == 0 && !eof ? -1 : 0;
	if (memcmp(p + i, c->delim, c->dlen) != 0)
		return 0;
	if (!c->mime)
		return mbox_from_line(p + i, got - i, eof);
	/* RFC 2046: "--" for the close, else transport padding and CRLF. */
	if (end == got)
		return eof ? 1 : -1;
	ch = (unsigned char)p[end];
	return ch == '-' || ch == ' ' || ch == '\t' || ch == '\r' ||
	    ch == '\n';
}

static ssize_t
delim_fill(struct stream *st, char *dst, size_t n)
{
	struct delimctx *c = st->ctx;
	const char *p, *nl;
	size_t	 got, i = 0, emit, take;
	int	 eof, m, found = 0;

	if (c->done)
		return 0;
	for (;;) {
		if ((p = st_peek(c->parent, c->dlen + 2 + i, &got)) == NULL)
			return -1;
		eof = got < c->dlen + 2 + i || c->parent->eof;
		if (got == 0) {
			c->done = 1;
			return 0;
		}
		emit = take = got;
		if (c->first && (m = delim_at(c, p, 0, got, eof)) != 0) {
			found = m == 1;
			emit = take = 0;
		}
		i = 0;
		while (emit > 0 && (nl = memchr(p + i, '\n', got - i)) != NULL) {
			i = (size_t)(nl - p) + 1;
			if ((m = delim_at(c, p, i, got, eof)) == 0)
				continue;
			found = m == 1;
			/* The line end before a MIME delimiter is part of
			 * it; undecided, it waits for the next look. */
			if (found && !c->mime)
				emit = i;
			else
				emit = i - 1 - (i >= 2 && p[i - 2] == '\r');
			take = found ? i : emit;
			break;
		}
		if (!found && !eof && emit == got) {
			/* Keep back what could start a delimiter line. */
			emit = take = got > c->dlen + 2 ? got - c->dlen - 2 : 0;
		}
		if (emit > 0 || found || eof)
			break;
		/* Too little to decide: look further ahead. */
		i = got + 4096;
	}
	if (emit > n) {
		emit = take = n;
		found = 0;
	}
	memcpy(dst, p, emit);
	st_skip(c->parent, take);
	if (emit > 0)
		c->first = 0;
	if (found || (eof && take == got))
		c->done = 1;
	return (ssize_t)emit;
}

/* st_at_end: the delimiter (or the end) was met. */
static int
delim_ends(const struct stream *st)
{
	const struct delimctx *c = st->ctx;

	return c->done;
}

static void
delim_fini(struct stream *st)
{
	struct delimctx *c = st->ctx;

	free(c->delim);
}

int
delim_open(struct stream *st, struct stream *parent, const char *delim,
    int mime, int first, struct err *e)
{
	struct delimctx *c;

	if ((c = st_layer(st, sizeof(*c), delim_fill, e)) == NULL)
		return -1;
	if ((c->delim = strdup(delim)) == NULL) {
		st_close(st);
		err_set(e, "out of memory");
		return -1;
	}
	st->fini = delim_fini;
	st->ends = delim_ends;
	c->parent = parent;
	c->dlen = strlen(delim);
	c->mime = mime;
	c->first = first;
	return 0;
}
