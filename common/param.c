/*
 * param.c: the media type of a Content-Type value and the parameters
 * of Content-Type and Content-Disposition values (RFC 2045 section
 * 5.1, RFC 2183, RFC 2231).
 *
 * Both replace the content of out and leave it NUL-terminated (the NUL
 * is not counted in out->len); on an allocation failure buf_failed(out)
 * is true and the content is not to be used.
 *
 * Real mail bends the grammar, and we bend with it (as MUAs do):
 *  - white space around "=" and around "/";
 *  - a missing ";" between parameters ("a=1 b=2"), while an unquoted
 *    value may still hold spaces ("name=my report.zip") as long as what
 *    follows them does not look like a parameter;
 *  - an unterminated quoted string runs to the end of the value;
 *  - a quoted RFC 2231 value (filename*="utf-8''r%C3%A9port");
 *  - RFC 2047 encoded words in a plain value (filename="=?utf-8?B?...?="),
 *    which RFC 2047 section 5 forbids and Outlook and others write;
 *  - 8-bit bytes in a plain value: UTF-8 if they are, else windows-1252.
 * When a parameter is given both plainly and in RFC 2231 form, the
 * RFC 2231 form wins: it is the one that can carry the whole name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "param.h"
#include "rfc2047.h"
#include "text.h"
#include "utf8.h"

/* One parameter as written; val excludes the quotes, escapes stay. */
struct mparam {
	const char	*attr;
	size_t		 alen;
	const char	*val;
	size_t		 vlen;
	int		 quoted;
};

/* One section of an RFC 2231 value (section 3): name*N or name*N*. */
struct msect {
	unsigned long	 num;
	size_t		 ord;	/* position in the value, for a stable sort */
	int		 ext;	/* percent-encoded (section 4) */
	struct mparam	 p;
};

struct msects {
	struct msect	*v;
	size_t		 n, cap;
	int		 oom;
};

/* RFC 2045 section 5.1: tspecials (a switch: this runs per byte). */
static int
istspecial(int c)
{

	switch (c) {
	case '(': case ')': case '<': case '>': case '@': case ',': case ';':
	case ':': case '\\': case '"': case '/': case '[': case ']': case '?':
	case '=':
		return 1;
	default:
		return 0;
	}
}

/* RFC 2045 section 5.1: tspecials, and SPACE and CTLs. */
static int
istoken(int c)
{

	return c > ' ' && c < 0x7f && !istspecial(c);
}

/* A character of an attribute as we accept it: more than a token. */
static int
isattr(int c)
{

	return c > ' ' && c != 0x7f && c != ';' && c != '=' && c != '"' &&
	    c != '(';
}

static const char *
skip_ws(const char *p, const char *end)
{

	while (p < end && is_ws((unsigned char)*p))
		p++;
	return p;
}

/* An RFC 5322 comment at p ("("); comments nest, "\" quotes. */
static const char *
skip_comment(const char *p, const char *end)
{
	int	 depth = 0;

	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p + 1;
	}
	return end;
}

/*
 * A quoted string at p ('"'): *inner gets the end of its content (the
 * closing quote, or end if there is none); returns the position after.
 */
static const char *
skip_quoted(const char *p, const char *end, const char **inner)
{

	for (p++; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '"') {
			*inner = p;
			return p + 1;
		}
	}
	*inner = end;
	return end;
}

/* Does an "attribute =" start at p? */
static int
at_param(const char *p, const char *end)
{
	const char	*a = p;

	while (p < end && isattr((unsigned char)*p))
		p++;
	if (p == a)
		return 0;
	p = skip_ws(p, end);
	return p < end && *p == '=';
}

/* An unquoted value at p: up to ";", a comment, or a next parameter. */
static const char *
token_end(const char *p, const char *end)
{
	const char	*s;

	while (p < end && *p != ';') {
		if (is_ws((unsigned char)*p)) {
			s = skip_ws(p, end);
			if (s == end || *s == ';' || *s == '(' ||
			    at_param(s, end))
				return p;
			p = s;
		} else
			p++;
	}
	return p;
}

