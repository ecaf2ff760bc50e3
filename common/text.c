/*
 * text.c: trimming, lowercasing, integers.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "text.h"

/* White space as isspace(3) knows it in the C locale: is_ws, and form
 * feed and vertical tab too. */
static int
is_cspace(int c)
{

	return is_ws(c) || c == '\f' || c == '\v';
}

void
trim(const char **s, size_t *n)
{

	while (*n > 0 && is_cspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n > 0 && is_cspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

void
lower(char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] += 'a' - 'A';
}

int
parse_int(const char *s, size_t n, long long *v)
{
	unsigned long long acc = 0, lim = LLONG_MAX;
	int	 neg = 0;
	size_t	 i = 0;

	trim(&s, &n);
	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
		if (neg)
			lim = (unsigned long long)LLONG_MAX + 1;
	}
	if (i == n)
		return -1;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (acc > (lim - (unsigned)(s[i] - '0')) / 10)
			return -1;
		acc = acc * 10 + (unsigned)(s[i] - '0');
	}
	if (neg)
		*v = acc == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN :
		    -(long long)acc;
	else
		*v = (long long)acc;
	return 0;
}

int
hexdigit(int c)
{

	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
eqin(const char *s, size_t n, const char *t, size_t tn)
{
	size_t	 i;

	if (n != tn)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)t[i];
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (a != b)
			return 0;
	}
	return 1;
}

int
eqi(const char *s, size_t n, const char *lit)
{

	return eqin(s, n, lit, strlen(lit));
}

int
endsi(const char *s, size_t n, const char *lit)
{
	size_t	 l = strlen(lit);

	return n >= l && eqi(s + n - l, l, lit);
}

const char *
snippet(char *out, size_t sz, const char *s, size_t n)
{
	size_t	 i, max = sz > 4 ? sz - 4 : 0;

	for (i = 0; i < n && i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		out[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	if (i < n) {
		memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
	return out;
}
