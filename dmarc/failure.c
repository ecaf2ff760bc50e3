/*
 * failure.c: ARF failure reports to JSON (SCHEMA.md section 4); the
 * choices are listed in failure.h.  At the end, the walk's hooks that
 * collect a report's parts from a message and commit it.
 *
 * The fields are gathered, sorted by name and grouped, so that the
 * output has the table's order and a repeated field becomes one array
 * in O(n log n), whatever the order and number of fields.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/datetime.h"
#include "../common/diag.h"
#include "../common/hdr.h"
#include "../common/ipaddr.h"
#include "../common/jsonw.h"
#include "../common/limits.h"
#include "../common/mime.h"
#include "../common/outstage.h"
#include "../common/rfc2047.h"
#include "../common/text.h"
#include "../common/walk.h"
#include "failure.h"

enum fkind {
	F_TEXT,		/* as written */
	F_ENUM,		/* comments out, lowercased */
	F_DATE,		/* RFC 3339 UTC or nothing */
	F_IP,		/* canonical, else as written */
	F_PORT,		/* 0-65535 */
	F_COUNT,	/* >= 0 */
	F_ADDR,		/* comments and <> out */
	F_B64		/* white space out */
};

/* SCHEMA.md section 4, in its order. */
static const struct field {
	const char	*key;
	const char	*name;	/* as the RFCs spell it, for warnings */
	enum fkind	 kind;
	int		 many;	/* repeatable: always an array */
} fields[] = {
	{ "feedback_type", "Feedback-Type", F_ENUM, 0 },
	{ "version", "Version", F_TEXT, 0 },
	{ "user_agent", "User-Agent", F_TEXT, 0 },
	{ "auth_failure", "Auth-Failure", F_ENUM, 0 },
	{ "delivery_result", "Delivery-Result", F_ENUM, 0 },
	{ "identity_alignment", "Identity-Alignment", F_ENUM, 0 },
	{ "arrival_date", "Arrival-Date", F_DATE, 0 },
	{ "received_date", "Received-Date", F_DATE, 0 },
	{ "source_ip", "Source-IP", F_IP, 0 },
	{ "source_port", "Source-Port", F_PORT, 0 },
	{ "incidents", "Incidents", F_COUNT, 0 },
	{ "original_mail_from", "Original-Mail-From", F_ADDR, 0 },
	{ "original_rcpt_to", "Original-Rcpt-To", F_ADDR, 1 },
	{ "original_envelope_id", "Original-Envelope-Id", F_TEXT, 0 },
	{ "reporting_mta", "Reporting-MTA", F_TEXT, 0 },
	{ "reported_domain", "Reported-Domain", F_TEXT, 1 },
	{ "reported_uri", "Reported-URI", F_TEXT, 1 },
	/* SCHEMA.md 4: unfolded (hdr.c, RFC 5322 2.2.3), else as written:
	 * two spaces stay two spaces. */
	{ "authentication_results", "Authentication-Results", F_TEXT, 1 },
	{ "dkim_domain", "DKIM-Domain", F_TEXT, 0 },
	{ "dkim_identity", "DKIM-Identity", F_TEXT, 0 },
	{ "dkim_selector", "DKIM-Selector", F_TEXT, 0 },
	{ "dkim_canonicalized_header", "DKIM-Canonicalized-Header", F_B64, 0 },
	{ "dkim_canonicalized_body", "DKIM-Canonicalized-Body", F_B64, 0 },
	{ "spf_dns", "SPF-DNS", F_TEXT, 1 },
	{ "removal_recipient", "Removal-Recipient", F_ADDR, 1 },
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

/* RFC 5965 section 3.1: exactly once in every report. */
static const char *const required[] = {
	"feedback_type", "user_agent", "version"
};

/* Members this object writes itself, or the caller does. */
static const char *const reserved[] = {
	"original_headers", "report", "input"
};

/* One field of the feedback report. */
struct fent {
	size_t		 koff;	/* where its key is in the key buffer */
	const char	*key;	/* set once the key buffer is complete */
	const char	*val;	/* into the parsed header block */
	size_t		 vlen;
	size_t		 ord;	/* position in the report */
};

/* The fields of one key. */
struct fgroup {
	size_t		 first, n;	/* a run of the sorted fents */
	size_t		 rank;		/* output position */
	int		 known;		/* index into fields[], or -1 */
};

struct fconv {
	struct buf	*out;
	struct diag	*d;
	struct hdrs	 h;
	struct buf	 keys;
	struct fent	*ents;
	size_t		 nents;
	struct fgroup	*groups;
	size_t		 ngroups;
	struct buf	 tmp;
	int		 oom;
};

/*
 * s without RFC 5322 comments (section 3.2.2), each replaced by a
 * space, and trimmed; quoted strings are left alone.
 */
static void
decomment(const char *s, size_t n, struct buf *b)
{
	size_t	 i, start = b->len;
	int	 depth = 0, quoted = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && (depth || quoted)) {
			if (!depth)
				buf_add(b, s + i, 2);
			i++;
		} else if (!quoted && s[i] == '(') {
			if (depth++ == 0)
				buf_addc(b, ' ');
		} else if (depth) {
			if (s[i] == ')')
				depth--;
		} else {
			if (s[i] == '"')
				quoted = !quoted;
			buf_addc(b, s[i]);
		}
	}
	while (b->len > start && is_ws((unsigned char)b->p[b->len - 1]))
		b->len--;
	for (i = start; i < b->len && is_ws((unsigned char)b->p[i]); i++)
		;
	if (i > start && !buf_failed(b)) {
		memmove(b->p + start, b->p + i, b->len - i);
		b->len -= i - start;
	}
}

