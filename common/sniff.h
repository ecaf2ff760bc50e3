/*
 * sniff.c: what a stream holds, from its first bytes: never from a
 * name (reports arrive as .txt, as octet-stream, as anything).
 */
#ifndef SNIFF_H
#define SNIFF_H

#include <stddef.h>

enum sniff { SN_EMPTY, SN_GZIP, SN_ZIP, SN_XML, SN_JSON, SN_MBOX,
	SN_MESSAGE, SN_UNKNOWN };
/* What p[0..n), the first bytes of a stream, says it holds. */
enum sniff sniff(const char *p, size_t n);

#endif
