/*
 * tlsrpt2json: SMTP TLS reports (RFC 8460) to JSON lines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/csv.h"
#include "common/jsonnav.h"
#include "common/jsonw.h"
#include "common/limits.h"
#include "common/outstage.h"
#include "tool.h"
#include "tlsrpt/tlsrpt.h"

static struct tool tool = {
	.name = "tlsrpt2json",
	.usage = "[-hqv] [--unique] [--seen FILE] [--records | --csv "
	    "[--no-header]] "
	    "[--max-size N] [FILE | DIR | -]...",
	.help =
	    "Convert SMTP TLS reports (RFC 8460) in mail, mbox, JSON, gzip "
	    "and zip to JSON lines.\n\n"
	    "  -q             no warnings\n"
	    "  -v             name skipped inputs, count at the end\n"
	    "  --unique       a report seen before in this run is not "
	    "repeated\n"
	    "  --seen FILE    nor one whose key FILE holds; keys of the "
	    "reports written\n"
	    "                 are added to FILE (shared by runs and "
	    "processes)\n"
	    "  --records      one object per policy\n"
	    "  --csv          CSV, one row per failure detail or policy\n"
	    "  --no-header    with --csv: no header row\n"
	    "  --max-size N   most decompressed bytes per report "
	    "(default 4G; K, M, G)\n"
	    "  -h, --help, --version\n\n"
	    "See tlsrpt2json(1).\n",
};

/* --csv: one row per failure detail, one per policy without any; the
 * columns are listed in tlsrpt2json.1. */
static const struct csv_col columns[] = {
	{ "organization-name", "organization-name", 0 },
	{ "report-id", "report-id", 0 },
	{ "contact-info", "contact-info", 0 },
	{ "start-datetime", "date-range.start-datetime", 0 },
	{ "end-datetime", "date-range.end-datetime", 0 },
	{ "policy-type", "policy.policy.policy-type", 0 },
	{ "policy-domain", "policy.policy.policy-domain", 0 },
	{ "policy-string", "policy.policy.policy-string", 0 },
	{ "mx-host", "policy.policy.mx-host", 0 },
	{ "total-successful-session-count",
	    "policy.summary.total-successful-session-count", 0 },
	{ "total-failure-session-count",
	    "policy.summary.total-failure-session-count", 0 },
	{ "result-type", "@.result-type", 0 },
	{ "sending-mta-ip", "@.sending-mta-ip", 0 },
	{ "receiving-mx-hostname", "@.receiving-mx-hostname", 0 },
	{ "receiving-mx-helo", "@.receiving-mx-helo", 0 },
	{ "receiving-ip", "@.receiving-ip", 0 },
	{ "failed-session-count", "@.failed-session-count", 0 },
	{ "additional-information", "@.additional-information", 0 },
	{ "failure-reason-code", "@.failure-reason-code", 0 },
	{ "file", "input.file", 0 },
	{ "message_id", "input.message_id", 0 },
	{ "attachment", "input.attachment", 0 },
	{ "member", "input.member", 0 },
	{ NULL, NULL, 0 }
};

static struct csv csv = { .cols = columns, .rows = "policy.failure-details" };

static struct {
	struct buf	 doc;	/* the document, whole (jsmn needs it) */
	struct json_doc	 jd;
	struct buf	 head, tail, elem, key;
	struct sbuf	 made;	/* what is made of the document */
	struct buf	 piece;	/* what is being made */
} st;

/*
 * SCHEMA.md 8: the document and its tokens take most of the memory a
 * report may have (16 MiB and 24 MiB), so what is made of them is not
 * held beside them: it goes to st.made (a temporary file past
 * SPILL_MADE) as it is written, one line per element and the tail
 * last.  Once all is made, a big report lets the document go before
 * its parts are read back and handed to the output stage.
 */
#define SPILL_MADE	(256UL << 10)

/* json_write calls this between the values it writes (json.h). */
static void
spill_piece(void *arg, struct buf *out)
{

	(void)arg;
	if (out->len < SPILL_MADE)
		return;
	sbuf_add(&st.made, out->p, out->len - 1);
	out->p[0] = out->p[out->len - 1];	/* writers look at it */
	out->len = 1;
}

