/* Unit tests: the HAMT shard's hash (murmur3-x64-64) and link names. */
#include <string.h>

#include "tap.h"
#include "unixfs/hamt.h"

static uint64_t
h(const char *s)
{
	return hamt_hash(s, strlen(s));
}

int
main(void)
{
	char p[8];

	/* the first half of MurmurHash3 x64 128, seed 0, as the
	 * @multiformats/murmur3 of js-ipfs gives it (its first 8 bytes are h1
	 * little-endian): empty, a tail alone, one whole block, a block and a
	 * tail of one byte, a block and a tail of 15 */
	CHECK("murmur3: the empty name hashes to 0", h("") == 0);
	CHECK("murmur3: 'a'", h("a") == 0x85555565f6597889ULL);
	CHECK("murmur3: 'hello'", h("hello") == 0xcbd8a7b341bd9b02ULL);
	CHECK("murmur3: 16 bytes, one block", h("0123456789abcdef") == 0x4be06d94cf4ad1a7ULL);
	CHECK("murmur3: 17 bytes, a block and one", h("0123456789abcdefX") == 0xcdebd2acb570d6f7ULL);
	CHECK("murmur3: 31 bytes, a block and 15", h("a longer name of 31 bytes here.") == 0x9c64ca63efd6373cULL);

	/* the index: the top bits first, as js-ipfs names its links (a shard
	 * of h1 and h2 links them as 17h1 and B2h2; f323 shares h1's 17) */
	CHECK("index: h1 at the root of 256 is 0x17", hamt_index(h("h1"), 256, 0) == 0x17);
	CHECK("index: h2 at the root of 256 is 0xB2", hamt_index(h("h2"), 256, 0) == 0xb2);
	CHECK("index: f323 at the root of 256 is 0x17 too", hamt_index(h("f323"), 256, 0) == 0x17);
	CHECK("index: h1 at depth 1 is its second byte, 0xB0", hamt_index(h("h1"), 256, 1) == 0xb0);
	CHECK("index: depth 7 is the last byte, 8 none left",
	    hamt_index(h("h1"), 256, 7) == 0x92 && hamt_index(h("h1"), 256, 8) == -1);
	CHECK("index: fanout 16 takes 4 bits (0x1, then 0x7)",
	    hamt_index(h("h1"), 16, 0) == 1 && hamt_index(h("h1"), 16, 1) == 7);
	CHECK("index: a fanout not a power of two is none", hamt_index(h("h1"), 100, 0) == -1);

	CHECK("prefix: 256 -> two upper-case digits", hamt_prefix(p, 256, 0xb2) == 2 && !strcmp(p, "B2"));
	CHECK("prefix: 256, a small index padded", hamt_prefix(p, 256, 7) == 2 && !strcmp(p, "07"));
	CHECK("prefix: 16 -> one digit", hamt_prefix(p, 16, 10) == 1 && !strcmp(p, "A"));
	CHECK("prefix: 4096 -> three", hamt_prefix(p, 4096, 0x2a) == 3 && !strcmp(p, "02A"));
	CHECK("prefix: a bad fanout -> 0", hamt_prefix(p, 300, 1) == 0);
	CHECK("fanout: 2 to 2^16, powers of two",
	    hamt_fanout_ok(2) && hamt_fanout_ok(65536) && !hamt_fanout_ok(1) && !hamt_fanout_ok(131072) &&
	    !hamt_fanout_ok(0) && !hamt_fanout_ok(96));
	TAP_DONE();
}
