/*
 * hdr.c: RFC 5322 header blocks.
 */
#include <stdint.h>
#include <string.h>

#include "hdr.h"
#include "limits.h"
#include "text.h"

static int
isftext(unsigned char c)
{

	/* RFC 5322 3.6.8: printable US-ASCII except ":" */
	return c > 32 && c < 127 && c != ':';
}

/* A NUL in a value would end it early: each is a space instead. */
static void
nul_to_space(char *p, size_t n)
{
	char	*z;

	while ((z = memchr(p, '\0', n)) != NULL) {
		*z = ' ';
		n -= (size_t)(z - p) + 1;
		p = z + 1;
	}
}

/* Add one unfolded field line[0..n) if it is a field. */
static void
addfield(struct hdrs *h, const char *s, size_t n)
{
	size_t	 i, start;
	const char *v;
	size_t	 vn;

	for (i = 0; i < n && isftext((unsigned char)s[i]); i++)
		;
	/* Some writers put whitespace before the colon (obs-optional). */
	start = i;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (start == 0 || i == n || s[i] != ':')
		return;
	buf_add(&h->b, s, start);
	lower(h->b.p + h->b.len - start, h->b.oom ? 0 : start);
	buf_addc(&h->b, '\0');
	v = s + i + 1;
	vn = n - i - 1;
	trim(&v, &vn);
	buf_add(&h->b, v, vn);
	if (!buf_failed(&h->b))
		nul_to_space(h->b.p + h->b.len - vn, vn);
	buf_addc(&h->b, '\0');
}

int
hdrs_parse(struct hdrs *h, const char *p, size_t n, struct err *e)
{
	struct buf line = { 0 };	/* a folded field, unfolded */
	const char *end, *nl, *one = NULL;
	size_t	 l, cur = 0;

	if (n == 0)
		return 0;	/* p may be NULL: no arithmetic on it */
	/* The fields take at most the block and a NUL per line: one
	 * allocation, not a doubling per field. */
	if (n < SIZE_MAX - h->b.len - 2)
		buf_grow(&h->b, h->b.len + n + 2);
	end = p + n;
	/* The field so far is cur bytes: at one while it is one line (no
	 * copy, most fields), in line once a continuation line came. */
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (l > 0 && p[l - 1] == '\r')
			l--;
		if (cur > 0 && !(l > 0 && (p[0] == ' ' || p[0] == '\t'))) {
			addfield(h, one ? one : line.p, cur);
			cur = line.len = 0;
			one = NULL;
		}
		if (cur + l > LIM_HEADER_LINE) {
			err_set(e, "header field longer than %lu MiB",
			    (unsigned long)(LIM_HEADER_LINE >> 20));
			buf_free(&line);
			return -1;
		}
		if (cur == 0) {
			one = p;
			cur = l;
		} else {
			if (one != NULL)
				buf_add(&line, one, cur);
			one = NULL;
			buf_add(&line, p, l);
			cur = line.len;
		}
		p = nl ? nl + 1 : end;
	}
	if (cur > 0)
		addfield(h, one ? one : line.p, cur);
	if (line.oom || h->b.oom) {
		buf_free(&line);
		err_set(e, "out of memory");
		return -1;
	}
	buf_free(&line);
	return 0;
}

int
hdrs_next(const struct hdrs *h, size_t *pos, const char **name,
    const char **val, size_t *vlen)
{
	size_t	 nl;

	if (*pos >= h->b.len)
		return 0;
	*name = h->b.p + *pos;
	nl = strlen(*name);
	*val = *name + nl + 1;
	*vlen = strlen(*val);
	*pos += nl + 1 + *vlen + 1;
	return 1;
}

const char *
hdrs_get(const struct hdrs *h, const char *name, size_t *len)
{
	size_t	 pos = 0, vn;
	const char *n, *v;

	while (hdrs_next(h, &pos, &n, &v, &vn))
		if (strcmp(n, name) == 0) {
			if (len)
				*len = vn;
			return v;
		}
	return NULL;
}

void
hdrs_reset(struct hdrs *h)
{

	buf_reset(&h->b);
}

void
hdrs_free(struct hdrs *h)
{

	buf_free(&h->b);
}
