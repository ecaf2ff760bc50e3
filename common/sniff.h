/*
 * sniff.c: what a stream holds, from its first bytes: never from a
 * name (reports arrive as .txt, as octet-stream, as anything).
 */
#ifndef SNIFF_H
#define SNIFF_H

#include <stddef.h>

enum sniff { SN_EMPTY, SN_GZIP, SN_ZIP, SN_XML, SN_JSON, SN_MBOX,
	SN_MESSAGE, SN_UNKNOWN,
	/* read by libarchive (arc.c) */
	SN_TAR, SN_CPIO, SN_AR, SN_7Z, SN_RAR, SN_ISO,
	SN_BZIP2, SN_XZ, SN_LZMA, SN_LZIP, SN_ZSTD, SN_LZ4, SN_COMPRESS };
/* What p[0..n), the first bytes of a stream, says it holds (give it
 * 4096 bytes when there are that many: a tar header is 512). */
enum sniff sniff(const char *p, size_t n);
/* How many bytes sniff_deep needs: an iso9660 image has its first
 * volume descriptor 32 KiB in, after NULs. */
#define SNIFF_DEEP	(32768 + 8)
/* Given SNIFF_DEEP bytes of what sniff found SN_UNKNOWN: SN_ISO or
 * SN_UNKNOWN. */
enum sniff sniff_deep(const char *p, size_t n);
/* 1 for gzip, zip and what libarchive reads. */
int	 sniff_container(enum sniff);

#endif
