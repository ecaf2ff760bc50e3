/*
 * jsonw.c: JSON text writers (SCHEMA.md section 1).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "jsonw.h"
#include "utf8.h"

/* 1 where a byte needs an escape: controls, '"' and '\\'. */
static const unsigned char needs_esc[256] = {
	1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
	0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
	0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,
};

void
jw_comma(struct buf *b)
{
	int	 c = buf_last(b);

	if (c != -1 && c != '{' && c != '[' && c != ',')
		buf_addc(b, ',');
}

/* Whether any byte of w is below 0x20, '"' or '\\' (the bit tricks
 * of "Bit Twiddling Hacks": a zero byte of w ^ k marks a k). */
static int
word_needs_esc(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones << 7;
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');

	return (((w - ones * 0x20) | (q - ones) | (b - ones)) & ~w & high) != 0;
}

/* Escape valid UTF-8 s into b. */
static void
esc(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t	 i, run = 0;
	uint64_t w;
	char	 e[6];

	for (i = 0; i < n; i++) {
		unsigned char c;
		while (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if (word_needs_esc(w))
				break;
			i += 8;
		}
		if (i == n)
			break;
		c = (unsigned char)s[i];
		if (!needs_esc[c])
			continue;
		buf_add(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"':  buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '\b': buf_adds(b, "\\b"); break;
		case '\f': buf_adds(b, "\\f"); break;
		default:
			memcpy(e, "\\u00", 4);
			e[4] = hex[c >> 4];
			e[5] = hex[c & 15];
			buf_add(b, e, 6);
		}
	}
	buf_add(b, s + run, n - run);
}

void
jw_str(struct buf *b, const char *s, size_t n)
{
	struct buf tmp = { 0 };
	size_t	 ok;

	buf_addc(b, '"');
	ok = utf8_valid(s, n);
	if (ok == n)
		esc(b, s, n);
	else {
		utf8_fix(&tmp, s, n);
		if (tmp.oom)
			b->oom = 1;
		else
			esc(b, tmp.p, tmp.len);
		buf_free(&tmp);
	}
	buf_addc(b, '"');
}

void
jw_utf8(struct buf *b, const char *s, size_t n)
{
	size_t	 i;
	char	*p;

	/* Most values are short and need no escape: then one check of
	 * room and one copy, with the quotes. */
	if (b->len + n + 2 <= b->cap && (!b->max || b->len + n + 2 <= b->max) &&
	    !b->oom && !b->over) {
		for (i = 0; i < n && !needs_esc[(unsigned char)s[i]]; i++)
			;
		if (i == n) {
			p = b->p + b->len;
			*p = '"';
			memcpy(p + 1, s, n);
			p[n + 1] = '"';
			b->len += n + 2;
			return;
		}
	}
	buf_addc(b, '"');
	esc(b, s, n);
	buf_addc(b, '"');
}

void
jw_rawkey(struct buf *b, const char *k, size_t n)
{
	char	*p;

	if (b->len > 0 && b->p[b->len - 1] != '{' && b->p[b->len - 1] != '[' &&
	    b->p[b->len - 1] != ',')
		buf_addc(b, ',');	/* jw_comma, inline */
	/* One check for the whole key: this runs for every member. */
	if (b->len + n + 3 > b->cap || (b->max && b->len + n + 3 > b->max) ||
	    b->oom || b->over) {
		buf_addc(b, '"');
		buf_add(b, k, n);
		buf_adds(b, "\":");
		return;
	}
	p = b->p + b->len;
	*p++ = '"';
	memcpy(p, k, n);
	p[n] = '"';
	p[n + 1] = ':';
	b->len += n + 3;
}

void
jw_cstr(struct buf *b, const char *s)
{

	jw_str(b, s, strlen(s));
}

void
jw_keyn(struct buf *b, const char *k, size_t n)
{

	jw_comma(b);
	jw_str(b, k, n);
	buf_addc(b, ':');
}

void
jw_key(struct buf *b, const char *k)
{

	jw_keyn(b, k, strlen(k));
}

void
jw_int(struct buf *b, long long v)
{
	char	 s[24], *p = s + sizeof(s);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(s + sizeof(s) - p));
}

void
jw_kstr(struct buf *b, const char *key, const char *s, size_t n)
{

	if (s == NULL || n == 0)
		return;
	jw_key(b, key);
	jw_str(b, s, n);
}
