/*
 * unique.c: a set of 128-bit key hashes, open addressing.
 */
#include <stdlib.h>

#include "sha256.h"
#include "unique.h"

void
unique_key(const char *key, size_t n, struct ukey *k)
{
	struct sha256	 s;
	unsigned char	 d[32];
	int		 i;

	sha256_init(&s);
	sha256_add(&s, key, n);
	sha256_end(&s, d);
	k->hi = k->lo = 0;
	for (i = 0; i < 8; i++) {
		k->hi = k->hi << 8 | d[i];
		k->lo = k->lo << 8 | d[8 + i];
	}
	if (k->hi == 0 && k->lo == 0)
		k->lo = 1;	/* {0, 0} is a free slot */
}

void
unique_hex(const struct ukey *k, char out[32])
{
	static const char hex[] = "0123456789abcdef";
	int	 i;

	for (i = 0; i < 16; i++) {
		out[i] = hex[(k->hi >> (60 - 4 * i)) & 15];
		out[16 + i] = hex[(k->lo >> (60 - 4 * i)) & 15];
	}
}

int
unique_unhex(const char *s, struct ukey *k)
{
	uint64_t v[2] = { 0, 0 };
	int	 i, d;

	for (i = 0; i < 32; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else
			return -1;
		v[i / 16] = v[i / 16] << 4 | (uint64_t)d;
	}
	k->hi = v[0];
	k->lo = v[1];
	if (k->hi == 0 && k->lo == 0)
		k->lo = 1;
	return 0;
}

static size_t
slot(const struct unique *u, const struct ukey *k)
{
	size_t	 j;

	for (j = (size_t)k->lo & (u->cap - 1); u->tab[j].hi || u->tab[j].lo;
	    j = (j + 1) & (u->cap - 1))
		if (u->tab[j].hi == k->hi && u->tab[j].lo == k->lo)
			break;
	return j;
}

static int
grow(struct unique *u)
{
	struct unique	 nu = { NULL, u->cap ? u->cap * 2 : 1024, 0 };
	size_t		 i;

	if ((nu.tab = calloc(nu.cap, sizeof(*nu.tab))) == NULL)
		return -1;
	for (i = 0; i < u->cap; i++)
		if (u->tab[i].hi || u->tab[i].lo)
			nu.tab[slot(&nu, &u->tab[i])] = u->tab[i];
	nu.n = u->n;
	free(u->tab);
	*u = nu;
	return 0;
}

int
unique_has(const struct unique *u, const struct ukey *k)
{
	size_t	 j;

	if (u->cap == 0)
		return 0;
	j = slot(u, k);
	return u->tab[j].hi != 0 || u->tab[j].lo != 0;
}

int
unique_add(struct unique *u, const struct ukey *k)
{
	size_t	 j;

	if ((u->n + 1) * 2 > u->cap && grow(u) == -1)
		return -1;
	j = slot(u, k);
	if (u->tab[j].hi == 0 && u->tab[j].lo == 0) {
		u->tab[j] = *k;
		u->n++;
	}
	return 0;
}

void
unique_free(struct unique *u)
{

	free(u->tab);
	u->tab = NULL;
	u->cap = u->n = 0;
}