/* An address (reverse-path, forward-path) without comments and <>. */
static void
addr(const char *s, size_t n, struct buf *b)
{
	size_t	 start = b->len;
	const char *p, *gt;

	decomment(s, n, b);
	if (buf_failed(b) || b->len == start || b->p[start] != '<')
		return;
	p = b->p + start + 1;
	if ((gt = memchr(p, '>', b->len - start - 1)) == NULL)
		return;
	n = (size_t)(gt - p);
	trim(&p, &n);
	memmove(b->p + start, p, n);
	b->len = start + n;
}

static void
nows(const char *s, size_t n, struct buf *b)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!is_ws((unsigned char)s[i]))
			buf_addc(b, s[i]);
}

/* RFC 5322 3.3, as the RFCs want; ISO 8601 too, as some write it. */
static int
as_date(const char *s, size_t n, struct buf *b)
{
	long long	 t;
	char		 d[RFC3339_SIZE];

	if (rfc5322_epoch(s, n, &t) == -1 && iso8601_epoch(s, n, &t) == -1)
		return -1;
	epoch_rfc3339(t, d);
	buf_addstr(b, d);
	return 0;
}

/* RFC 5965 3.2: an SMTP address literal; we also take [a.b.c.d]. */
static int
as_ip(const char *s, size_t n, struct buf *b)
{
	struct buf	 t = { 0 };
	const char	*p;
	char		 ip[IP_CANON_SIZE];
	size_t		 m;
	int		 r;

	decomment(s, n, &t);
	p = t.p;
	m = t.len;
	if (m >= 2 && p[0] == '[' && p[m - 1] == ']') {
		p++;
		m -= 2;
	}
	if (m > 5 && eqi(p, 5, "ipv6:")) {
		p += 5;
		m -= 5;
	}
	r = t.oom ? -1 : ip_canon(p, m, ip);
	if (r == 0)
		buf_addstr(b, ip);
	buf_free(&t);
	return r;
}

static int
as_int(const char *s, size_t n, long long max, long long *v)
{
	struct buf	 t = { 0 };
	int		 r;

	decomment(s, n, &t);
	r = t.oom ? -1 : parse_int(t.p, t.len, v);
	buf_free(&t);
	return r == -1 || *v < 0 || *v > max ? -1 : 0;
}

/*
 * One value of field f into c->tmp (reset): 0 with a string (empty
 * means nothing), 1 with an integer in *v, -1 when it is left out.
 */
