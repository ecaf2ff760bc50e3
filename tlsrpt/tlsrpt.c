/*
 * tlsrpt.c: an SMTP TLS report (RFC 8460 section 4.4) normalised to
 * SCHEMA.md section 5.  Tables say, for each object, which keys RFC
 * 8460 defines, in the order of its template, and how to read each
 * value; members the tables do not name follow in document order,
 * with their JSON values (json_write).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/datetime.h"
#include "../common/ipaddr.h"
#include "../common/jsonnav.h"
#include "../common/jsonnorm.h"
#include "../common/jsonw.h"
#include "../common/text.h"
#include "tlsrpt.h"

#define TR_KNOWN	1	/* tr_members: the members the table names */
#define TR_UNKNOWN	2	/* tr_members: the others */
#define TR_MAXF		8	/* the most members a table names */

enum tr_kind {
	TR_TEXT,	/* string, trimmed */
	TR_LOWER,	/* string, lowercased (enumerations) */
	TR_IP,		/* string, canonical address */
	TR_TIME,	/* string, RFC 3339 UTC */
	TR_COUNT,	/* int */
	TR_TEXTS,	/* [string] */
	TR_OBJECT,	/* object of sub */
	TR_OBJECTS,	/* [object of sub] */
	TR_LATER,	/* "policies": converted one entry at a time */
	TR_OURS		/* a name the output gives a key of its own: the
			   report's member is dropped, with a warning */
};

struct tr_field {
	const char		*key;
	enum tr_kind		 kind;
	int			 required;
	const struct tr_field	*sub;
};

/* RFC 8460 4.4; "required" as the brief of SCHEMA.md 5 lists them. */
static const struct tr_field tr_range[] = {
	{ "start-datetime", TR_TIME, 1, NULL },
	{ "end-datetime", TR_TIME, 1, NULL },
	{ NULL, TR_TEXT, 0, NULL }
};
static const struct tr_field tr_pol[] = {
	{ "policy-type", TR_LOWER, 1, NULL },
	{ "policy-string", TR_TEXTS, 0, NULL },
	{ "policy-domain", TR_TEXT, 1, NULL },
	{ "mx-host", TR_TEXTS, 0, NULL },
	{ NULL, TR_TEXT, 0, NULL }
};
static const struct tr_field tr_summary[] = {
	{ "total-successful-session-count", TR_COUNT, 1, NULL },
	{ "total-failure-session-count", TR_COUNT, 1, NULL },
	{ NULL, TR_TEXT, 0, NULL }
};
static const struct tr_field tr_detail[] = {
	{ "result-type", TR_LOWER, 0, NULL },
	{ "sending-mta-ip", TR_IP, 0, NULL },
	{ "receiving-mx-hostname", TR_TEXT, 0, NULL },
	{ "receiving-mx-helo", TR_TEXT, 0, NULL },
	{ "receiving-ip", TR_IP, 0, NULL },
	{ "failed-session-count", TR_COUNT, 0, NULL },
	{ "additional-information", TR_TEXT, 0, NULL },
	{ "failure-reason-code", TR_TEXT, 0, NULL },
	{ NULL, TR_TEXT, 0, NULL }
};
static const struct tr_field tr_entry[] = {
	{ "policy", TR_OBJECT, 1, tr_pol },
	{ "summary", TR_OBJECT, 1, tr_summary },
	{ "failure-details", TR_OBJECTS, 0, tr_detail },
	{ NULL, TR_TEXT, 0, NULL }
};
static const struct tr_field tr_report[] = {
	{ "organization-name", TR_TEXT, 1, NULL },
	{ "date-range", TR_OBJECT, 1, tr_range },
	/* Not required: senders write "contact-info": null (quirk list),
	 * and a report is whole without it. */
	{ "contact-info", TR_TEXT, 0, NULL },
	{ "report-id", TR_TEXT, 1, NULL },
	{ "policies", TR_LATER, 1, NULL },
	/* Top-level keys tlsrpt2json writes itself (SCHEMA.md 2 and 5:
	 * "input", and "policy" on each --records line): kept, they would
	 * make a key twice in one object. */
	{ "input", TR_OURS, 0, NULL },
	{ "policy", TR_OURS, 0, NULL },
	{ NULL, TR_TEXT, 0, NULL }
};