/* The piece being made is whole: to st.made, ended by c (or not). */
static void
piece_done(int c)
{

	if (c != 0)
		buf_addc(&st.piece, c);
	if (st.piece.oom)
		st.made.ioerr = ENOMEM;
	sbuf_add(&st.made, st.piece.p, st.piece.len);
	buf_reset(&st.piece);
}

/* Read back what st.made holds from off on, up to a '\n' or its end,
 * into b; 0 at the end, else 1 (-1 if it cannot be read). */
static int
made_line(unsigned long long *off, struct buf *b)
{
	const struct sbuf *m = &st.made;
	char	 chunk[65536], *nl;
	ssize_t	 r;
	size_t	 at;

	buf_reset(b);
	if (*off >= sbuf_size(m))
		return 0;
	while (*off < m->filed) {
		size_t want = m->filed - *off < sizeof(chunk) ?
		    (size_t)(m->filed - *off) : sizeof(chunk);
		if ((r = pread(m->fd, chunk, want, (off_t)*off)) <= 0)
			return -1;
		if ((nl = memchr(chunk, '\n', (size_t)r)) != NULL) {
			buf_add(b, chunk, (size_t)(nl - chunk));
			*off += (unsigned long long)(nl - chunk) + 1;
			return b->oom ? -1 : 1;
		}
		buf_add(b, chunk, (size_t)r);
		*off += (unsigned long long)r;
	}
	at = (size_t)(*off - m->filed);
	nl = memchr(m->mem.p + at, '\n', m->mem.len - at);
	buf_add(b, m->mem.p + at, nl ? (size_t)(nl - m->mem.p) - at :
	    m->mem.len - at);
	*off += (nl ? (unsigned long long)(nl - m->mem.p) + 1 - at :
	    m->mem.len - at);
	return b->oom ? -1 : 1;
}

/* Read the whole document, refusing one over LIM_JSON_DOC early. */
static int
slurp(struct stream *s, struct err *e)
{
	const char *p;
	size_t	 n;
	int	 r;

	buf_reset(&st.doc);
	st.doc.max = LIM_JSON_DOC;
	while ((r = st_next(s, &p, &n)) == 1) {
		buf_add(&st.doc, p, n);
		if (st.doc.over) {
			err_set(e, "JSON document larger than %lu MiB",
			    LIM_MIB(LIM_JSON_DOC));
			return -1;
		}
		if (st.doc.oom) {
			err_set(e, "out of memory");
			return -1;
		}
	}
	return r;
}

/* --unique, --seen: organization-name and report-id, after the kind. */
static void
make_key(void)
{
	int	 t;

	buf_reset(&st.key);
	buf_add(&st.key, "tlsrpt", sizeof("tlsrpt"));
	if ((t = json_get(&st.jd, 0, "organization-name")) >= 0)
		json_str(&st.jd, t, &st.key);
	buf_addc(&st.key, '\0');
	if ((t = json_get(&st.jd, 0, "report-id")) >= 0)
		json_str(&st.jd, t, &st.key);
}

/* --csv: one element for each failure detail, made as it is
 * converted (tlsrpt.h, each): the policy up to its details, the
 * detail, and the end of both. */
static void
detail_piece(void *arg, const char *before, size_t n, const char *entry,
    size_t en)
{
	int	*made = arg;

	(*made)++;
	sbuf_add(&st.made, before, n);
	sbuf_add(&st.made, entry, en);
	sbuf_add(&st.made, "]}\n", 3);
}

