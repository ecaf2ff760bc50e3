/*
 * unit-streams: the stream layers must give the same bytes whatever
 * the sizes of the chunks the layer below hands them (a delimiter cut
 * in two, a "=" of quoted-printable at the end of a chunk, a base64
 * quartet split).  Each case runs with chunks of 1 to 80 bytes and
 * with the whole input at once; one line per case says whether all
 * agree.  Run by tests/cases.
 */
#include <stdio.h>
#include <string.h>

#include "../common/decode.h"
#include "../common/delim.h"

static const char *src;
static size_t srclen, srcpos, step;

static ssize_t
dribble(struct stream *st, char *dst, size_t n)
{
	size_t	 k = step < n ? step : n;

	(void)st;
	if (k > srclen - srcpos)
		k = srclen - srcpos;
	memcpy(dst, src + srcpos, k);
	srcpos += k;
	return (ssize_t)k;
}

enum layer { DELIM_MIME, DELIM_MBOX, QP, B64 };

/* Run one layer over src in chunks of `chunk`; the output in out. */
static size_t
run(enum layer l, const char *arg, size_t chunk, char *out, size_t cap)
{
	struct err	 e = { 0 };
	struct stream	 base, top;
	const char	*p;
	size_t		 n, o = 0;
	int		 r;

	srcpos = 0;
	step = chunk;
	st_init(&base, dribble, NULL, &e);
	switch (l) {
	case DELIM_MIME: delim_open(&top, &base, arg, 1, 1, &e); break;
	case DELIM_MBOX: delim_open(&top, &base, arg, 0, 0, &e); break;
	case QP: qp_open(&top, &base, &e); break;
	case B64: b64_open(&top, &base, &e); break;
	}
	while ((r = st_next(&top, &p, &n)) == 1) {
		if (n > cap - o) {
			r = -1;		/* more than any case wants */
			break;
		}
		memcpy(out + o, p, n);
		o += n;
	}
	if (r < 0)
		o = (size_t)-1;
	st_close(&top);
	st_close(&base);
	return o;
}

static int
check(const char *name, enum layer l, const char *arg, const char *in,
    const char *want)
{
	static char out[4096];
	size_t	 n, c, bad = 0;

	src = in;
	srclen = strlen(in);
	for (c = 1; c <= 81; c++) {
		n = run(l, arg, c == 81 ? srclen + 1 : c, out, sizeof(out));
		if (n != strlen(want) || memcmp(out, want, n) != 0)
			bad++;
	}
	printf("%s %s: %s\n", bad ? "not ok" : "ok", name,
	    bad ? "chunk sizes disagree" : "all chunk sizes agree");
	return bad != 0;
}

int
main(void)
{
	int	 bad = 0;

	bad |= check("mime delimiter", DELIM_MIME, "--BOUND",
	    "line one\nline two\n--BOUND\nafter\n", "line one\nline two");
	bad |= check("mime close delimiter, CRLF", DELIM_MIME, "--BOUND",
	    "one\r\ntwo\r\n--BOUND--\r\nafter\r\n", "one\r\ntwo");
	bad |= check("mime empty part", DELIM_MIME, "--BOUND",
	    "--BOUND\r\nnext\r\n", "");
	bad |= check("mime boundary prefix is no delimiter", DELIM_MIME,
	    "--BOUND", "a\n--BOUNDARY\nb\n--BOUND \nc\n", "a\n--BOUNDARY\nb");
	bad |= check("mime no delimiter: the rest", DELIM_MIME, "--BOUND",
	    "a\nb\n--BOUN", "a\nb\n--BOUN");
	bad |= check("mbox From line", DELIM_MBOX, "From ",
	    "From a\nline one\nFrom b Tue Jan  2 12:00:00 2024\nxx\n",
	    "From a\nline one\n");
	bad |= check("mbox body From without a time", DELIM_MBOX, "From ",
	    "x\nFrom my side.\ny\n", "x\nFrom my side.\ny\n");
	bad |= check("quoted-printable", QP, NULL,
	    "a=3Db=\r\nc=\nd=ZZ=4\n=C3=A9 =\t \ne", "a=bcd=ZZ=4\n\xc3\xa9 e");
	bad |= check("base64", B64, NULL,
	    "aGVs\r\nbG8g d29y\nbGQ=\n", "hello world");
	return bad;
}
