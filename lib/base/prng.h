/* base/prng.h: a small seeded PRNG (xoshiro256**, seeded by splitmix64). */
#ifndef PRNG_H
#define PRNG_H

#include <stddef.h>
#include <stdint.h>

struct prng {
	uint64_t s[4];
};

/* Seed from a 64-bit value; streams keyed by (seed, a, b) are independent. */
void prng_seed(struct prng *r, uint64_t seed);
void prng_seed3(struct prng *r, uint64_t seed, uint64_t a, uint64_t b);
uint64_t prng_next(struct prng *r);
/* Uniform in [0, n), n > 0, without modulo bias. */
uint64_t prng_below(struct prng *r, uint64_t n);
/* Uniform double in [0, 1). */
double prng_unit(struct prng *r);
/* Fill buf with n pseudo-random bytes. */
void prng_fill(struct prng *r, void *buf, size_t n);

#endif
