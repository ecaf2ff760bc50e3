/*
 * aggregate.c: DMARC aggregate report XML to JSON (SCHEMA.md 3).
 *
 * expat is fed chunk by chunk.  A stack of frames, one per open
 * element, reused from report to report (nothing is allocated per
 * element once the buffers have grown), turns each element into JSON
 * when it ends: a known object writes its children in the order of
 * SCHEMA.md whatever their order in the document, unknown elements
 * are mapped generically.  Finished <record>s go to the output stage
 * (common/outstage.h), which holds them in a buffer that spills to a
 * temporary file, so a report of any size takes the same memory; the
 * small parts around them (head, tail) are handed over at the end.
 *
 * We use expat's plain parser, not the namespace one, and drop
 * prefixes ourselves: an undeclared prefix (seen in the wild) is then
 * no error, and RFC 7489, the 0.1 draft and RFC 9990 (default or
 * prefixed namespace) all look the same.
 */
#include <errno.h>
#include <stdarg.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aggregate.h"
#include "../common/datetime.h"
#include "../common/ipaddr.h"
#include "../common/jsonw.h"
#include "../common/limits.h"
#include "../common/outstage.h"
#include "../common/text.h"
#include "xmlfeed.h"
#include "xmlgen.h"

enum kind { K_OBJ, K_STR, K_LOWER, K_INT, K_DATE, K_IP };

/* What an entry is for, beside its value: marked on the entry, so
 * that reordering a table changes nothing but the key order. */
#define R_RECORD	0x1	/* the <record>s: an element each */
#define R_REQUIRED	0x2	/* warned about when missing */

struct node {
	const char		*name;
	size_t			 len;		/* strlen(name) */
	enum kind		 kind;
	int			 repeat;	/* always an array */
	const struct node	*kids;		/* K_OBJ: NULL-terminated */
	int			 role;		/* R_* */
	int			 key;		/* its place in the --unique
						   key, from 1; 0: none */
};

#define OBJ(n, k)	{ n, sizeof(n) - 1, K_OBJ, 0, k, 0, 0 }
#define OBJS(n, k)	{ n, sizeof(n) - 1, K_OBJ, 1, k, 0, 0 }
#define VAL(n, t)	{ n, sizeof(n) - 1, t, 0, NULL, 0, 0 }
#define VALS(n, t)	{ n, sizeof(n) - 1, t, 1, NULL, 0, 0 }
#define END		{ NULL, 0, K_STR, 0, NULL, 0, 0 }
/* With a role, or a place in the key. */
#define OBJR(n, k, r)	{ n, sizeof(n) - 1, K_OBJ, 0, k, r, 0 }
#define OBJSR(n, k, r)	{ n, sizeof(n) - 1, K_OBJ, 1, k, r, 0 }
#define VALK(n, t, i)	{ n, sizeof(n) - 1, t, 0, NULL, 0, i }

/* The --unique key (SCHEMA.md 7): these values, in this order, as
 * written in the JSON, caught as they are converted. */
enum { KEY_ORG = 1, KEY_REPORT_ID, KEY_DOMAIN, KEY_BEGIN, KEY_END };
#define NKEYS		KEY_END

