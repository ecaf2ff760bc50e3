/*
 * ratio.c: the decompression-ratio limit (SCHEMA.md 8), the one check
 * that every layer that inflates (gzip.c, arc.c) makes against bombs.
 */
#ifndef RATIO_H
#define RATIO_H

#include "diag.h"

/* in compressed bytes gave out bytes so far.  0 while that is within
 * LIM_RATIO:1 or out is at most LIM_RATIO_AFTER; else -1 with e set,
 * the message naming the format ("a zip bomb?"). */
int	 ratio_check(unsigned long long in, unsigned long long out,
	    const char *format, struct err *e);

#endif
