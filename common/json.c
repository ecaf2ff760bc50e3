/*
 * json.c: parse one JSON text (RFC 8259) with jsmn, then check what
 * jsmn lets through even in strict mode (STYLE.md part c): separators
 * between tokens, literals, numbers, strings, depth, duplicate keys.
 *
 * The checks are one recursive walk over the token tree, bounded by
 * LIM_JSON_DEPTH.  It also fills next[], so that skipping a subtree is
 * one lookup and nothing here is quadratic.
 *
 * json_parse_ours, for our own output only (--csv), makes the same
 * tokens without jsmn and without the checks, at the end of the file.
 */
#define JSMNW_IMPL
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

#include "json.h"
#include "limits.h"
#include "text.h"
#include "utf8.h"

static int	 json_walk(struct json_doc *, int, int, struct err *);

static int
json_isdigit(int c)
{

	return c >= '0' && c <= '9';
}

/* Where token i begins and ends in the text, quotes included. */
static size_t
json_lstart(const struct json_doc *d, int i)
{

	return (size_t)d->tok[i].start - (d->tok[i].type == JSMN_STRING);
}

static size_t
json_lend(const struct json_doc *d, int i)
{

	return (size_t)d->tok[i].end + (d->tok[i].type == JSMN_STRING);
}

/* Set e to "invalid JSON at byte N: ..." and return -1. */
static int
json_bad(const struct json_doc *d, struct err *e, size_t off,
    const char *fmt, ...)
{
	char	 what[256];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	err_set(e, "invalid JSON at byte %zu: %s", d->base + off, what);
	return -1;
}

/* The byte at off, quoted for a message. */
static int
json_unexpected(const struct json_doc *d, struct err *e, size_t off)
{
	unsigned char	 c;

	if (off >= d->len)
		return json_bad(d, e, d->len, "unexpected end of input");
	c = (unsigned char)d->s[off];
	if (c > 0x20 && c < 0x7f)
		return json_bad(d, e, off, "unexpected '%c'", c);
	return json_bad(d, e, off, "unexpected byte 0x%02x", c);
}

/* Four hex digits at p, or -1. */
static long
json_hex4(const char *p, const char *end)
{
	long	 v = 0;
	int	 i, h;

	if (end - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		if ((h = hexdigit((unsigned char)p[i])) < 0)
			return -1;
		v = v << 4 | h;
	}
	return v;
}

/*
 * Decode the escape at p (p[0] is '\\'), RFC 8259 section 7: set *cp
 * and return the bytes used; a surrogate pair is one code point.  0
 * if it is invalid, with *why saying how.
 */
static size_t
json_esc(const char *p, const char *end, uint32_t *cp, const char **why)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char	*c;
	long		 hi, lo;

	*why = "invalid escape";
	if (end - p < 2)
		return 0;
	if (p[1] != 'u') {
		if (p[1] == '\0' || (c = strchr(from, p[1])) == NULL)
			return 0;
		*cp = (unsigned char)to[c - from];
		return 2;
	}
	if ((hi = json_hex4(p + 2, end)) < 0)
		return 0;
	*why = "lone surrogate";
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return 0;
	if (hi < 0xd800 || hi > 0xdbff) {
		*cp = (uint32_t)hi;
		return 6;
	}
	if (end - p < 12 || p[6] != '\\' || p[7] != 'u')
		return 0;
	lo = json_hex4(p + 8, end);
	if (lo < 0xdc00 || lo > 0xdfff)
		return 0;
	*cp = 0x10000 + ((uint32_t)(hi - 0xd800) << 10) + (uint32_t)(lo - 0xdc00);
	return 12;
}

/* Append the content s[0..n) of a validated string, unescaped, as
 * UTF-8 (\u0000 becomes a NUL byte). */
static void
json_unescape(const char *s, size_t n, struct buf *out)
{
	const char	*p = s, *end = s + n, *bs, *why;
	uint32_t	 cp;
	size_t		 used;

	while (p < end) {
		if ((bs = memchr(p, '\\', (size_t)(end - p))) == NULL)
			bs = end;
		buf_add(out, p, (size_t)(bs - p));
		if ((p = bs) == end)
			break;
		if ((used = json_esc(p, end, &cp, &why)) == 0) {
			/* Not from json_parse: do not stop, mark it. */
			cp = 0xfffd;
			used = 1;
		}
		utf8_put(out, cp);
		p += used;
	}
}

