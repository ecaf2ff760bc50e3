/*
 * dmarc2json: DMARC aggregate reports (RFC 7489, RFC 9990) and, with
 * --failure, failure reports (RFC 6591, RFC 9991) to JSON lines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/csv.h"
#include "tool.h"
#include "common/jsonw.h"
#include "common/limits.h"
#include "common/mime.h"
#include "dmarc/aggregate.h"
#include "dmarc/failure.h"

static struct tool tool = {
	.name = "dmarc2json",
	.usage = "[-hqv] [--failure] [--unique] [--records | --csv "
	    "[--no-header]] [--max-size N] [FILE | DIR | -]...",
	.help =
	    "Convert DMARC reports in mail, mbox, XML, gzip and zip to JSON "
	    "lines.\n\n"
	    "  -q             no warnings\n"
	    "  -v             name skipped inputs, count at the end\n"
	    "  --failure      also convert failure reports (ARF)\n"
	    "  --unique       a report seen before in this run is not "
	    "repeated\n"
	    "  --records      one object per record\n"
	    "  --csv          CSV, one row per record\n"
	    "  --no-header    with --csv: no header row\n"
	    "  --max-size N   most decompressed bytes per report "
	    "(default 4G; K, M, G)\n"
	    "  -h, --help, --version\n\n"
	    "See dmarc2json(1).\n",
	.failure_ok = 1,
};

static struct agg *agg;

/* --csv: one row per record; the same columns for every report
 * version (listed in dmarc2json.1). */
static const struct csv_col columns[] = {
	{ "org_name", "report_metadata.org_name", 0 },
	{ "email", "report_metadata.email", 0 },
	{ "report_id", "report_metadata.report_id", 0 },
	{ "begin", "report_metadata.date_range.begin", CSV_DATE },
	{ "end", "report_metadata.date_range.end", CSV_DATE },
	{ "domain", "policy_published.domain", 0 },
	{ "adkim", "policy_published.adkim", 0 },
	{ "aspf", "policy_published.aspf", 0 },
	{ "p", "policy_published.p", 0 },
	{ "sp", "policy_published.sp", 0 },
	{ "np", "policy_published.np", 0 },
	{ "pct", "policy_published.pct", 0 },
	{ "fo", "policy_published.fo", 0 },
	{ "testing", "policy_published.testing", 0 },
	{ "discovery_method", "policy_published.discovery_method", 0 },
	{ "source_ip", "record.row.source_ip", 0 },
	{ "count", "record.row.count", 0 },
	{ "disposition", "record.row.policy_evaluated.disposition", 0 },
	{ "dkim", "record.row.policy_evaluated.dkim", 0 },
	{ "spf", "record.row.policy_evaluated.spf", 0 },
	{ "reason_type", "record.row.policy_evaluated.reason[].type", 0 },
	{ "reason_comment", "record.row.policy_evaluated.reason[].comment", 0 },
	{ "envelope_to", "record.identifiers.envelope_to", 0 },
	{ "envelope_from", "record.identifiers.envelope_from", 0 },
	{ "header_from", "record.identifiers.header_from", 0 },
	{ "dkim_domain", "record.auth_results.dkim[].domain", 0 },
	{ "dkim_selector", "record.auth_results.dkim[].selector", 0 },
	{ "dkim_result", "record.auth_results.dkim[].result", 0 },
	{ "spf_domain", "record.auth_results.spf[].domain", 0 },
	{ "spf_scope", "record.auth_results.spf[].scope", 0 },
	{ "spf_result", "record.auth_results.spf[].result", 0 },
	{ "version", "version", 0 },
	{ "xmlns", "xmlns", 0 },
	{ "file", "input.file", 0 },
	{ "message_id", "input.message_id", 0 },
	{ "attachment", "input.attachment", 0 },
	{ "member", "input.member", 0 },
	{ NULL, NULL, 0 }
};
static struct csv csv = { columns, NULL, { 0 }, { 0 } };

static int
csv_sink(void *arg, const char *line, size_t n, struct buf *out,
    struct err *e)
{

	(void)arg;
	if (csv_rows(&csv, line, n, out, e) == -1)
		return -1;
	if (out->oom) {
		err_set(e, "out of memory");
		return -1;
	}
	return 0;
}