/* SCHEMA.md section 3, in its key order. */
static const struct node date_range[] = {
	VALK("begin", K_DATE, KEY_BEGIN), VALK("end", K_DATE, KEY_END), END
};
static const struct node report_metadata[] = {
	VALK("org_name", K_STR, KEY_ORG), VAL("email", K_STR),
	VAL("extra_contact_info", K_STR),
	VALK("report_id", K_STR, KEY_REPORT_ID),
	OBJ("date_range", date_range), VALS("error", K_STR),
	VAL("generator", K_STR), END
};
static const struct node policy_published[] = {
	VALK("domain", K_STR, KEY_DOMAIN), VAL("discovery_method", K_LOWER),
	VAL("adkim", K_LOWER), VAL("aspf", K_LOWER), VAL("p", K_LOWER),
	VAL("sp", K_LOWER), VAL("np", K_LOWER), VAL("pct", K_INT),
	VAL("fo", K_STR), VAL("testing", K_LOWER), END
};
static const struct node reason[] = {
	VAL("type", K_LOWER), VAL("comment", K_STR), END
};
static const struct node policy_evaluated[] = {
	VAL("disposition", K_LOWER), VAL("dkim", K_LOWER),
	VAL("spf", K_LOWER), OBJS("reason", reason), END
};
static const struct node row[] = {
	VAL("source_ip", K_IP), VAL("count", K_INT),
	OBJ("policy_evaluated", policy_evaluated), END
};
static const struct node identifiers[] = {
	VAL("envelope_to", K_STR), VAL("envelope_from", K_STR),
	VAL("header_from", K_STR), END
};
static const struct node dkim[] = {
	VAL("domain", K_STR), VAL("selector", K_STR),
	VAL("result", K_LOWER), VAL("human_result", K_STR), END
};
static const struct node spf[] = {
	VAL("domain", K_STR), VAL("scope", K_LOWER),
	VAL("result", K_LOWER), VAL("human_result", K_STR), END
};
static const struct node auth_results[] = {
	OBJS("dkim", dkim), OBJS("spf", spf), END
};
static const struct node record[] = {
	OBJ("row", row), OBJ("identifiers", identifiers),
	OBJ("auth_results", auth_results), END
};
static const struct node feedback_kids[] = {
	VAL("version", K_STR),
	/* RFC 7489 C, RFC 9990 3.1.1: both required. */
	OBJR("report_metadata", report_metadata, R_REQUIRED),
	OBJR("policy_published", policy_published, R_REQUIRED),
	OBJSR("record", record, R_RECORD),
	END
};
static const struct node feedback = OBJ("feedback", feedback_kids);

/*
 * A frame holds a slot for each entry of its node's table, and says
 * which it used in a bit mask: every table must fit (checked here, so
 * that an entry added to a table cannot overflow a frame).
 */
#define MAXKIDS		12
#define NKIDS(t)	(sizeof(t) / sizeof((t)[0]) - 1)	/* but END */
#define FITS(t)		_Static_assert(NKIDS(t) <= MAXKIDS, \
			    #t " has more entries than a frame has slots")
FITS(date_range);
FITS(report_metadata);
FITS(policy_published);
FITS(reason);
FITS(policy_evaluated);
FITS(row);
FITS(identifiers);
FITS(dkim);
FITS(spf);
FITS(auth_results);
FITS(record);
FITS(feedback_kids);
_Static_assert(MAXKIDS <= sizeof(unsigned) * 8, "frame->used is a mask");

enum fkind { F_KNOWN, F_GENERIC, F_IGNORE };

struct frame {
	enum fkind		 kind;
	const struct node	*node;		/* F_KNOWN */
	int			 slotno;	/* our slot in the parent */
	struct buf		 name;		/* local name, NUL-terminated */
	struct buf		 text;
	struct buf		 slot[MAXKIDS];	/* F_KNOWN objects */
	unsigned		 used;		/* slots that hold something */
	struct xmlgen		 gen;		/* unknown children, or ours */
};

/* A buffer that grew past this is freed when its frame is reused, so
 * that what one big element took does not stay for the next. */
#define KEEP_BELOW	(64UL << 10)

enum state { S_BEFORE, S_IN, S_DONE };

struct agg {
	XML_Parser		 p;
	struct walk		*w;
	struct err		*e;
	struct frame		 fr[LIM_XML_DEPTH + 2];
	int			 depth;
	size_t			 held;		/* in the open frames: text,
						   attributes, finished
						   children (not records) */
	int			 fdepth;	/* where <feedback> is */
	enum state		 state;
	int			 done;		/* </feedback> was seen */
	struct xmlfeed		 feed;
	struct buf		 key[NKEYS];	/* --unique key values */
	int			 stopped;
	struct outstage		*out;		/* where reports go */
	struct buf		 root;		/* the first element's name */
	struct buf		 xmlns;
	struct buf		 rec;		/* one record being finished */
	struct buf		 head, tail;	/* around the records */
	struct buf		 keyb;		/* the --unique key */
	int			 warned_children;
	int			 texting;	/* on_text is set */
};