/*
 * A string token: valid UTF-8 (RFC 8259 section 8.1), no raw control
 * character (section 7), valid escapes, no lone surrogate (I-JSON,
 * RFC 7493 2.1), at most LIM_TEXT bytes once unescaped.
 */
static int
json_check_string(const struct json_doc *d, int i, struct err *e)
{
	const char	*s = d->s + d->tok[i].start, *end = d->s + d->tok[i].end;
	const char	*p, *why;
	size_t		 ok, used, out = 0;
	uint32_t	 cp;
	char		 u8[4];

	if ((ok = utf8_valid(s, (size_t)(end - s))) < (size_t)(end - s))
		return json_bad(d, e, (size_t)(s - d->s) + ok,
		    "invalid UTF-8 in string");
	for (p = s; p < end; ) {
		if ((unsigned char)*p < 0x20)
			return json_bad(d, e, (size_t)(p - d->s),
			    "control character 0x%02x in string", *p);
		if (*p != '\\') {
			p++;
			out++;
		} else if ((used = json_esc(p, end, &cp, &why)) == 0) {
			return json_bad(d, e, (size_t)(p - d->s), "%s", why);
		} else {
			p += used;
			out += utf8_enc(cp, u8);	/* its length */
		}
		if (out > LIM_TEXT && !d->ours) {
			err_set(e, "JSON string at byte %zu longer than %lu "
			    "MiB", d->base + json_lstart(d, i),
			    LIM_MIB(LIM_TEXT));
			return -1;
		}
	}
	return 0;
}

/* RFC 8259 section 6: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)? */
static int
json_isnumber(const char *p, size_t n)
{
	size_t	 i = 0;

	if (i < n && p[i] == '-')
		i++;
	if (i == n || !json_isdigit(p[i]))
		return 0;
	if (p[i++] != '0')
		while (i < n && json_isdigit(p[i]))
			i++;
	if (i < n && p[i] == '.') {
		if (++i == n || !json_isdigit(p[i]))
			return 0;
		while (i < n && json_isdigit(p[i]))
			i++;
	}
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		if (++i < n && (p[i] == '+' || p[i] == '-'))
			i++;
		if (i == n || !json_isdigit(p[i]))
			return 0;
		while (i < n && json_isdigit(p[i]))
			i++;
	}
	return i == n;
}

/* jsmn checks only the first byte of a primitive: "tru", "1x", "-". */
static int
json_check_prim(const struct json_doc *d, int i, struct err *e)
{
	const char	*p = d->s + d->tok[i].start;
	size_t		 n = (size_t)(d->tok[i].end - d->tok[i].start);
	char		 sn[SNIPPET_SIZE];

	if (json_isnumber(p, n))
		return 0;
	if ((n == 4 && memcmp(p, "true", 4) == 0) ||
	    (n == 5 && memcmp(p, "false", 5) == 0) ||
	    (n == 4 && memcmp(p, "null", 4) == 0))
		return 0;
	return json_bad(d, e, (size_t)d->tok[i].start, "bad %s '%s'",
	    *p == '-' || json_isdigit(*p) ? "number" : "literal",
	    snippet(sn, sizeof(sn), p, n));
}

/*
 * RFC 8259 section 2: between two tokens of a container only
 * whitespace and exactly one sep (',' or ':'); none if sep is 0.
 * close says the gap ends at the closing bracket.
 */
static int
json_gap(const struct json_doc *d, size_t from, size_t to, int sep,
    int close, struct err *e)
{
	size_t	 i;
	int	 seen = 0;

	for (i = from; i < to; i++) {
		if (is_ws((unsigned char)d->s[i]))
			continue;
		if (d->s[i] == sep && !seen) {
			seen = 1;
			continue;
		}
		if (d->s[i] == ',')
			return json_bad(d, e, i, "%s comma", sep == ',' ?
			    "extra" : close ? "trailing" : "unexpected");
		if (d->s[i] == ':')
			return json_bad(d, e, i, "%s colon", sep == ':' ?
			    "extra" : "unexpected");
		return json_unexpected(d, e, i);
	}
	if (sep != 0 && !seen)
		return json_bad(d, e, to, "missing %s",
		    sep == ',' ? "comma" : "colon");
	return 0;
}