/* tr_members keeps the value of each entry of a table in an array of
 * TR_MAXF: every table must fit, checked here, so that an entry added
 * to one cannot overflow it. */
#define TR_NF(t)	(sizeof(t) / sizeof((t)[0]) - 1)	/* but the end */
#define TR_FITS(t)	_Static_assert(TR_NF(t) <= TR_MAXF, \
			    #t " has more entries than TR_MAXF")
TR_FITS(tr_range);
TR_FITS(tr_pol);
TR_FITS(tr_summary);
TR_FITS(tr_detail);
TR_FITS(tr_entry);
TR_FITS(tr_report);

struct tr_at;
static void	 tr_members(struct tlsrpt *, int, const struct tr_field *,
		    const struct tr_at *, struct buf *, int);

/*
 * Where a value is, as a chain up to the root, spelled out only when
 * a warning needs it: "policies[1].failure-details[2].receiving-ip".
 */
struct tr_at {
	const struct tr_at	*up;
	const char		*key;	/* NULL: index idx of an array */
	int			 idx;
};

static void
tr_fmt(const struct tr_at *a, struct buf *b)
{
	char	 s[16];

	if (a == NULL)
		return;
	tr_fmt(a->up, b);
	if (a->key == NULL) {
		snprintf(s, sizeof(s), "[%d]", a->idx);
		buf_addstr(b, s);
		return;
	}
	if (b->len > 0)
		buf_addc(b, '.');
	buf_addstr(b, a->key);
}

/* A warning about the value at a: "PATH: what". */
static void
tr_warn(struct tlsrpt *r, const struct tr_at *a, const char *fmt, ...)
{
	struct buf	 b = { 0 };
	char		 what[256];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	tr_fmt(a, &b);
	buf_addc(&b, '\0');
	diag_warn(r->diag, "%s: %s", b.oom ? "?" : b.p, what);
	buf_free(&b);
}

static void
tr_missing(struct tlsrpt *r, const struct tr_at *a)
{
	struct buf	 b = { 0 };

	tr_fmt(a, &b);
	buf_addc(&b, '\0');
	diag_warn(r->diag, "missing required field %s", b.oom ? "?" : b.p);
	buf_free(&b);
}

/* s[0..n) quoted for a warning (a short, printable form). */
static const char *
tr_q(char *sn, const char *s, size_t n)
{

	return snippet(sn, SNIPPET_SIZE, s, n);
}

/*
 * The text of scalar v into r->tmp, trimmed (SCHEMA.md 1): a string
 * unescaped, a number or true/false as written.  0 with *p, *n set;
 * -1 if blank; -2 (warned) if v is an object or array.
 */
static int
tr_text(struct tlsrpt *r, int v, const struct tr_at *at, const char *want,
    char **p, size_t *n)
{
	const char	*s;

	if (r->doc->tok[v].type == JSMN_OBJECT ||
	    r->doc->tok[v].type == JSMN_ARRAY) {
		tr_warn(r, at, "expected %s, found %s; omitted", want,
		    json_typename(r->doc, v));
		return -2;
	}
	buf_reset(&r->tmp);
	json_str(r->doc, v, &r->tmp);
	s = r->tmp.p;
	*n = r->tmp.len;
	trim(&s, n);
	if (r->tmp.oom || *n == 0)
		return -1;
	*p = r->tmp.p + (s - r->tmp.p);
	return 0;
}

/* Text, lowercased text, an IP address or a date-time. */
static int
tr_scalar(struct tlsrpt *r, enum tr_kind kind, int v, const struct tr_at *at,
    struct buf *out)
{
	char		 sn[SNIPPET_SIZE], ip[IP_CANON_SIZE];
	char		 dt[RFC3339_SIZE], *p;
	size_t		 n;
	long long	 t;
	int		 rc;

	if ((rc = tr_text(r, v, at, "a string", &p, &n)) != 0)
		return rc;
	switch (kind) {
	case TR_LOWER:
		lower(p, n);
		break;
	case TR_IP:
		/* RFC 8460 4.4: IPv4 dotted quad or IPv6 (RFC 5952). */
		if (memchr(p, '\0', n) == NULL && ip_canon(p, n, ip) == 0) {
			jw_cstr(out, ip);
			return 0;
		}
		tr_warn(r, at, "\"%s\" is not an IP address; kept as written",
		    tr_q(sn, p, n));
		break;
	case TR_TIME:
		/* RFC 8460 4.4: RFC 3339 date-time; no zone read as UTC. */
		if (iso8601_epoch(p, n, &t) == 0) {
			epoch_rfc3339(t, dt);
			jw_cstr(out, dt);
			return 0;
		}
		tr_warn(r, at, "\"%s\" is not an RFC 3339 date-time; kept as "
		    "written", tr_q(sn, p, n));
		break;
	default:
		break;
	}
	jw_str(out, p, n);
	return 0;
}

