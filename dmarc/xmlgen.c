/*
 * xmlgen.c: unknown XML elements to JSON, generically.
 */
#include <stdint.h>
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
	g->entries.max = LIM_ELEMENT;
	g->attrs.max = LIM_ELEMENT;
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
	const char *n, *c, *v;
	size_t	 vn;
	int	 i;

	for (i = 0; atts[i]; i += 2) {
		n = atts[i];
		v = atts[i + 1];
		vn = strlen(v);
		trim(&v, &vn);	/* SCHEMA.md 3: text values */
		if (vn == 0)
			continue;
		if (strcmp(n, "xmlns") == 0 || strncmp(n, "xmlns:", 6) == 0)
			continue;
		if ((c = strrchr(n, ':')) != NULL)
			n = c + 1;
		buf_reset(&g->key);
		buf_addc(&g->key, '@');
		buf_addstr(&g->key, n);
		jw_keyn(&g->attrs, g->key.p, g->key.len);
		jw_str(&g->attrs, v, vn);
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

/*
 * Grouping repeats without a copy of the entries: an index of their
 * offsets (4 bytes each, where a struct per entry took 40 and a big
 * unknown element held five times its size; SCHEMA.md 8), sorted by
 * name and then by position.  Entries are at most LIM_ELEMENT bytes,
 * so an offset fits in 32 bits.
 */
static const char *sort_base;	/* qsort has no argument for it */

static int
by_name(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	int	 c = strcmp(sort_base + a, sort_base + b);

	return c ? c : (a > b) - (a < b);
}

static size_t
ent_vlen(const char *e, const char **val)
{
	size_t	 vlen;

	e += strlen(e) + 1;
	memcpy(&vlen, e, sizeof(size_t));
	*val = e + sizeof(size_t);
	return vlen;
}

/* The entry after the one at e. */
static const char *
val_end(const char *e)
{
	const char	*val;
	size_t		 vlen = ent_vlen(e, &val);

	return val + vlen;
}

/* The entries of one name, from ix[i] on; the index after them. */
static size_t
group(const char *base, const uint32_t *ix, size_t i, size_t n,
    struct buf *out)
{
	const char	*name = base + ix[i], *val;
	size_t		 j, vlen;

	jw_keyn(out, name, strlen(name));
	for (j = i; j < n && strcmp(base + ix[j], name) == 0; j++)
		;
	if (j - i > 1)
		buf_addc(out, '[');
	for (size_t k = i; k < j; k++) {
		if (k > i)
			buf_addc(out, ',');
		vlen = ent_vlen(base + ix[k], &val);
		buf_add(out, val, vlen);
	}
	if (j - i > 1)
		buf_addc(out, ']');
	return j;
}

int
xmlgen_members(struct xmlgen *g, struct buf *out)
{
	const char	*p = g->entries.p;
	uint32_t	*ix, *at;
	size_t		 i, groups = 0;

	if (g->n == 0)
		return 0;
	if ((ix = calloc(g->n, sizeof(*ix))) == NULL) {
		out->oom = 1;
		return 0;
	}
	for (i = 0; i < g->n; i++) {
		ix[i] = (uint32_t)(p - g->entries.p);
		p = val_end(p);
	}
	sort_base = g->entries.p;
	qsort(ix, g->n, sizeof(*ix), by_name);
	/* In document order, each name where it first appears. */
	for (i = 0, p = g->entries.p; i < g->n; i++, p = val_end(p)) {
		uint32_t o = (uint32_t)(p - g->entries.p);
		at = bsearch(&o, ix, g->n, sizeof(*ix), by_name);
		if (at > ix && strcmp(g->entries.p + at[-1], p) == 0)
			continue;	/* not the first of its name */
		group(g->entries.p, ix, (size_t)(at - ix), g->n, out);
		groups++;
	}
	free(ix);
	return (int)groups;
}