/*
 * Scalar i got children: jsmn took a ':' after it as a key's (it
 * files what follows any ':' under the last token).  Point at it.
 */
static int
json_stray(const struct json_doc *d, int i, struct err *e)
{
	size_t	 q;

	if (i + 1 >= d->ntok)
		return json_unexpected(d, e, json_lend(d, i));
	q = json_lstart(d, i + 1);
	while (q > 0 && is_ws((unsigned char)d->s[q - 1]))
		q--;
	return json_unexpected(d, e, q > 0 ? q - 1 : 0);
}

/* Key, ':' and value of the member whose key is token k; returns the
 * token after the value. */
static int
json_member(struct json_doc *d, int k, int depth, struct err *e)
{
	size_t	 q;
	int	 next;

	if (d->tok[k].type != JSMN_STRING)
		return json_unexpected(d, e, json_lstart(d, k));
	if (d->tok[k].size == 0) {
		/* {"a"} or {"a":} */
		q = json_lend(d, k);
		while (q < d->len && is_ws((unsigned char)d->s[q]))
			q++;
		if (q >= d->len || d->s[q] != ':')
			return json_bad(d, e, q, "missing colon");
		while (++q < d->len && is_ws((unsigned char)d->s[q]))
			;
		return json_bad(d, e, q, "missing value");
	}
	if (json_check_string(d, k, e) == -1 ||
	    json_gap(d, json_lend(d, k), json_lstart(d, k + 1), ':', 0,
	    e) == -1)
		return -1;
	d->next[k] = k + 1;
	if ((next = json_walk(d, k + 1, depth, e)) == -1)
		return -1;
	/* {"a":1 "b":2}: jsmn files "b" under "a" */
	if (d->tok[k].size > 1)
		return json_bad(d, e, json_lstart(d, next), "missing comma");
	return next;
}

/*
 * Keys are compared unescaped, each unescaped when it is compared (a
 * key with a backslash is rare): the index of an object's keys is then
 * 4 bytes a key, where holding them unescaped took 32 and more, on top
 * of the document and its tokens (SCHEMA.md 8).  qsort takes no
 * argument for the document: it is in keys_doc while json_dups runs.
 */
static struct json_doc	*keys_doc;
static struct buf	 keys_tmp[2];

static void
json_keytext(int k, struct buf *tmp, const char **p, size_t *n)
{
	const struct json_doc *d = keys_doc;

	*p = d->s + d->tok[k].start;
	*n = (size_t)(d->tok[k].end - d->tok[k].start);
	if (memchr(*p, '\\', *n) == NULL)
		return;
	buf_reset(tmp);
	json_unescape(*p, *n, tmp);
	*p = tmp->p ? tmp->p : "";
	*n = tmp->len;
}

static int
json_keycmp(const void *a, const void *b)
{
	const char	*x, *y;
	size_t		 xn, yn;
	int		 c;

	json_keytext(*(const int *)a, &keys_tmp[0], &x, &xn);
	json_keytext(*(const int *)b, &keys_tmp[1], &y, &yn);
	if ((c = memcmp(x, y, xn < yn ? xn : yn)) != 0)
		return c;
	return xn < yn ? -1 : xn > yn;
}

/* The n keys of object o into d->keys; -1 if out of memory. */
static int
json_keys(struct json_doc *d, int o, size_t n)
{
	int	*nk;
	size_t	 i;
	int	 k;

	if (n > d->nkeys) {
		if ((nk = realloc(d->keys, n * sizeof(*nk))) == NULL)
			return -1;
		d->keys = nk;
		d->nkeys = n;
	}
	for (i = 0, k = o + 1; i < n; i++, k = d->next[k + 1])
		d->keys[i] = k;
	return 0;
}

/*
 * SCHEMA.md 5: a key twice in one object is an error, since readers
 * disagree on which one counts (RFC 8259 section 4; I-JSON, RFC 7493
 * 2.3, forbids it).  Keys compare unescaped: "a" equals "\u0061".
 * Small objects pairwise, big ones sorted: never quadratic.
 */
