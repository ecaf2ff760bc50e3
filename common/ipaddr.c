/*
 * ipaddr.c: canonical IP address text (RFC 5952 for IPv6).
 *
 * inet_pton reads the address; the text is written here rather than by
 * inet_ntop, whose sprintf per group was a tenth of the time of a big
 * report.  The output is the one glibc's inet_ntop gives, byte for
 * byte: lower-case hex without leading zeros, the longest run of two
 * or more zero groups (the first of equals) as "::", and the IPv4
 * forms ::a.b.c.d and ::ffff:a.b.c.d (RFC 4291 2.5.5).
 */
#include <arpa/inet.h>
#include <string.h>

#include "ipaddr.h"
#include "text.h"

/*
 * Whether s[0..n) is already a canonical dotted quad: four decimal
 * numbers up to 255 without leading zeros.  Such text is its own
 * canonical form, and most reports hold nothing else.
 */
static int
canonical_v4(const char *s, size_t n)
{
	size_t	 i = 0, start;
	int	 parts, v;

	for (parts = 0; parts < 4; parts++) {
		if (parts > 0 && (i >= n || s[i++] != '.'))
			return 0;
		start = i;
		for (v = 0; i < n && s[i] >= '0' && s[i] <= '9' && i - start < 3;
		    i++)
			v = v * 10 + (s[i] - '0');
		if (i == start || v > 255 || (s[start] == '0' && i - start > 1))
			return 0;
	}
	return i == n;
}

/* a.b.c.d at out; the length. */
static size_t
put_v4(const unsigned char *a, char *out)
{
	size_t	 o = 0;
	int	 i;

	for (i = 0; i < 4; i++) {
		if (i > 0)
			out[o++] = '.';
		if (a[i] >= 100)
			out[o++] = (char)('0' + a[i] / 100);
		if (a[i] >= 10)
			out[o++] = (char)('0' + a[i] / 10 % 10);
		out[o++] = (char)('0' + a[i] % 10);
	}
	out[o] = '\0';
	return o;
}

/* The 16 bytes of an IPv6 address as RFC 5952 text at out. */
static void
put_v6(const unsigned char *a, char *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned w[8];
	int	 i, best = -1, blen = 0, cur = -1, clen = 0, sh;
	size_t	 o = 0;

	for (i = 0; i < 8; i++) {
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
		if (w[i] == 0) {
			if (cur == -1)
				cur = i, clen = 0;
			if (++clen > blen)
				best = cur, blen = clen;
		} else
			cur = -1;
	}
	if (blen < 2)
		best = -1;
	for (i = 0; i < 8; i++) {
		if (best != -1 && i >= best && i < best + blen) {
			if (i == best)
				out[o++] = ':';
			continue;
		}
		if (i != 0)
			out[o++] = ':';
		if (i == 6 && best == 0 && (blen == 6 ||
		    (blen == 5 && w[5] == 0xffff))) {
			o += put_v4(a + 12, out + o);
			return;
		}
		for (sh = 12; sh > 0 && (w[i] >> sh) == 0; sh -= 4)
			;
		for (; sh >= 0; sh -= 4)
			out[o++] = hex[w[i] >> sh & 15];
	}
	if (best != -1 && best + blen == 8)
		out[o++] = ':';
	out[o] = '\0';
}

int
ip_canon(const char *s, size_t n, char *out)
{
	unsigned char	 a[16];
	char		 tmp[IP_CANON_SIZE];

	trim(&s, &n);
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	if (canonical_v4(s, n)) {
		memcpy(out, s, n);
		out[n] = '\0';
		return 0;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, a) == 1) {
		put_v4(a, out);
		return 0;
	}
	/* RFC 3986 allows the bracketed form. */
	if (n > 2 && tmp[0] == '[' && tmp[n - 1] == ']') {
		tmp[n - 1] = '\0';
		memmove(tmp, tmp + 1, n - 1);
	}
	if (inet_pton(AF_INET6, tmp, a) == 1) {
		put_v6(a, out);
		return 0;
	}
	return -1;
}
