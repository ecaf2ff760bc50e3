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
#include "dmarc/aggregate.h"
#include "dmarc/failure.h"

static struct tool tool = {
	.name = "dmarc2json",
	.usage = "[-hqv] [--failure] [--unique] [--seen FILE] "
	    "[--records | --csv "
	    "[--no-header]] [--max-size N] [FILE | DIR | -]...",
	.help =
	    "Convert DMARC reports in mail, mbox, XML, gzip and zip to JSON "
	    "lines.\n\n"
	    "  -q             no warnings\n"
	    "  -v             name skipped inputs, count at the end\n"
	    "  --failure      also convert failure reports (ARF)\n"
	    "  --unique       a report seen before in this run is not "
	    "repeated\n"
	    "  --seen FILE    nor one whose key FILE holds; keys of the "
	    "reports written\n"
	    "                 are added to FILE (shared by runs and "
	    "processes)\n"
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
static struct csv csv = { .cols = columns, .rows = NULL };

static int
on_xml(struct walk *w, struct stream *s, int claimed, struct err *e)
{

	return agg_convert(agg, w, s, claimed, e);
}

static int
on_json(struct walk *w, struct stream *s, int claimed, struct err *e)
{

	(void)w, (void)s, (void)claimed;
	err_set(e, "JSON, not a DMARC report (TLS reports: tlsrpt2json)");
	return 1;
}

/* Failure reports (SCHEMA.md 4): collected by dmarc/failure.c. */
static void *
on_msg_begin(struct walk *w, const struct hdrs *h)
{

	return arf_begin(w, h, tool.failure);
}

static const struct walk_ops ops = {
	.xml = on_xml,
	.json = on_json,
	.msg_begin = on_msg_begin,
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
	tool_walk_init(&tool, &w, &ops, &csv);
	if ((agg = agg_new(&tool.out)) == NULL)
		return tool_fail(&tool, "out of memory");
	rc = tool_run(&tool, &w, argc - first, argv + first);
	agg_free(agg);
	csv_free(&csv);
	return rc;
}
