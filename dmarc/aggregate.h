/*
 * aggregate.c: DMARC aggregate reports (RFC 7489 Appendix C, the 0.1
 * draft, RFC 9990) from XML to the object of SCHEMA.md section 3.
 */
#ifndef AGGREGATE_H
#define AGGREGATE_H

#include "../common/buf.h"
#include "../common/stream.h"
#include "../common/walk.h"

struct agg;

struct agg *agg_new(void);
void	 agg_free(struct agg *);
/* Parse the XML document on s.  0: a report is ready for agg_commit;
 * 1: not a DMARC report, skipped (e->msg says why); -1: e says what
 * is wrong.  Warnings go to w->diag. */
int	 agg_convert(struct agg *, struct walk *, struct stream *,
	    int claimed, struct err *);
/* With --records: one line per record (SCHEMA.md 3). */
void	 agg_set_records(struct agg *, int);
/* Instead of writing records lines, hand each (without its newline)
 * to fn, which appends what is to be written to out: 0, or -1 with e
 * set, which fails the report (--csv).  Elements the schema does not
 * name are left out of the lines. */
typedef int (*agg_sink_fn)(void *arg, const char *line, size_t n,
    struct buf *out, struct err *e);
void	 agg_set_sink(struct agg *, agg_sink_fn, void *arg);
/* The --unique key of the converted report: org_name, report_id,
 * policy domain, begin and end, each ended by a NUL.  0, or -1 with
 * e set. */
int	 agg_key(struct agg *, struct buf *, struct err *);
/* Write the report to fd: 0, or an errno value. */
int	 agg_commit(struct agg *, int fd);

#endif
