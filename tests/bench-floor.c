/*
 * bench-floor.c: the floor of the Maildir benchmark (tests/bench).
 *
 *   bench-floor FILE...
 *
 * The least work any converter of these mails must do, done once per
 * file and nothing more: read the file, find the report in it (a bare
 * top-level body, or the first part after a text part of a
 * multipart), undo base64 or quoted-printable, inflate a gzip member
 * or a zip's first member, and run expat with empty handlers over XML.
 * JSON is only inflated.  Nothing is written; a file it cannot read
 * is counted, and the count is the exit status (0 when none).
 *
 * It knows only the shapes tests/bench-gen writes (one header per
 * line or folded with a tab, boundaries in quotes); it is a yardstick,
 * not a MIME parser.  One expat parser and one z_stream serve every
 * file, as a careful converter would do.
 */
#include <expat.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

struct floor {
	XML_Parser	 xp;
	z_stream	 z;
	int		 zraw;		/* z set up for raw deflate (zip) */
	char		*file, *dec;	/* the mail, the decoded part */
	size_t		 filecap, deccap;
	int		 xml;		/* the decoded data is XML */
	int		 started;	/* the first output was sniffed */
};

static void XMLCALL
on_start(void *ud, const XML_Char *n, const XML_Char **a)
{

	(void)ud, (void)n, (void)a;
}

