/*
 * xmlfeed.c: feeding expat (see xmlfeed.h).
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmlfeed.h"
#include "../common/buf.h"
#include "../common/limits.h"
#include "../common/text.h"
#include "../common/utf8.h"

/* windows-1252 is not built into expat (STYLE.md part c). */
static int XMLCALL
xmlfeed_encoding(void *data, const XML_Char *name, XML_Encoding *info)
{
	int	 i;

	(void)data;
	if (!eqi(name, strlen(name), "windows-1252") &&
	    !eqi(name, strlen(name), "cp1252") &&
	    !eqi(name, strlen(name), "x-cp1252"))
		return XML_STATUS_ERROR;
	for (i = 0; i < 256; i++)
		info->map[i] = (int)cp1252_cp((unsigned char)i);
	info->data = NULL;
	info->convert = NULL;
	info->release = NULL;
	return XML_STATUS_OK;
}

/*
 * The encoding the XML declaration at the start of p[0..n) names,
 * into name (NUL-ended, size bytes at most): 0, or -1 when there is
 * no declaration or it names none.
 */
static int
decl_encoding(const char *p, size_t n, char *name, size_t size)
{
	const char *end, *enc, *q;
	size_t	 len, i;

	if (n < 5 || memcmp(p, "<?xml", 5) != 0)
		return -1;
	if ((end = memchr(p, '>', n)) == NULL)
		return -1;
	len = (size_t)(end - p);
	for (enc = p; (enc = memchr(enc, 'e', len - (size_t)(enc - p))) != NULL;
	    enc++) {
		if ((size_t)(end - enc) < 9 || memcmp(enc, "encoding", 8) != 0)
			continue;
		for (q = enc + 8; q < end && strchr(" \t\r\n=", *q); q++)
			;
		if (q < end && (*q == '"' || *q == '\''))
			q++;
		for (i = 0; q + i < end && i + 1 < size &&
		    !strchr("\"' \t\r\n?", q[i]); i++)
			name[i] = q[i];
		name[i] = '\0';
		return i > 0 ? 0 : -1;
	}
	return -1;
}

/* UTF-16 by its first bytes (a BOM, or a NUL in "<?"). */
static int
is_utf16(const char *p, size_t n)
{

	return n >= 2 && (p[0] == '\0' || p[1] == '\0' ||
	    (unsigned char)p[0] == 0xfe || (unsigned char)p[0] == 0xff);
}

/*
 * Whether to read the document through the UTF-8 repair: it is in
 * UTF-8 by its declaration or by default (XML 1.0 4.3.3), not UTF-16.
 */
static int
wants_utf8_fix(const char *p, size_t n)
{
	char	 enc[64];

	if (is_utf16(p, n))
		return 0;
	if (decl_encoding(p, n, enc, sizeof(enc)) == -1)
		return 1;
	return eqi(enc, strlen(enc), "utf-8") || eqi(enc, strlen(enc), "utf8");
}

/*
 * SCHEMA.md 1: a declared encoding that expat does not read itself
 * (UTF-8, UTF-16, US-ASCII, ISO-8859-1) nor xmlfeed_encoding
 * (windows-1252) goes through iconv: windows-1251, KOI8-R,
 * ISO-8859-2, Shift_JIS, GB2312, EUC-KR...  Returns the converter,
 * or (iconv_t)-1 when the document needs none or iconv knows no such
 * encoding (then expat says "unknown encoding", as before).
 */
static iconv_t
converter(const char *p, size_t n, char *enc, size_t size)
{
	static const char *const native[] = { "utf-8", "utf8", "us-ascii",
	    "iso-8859-1", "windows-1252", "cp1252", "x-cp1252", NULL };
	size_t	 i, len;

	if (is_utf16(p, n) || decl_encoding(p, n, enc, size) == -1)
		return (iconv_t)-1;
	len = strlen(enc);
	if (len >= 6 && eqi(enc, 6, "utf-16"))
		return (iconv_t)-1;
	for (i = 0; native[i] != NULL; i++)
		if (eqi(enc, len, native[i]))
			return (iconv_t)-1;
	return iconv_open("UTF-8", enc);
}

static int	 parse(struct xmlfeed *, const char *, size_t, int);

/*
 * Feed the rest of s to expat converted to UTF-8 by cd, expat told
 * that the document is UTF-8 whatever its declaration says.
 */
