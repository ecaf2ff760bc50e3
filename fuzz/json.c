/*
 * json.c: libFuzzer target for the TLS-RPT converter: json_parse
 * (common/json.c over jsmn, and its validation), then tlsrpt/tlsrpt.c
 * both ways, the whole report and one object per policy.  Also
 * json_parse_ours (--csv's reading of our own lines) on the same
 * bytes: never a crash, and the very tokens of json_parse wherever
 * json_parse took them.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/jsonw.h"
#include "../tlsrpt/tlsrpt.h"
#include "fuzz.h"

static void
drop(void *arg, const char *msg)
{

	(void)arg, (void)msg;
}

/* jd was parsed by json_parse from data (ok: it took it). */
static void
check_ours(const struct json_doc *jd, int ok, const uint8_t *data,
    size_t size)
{
	static struct json_doc od;
	struct err	 e = { 0 };
	int		 i;

	if (json_parse_ours(&od, (const char *)data, size, &e) == -1) {
		if (ok && jd->base == 0)
			abort();	/* json_parse took it */
		return;
	}
	for (i = 0; i < od.ntok; i++)
		if (od.next[i] <= i || od.next[i] > od.ntok ||
		    od.tok[i].parent >= i)
			abort();
	if (!ok || jd->base != 0)
		return;	/* a BOM: json_parse_ours does not skip it */
	if (od.ntok != jd->ntok ||
	    memcmp(od.tok, jd->tok, (size_t)od.ntok * sizeof(*od.tok)) != 0 ||
	    memcmp(od.next, jd->next, (size_t)od.ntok * sizeof(*od.next)) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct json_doc jd;	/* reused, as the tool does */
	struct diag	 d = { drop, NULL, 0 };
	struct err	 e = { 0 };
	struct buf	 out = { 0 };
	struct tlsrpt	 r;
	int		 n;

	n = json_parse(&jd, (const char *)data, size, &e) == 0;
	check_ours(&jd, n, data, size);
	if (!n)
		return 0;
	if (tlsrpt_write(&jd, &d, &out, &e) == 0) {
		buf_addc(&out, '}');
		fuzz_check_json(out.p, out.len);
	}
	if (tlsrpt_open(&r, &jd, &d, &e) == 0)
		for (n = 0; n < tlsrpt_count(&r); n++) {
			buf_reset(&out);
			buf_addc(&out, '{');
			tlsrpt_head(&r, &out);
			jw_key(&out, "policy");
			tlsrpt_policy(&r, n, &out);
			tlsrpt_tail(&r, &out);
			buf_addc(&out, '}');
			fuzz_check_json(out.p, out.len);
		}
	tlsrpt_close(&r);
	buf_free(&out);
	return 0;
}
