/*
 * utf8.c: UTF-8 validation (RFC 3629) and the windows-1252 fallback
 * for text that claims UTF-8 but is not (a raw 0x91 quote, seen in
 * real reports).
 */
#include <string.h>

#include "utf8.h"

/* 0x80..0x9f of windows-1252; 0 marks the five undefined bytes. */
static const uint16_t cp1252_hi[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

uint32_t
cp1252_cp(unsigned char c)
{

	if (c >= 0x80 && c < 0xa0 && cp1252_hi[c - 0x80])
		return cp1252_hi[c - 0x80];
	return c;
}

size_t
utf8_enc(uint32_t cp, char *s)
{

	if (cp < 0x80) {
		s[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		s[0] = (char)(0xc0 | cp >> 6);
		s[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		s[0] = (char)(0xe0 | cp >> 12);
		s[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	s[0] = (char)(0xf0 | cp >> 18);
	s[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	s[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	s[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

void
utf8_put(struct buf *b, uint32_t cp)
{
	char	 s[4];

	if (cp < 0x80)
		buf_addc(b, (int)cp);	/* most of what is put */
	else
		buf_add(b, s, utf8_enc(cp, s));
}

/*
 * Length of the valid sequence starting at s[0] (a byte >= 0x80), 0 if
 * it is invalid, or -(needed) if it is valid so far but cut off by n.
 */
static int
seqlen(const unsigned char *s, size_t n)
{
	int	 len, i;
	unsigned char lo = 0x80, hi = 0xbf;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;	/* no surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	for (i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -len;
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80, hi = 0xbf;
	}
	return len;
}

size_t
utf8_valid_chunk(const char *p, size_t n, size_t *cut)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t	 i = 0;
	int	 l;

	*cut = 0;
	while (i < n) {
		/* Plain ASCII runs are most of any report. */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i == n)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		l = seqlen(s + i, n - i);
		if (l < 0) {
			*cut = n - i;
			return i;
		}
		if (l == 0)
			return i;
		i += (size_t)l;
	}
	return i;
}

size_t
utf8_valid(const char *p, size_t n)
{
	size_t	 cut;

	return utf8_valid_chunk(p, n, &cut);
}

size_t
utf8_fix(struct buf *b, const char *p, size_t n)
{
	size_t	 ok, bad = 0;

	while (n > 0) {
		ok = utf8_valid(p, n);
		buf_add(b, p, ok);
		p += ok;
		n -= ok;
		if (n == 0)
			break;
		utf8_put(b, cp1252_cp((unsigned char)*p));
		p++;
		n--;
		bad++;
	}
	return bad;
}
