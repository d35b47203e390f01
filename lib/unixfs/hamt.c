/* unixfs/hamt.c: the UnixFS HAMT-sharded directory's hash and link names (unixfs/hamt.h). */
#include <stdio.h>
#include <string.h>

#include "unixfs/hamt.h"
#include "base/mix64.h"

static uint64_t
rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}


/* 8 bytes read little-endian (the hash's blocks) */
static uint64_t
le64(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = n; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

uint64_t
hamt_hash(const void *name, size_t n)
{
	const uint64_t c1 = 0x87c37b91114253d5ULL, c2 = 0x4cf5ad432745937fULL;
	const uint8_t *p = name;
	uint64_t h1 = 0, h2 = 0, k1, k2;
	size_t i, nb = n / 16, t = n % 16;

	for (i = 0; i < nb; i++, p += 16) {
		k1 = le64(p, 8) * c1;
		h1 ^= rotl(k1, 31) * c2;
		h1 = (rotl(h1, 27) + h2) * 5 + 0x52dce729;
		k2 = le64(p + 8, 8) * c2;
		h2 ^= rotl(k2, 33) * c1;
		h2 = (rotl(h2, 31) + h1) * 5 + 0x38495ab5;
	}
	/* the tail: bytes 8.. into k2, bytes 0..7 into k1 */
	if (t > 8) {
		k2 = le64(p + 8, t - 8) * c2;
		h2 ^= rotl(k2, 33) * c1;
	}
	if (t > 0) {
		k1 = le64(p, t > 8 ? 8 : t) * c1;
		h1 ^= rotl(k1, 31) * c2;
	}
	h1 ^= n;
	h2 ^= n;
	h1 += h2;
	h2 += h1;
	h1 = mix64(h1);
	h2 = mix64(h2);
	h1 += h2;
	return h1;
}

int
hamt_fanout_ok(uint64_t fanout)
{
	return fanout >= 2 && fanout <= 65536 && !(fanout & (fanout - 1));
}

static unsigned
bits_of(unsigned fanout)
{
	unsigned b = 0;

	while ((1u << b) < fanout)
		b++;
	return b;
}

int
hamt_index(uint64_t h, unsigned fanout, unsigned depth)
{
	unsigned b = bits_of(fanout);

	if (!hamt_fanout_ok(fanout) || (depth + 1) * b > 64)
		return -1;
	return (int)((h >> (64 - (depth + 1) * b)) & (fanout - 1));
}

size_t
hamt_prefix(char out[8], unsigned fanout, unsigned i)
{
	char w[8];
	int width;

	if (!hamt_fanout_ok(fanout))
		return 0;
	width = snprintf(w, sizeof w, "%X", fanout - 1);
	return (size_t)snprintf(out, 8, "%0*X", width, i);
}