struct agg *
agg_new(struct outstage *out)
{
	struct agg *a;

	struct frame *f;
	int	 i;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	a->out = out;
	/* The caps once: frame_reset only empties what was used. */
	for (f = a->fr; f < a->fr + LIM_XML_DEPTH + 2; f++) {
		f->text.max = LIM_TEXT;
		for (i = 0; i < MAXKIDS; i++)
			f->slot[i].max = LIM_ELEMENT;
		f->gen.entries.max = f->gen.attrs.max = LIM_ELEMENT;
	}
	a->rec.max = LIM_ELEMENT;
	return a;
}

static void
frame_free(struct frame *f)
{
	int	 i;

	buf_free(&f->name);
	buf_free(&f->text);
	for (i = 0; i < MAXKIDS; i++)
		buf_free(&f->slot[i]);
	xmlgen_free(&f->gen);
}

void
agg_free(struct agg *a)
{
	int	 i;

	if (a == NULL)
		return;
	if (a->p != NULL)
		XML_ParserFree(a->p);
	for (i = 0; i < LIM_XML_DEPTH + 2; i++)
		frame_free(&a->fr[i]);
	xmlfeed_free(&a->feed);
	buf_free(&a->root);
	buf_free(&a->xmlns);
	for (i = 0; i < NKEYS; i++)
		buf_free(&a->key[i]);
	buf_free(&a->rec);
	buf_free(&a->head);
	buf_free(&a->tail);
	buf_free(&a->keyb);
	free(a);
}

static void
stop(struct agg *a, const char *fmt, ...)
{
	char	 why[256];
	va_list	 ap;

	if (a->stopped)
		return;
	a->stopped = 1;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	err_set(a->e, "line %lu: %s",
	    (unsigned long)XML_GetCurrentLineNumber(a->p), why);
	XML_StopParser(a->p, XML_FALSE);
}

/* Each distinct name stays in expat until the document ends. */
static int
names_ok(struct agg *a, const char *qname, const char **atts)
{
	char	 why[128];
	int	 i;

	if (xmlfeed_name(&a->feed, qname, why, sizeof(why)) == -1) {
		stop(a, "%s", why);
		return 0;
	}
	for (i = 0; atts != NULL && atts[i] != NULL; i += 2)
		if (xmlfeed_name(&a->feed, atts[i], why, sizeof(why)) == -1) {
			stop(a, "%s", why);
			return 0;
		}
	return 1;
}

/* The local part of qname (after its last ':'), its length in *len:
 * one pass, as this runs per start tag. */
static const char *
local_name(const char *qname, size_t *len)
{
	const char *p, *name = qname;

	for (p = qname; *p != '\0'; p++)
		if (*p == ':')
			name = p + 1;
	*len = (size_t)(p - name);
	return name;
}

/* Empty b for reuse; a big one is given back (its cap stays). */
static void
buf_recycle(struct buf *b)
{
	size_t	 max = b->max;

	if (b->cap >= KEEP_BELOW) {
		buf_free(b);
		b->max = max;
	}
	buf_reset(b);
}

static void
frame_reset(struct frame *f, const char *name, size_t len)
{
	int	 i;

	buf_reset(&f->name);
	buf_add(&f->name, name, len + 1);	/* with its NUL */
	buf_recycle(&f->text);
	/* Only what the last element here used: this runs per element. */
	for (i = 0; f->used != 0; i++, f->used >>= 1)
		if (f->used & 1)
			buf_recycle(&f->slot[i]);
	buf_recycle(&f->gen.entries);
	buf_recycle(&f->gen.attrs);
	xmlgen_reset(&f->gen);
}

/* What frame f holds: its text, attributes and finished children. */
static size_t
frame_held(const struct frame *f)
{
	size_t	 n = f->text.len + f->gen.attrs.len + f->gen.entries.len;
	unsigned u;
	int	 i;

	for (i = 0, u = f->used; u != 0; i++, u >>= 1)
		if (u & 1)
			n += f->slot[i].len;
	return n;
}

/*
 * SCHEMA.md 8: an element is held whole until it ends (its repeats
 * are found then), and so is each element that holds it; all that is
 * held at once, records apart, stays within LIM_ELEMENT.
 */
