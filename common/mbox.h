/*
 * mbox.c: mbox files (RFC 4155): messages that each start with a
 * "From " line, walked one by one as streams.
 */
#ifndef MBOX_H
#define MBOX_H

#include "stream.h"
#include "walk.h"

/* The messages of the mbox on s, each walked as a message. */
int	 walk_mbox(struct walk *, struct stream *, int depth);

#endif
