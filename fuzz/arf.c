/*
 * arf.c: libFuzzer target for the failure report converter
 * (dmarc/failure.c, with hdr.c, rfc2047.c, datetime.c).  The input is
 * three blocks split at the first two empty lines ("\n\n"):
 *
 *	header block of the report message
 *	body of the message/feedback-report part
 *	header block of the original message
 *
 * as dmarc2json hands them over; an empty or missing block is NULL.
 * What comes out must be JSON.
 */
#include <string.h>

#include "../common/hdr.h"
#include "../dmarc/failure.h"
#include "fuzz.h"

static void
drop(void *arg, const char *msg)
{

	(void)arg, (void)msg;
}

/* The block at *p up to "\n\n" (taken) or the end. */
static size_t
block(const char **p, const char *end)
{
	const char *q;
	size_t	 n;

	for (q = *p; q + 1 < end; q++)
		if (q[0] == '\n' && q[1] == '\n')
			break;
	if (q + 1 >= end)
		q = end;
	n = (size_t)(q - *p);
	*p = q == end ? end : q + 2;
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*p = (const char *)data, *end = p + size;
	const char	*fb;
	struct hdrs	 rep = { { 0 } }, orig = { { 0 } };
	struct diag	 d = { drop, NULL, 0 };
	struct err	 e = { 0 };
	struct buf	 out = { 0 };
	size_t		 nrep, nfb, norig;
	const char	*prep;

	prep = p;
	nrep = block(&p, end);
	fb = p;
	nfb = block(&p, end);
	norig = (size_t)(end - p);
	if (hdrs_parse(&rep, prep, nrep, &e) == 0 &&
	    hdrs_parse(&orig, p, norig, &e) == 0 &&
	    failure_convert(&out, nrep ? &rep : NULL, fb, nfb,
	    norig ? &orig : NULL, &d, &e) == 0) {
		buf_addc(&out, '}');
		fuzz_check_json(out.p, out.len);
	}
	hdrs_free(&rep);
	hdrs_free(&orig);
	buf_free(&out);
	return 0;
}
