/*
 * csv.c: JSON objects to CSV rows (RFC 4180).
 */
#include <string.h>

#include "csv.h"
#include "datetime.h"
#include "jsonnav.h"
#include "text.h"

static void
field(struct buf *out, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			break;
	if (i == n) {
		buf_add(out, s, n);
		return;
	}
	buf_addc(out, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_addc(out, '"');
		buf_addc(out, s[i]);
	}
	buf_addc(out, '"');
}

/* The field that value() just wrote to out from byte at, quoted as
 * field() would: rarely needed, so written first and mended then. */
static void
quote_from(struct csv *c, struct buf *out, size_t at)
{
	size_t	 i;

	for (i = at; i < out->len; i++)
		if (out->p[i] == ',' || out->p[i] == '"' ||
		    out->p[i] == '\r' || out->p[i] == '\n')
			break;
	if (i == out->len)
		return;
	buf_reset(&c->val);
	buf_add(&c->val, out->p + at, out->len - at);
	out->len = at;
	field(out, c->val.p ? c->val.p : "", c->val.len);
}

void
csv_header(const struct csv *c, struct buf *out)
{
	int	 i;

	for (i = 0; c->cols[i].name; i++) {
		if (i > 0)
			buf_addc(out, ',');
		field(out, c->cols[i].name, strlen(c->cols[i].name));
	}
	buf_addc(out, '\n');
}

/* Follow one step of a path: the member named s[0..n) of object o. */
static int
step(const struct json_doc *d, int o, const char *s, size_t n)
{

	if (o < 0 || d->tok[o].type != JSMN_OBJECT)
		return -1;
	return json_getn(d, o, s, n);
}

/* Append the text of token t (a date if asked); nothing for a
 * container or a missing value. */
static void
scalar(const struct json_doc *d, int t, int flags, struct buf *out)
{
	const char *s;
	long long v;
	size_t	 n;
	char	 date[RFC3339_SIZE];

	if (t < 0 || d->tok[t].type == JSMN_OBJECT ||
	    d->tok[t].type == JSMN_ARRAY)
		return;
	s = d->s + d->tok[t].start;
	if ((flags & CSV_DATE) && d->tok[t].type == JSMN_PRIMITIVE &&
	    parse_int(s, (size_t)(d->tok[t].end - d->tok[t].start), &v) == 0) {
		epoch_rfc3339(v, date);
		buf_addstr(out, date);
		return;
	}
	n = (size_t)(d->tok[t].end - d->tok[t].start);
	if (d->tok[t].type == JSMN_STRING && !d->plain &&
	    memchr(s, '\\', n) != NULL)
		json_str(d, t, out);	/* unescaped */
	else
		buf_add(out, s, n);
}

/* The value at path from token at; arrays on the way ("x[]") and at
 * the end are joined with ";". */
static void
value(const struct json_doc *d, int at, const char *path, int flags,
    struct buf *out)
{
	const char *dot;
	size_t	 n;
	int	 t, e, first = 1, arr;

	for (t = at; t >= 0 && *path; path = dot ? dot + 1 : path + n) {
		dot = strchr(path, '.');
		n = dot ? (size_t)(dot - path) : strlen(path);
		arr = n > 2 && path[n - 2] == '[' && path[n - 1] == ']';
		t = step(d, t, path, arr ? n - 2 : n);
		if (t >= 0 && (arr || (!dot && d->tok[t].type == JSMN_ARRAY))) {
			if (d->tok[t].type != JSMN_ARRAY)
				break;
			for (e = json_child(d, t); e >= 0; e = json_sibling(d, e)) {
				if (!first)
					buf_addc(out, ';');
				first = 0;
				if (dot)
					value(d, e, dot + 1, flags, out);
				else
					scalar(d, e, flags, out);
			}
			return;
		}
		if (!dot)
			break;
	}
	scalar(d, t, flags, out);
}

