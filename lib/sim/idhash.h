/* sim/idhash.h: object ids to 64-bit keys. */
#ifndef IDHASH_H
#define IDHASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/mix64.h"

/*
 * The key of an id of n bytes at s. A decimal number without leading
 * zeros that fits in 64 bits is keyed as that number, mix64(n), the same
 * key as the number in a binary trace or a generated one; any other
 * string is hashed (64 bits: two distinct ids share a key with
 * probability about m^2 / 2^65 for m distinct ids).
 */
static inline uint64_t
idkey(const char *s, size_t n)
{
	uint64_t h, v;
	size_t i;

	if (n > 0 && n <= 20 && (s[0] != '0' || n == 1)) {
		for (v = 0, i = 0; i < n; i++) {
			unsigned d = (unsigned char)s[i] - '0';

			if (d > 9 || (i == 19 && v > (UINT64_MAX - d) / 10))
				break;	/* 19 digits cannot overflow */
			v = v * 10 + d;
		}
		if (i == n)
			return mix64(v);
	}
	h = 0x243f6a8885a308d3ULL ^ (n * 0x9e3779b97f4a7c15ULL);
	for (; n >= 8; n -= 8, s += 8) {
		memcpy(&v, s, 8);
		h = (h ^ mix64(v)) * 0x9fb21c651e98df25ULL;
		h ^= h >> 29;
	}
	if (n) {
		v = 0;
		memcpy(&v, s, n);
		h = (h ^ mix64(v ^ 0x5851f42d4c957f2dULL)) * 0x9fb21c651e98df25ULL;
	}
	return mix64(h);
}

#endif