static void
hold(struct agg *a, const struct frame *f, size_t more, size_t less)
{

	a->held = a->held + more - less;
	if (a->held > LIM_ELEMENT)
		stop(a, "<%s>: more than %lu MiB of JSON held at once outside "
		    "the records", f->name.p, LIM_MIB(LIM_ELEMENT));
}

/* The namespace of <feedback> from its own declarations. */
static void
take_xmlns(struct agg *a, const char *qname, const char **atts)
{
	const char *colon = strchr(qname, ':');
	size_t	 plen = colon ? (size_t)(colon - qname) : 0;
	int	 i;

	buf_reset(&a->xmlns);
	for (i = 0; atts[i]; i += 2) {
		const char *n = atts[i];
		if (colon ? (strncmp(n, "xmlns:", 6) == 0 &&
		    strlen(n + 6) == plen && strncmp(n + 6, qname, plen) == 0) :
		    strcmp(n, "xmlns") == 0) {
			buf_addstr(&a->xmlns, atts[i + 1]);
			return;
		}
	}
}

static int
kid_index(const struct node *n, const char *name, size_t len)
{
	int	 i;

	for (i = 0; n->kids[i].name; i++)
		if (n->kids[i].len == len && n->kids[i].name[0] == name[0] &&
		    memcmp(n->kids[i].name, name, len) == 0)
			return i;
	return -1;
}

/*
 * A start tag whose name the tables give, without prefix or attributes,
 * under an element they give: nothing to count.  The distinct-name
 * bound (names_ok) is there because expat keeps every distinct name
 * until the document ends; the names the tables give are a few dozen,
 * known in advance, so leaving them out of the count keeps expat's
 * memory bounded all the same, and spares a hash lookup per element of
 * a well-formed report.  A prefixed name is counted: its prefixes are
 * the attacker's to vary.  The kid's index in its parent's table, or -1
 * when the name is to be counted.
 */
static int
schema_name(const struct agg *a, const char *qname, const char *name,
    size_t len, const char **atts)
{
	const struct frame *up;

	/* After </feedback> the depth is only counted, past the frames. */
	if (a->state != S_IN || a->depth > LIM_XML_DEPTH || atts[0] != NULL ||
	    name != qname)
		return -1;
	up = &a->fr[a->depth];
	if (up->kind != F_KNOWN || up->node->kind != K_OBJ)
		return -1;
	return kid_index(up->node, name, len);
}

/*
 * Keys of the report object that dmarc2json writes itself beside the
 * <feedback> children (SCHEMA.md 2 and 3): an unknown child of that
 * name would make a key twice in one object.
 */
static int
ours(const char *name)
{

	return strcmp(name, "input") == 0 || strcmp(name, "xmlns") == 0;
}

static void XMLCALL on_text(void *, const XML_Char *, int);

/*
 * Character data only where a value is read: expat reports the
 * whitespace between elements too, a call per line end and one per
 * indentation, and with no handler set it skips them.  Called after
 * every start and end tag, for the element that is open then.
 */
static void
want_text(struct agg *a)
{
	const struct frame *f;
	int	 want = 0;

	if (a->state == S_IN && !a->stopped) {
		f = &a->fr[a->depth];
		want = f->kind == F_GENERIC ||
		    (f->kind == F_KNOWN && f->node->kind != K_OBJ);
	}
	if (want != a->texting) {
		XML_SetCharacterDataHandler(a->p, want ? on_text : NULL);
		a->texting = want;
	}
}

static void	 start_element(struct agg *, const char *, const char **);
static void	 next_feedback(struct agg *);
static void	 end_element(struct agg *);

static void XMLCALL
on_start(void *ud, const XML_Char *qname, const XML_Char **atts)
{
	struct agg	*a = ud;

	start_element(a, qname, atts);
	want_text(a);
}

static void XMLCALL
on_end(void *ud, const XML_Char *qname)
{
	struct agg	*a = ud;

	(void)qname;
	end_element(a);
	want_text(a);
}

