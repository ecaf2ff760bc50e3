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
	char	 key[128];

	if (o < 0 || d->tok[o].type != JSMN_OBJECT || n >= sizeof(key))
		return -1;
	memcpy(key, s, n);
	key[n] = '\0';
	return json_get(d, o, key);
}

/* Append the text of token t (a date if asked); nothing for a
 * container or a missing value. */
static void
scalar(const struct json_doc *d, int t, int flags, struct buf *out)
{
	const char *s;
	long long v;
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
	json_str(d, t, out);
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

int
csv_rows(struct csv *c, const char *line, size_t n, struct buf *out,
    struct err *e)
{
	const char *dot, *p;
	int	 t = 0, el, any = 0;

	c->doc.ours = 1;	/* the tool's own JSON line */
	if (json_parse(&c->doc, line, n, e) == -1)
		return -1;
	if (c->rows == NULL) {
		row(c, -1, out);
		return 0;
	}
	for (p = c->rows; t >= 0 && *p; p = dot ? dot + 1 : p + strlen(p)) {
		dot = strchr(p, '.');
		t = step(&c->doc, t, p, dot ? (size_t)(dot - p) : strlen(p));
	}
	if (t >= 0 && c->doc.tok[t].type == JSMN_ARRAY)
		for (el = json_child(&c->doc, t); el >= 0;
		    el = json_sibling(&c->doc, el), any = 1)
			row(c, el, out);
	if (!any)
		row(c, -1, out);
	return 0;
}

void
csv_free(struct csv *c)
{

	json_free(&c->doc);
	buf_free(&c->val);
}
