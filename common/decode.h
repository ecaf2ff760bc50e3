/*
 * decode.c: the Content-Transfer-Encodings base64 (RFC 2045 6.8) and
 * quoted-printable (RFC 2045 6.7) as stream layers.
 */
#ifndef DECODE_H
#define DECODE_H

#include "diag.h"
#include "stream.h"

/* Set up st to decode what parent holds: 0, or -1 with e set. */
int	 b64_open(struct stream *, struct stream *parent, struct err *);
int	 qp_open(struct stream *, struct stream *parent, struct err *);

/* The value of base64 digit c (RFC 4648 alphabet), or -1: for base64
 * that is not a stream (RFC 2047 "B" words). */
int	 b64digit(int c);

#endif
