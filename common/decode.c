/*
 * decode.c: base64 (RFC 2045 6.8) and quoted-printable (RFC 2045 6.7)
 * as streams.  Base64 follows RFC 2045 6.8: characters outside the
 * alphabet (a "!" a mail system put in a line, line ends, blanks) are
 * ignored, as mail readers do; a zip damaged that way then fails its
 * own checks (CRC), not here.
 */
#include <stdint.h>
#include <string.h>

#include "decode.h"
#include "text.h"

struct decctx {
	struct stream	*parent;
	unsigned	 acc;		/* base64: bits not yet out */
	int		 nbits;
	int		 pad;		/* base64: '=' seen */
};

/*
 * What each ASCII byte is to the base64 decoder: its value in the
 * alphabet of RFC 4648 table 1, or one of these (X, W and P in the
 * table).  Bytes over 0x7f are invalid too.
 */
enum { B64_BAD = -1, B64_SPACE = -2, B64_PAD = -3 };
#define X	B64_BAD
#define W	B64_SPACE
#define P	B64_PAD
static const signed char b64val[128] = {
	X,  X,  X,  X,  X,  X,  X,  X,  X,  W,  W,  W,  W,  W,  X,  X,	/* 0x00 */
	X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,	/* 0x10 */
	W,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  62, X,  X,  X,  63,	/* 0x20 ' ' + / */
	52, 53, 54, 55, 56, 57, 58, 59, 60, 61, X,  X,  X,  P,  X,  X,	/* 0x30 0-9 = */
	X,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14,	/* 0x40 A-O */
	15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, X,  X,  X,  X,  X,	/* 0x50 P-Z */
	X,  26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,	/* 0x60 a-o */
	41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, X,  X,  X,  X,  X,	/* 0x70 p-z */
};
#undef X
#undef W
#undef P

/* The entry of b64val for byte c. */
static int
b64class(unsigned char c)
{

	return c < 128 ? b64val[c] : B64_BAD;
}

int
b64digit(int c)
{
	int	 v = b64class((unsigned char)c);

	return v >= 0 ? v : -1;
}

/*
 * The same, for four characters at once: b64quad[k][c] is the value
 * of c put where the k-th character of a quartet goes (bits 18, 12, 6
 * and 0 of 24), or B64Q_NOT for any byte outside the alphabet, so that
 * one OR of four entries is the three bytes or says "not four of the
 * alphabet".  Made by the compiler from the rules of RFC 4648 table 1
 * (the "& 63" is for the branch never taken: clang checks the constant
 * it would give too).
 */
#define B64V(c)	((c) >= 'A' && (c) <= 'Z' ? (c) - 'A' :			\
	    (c) >= 'a' && (c) <= 'z' ? (c) - 'a' + 26 :			\
	    (c) >= '0' && (c) <= '9' ? (c) - '0' + 52 :			\
	    (c) == '+' ? 62 : (c) == '/' ? 63 : -1)
#define B64Q_NOT	0x80000000UL
#define B64Q(c, s)	(B64V(c) < 0 ? B64Q_NOT :			\
	    ((unsigned long)B64V(c) & 63) << (s))
#define B64Q4(c, s)	B64Q(c, s), B64Q(c + 1, s), B64Q(c + 2, s), B64Q(c + 3, s)
#define B64Q16(c, s)	B64Q4(c, s), B64Q4(c + 4, s), B64Q4(c + 8, s),	\
	    B64Q4(c + 12, s)
#define B64Q64(c, s)	B64Q16(c, s), B64Q16(c + 16, s), B64Q16(c + 32, s), \
	    B64Q16(c + 48, s)
#define B64QROW(s)	{ B64Q64(0, s), B64Q64(64, s), B64Q64(128, s),	\
	    B64Q64(192, s) }
static const uint32_t b64quad[4][256] = {
	B64QROW(18), B64QROW(12), B64QROW(6), B64QROW(0)
};

/*
 * The fast path of b64_fill, for the usual case of no bits pending
 * and no "=" seen: while four characters in a row are all in the
 * alphabet (no line end, no "=", nothing RFC 2045 6.8 says to ignore)
 * they make three bytes, by b64quad, four at a time, as the byte-wise
 * loop would make them.  It stops at anything else, which that loop
 * takes.  *ip and *op are moved on.
 */
static void
b64_quads(struct decctx *c, const unsigned char *p, size_t got, size_t *ip,
    char *dst, size_t n, size_t *op)
{
	size_t	 i = *ip, o = *op;
	uint32_t t, last = 0;

	if (c->pad || c->nbits != 0)
		return;
	for (; i + 4 <= got && o + 3 <= n; i += 4, o += 3) {
		t = b64quad[0][p[i]] | b64quad[1][p[i + 1]] |
		    b64quad[2][p[i + 2]] | b64quad[3][p[i + 3]];
		if (t & B64Q_NOT)
			break;
		dst[o] = (char)(t >> 16);
		dst[o + 1] = (char)(t >> 8);
		dst[o + 2] = (char)t;
		last = t;
	}
	if (o > *op)
		c->acc = last;	/* as the byte-wise loop leaves it */
	*ip = i;
	*op = o;
}