static int
json_dups(struct json_doc *d, int o, struct err *e)
{
	char	 sn[SNIPPET_SIZE];
	size_t	 n = (size_t)d->tok[o].size, i, j;
	int	 k = -1;

	if (n < 2)
		return 0;
	if (json_keys(d, o, n) == -1) {
		err_set(e, "out of memory");
		return -1;
	}
	keys_doc = d;
	if (n <= 16) {
		for (i = 1; i < n && k == -1; i++)
			for (j = 0; j < i && k == -1; j++)
				if (json_keycmp(&d->keys[i], &d->keys[j]) == 0)
					k = d->keys[i];
	} else {
		qsort(d->keys, n, sizeof(*d->keys), json_keycmp);
		for (i = 1; i < n && k == -1; i++)
			if (json_keycmp(&d->keys[i - 1], &d->keys[i]) == 0)
				k = d->keys[i] > d->keys[i - 1] ?
				    d->keys[i] : d->keys[i - 1];
	}
	keys_doc = NULL;
	if (keys_tmp[0].oom || keys_tmp[1].oom) {
		buf_free(&keys_tmp[0]);
		buf_free(&keys_tmp[1]);
		err_set(e, "out of memory");
		return -1;
	}
	if (k == -1)
		return 0;
	return json_bad(d, e, json_lstart(d, k), "duplicate key \"%s\"",
	    snippet(sn, sizeof(sn), d->s + d->tok[k].start,
	    (size_t)(d->tok[k].end - d->tok[k].start)));
}

/*
 * The members of object c or the elements of array c (its depth is
 * depth), with the gaps between them and up to the closing bracket,
 * then an object's keys for duplicates.  Returns the token after it.
 */
static int
json_walk_container(struct json_doc *d, int c, int depth, struct err *e)
{
	int	 obj = d->tok[c].type == JSMN_OBJECT;
	size_t	 pos = (size_t)d->tok[c].start + 1;
	int	 m, k = c + 1;

	for (m = 0; m < d->tok[c].size; m++) {
		if (k >= d->ntok)
			return json_unexpected(d, e, d->len);
		if (json_gap(d, pos, json_lstart(d, k), m > 0 ? ',' : 0, 0,
		    e) == -1)
			return -1;
		if (obj) {
			/* A member ends with its value, after its key k. */
			pos = k + 1 < d->ntok ? json_lend(d, k + 1) : d->len;
			k = json_member(d, k, depth, e);
		} else {
			pos = json_lend(d, k);
			k = json_walk(d, k, depth, e);
		}
		if (k == -1)
			return -1;
	}
	if (json_gap(d, pos, (size_t)d->tok[c].end - 1, 0, 1, e) == -1)
		return -1;
	if (k < d->ntok && d->tok[k].start < d->tok[c].end)
		return json_unexpected(d, e, json_lstart(d, k));
	if (obj && json_dups(d, c, e) == -1)
		return -1;
	return d->next[c] = k;
}

/* Check token i and all it holds; depth counts the containers around
 * it.  Returns the token after it, or -1. */
static int
json_walk(struct json_doc *d, int i, int depth, struct err *e)
{
	const jsmntok_t	*t = &d->tok[i];
	int		 r;

	switch (t->type) {
	case JSMN_OBJECT:
	case JSMN_ARRAY:
		if (depth >= LIM_JSON_DEPTH && !d->ours) {
			err_set(e, "JSON nested deeper than %d levels at "
			    "byte %zu", LIM_JSON_DEPTH,
			    d->base + (size_t)t->start);
			return -1;
		}
		return json_walk_container(d, i, depth + 1, e);
	case JSMN_STRING:
		r = json_check_string(d, i, e);
		break;
	case JSMN_PRIMITIVE:
		r = json_check_prim(d, i, e);
		break;
	default:
		return json_unexpected(d, e, (size_t)t->start);
	}
	if (r == -1)
		return -1;
	if (t->size != 0)
		return json_stray(d, i, e);
	return d->next[i] = i + 1;
}