static void
row(struct csv *c, int elem, struct buf *out)
{
	const struct json_doc *d = &c->doc;
	int	 i;

	for (i = 0; c->cols[i].name; i++) {
		const char *p = c->cols[i].path;
		if (i > 0)
			buf_addc(out, ',');
		buf_reset(&c->val);
		if (strncmp(p, "@.", 2) == 0) {
			if (elem >= 0)
				value(d, elem, p + 2, c->cols[i].flags, &c->val);
		} else
			value(d, 0, p, c->cols[i].flags, &c->val);
		field(out, c->val.p ? c->val.p : "", c->val.len);
	}
	buf_addc(out, '\n');
}

/* Follow the steps of p[0..n), none with "[]", from token t. */
static int
steps(const struct json_doc *d, int t, const char *p, size_t n)
{
	const char *end = p + n, *dot;

	for (; t >= 0 && p < end; p = dot + 1) {
		if ((dot = memchr(p, '.', (size_t)(end - p))) == NULL)
			dot = end;
		t = step(d, t, p, (size_t)(dot - p));
	}
	return t;
}

typedef void row_fn(struct csv *, int, struct buf *);

/*
 * A row (by make) per element of the array at path in c->doc, or one
 * row without an element when path is NULL or leads to no array: the
 * loop of both csv_rows and csv_elem.
 */
static void
rows_at(struct csv *c, const char *path, row_fn *make, struct buf *out)
{
	int	 t = -1, el, any = 0;

	if (path != NULL)
		t = steps(&c->doc, 0, path, strlen(path));
	if (t >= 0 && c->doc.tok[t].type == JSMN_ARRAY)
		for (el = json_child(&c->doc, t); el >= 0;
		    el = json_sibling(&c->doc, el), any = 1)
			make(c, el, out);
	if (!any)
		make(c, -1, out);
}

int
csv_rows(struct csv *c, const char *line, size_t n, struct buf *out,
    struct err *e)
{

	if (json_parse_ours(&c->doc, line, n, e) == -1)
		return -1;
	rows_at(c, c->rows, row, out);
	return 0;
}

/* The key of the top-level member whose value starts at offset at
 * (where csv_begin put null for the element): its length, 0 if none. */
static size_t
elem_key(const struct json_doc *d, size_t at, const char **key)
{
	int	 k;

	if (d->ntok == 0 || d->tok[0].type != JSMN_OBJECT)
		return 0;
	for (k = json_child(d, 0); k >= 0; k = json_sibling(d, k))
		if (d->tok[k + 1].start == (int)at &&
		    d->tok[k + 1].type == JSMN_PRIMITIVE) {
			*key = d->s + d->tok[k].start;
			return (size_t)(d->tok[k].end - d->tok[k].start);
		}
	return 0;
}

/*
 * Column i's path in the element, cut for elem_row: at, what value()
 * would follow from the element or its row; plen, the length of its
 * plain steps before the last one and before any "[]"; rest, where
 * value() goes on from there; same, whether the plain steps are those
 * of column i - 1, whose token elem_row still holds.  In a record the
 * columns go member by member ("row.policy_evaluated.dkim", then
 * ".spf"), so most steps are not followed again.
 */
static void
elem_path(struct csv *c, int i, const char *at)
{
	const char *q, *dot;
	size_t	 n;

	c->at[i] = at;
	c->plen[i] = 0;
	for (q = at; (dot = strchr(q, '.')) != NULL; q = dot + 1) {
		n = (size_t)(dot - q);
		if (n >= 2 && q[n - 2] == '[' && q[n - 1] == ']')
			break;
		c->plen[i] = (size_t)(dot - at);
	}
	c->rest[i] = at + c->plen[i] + (c->plen[i] > 0);
	c->same[i] = i > 0 && c->kind[i - 1] == c->kind[i] &&
	    c->plen[i - 1] == c->plen[i] &&
	    memcmp(c->at[i - 1], at, c->plen[i]) == 0;
}

/* Whether path starts with the element's key and a dot. */
static int
in_elem(const struct csv *c, const char *path)
{

	return c->skip > 0 && strncmp(path, c->fixed.p, c->skip) == 0;
}

