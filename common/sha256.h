/*
 * sha256.c: SHA-256 (FIPS 180-4), for the keys of --unique and --seen:
 * a report's key can be megabytes (a failure report's parts) and is
 * chosen by whoever sent the report, so it is kept as a hash that
 * nobody can make collide on purpose.
 */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t	 h[8];
	unsigned char	 block[64];
	size_t		 used;		/* bytes in block */
	uint64_t	 total;		/* bytes hashed */
};

void	 sha256_init(struct sha256 *);
void	 sha256_add(struct sha256 *, const void *, size_t);
/* The 32-byte digest; s must be initialised again before reuse. */
void	 sha256_end(struct sha256 *, unsigned char out[32]);

#endif
