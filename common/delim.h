/*
 * delim.c: a stream that ends before a delimiter line: the body part
 * of a multipart entity (RFC 2046 5.1.1) or one message of an mbox
 * (RFC 4155).
 */
#ifndef DELIM_H
#define DELIM_H

#include "diag.h"
#include "stream.h"

/* Set up st as the part of parent that ends before a line that starts
 * with delim: 0, or -1 with e set.  For a MIME boundary pass "--"
 * boundary and mime=1: the line end before the delimiter belongs to
 * it, and the delimiter must be followed by "--", whitespace or a line
 * end.  For mbox pass "From " and mime=0.  first=1 lets the very first
 * line match too. */
int	 delim_open(struct stream *, struct stream *parent, const char *delim,
	    int mime, int first, struct err *);

#endif