static void XMLCALL
on_end(void *ud, const XML_Char *n)
{

	(void)ud, (void)n;
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{

	(void)ud, (void)s, (void)len;
}

/* The whole of fd in f->file; its length, or -1. */
static ssize_t
slurp(struct floor *f, int fd)
{
	size_t	 len = 0;
	ssize_t	 r;

	for (;;) {
		if (len == f->filecap) {
			f->filecap = f->filecap ? f->filecap * 2 : 1 << 16;
			if ((f->file = realloc(f->file, f->filecap + 1)) == NULL)
				return -1;
		}
		if ((r = read(fd, f->file + len, f->filecap - len)) <= 0)
			break;
		len += (size_t)r;
	}
	if (r < 0)
		return -1;
	f->file[len] = '\0';
	return (ssize_t)len;
}

/* Feed decoded bytes to expat when they are XML (known from the first
 * bytes); 0, or -1 when expat says the document is broken. */
static int
consume(struct floor *f, const char *p, size_t n, int final)
{

	if (!f->started && n > 0) {
		f->started = 1;
		f->xml = p[0] == '<';
		XML_ParserReset(f->xp, NULL);
		XML_SetElementHandler(f->xp, on_start, on_end);
		XML_SetCharacterDataHandler(f->xp, on_text);
	}
	if (!f->xml)
		return 0;
	return XML_Parse(f->xp, p, (int)n, final) == XML_STATUS_OK ? 0 : -1;
}

/* Inflate p[0..n) (gzip, or raw deflate when raw) into consume(). */
static int
inflate_all(struct floor *f, const unsigned char *p, size_t n, int raw)
{
	char	 out[1 << 16];
	int	 r;

	if (f->zraw != raw) {
		inflateEnd(&f->z);
		memset(&f->z, 0, sizeof(f->z));
		if (inflateInit2(&f->z, raw ? -15 : 15 + 16) != Z_OK)
			return -1;
		f->zraw = raw;
	} else if (inflateReset(&f->z) != Z_OK)
		return -1;
	f->z.next_in = (Bytef *)p;
	f->z.avail_in = (uInt)n;
	do {
		f->z.next_out = (Bytef *)out;
		f->z.avail_out = sizeof(out);
		r = inflate(&f->z, Z_NO_FLUSH);
		if (r != Z_OK && r != Z_STREAM_END)
			return -1;
		if (consume(f, out, sizeof(out) - f->z.avail_out,
		    r == Z_STREAM_END) == -1)
			return -1;
	} while (r != Z_STREAM_END);
	return 0;
}

/* The first member of a zip archive (local header, APPNOTE 4.3.7). */
static int
unzip_first(struct floor *f, const unsigned char *p, size_t n)
{
	size_t	 nl, xl, cs;

	if (n < 30 || memcmp(p, "PK\003\004", 4) != 0)
		return -1;
	cs = p[18] | p[19] << 8 | (size_t)p[20] << 16 | (size_t)p[21] << 24;
	nl = p[26] | p[27] << 8;
	xl = p[28] | p[29] << 8;
	if (30 + nl + xl + cs > n)
		return -1;
	p += 30 + nl + xl;
	if ((p[-30 - nl - xl + 8] | p[-30 - nl - xl + 9] << 8) == 0)
		return consume(f, (const char *)p, cs, 1);
	return inflate_all(f, p, cs, 1);
}

/* What the decoded part holds, taken apart. */
static int
payload(struct floor *f, const unsigned char *p, size_t n)
{

	f->started = 0;
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return inflate_all(f, p, n, 0);
	if (n >= 4 && memcmp(p, "PK\003\004", 4) == 0)
		return unzip_first(f, p, n);
	return consume(f, (const char *)p, n, 1);
}

static signed char b64[256];

/* Base64 of s..end into f->dec; the length. */
static size_t
unbase64(struct floor *f, const char *s, const char *end)
{
	unsigned	 acc = 0;
	int		 bits = 0, v;
	size_t		 o = 0;

	for (; s < end; s++) {
		if ((v = b64[(unsigned char)*s]) < 0)
			continue;
		acc = acc << 6 | (unsigned)v;
		if ((bits += 6) >= 8) {
			bits -= 8;
			f->dec[o++] = (char)(acc >> bits);
		}
	}
	return o;
}

static int
hexval(int c)
{

	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Quoted-printable of s..end into f->dec; the length. */
static size_t
unqp(struct floor *f, const char *s, const char *end)
{
	size_t	 o = 0;

	while (s < end) {
		if (*s != '=') {
			f->dec[o++] = *s++;
		} else if (s + 1 < end && s[1] == '\n') {
			s += 2;
		} else if (s + 2 < end && hexval(s[1]) >= 0 &&
		    hexval(s[2]) >= 0) {
			f->dec[o++] = (char)(hexval(s[1]) << 4 | hexval(s[2]));
			s += 3;
		} else
			f->dec[o++] = *s++;
	}
	return o;
}

/* The value of header name in the block h..end, or NULL. */
static const char *
header(const char *h, const char *end, const char *name)
{
	size_t	 n = strlen(name);

	for (; h < end; h = strchr(h, '\n') + 1)
		if (strncasecmp(h, name, n) == 0 && h[n] == ':')
			return h + n + 1;
	return NULL;
}

/* One entity: headers up to the empty line, then its body. */
static int
entity(struct floor *f, const char *h, const char *end)
{
	const char *body, *ct, *cte, *b, *q, *part;
	char	 delim[256];
	size_t	 n, dl;

	if ((body = strstr(h, "\n\n")) == NULL || body > end)
		return -1;
	body += 2;
	ct = header(h, body, "Content-Type");
	cte = header(h, body, "Content-Transfer-Encoding");
	if (ct != NULL && strncasecmp(ct + 1, "multipart/", 10) == 0) {
		if ((b = strstr(ct, "boundary=\"")) == NULL || b > body)
			return -1;
		b += 10;
		dl = (size_t)(strchr(b, '"') - b);
		if (dl + 4 > sizeof(delim))
			return -1;
		snprintf(delim, sizeof(delim), "\n--%.*s", (int)dl, b);
		/* The part after the text part: the report. */
		if ((part = strstr(body - 1, delim)) == NULL ||
		    (part = strstr(part + 1, delim)) == NULL)
			return -1;
		part += strlen(delim) + 1;
		if ((q = strstr(part, delim)) == NULL)
			return -1;
		return entity(f, part, q + 1);
	}
	if ((size_t)(end - body) > f->deccap) {
		f->deccap = (size_t)(end - body);
		if ((f->dec = realloc(f->dec, f->deccap)) == NULL)
			return -1;
	}
	if (cte != NULL && strncasecmp(cte + 1, "base64", 6) == 0)
		n = unbase64(f, body, end);
	else if (cte != NULL && strncasecmp(cte + 1, "quoted-printable",
	    16) == 0)
		n = unqp(f, body, end);
	else
		return payload(f, (const unsigned char *)body,
		    (size_t)(end - body));
	return payload(f, (const unsigned char *)f->dec, n);
}

static int
one(struct floor *f, const char *path)
{
	ssize_t	 n;
	int	 fd, r;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	n = slurp(f, fd);
	close(fd);
	if (n < 0)
		return -1;
	if (n >= 2 && (unsigned char)f->file[0] == 0x1f)
		r = payload(f, (unsigned char *)f->file, (size_t)n);
	else
		r = entity(f, f->file, f->file + n);
	return r;
}

int
main(int argc, char *argv[])
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct floor f;
	int	 i, bad = 0;

	memset(&f, 0, sizeof(f));
	memset(b64, -1, sizeof(b64));
	for (i = 0; i < 64; i++)
		b64[(unsigned char)a[i]] = (signed char)i;
	if ((f.xp = XML_ParserCreate(NULL)) == NULL ||
	    inflateInit2(&f.z, 15 + 16) != Z_OK)
		return 1;
	for (i = 1; i < argc; i++)
		if (one(&f, argv[i]) == -1) {
			fprintf(stderr, "bench-floor: %s: cannot read\n",
			    argv[i]);
			bad++;
		}
	return bad > 125 ? 125 : bad;
}
