/*
 * failure.c: DMARC failure reports (ARF: RFC 5965, with the fields of
 * RFC 6591, RFC 6692, RFC 7489 section 7.3 and RFC 9991) to the object
 * of SCHEMA.md section 4.
 *
 * Which messages are failure reports.  A message is one when, and only
 * when, the walk meets a part of type message/feedback-report.
 * Neither the multipart/report container nor its report-type parameter
 * decides: Netease's reports come forwarded inside multipart/mixed,
 * and Exim/cPanel gateways send multipart/report (without report-type)
 * holding only a text/plain summary and copied headers.  Such a
 * plain-text "failure report" has nothing machine-readable; it is
 * skipped like any mail without a report (named with -v).
 *
 * What the caller hands over, per message/feedback-report part:
 *  - report: the header block of the innermost message that holds the
 *    part (the report email itself, not the message of part 3);
 *  - fb, fblen: the part's body, transfer encoding removed (Netease
 *    sends it in base64), at most LIM_HEADER_BLOCK bytes;
 *  - orig: the header block of the part that follows it in the same
 *    multipart and is the original (RFC 5965 section 2 item (d):
 *    message/rfc822 or text/rfc822-headers, or their RFC 6532 forms
 *    message/global and message/global-headers), or NULL.
 * A message with two feedback-report parts gives two objects.
 *
 * What comes out: "{" and the members of SCHEMA.md section 4, with no
 * closing brace; the caller adds the input object and "}".  Add it
 * with jw_key(out, "input"), which puts the comma right.
 *  - Fields of the feedback report: the known ones in the order of the
 *    table, then the others in the order they first appear.  Names are
 *    lowercased, "-" becomes "_" (so "Source_IP" and "Source-IP" are
 *    one field).  Empty values are left out.
 *  - Repeatable fields (original_rcpt_to, reported_domain,
 *    reported_uri, authentication_results, spf_dns, removal_recipient)
 *    are always arrays.  Another field that appears more than once is
 *    an array if the table does not know it; if it does (source_ip,
 *    arrival_date...), the first is kept, with a warning: a jq filter
 *    can rely on the type.
 *  - feedback_type, auth_failure, delivery_result, identity_alignment:
 *    RFC 5322 comments removed, lowercased ("Signature (bad key)" gives
 *    "signature").
 *  - arrival_date, received_date: RFC 3339 UTC; a value that is no RFC
 *    5322 date (nor ISO 8601, which some generators write) is left out
 *    with a warning (the table promises a date).
 *  - source_ip: canonical (section 3); a comment such as OpenDMARC's
 *    "(host.name)", brackets and an "IPv6:" prefix are dropped.  A value
 *    that is no address is kept as written, with a warning.
 *  - source_port (0-65535), incidents (>= 0): integers, left out with
 *    a warning otherwise.
 *  - original_mail_from, original_rcpt_to, removal_recipient: comments
 *    and <> removed; "<>" (the null path) is empty, so left out.
 *  - authentication_results: unfolded, and each run of white space
 *    outside quoted strings made one space.
 *  - dkim_canonicalized_header, dkim_canonicalized_body: base64 with
 *    the folding white space removed (RFC 6591 section 2.3), ready for
 *    jq's @base64d.
 *  - other fields: as written (unfolded, trimmed).
 *  - Fields named like the members this object adds (original_headers,
 *    report, input) are dropped with a warning.
 *  - original_headers {from, to, subject, date, message_id} from orig,
 *    report {from, subject, date, message_id} from report: RFC 2047
 *    decoded; message_id without <>; date as RFC 3339 UTC when it is a
 *    date as above, else as written with a warning (these dates are
 *    evidence and their table entry is a plain string).  An object with
 *    nothing in it is left out.
 *
 * Warnings (through d) read "feedback report: ...", "original message:
 * ..." or "report message: ...".
 */
#ifndef FAILURE_H
#define FAILURE_H

#include <stddef.h>

struct buf;
struct diag;
struct err;
struct hdrs;

/* Append the report described above to out.  0 on success; -1 with e
 * set (the part has no fields, is too large, a field is longer than
 * LIM_HEADER_LINE, out of memory), and out as it was.  out has no
 * ->max.  report and orig may be NULL; d may be NULL. */
int	 failure_convert(struct buf *out, const struct hdrs *report,
	    const char *fb, size_t fblen, const struct hdrs *orig,
	    struct diag *d, struct err *e);

/*
 * The walk's msg_begin, part and msg_end hooks (walk.h) for failure
 * reports: they collect what failure_convert needs from a message
 * (each feedback-report part, and the header block of the part after
 * it), then convert each report and commit it to w->out with its key
 * (the bytes of the feedback-report part and of the original
 * headers), accounting for it with walk_result.  Without convert
 * (--failure not given) a report is only named as skipped (-v).
 */
struct stream;
struct walk;
void	*arf_begin(struct walk *w, const struct hdrs *h, int convert);
int	 arf_part(struct walk *w, void *state, const char *ctype,
	    const struct hdrs *h, struct stream *body, struct err *e);
int	 arf_end(struct walk *w, void *state, struct err *e);

#endif