static ssize_t
b64_fill(struct stream *st, char *dst, size_t n)
{
	struct decctx *c = st->ctx;
	const char *p;
	size_t	 got, i, o = 0;
	int	 v;

	while (o == 0) {
		if ((p = st_peek(c->parent, 1, &got)) == NULL)
			return -1;
		if (got == 0) {
			/* One sextet alone cannot make a byte. */
			if (c->nbits >= 6) {
				err_set(st->err, "truncated base64 data");
				return -1;
			}
			return 0;
		}
		/* Stop when dst is full: the rest stays in the parent,
		 * the bits not yet out stay in acc. */
		for (i = 0; i < got && o < n; i++) {
			b64_quads(c, (const unsigned char *)p, got, &i, dst, n,
			    &o);
			if (i == got || o == n)
				break;
			v = b64class((unsigned char)p[i]);
			if (v >= 0) {
				if (c->pad) {
					/* Joined base64 blobs: start over. */
					c->pad = 0;
					c->nbits = 0;
				}
				c->acc = (c->acc << 6 | (unsigned)v) & 0xffffff;
				c->nbits += 6;
				if (c->nbits >= 8) {
					c->nbits -= 8;
					dst[o++] = (char)(c->acc >> c->nbits);
				}
			} else if (v == B64_PAD)
				c->pad = 1;
			/* RFC 2045 6.8: any other character "must be
			 * ignored by decoding software". */
		}
		st_skip(c->parent, i);
	}
	return (ssize_t)o;
}

/*
 * What the "=" at p[0] stands for (RFC 2045 6.7): a byte "=XY" (*out
 * the byte), a soft line break with optional blanks before the line
 * end (*out -1), or, like every mail reader, itself when it is neither
 * (*out '=').  Its length, or 0 when more input is needed to tell.
 */
static size_t
qp_escape(const char *p, size_t avail, int eof, int *out)
{
	size_t	 j;
	int	 h, l;

	if (avail < 3 && !eof)
		return 0;
	if (avail >= 3 && (h = hexdigit(p[1])) >= 0 &&
	    (l = hexdigit(p[2])) >= 0) {
		*out = h << 4 | l;
		return 3;
	}
	for (j = 1; j < avail && (p[j] == ' ' || p[j] == '\t'); j++)
		;
	if (j == avail && !eof && j < 1024)
		return 0;
	*out = -1;
	if (j < avail && p[j] == '\n')
		return j + 1;
	if (j < avail && p[j] == '\r') {
		if (j + 1 == avail && !eof)
			return 0;
		return j + 1 + (j + 1 < avail && p[j + 1] == '\n');
	}
	*out = '=';
	return 1;
}

/* How many of p[0..avail) come before the next "=", at most room. */
static size_t
qp_run(const char *p, size_t avail, size_t room)
{
	const char *eq;
	size_t	 len = avail < room ? avail : room;

	if ((eq = memchr(p, '=', len)) != NULL)
		len = (size_t)(eq - p);
	return len;
}

static ssize_t
qp_fill(struct stream *st, char *dst, size_t n)
{
	struct decctx *c = st->ctx;
	const char *p;
	size_t	 got, want = 3, i, o, len;
	int	 eof, v;

	for (;;) {
		if ((p = st_peek(c->parent, want, &got)) == NULL)
			return -1;
		eof = got < want || c->parent->eof;
		for (i = o = 0; i < got && o < n; i += len) {
			if (p[i] != '=') {
				/* A run up to the next "=": as it is. */
				len = qp_run(p + i, got - i, n - o);
				memcpy(dst + o, p + i, len);
				o += len;
			} else if ((len = qp_escape(p + i, got - i, eof,
			    &v)) == 0)
				break;	/* wait for more */
			else if (v >= 0)
				dst[o++] = (char)v;
		}
		st_skip(c->parent, i);
		if (o > 0 || (i == got && eof))
			return (ssize_t)o;
		/* Only soft breaks, or an "=" we cannot tell yet. */
		want = i < got ? got - i + 64 : 3;
	}
}

/* st_at_end: the input is at its end and no sextet is left over
 * (that would be "truncated base64 data"). */
static int
b64_ends(const struct stream *st)
{
	const struct decctx *c = st->ctx;

	return c->nbits < 6 && st_at_end(c->parent);
}

/* st_at_end: quoted-printable holds nothing back at the end. */
static int
qp_ends(const struct stream *st)
{
	const struct decctx *c = st->ctx;

	return st_at_end(c->parent);
}

static int
dec_open(struct stream *st, struct stream *parent, st_fill_fn fill,
    int (*ends)(const struct stream *), struct err *e)
{
	struct decctx *c;

	if ((c = st_layer(st, sizeof(*c), fill, e)) == NULL)
		return -1;
	c->parent = parent;
	st->ends = ends;
	return 0;
}

int
b64_open(struct stream *st, struct stream *parent, struct err *e)
{

	return dec_open(st, parent, b64_fill, b64_ends, e);
}

int
qp_open(struct stream *st, struct stream *parent, struct err *e)
{

	return dec_open(st, parent, qp_fill, qp_ends, e);
}