static int
value(struct fconv *c, const struct field *f, const char *s, size_t n,
    long long *v)
{
	char	 sh[SNIPPET_SIZE];

	buf_reset(&c->tmp);
	switch (f ? f->kind : F_TEXT) {
	case F_TEXT:
		buf_add(&c->tmp, s, n);
		return 0;
	case F_ENUM:
		decomment(s, n, &c->tmp);
		if (!buf_failed(&c->tmp))
			lower(c->tmp.p, c->tmp.len);
		return 0;
	case F_DATE:
		if (as_date(s, n, &c->tmp) == 0)
			return 0;
		/* SCHEMA.md 4: kept as written, as in section 5. */
		diag_warn(c->d, "feedback report: %s is not a date: \"%s\";"
		    " kept as written", f->name, snippet(sh, sizeof(sh), s, n));
		buf_add(&c->tmp, s, n);
		return 0;
	case F_IP:
		if (as_ip(s, n, &c->tmp) == 0)
			return 0;
		diag_warn(c->d, "feedback report: %s is not an IP address:"
		    " \"%s\"; kept as written", f->name,
		    snippet(sh, sizeof(sh), s, n));
		buf_add(&c->tmp, s, n);
		return 0;
	case F_PORT:
	case F_COUNT:
		if (as_int(s, n, f->kind == F_PORT ? 65535 : INT64_MAX, v) == 0)
			return 1;
		diag_warn(c->d, "feedback report: %s is not %s: \"%s\";"
		    " left out", f->name, f->kind == F_PORT ?
		    "a port number" : "a count", snippet(sh, sizeof(sh), s, n));
		return -1;
	case F_ADDR:
		addr(s, n, &c->tmp);
		return 0;
	case F_B64:
		nows(s, n, &c->tmp);
		return 0;
	}
	return -1;
}

/* Write one group: a scalar, or an array of what is not empty. */
static void
emit_group(struct fconv *c, const struct fgroup *g)
{
	const struct field *f = g->known >= 0 ? &fields[g->known] : NULL;
	const struct fent *e = &c->ents[g->first];
	const char	*key = e->key;
	size_t		 i, n = g->n;
	long long	 v;
	int		 r, many = f ? f->many : n > 1, open = 0;

	if (f && !f->many && n > 1) {
		diag_warn(c->d, "feedback report: %s appears %zu times;"
		    " the first is kept", f->name, n);
		n = 1;
	}
	for (i = 0; i < n; i++, e++) {
		if ((r = value(c, f, e->val, e->vlen, &v)) == -1 ||
		    (r == 0 && c->tmp.len == 0))
			continue;
		if (!open) {
			jw_key(c->out, key);
			if (many)
				buf_addc(c->out, '[');
			open = 1;
		} else
			jw_comma(c->out);
		if (r == 1)
			jw_int(c->out, v);
		else
			jw_str(c->out, c->tmp.p, c->tmp.len);
	}
	if (open && many)
		buf_addc(c->out, ']');
	if (c->tmp.oom)
		c->oom = 1;
}

