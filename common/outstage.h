/*
 * outstage.c: the one output stage (DESIGN.md, "The bottom").
 *
 * Every report builder, whatever its kind, ends here: it hands the
 * stage a finished object, or the parts of a report that has many
 * elements (DMARC records, TLS-RPT policies), and the stage alone
 * decides what reaches the output and how:
 *  - the shape: one object per report (OUT_WHOLE), one line per
 *    element (OUT_RECORDS), or the CSV rows of those lines (OUT_CSV);
 *  - the --max-size bound on what --records and --csv write for one
 *    report (they repeat the report's head on every line);
 *  - commit when whole: nothing of a report is written before all of
 *    it is made; the elements are held in a buffer that spills to an
 *    unlinked temporary file past SPILL_AFTER;
 *  - --unique: a report whose key was written before is not written
 *    again.
 *
 * A report with elements, as the builder hands it over:
 *	outstage_begin(o);
 *	outstage_elem(o, e1, n1); outstage_elem(o, e2, n2); ...
 *	build head and tail for outstage_shape(o), outstage_count(o);
 *	r = outstage_report(o, &head, &tail, &key, e);
 * OUT_WHOLE writes head, the elements joined by ",", tail, "\n": the
 * builder puts the array brackets (or nothing, when there are no
 * elements) at the end of head and the start of tail.  OUT_RECORDS
 * writes head, element, tail, "\n" for each element, and nothing for
 * a report without elements; OUT_CSV turns each such line (without
 * its "\n") into rows with csv_rows.  Elements must not hold "\n".
 *
 * Keys (--unique) are bytes that say which report this is, starting
 * with the kind ("dmarc-aggregate", NUL, ...) so that kinds never
 * meet; the stage keeps only a hash.
 */
#ifndef OUTSTAGE_H
#define OUTSTAGE_H

#include "buf.h"
#include "csv.h"
#include "diag.h"
#include "unique.h"

enum out_shape { OUT_WHOLE, OUT_RECORDS, OUT_CSV };

struct outstage {
	/* Set by the tool before outstage_open. */
	enum out_shape	 shape;
	struct csv	*csv;		/* OUT_CSV: the columns */
	int		 header;	/* OUT_CSV: write the header row */
	int		 unique;	/* --unique */
	unsigned long long max_size;	/* --max-size */
	int		 fd;		/* the output: STDOUT_FILENO */
	/* Called when a write to fd fails, with the errno value. */
	void		(*write_failed)(void *arg, int errnum);
	void		*arg;
	/* The stage's own. */
	struct sbuf	 body;		/* the elements of this report */
	unsigned long	 nelem;
	struct sbuf	 rows;		/* OUT_CSV: its rows */
	struct buf	 line;		/* one line, for csv_rows */
	struct buf	 out;		/* lines on their way out */
	struct buf	 carry;		/* an element cut by a chunk */
	struct unique	 seen;		/* keys written in this run */
};

/* Ready o (fields above set): the CSV header row. */
void	 outstage_open(struct outstage *);
void	 outstage_close(struct outstage *);
static inline enum out_shape outstage_shape(const struct outstage *o) { return o->shape; }
static inline unsigned long outstage_count(const struct outstage *o) { return o->nelem; }
/* Start a report with elements: none so far. */
void	 outstage_begin(struct outstage *);
/* One more element (a JSON value, no newline in it). */
void	 outstage_elem(struct outstage *, const char *, size_t);
/* 1 (e says so) if a report with this key was written before and
 * would not be written again, else 0: a builder may ask before it
 * converts, to spare the work and the warnings. */
int	 outstage_known(struct outstage *, const struct buf *key, struct err *);
/* Commit the report begun above, as the shape wants it.  0: written;
 * 1: not written, its key came before (e says so); -1: the report
 * fails (e says why: the elements could not be held, --max-size, a
 * CSV row), nothing of it was written. */
int	 outstage_report(struct outstage *, const struct buf *head,
	    const struct buf *tail, const struct buf *key, struct err *);
/* Commit a report that is one object in every shape (no newline in
 * it; not for OUT_CSV).  Returns as outstage_report. */
int	 outstage_object(struct outstage *, const struct buf *obj,
	    const struct buf *key, struct err *);

#endif