static void
start_element(struct agg *a, const char *qname, const char **atts)
{
	struct frame	*f, *up;
	const char	*name;
	size_t		 len;
	int		 i, known;

	if (a->stopped)
		return;
	name = local_name(qname, &len);
	if ((known = schema_name(a, qname, name, len, atts)) < 0 &&
	    !names_ok(a, qname, atts))
		return;
	if (a->state == S_DONE) {
		if (a->fdepth > 1 && strcmp(name, "feedback") == 0)
			next_feedback(a);
		else {
			a->depth++;	/* after </feedback>: only counted */
			return;
		}
	}
	if (++a->depth > LIM_XML_DEPTH) {
		stop(a, "XML elements nested deeper than %d", LIM_XML_DEPTH);
		return;
	}
	for (i = 0; atts[i] != NULL; i += 2)
		if (strlen(atts[i + 1]) > LIM_TEXT) {
			/* Attribute values are text values too (SCHEMA.md 8). */
			stop(a, "attribute value longer than %lu MiB",
			    LIM_MIB(LIM_TEXT));
			return;
		}
	f = &a->fr[a->depth];
	up = &a->fr[a->depth - 1];
	frame_reset(f, name, len);
	f->kind = F_IGNORE;
	if (a->depth == 1) {
		buf_reset(&a->root);
		buf_addstr(&a->root, qname);
		buf_addc(&a->root, '\0');
	}
	if (a->state == S_BEFORE && strcmp(name, "feedback") == 0) {
		a->state = S_IN;
		a->fdepth = a->depth;
		f->kind = F_KNOWN;
		f->node = &feedback;
		take_xmlns(a, qname, atts);
		if (a->depth > 1)
			diag_warn(&a->w->diag, "<feedback> is not the root "
			    "element but inside <%s>", a->root.p);
		return;
	}
	if (a->state != S_IN || up->kind == F_IGNORE)
		return;
	if (up->kind == F_KNOWN && up->node->kind == K_OBJ) {
		f->slotno = known >= 0 ? known :
		    kid_index(up->node, name, len);
		if (f->slotno >= 0) {
			f->kind = F_KNOWN;
			f->node = &up->node->kids[f->slotno];
			return;
		}
	} else if (up->kind == F_KNOWN) {
		/* Elements inside a value like <org_name> make no sense. */
		if (!a->warned_children++)
			diag_warn(&a->w->diag, "element <%s> inside <%s> "
			    "ignored", name, up->name.p);
		return;
	}
	if (outstage_shape(a->out) == OUT_CSV)
		return;	/* --csv has no column for them */
	f->kind = F_GENERIC;
	xmlgen_attrs(&f->gen, atts);
	if (buf_failed(&f->gen.attrs))
		stop(a, "<%s> larger than %lu MiB as JSON", name,
		    LIM_MIB(LIM_ELEMENT));
	else
		hold(a, f, f->gen.attrs.len, 0);
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{
	struct agg	*a = ud;
	struct frame	*f;

	/* After </feedback> the depth is only counted: no frame. */
	if (a->stopped || a->state != S_IN)
		return;
	f = &a->fr[a->depth];
	if (f->kind == F_IGNORE)
		return;
	if (f->kind == F_KNOWN && f->node->kind == K_OBJ)
		return;	/* whitespace between children */
	buf_add(&f->text, s, (size_t)len);
	if (f->text.over)
		stop(a, "text value longer than %lu MiB", LIM_MIB(LIM_TEXT));
	else
		hold(a, f, (size_t)len, 0);
}

/*
 * SCHEMA.md 3: a decimal is read as its integer part (Netease writes
 * <begin>1337270400.0</begin>), with a warning when the fraction is
 * not zero.  0 with *v set, or -1 when s[0..n) is no decimal.
 */
static int
decimal(struct agg *a, const struct frame *f, const char *s, size_t n,
    long long *v)
{
	const char	*dot = memchr(s, '.', n), *q;
	char		 sn[SNIPPET_SIZE];
	int		 frac = 0;

	if (dot == NULL || dot == s || dot[-1] < '0' || dot[-1] > '9' ||
	    parse_int(s, (size_t)(dot - s), v) == -1)
		return -1;
	for (q = dot + 1; q < s + n; q++) {
		if (*q < '0' || *q > '9')
			return -1;
		frac |= *q != '0';
	}
	if (frac)
		diag_warn(&a->w->diag, "line %lu: <%s> \"%s\" read as %lld "
		    "(its fraction dropped)",
		    (unsigned long)XML_GetCurrentLineNumber(a->p),
		    f->node->name, snippet(sn, sizeof(sn), s, n), *v);
	return 0;
}

/* The JSON of a known scalar, or nothing when it is empty. */
static void
scalar(struct agg *a, struct frame *f, struct buf *out)
{
	const char	*s = f->text.p;
	size_t		 n = f->text.len;
	long long	 v;
	char		 ip[IP_CANON_SIZE], sn[SNIPPET_SIZE];

	trim(&s, &n);
	if (n == 0)
		return;
	switch (f->node->kind) {
	case K_LOWER:
		lower((char *)s, n);
		/* FALLTHROUGH */
	case K_STR:
		jw_utf8(out, s, n);	/* expat gives UTF-8 */
		return;
	case K_DATE:
		if (parse_int(s, n, &v) == 0 || iso8601_epoch(s, n, &v) == 0 ||
		    decimal(a, f, s, n, &v) == 0) {
			jw_int(out, v);
			return;
		}
		break;
	case K_INT:
		if (parse_int(s, n, &v) == 0 || decimal(a, f, s, n, &v) == 0) {
			jw_int(out, v);
			return;
		}
		break;
	case K_IP:
		if (ip_canon(s, n, ip) == 0)
			jw_cstr(out, ip);
		else {
			diag_warn(&a->w->diag, "line %lu: <source_ip> \"%s\" "
			    "is not an IP address; kept as written",
			    (unsigned long)XML_GetCurrentLineNumber(a->p),
			    snippet(sn, sizeof(sn), s, n));
			jw_str(out, s, n);
		}
		return;
	case K_OBJ:
		return;
	}
	diag_warn(&a->w->diag, "line %lu: <%s> \"%s\" is not a number; "
	    "omitted", (unsigned long)XML_GetCurrentLineNumber(a->p),
	    f->node->name, snippet(sn, sizeof(sn), s, n));
}

/* The members of a known object: its slots in table order, then the
 * unknown children.  Returns the number written. */
static int
members(struct frame *f, struct buf *out)
{
	const struct node *k;
	int	 i, nm = 0;

	for (i = 0; (k = &f->node->kids[i])->name; i++) {
		if (f->slot[i].len == 0)
			continue;
		jw_rawkey(out, k->name, k->len);
		if (k->repeat)
			buf_addc(out, '[');
		buf_add(out, f->slot[i].p, f->slot[i].len);
		if (k->repeat)
			buf_addc(out, ']');
		nm++;
	}
	return nm + xmlgen_members(&f->gen, out);
}

/* Where the value of frame f goes: its slot in the parent. */
static struct buf *
dest(struct agg *a, struct frame *f, struct frame *up)
{
	struct buf *d = &up->slot[f->slotno];

	up->used |= 1U << f->slotno;
	if (d->len > 0 && !f->node->repeat) {
		diag_warn(&a->w->diag, "line %lu: a second <%s> ignored",
		    (unsigned long)XML_GetCurrentLineNumber(a->p),
		    f->node->name);
		return NULL;
	}
	return d;
}

/* If node is part of the --unique key, keep its value. */
static void
keep_key(struct agg *a, const struct node *node, const char *v, size_t n)
{

	if (node->key > 0)
		buf_add(&a->key[node->key - 1], v, n);
}

static void
end_record(struct agg *a, struct frame *f)
{

	buf_reset(&a->rec);
	buf_addc(&a->rec, '{');
	members(f, &a->rec);
	buf_addc(&a->rec, '}');
	if (buf_failed(&a->rec)) {
		stop(a, "<record> larger than %lu MiB as JSON",
		    LIM_MIB(LIM_ELEMENT));
		return;
	}
	outstage_elem(a->out, a->rec.p, a->rec.len);
}

static void
end_element(struct agg *a)
{
	struct frame	*f, *up;
	struct buf	*d;
	size_t		 mark, own;

	if (a->stopped)
		return;
	if (a->state == S_DONE) {
		a->depth--;	/* no frame: only counted */
		return;
	}
	f = &a->fr[a->depth];
	up = &a->fr[a->depth - 1];
	a->depth--;
	if (f->kind == F_IGNORE)
		return;
	own = frame_held(f);
	if (f->kind == F_GENERIC) {
		mark = up->gen.entries.len;
		if (up->kind == F_KNOWN && up->node == &feedback &&
		    ours(f->name.p))
			diag_warn(&a->w->diag, "line %lu: <%s> dropped: the "
			    "output uses that name",
			    (unsigned long)XML_GetCurrentLineNumber(a->p),
			    f->name.p);
		else if (up->kind == F_KNOWN || up->kind == F_GENERIC)
			xmlgen_end(&f->gen, &up->gen, f->name.p, &f->text);
		if (up->gen.entries.over || up->gen.entries.oom)
			stop(a, "<%s> larger than %lu MiB as JSON", up->name.p,
			    LIM_MIB(LIM_ELEMENT));
		else
			hold(a, f, up->gen.entries.len - mark, own);
		return;
	}
	if (f->node == &feedback) {
		a->state = S_DONE;
		a->done = 1;
		return;
	}
	if (up->node == &feedback && (f->node->role & R_RECORD)) {
		end_record(a, f);
		a->held -= own;		/* records are not held */
		return;
	}
	if ((d = dest(a, f, up)) == NULL) {
		a->held -= own;
		return;
	}
	mark = d->len;
	if (f->node->repeat && d->len > 0)
		buf_addc(d, ',');
	if (f->node->kind == K_OBJ) {
		buf_addc(d, '{');
		if (members(f, d) == 0)
			d->len = mark;	/* an empty object is left out */
		else
			buf_addc(d, '}');
	} else {
		scalar(a, f, d);
		if (d->len == mark + (f->node->repeat && mark > 0))
			d->len = mark;
		else
			keep_key(a, f->node, d->p + mark, d->len - mark);
	}
	if (buf_failed(d))
		stop(a, "<%s> larger than %lu MiB as JSON", up->name.p,
		    LIM_MIB(LIM_ELEMENT));
	else
		hold(a, f, d->len - mark, own);
}

static void XMLCALL
on_entity_decl(void *ud, const XML_Char *name, int pe, const XML_Char *v,
    int vlen, const XML_Char *base, const XML_Char *sys,
    const XML_Char *pub, const XML_Char *notation)
{

	(void)name, (void)pe, (void)v, (void)vlen, (void)base, (void)sys;
	(void)pub, (void)notation;
	stop(ud, "%s", "DTD entity declarations are not allowed");
}

/* DTD declarations name elements and attributes too. */
static void XMLCALL
on_element_decl(void *ud, const XML_Char *name, XML_Content *model)
{
	struct agg	*a = ud;

	XML_FreeContentModel(a->p, model);
	if (!a->stopped)
		names_ok(a, name, NULL);
}

static void XMLCALL
on_attlist_decl(void *ud, const XML_Char *el, const XML_Char *att,
    const XML_Char *type, const XML_Char *dflt, int required)
{
	struct agg	*a = ud;
	const char	*atts[] = { att, "", NULL };

	(void)type, (void)dflt, (void)required;
	if (!a->stopped)
		names_ok(a, el, atts);
}

/* Ready for a <feedback>: nothing of a report held. */
static void
next_report(struct agg *a)
{
	int	 i;

	a->held = 0;
	a->state = S_BEFORE;
	a->done = 0;
	a->warned_children = 0;
	buf_reset(&a->xmlns);
	for (i = 0; i < NKEYS; i++)
		buf_reset(&a->key[i]);
	outstage_begin(a->out);
}

static int
start(struct agg *a, struct walk *w, struct err *e)
{
	int	 i;

	if (a->p == NULL && (a->p = XML_ParserCreate(NULL)) == NULL) {
		err_set(e, "out of memory");
		return -1;
	}
	/* A fresh parser state per document: handlers go with a reset. */
	XML_ParserReset(a->p, NULL);
	XML_SetUserData(a->p, a);
	XML_SetElementHandler(a->p, on_start, on_end);
	a->texting = 0;		/* want_text sets on_text where needed */
	XML_SetEntityDeclHandler(a->p, on_entity_decl);
	XML_SetElementDeclHandler(a->p, on_element_decl);
	XML_SetAttlistDeclHandler(a->p, on_attlist_decl);
	a->w = w;
	a->e = e;
	a->depth = a->fdepth = 0;
	a->stopped = 0;
	buf_reset(&a->root);
	next_report(a);
	/* What a failed report left in the frames goes: every report
	 * starts from the same memory. */
	for (i = 0; i < LIM_XML_DEPTH + 2; i++) {
		a->fr[i].used = (1U << MAXKIDS) - 1;
		frame_reset(&a->fr[i], "", 0);
	}
	a->fr[0].kind = F_IGNORE;
	return 0;
}

/* {"xmlns":..,"version":..,"report_metadata":..,"policy_published":.. */
static void
head(struct agg *a, struct buf *b)
{
	struct frame	*f = &a->fr[a->fdepth];
	int		 i;

	buf_addc(b, '{');
	jw_kstr(b, "xmlns", a->xmlns.p, a->xmlns.len);
	for (i = 0; feedback_kids[i].name != NULL; i++) {
		if (f->slot[i].len == 0 || (feedback_kids[i].role & R_RECORD))
			continue;
		jw_rawkey(b, feedback_kids[i].name, feedback_kids[i].len);
		buf_add(b, f->slot[i].p, f->slot[i].len);
	}
}

/* What follows the records: unknown elements, then input. */
static void
tail(struct agg *a, struct buf *b)
{

	xmlgen_members(&a->fr[a->fdepth].gen, b);
	walk_input_json(a->w, b);
	buf_addc(b, '}');
}

/* The --unique key (SCHEMA.md 7): org_name, report_id, policy
 * domain, begin and end, as written in the JSON, each ended by a NUL,
 * after the kind. */
static void
make_key(struct agg *a)
{
	int	 k;

	buf_reset(&a->keyb);
	buf_add(&a->keyb, "dmarc-aggregate", sizeof("dmarc-aggregate"));
	for (k = 0; k < NKEYS; k++) {
		buf_add(&a->keyb, a->key[k].p, a->key[k].len);
		buf_addc(&a->keyb, '\0');
	}
}

/* The report of the <feedback> that ended last, to the output stage:
 * as outstage_report. */
static int
finish(struct agg *a, struct err *e)
{
	int	 i;

	/* Say what is missing, and give what there is (as for TLS-RPT,
	 * SCHEMA.md 5). */
	for (i = 0; feedback_kids[i].name != NULL; i++)
		if ((feedback_kids[i].role & R_REQUIRED) &&
		    a->fr[a->fdepth].slot[i].len == 0)
			diag_warn(&a->w->diag, "<feedback> has no <%s>",
			    feedback_kids[i].name);
	buf_reset(&a->head);
	buf_reset(&a->tail);
	head(a, &a->head);
	if (outstage_shape(a->out) != OUT_WHOLE) {
		jw_key(&a->head, "record");
		buf_addc(&a->tail, ',');
	} else if (outstage_count(a->out) > 0) {
		jw_key(&a->head, "record");
		buf_addc(&a->head, '[');
		buf_addc(&a->tail, ']');
	} else if (buf_last(&a->head) != '{')
		buf_addc(&a->tail, ',');
	tail(a, &a->tail);
	make_key(a);
	return outstage_report(a->out, &a->head, &a->tail, &a->keyb, e);
}

/* Another <feedback> in the wrapper that held the last one: each is a
 * report of its own (SCHEMA.md 3).  The last goes out now, counted
 * as any report, and the next starts afresh; agg_convert finishes the
 * last of the document. */
static void
next_feedback(struct agg *a)
{

	walk_result(a->w, finish(a, a->e), a->e);
	next_report(a);
}

int
agg_convert(struct agg *a, struct walk *w, struct stream *s, int claimed,
    struct err *e)
{

	if (start(a, w, e) == -1)
		return -1;
	xmlfeed_start(&a->feed, a->p, "feedback", &a->done, &a->stopped,
	    &w->diag, e);
	if (xmlfeed(&a->feed, s) == -1)
		return -1;
	if (a->state == S_BEFORE) {
		if (claimed) {
			err_set(e, "root element is <%s>, not <feedback>: not a "
			    "DMARC aggregate report", a->root.p);
			return -1;
		}
		err_set(e, "XML with root <%s>, not a DMARC report", a->root.p);
		return 1;
	}
	return finish(a, e);
}