/* Room for twice the tokens, up to LIM_JSON_TOKENS. */
static int
json_grow(struct json_doc *d, struct err *e)
{
	jsmntok_t	*nt;
	int		*nn;
	unsigned	 ncap;

	if (d->cap >= LIM_JSON_TOKENS) {
		err_set(e, "JSON document has more than %u Mi tokens",
		    (unsigned)(LIM_JSON_TOKENS >> 20));
		return -1;
	}
	ncap = d->cap ? d->cap * 2 : 256;
	if (ncap > LIM_JSON_TOKENS)
		ncap = LIM_JSON_TOKENS;
	if ((nt = realloc(d->tok, ncap * sizeof(*nt))) == NULL)
		goto oom;
	d->tok = nt;
	if ((nn = realloc(d->next, ncap * sizeof(*nn))) == NULL)
		goto oom;
	d->next = nn;
	d->cap = ncap;
	return 0;
oom:
	err_set(e, "out of memory");
	return -1;
}

/* Where in the string starting at q jsmn found a bad escape. */
static size_t
json_bad_escape(const struct json_doc *d, size_t q)
{
	const char	*p, *end = d->s + d->len, *why;
	uint32_t	 cp;

	for (p = d->s + q + 1; p < end && *p != '"'; p++) {
		if (*p != '\\')
			continue;
		if (json_esc(p, end, &cp, &why) == 0 &&
		    strcmp(why, "invalid escape") == 0)
			return (size_t)(p - d->s);
		p++;	/* past the escaped byte, which may be '"' */
	}
	return q;
}

/* Say why jsmn_parse returned r. */
static int
json_jsmn_error(const struct json_doc *d, const jsmn_parser *p, int r,
    struct err *e)
{
	size_t	 pos = p->pos;

	if (r == JSMN_ERROR_PART) {
		if (pos < d->len && d->s[pos] == '"')
			return json_bad(d, e, pos, "unterminated string");
		return json_bad(d, e, d->len, "unexpected end of input");
	}
	if (pos < d->len && d->s[pos] == '"')
		return json_bad(d, e, json_bad_escape(d, pos),
		    "invalid escape in string");
	/* {"a" 1}: a key with no value yet, and jsmn refused the next */
	if (p->toksuper >= 0 && p->toknext > 0 &&
	    d->tok[p->toksuper].type == JSMN_OBJECT &&
	    d->tok[p->toknext - 1].type == JSMN_STRING &&
	    d->tok[p->toknext - 1].parent == p->toksuper &&
	    d->tok[p->toknext - 1].size == 0)
		return json_bad(d, e, pos, "missing colon");
	/* A primitive with a control or 8-bit byte: point at that byte. */
	if (pos < d->len && strchr("-0123456789tfn", d->s[pos]) != NULL) {
		size_t q = pos;
		while (q < d->len && strchr(" \t\r\n,]}", d->s[q]) == NULL &&
		    d->s[q] >= 0x20 && d->s[q] < 0x7f)
			q++;
		if (q < d->len && strchr(" \t\r\n,]}", d->s[q]) == NULL)
			pos = q;
	}
	return json_unexpected(d, e, pos);
}

/* SCHEMA.md 5: the document is one object.  Said before jsmn runs,
 * which would report a lone number as incomplete. */
static int
json_root(const struct json_doc *d, struct err *e)
{
	size_t	 q = 0;
	int	 c;

	while (q < d->len && is_ws((unsigned char)d->s[q]))
		q++;
	if (q == d->len)
		return json_bad(d, e, q, "no JSON value");
	switch ((c = (unsigned char)d->s[q])) {
	case '{':
		return 0;
	case '[':
		return json_bad(d, e, q, "the root is an array, not an object");
	case '"':
		return json_bad(d, e, q, "the root is a string, not an object");
	default:
		if (c == '-' || json_isdigit(c) || c == 't' || c == 'f' ||
		    c == 'n')
			return json_bad(d, e, q, "the root is not an object");
		return json_unexpected(d, e, q);
	}
}

/* Run jsmn, growing the token array on NOMEM: jsmn resumes where it
 * stopped, so the parser is not reset. */
static int
json_tokens(struct json_doc *d, struct err *e)
{
	jsmn_parser	 p;
	int		 r;

	if (d->cap == 0 && json_grow(d, e) == -1)
		return -1;
	jsmn_init(&p);
	while ((r = jsmn_parse(&p, d->s, d->len, d->tok, d->cap)) ==
	    JSMN_ERROR_NOMEM)
		if (json_grow(d, e) == -1)
			return -1;
	if (r < 0)
		return json_jsmn_error(d, &p, r, e);
	d->ntok = (int)p.toknext;
	return 0;
}

