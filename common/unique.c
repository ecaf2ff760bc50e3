/*
 * unique.c: a set of 64-bit key hashes.
 */
#include <stdlib.h>

#include "unique.h"

static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a ... */
	size_t	 i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	/* ... then a 64-bit finaliser, so the low bits are mixed too. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h ? h : 1;
}

static int
grow(struct unique *u)
{
	uint64_t *old = u->tab, *nt;
	size_t	 oc = u->cap, nc = oc ? oc * 2 : 1024, i, j;

	if ((nt = calloc(nc, sizeof(*nt))) == NULL)
		return -1;
	for (i = 0; i < oc; i++) {
		if (old[i] == 0)
			continue;
		for (j = old[i] & (nc - 1); nt[j]; j = (j + 1) & (nc - 1))
			;
		nt[j] = old[i];
	}
	free(old);
	u->tab = nt;
	u->cap = nc;
	return 0;
}

int
unique_has(const struct unique *u, const char *key, size_t n)
{
	uint64_t h = hash(key, n);
	size_t	 j;

	if (u->cap == 0)
		return 0;
	for (j = h & (u->cap - 1); u->tab[j]; j = (j + 1) & (u->cap - 1))
		if (u->tab[j] == h)
			return 1;
	return 0;
}

int
unique_seen(struct unique *u, const char *key, size_t n)
{
	uint64_t h = hash(key, n);
	size_t	 j;

	if ((u->n + 1) * 2 > u->cap && grow(u) == -1)
		return -1;
	for (j = h & (u->cap - 1); u->tab[j]; j = (j + 1) & (u->cap - 1))
		if (u->tab[j] == h)
			return 1;
	u->tab[j] = h;
	u->n++;
	return 0;
}

void
unique_free(struct unique *u)
{

	free(u->tab);
	u->tab = NULL;
	u->cap = u->n = 0;
}
