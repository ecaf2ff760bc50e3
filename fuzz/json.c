/*
 * json.c: libFuzzer target for the TLS-RPT converter: json_parse
 * (common/json.c over jsmn, and its validation), then tlsrpt/tlsrpt.c
 * both ways, the whole report and one object per policy.
 */
#include "../common/jsonw.h"
#include "../tlsrpt/tlsrpt.h"
#include "fuzz.h"

static void
drop(void *arg, const char *msg)
{

	(void)arg, (void)msg;
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

	if (json_parse(&jd, (const char *)data, size, &e) == -1)
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
