/*
 * dmarc2json: DMARC aggregate reports (RFC 7489, RFC 9990) and, with
 * --failure, failure reports (RFC 6591, RFC 9991) to JSON lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	if (tool.csv) {
		fprintf(stderr, "dmarc2json: --csv is not implemented yet\n");
		return 2;
	}
	if ((agg = agg_new()) == NULL) {
		fprintf(stderr, "dmarc2json: out of memory\n");
		return 1;
	}
	agg_set_records(agg, tool.records);
	tool_walk_init(&tool, &w, &ops);
	rc = tool_run(&tool, &w, argc - first, argv + first);
	agg_free(agg);
	return rc;
}
