/*
 * mime.c: RFC 5322 messages and MIME entities (RFC 2045, 2046): each
 * part is a stream that ends at its boundary, decoded on the fly, so
 * no part is ever held whole.
 */
#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "delim.h"
#include "limits.h"
#include "mime.h"
#include "param.h"
#include "sniff.h"
#include "text.h"
#include "walk.h"

struct mimewalk {
	struct walk	*w;
	void		*state;		/* the tool's, for this message */
	int		 depth;		/* containers */
	int		 nparts;
};

static int	 walk_entity(struct mimewalk *, struct stream *,
		    const struct hdrs *, int mdepth);

int
read_headers(struct stream *s, struct hdrs *h, struct err *e)
{
	struct buf	 blk = { 0 };
	const char	*l;
	size_t		 n;
	int		 r;

	buf_grow(&blk, 4096);	/* most blocks: no doubling (oom: below) */
	while ((r = st_line(s, &l, &n, LIM_HEADER_LINE)) == 1) {
		if ((n == 1 && l[0] == '\n') || (n == 2 && l[0] == '\r'))
			break;
		if (blk.len + n > LIM_HEADER_BLOCK) {
			err_set(e, "header block longer than %lu MiB",
			    (unsigned long)(LIM_HEADER_BLOCK >> 20));
			r = -1;
			break;
		}
		buf_add(&blk, l, n);
	}
	if (r != -1 && blk.oom) {
		err_set(e, "out of memory");
		r = -1;
	}
	if (r != -1)
		r = hdrs_parse(h, blk.p, blk.len, e);
	buf_free(&blk);
	return r == -1 ? -1 : 0;
}

/* The Content-Transfer-Encoding decoder over s, or s itself. */
static struct stream *
decoder(struct mimewalk *m, const struct hdrs *h, struct stream *s,
    struct stream *dec)
{
	const char *v;
	size_t	 n;

	if ((v = hdrs_get(h, "content-transfer-encoding", &n)) == NULL)
		return s;
	if (eqi(v, n, "base64"))
		return b64_open(dec, s, &m->w->err) == -1 ? NULL : dec;
	if (eqi(v, n, "quoted-printable"))
		return qp_open(dec, s, &m->w->err) == -1 ? NULL : dec;
	return s;	/* 7bit, 8bit, binary, and unknown ones */
}