static int
feed_converted(struct xmlfeed *x, struct stream *s, iconv_t cd,
    const char *enc)
{
	char		 out[16384], *in, *o;
	const char	*p;
	size_t		 n, inleft, oleft, used, r;

	XML_SetEncoding(x->p, "UTF-8");
	for (;;) {
		if ((p = st_peek(s, 16, &n)) == NULL)
			return -1;
		if (n == 0)
			return 0;
		in = (char *)p;
		inleft = n;
		o = out;
		oleft = sizeof(out);
		r = iconv(cd, &in, &inleft, &o, &oleft);
		used = n - inleft;
		if (o > out && parse(x, out, (size_t)(o - out), 0) == -1)
			return -1;
		st_skip(s, used);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && used > 0)
			continue;	/* a character cut by the chunk */
		err_set(x->e, "after %llu bytes of XML: %s that is not %s",
		    x->fed, errno == EINVAL ? "an end" : "a byte sequence",
		    enc);
		return -1;
	}
}

/*
 * expat keeps an unfinished token (a tag with all its attributes, a
 * comment, a declaration) whole, and waits for twice as much before it
 * tries again: what it has not passed on yet is bounded here.
 */
static int
held_ok(struct xmlfeed *x)
{
	XML_Index at = XML_GetCurrentByteIndex(x->p);

	if (at < 0 || x->fed - (unsigned long long)at <= LIM_XML_TOKEN)
		return 0;
	err_set(x->e, "line %lu: an XML tag, comment or declaration longer "
	    "than %lu MiB", (unsigned long)XML_GetCurrentLineNumber(x->p),
	    LIM_MIB(LIM_XML_TOKEN));
	return -1;
}

/* One chunk to expat; 0, or -1 when the document cannot be had. */
static int
parse(struct xmlfeed *x, const char *p, size_t n, int final)
{

	if (x->post_error)
		return 0;
	x->fed += n;
	if (XML_Parse(x->p, p, (int)n, final) == XML_STATUS_OK)
		return held_ok(x);
	if (*x->stopped)
		return -1;	/* a handler said why */
	if (*x->done) {
		/* The report itself is whole (the unclosed wrapper of
		 * corpus ikea.com, junk after the root): keep it. */
		diag_warn(x->diag, "line %lu, column %lu: %s after "
		    "</%s>; ignored",
		    (unsigned long)XML_GetCurrentLineNumber(x->p),
		    (unsigned long)XML_GetCurrentColumnNumber(x->p),
		    XML_ErrorString(XML_GetErrorCode(x->p)), x->root);
		x->post_error = 1;
		return 0;
	}
	err_set(x->e, "line %lu, column %lu: %s",
	    (unsigned long)XML_GetCurrentLineNumber(x->p),
	    (unsigned long)XML_GetCurrentColumnNumber(x->p),
	    XML_ErrorString(XML_GetErrorCode(x->p)));
	return -1;
}

/*
 * Are the n bytes just taken from s the last of the document, so that
 * expat may be told so with them?  A chunk that expat is told is not
 * the last costs a pass over all its bytes to keep the line and
 * column up to date (XmlUpdatePosition in XML_ParseBuffer, expat
 * 2.5), about a tenth of the parse; told at once, it costs nothing.
 * Only when the stream knows it has ended (st_at_end: nothing is read
 * early, so every error of the layers below comes when it did), and
 * only for documents within LIM_XML_TOKEN, where held_ok cannot stop
 * one: then the events, errors and messages are those of the chunk
 * and an empty last call.
 */
static int
last_chunk(const struct xmlfeed *x, const struct stream *s, size_t n)
{

	return x->fed + n <= LIM_XML_TOKEN && st_at_end(s);
}

/* A byte that is no UTF-8 in a UTF-8 document is read as
 * windows-1252 (a raw 0x91 quote, seen in real reports). */
static int
parse_fixed(struct xmlfeed *x, unsigned char c)
{
	struct buf	 b = { 0 };
	int		 r;

	utf8_put(&b, cp1252_cp(c));
	if (b.oom)
		err_set(x->e, "out of memory");
	r = b.oom ? -1 : parse(x, b.p, b.len, 0);
	buf_free(&b);
	x->fixed++;
	return r;
}

