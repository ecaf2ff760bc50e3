/*
 * rfc2047.c: encoded words in header fields (RFC 2047), and the
 * conversion of text in a named charset to UTF-8.
 *
 * Both append to out: a caller that wants only the result resets out
 * first.  Neither adds a NUL.
 *
 * Decoding is lenient where mail is known to be sloppy: a word is
 * decoded wherever it stands (also glued to text, or inside a quoted
 * string, as many writers put it in display names and filenames), and
 * adjacent words in one charset are joined before conversion, so that
 * a character split over two words (against section 5) still comes
 * out whole.  What cannot be decoded is kept as written.
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "decode.h"
#include "rfc2047.h"
#include "text.h"
#include "utf8.h"

#define CHARSET_MAX	64	/* longer names are no charset we know */

/* One encoded word, "=?" charset ["*" lang] "?" enc "?" text "?=". */
struct eword {
	const char	*cs;		/* charset, without the language */
	size_t		 cslen;
	int		 enc;		/* 'b' or 'q' */
	const char	*text;
	size_t		 tlen;
	const char	*end;		/* just after "?=" */
};

/* A run of adjacent words in one charset, waiting to be converted. */
struct ewrun {
	const char	*start, *end;	/* the words as written */
	const char	*ws, *wsend;	/* whitespace dropped before them */
	const char	*cs;
	size_t		 cslen;
	struct buf	 raw;		/* their decoded bytes */
	int		 active;
};

/*
 * Parse the word that starts at p ("=?"); 0 if it is one.  Section 2:
 * no white space or controls anywhere in it.  The 75-character limit
 * is not enforced: many writers exceed it.
 */
static int
ew_parse(const char *p, const char *end, struct eword *w)
{
	const char	*q;

	p += 2;
	for (q = p; q < end && *q != '?'; q++)
		if ((unsigned char)*q <= ' ' || *q == 0x7f || *q == '=' ||
		    q - p >= CHARSET_MAX)
			return -1;
	if (q == end || q == p)
		return -1;
	w->cs = p;
	w->cslen = (size_t)(q - p);
	/* RFC 2231 section 5: charset "*" language. */
	if ((p = memchr(w->cs, '*', w->cslen)) != NULL)
		w->cslen = (size_t)(p - w->cs);
	if (w->cslen == 0)
		return -1;
	q++;
	if (end - q < 2 || q[1] != '?')
		return -1;
	if (*q == 'B' || *q == 'b')
		w->enc = 'b';
	else if (*q == 'Q' || *q == 'q')
		w->enc = 'q';
	else
		return -1;
	w->text = q += 2;
	for (; q < end && *q != '?'; q++)
		if ((unsigned char)*q <= ' ' || *q == 0x7f)
			return -1;
	if (end - q < 2 || q[1] != '=')
		return -1;
	w->tlen = (size_t)(q - w->text);
	w->end = q + 2;
	return 0;
}

/* Section 4.2: "_" is a space, "=XX" an octet; a bad "=" is malformed. */
static int
q_decode(const char *s, size_t n, struct buf *raw)
{
	size_t	 i;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '_')
			buf_addc(raw, ' ');
		else if (s[i] != '=')
			buf_addc(raw, s[i]);
		else {
			if (n - i < 3 || (hi = hexdigit((unsigned char)s[i + 1])) < 0 ||
			    (lo = hexdigit((unsigned char)s[i + 2])) < 0)
				return -1;
			buf_addc(raw, hi << 4 | lo);
			i += 2;
		}
	}
	return 0;
}

/* Section 4.1: base64; padding may be missing, nothing else may. */
static int
b_decode(const char *s, size_t n, struct buf *raw)
{
	unsigned long	 acc = 0;
	size_t		 i, bits = 0;
	int		 v;

	while (n > 0 && s[n - 1] == '=')
		n--;
	if (n % 4 == 1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((v = b64digit((unsigned char)s[i])) < 0)
			return -1;
		acc = (acc << 6 | (unsigned long)v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_addc(raw, (int)(acc >> bits & 0xff));
		}
	}
	return 0;
}

/* Convert and write the run; what fails is written as it came. */
static void
run_flush(struct ewrun *r, struct buf *out, int *prevfailed)
{
	int	 failed;
	char	 cs[CHARSET_MAX + 1];

	if (!r->active)
		return;
	memcpy(cs, r->cs, r->cslen);
	cs[r->cslen] = '\0';
	/* Whitespace only goes between two words that both decode. */
	if (*prevfailed)
		utf8_fix(out, r->ws, (size_t)(r->wsend - r->ws));
	failed = r->raw.oom || charset_to_utf8(out, cs, r->raw.p,
	    r->raw.len) == -1;
	if (failed) {
		if (!*prevfailed)
			utf8_fix(out, r->ws, (size_t)(r->wsend - r->ws));
		utf8_fix(out, r->start, (size_t)(r->end - r->start));
	}
	*prevfailed = failed;
	r->active = 0;
	buf_reset(&r->raw);
}

static int
allws(const char *s, const char *end)
{

	for (; s < end; s++)
		if (!is_ws((unsigned char)*s))
			return 0;
	return 1;
}

