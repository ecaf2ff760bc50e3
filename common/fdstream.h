/*
 * fdstream.c: the bottom layer, read(2) in large blocks.
 */
#ifndef FDSTREAM_H
#define FDSTREAM_H

#include "diag.h"
#include "stream.h"

/* Set up st over fd (which st_close does not close): 0, or -1 with e
 * set. */
int	 fd_open(struct stream *, int fd, struct err *);
/* If st is an fd layer on a regular file: the fd, rewound to its
 * start (what st buffered is then stale: close st after); else -1. */
int	 fd_seekable(struct stream *st);

#endif