/*
 * The next parameter at or after p; returns the position after it, or
 * NULL when there is none.  Words without "=" (the type or disposition,
 * junk) and comments are passed over.
 */
static const char *
param_next(const char *p, const char *end, struct mparam *mp)
{
	const char	*q;

	for (;;) {
		while (p < end && (is_ws((unsigned char)*p) || *p == ';'))
			p++;
		if (p == end)
			return NULL;
		if (*p == '(') {
			p = skip_comment(p, end);
			continue;
		}
		if (*p == '"') {
			p = skip_quoted(p, end, &q);
			continue;
		}
		mp->attr = p;
		while (p < end && isattr((unsigned char)*p))
			p++;
		mp->alen = (size_t)(p - mp->attr);
		if (mp->alen == 0) {
			p++;		/* a stray "=" */
			continue;
		}
		q = skip_ws(p, end);
		if (q == end || *q != '=')
			continue;
		q = skip_ws(q + 1, end);
		if (q < end && *q == '"') {
			mp->quoted = 1;
			mp->val = q + 1;
			p = skip_quoted(q, end, &q);
			mp->vlen = (size_t)(q - mp->val);
		} else {
			mp->quoted = 0;
			mp->val = q;
			p = token_end(q, end);
			mp->vlen = (size_t)(p - q);
		}
		return p;
	}
}

/* The value of mp, quotes and quoted-pairs removed, appended to b. */
static void
unquote(const struct mparam *mp, struct buf *b)
{
	const char *p, *end, *bs;

	if (!mp->quoted) {
		buf_add(b, mp->val, mp->vlen);
		return;
	}
	/* Runs between backslashes as they are; a backslash at the very
	 * end quotes nothing and stays. */
	for (p = mp->val, end = p + mp->vlen; p < end; p = bs + 2) {
		if ((bs = memchr(p, '\\', (size_t)(end - p))) == NULL) {
			buf_add(b, p, (size_t)(end - p));
			return;
		}
		buf_add(b, p, (size_t)(bs - p));
		if (bs + 1 == end) {
			buf_addc(b, '\\');
			return;
		}
		buf_addc(b, bs[1]);
	}
}

/* RFC 2231 section 4: %XX octets; a "%" that is not one stays. */
static void
pct_decode(const char *s, size_t n, struct buf *b)
{
	size_t	 i;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && n - i >= 3 &&
		    (hi = hexdigit((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexdigit((unsigned char)s[i + 2])) >= 0) {
			buf_addc(b, hi << 4 | lo);
			i += 2;
		} else
			buf_addc(b, s[i]);
	}
}

/*
 * Is attr name*, name*N or name*N* (RFC 2231 sections 3, 4)?  Then set
 * the section number (0 for name*) and whether it is encoded.
 */
static int
sect_match(const struct mparam *mp, const char *name, size_t nlen,
    unsigned long *num, int *ext)
{
	const char	*s = mp->attr + nlen;
	size_t		 n = mp->alen - nlen, i;

	if (mp->alen <= nlen || *s != '*' || !eqi(mp->attr, nlen, name))
		return 0;
	s++;
	n--;
	*ext = n == 0 || s[n - 1] == '*';
	if (n > 0 && s[n - 1] == '*')
		n--;
	/* Nine digits: no overflow, and more sections than a line holds. */
	if (n > 9)
		return 0;
	*num = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*num = *num * 10 + (unsigned long)(s[i] - '0');
	}
	return 1;
}

static void
sects_add(struct msects *ss, const struct mparam *mp, unsigned long num,
    int ext)
{
	struct msect	*nv;
	size_t		 ncap;

	if (ss->oom)
		return;
	if (ss->n == ss->cap) {
		ncap = ss->cap ? ss->cap * 2 : 8;
		if (ncap > SIZE_MAX / sizeof(*nv) ||
		    (nv = realloc(ss->v, ncap * sizeof(*nv))) == NULL) {
			ss->oom = 1;
			return;
		}
		ss->v = nv;
		ss->cap = ncap;
	}
	ss->v[ss->n].num = num;
	ss->v[ss->n].ord = ss->n;
	ss->v[ss->n].ext = ext;
	ss->v[ss->n].p = *mp;
	ss->n++;
}

