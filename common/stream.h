/*
 * stream.c: the pull reader every layer is made of (DESIGN.md).
 *
 * A stream owns a buffer that its fill function tops up from the layer
 * below: a file descriptor, an inflater, a MIME part that stops at its
 * boundary, a base64 decoder.  Readers take bytes with st_next (no
 * copy), st_peek (look ahead without taking) or st_line.
 *
 * The layers (fdstream.h, gzip.h, delim.h, decode.h; zip.h hands out
 * its members the same way) follow one contract: NAME_open(st, parent,
 * ...) sets up st over parent and returns 0, or -1 with e set;
 * st_close(st) undoes it, and the parent stays open.
 */
#ifndef STREAM_H
#define STREAM_H

#include <stddef.h>
#include <sys/types.h>

#include "diag.h"

struct stream;
/* Put up to n bytes at dst: the count, 0 at the end, -1 on error
 * (with st->err set). */
typedef ssize_t	(*st_fill_fn)(struct stream *, char *dst, size_t n);

struct stream {
	char		*buf;
	size_t		 pos, len, cap;
	st_fill_fn	 fill;
	void		(*fini)(struct stream *);	/* lets go of ->ctx */
	/* The layer knows, without reading, that its next fill makes
	 * nothing and fails in nothing: 1; 0 when it cannot tell.
	 * NULL: it never knows (st_at_end). */
	int		(*ends)(const struct stream *);
	void		*ctx;
	int		 ctx_owned;	/* st_layer's: st_close frees ->ctx */
	struct err	*err;		/* shared down the whole stack */
	unsigned long long total;	/* bytes filled so far */
	unsigned long long limit;	/* 0, or the most this may produce */
	const char	*limit_what;	/* which limit, for the message */
	int		 eof;
	int		 failed;
	int		 solo;		/* fill shares nothing with other
					   streams: it may run on a thread */
	size_t		 look;		/* st_look: the most to make */
};

/* Set up s over fill/ctx; 0, or -1 when out of memory. */
int	 st_init(struct stream *, st_fill_fn, void *ctx, struct err *);
/* For a layer: st_init over a new zeroed context of size bytes, which
 * is the stream's own: st_close frees it, after s->fini (which the
 * layer sets once the context holds something to let go of).  The
 * context, or NULL with e set. */
void	*st_layer(struct stream *, size_t size, st_fill_fn, struct err *);
/* Call fini, free the buffer (and an st_layer context); s may be
 * zeroed. */
void	 st_close(struct stream *);
/* The next chunk, taken: 1 with *p, *n; 0 at the end; -1 on error. */
int	 st_next(struct stream *, const char **p, size_t *n);
/* Make want bytes visible without taking them (fewer at the end):
 * the pointer, with *got; NULL on error.  want may grow the buffer. */
const char *st_peek(struct stream *, size_t want, size_t *got);
/* st_peek for a look at the start (sniffing): a layer that decodes or
 * inflates makes about want bytes, not a bufferful, so a stream that
 * is then left unread cost little. */
const char *st_look(struct stream *, size_t want, size_t *got);
/* The next line with its LF (the last may lack it): 1, 0 at the end,
 * -1 on error or a line longer than max (st->err says which). */
int	 st_line(struct stream *, const char **p, size_t *n, size_t max);
/* Take n bytes that st_peek showed. */
void	 st_skip(struct stream *, size_t n);
/* 1 when everything was taken and the stream is known to have
 * nothing more, so that the next read would end it without an error
 * or any other effect; 0 when that cannot be told without reading
 * (nothing is read).  A parser may then be told "this is the last". */
int	 st_at_end(const struct stream *);
/* Read and drop everything left: 0, or -1 on error. */
int	 st_drain(struct stream *);

#endif
