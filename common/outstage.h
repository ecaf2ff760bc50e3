/*
 * outstage.c: the one output stage (DESIGN.md, "The bottom").
 *
 * Every report builder, whatever its kind, ends here: it hands the
 * stage a finished object, or the parts of a report that has many
 * elements (DMARC records, TLS-RPT policies), and the stage alone
 * decides what reaches the output and how (SCHEMA.md 1 and 7):
 *  - the shape: one object per report (OUT_WHOLE), one line per
 *    element (OUT_RECORDS), or the CSV rows of those lines (OUT_CSV);
 *  - the --max-size bound on what --records and --csv write for one
 *    report (they repeat the report's head on every line);
 *  - commit when whole: nothing of a report is written before all of
 *    it is made; the elements are held in a buffer that spills to an
 *    unlinked temporary file past SPILL_AFTER;
 *  - --unique and --seen FILE: a report whose key was written before
 *    (in this run, or by any run that shares FILE) is not written
 *    again; a key goes into FILE only once its report is written whole;
 *  - many writers, one output: each report is written in one exclusive
 *    turn on the output, so that reports of concurrent processes never
 *    interleave and the lines of one report stay together;
 *  - never half a report: a write that fails takes back what it wrote
 *    of the report where the output allows it (a regular file is
 *    truncated to where the report began).
 *
 * The turn.  Processes started by xargs -P or parallel share one open
 * file description for their standard output, so flock(2) on it (a
 * lock of the open file description) does not keep them apart.  The
 * turn is a POSIX record lock (fcntl F_SETLKW, F_WRLCK, the whole
 * file) on the output, which belongs to the process: it excludes
 * siblings that share the description as well as unrelated processes
 * that opened the same file, pipe or FIFO.  On Linux it works on
 * regular files, pipes, FIFOs, terminals, character devices and
 * sockets (checked on Debian 12, kernel 6.1).  An output that cannot
 * be locked (fd 1 not open for writing, a file system without locks)
 * is written without the turn.  The lock is released when the report
 * is out; POSIX locks also fall when the process closes any other
 * descriptor of the same file, which the stage never does while it
 * holds one.
 *
 * Where a report begins, for taking it back: on a regular file opened
 * with O_APPEND, its size, read under the turn (every writer appends
 * only under the turn, so nobody can append in between); on one opened
 * without, the file offset.  Pipes, terminals and sockets cannot take
 * back what reached them: the failure is only reported.
 *
 * --seen FILE (the format is in outstage.c): opened and read at
 * outstage_open; at each commit, under FILE's own lock (taken before
 * the output's turn, by every process in the same order), the keys
 * that other processes appended since are read, the key is checked,
 * the report is written, and its key is appended.  So check, write and
 * record are one step for all processes that share FILE.
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
 * its "\n") into rows, as csv_rows would (csv_begin once per report,
 * then csv_elem per element).  Elements must not hold "\n".
 *
 * Keys are bytes that say which report this is, starting with the
 * kind ("dmarc-aggregate", NUL, ...) so that kinds never meet; the
 * stage keeps 128 bits of their SHA-256 (unique.h).
 *
 * Errors of the system around the tool (the output, the temporary
 * file, FILE, memory) are returned with e->sys set (diag.h), and
 * o->failed counts them: the tool exits 75 (SCHEMA.md 7).
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
	const char	*seen_path;	/* --seen FILE, or NULL */
	unsigned long long max_size;	/* --max-size */
	int		 fd;		/* the output: STDOUT_FILENO */
	/* Read by the tool. */
	unsigned long	 failed;	/* system failures so far */
	/* The stage's own. */
	int		 regular, append, nolock;	/* what fd is */
	int		 seen_fd;	/* FILE, or -1 */
	unsigned long long seen_len;	/* bytes of FILE in the set */
	unsigned long	 seen_lines;	/* lines of FILE read */
	struct buf	 seen_buf;	/* FILE being read */
	struct sbuf	 body;		/* the elements of this report */
	unsigned long	 nelem;
	struct sbuf	 rows;		/* OUT_CSV: its rows */
	struct buf	 out;		/* lines on their way out */
	struct buf	 carry;		/* an element cut by a chunk */
	struct unique	 seen;		/* keys written (and read from FILE) */
};

/* Ready o (the fields above set): look at the output, open and read
 * --seen FILE, write the CSV header row.  0, or -1 with e set (sys: a
 * run without FILE would repeat reports, so the tool should stop). */
int	 outstage_open(struct outstage *, struct err *);
void	 outstage_close(struct outstage *);
static inline enum out_shape outstage_shape(const struct outstage *o) { return o->shape; }
static inline unsigned long outstage_count(const struct outstage *o) { return o->nelem; }
/* Start a report with elements: none so far. */
void	 outstage_begin(struct outstage *);
/* One more element (a JSON value, no newline in it). */
void	 outstage_elem(struct outstage *, const char *, size_t);
/* 1 (e says so) if a report with this key was written before (as far
 * as this process knows) and would not be written again, else 0: a
 * builder may ask before it converts, to spare the work and the
 * warnings.  outstage_report decides. */
int	 outstage_known(struct outstage *, const struct buf *key, struct err *);
/* Commit the report begun above, as the shape wants it.  0: written
 * whole; 1: not written, its key came before (e says so); -1: e says
 * why: the report fails (the elements could not be held, --max-size,
 * a CSV row) and nothing of it was written, or the system failed
 * (e->sys) and what was written of it was taken back where it could
 * be. */
int	 outstage_report(struct outstage *, const struct buf *head,
	    const struct buf *tail, const struct buf *key, struct err *);
/* Commit a report that is one object in every shape (no newline in
 * it; not for OUT_CSV).  Returns as outstage_report. */
int	 outstage_object(struct outstage *, const struct buf *obj,
	    const struct buf *key, struct err *);

#endif
