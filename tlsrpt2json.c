/*
 * tlsrpt2json: SMTP TLS reports (RFC 8460) to JSON lines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/csv.h"
#include "common/jsonw.h"
#include "common/limits.h"
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

static struct {
	struct buf	 doc;	/* the document, whole (jsmn needs it) */
	struct json_doc	 jd;
	struct sbuf	 out;	/* the report's lines, until it is whole */
	struct buf	 line;	/* one line */
	struct buf	 rows;	/* its CSV rows */
	struct csv	 csv;
} st = { .csv = { columns, "policy.failure-details", { 0 }, { 0 } } };

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

/* One policy line of --records, or the rows --csv makes of it, added
 * to st.out (which goes to a temporary file past SPILL_AFTER: unknown
 * top-level keys repeat on every line). */
static int
policy_line(struct walk *w, struct tlsrpt *r, int n, struct err *e)
{
	struct buf *l = &st.line;

	buf_reset(l);
	buf_addc(l, '{');
	tlsrpt_head(r, l);
	jw_key(l, "policy");
	tlsrpt_policy(r, n, l);
	tlsrpt_tail(r, l);
	walk_input_json(w, l);
	buf_addc(l, '}');
	if (l->oom) {
		err_set(e, "out of memory");
		return -1;
	}
	if (tool.csv) {
		buf_reset(&st.rows);
		if (csv_rows(&st.csv, l->p, l->len, &st.rows, e) == -1)
			return -1;
		l = &st.rows;
	} else
		buf_addc(l, '\n');
	sbuf_add(&st.out, l->p, l->len);
	if (sbuf_size(&st.out) > w->max_size) {
		/* The top level repeats on every line: bound the total. */
		err_set(e, "its %s exceed --max-size (%llu bytes)",
		    tool.csv ? "CSV rows" : "--records lines", w->max_size);
		return -1;
	}
	return 0;
}

/* --unique: organization-name and report-id. */
static int
unique_key(struct err *e)
{
	struct buf key = { 0 };
	int	 t, r;

	if ((t = json_get(&st.jd, 0, "organization-name")) >= 0)
		json_str(&st.jd, t, &key);
	buf_addc(&key, '\0');
	if ((t = json_get(&st.jd, 0, "report-id")) >= 0)
		json_str(&st.jd, t, &key);
	r = tool_seen(&tool, &key, e);
	buf_free(&key);
	return r;
}

static int
on_json(struct walk *w, struct stream *s, int claimed, struct err *e)
{
	struct tlsrpt	 r;
	int		 n, rc = 0;

	(void)claimed;
	if (slurp(s, e) == -1)
		return -1;
	if (json_parse(&st.jd, st.doc.p, st.doc.len, e) == -1)
		return -1;
	if (tool.unique && (rc = unique_key(e)) != 0)
		return rc;
	sbuf_reset(&st.out);
	if (!tool.records && !tool.csv) {
		buf_reset(&st.line);
		if (tlsrpt_write(&st.jd, &w->diag, &st.line, e) == -1)
			return -1;
		walk_input_json(w, &st.line);
		buf_adds(&st.line, "}\n");
		/* The whole report, in one write. */
		tool_write(w, &st.line);
		return 0;
	}
	if (tlsrpt_open(&r, &st.jd, &w->diag, e) == -1) {
		tlsrpt_close(&r);
		return -1;
	}
	for (n = 0; rc == 0 && n < tlsrpt_count(&r); n++)
		rc = policy_line(w, &r, n, e);
	tlsrpt_close(&r);
	if (rc == -1)
		return -1;
	if (sbuf_failed(&st.out)) {
		err_set(e, "cannot hold the report: %s", st.out.ioerr ?
		    strerror(st.out.ioerr) : "out of memory");
		return -1;
	}
	/* Commit only now that every line is made. */
	tool_emit(w, &st.out);
	return 0;
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
	tool_walk_init(&tool, &w, &ops);
	sbuf_init(&st.out);
	tool_csv_header(&tool, &w, &st.csv);
	rc = tool_run(&tool, &w, argc - first, argv + first);
	buf_free(&st.doc);
	sbuf_free(&st.out);
	buf_free(&st.line);
	buf_free(&st.rows);
	json_free(&st.jd);
	csv_free(&st.csv);
	return rc;
}
