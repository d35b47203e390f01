/* base/prng.c: xoshiro256** (Blackman & Vigna), seeded through splitmix64. */
#include <string.h>

#include "base/prng.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void
prng_seed(struct prng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

void
prng_seed3(struct prng *r, uint64_t seed, uint64_t a, uint64_t b)
{
	uint64_t x = seed;

	x = splitmix64(&x) ^ a;
	x = splitmix64(&x) ^ b;
	prng_seed(r, x);
}

uint64_t
prng_next(struct prng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t
prng_below(struct prng *r, uint64_t n)
{
	uint64_t x, lim = -n % n;	/* 2^64 mod n */

	do
		x = prng_next(r);
	while (x < lim);
	return x % n;
}

double
prng_unit(struct prng *r)
{
	return (prng_next(r) >> 11) * 0x1.0p-53;
}

void
prng_fill(struct prng *r, void *buf, size_t n)
{
	unsigned char *p = buf;
	uint64_t x;

	for (; n >= 8; n -= 8, p += 8) {
		x = prng_next(r);
		memcpy(p, &x, 8);
	}
	if (n) {
		x = prng_next(r);
		memcpy(p, &x, n);
	}
}