void
rfc2047_decode(struct buf *out, const char *s, size_t n)
{
	struct ewrun	 r = { 0 };
	struct eword	 w;
	struct buf	 word = { 0 };
	const char	*end, *lit = s, *p = s, *q;
	int		 adj, prevfailed = 0, bad;

	if (n == 0)
		return;
	end = s + n;	/* s may be NULL when n is 0 */
	while ((q = memchr(p, '=', (size_t)(end - p))) != NULL) {
		p = q + 1;
		if (p == end || *p != '?' || ew_parse(q, end, &w) == -1)
			continue;
		buf_reset(&word);
		bad = w.enc == 'b' ? b_decode(w.text, w.tlen, &word) :
		    q_decode(w.text, w.tlen, &word);
		if (bad)
			continue;
		/* Section 6.2: the space between two adjacent words goes. */
		adj = r.active && allws(lit, q);
		if (!adj || !eqin(r.cs, r.cslen, w.cs, w.cslen)) {
			run_flush(&r, out, &prevfailed);
			if (!adj) {
				utf8_fix(out, lit, (size_t)(q - lit));
				prevfailed = 0;
			}
			r.active = 1;
			r.start = q;
			r.ws = lit;
			r.wsend = adj ? q : lit;
			r.cs = w.cs;
			r.cslen = w.cslen;
		}
		buf_add(&r.raw, word.p, word.len);
		if (word.oom)
			r.raw.oom = 1;
		r.end = p = lit = w.end;
	}
	run_flush(&r, out, &prevfailed);
	utf8_fix(out, lit, (size_t)(end - lit));
	buf_free(&r.raw);
	buf_free(&word);
}

/*
 * Labels that mean a superset in practice (as browsers read them,
 * WHATWG Encoding): text labelled gb2312 is often GBK, euc-kr often
 * windows-949.
 */
static const char *const cs_alias[][2] = {
	{ "gb2312",		"GB18030" },
	{ "gbk",		"GB18030" },
	{ "x-gbk",		"GB18030" },
	{ "cp936",		"GB18030" },
	{ "euc-cn",		"GB18030" },
	{ "big5",		"BIG5-HKSCS" },
	{ "euc-kr",		"CP949" },
	{ "ks_c_5601-1987",	"CP949" },
	{ "ks_c_5601",		"CP949" },
	{ "iso-8859-8-i",	"ISO-8859-8" },
	{ "windows-874",	"CP874" },
	{ "tis-620",		"CP874" },
	{ "shift_jis",		"CP932" },
	{ "x-sjis",		"CP932" },
	{ "unicode-1-1-utf-7",	"UTF-7" },
};

/* Read as windows-1252 (WHATWG reads ISO-8859-1 so too); never fails. */
static void
from_cp1252(struct buf *out, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x80)
			buf_addc(out, s[i]);
		else
			utf8_put(out, cp1252_cp((unsigned char)s[i]));
}

static int
from_iconv(struct buf *out, const char *cs, const char *s, size_t n)
{
	iconv_t	 cd;
	char	*in = (char *)s, *o;
	size_t	 inleft = n, oleft, start = out->len, r;

	if ((cd = iconv_open("UTF-8", cs)) == (iconv_t)-1)
		return -1;
	for (;;) {
		if (buf_grow(out, out->len + inleft * 2 + 16) == -1)
			break;
		o = out->p + out->len;
		oleft = out->cap - out->len;
		r = inleft > 0 ? iconv(cd, &in, &inleft, &o, &oleft) :
		    iconv(cd, NULL, NULL, &o, &oleft);
		out->len = (size_t)(o - out->p);
		if (r != (size_t)-1 && inleft == 0) {
			/* Once more with NULL: the end of a shift state. */
			if (in == NULL)
				break;
			in = NULL;
			continue;
		}
		if (r == (size_t)-1 && errno != E2BIG)
			break;
	}
	iconv_close(cd);
	if (in != NULL || buf_failed(out)) {
		out->len = start;
		return -1;
	}
	return 0;
}

int
charset_to_utf8(struct buf *out, const char *charset, const char *s,
    size_t n)
{
	char	 cs[CHARSET_MAX + 1];
	size_t	 i, cn = strlen(charset);
	const char *t = charset;

	trim(&t, &cn);
	if (cn == 0 || cn > CHARSET_MAX)
		return -1;
	/* A name is a token; anything else could be an iconv option. */
	for (i = 0; i < cn; i++) {
		if (!((t[i] >= 'a' && t[i] <= 'z') ||
		    (t[i] >= 'A' && t[i] <= 'Z') ||
		    (t[i] >= '0' && t[i] <= '9') || strchr("-_.:+", t[i])))
			return -1;
		cs[i] = t[i];
	}
	cs[cn] = '\0';
	lower(cs, cn);
	if (strcmp(cs, "us-ascii") == 0 || strcmp(cs, "ascii") == 0) {
		for (i = 0; i < n; i++)
			if ((unsigned char)s[i] >= 0x80)
				return -1;
		buf_add(out, s, n);
		return 0;
	}
	if (strcmp(cs, "utf-8") == 0 || strcmp(cs, "utf8") == 0) {
		if (utf8_valid(s, n) != n)
			return -1;
		buf_add(out, s, n);
		return 0;
	}
	if (strcmp(cs, "iso-8859-1") == 0 || strcmp(cs, "latin1") == 0 ||
	    strcmp(cs, "windows-1252") == 0 || strcmp(cs, "cp1252") == 0) {
		from_cp1252(out, s, n);
		return 0;
	}
	for (i = 0; i < sizeof(cs_alias) / sizeof(cs_alias[0]); i++)
		if (strcmp(cs, cs_alias[i][0]) == 0)
			return from_iconv(out, cs_alias[i][1], s, n);
	return from_iconv(out, cs, s, n);
}
