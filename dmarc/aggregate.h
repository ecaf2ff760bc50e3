/*
 * aggregate.c: DMARC aggregate reports (RFC 7489 Appendix C, the 0.1
 * draft, RFC 9990) from XML to the object of SCHEMA.md section 3.
 */
#ifndef AGGREGATE_H
#define AGGREGATE_H

#include "../common/stream.h"
#include "../common/walk.h"

struct agg;
struct outstage;

/* A converter whose reports go to out (and take its shape). */
struct agg *agg_new(struct outstage *out);
void	 agg_free(struct agg *);
/* Parse the XML document on s and hand the report to the output
 * stage.  As outstage_report: 0 written, 1 skipped (not a DMARC
 * report, or its key came before: e->msg says why), -1 e says what
 * is wrong.  Warnings go to w->diag. */
int	 agg_convert(struct agg *, struct walk *, struct stream *,
	    int claimed, struct err *);

#endif