static int
ent_cmp(const void *a, const void *b)
{
	const struct fent *x = a, *y = b;
	int	 r;

	if ((r = strcmp(x->key, y->key)) != 0)
		return r;
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

static int
group_cmp(const void *a, const void *b)
{
	const struct fgroup *x = a, *y = b;

	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t	 ncap = *cap ? *cap : 16;
	void	*np;

	if (need <= *cap)
		return p;
	while (ncap < need)
		ncap *= 2;
	if (ncap > SIZE_MAX / size || (np = realloc(p, ncap * size)) == NULL)
		return NULL;
	*cap = ncap;
	return np;
}

/* Every field with a value, its key as SCHEMA.md 4 names it. */
static int
gather(struct fconv *c)
{
	const char	*name, *val;
	size_t		 pos = 0, vlen, cap = 0, k;
	struct fent	*ne;

	while (hdrs_next(&c->h, &pos, &name, &val, &vlen)) {
		if (vlen == 0)
			continue;
		if ((ne = grow(c->ents, &cap, c->nents + 1,
		    sizeof(*ne))) == NULL)
			return -1;
		c->ents = ne;
		ne[c->nents].koff = k = c->keys.len;
		buf_addstr(&c->keys, name);
		buf_addc(&c->keys, '\0');
		if (buf_failed(&c->keys))
			return -1;
		for (; c->keys.p[k] != '\0'; k++)
			if (c->keys.p[k] == '-')
				c->keys.p[k] = '_';
		ne[c->nents].val = val;
		ne[c->nents].vlen = vlen;
		ne[c->nents].ord = c->nents;
		c->nents++;
	}
	for (k = 0; k < c->nents; k++)
		c->ents[k].key = c->keys.p + c->ents[k].koff;
	return 0;
}

static int
known_index(const char *key)
{
	size_t	 i;

	for (i = 0; i < NFIELDS; i++)
		if (strcmp(fields[i].key, key) == 0)
			return (int)i;
	return -1;
}

static int
is_reserved(const char *key)
{
	size_t	 i;

	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strcmp(reserved[i], key) == 0)
			return 1;
	return 0;
}

/* Sort the fields by key and cut them into groups, in output order. */
static int
group(struct fconv *c)
{
	size_t		 i, cap = 0;
	struct fgroup	*g;
	const char	*key;
	char		 sh[SNIPPET_SIZE];

	qsort(c->ents, c->nents, sizeof(c->ents[0]), ent_cmp);
	for (i = 0; i < c->nents; i++) {
		key = c->ents[i].key;
		if (i > 0 && strcmp(key, c->ents[i - 1].key) == 0) {
			c->groups[c->ngroups - 1].n++;
			continue;
		}
		if ((g = grow(c->groups, &cap, c->ngroups + 1,
		    sizeof(*g))) == NULL)
			return -1;
		c->groups = g;
		g += c->ngroups++;
		g->first = i;
		g->n = 1;
		g->known = known_index(key);
		g->rank = g->known >= 0 ? (size_t)g->known :
		    NFIELDS + c->ents[i].ord;
		if (g->known < 0 && is_reserved(key)) {
			diag_warn(c->d, "feedback report: field \"%s\" dropped:"
			    " the output uses that name", snippet(sh,
			    sizeof(sh), key, strlen(key)));
			g->rank = SIZE_MAX;
		}
	}
	qsort(c->groups, c->ngroups, sizeof(c->groups[0]), group_cmp);
	while (c->ngroups > 0 && c->groups[c->ngroups - 1].rank == SIZE_MAX)
		c->ngroups--;
	return 0;
}

static void
warn_missing(struct fconv *c)
{
	size_t	 i, j;
	int	 k;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		k = known_index(required[i]);
		for (j = 0; j < c->ngroups; j++)
			if (c->groups[j].known == k)
				break;
		if (j == c->ngroups)
			diag_warn(c->d, "feedback report: no %s field",
			    fields[k].name);
	}
}

/* ,"key":{ once, before the first member of a header object. */
static void
open_obj(struct buf *out, const char *key, int *open)
{

	if (*open)
		return;
	jw_key(out, key);
	buf_addc(out, '{');
	*open = 1;
}

/* A header decoded (RFC 2047) and trimmed, as member key. */
static void
hdr_text(struct fconv *c, const struct hdrs *h, const char *name,
    const char *obj, int *open)
{
	const char	*v, *t;
	size_t		 n;

	if ((v = hdrs_get(h, name, &n)) == NULL || n == 0)
		return;
	buf_reset(&c->tmp);
	rfc2047_decode(&c->tmp, v, n);
	t = c->tmp.p;
	n = c->tmp.len;
	trim(&t, &n);
	if (n == 0)
		return;
	open_obj(c->out, obj, open);
	jw_kstr(c->out, name, t, n);
}

