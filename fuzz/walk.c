/*
 * walk.c: libFuzzer target for the walker (common/walk.c, mime.c,
 * sniff.c and the layers under them: MIME parts, mbox, base64,
 * quoted-printable, gzip, zip, header blocks, RFC 2047 and RFC 2231
 * names).  The plug-ins only drain what they are handed, so that every
 * byte of every layer is read, as a converter would.
 */
#include <string.h>

#include "../common/mime.h"
#include "fuzz.h"

static int
drain(struct walk *w, struct stream *s, int claimed, struct err *e)
{

	(void)w, (void)claimed;
	(void)e;
	return st_drain(s) == -1 ? -1 : 0;
}

static void *
msg_begin(struct walk *w, const struct hdrs *h)
{

	(void)h;
	return w;	/* any non-NULL state: parts are offered */
}

/* Take feedback reports and the headers of the original, as
 * dmarc2json --failure does; leave everything else to the walker. */
static int
part(struct walk *w, void *state, const char *ctype, const struct hdrs *h,
    struct stream *body, struct err *e)
{
	struct hdrs	 orig = { { 0 } };
	int		 r;

	(void)w, (void)state, (void)h;
	if (strcmp(ctype, "message/feedback-report") == 0)
		return st_drain(body) == -1 ? -1 : 1;
	if (strcmp(ctype, "text/rfc822-headers") == 0) {
		r = read_headers(body, &orig, e);
		hdrs_free(&orig);
		return r == -1 ? -1 : 1;
	}
	return 0;
}

static int
msg_end(struct walk *w, void *state, struct err *e)
{

	(void)w, (void)state, (void)e;
	return 0;
}

static const struct walk_ops ops = {
	.xml = drain, .json = drain,
	.msg_begin = msg_begin, .part = part, .msg_end = msg_end,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct walk	 w;
	struct stream	 s;

	fuzz_walk_init(&w, &ops);
	if (mem_open(&s, data, size, fuzz_chunk(size), &w.err) == -1)
		return 0;
	walk_stream(&w, &s, 1, 0, 0);
	st_close(&s);
	return 0;
}
