/*
 * jsonnav.c: finding one's way in a document that json_parse accepted:
 * children and siblings in O(1) by the next[] it filled, members by
 * key, and what a token is.
 */
#include <string.h>

#include "json.h"
#include "jsonnav.h"

int
json_child(const struct json_doc *d, int i)
{

	return d->tok[i].size > 0 && i + 1 < d->ntok ? i + 1 : -1;
}

int
json_sibling(const struct json_doc *d, int c)
{
	int	 p = d->tok[c].parent, n;

	if (p < 0)
		return -1;
	n = d->tok[p].type == JSMN_OBJECT ? d->next[c + 1] : d->next[c];
	return n < d->ntok && d->tok[n].parent == p ? n : -1;
}

int
json_eq(const struct json_doc *d, int i, const char *lit)
{
	const char	*p = d->s + d->tok[i].start;
	size_t		 n = (size_t)(d->tok[i].end - d->tok[i].start);
	size_t		 l = strlen(lit);
	struct buf	 u = { 0 };
	int		 eq;

	if (d->tok[i].type != JSMN_STRING && d->tok[i].type != JSMN_PRIMITIVE)
		return 0;
	if (d->tok[i].type == JSMN_PRIMITIVE || memchr(p, '\\', n) == NULL)
		return n == l && memcmp(p, lit, l) == 0;
	/* Rare: an escaped key, compared unescaped. */
	json_str(d, i, &u);
	eq = !u.oom && u.len == l && (l == 0 || memcmp(u.p, lit, l) == 0);
	buf_free(&u);
	return eq;
}

/* json_eq for a lit of length l without a backslash: an escape makes a
 * key shorter unescaped, so a key of l bytes is equal only as written,
 * and a shorter one never (the common cases, without a copy). */
static int
key_eq(const struct json_doc *d, int i, const char *lit, size_t l)
{
	const char	*p = d->s + d->tok[i].start;
	size_t		 n = (size_t)(d->tok[i].end - d->tok[i].start);

	if (n < l || (d->tok[i].type != JSMN_STRING &&
	    d->tok[i].type != JSMN_PRIMITIVE))
		return 0;
	if (n == l)
		return memcmp(p, lit, l) == 0;
	return d->tok[i].type == JSMN_STRING && memchr(p, '\\', n) != NULL &&
	    json_eq(d, i, lit);
}

int
json_get(const struct json_doc *d, int o, const char *key)
{
	size_t	 l = strlen(key);
	int	 k, plain = memchr(key, '\\', l) == NULL;

	if (d->tok[o].type != JSMN_OBJECT)
		return -1;
	for (k = json_child(d, o); k != -1; k = json_sibling(d, k))
		if (plain ? key_eq(d, k, key, l) : json_eq(d, k, key))
			return k + 1;
	return -1;
}

int
json_isnull(const struct json_doc *d, int i)
{

	return d->tok[i].type == JSMN_PRIMITIVE && d->s[d->tok[i].start] == 'n';
}

const char *
json_typename(const struct json_doc *d, int i)
{

	switch (d->tok[i].type) {
	case JSMN_OBJECT:
		return "an object";
	case JSMN_ARRAY:
		return "an array";
	case JSMN_STRING:
		return "a string";
	default:
		break;
	}
	switch (d->s[d->tok[i].start]) {
	case 't':
		return "true";
	case 'f':
		return "false";
	case 'n':
		return "null";
	default:
		return "a number";
	}
}