int
json_parse(struct json_doc *d, const char *doc, size_t len, struct err *e)
{
	const char	*nul;
	size_t		 q;

	d->ntok = 0;
	d->base = 0;
	d->plain = 0;
	if (len > (d->ours ? (size_t)INT_MAX : LIM_JSON_DOC)) {
		err_set(e, "JSON document larger than %lu MiB",
		    d->ours ? LIM_MIB((size_t)INT_MAX) : LIM_MIB(LIM_JSON_DOC));
		return -1;
	}
	if (len >= 3 && memcmp(doc, "\xef\xbb\xbf", 3) == 0)
		d->base = 3;	/* RFC 8259 8.1: a parser MAY ignore a BOM */
	d->s = doc + d->base;
	d->len = len - d->base;
	/* jsmn stops silently at a NUL: {"a":1}\0garbage passes. */
	if ((nul = memchr(d->s, '\0', d->len)) != NULL)
		return json_bad(d, e, (size_t)(nul - d->s), "NUL byte");
	if (json_root(d, e) == -1 || json_tokens(d, e) == -1)
		return -1;
	if (d->ntok == 0 || d->tok[0].type != JSMN_OBJECT)
		return json_bad(d, e, 0, "the root is not an object");
	for (q = (size_t)d->tok[0].end; q < d->len; q++)
		if (!is_ws((unsigned char)d->s[q]))
			return json_bad(d, e, q, "data after the root object");
	if (json_walk(d, 0, 0, e) == -1)
		return -1;
	return 0;
}

/*
 * json_parse_ours: tokens as jsmn makes them (JSMN_PARENT_LINKS), and
 * next[] as json_walk fills it, in one pass over a text our writer
 * made.  jsmn alone cost more than the rest of --csv (a switch on
 * every byte); here a string is one memchr from quote to quote.
 *
 * A token goes under sup: a container's element, an object's key, or
 * a key's value, and sup's size counts it.  want says what may come
 * next, so that the shape is what jsonnav.c takes for granted (each
 * key with one value, the token after it), whatever the text: what our
 * writer never makes is an error.  Strings, numbers and literals are
 * not checked inside (json_walk's job).
 */
enum { OURS_VALUE, OURS_KEY, OURS_COLON, OURS_AFTER };

struct ours {
	struct json_doc	*d;
	int		 cur;	/* the innermost open container, or -1 */
	int		 sup;
	int		 want;	/* OURS_* */
};

/* A new token of type at start under o->sup; -1 if there is no room. */
static inline int
ours_tok(struct ours *o, int type, size_t start, struct err *e)
{
	struct json_doc	*d = o->d;
	jsmntok_t	*t;
	int		 i = d->ntok;

	if ((unsigned)i == d->cap && json_grow(d, e) == -1)
		return -1;
	t = &d->tok[i];
	t->type = type;
	t->start = t->end = (int)start;
	t->size = 0;
	t->parent = o->sup;
	if (o->sup >= 0)
		d->tok[o->sup].size++;
	d->next[i] = i + 1;
	d->ntok++;
	return i;
}

/* The end of the string whose content starts at q: its closing quote
 * (the first '"' after an even run of backslashes), or len. */
static size_t
ours_string(const struct json_doc *d, size_t q)
{
	const char	*p = d->s + q, *end = d->s + d->len, *b;

	while ((p = memchr(p, '"', (size_t)(end - p))) != NULL) {
		for (b = p; b > d->s + q && b[-1] == '\\'; b--)
			;
		if ((p - b) % 2 == 0)
			return (size_t)(p - d->s);
		p++;
	}
	return d->len;
}

/* What ends a number or a literal. */
static int
ours_delim(int c)
{

	return c == ',' || c == ']' || c == '}' || c == ':' || is_ws(c);
}

/* The closing bracket c at q: after a value, or at once after the
 * opening one. */
static int
ours_close(struct ours *o, size_t q, int c, struct err *e)
{
	struct json_doc	*d = o->d;
	int		 cur = o->cur;

	if (cur < 0 || d->tok[cur].type != (c == '}' ? JSMN_OBJECT :
	    JSMN_ARRAY) || (o->want != OURS_AFTER && d->ntok - 1 != cur))
		return json_unexpected(d, e, q);
	d->tok[cur].end = (int)q + 1;
	d->next[cur] = d->ntok;
	o->sup = d->tok[cur].parent;
	o->cur = o->sup >= 0 && d->tok[o->sup].type == JSMN_STRING ?
	    d->tok[o->sup].parent : o->sup;	/* past the key */
	o->want = OURS_AFTER;
	return 0;
}

