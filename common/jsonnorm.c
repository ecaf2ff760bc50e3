/*
 * jsonnorm.c: a value of a parsed document written out again as the
 * normalised JSON of SCHEMA.md section 1, for the members of a TLS
 * report that are passed through as they came.
 */
#include <string.h>

#include "json.h"
#include "jsonnav.h"
#include "jsonnorm.h"
#include "jsonw.h"
#include "text.h"

/* A string value, trimmed (SCHEMA.md 1); -1 if blank. */
static int
json_write_string(const struct json_doc *d, int i, struct buf *out)
{
	const char	*p = d->s + d->tok[i].start;
	size_t		 n = (size_t)(d->tok[i].end - d->tok[i].start);
	struct buf	 u = { 0 };
	int		 r = -1;

	if (memchr(p, '\\', n) == NULL) {
		trim(&p, &n);
		if (n == 0)
			return -1;
		jw_str(out, p, n);
		return 0;
	}
	json_str(d, i, &u);
	p = u.p;
	n = u.len;
	trim(&p, &n);
	if (u.oom)
		out->oom = 1;
	else if (n > 0) {
		jw_str(out, p, n);
		r = 0;
	}
	buf_free(&u);
	return r;
}

void
json_flush(const struct json_doc *d, struct buf *out)
{

	if (d->flush != NULL && !out->oom)
		d->flush(d->flush_arg, out);
}

int
json_write(const struct json_doc *d, int i, struct buf *out)
{
	int	 k;

	switch (d->tok[i].type) {
	case JSMN_STRING:
		return json_write_string(d, i, out);
	case JSMN_PRIMITIVE:
		if (json_isnull(d, i))
			return -1;
		return json_str(d, i, out);
	case JSMN_OBJECT:
		buf_addc(out, '{');
		for (k = json_child(d, i); k != -1; k = json_sibling(d, k))
			if (json_write_member(d, k, out) == 0)
				json_flush(d, out);
		buf_addc(out, '}');
		return 0;
	case JSMN_ARRAY:
		buf_addc(out, '[');
		for (k = json_child(d, i); k != -1; k = json_sibling(d, k)) {
			size_t mark = out->len;
			jw_comma(out);
			if (json_write(d, k, out) == -1)
				out->len = mark;
			else
				json_flush(d, out);
		}
		buf_addc(out, ']');
		return 0;
	default:
		return -1;
	}
}

int
json_write_member(const struct json_doc *d, int k, struct buf *out)
{
	const char	*p = d->s + d->tok[k].start;
	size_t		 n = (size_t)(d->tok[k].end - d->tok[k].start);
	size_t		 mark = out->len;
	struct buf	 u = { 0 };

	if (memchr(p, '\\', n) == NULL)
		jw_keyn(out, p, n);
	else {
		json_str(d, k, &u);
		if (u.oom)
			out->oom = 1;
		jw_keyn(out, u.p ? u.p : "", u.len);
		buf_free(&u);
	}
	if (json_write(d, k + 1, out) == -1) {
		out->len = mark;
		return -1;
	}
	return 0;
}
