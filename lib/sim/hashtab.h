/* sim/hashtab.h: open-addressing hash table from 64-bit keys to 32-bit indexes. */
#ifndef HASHTAB_H
#define HASHTAB_H

#include <stddef.h>
#include <stdint.h>

#define HT_NONE UINT32_MAX

/*
 * Linear probing with backward-shift deletion (no tombstones), at most half
 * full. A slot is one 64-bit word: the top 32 bits of the key's hash (its
 * tag, which also gives the home slot) and a 32-bit value, an index into an
 * array the caller owns. The table does not store keys: the caller's array
 * does, at keys[value * stride], and a tag match is confirmed there.
 */
struct htab {
	uint64_t *slot;
	uint32_t mask;		/* nslots - 1 */
	unsigned shift;		/* 32 - log2(nslots) */
	uint32_t n;		/* entries */
};

void ht_init(struct htab *t, size_t expect);
void ht_free(struct htab *t);
/* Insert key (absent) with value v. */
void ht_insert(struct htab *t, uint64_t key, uint32_t v);
/* Remove the entry of key whose value is v (present). */
void ht_delete(struct htab *t, uint64_t key, uint32_t v);

static inline uint64_t
ht_hash(uint64_t key)
{
	return key * 0x9e3779b97f4a7c15ULL;	/* a bijection: tags spread keys */
}

/* The value stored for key, or HT_NONE. */
static inline uint32_t
ht_find(const struct htab *t, uint64_t key, const uint64_t *keys, size_t stride)
{
	uint32_t tag = ht_hash(key) >> 32;
	uint32_t i = tag >> t->shift;

	for (;;) {
		uint64_t s = t->slot[i];
		uint32_t v = (uint32_t)s;

		if (v == HT_NONE)
			return HT_NONE;
		if ((uint32_t)(s >> 32) == tag && keys[(size_t)v * stride] == key)
			return v;
		i = (i + 1) & t->mask;
	}
}

static inline void
ht_prefetch(const struct htab *t, uint64_t key)
{
	__builtin_prefetch(&t->slot[(uint32_t)(ht_hash(key) >> 32) >> t->shift]);
}

/* The value at key's home slot (HT_NONE if empty): key's own value, most often. */
static inline uint32_t
ht_peek(const struct htab *t, uint64_t key)
{
	return (uint32_t)t->slot[(uint32_t)(ht_hash(key) >> 32) >> t->shift];
}

#endif
