/*
 * ipaddr.c: the canonical text form of an IP address (SCHEMA.md 3):
 * IPv4 dotted quad, IPv6 as inet_ntop writes it (RFC 5952).
 */
#ifndef IPADDR_H
#define IPADDR_H

#include <stddef.h>

/* The address s[0..n) (surrounding whitespace allowed) in canonical
 * form at out, which needs IP_CANON_SIZE bytes.  0 on success, -1 if
 * s is not an address. */
#define IP_CANON_SIZE	48
int	 ip_canon(const char *s, size_t n, char *out);

#endif
