/*
 * ipaddr.c: canonical IP address text (RFC 5952 for IPv6).
 */
#include <arpa/inet.h>
#include <string.h>

#include "ipaddr.h"
#include "text.h"

int
ip_canon(const char *s, size_t n, char *out)
{
	unsigned char	 a[16];
	char		 tmp[IP_CANON_SIZE];

	trim(&s, &n);
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, a) == 1)
		return inet_ntop(AF_INET, a, out, IP_CANON_SIZE) ? 0 : -1;
	/* RFC 3986 allows the bracketed form. */
	if (n > 2 && tmp[0] == '[' && tmp[n - 1] == ']') {
		tmp[n - 1] = '\0';
		memmove(tmp, tmp + 1, n - 1);
	}
	if (inet_pton(AF_INET6, tmp, a) == 1)
		return inet_ntop(AF_INET6, a, out, IP_CANON_SIZE) ? 0 : -1;
	return -1;
}