static int
on_xml(struct walk *w, struct stream *s, int claimed, struct err *e)
{
	struct buf key = { 0 };
	int	 r, rc;

	if ((r = agg_convert(agg, w, s, claimed, e)) != 0)
		return r;
	if (tool.unique) {
		r = agg_key(agg, &key, e) == -1 ? -1 : tool_seen(&tool, &key, e);
		buf_free(&key);
		if (r != 0)
			return r;
	}
	if ((rc = agg_commit(agg, STDOUT_FILENO)) != 0)
		tool_write_failed(w, rc);
	return 0;
}

static int
on_json(struct walk *w, struct stream *s, int claimed, struct err *e)
{

	(void)w, (void)s, (void)claimed;
	err_set(e, "JSON, not a DMARC report (TLS reports: tlsrpt2json)");
	return 1;
}

/*
 * Failure reports (SCHEMA.md 4): the message/feedback-report part and
 * the header block of the part after it are kept until the message
 * ends, then converted.  Without --failure they are only named (-v).
 */
struct arf {
	const struct hdrs *report;	/* the message holding the parts */
	struct buf	 fb;		/* the feedback-report part */
	struct hdrs	 orig;		/* the original's headers */
	int		 pending, has_orig;
};

static void *
arf_begin(struct walk *w, const struct hdrs *h)
{
	struct arf	*a;

	(void)w;
	if ((a = calloc(1, sizeof(*a))) != NULL)
		a->report = h;
	return a;
}

/* Convert and write the report the message holds, if any. */
static void
arf_flush(struct walk *w, struct arf *a)
{
	struct buf	 out = { 0 };
	int		 r;

	if (!a->pending)
		return;
	a->pending = 0;
	if (!tool.failure) {
		err_set(&w->err, "DMARC failure report (convert with "
		    "--failure)");
		walk_result(w, 1, &w->err);
		return;
	}
	r = failure_convert(&out, a->report, a->fb.p, a->fb.len,
	    a->has_orig ? &a->orig : NULL, &w->diag, &w->err);
	if (r == 0) {
		walk_input_json(w, &out);
		buf_adds(&out, "}\n");
		tool_write(w, &out);
	}
	walk_result(w, r, &w->err);
	buf_free(&out);
}

static int
arf_part(struct walk *w, void *state, const char *ctype,
    const struct hdrs *h, struct stream *body, struct err *e)
{
	struct arf	*a = state;
	const char	*p;
	size_t		 n;
	int		 r;

	(void)h;
	if (a == NULL)
		return 0;
	if (failure_is_feedback(ctype)) {
		arf_flush(w, a);	/* two in one message: two reports */
		buf_reset(&a->fb);
		a->fb.max = LIM_HEADER_BLOCK;
		hdrs_reset(&a->orig);
		a->has_orig = 0;
		a->pending = 1;
		while ((r = st_next(body, &p, &n)) == 1)
			buf_add(&a->fb, p, n);
		if (r == -1 || buf_failed(&a->fb)) {
			a->pending = 0;
			if (buf_failed(&a->fb))
				err_set(e, "feedback report larger than %lu MiB",
				    (unsigned long)(LIM_HEADER_BLOCK >> 20));
			return -1;
		}
		return 1;
	}
	if (failure_is_original(ctype) && a->pending && !a->has_orig) {
		/* Only the headers: the original body is never printed. */
		if (read_headers(body, &a->orig, e) == -1)
			return -1;
		a->has_orig = 1;
		return 1;
	}
	return 0;
}

static int
arf_end(struct walk *w, void *state, struct err *e)
{
	struct arf	*a = state;

	(void)e;
	if (a == NULL)
		return 0;
	arf_flush(w, a);
	buf_free(&a->fb);
	hdrs_free(&a->orig);
	free(a);
	return 0;
}

static const struct walk_ops ops = {
	.xml = on_xml,
	.json = on_json,
	.msg_begin = arf_begin,
	.part = arf_part,
	.msg_end = arf_end,
	.error = tool_error,
	.skip = tool_skip,
};

int
main(int argc, char *argv[])
{
	struct walk	 w;
	int		 first, rc;

	first = tool_options(&tool, argc, argv);
	if ((agg = agg_new()) == NULL) {
		fprintf(stderr, "dmarc2json: out of memory\n");
		return 1;
	}
	tool_walk_init(&tool, &w, &ops);
	agg_set_records(agg, tool.records);
	if (tool.csv)
		agg_set_sink(agg, csv_sink, NULL);
	tool_csv_header(&tool, &w, &csv);
	rc = tool_run(&tool, &w, argc - first, argv + first);
	agg_free(agg);
	csv_free(&csv);
	return rc;
}
