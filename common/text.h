/*
 * text.c: small helpers on byte strings that are not NUL-terminated.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>

/* c is white space as mail (RFC 5322 WSP, and the CR LF of a fold),
 * JSON (RFC 8259 section 2) and XML (the S of XML 1.0) know it: space,
 * tab, CR, LF. */
static inline int
is_ws(int c)
{

	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Move *s and *n past leading and trailing white space: is_ws, form
 * feed and vertical tab (isspace(3) in the C locale). */
void	 trim(const char **s, size_t *n);
/* Lowercase ASCII letters in place. */
void	 lower(char *, size_t);
/* A decimal integer, optional sign, surrounding whitespace allowed,
 * no overflow.  0 on success, -1 otherwise. */
int	 parse_int(const char *, size_t, long long *);
/* The value of hex digit c, or -1. */
int	 hexdigit(int c);
/* Case-insensitive ASCII compare of s[0..n) with t[0..tn), or with
 * the NUL-terminated lit. */
int	 eqin(const char *s, size_t n, const char *t, size_t tn);
int	 eqi(const char *s, size_t n, const char *lit);
/* s[0..n) ends with lit, ASCII case-insensitively. */
int	 endsi(const char *s, size_t n, const char *lit);

/* s[0..n) made safe to quote in a message: printable ASCII kept,
 * every other byte '?', cut with "..." to fit sz bytes.  Returns out. */
#define SNIPPET_SIZE	64
const char *snippet(char *out, size_t sz, const char *s, size_t n);

#endif
