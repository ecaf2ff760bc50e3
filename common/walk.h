/*
 * walk.c: from an operand to the reports in it.
 *
 * The walker starts on an operand (input.h), sniffs every stream it
 * is handed (sniff.h) and takes it apart: gzip, zip, mbox (mbox.h),
 * RFC 5322 messages and their MIME parts (mime.h), nested in any
 * order, until it reaches XML or JSON, which it hands to the tool's
 * plug-ins.  It counts what happened; it prints nothing: the tool's
 * ops do.
 */
#ifndef WALK_H
#define WALK_H

#include "buf.h"
#include "diag.h"
#include "hdr.h"
#include "stream.h"

enum where_kind { W_FILE, W_MESSAGE, W_PART, W_MEMBER };

/* One step on the way from the operand to a report. */
struct where {
	struct where	*up;
	enum where_kind	 kind;
	const char	*label;	/* for messages; NULL: say nothing */
	const char	*value;	/* for the input object (SCHEMA.md 2) */
};

struct walk;

struct walk_ops {
	/* A document that sniffed as XML or JSON.  Convert it and write
	 * it out: 0; not this tool's kind: 1 (with a reason in e->msg);
	 * cannot convert: -1 with e set.  claimed: the input said it is
	 * a report (a file operand, a part named *.xml...). */
	int	(*xml)(struct walk *, struct stream *, int claimed, struct err *);
	int	(*json)(struct walk *, struct stream *, int claimed, struct err *);
	/* Failure reports (any may be NULL).  msg_begin gets a message's
	 * header block and returns state for the other two; part may take
	 * a leaf part (1; it read what it needed), leave it (0) or fail
	 * (-1); msg_end as xml above. */
	void	*(*msg_begin)(struct walk *, const struct hdrs *);
	int	(*part)(struct walk *, void *state, const char *ctype,
		    const struct hdrs *, struct stream *, struct err *);
	int	(*msg_end)(struct walk *, void *state, struct err *);
	/* Diagnostics: main prints them, naming w->where. */
	void	(*error)(struct walk *, const struct err *);
	void	(*skip)(struct walk *, const char *why);
};

struct outstage;

struct walk {
	const struct walk_ops *ops;
	void		*tool;
	struct outstage	*out;		/* where reports go (outstage.h) */
	struct where	*where;
	struct diag	 diag;
	struct err	 err;
	unsigned long long max_size;
	unsigned long	 nreports, nerrors, nskipped;
	unsigned long	 found;		/* report-like things in this operand */
};

/* What s holds, taken apart; inner: s came out of gzip or zip.  0, -1
 * when it failed (said), 1 when a document in it was skipped as none
 * of the tool's: then the rest of s need not be read (or inflated). */
int	 walk_stream(struct walk *, struct stream *, int claimed, int depth,
	    int inner);
/* 0 if depth is within LIM_CONTAINER_DEPTH, else -1 (said). */
int	 walk_depth(struct walk *, int depth);
/* Drain and close layer s, what walked it done: 0, or -1 if its
 * parent failed under it (said). */
int	 walk_finish(struct walk *, struct stream *s);
/* A document was handed to the tool; account for its result. */
void	 walk_result(struct walk *, int r, struct err *);
/* Say e through the tool's error op ("unknown error" if e is not
 * set), count it as an error and as something found, and clear e. */
void	 walk_error(struct walk *, struct err *);
/* Count a skip and hand why to the tool's skip op. */
void	 walk_skip(struct walk *, const char *why);
/* ,"input":{...} for the current place (SCHEMA.md 2). */
void	 walk_input_json(const struct walk *, struct buf *);
/* "FILE: PART: MEMBER" for messages. */
void	 walk_where_str(const struct walk *, struct buf *);

#endif