static void
hdr_date(struct fconv *c, const struct hdrs *h, const char *who,
    const char *obj, int *open)
{
	const char	*v;
	size_t		 n;
	char		 sh[SNIPPET_SIZE];

	if ((v = hdrs_get(h, "date", &n)) == NULL || n == 0)
		return;
	buf_reset(&c->tmp);
	if (as_date(v, n, &c->tmp) == -1) {
		diag_warn(c->d, "%s: Date is not a date: \"%s\"; kept as"
		    " written", who, snippet(sh, sizeof(sh), v, n));
		buf_reset(&c->tmp);
		buf_add(&c->tmp, v, n);
	}
	open_obj(c->out, obj, open);
	jw_kstr(c->out, "date", c->tmp.p, c->tmp.len);
}

static void
hdr_msgid(struct fconv *c, const struct hdrs *h, const char *obj,
    int *open)
{
	const char	*v;
	size_t		 n;

	if ((v = hdrs_get(h, "message-id", &n)) == NULL)
		return;
	buf_reset(&c->tmp);
	addr(v, n, &c->tmp);
	if (c->tmp.len == 0)
		return;
	open_obj(c->out, obj, open);
	jw_kstr(c->out, "message_id", c->tmp.p, c->tmp.len);
}

/* original_headers or report: a few fields of a header block. */
static void
emit_headers(struct fconv *c, const struct hdrs *h, const char *obj,
    const char *who, int with_to)
{
	int	 open = 0;

	if (h == NULL)
		return;
	hdr_text(c, h, "from", obj, &open);
	if (with_to)
		hdr_text(c, h, "to", obj, &open);
	hdr_text(c, h, "subject", obj, &open);
	hdr_date(c, h, who, obj, &open);
	hdr_msgid(c, h, obj, &open);
	if (open)
		buf_addc(c->out, '}');
	if (c->tmp.oom)
		c->oom = 1;
}

/* Is ctype (lowercase type/subtype, as mime_type() gives it) the
 * machine-readable part of an ARF report (RFC 5965 section 7.1)? */
static int
failure_is_feedback(const char *ctype)
{

	return strcmp(ctype, "message/feedback-report") == 0;
}

/* Is ctype the third part: message/rfc822, text/rfc822-headers, or
 * their RFC 6532 forms message/global, message/global-headers? */
static int
failure_is_original(const char *ctype)
{

	return strcmp(ctype, "message/rfc822") == 0 ||
	    strcmp(ctype, "text/rfc822-headers") == 0 ||
	    strcmp(ctype, "message/global") == 0 ||
	    strcmp(ctype, "message/global-headers") == 0;
}

static void
fconv_free(struct fconv *c)
{

	hdrs_free(&c->h);
	buf_free(&c->keys);
	buf_free(&c->tmp);
	free(c->ents);
	free(c->groups);
}

/* failure_convert on c, set up by it: -1 with e set, c to be freed by
 * the caller whatever the result. */
static int
fconv_run(struct fconv *c, const struct hdrs *report, const char *fb,
    size_t fblen, const struct hdrs *orig, struct err *e)
{
	size_t	 i;

	if (fblen > LIM_HEADER_BLOCK) {
		err_set(e, "feedback report larger than %lu MiB",
		    LIM_MIB(LIM_HEADER_BLOCK));
		return -1;
	}
	if (hdrs_parse(&c->h, fb, fblen, e) == -1)
		return -1;
	if (gather(c) == -1) {
		err_set(e, "out of memory");
		return -1;
	}
	if (c->nents == 0) {
		err_set(e, "feedback report has no fields");
		return -1;
	}
	if (group(c) == -1) {
		err_set(e, "out of memory");
		return -1;
	}
	warn_missing(c);
	buf_addc(c->out, '{');
	for (i = 0; i < c->ngroups; i++)
		emit_group(c, &c->groups[i]);
	emit_headers(c, orig, "original_headers", "original message", 1);
	emit_headers(c, report, "report", "report message", 0);
	if (c->oom || buf_failed(c->out)) {
		err_set(e, "out of memory");
		return -1;
	}
	return 0;
}

