/* base/mix64.h: MurmurHash3's 64-bit finalizer, a bijection on words. */
#ifndef BASE_MIX64_H
#define BASE_MIX64_H

#include <stdint.h>

/* fmix64 of MurmurHash3: every input bit reaches every output bit. */
static inline uint64_t
mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

#endif