/* Why p[0..n) is no count: ASCII digits only (a JSON integer, or
 * a string of them: no sign, no space, no fraction), at most
 * 2^63-1.  NULL with *c set when it is one. */
static const char *
tr_notcount(const char *p, size_t n, long long *c)
{
	size_t	 i;

	if (n > 1 && p[0] == '-' && strspn(p + 1, "0123456789") >= n - 1)
		return "is negative";
	for (i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return "is not an integer";
	if (n == 0)
		return "is not an integer";
	if (parse_int(p, n, c) == -1)
		return "is out of range";
	return NULL;
}

/* RFC 8460 4.4 counts: integers.  SCHEMA.md 5: a string of ASCII
 * digits is read too, as written: " 3", "+3", "3.0" are not. */
static int
tr_count(struct tlsrpt *r, int v, const struct tr_at *at, struct buf *out)
{
	char		 sn[SNIPPET_SIZE], *p;
	const char	*why;
	size_t		 n;
	long long	 c;
	int		 rc;

	if ((rc = tr_text(r, v, at, "an integer", &p, &n)) != 0)
		return rc;
	/* tr_text trimmed it: the count is read untrimmed. */
	p = r->tmp.p;
	n = r->tmp.len;
	if ((why = tr_notcount(p, n, &c)) != NULL) {
		tr_warn(r, at, "\"%s\" %s; omitted", tr_q(sn, p, n), why);
		return -2;
	}
	jw_int(out, c);
	return 0;
}

/* RFC 8460 4.4 says arrays of strings; its Appendix B example has
 * "mx-host" as one string: that becomes a 1-array. */
static int
tr_texts(struct tlsrpt *r, int v, const struct tr_at *at, struct buf *out)
{
	const struct json_doc	*d = r->doc;
	struct tr_at		 el = { at, NULL, 0 };
	char			*p;
	size_t			 n, start = out->len;
	int			 k, rc;

	if (d->tok[v].type != JSMN_ARRAY) {
		if ((rc = tr_text(r, v, at, "strings", &p, &n)) != 0)
			return rc;
		buf_addc(out, '[');
		jw_str(out, p, n);
		buf_addc(out, ']');
		return 0;
	}
	buf_addc(out, '[');
	for (k = json_child(d, v); k != -1; el.idx++, k = json_sibling(d, k)) {
		if (json_isnull(d, k) ||
		    tr_text(r, k, &el, "a string", &p, &n) != 0)
			continue;
		jw_comma(out);
		jw_str(out, p, n);
	}
	if (buf_last(out) == '[') {
		out->len = start;
		return -1;
	}
	buf_addc(out, ']');
	return 0;
}

/* {members of o}, appended; 0, or -1 (nothing appended) if empty. */
static int
tr_braced(struct tlsrpt *r, int o, const struct tr_field *f,
    const struct tr_at *at, struct buf *out)
{
	size_t	 start = out->len;

	buf_addc(out, '{');
	tr_members(r, o, f, at, out,
	    r->known_only ? TR_KNOWN : TR_KNOWN | TR_UNKNOWN);
	if (buf_last(out) == '{') {
		out->len = start;
		return -1;
	}
	buf_addc(out, '}');
	return 0;
}

/* An object; one left empty is omitted (its members warned already). */
static int
tr_object(struct tlsrpt *r, const struct tr_field *f, int v,
    const struct tr_at *at, struct buf *out)
{

	if (r->doc->tok[v].type != JSMN_OBJECT) {
		tr_warn(r, at, "expected an object, found %s; omitted",
		    json_typename(r->doc, v));
		return -2;
	}
	return tr_braced(r, v, f->sub, at, out) == 0 ? 0 : -2;
}

/* An array of objects ("failure-details"); one object alone is read
 * as a 1-array.  Null and empty entries are left out. */
static int
tr_objects(struct tlsrpt *r, const struct tr_field *f, int v,
    const struct tr_at *at, struct buf *out)
{
	const struct json_doc	*d = r->doc;
	struct tr_at		 el = { at, NULL, 0 };
	size_t			 start = out->len;
	int			 k, one = d->tok[v].type == JSMN_OBJECT;

	if (d->tok[v].type != JSMN_ARRAY && !one) {
		tr_warn(r, at, "expected an array, found %s; omitted",
		    json_typename(d, v));
		return -2;
	}
	if (one)
		tr_warn(r, at, "expected an array, found an object; read as "
		    "one entry");
	buf_addc(out, '[');
	for (k = one ? v : json_child(d, v); k != -1;
	    el.idx++, k = one ? -1 : json_sibling(d, k)) {
		size_t before = out->len, el0;

		if (json_isnull(d, k))
			continue;
		if (d->tok[k].type != JSMN_OBJECT) {
			tr_warn(r, &el, "expected an object, found %s; "
			    "omitted", json_typename(d, k));
			continue;
		}
		jw_comma(out);
		el0 = out->len;
		if (tr_braced(r, k, f->sub, one ? at : &el, out) == -1) {
			if (buf_last(out) == ',')
				out->len--;
		} else if (r->each != NULL) {
			r->each(r->each_arg, out->p, before, out->p + el0,
			    out->len - el0);
			out->len = before;
		} else
			json_flush(d, out);
	}
	if (buf_last(out) == '[') {
		out->len = start;
		return -1;
	}
	buf_addc(out, ']');
	return 0;
}

/*
 * Member f, whose value is token v (-1 if absent): "key":value,
 * unless the value is null, blank, empty or unreadable.  The value
 * writers return 0 if written, -1 if left out (a required member is
 * then warned missing), -2 if left out with a warning already.
 */
static void
tr_member(struct tlsrpt *r, const struct tr_field *f, int v,
    const struct tr_at *up, struct buf *out)
{
	struct tr_at	 at = { up, f->key, 0 };
	size_t		 mark = out->len;
	int		 rc = -1;

	if (f->kind == TR_OURS) {
		if (v != -1 && !json_isnull(r->doc, v))
			tr_warn(r, &at, "dropped: the output uses that name");
		return;
	}
	if (v != -1 && !json_isnull(r->doc, v)) {
		jw_key(out, f->key);
		switch (f->kind) {
		case TR_COUNT:
			rc = tr_count(r, v, &at, out);
			break;
		case TR_TEXTS:
			rc = tr_texts(r, v, &at, out);
			break;
		case TR_OBJECT:
			rc = tr_object(r, f, v, &at, out);
			break;
		case TR_OBJECTS:
			rc = tr_objects(r, f, v, &at, out);
			break;
		default:
			rc = tr_scalar(r, f->kind, v, &at, out);
			break;
		}
		if (rc != 0)
			out->len = mark;
	}
	if (rc == -1 && f->required)
		tr_missing(r, &at);
}

/* The table entry for key k, or NULL. */
static const struct tr_field *
tr_lookup(const struct json_doc *d, int k, const struct tr_field *f)
{

	for (; f->key != NULL; f++)
		if (json_eq(d, k, f->key))
			return f;
	return NULL;
}

/*
 * Members of object o: those of table f in its order, then the rest
 * in document order (which says which).  One pass over the members
 * finds the known ones (at most TR_MAXF per table).
 */
static void
tr_members(struct tlsrpt *r, int o, const struct tr_field *f,
    const struct tr_at *at, struct buf *out, int which)
{
	const struct json_doc	*d = r->doc;
	const struct tr_field	*g;
	int			 val[TR_MAXF], i, k;

	for (i = 0; i < TR_MAXF; i++)
		val[i] = -1;
	for (k = json_child(d, o); k != -1; k = json_sibling(d, k))
		if ((g = tr_lookup(d, k, f)) != NULL)
			val[g - f] = k + 1;
	if (which & TR_KNOWN)
		for (g = f; g->key != NULL; g++)
			if (g->kind != TR_LATER)
				tr_member(r, g, val[g - f], at, out);
	if (which & TR_UNKNOWN)
		for (k = json_child(d, o); k != -1; k = json_sibling(d, k))
			if (tr_lookup(d, k, f) == NULL &&
			    json_write_member(d, k, out) == 0)
				json_flush(d, out);
}

/* RFC 8460 4: "policies" MUST be an array, even of one. */
static int
tr_index(struct tlsrpt *r)
{
	const struct json_doc	*d = r->doc;
	struct tr_at		 at = { NULL, "policies", 0 };
	struct tr_at		 el = { &at, NULL, 0 };
	int			 v, k, n;

	v = json_get(d, 0, "policies");
	if (v == -1 || json_isnull(d, v)) {
		tr_missing(r, &at);
		return 0;
	}
	if (d->tok[v].type == JSMN_OBJECT)
		tr_warn(r, &at, "expected an array, found an object; read as "
		    "one entry");
	else if (d->tok[v].type != JSMN_ARRAY) {
		tr_warn(r, &at, "expected an array, found %s; omitted",
		    json_typename(d, v));
		return 0;
	} else if (d->tok[v].size == 0)
		tr_warn(r, &at, "empty array");
	n = d->tok[v].type == JSMN_ARRAY ? d->tok[v].size : 1;
	if (n > 0 && (r->pol = calloc((size_t)n, sizeof(*r->pol))) == NULL)
		return -1;
	if (d->tok[v].type == JSMN_OBJECT) {
		r->pol[r->npol++] = (struct tlsrpt_pol){ v, -1 };
		return 0;
	}
	for (k = json_child(d, v); k != -1; el.idx++, k = json_sibling(d, k))
		if (d->tok[k].type == JSMN_OBJECT)
			r->pol[r->npol++] = (struct tlsrpt_pol){ k, el.idx };
		else if (!json_isnull(d, k))
			tr_warn(r, &el, "expected an object, found %s; "
			    "omitted", json_typename(d, k));
	return 0;
}

int
tlsrpt_open(struct tlsrpt *r, const struct json_doc *doc, struct diag *diag,
    struct err *e)
{

	memset(r, 0, sizeof(*r));
	r->doc = doc;
	r->diag = diag;
	tr_members(r, 0, tr_report, NULL, &r->head, TR_KNOWN);
	if (tr_index(r) == -1)
		r->tmp.oom = 1;
	if (r->head.oom || r->tmp.oom) {
		err_set(e, "out of memory");
		return -1;
	}
	return 0;
}

void
tlsrpt_close(struct tlsrpt *r)
{

	buf_free(&r->head);
	buf_free(&r->tmp);
	free(r->pol);
	r->pol = NULL;
	r->npol = 0;
}

void
tlsrpt_head(const struct tlsrpt *r, struct buf *out)
{

	if (r->head.len == 0)
		return;
	jw_comma(out);
	buf_add(out, r->head.p, r->head.len);
}

void
tlsrpt_tail(struct tlsrpt *r, struct buf *out)
{

	/* Written anew each time rather than held: they may be most of
	 * the document (SCHEMA.md 8). */
	tr_members(r, 0, tr_report, NULL, out, TR_UNKNOWN);
}

int
tlsrpt_count(const struct tlsrpt *r)
{

	return r->npol;
}

void
tlsrpt_policy(struct tlsrpt *r, int n, struct buf *out)
{
	struct tr_at	 at = { NULL, "policies", 0 };
	struct tr_at	 el = { &at, NULL, r->pol[n].idx };

	buf_addc(out, '{');
	tr_members(r, r->pol[n].tok, tr_entry, el.idx == -1 ? &at : &el,
	    out, r->known_only ? TR_KNOWN : TR_KNOWN | TR_UNKNOWN);
	buf_addc(out, '}');
	if (r->tmp.oom)
		out->oom = 1;
}

int
tlsrpt_write(const struct json_doc *doc, struct diag *diag,
    struct buf *out, struct err *e)
{
	struct tlsrpt	 r;
	int		 n;

	if (tlsrpt_open(&r, doc, diag, e) == -1) {
		tlsrpt_close(&r);
		return -1;
	}
	buf_addc(out, '{');
	tlsrpt_head(&r, out);
	if (r.npol > 0) {
		jw_key(out, "policies");
		buf_addc(out, '[');
		for (n = 0; n < r.npol; n++) {
			jw_comma(out);
			tlsrpt_policy(&r, n, out);
			json_flush(doc, out);
		}
		buf_addc(out, ']');
	}
	tlsrpt_tail(&r, out);
	tlsrpt_close(&r);
	if (buf_failed(out)) {
		err_set(e, "out of memory");
		return -1;
	}
	return 0;
}