/* Hand what st.made holds to the output stage (see SPILL_MADE). */
static int
hand_over(struct walk *w, struct err *e)
{
	unsigned long long off = 0;
	int	 r;

	if (sbuf_failed(&st.made)) {
		err_set(e, "cannot hold the report: %s", st.made.ioerr ?
		    strerror(st.made.ioerr) : "out of memory");
		return -1;
	}
	if (st.made.filed > 0) {
		/* Big: the document goes before its parts come back. */
		json_free(&st.jd);
		buf_free(&st.doc);
	}
	if (outstage_shape(w->out) == OUT_WHOLE) {
		if (made_line(&off, &st.head) == -1)
			goto unreadable;
		return outstage_object(w->out, &st.head, &st.key, e);
	}
	/* Every line an element, but the last: the tail. */
	outstage_begin(w->out);
	buf_reset(&st.tail);
	while ((r = made_line(&off, &st.elem)) == 1) {
		if (off >= sbuf_size(&st.made)) {
			struct buf t = st.tail;	/* swapped, not copied */

			st.tail = st.elem;
			st.elem = t;
			break;
		}
		outstage_elem(w->out, st.elem.p, st.elem.len);
	}
	if (r == -1)
		goto unreadable;
	return outstage_report(w->out, &st.head, &st.tail, &st.key, e);
unreadable:
	err_set(e, "cannot hold the report: %s", errno ? strerror(errno) :
	    "out of memory");
	return -1;
}

/* --records, --csv: the top level around each policy, the policies as
 * the elements (outstage.h); --csv makes an element of each failure
 * detail instead, and leaves out what no column shows. */
static int
policies(struct walk *w, struct err *e)
{
	struct tlsrpt	 r;
	int		 n, details, csv = outstage_shape(w->out) == OUT_CSV;

	if (tlsrpt_open(&r, &st.jd, &w->diag, e) == -1) {
		tlsrpt_close(&r);
		return -1;
	}
	r.known_only = csv;
	r.each = csv ? detail_piece : NULL;
	r.each_arg = &details;
	buf_reset(&st.head);
	buf_addc(&st.head, '{');
	tlsrpt_head(&r, &st.head);
	jw_key(&st.head, "policy");
	for (n = 0; n < tlsrpt_count(&r); n++) {
		details = 0;
		buf_reset(&st.piece);
		tlsrpt_policy(&r, n, &st.piece);
		if (details > 0)
			buf_reset(&st.piece);	/* made, one by one */
		else
			piece_done('\n');
	}
	buf_addc(&st.piece, ',');
	if (!csv)
		tlsrpt_tail(&r, &st.piece);
	walk_input_json(w, &st.piece);
	buf_addc(&st.piece, '}');
	piece_done(0);
	tlsrpt_close(&r);
	if (st.head.oom) {
		err_set(e, "out of memory");
		return -1;
	}
	return hand_over(w, e);
}

static int
on_json(struct walk *w, struct stream *s, int claimed, struct err *e)
{

	(void)claimed;
	if (slurp(s, e) == -1)
		return -1;
	if (json_parse(&st.jd, st.doc.p, st.doc.len, e) == -1)
		return -1;
	make_key();
	if (outstage_known(w->out, &st.key, e))
		return 1;	/* before its warnings */
	sbuf_reset(&st.made);
	buf_reset(&st.piece);
	/* --csv makes rows of each element: those are held whole. */
	st.jd.flush = outstage_shape(w->out) == OUT_CSV ? NULL : spill_piece;
	if (outstage_shape(w->out) != OUT_WHOLE)
		return policies(w, e);
	if (tlsrpt_write(&st.jd, &w->diag, &st.piece, e) == -1)
		return -1;
	walk_input_json(w, &st.piece);
	buf_addc(&st.piece, '}');
	piece_done(0);
	return hand_over(w, e);
}

static int
on_xml(struct walk *w, struct stream *s, int claimed, struct err *e)
{

	(void)w, (void)s, (void)claimed;
	err_set(e, "XML, not a TLS report (DMARC reports: dmarc2json)");
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
	sbuf_init(&st.made);
	st.made.spill = SPILL_MADE;
	tool_walk_init(&tool, &w, &ops, &csv);
	rc = tool_run(&tool, &w, argc - first, argv + first);
	buf_free(&st.doc);
	buf_free(&st.head);
	buf_free(&st.tail);
	buf_free(&st.elem);
	buf_free(&st.key);
	buf_free(&st.piece);
	sbuf_free(&st.made);
	json_free(&st.jd);
	csv_free(&csv);
	return rc;
}
