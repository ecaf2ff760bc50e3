/*
 * xmlgen.c: unknown XML elements to JSON, generically.
 */
#include <stdlib.h>
#include <string.h>

#include "xmlgen.h"
#include "../common/jsonw.h"
#include "../common/limits.h"
#include "../common/text.h"

void
xmlgen_reset(struct xmlgen *g)
{

	buf_reset(&g->attrs);
	buf_reset(&g->entries);
	g->entries.max = LIM_HELD;
	g->attrs.max = LIM_HELD;
	g->n = 0;
}

void
xmlgen_free(struct xmlgen *g)
{

	buf_free(&g->attrs);
	buf_free(&g->entries);
	buf_free(&g->key);
	g->n = 0;
}

void
xmlgen_attrs(struct xmlgen *g, const char **atts)
{
	const char *n, *c;
	int	 i;

	for (i = 0; atts[i]; i += 2) {
		n = atts[i];
		if (strcmp(n, "xmlns") == 0 || strncmp(n, "xmlns:", 6) == 0)
			continue;
		if ((c = strrchr(n, ':')) != NULL)
			n = c + 1;
		buf_reset(&g->key);
		buf_addc(&g->key, '@');
		buf_addstr(&g->key, n);
		jw_keyn(&g->attrs, g->key.p, g->key.len);
		jw_cstr(&g->attrs, atts[i + 1]);
	}
}

void
xmlgen_end(struct xmlgen *g, struct xmlgen *up, const char *name,
    const struct buf *text)
{
	struct buf	*d = &up->entries;
	const char	*s = text->p;
	size_t		 n = text->len, mark = d->len, lenat, vstart, vlen;
	int		 nm;

	trim(&s, &n);
	buf_addstr(d, name);
	buf_addc(d, '\0');
	lenat = d->len;
	buf_add(d, &lenat, sizeof(size_t));	/* patched below */
	vstart = d->len;
	if (g->attrs.len == 0 && g->n == 0) {
		if (n > 0)
			jw_str(d, s, n);
	} else {
		buf_addc(d, '{');
		buf_add(d, g->attrs.p, g->attrs.len);
		nm = xmlgen_members(g, d);
		if (n > 0) {
			if (g->attrs.len || nm)
				buf_addc(d, ',');
			buf_adds(d, "\"#text\":");
			jw_str(d, s, n);
		}
		buf_addc(d, '}');
	}
	if (buf_failed(d))
		return;
	vlen = d->len - vstart;
	if (vlen == 0) {
		d->len = mark;	/* empty: left out */
		return;
	}
	memcpy(d->p + lenat, &vlen, sizeof(size_t));
	up->n++;
}

struct ent {
	const char	*name;
	const char	*val;
	size_t		 vlen;
	size_t		 order;
	size_t		 first;	/* order of the first of its name */
};

static int
by_name(const void *x, const void *y)
{
	const struct ent *a = x, *b = y;
	int	 c = strcmp(a->name, b->name);

	return c ? c : (a->order > b->order) - (a->order < b->order);
}

static int
by_first(const void *x, const void *y)
{
	const struct ent *a = x, *b = y;

	if (a->first != b->first)
		return (a->first > b->first) - (a->first < b->first);
	return (a->order > b->order) - (a->order < b->order);
}

int
xmlgen_members(struct xmlgen *g, struct buf *out)
{
	struct ent	*e;
	const char	*p = g->entries.p;
	size_t		 i, j, groups = 0;

	if (g->n == 0)
		return 0;
	if ((e = calloc(g->n, sizeof(*e))) == NULL) {
		out->oom = 1;
		return 0;
	}
	for (i = 0; i < g->n; i++) {
		e[i].name = p;
		p += strlen(p) + 1;
		memcpy(&e[i].vlen, p, sizeof(size_t));
		e[i].val = p + sizeof(size_t);
		p = e[i].val + e[i].vlen;
		e[i].order = i;
	}
	/* Group equal names, then put the groups in document order. */
	qsort(e, g->n, sizeof(*e), by_name);
	for (i = 0; i < g->n; i++)
		e[i].first = (i > 0 && strcmp(e[i].name, e[i - 1].name) == 0) ?
		    e[i - 1].first : e[i].order;
	qsort(e, g->n, sizeof(*e), by_first);
	for (i = 0; i < g->n; i = j) {
		for (j = i + 1; j < g->n && e[j].first == e[i].first; j++)
			;
		jw_keyn(out, e[i].name, strlen(e[i].name));
		if (j - i > 1)
			buf_addc(out, '[');
		for (size_t k = i; k < j; k++) {
			if (k > i)
				buf_addc(out, ',');
			buf_add(out, e[k].val, e[k].vlen);
		}
		if (j - i > 1)
			buf_addc(out, ']');
		groups++;
	}
	free(e);
	return (int)groups;
}
