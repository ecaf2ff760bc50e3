/*
 * sniff.c: what a stream holds, from its first bytes: never from a
 * name (reports arrive as .txt, as octet-stream, as anything).
 */
#include <string.h>

#include "sniff.h"

static int
isfield(const char *p, size_t n)
{
	size_t	 i;

	/* RFC 5322 3.6.8: ftext up to the colon. */
	for (i = 0; i < n && p[i] > 32 && p[i] < 127 && p[i] != ':'; i++)
		;
	return i > 0 && i < n && p[i] == ':';
}

enum sniff
sniff(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t	 i = 0, start;

	if (n == 0)
		return SN_EMPTY;
	if (n >= 2 && u[0] == 0x1f && u[1] == 0x8b)
		return SN_GZIP;
	if (n >= 4 && memcmp(p, "PK\003\004", 4) == 0)
		return SN_ZIP;
	if (n >= 4 && memcmp(p, "PK\005\006", 4) == 0)
		return SN_ZIP;		/* an empty archive */
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
	while (i < n && strchr(" \t\r\n", p[i]) && p[i] != '\0')
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