int
csv_begin(struct csv *c, const char *head, size_t hlen, const char *tail,
    size_t tlen, struct err *e)
{
	const char *key;
	size_t	 klen;
	int	 i, r = 0;

	c->head = head, c->hlen = hlen, c->tail = tail, c->tlen = tlen;
	c->split = 0;
	buf_reset(&c->whole);
	buf_add(&c->whole, head, hlen);
	buf_adds(&c->whole, "null");
	buf_add(&c->whole, tail, tlen);
	if (c->whole.oom) {
		err_set(e, "out of memory");
		return -1;
	}
	if (json_parse_ours(&c->doc, c->whole.p, c->whole.len, e) == -1)
		return -1;
	if ((klen = elem_key(&c->doc, hlen, &key)) == 0)
		return 0;	/* csv_elem takes the whole line */
	/* fixed starts with "KEY.": the prefix of the element's paths. */
	buf_reset(&c->fixed);
	buf_add(&c->fixed, key, klen);
	buf_addc(&c->fixed, '.');
	c->skip = klen + 1;
	if (c->rows != NULL && strncmp(c->rows, c->fixed.p, c->skip) != 0)
		return 0;	/* the row array is outside the element */
	for (i = 0; c->cols[i].name; i++) {
		if (i == CSV_MAXCOLS)
			return 0;
		c->kind[i] = in_elem(c, c->cols[i].path) ? COL_ELEM :
		    strncmp(c->cols[i].path, "@.", 2) == 0 ? COL_ROW :
		    COL_FIXED;
		if (c->kind[i] != COL_FIXED) {
			elem_path(c, i, c->cols[i].path +
			    (c->kind[i] == COL_ELEM ? c->skip : 2));
			continue;
		}
		/* A run of them is one span, with its commas. */
		if (i > 0 && c->kind[i - 1] == COL_FIXED)
			buf_addc(&c->fixed, ',');
		else
			r = i, c->off[r] = c->fixed.len;
		buf_reset(&c->val);
		value(&c->doc, 0, c->cols[i].path, c->cols[i].flags, &c->val);
		field(&c->fixed, c->val.p ? c->val.p : "", c->val.len);
		c->len[r] = c->fixed.len - c->off[r];
		c->last[r] = i;
	}
	if (c->fixed.oom) {
		err_set(e, "out of memory");
		return -1;
	}
	c->split = 1;
	return 0;
}

/* One row of an element parsed alone: row() with the report's
 * columns from csv_begin. */
static void
elem_row(struct csv *c, int el, struct buf *out)
{
	const struct json_doc *d = &c->doc;
	size_t	 at;
	int	 i, t = -1;

	for (i = 0; c->cols[i].path != NULL; i++) {
		if (i > 0)
			buf_addc(out, ',');
		if (c->kind[i] == COL_FIXED) {
			buf_add(out, c->fixed.p + c->off[i], c->len[i]);
			i = c->last[i];
			continue;
		}
		/* t: where column i - 1's plain steps led, if the same */
		if (!c->same[i])
			t = steps(d, c->kind[i] == COL_ELEM ? 0 : el,
			    c->at[i], c->plen[i]);
		at = out->len;
		value(d, t, c->rest[i], c->cols[i].flags, out);
		quote_from(c, out, at);
	}
	buf_addc(out, '\n');
}

int
csv_elem(struct csv *c, const char *elem, size_t n, struct buf *out,
    struct err *e)
{

	if (!c->split) {
		/* head, elem, tail as one line, as csv_rows wants it */
		buf_reset(&c->whole);
		buf_add(&c->whole, c->head, c->hlen);
		buf_add(&c->whole, elem, n);
		buf_add(&c->whole, c->tail, c->tlen);
		if (c->whole.oom) {
			err_set(e, "out of memory");
			return -1;
		}
		return csv_rows(c, c->whole.p, c->whole.len, out, e);
	}
	if (json_parse_ours(&c->doc, elem, n, e) == -1)
		return -1;
	rows_at(c, c->rows ? c->rows + c->skip : NULL, elem_row, out);
	return 0;
}

void
csv_free(struct csv *c)
{

	json_free(&c->doc);
	buf_free(&c->val);
	buf_free(&c->whole);
	buf_free(&c->fixed);
}
