/*
 * sniff.c: what a stream holds, from its first bytes: never from a
 * name (reports arrive as .txt, as octet-stream, as anything).  The
 * magic numbers of the archives and compressors are those their
 * formats define (tar: POSIX.1-2017 pax "ustar" and the header
 * checksum; the others: the signatures libarchive bids on).
 */
#include <stdint.h>
#include <string.h>

#include "sniff.h"
#include "text.h"

static int
isfield(const char *p, size_t n)
{
	size_t	 i;

	/* RFC 5322 3.6.8: ftext up to the colon. */
	for (i = 0; i < n && p[i] > 32 && p[i] < 127 && p[i] != ':'; i++)
		;
	return i > 0 && i < n && p[i] == ':';
}

/* A tar header block: its checksum (the bytes summed with the field
 * itself as spaces) is right, and it names something.  This covers
 * v7 tar, which has no magic, as well as ustar, pax and GNU. */
static int
istar(const unsigned char *u, size_t n)
{
	unsigned long sum = 0, want = 0;
	size_t	 i;

	if (n < 512 || u[0] == 0)
		return 0;
	/* The checksum field first: text fails here, before the sum. */
	for (i = 148; i < 156 && u[i] == ' '; i++)
		;
	if (i == 156 || u[i] < '0' || u[i] > '7')
		return 0;
	for (; i < 156 && u[i] >= '0' && u[i] <= '7'; i++)
		want = want * 8 + (u[i] - '0');
	for (i = 0; i < 512; i++)
		sum += (i >= 148 && i < 156) ? ' ' : u[i];
	return sum == want;
}

/* .lzma (the "alone" format of LZMA SDK): properties lc=3 lp=0 pb=2
 * as every encoder writes them, a dictionary of 2^n or 2^n + 2^(n-1)
 * bytes, a size that is unknown (all ones) or below 2^40. */
static int
islzma(const unsigned char *u, size_t n)
{
	uint32_t d;
	int	 i;

	if (n < 13 || u[0] != 0x5d)
		return 0;
	d = (uint32_t)u[1] | (uint32_t)u[2] << 8 | (uint32_t)u[3] << 16 |
	    (uint32_t)u[4] << 24;
	for (i = 12; i < 31; i++)
		if (d == 1U << i || d == (1U << i) + (1U << (i - 1)))
			break;
	if (i == 31)
		return 0;
	if (memcmp(u + 5, "\377\377\377\377\377\377\377\377", 8) == 0)
		return 1;
	return u[10] == 0 && u[11] == 0 && u[12] == 0;
}

/* bzip2: "BZh", the block size, then a block or the end of stream. */
static int
isbzip2(const unsigned char *u, size_t n)
{

	return n >= 10 && memcmp(u, "BZh", 3) == 0 && u[3] >= '1' &&
	    u[3] <= '9' && (memcmp(u + 4, "1AY&SY", 6) == 0 ||
	    memcmp(u + 4, "\x17\x72\x45\x38\x50\x90", 6) == 0);
}

/* The archives and compressors, by their magic numbers. */
static enum sniff
sniff_magic(const unsigned char *u, size_t n)
{
	static const struct {
		const char	*magic;
		size_t		 len;
		enum sniff	 sn;
	} m[] = {
		{ "\x1f\x8b", 2, SN_GZIP },
		{ "PK\003\004", 4, SN_ZIP },
		{ "PK\005\006", 4, SN_ZIP },		/* an empty archive */
		{ "!<arch>\n", 8, SN_AR },
		{ "070707", 6, SN_CPIO },		/* odc */
		{ "070701", 6, SN_CPIO },		/* newc */
		{ "070702", 6, SN_CPIO },		/* newc with CRC */
		{ "\xc7\x71", 2, SN_CPIO },		/* binary, little-endian */
		{ "\x71\xc7", 2, SN_CPIO },		/* binary, big-endian */
		{ "7z\xbc\xaf\x27\x1c", 6, SN_7Z },
		{ "Rar!\x1a\x07", 6, SN_RAR },	/* rar 4 and 5 */
		{ "\xfd" "7zXZ\0", 6, SN_XZ },
		{ "LZIP", 4, SN_LZIP },
		{ "\x28\xb5\x2f\xfd", 4, SN_ZSTD },
		{ "\x04\x22\x4d\x18", 4, SN_LZ4 },
		{ "\x02\x21\x4c\x18", 4, SN_LZ4 },	/* legacy frames */
		{ "\x1f\x9d", 2, SN_COMPRESS },
	};
	size_t	 i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (n >= m[i].len && memcmp(u, m[i].magic, m[i].len) == 0)
			return m[i].sn;
	if (isbzip2(u, n))
		return SN_BZIP2;
	if (islzma(u, n))
		return SN_LZMA;
	/* A tar cut short in its first block still says what it is. */
	if (istar(u, n) || (n < 512 && n >= 262 &&
	    memcmp(u + 257, "ustar", 5) == 0))
		return SN_TAR;
	return SN_UNKNOWN;
}

enum sniff
sniff_deep(const char *p, size_t n)
{

	/* ECMA-119 8.1: a volume descriptor at sector 16 (of 2048). */
	if (n >= 32769 + 5 && memcmp(p + 32769, "CD001", 5) == 0)
		return SN_ISO;
	return SN_UNKNOWN;
}

int
sniff_container(enum sniff sn)
{

	return sn == SN_GZIP || sn == SN_ZIP || sn >= SN_TAR;
}

enum sniff
sniff(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t	 i = 0, start;
	enum sniff sn;

	if (n == 0)
		return SN_EMPTY;
	if ((sn = sniff_magic(u, n)) != SN_UNKNOWN)
		return sn;
	/* UTF-16 (with or without a BOM, XML spec appendix F) */
	if (n >= 2 && ((u[0] == 0xfe && u[1] == 0xff) ||
	    (u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0 && u[1] == '<') ||
	    (u[0] == '<' && u[1] == 0)))
		return SN_XML;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	if (n - i >= 5 && memcmp(p + i, "From ", 5) == 0)
		return SN_MBOX;
	start = i;
	while (i < n && is_ws((unsigned char)p[i]))
		i++;
	if (i < n && p[i] == '<')
		return SN_XML;
	/* Before the field test: {"a":1} would pass for a field. */
	if (i < n && (p[i] == '{' || p[i] == '['))
		return SN_JSON;
	if (isfield(p + start, n - start))
		return SN_MESSAGE;
	return i == n && n < 4096 ? SN_EMPTY : SN_UNKNOWN;
}