int
xmlfeed(struct xmlfeed *x, struct stream *s)
{
	const char	*p;
	size_t		 n, ok, cut;
	iconv_t		 cd = (iconv_t)-1;
	char		 enc[64];
	int		 fix, r, last = 0;

	if ((p = st_peek(s, 4096, &n)) == NULL)
		return -1;
	/* A BOM, then whitespace before "<?xml": expat refuses the
	 * latter (error 17), so both go. */
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		st_skip(s, 3);
		p += 3, n -= 3;
	}
	fix = wants_utf8_fix(p, n);
	if (fix || (cd = converter(p, n, enc, sizeof(enc))) != (iconv_t)-1) {
		for (ok = 0; ok < n && strchr(" \t\r\n", p[ok]) && p[ok]; ok++)
			;
		st_skip(s, ok);
	}
	if (cd != (iconv_t)-1) {
		r = feed_converted(x, s, cd, enc);
		iconv_close(cd);
		if (r == -1)
			return -1;
	}
	for (; cd == (iconv_t)-1;) {
		if ((p = st_peek(s, 4, &n)) == NULL)
			return -1;
		if (n == 0)
			break;
		/* Taken before expat has them: p stays as it is until the
		 * next st_peek, and st_at_end sees what is left. */
		if (!fix) {
			st_skip(s, n);
			last = last_chunk(x, s, n);
			if (parse(x, p, n, last) == -1)
				return -1;
			continue;
		}
		ok = utf8_valid_chunk(p, n, &cut);
		st_skip(s, ok > 0 ? ok : 1);
		last = ok > 0 && last_chunk(x, s, ok);
		if (ok > 0 ? parse(x, p, ok, last) == -1 :
		    parse_fixed(x, (unsigned char)p[0]) == -1)
			return -1;
	}
	if (!last && parse(x, NULL, 0, 1) == -1)
		return -1;
	if (x->fixed)
		diag_warn(x->diag, "%d bytes that are not UTF-8 read as "
		    "windows-1252", x->fixed);
	return 0;
}

void
xmlfeed_start(struct xmlfeed *x, XML_Parser p, const char *root,
    const int *done, const int *stopped, struct diag *d, struct err *e)
{

	x->fed = 0;
	x->post_error = x->fixed = 0;
	/* Names are per document, as expat keeps them. */
	buf_reset(&x->names);
	x->nnames = 0;
	if (x->slot != NULL)
		memset(x->slot, 0, x->nslot * sizeof(*x->slot));
	x->p = p;
	x->root = root;
	x->done = done;
	x->stopped = stopped;
	x->diag = d;
	x->e = e;
	XML_SetUnknownEncodingHandler(p, xmlfeed_encoding, NULL);
}

/* FNV-1a: names are short. */
static size_t
name_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Twice the slots, names placed again; -1 when out of memory. */
static int
names_grow(struct xmlfeed *x)
{
	size_t	 n = x->nslot ? x->nslot * 2 : 64, i, j;
	uint32_t *ns;

	if ((ns = calloc(n, sizeof(*ns))) == NULL)
		return -1;
	for (i = 0; i < x->nslot; i++) {
		if (x->slot[i] == 0)
			continue;
		for (j = name_hash(x->names.p + x->slot[i] - 1) & (n - 1);
		    ns[j] != 0; j = (j + 1) & (n - 1))
			;
		ns[j] = x->slot[i];
	}
	free(x->slot);
	x->slot = ns;
	x->nslot = n;
	return 0;
}

int
xmlfeed_name(struct xmlfeed *x, const char *name, char *why, size_t n)
{
	size_t	 j, len = strlen(name);

	if (2 * (x->nnames + 1) > x->nslot && names_grow(x) == -1) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	for (j = name_hash(name) & (x->nslot - 1); x->slot[j] != 0;
	    j = (j + 1) & (x->nslot - 1))
		if (strcmp(x->names.p + x->slot[j] - 1, name) == 0)
			return 0;
	if (x->nnames >= LIM_XML_NAMES ||
	    x->names.len + len + 1 > LIM_XML_NAME_BYTES) {
		snprintf(why, n, "more than %d distinct element and attribute "
		    "names, or %lu MiB of them", LIM_XML_NAMES,
		    LIM_MIB(LIM_XML_NAME_BYTES));
		return -1;
	}
	x->slot[j] = (uint32_t)x->names.len + 1;
	buf_add(&x->names, name, len + 1);
	if (x->names.oom) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	x->nnames++;
	return 0;
}

void
xmlfeed_free(struct xmlfeed *x)
{

	buf_free(&x->names);
	free(x->slot);
	x->slot = NULL;
	x->nslot = x->nnames = 0;
}
