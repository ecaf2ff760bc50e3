/*
 * mime.c: RFC 5322 messages and MIME entities (RFC 2045, 2046): each
 * part is a stream that ends at its boundary, decoded on the fly, so
 * no part is ever held whole.
 */
#ifndef MIME_H
#define MIME_H

#include "diag.h"
#include "hdr.h"
#include "stream.h"
#include "walk.h"

/* An RFC 5322 message on s (an operand, a message/rfc822 part, one
 * message of an mbox). */
int	 walk_message(struct walk *, struct stream *, int depth, int mdepth,
	    const char *label);
/* Read a header block (up to the empty line) from s into h. */
int	 read_headers(struct stream *, struct hdrs *, struct err *);

#endif
