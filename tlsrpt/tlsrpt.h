/*
 * tlsrpt.c: one SMTP TLS report (RFC 8460 section 4), already through
 * json_parse, as the object of SCHEMA.md section 5.
 *
 * The caller reads the document (refusing one over LIM_JSON_DOC, 16 MiB,
 * before it is all in memory: see json.h) and runs json_parse; an
 * error there is an error for the report.  Everything after that is
 * recovered with a warning through diag_warn, and the report still
 * comes out.
 *
 * Whole report (SCHEMA.md 5):
 *	tlsrpt_write(&doc, diag, out, &e);	-> {"organization-name":...
 *	then the caller appends ,"input":{...}} and a newline.
 *
 * Records (one object per policy, SCHEMA.md 5 last paragraph):
 *	tlsrpt_open(&r, &doc, diag, &e);
 *	for (n = 0; n < tlsrpt_count(&r); n++) {
 *		buf_addc(out, '{');
 *		tlsrpt_head(&r, out);
 *		jw_key(out, "policy");
 *		tlsrpt_policy(&r, n, out);
 *		tlsrpt_tail(&r, out);
 *		... ,"input":{...}} and a newline
 *	}
 *	tlsrpt_close(&r);
 * The top-level members are converted once, in tlsrpt_open, so their
 * warnings come once, not once per policy.
 */
#ifndef TLSRPT_H
#define TLSRPT_H

#include "../common/buf.h"
#include "../common/diag.h"
#include "../common/json.h"

struct tlsrpt_pol {
	int	 tok;	/* the policies entry, an object */
	int	 idx;	/* its index in the document, for warnings */
};

struct tlsrpt {
	const struct json_doc	*doc;
	struct diag		*diag;
	struct buf		 head;	/* known members before "policies" */
	struct buf		 tmp;	/* one text value */
	struct tlsrpt_pol	*pol;	/* the entries that are objects */
	int			 npol;
	int			 known_only;	/* set by the caller: leave the
						   members the tables do not
						   name out of policies */
	/*
	 * Set by the caller, or NULL: each failure-details entry, once
	 * made, is handed to each(each_arg, out, before, entry, n) instead
	 * of being kept: out[0..before) is what was written before it
	 * (ending in '['), entry[0..n) the entry.  --csv makes a row of
	 * each without holding them all (SCHEMA.md 8).
	 */
	void			(*each)(void *, const char *, size_t,
				    const char *, size_t);
	void			*each_arg;
};

/* Convert the top level of doc (root an object, as json_parse makes
 * sure), warn about what is missing there, index the policies.  0,
 * or -1 with e set if out of memory; close r in both cases. */
int	 tlsrpt_open(struct tlsrpt *r, const struct json_doc *doc,
	    struct diag *diag, struct err *e);
void	 tlsrpt_close(struct tlsrpt *r);
/* Append organization-name, date-range, contact-info, report-id (the
 * ones present), commas as jw_comma. */
void	 tlsrpt_head(const struct tlsrpt *r, struct buf *out);
/* Append the unknown top-level members, commas as jw_comma. */
void	 tlsrpt_tail(struct tlsrpt *r, struct buf *out);
/* Number of policies entries (those that are objects). */
int	 tlsrpt_count(const struct tlsrpt *r);
/* Append policies entry n (0 <= n < tlsrpt_count) as an object: the
 * value only, the caller writes the key or the comma before it. */
void	 tlsrpt_policy(struct tlsrpt *r, int n, struct buf *out);
/* The whole report: '{', then every member in SCHEMA.md order, but
 * not the closing '}'.  0, or -1 with e set if out of memory (out
 * has no ->max). */
int	 tlsrpt_write(const struct json_doc *doc, struct diag *diag,
	    struct buf *out, struct err *e);

#endif