/* A value or key starting with c at *q; *q is moved to its last byte. */
static inline int
ours_value(struct ours *o, size_t *q, int c, struct err *e)
{
	struct json_doc	*d = o->d;
	size_t		 r;
	int		 i, type, key = o->want == OURS_KEY;

	if (o->cur < 0 && d->ntok > 0)
		return json_bad(d, e, *q, "data after the root object");
	if (o->cur < 0 && c != '{')
		return json_bad(d, e, *q, "the root is not an object");
	if (key ? c != '"' : o->want != OURS_VALUE)
		return json_unexpected(d, e, *q);
	type = c == '{' ? JSMN_OBJECT : c == '[' ? JSMN_ARRAY :
	    c == '"' ? JSMN_STRING : JSMN_PRIMITIVE;
	if ((i = ours_tok(o, type, *q + (type == JSMN_STRING), e)) == -1)
		return -1;
	if (type == JSMN_OBJECT || type == JSMN_ARRAY) {
		o->cur = o->sup = i;
		o->want = type == JSMN_OBJECT ? OURS_KEY : OURS_VALUE;
		return 0;
	}
	if (type == JSMN_STRING) {
		if ((r = ours_string(d, *q + 1)) == d->len)
			return json_bad(d, e, *q, "unterminated string");
	} else
		for (r = *q + 1; r < d->len && !ours_delim(d->s[r]); r++)
			;
	d->tok[i].end = (int)r;
	*q = r - (type != JSMN_STRING);
	o->want = key ? OURS_COLON : OURS_AFTER;
	return 0;
}

static int
ours_tokens(struct json_doc *d, struct err *e)
{
	struct ours	 o = { d, -1, -1, OURS_VALUE };
	size_t		 q;
	int		 c, r = 0;

	for (q = 0; r == 0 && q < d->len; q++) {
		switch ((c = (unsigned char)d->s[q])) {
		case '}':
		case ']':
			r = ours_close(&o, q, c, e);
			break;
		case ',':
			if (o.want != OURS_AFTER || o.cur < 0)
				return json_unexpected(d, e, q);
			o.sup = o.cur;
			o.want = d->tok[o.cur].type == JSMN_OBJECT ?
			    OURS_KEY : OURS_VALUE;
			break;
		case ':':
			if (o.want != OURS_COLON)
				return json_unexpected(d, e, q);
			o.sup = d->ntok - 1;
			o.want = OURS_VALUE;
			break;
		default:
			if (!is_ws(c))
				r = ours_value(&o, &q, c, e);
			break;
		}
	}
	if (r == 0 && (o.cur >= 0 || d->ntok == 0))
		return json_unexpected(d, e, d->len);
	return r;
}

int
json_parse_ours(struct json_doc *d, const char *doc, size_t len,
    struct err *e)
{

	d->ours = 1;
	d->ntok = 0;
	d->base = 0;
	d->s = doc;
	d->len = len;
	d->plain = memchr(doc, '\\', len) == NULL;
	if (len > (size_t)INT_MAX) {
		err_set(e, "JSON document larger than %lu MiB",
		    LIM_MIB((size_t)INT_MAX));
		return -1;
	}
	if (d->cap == 0 && json_grow(d, e) == -1)
		return -1;
	return ours_tokens(d, e);
}

void
json_free(struct json_doc *d)
{

	free(d->tok);
	free(d->next);
	free(d->keys);
	buf_free(&keys_tmp[0]);
	buf_free(&keys_tmp[1]);
	memset(d, 0, sizeof(*d));
}

int
json_str(const struct json_doc *d, int i, struct buf *out)
{
	const char	*p = d->s + d->tok[i].start;
	size_t		 n = (size_t)(d->tok[i].end - d->tok[i].start);

	if (d->tok[i].type == JSMN_STRING)
		json_unescape(p, n, out);
	else if (d->tok[i].type == JSMN_PRIMITIVE)
		buf_add(out, p, n);
	else
		return -1;
	return 0;
}
