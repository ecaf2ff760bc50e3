/*
 * jsonnav.c: finding one's way in a document that json_parse accepted
 * (json.h): children, siblings, members by key, what a token is.
 */
#ifndef JSONNAV_H
#define JSONNAV_H

#include "json.h"

/* First child of container i (a key for an object), or -1. */
int	 json_child(const struct json_doc *, int i);
/* The child after c in the same container, or -1.  O(1). */
int	 json_sibling(const struct json_doc *, int c);
/* The value of key in object o, or -1 if there is none. */
int	 json_get(const struct json_doc *, int o, const char *key);
/* The same for the key key[0..n), which need not end with a NUL. */
int	 json_getn(const struct json_doc *, int o, const char *key, size_t n);
/* Token i, unescaped if a string, is exactly lit. */
int	 json_eq(const struct json_doc *, int i, const char *lit);
int	 json_isnull(const struct json_doc *, int i);
/* "an object", "an array", "a string", "a number", "true"... */
const char *json_typename(const struct json_doc *, int i);

#endif
