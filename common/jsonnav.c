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

/* json_eq for lit[0..l). */
static int
eq_n(const struct json_doc *d, int i, const char *lit, size_t l)
{
	const char	*p = d->s + d->tok[i].start;
	size_t		 n = (size_t)(d->tok[i].end - d->tok[i].start);
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

int
json_eq(const struct json_doc *d, int i, const char *lit)
{

	return eq_n(d, i, lit, strlen(lit));
}

/*
 * json_eq for lit[0..l), quick for keys written without an escape: an
 * escape makes a key shorter unescaped, so a key of l bytes is equal
 * only as written and only without one (lit has a backslash exactly
 * when such a key has one), and a shorter key never.  Only a longer
 * key with an escape is compared unescaped (rare, with a copy).  In a
 * plain document (json.h) there is no escape to look for.
 */
static int
key_eq(const struct json_doc *d, int i, const char *lit, size_t l)
{
	const char	*p = d->s + d->tok[i].start;
	size_t		 n = (size_t)(d->tok[i].end - d->tok[i].start);
	int		 str = d->tok[i].type == JSMN_STRING;

	if (n < l || (!str && d->tok[i].type != JSMN_PRIMITIVE))
		return 0;
	if (n == l)
		return memcmp(p, lit, l) == 0 && (!str || d->plain ||
		    memchr(p, '\\', n) == NULL);
	return str && !d->plain && memchr(p, '\\', n) != NULL &&
	    eq_n(d, i, lit, l);
}

int
json_get(const struct json_doc *d, int o, const char *key)
{

	return json_getn(d, o, key, strlen(key));
}

int
json_getn(const struct json_doc *d, int o, const char *key, size_t l)
{
	int	 k, m;

	if (d->tok[o].type != JSMN_OBJECT)
		return -1;
	/* key by key, as json_sibling goes, without its checks: the
	 * object's size counts them, and next[] of a value is the key
	 * after it */
	for (m = 0, k = o + 1; m < d->tok[o].size && k + 1 < d->ntok;
	    m++, k = d->next[k + 1])
		if (key_eq(d, k, key, l))
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