static int
sect_cmp(const void *a, const void *b)
{
	const struct msect *x = a, *y = b;

	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

/*
 * Join the sections in numeric order (a repeated number: the first
 * wins) and convert from the charset of section 0 (section 4.1).
 * Bytes in no known charset are taken as UTF-8, else windows-1252.
 */
static void
sects_join(struct msects *ss, struct buf *out)
{
	struct buf	 raw = { 0 }, part = { 0 };
	char		 cs[65] = "";
	const char	*t, *q1, *q2;
	size_t		 i, tn;

	qsort(ss->v, ss->n, sizeof(ss->v[0]), sect_cmp);
	for (i = 0; i < ss->n; i++) {
		if (i > 0 && ss->v[i].num == ss->v[i - 1].num)
			continue;
		buf_reset(&part);
		unquote(&ss->v[i].p, &part);
		if (!ss->v[i].ext) {
			buf_add(&raw, part.p, part.len);
			continue;
		}
		t = part.p;
		tn = part.len;
		if (ss->v[i].num == 0 && i == 0 && tn > 0 &&
		    (q1 = memchr(t, '\'', tn)) != NULL &&
		    (q2 = memchr(q1 + 1, '\'', tn - (size_t)(q1 - t) - 1))
		    != NULL) {
			if ((size_t)(q1 - t) < sizeof(cs)) {
				memcpy(cs, t, (size_t)(q1 - t));
				cs[q1 - t] = '\0';
			}
			tn -= (size_t)(q2 + 1 - t);
			t = q2 + 1;
		}
		pct_decode(t, tn, &raw);
	}
	if (raw.oom || part.oom)
		out->oom = 1;
	else if (cs[0] == '\0' || charset_to_utf8(out, cs, raw.p, raw.len) == -1)
		utf8_fix(out, raw.p, raw.len);
	buf_free(&raw);
	buf_free(&part);
}

static void
nul_terminate(struct buf *out)
{

	buf_addc(out, '\0');
	if (!buf_failed(out))
		out->len--;
}

void
mime_type(const char *val, size_t n, struct buf *out)
{
	const char	*p = val, *end = val + n, *t, *te, *s;

	buf_reset(out);
	for (;;) {
		p = skip_ws(p, end);
		if (p == end || *p != '(')
			break;
		p = skip_comment(p, end);
	}
	for (t = p; p < end && istoken((unsigned char)*p); p++)
		;
	te = p;
	p = skip_ws(p, end);
	if (te > t && p < end && *p == '/') {
		p = skip_ws(p + 1, end);
		for (s = p; p < end && istoken((unsigned char)*p); p++)
			;
		if (p > s) {
			buf_add(out, t, (size_t)(te - t));
			buf_addc(out, '/');
			buf_add(out, s, (size_t)(p - s));
			if (!buf_failed(out))
				lower(out->p, out->len);
		}
	}
	nul_terminate(out);
}

int
mime_param(const char *val, size_t n, const char *name, struct buf *out)
{
	struct msects	 ss = { 0 };
	struct mparam	 mp, plain = { 0 };
	const char	*p = val, *end = val + n;
	size_t		 nlen = strlen(name);
	unsigned long	 num;
	int		 ext, found = 0;

	buf_reset(out);
	while ((p = param_next(p, end, &mp)) != NULL) {
		if (mp.alen == nlen && eqi(mp.attr, nlen, name)) {
			if (!found)
				plain = mp;
			found = 1;
		} else if (sect_match(&mp, name, nlen, &num, &ext))
			sects_add(&ss, &mp, num, ext);
	}
	if (ss.oom)
		out->oom = 1;
	else if (ss.n > 0)
		sects_join(&ss, out);
	else if (found) {
		struct buf	 raw = { 0 };

		unquote(&plain, &raw);
		if (raw.oom)
			out->oom = 1;
		rfc2047_decode(out, raw.p, raw.len);
		buf_free(&raw);
	}
	free(ss.v);
	nul_terminate(out);
	return found || ss.n > 0;
}
