/*
 * The stream layers.  Each *_open sets up st over parent and returns 0,
 * or -1 with e set; st_close(st) undoes it (the parent stays open).
 */
#ifndef LAYERS_H
#define LAYERS_H

#include "diag.h"
#include "stream.h"

/* fdstream.c: a file descriptor (not closed by st_close). */
int	 fd_open(struct stream *, int fd, struct err *);

/* gzip.c: one gzip stream (RFC 1952), CRC and length checked by zlib;
 * members that follow are joined, other trailing bytes dropped (with a
 * warning unless they are whitespace or NULs). */
int	 gzip_open(struct stream *, struct stream *parent, struct diag *,
	    struct err *);
/* The FNAME of the header, once the first byte was read; NULL if none. */
const char *gzip_name(struct stream *);

/* delim.c: a part of parent that ends before a line that starts with
 * delim.  For a MIME boundary (RFC 2046 5.1.1) pass "--" boundary and
 * mime=1: the line end before the delimiter belongs to it, and the
 * delimiter must be followed by "--", whitespace or a line end.  For
 * mbox pass "From " and mime=0.  first=1 lets the very first line
 * match too. */
int	 delim_open(struct stream *, struct stream *parent, const char *delim,
	    int mime, int first, struct err *);

/* decode.c: Content-Transfer-Encoding (RFC 2045 6.7, 6.8). */
int	 b64_open(struct stream *, struct stream *parent, struct err *);
int	 qp_open(struct stream *, struct stream *parent, struct err *);

#endif
