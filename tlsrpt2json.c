/*
 * tlsrpt2json: SMTP TLS reports (RFC 8460) to JSON lines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/csv.h"
#include "common/jsonnav.h"
#include "common/jsonw.h"
#include "common/limits.h"
#include "common/outstage.h"
#include "tool.h"
#include "tlsrpt/tlsrpt.h"

static struct tool tool = {
	.name = "tlsrpt2json",
	.usage = "[-hqv] [--unique] [--records | --csv [--no-header]] "
	    "[--max-size N] [FILE | DIR | -]...",
	.help =
	    "Convert SMTP TLS reports (RFC 8460) in mail, mbox, JSON, gzip "
	    "and zip to JSON lines.\n\n"
	    "  -q             no warnings\n"
	    "  -v             name skipped inputs, count at the end\n"
	    "  --unique       a report seen before in this run is not "
	    "repeated\n"
	    "  --records      one object per policy\n"
	    "  --csv          CSV, one row per failure detail or policy\n"
	    "  --no-header    with --csv: no header row\n"
	    "  --max-size N   most decompressed bytes per report "
	    "(default 4G; K, M, G)\n"
	    "  -h, --help, --version\n\n"
	    "See tlsrpt2json(1).\n",
};

/* --csv: one row per failure detail, one per policy without any; the
 * columns are listed in tlsrpt2json.1. */
static const struct csv_col columns[] = {
	{ "organization-name", "organization-name", 0 },
	{ "report-id", "report-id", 0 },
	{ "contact-info", "contact-info", 0 },
	{ "start-datetime", "date-range.start-datetime", 0 },
	{ "end-datetime", "date-range.end-datetime", 0 },
	{ "policy-type", "policy.policy.policy-type", 0 },
	{ "policy-domain", "policy.policy.policy-domain", 0 },
	{ "policy-string", "policy.policy.policy-string", 0 },
	{ "mx-host", "policy.policy.mx-host", 0 },
	{ "total-successful-session-count",
	    "policy.summary.total-successful-session-count", 0 },
	{ "total-failure-session-count",
	    "policy.summary.total-failure-session-count", 0 },
	{ "result-type", "@.result-type", 0 },
	{ "sending-mta-ip", "@.sending-mta-ip", 0 },
	{ "receiving-mx-hostname", "@.receiving-mx-hostname", 0 },
	{ "receiving-mx-helo", "@.receiving-mx-helo", 0 },
	{ "receiving-ip", "@.receiving-ip", 0 },
	{ "failed-session-count", "@.failed-session-count", 0 },
	{ "additional-information", "@.additional-information", 0 },
	{ "failure-reason-code", "@.failure-reason-code", 0 },
	{ "file", "input.file", 0 },
	{ "message_id", "input.message_id", 0 },
	{ "attachment", "input.attachment", 0 },
	{ "member", "input.member", 0 },
	{ NULL, NULL, 0 }
};

static struct csv csv = { columns, "policy.failure-details", { 0 }, { 0 } };

static struct {
	struct buf	 doc;	/* the document, whole (jsmn needs it) */
	struct json_doc	 jd;
	struct buf	 head, tail, elem, key;
} st;

/* Read the whole document, refusing one over LIM_HELD early. */
static int
slurp(struct stream *s, struct err *e)
{
	const char *p;
	size_t	 n;
	int	 r;

	buf_reset(&st.doc);
	st.doc.max = LIM_HELD;
	while ((r = st_next(s, &p, &n)) == 1) {
		buf_add(&st.doc, p, n);
		if (st.doc.over) {
			err_set(e, "JSON document larger than %lu MiB",
			    (unsigned long)(LIM_HELD >> 20));
			return -1;
		}
		if (st.doc.oom) {
			err_set(e, "out of memory");
			return -1;
		}
	}
	return r;
}

/* --unique, --seen: organization-name and report-id, after the kind. */
static void
make_key(void)
{
	int	 t;

	buf_reset(&st.key);
	buf_add(&st.key, "tlsrpt", sizeof("tlsrpt"));
	if ((t = json_get(&st.jd, 0, "organization-name")) >= 0)
		json_str(&st.jd, t, &st.key);
	buf_addc(&st.key, '\0');
	if ((t = json_get(&st.jd, 0, "report-id")) >= 0)
		json_str(&st.jd, t, &st.key);
}

/* --records, --csv: the top level around each policy, the policies as
 * the elements (outstage.h). */
static int
policies(struct walk *w, struct err *e)
{
	struct tlsrpt	 r;
	int		 n;

	if (tlsrpt_open(&r, &st.jd, &w->diag, e) == -1) {
		tlsrpt_close(&r);
		return -1;
	}
	buf_reset(&st.head);
	buf_addc(&st.head, '{');
	tlsrpt_head(&r, &st.head);
	jw_key(&st.head, "policy");
	buf_reset(&st.tail);
	buf_addc(&st.tail, ',');
	tlsrpt_tail(&r, &st.tail);
	walk_input_json(w, &st.tail);
	buf_addc(&st.tail, '}');
	outstage_begin(w->out);
	for (n = 0; n < tlsrpt_count(&r); n++) {
		buf_reset(&st.elem);
		tlsrpt_policy(&r, n, &st.elem);
		if (st.elem.oom)
			break;
		outstage_elem(w->out, st.elem.p, st.elem.len);
	}
	tlsrpt_close(&r);
	if (st.elem.oom) {
		err_set(e, "out of memory");
		return -1;
	}
	return outstage_report(w->out, &st.head, &st.tail, &st.key, e);
}

static int
on_json(struct walk *w, struct stream *s, int claimed, struct err *e)
{

	(void)claimed;
	if (slurp(s, e) == -1)
		return -1;
	if (json_parse(&st.jd, st.doc.p, st.doc.len, e) == -1)
		return -1;
	make_key();
	if (outstage_known(w->out, &st.key, e))
		return 1;	/* before its warnings */
	if (outstage_shape(w->out) != OUT_WHOLE)
		return policies(w, e);
	buf_reset(&st.head);
	if (tlsrpt_write(&st.jd, &w->diag, &st.head, e) == -1)
		return -1;
	walk_input_json(w, &st.head);
	buf_addc(&st.head, '}');
	return outstage_object(w->out, &st.head, &st.key, e);
}

static int
on_xml(struct walk *w, struct stream *s, int claimed, struct err *e)
{

	(void)w, (void)s, (void)claimed;
	err_set(e, "XML, not a TLS report (DMARC reports: dmarc2json)");
	return 1;
}

static const struct walk_ops ops = {
	.xml = on_xml,
	.json = on_json,
	.error = tool_error,
	.skip = tool_skip,
};

int
main(int argc, char *argv[])
{
	struct walk	 w;
	int		 first, rc;

	first = tool_options(&tool, argc, argv);
	tool_walk_init(&tool, &w, &ops, &csv);
	rc = tool_run(&tool, &w, argc - first, argv + first);
	buf_free(&st.doc);
	buf_free(&st.head);
	buf_free(&st.tail);
	buf_free(&st.elem);
	buf_free(&st.key);
	json_free(&st.jd);
	csv_free(&csv);
	return rc;
}
