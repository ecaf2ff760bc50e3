/*
 * unique.c: --unique, the set of reports seen in this run.  Only a
 * 64-bit hash of each key is kept (8 bytes a report); two different
 * keys share one with a chance of about n*n / 2^65 for n reports.
 */
#ifndef UNIQUE_H
#define UNIQUE_H

#include <stddef.h>
#include <stdint.h>

struct unique {
	uint64_t	*tab;	/* open addressing; 0 marks a free slot */
	size_t		 cap;
	size_t		 n;
};

/* 1 if key was seen before, 0 if not (it is now), -1 out of memory. */
int	 unique_seen(struct unique *, const char *key, size_t n);
/* 1 if key was seen before, else 0. */
int	 unique_has(const struct unique *, const char *key, size_t n);
void	 unique_free(struct unique *);

#endif