/* s is one of the strings of list, which ends with NULL. */
static int
oneof(const char *s, const char *const *list)
{

	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* The content types of archives and compressors: a part of one of
 * them that holds something else is an error (SCHEMA.md 7). */
static int
archive_type(const char *ct)
{
	static const char *const types[] = {
		"application/gzip", "application/x-gzip", "application/zip",
		"application/x-zip-compressed", "application/x-zip",
		"application/tlsrpt+gzip", "application/x-tar",
		"application/x-gtar", "application/x-xz", "application/x-bzip2",
		"application/zstd", "application/x-7z-compressed",
		"application/vnd.rar", "application/x-rar-compressed", NULL
	};

	return oneof(ct, types);
}

/* Report-like by type or name (SCHEMA.md 7). */
static int
report_type(const char *ct)
{
	static const char *const types[] = {
		"text/xml", "application/xml", "application/json",
		"application/tlsrpt+json", "application/tlsrpt", NULL
	};

	return archive_type(ct) || oneof(ct, types);
}

static int
report_name(const char *name)
{
	static const char *const ext[] = {
		".xml", ".gz", ".zip", ".json", ".gzip", NULL
	};
	size_t	 n = strlen(name);
	int	 i;

	for (i = 0; ext[i]; i++)
		if (endsi(name, n, ext[i]))
			return 1;
	return 0;
}

/* Trim the NUL-terminated name in b in place ("  r.xml " is r.xml,
 * SCHEMA.md 1 and 7); 1 if anything is left. */
static int
trim_name(struct buf *b)
{
	const char *v = b->p;
	size_t	 n;

	if (b->p == NULL || b->oom)
		return 0;
	n = strlen(b->p);
	trim(&v, &n);
	memmove(b->p, v, n);
	b->len = n;
	buf_addc(b, '\0');
	b->len = n;
	return n > 0 && !b->oom;
}

/* The filename of a part: Content-Disposition, Content-Type name, then
 * a Content-Description that looks like a file name (seen in the wild). */
static void
part_name(const struct hdrs *h, struct buf *out)
{
	const char *v;
	size_t	 n;

	out->len = 0;
	if ((v = hdrs_get(h, "content-disposition", &n)) != NULL &&
	    mime_param(v, n, "filename", out) && trim_name(out))
		return;
	out->len = 0;
	if ((v = hdrs_get(h, "content-type", &n)) != NULL &&
	    mime_param(v, n, "name", out) && trim_name(out))
		return;
	out->len = 0;
	if ((v = hdrs_get(h, "content-description", &n)) != NULL) {
		trim(&v, &n);
		if (n > 0 && memchr(v, ' ', n) == NULL) {
			buf_add(out, v, n);
			buf_addc(out, '\0');
			if (report_name(out->p))
				return;
		}
	}
	buf_reset(out);
}

/* Hand a part to the tool's part hook, if it has one: 1 if the tool
 * took it (or failed on it: said), 0 if the walk goes on with it. */
static int
offer_part(struct mimewalk *m, const char *ct, const struct hdrs *h,
    struct stream *body)
{
	struct walk	*w = m->w;
	int		 r;

	if (w->ops->part == NULL ||
	    (r = w->ops->part(w, m->state, ct, h, body, &w->err)) == 0)
		return 0;
	if (r == -1)
		walk_error(w, &w->err);
	return 1;
}

/* A part that is no multipart and no message. */
static int
walk_leaf(struct mimewalk *m, const char *ct, const struct hdrs *h,
    struct stream *body)
{
	struct walk	*w = m->w;
	struct where	 here = { w->where, W_PART, NULL, NULL };
	struct buf	 name = { 0 };
	const char	*p;
	size_t		 n;
	int		 like, claimed;
	enum sniff	 sn;

	if (offer_part(m, ct, h, body))
		return 0;
	/* Human-readable parts never are reports (SCHEMA.md 7). */
	if (strcmp(ct, "text/plain") == 0 || strcmp(ct, "text/html") == 0)
		return 0;
	part_name(h, &name);
	if ((p = st_look(body, 4096, &n)) == NULL) {
		walk_error(w, &w->err);
		buf_free(&name);
		return -1;
	}
	sn = sniff(p, n);
	like = report_type(ct) || (name.len && report_name(name.p)) ||
	    sniff_container(sn);
	/* Only a file name claims a report (SCHEMA.md 7): an unnamed
	 * application/xml part may hold anything. */
	claimed = name.len && report_name(name.p);
	if (like) {
		if (name.len)
			here.label = here.value = name.p;
		else
			here.label = ct;
		w->where = &here;
		/* An archive type holding none is an error (SCHEMA.md 7). */
		if (archive_type(ct) && sn == SN_UNKNOWN) {
			err_set(&w->err, "not an archive nor a report, "
			    "though its type says %s", ct);
			walk_error(w, &w->err);
		} else
			walk_stream(w, body, claimed, m->depth, 0);
		w->where = here.up;
	}
	buf_free(&name);
	return 0;
}

/* A message/rfc822 part: the tool may take it (the sample of a
 * failure report, RFC 5965 section 2), else it is walked as a message
 * (a forwarded report). */
static int
walk_embedded(struct mimewalk *m, const char *ct, const struct hdrs *h,
    struct stream *body, int mdepth)
{

	if (offer_part(m, ct, h, body))
		return 0;
	return walk_message(m->w, body, m->depth + 1, mdepth + 1, NULL);
}

static int
boundary_line(const char *l, size_t n, const char *delim, size_t dlen,
    int *close)
{
	size_t	 i;

	if (n < dlen || memcmp(l, delim, dlen) != 0)
		return 0;
	*close = n >= dlen + 2 && l[dlen] == '-' && l[dlen + 1] == '-';
	for (i = dlen + (*close ? 2 : 0); i < n; i++)
		if (!strchr(" \t\r\n", l[i]))
			return 0;
	return 1;
}

/* One body part, up to the next delimiter line.  0, or -1 when the
 * multipart cannot be read further (said already). */
static int
walk_part(struct mimewalk *m, struct stream *s, const char *delim,
    int mdepth)
{
	struct walk	*w = m->w;
	struct stream	 part;
	struct hdrs	 ph = { { 0 } };
	int		 r;

	if (delim_open(&part, s, delim, 1, 1, &w->err) == -1) {
		walk_error(w, &w->err);
		return -1;
	}
	if (read_headers(&part, &ph, &w->err) == -1)
		walk_error(w, &w->err);
	else
		walk_entity(m, &part, &ph, mdepth + 1);
	r = walk_finish(w, &part);
	hdrs_free(&ph);
	return r;
}

/* RFC 2046 5.1.1: preamble, parts between delimiters, epilogue. */
static int
walk_multipart(struct mimewalk *m, struct stream *s, const char *boundary,
    int mdepth)
{
	struct walk	*w = m->w;
	char		 delim[300];
	const char	*l;
	size_t		 n, dlen;
	int		 r, close = 0;

	dlen = (size_t)snprintf(delim, sizeof(delim), "--%s", boundary);
	if (dlen >= sizeof(delim))
		return 0;	/* RFC 2046: at most 70 characters */
	while ((r = st_line(s, &l, &n, LIM_HEADER_LINE)) == 1)
		if (boundary_line(l, n, delim, dlen, &close))
			break;
	while (r == 1 && !close) {
		if (++m->nparts > LIM_MIME_PARTS) {
			err_set(&w->err, "more than %d MIME parts",
			    LIM_MIME_PARTS);
			walk_error(w, &w->err);
			return -1;
		}
		if (walk_part(m, s, delim, mdepth) == -1)
			return -1;
		/* The delimiter line the part stopped at, or the end. */
		if ((r = st_line(s, &l, &n, LIM_HEADER_LINE)) == 1 &&
		    !boundary_line(l, n, delim, dlen, &close))
			close = 1;	/* cannot happen: the part ended there */
	}
	if (r == -1) {
		walk_error(w, &w->err);
		return -1;
	}
	return 0;
}

static int
walk_entity(struct mimewalk *m, struct stream *s, const struct hdrs *h,
    int mdepth)
{
	struct walk	*w = m->w;
	struct buf	 ct = { 0 }, bd = { 0 };
	struct stream	 dec, *body;
	const char	*v;
	size_t		 n;
	int		 r = 0;

	if (mdepth > LIM_MIME_DEPTH) {
		err_set(&w->err, "MIME parts nested deeper than %d",
		    LIM_MIME_DEPTH);
		walk_error(w, &w->err);
		return -1;
	}
	if ((v = hdrs_get(h, "content-type", &n)) != NULL)
		mime_type(v, n, &ct);
	if (ct.len == 0 || ct.p[0] == '\0') {
		buf_reset(&ct);
		buf_addstr(&ct, "text/plain");	/* RFC 2045 5.2 */
		buf_addc(&ct, '\0');
	}
	if (strncmp(ct.p, "multipart/", 10) == 0 &&
	    mime_param(v, n, "boundary", &bd) && bd.p[0] != '\0') {
		r = walk_multipart(m, s, bd.p, mdepth);
		goto out;
	}
	memset(&dec, 0, sizeof(dec));
	if ((body = decoder(m, h, s, &dec)) == NULL) {
		walk_error(w, &w->err);
		r = -1;
		goto out;
	}
	if (strcmp(ct.p, "message/rfc822") == 0 ||
	    strcmp(ct.p, "message/global") == 0)
		r = walk_embedded(m, ct.p, h, body, mdepth);
	else
		r = walk_leaf(m, ct.p, h, body);
	/* What no one read is left undecoded: the part is drained raw. */
	if (body == &dec)
		st_close(&dec);
out:
	buf_free(&ct);
	buf_free(&bd);
	return r;
}

static void
strip_angles(const char **v, size_t *n)
{

	trim(v, n);
	if (*n >= 2 && (*v)[0] == '<' && (*v)[*n - 1] == '>') {
		(*v)++;
		*n -= 2;
	}
	trim(v, n);
}

/* Does FILE alone say which message this is (SCHEMA.md 7)?  Not
 * for standard input, nor a message inside another (a forwarded
 * one), nor one of an mbox (label != NULL). */
static int
needs_id(const struct walk *w, const char *label)
{
	const struct where *p;

	if (label != NULL)
		return 1;
	for (p = w->where; p != NULL; p = p->up) {
		if (p->kind == W_MESSAGE)
			return 1;
		if (p->kind == W_FILE && p->value && strcmp(p->value, "-") == 0)
			return 1;
	}
	return 0;
}

int
walk_message(struct walk *w, struct stream *s, int depth, int mdepth,
    const char *label)
{
	struct mimewalk	 m = { w, NULL, depth, 0 };
	struct where	 here = { w->where, W_MESSAGE, label, NULL };
	struct hdrs	 h = { { 0 } };
	struct buf	 id = { 0 }, tag = { 0 };
	const char	*v;
	size_t		 n;
	int		 r;

	if (walk_depth(w, depth) == -1)
		return -1;
	if (read_headers(s, &h, &w->err) == -1) {
		walk_error(w, &w->err);
		hdrs_free(&h);
		return -1;
	}
	if ((v = hdrs_get(&h, "message-id", &n)) != NULL) {
		strip_angles(&v, &n);
		if (n > 0) {
			buf_add(&id, v, n);
			buf_addc(&id, '\0');
			if (!id.oom)
				here.value = id.p;
		}
	}
	/* WHERE: "FILE: <MESSAGE-ID>: ..." where FILE is not enough. */
	if (here.value != NULL && needs_id(w, label)) {
		buf_addc(&tag, '<');
		buf_addstr(&tag, here.value);
		buf_addstr(&tag, ">");
		buf_addc(&tag, '\0');
		if (!tag.oom)
			here.label = tag.p;
	}
	w->where = &here;
	if (w->ops->msg_begin)
		m.state = w->ops->msg_begin(w, &h);
	r = walk_entity(&m, s, &h, mdepth);
	if (w->ops->msg_end && w->ops->msg_end(w, m.state, &w->err) == -1)
		walk_error(w, &w->err);
	w->where = here.up;
	hdrs_free(&h);
	buf_free(&id);
	buf_free(&tag);
	return r;
}
