/*
 * gzip.c: a gzip layer (RFC 1952) with zlib, which checks the CRC-32
 * and length of every member.
 */
#ifndef GZIP_H
#define GZIP_H

#include "diag.h"
#include "stream.h"

/* Set up st over one gzip stream read from parent: 0, or -1 with e
 * set.  Members that follow are joined, other trailing bytes dropped
 * (with a warning unless they are whitespace or NULs). */
int	 gzip_open(struct stream *, struct stream *parent, struct diag *,
	    struct err *);
/* The FNAME of the header, once the first byte was read; NULL if none. */
const char *gzip_name(struct stream *);

#endif
