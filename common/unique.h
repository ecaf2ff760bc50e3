/*
 * unique.c: the set of report keys written so far (--unique, --seen).
 *
 * A key is kept as the first 128 bits of its SHA-256 (16 bytes a
 * report): two different keys share one with a chance of about
 * n*n / 2^129 for n reports (below 10^-26 for a million), and nobody
 * can make two keys share one on purpose.
 */
#ifndef UNIQUE_H
#define UNIQUE_H

#include <stddef.h>
#include <stdint.h>

struct ukey {
	uint64_t	 hi, lo;	/* never both 0 */
};

struct unique {
	struct ukey	*tab;	/* open addressing; {0, 0} marks a free slot */
	size_t		 cap;
	size_t		 n;
};

/* The hash of key[0..n). */
void	 unique_key(const char *key, size_t n, struct ukey *);
/* The hash as it is written in a --seen FILE: 32 lowercase hex digits
 * (no NUL); from it: 0, or -1 if s is not that. */
void	 unique_hex(const struct ukey *, char out[32]);
int	 unique_unhex(const char *s, struct ukey *);
/* 1 if k is in the set, else 0. */
int	 unique_has(const struct unique *, const struct ukey *);
/* Add k: 0 (also when it was there), -1 out of memory. */
int	 unique_add(struct unique *, const struct ukey *);
void	 unique_free(struct unique *);

#endif
