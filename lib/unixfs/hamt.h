/* unixfs/hamt.h: the UnixFS HAMT-sharded directory's hash and link names. */
#ifndef UNIXFS_HAMT_H
#define UNIXFS_HAMT_H

#include <stddef.h>
#include <stdint.h>

/* The only hash function UnixFS shards use (hashType 0x22). */
enum { HAMT_MURMUR3 = 0x22 };

/*
 * The 64-bit hash of a name as a shard uses it: the first half (h1) of
 * MurmurHash3 x64 128 with seed 0, whose bits are read from the most
 * significant down (go-unixfs and js-ipfs both).
 */
uint64_t hamt_hash(const void *name, size_t n);

/*
 * The index, at depth (0 for the root shard), of a name hashed to h in a
 * shard of fanout entries (a power of two from 2 to 2^16): the depth-th
 * group of log2(fanout) bits of h. -1 when h has no bits left at that depth.
 */
int hamt_index(uint64_t h, unsigned fanout, unsigned depth);

/*
 * The link-name prefix of index i in a shard of fanout entries: i in
 * upper-case hex, as wide as fanout - 1 is ("%02X" for 256). A link named
 * the prefix alone is a sub-shard; prefix + name is the entry. Returns its
 * length (at most 4), or 0 for a bad fanout.
 */
size_t hamt_prefix(char out[8], unsigned fanout, unsigned i);

/* 1 when fanout is one a shard may have (a power of two, 2 to 2^16). */
int hamt_fanout_ok(uint64_t fanout);

#endif