int
failure_convert(struct buf *out, const struct hdrs *report, const char *fb,
    size_t fblen, const struct hdrs *orig, struct diag *d, struct err *e)
{
	struct fconv	 c;
	size_t		 start = out->len;
	int		 oom = out->oom, r;

	memset(&c, 0, sizeof(c));
	c.out = out;
	c.d = d;
	r = fconv_run(&c, report, fb, fblen, orig, e);
	fconv_free(&c);
	if (r == -1) {
		out->len = start;	/* out as it was */
		out->oom = oom;
	}
	return r;
}

/*
 * The collection (failure.h): the message/feedback-report part and the
 * header block of the part after it are kept until the message ends
 * (or the next feedback-report part starts), then converted and
 * handed to the output stage.
 */
struct arf {
	const struct hdrs *report;	/* the message holding the parts */
	struct buf	 fb;		/* the feedback-report part */
	struct hdrs	 orig;		/* the original's headers */
	struct buf	 out, key;
	int		 convert;	/* --failure */
	int		 pending, has_orig;
};

void *
arf_begin(struct walk *w, const struct hdrs *h, int convert)
{
	struct arf	*a;

	(void)w;
	if ((a = calloc(1, sizeof(*a))) != NULL) {
		a->report = h;
		a->convert = convert;
	}
	return a;
}

/* The --unique and --seen key (SCHEMA.md 7): the bytes of the
 * feedback-report part and of the original headers, after the kind. */
static void
arf_key(struct arf *a)
{

	buf_reset(&a->key);
	buf_add(&a->key, "dmarc-failure", sizeof("dmarc-failure"));
	buf_add(&a->key, a->fb.p, a->fb.len);
	buf_addc(&a->key, '\0');
	if (a->has_orig)
		buf_add(&a->key, a->orig.b.p, a->orig.b.len);
}

/* Convert and commit the report the message holds, if any. */
static void
arf_flush(struct walk *w, struct arf *a)
{
	int	 r;

	if (!a->pending)
		return;
	a->pending = 0;
	if (!a->convert) {
		err_set(&w->err, "DMARC failure report (convert with "
		    "--failure)");
		walk_result(w, 1, &w->err);
		return;
	}
	buf_reset(&a->out);
	r = failure_convert(&a->out, a->report, a->fb.p, a->fb.len,
	    a->has_orig ? &a->orig : NULL, &w->diag, &w->err);
	if (r == 0) {
		walk_input_json(w, &a->out);
		buf_addc(&a->out, '}');
		arf_key(a);
		r = outstage_object(w->out, &a->out, &a->key, &w->err);
	}
	walk_result(w, r, &w->err);
}

int
arf_part(struct walk *w, void *state, const char *ctype,
    const struct hdrs *h, struct stream *body, struct err *e)
{
	struct arf	*a = state;
	const char	*p;
	size_t		 n;
	int		 r;

	(void)h;
	if (a == NULL)
		return 0;
	if (failure_is_feedback(ctype)) {
		arf_flush(w, a);	/* two in one message: two reports */
		buf_reset(&a->fb);
		a->fb.max = LIM_HEADER_BLOCK;
		hdrs_reset(&a->orig);
		a->has_orig = 0;
		a->pending = 1;
		while ((r = st_next(body, &p, &n)) == 1)
			buf_add(&a->fb, p, n);
		if (r == -1 || buf_failed(&a->fb)) {
			a->pending = 0;
			if (buf_failed(&a->fb))
				err_set(e, "feedback report larger than %lu MiB",
				    LIM_MIB(LIM_HEADER_BLOCK));
			return -1;
		}
		return 1;
	}
	if (failure_is_original(ctype) && a->pending && !a->has_orig) {
		/* Only the headers: the original body is never printed. */
		if (read_headers(body, &a->orig, e) == -1)
			return -1;
		a->has_orig = 1;
		return 1;
	}
	return 0;
}

int
arf_end(struct walk *w, void *state, struct err *e)
{
	struct arf	*a = state;

	(void)e;
	if (a == NULL)
		return 0;
	arf_flush(w, a);
	buf_free(&a->fb);
	buf_free(&a->out);
	buf_free(&a->key);
	hdrs_free(&a->orig);
	free(a);
	return 0;
}
