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
#include "common/tool.h"
#include "dmarc/aggregate.h"

static struct tool tool = {
	.name = "dmarc2json",
	.usage = "[-qv] [--failure] [--records | --csv [--no-header]] "
	    "[--max-size N] [FILE | DIR | -]...",
	.help =
	    "Convert DMARC reports in mail, mbox, XML, gzip and zip to JSON "
	    "lines.\n\n"
	    "  -q             no warnings\n"
	    "  -v             name skipped inputs, count at the end\n"
	    "  --failure      also convert failure reports (ARF)\n"
	    "  --records      one object per record\n"
	    "  --csv          CSV, one row per record\n"
	    "  --no-header    with --csv: no header row\n"
	    "  --max-size N   most decompressed bytes per report "
	    "(default 4G; K, M, G)\n"
	    "  --help, --version\n\n"
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
csv_sink(void *arg, const char *line, size_t n, struct buf *out)
{
	struct err	 e = { 0 };

	(void)arg;
	if (csv_rows(&csv, line, n, out, &e) == -1)
		return EINVAL;	/* our own JSON: cannot happen */
	return out->oom ? ENOMEM : 0;
}

static int
on_xml(struct walk *w, struct stream *s, int claimed, struct err *e)
{
	int	 r, rc;

	if ((r = agg_convert(agg, w, s, claimed, e)) != 0)
		return r;
	if ((rc = agg_commit(agg, w, STDOUT_FILENO)) != 0)
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
	if ((agg = agg_new()) == NULL) {
		fprintf(stderr, "dmarc2json: out of memory\n");
		return 1;
	}
	tool_walk_init(&tool, &w, &ops);
	agg_set_records(agg, tool.records);
	if (tool.csv) {
		agg_set_sink(agg, csv_sink, NULL);
		if (!tool.no_header) {
			struct buf hd = { 0 };
			csv_header(&csv, &hd);
			tool_write(&w, &hd);
			buf_free(&hd);
		}
	}
	rc = tool_run(&tool, &w, argc - first, argv + first);
	agg_free(agg);
	csv_free(&csv);
	return rc;
}
