/*
 * sim/objtab.h: the objects of caches simulated together, one row each.
 *
 * Every cache owns a column of the table. A row holds the object's key and,
 * per column: a 16-bit state (0: the cache does not hold the object; else
 * the number of the cache's queue that holds it in the low bits OT_QUEUE,
 * OT_GHOST for a key remembered without its data, and the policy's own
 * bits), the position of its entry in that queue (ring.h),
 * and, in a table counting bytes, the size the cache admitted it at. A row
 * lives while a column holds it or a request pins it. So a request costs
 * one hash probe whatever the number of caches, and one that hits in all
 * of them touches one row: with 8 columns a row is 64 bytes, one cache
 * line, when objects are counted. Rows let go are unindexed in bulk by
 * ot_reap(), their hash slots prefetched together rather than each waited
 * for in turn.
 */
#ifndef OBJTAB_H
#define OBJTAB_H

#include <stddef.h>
#include <stdint.h>

#include "sim/hashtab.h"

#define OT_NONE HT_NONE
#define OT_GHOST 0x8000		/* state bit: a ghost, not resident */
#define OT_QUEUE 0x000f		/* state bits: which of its cache's queues */

struct objtab {
	struct htab ht;		/* key -> row */
	unsigned char *rows;	/* cap rows of rowsize bytes, 64-byte aligned */
	size_t rowsize;
	uint32_t n, cap;	/* rows used (live or free), allocated */
	uint32_t free;		/* free rows, linked through pos[0] */
	uint32_t *dying;	/* rows let go, still indexed */
	size_t ndying, dyingcap;
	unsigned ncol;
	int bytes;		/* columns record admitted sizes */
	size_t posoff, unitoff;	/* offsets of pos[] and units[] in a row */
};

/*
 * A row: uint64_t key; uint32_t refs (columns holding it, plus pins);
 * uint16_t st[ncol]; uint32_t pos[ncol];
 * uint64_t units[ncol] (bytes only). A free row links the next in pos[0].
 */
void ot_init(struct objtab *t, unsigned ncol, int bytes);
void ot_free(struct objtab *t);
/* A new row for key, all states 0, pinned. */
uint32_t ot_add(struct objtab *t, uint64_t key);
/* Row i, which no column holds and no request pins, is to be forgotten. */
void ot_drop(struct objtab *t, uint32_t i);
/*
 * Forget the rows dropped since the last call. Until then they are still
 * found by their keys: a caller must not pin rows in between.
 */
void ot_reap(struct objtab *t);

static inline unsigned char *
ot_row(const struct objtab *t, uint32_t i)
{
	return t->rows + (size_t)i * t->rowsize;
}

static inline uint64_t
ot_key(const struct objtab *t, uint32_t i)
{
	return *(const uint64_t *)ot_row(t, i);
}

static inline uint32_t *
ot_refs(const struct objtab *t, uint32_t i)
{
	return (uint32_t *)(ot_row(t, i) + 8);
}

/* The states of row i, one per column. */
static inline uint16_t *
ot_st(const struct objtab *t, uint32_t i)
{
	return (uint16_t *)(ot_row(t, i) + 12);
}

/* The queue positions of row i, one per column. */
static inline uint32_t *
ot_pos(const struct objtab *t, uint32_t i)
{
	return (uint32_t *)(ot_row(t, i) + t->posoff);
}

/* The capacity units row i takes in column col: its size, or 1. */
static inline uint64_t
ot_units(const struct objtab *t, uint32_t i, unsigned col)
{
	return t->bytes ? ((const uint64_t *)(ot_row(t, i) + t->unitoff))[col] : 1;
}

static inline uint32_t
ot_find(const struct objtab *t, uint64_t key)
{
	return t->n ? ht_find(&t->ht, key, (const uint64_t *)t->rows, t->rowsize / 8) : OT_NONE;
}

/* The row of key, made when there is none, pinned. */
static inline uint32_t
ot_pin(struct objtab *t, uint64_t key)
{
	uint32_t i = ot_find(t, key);

	if (i == OT_NONE)
		return ot_add(t, key);
	++*ot_refs(t, i);
	return i;
}

static inline void
ot_unpin(struct objtab *t, uint32_t i)
{
	if (--*ot_refs(t, i) == 0)
		ot_drop(t, i);
}

/* Column col takes row i, usize units, in state st (was 0). */
static inline void
ot_enter(struct objtab *t, uint32_t i, unsigned col, uint16_t st, uint64_t usize)
{
	++*ot_refs(t, i);
	ot_st(t, i)[col] = st;
	if (t->bytes)
		((uint64_t *)(ot_row(t, i) + t->unitoff))[col] = usize;
}

/* A ghost of column col becomes an object of usize units again, in state st. */
static inline void
ot_reenter(struct objtab *t, uint32_t i, unsigned col, uint16_t st, uint64_t usize)
{
	ot_st(t, i)[col] = st;
	if (t->bytes)
		((uint64_t *)(ot_row(t, i) + t->unitoff))[col] = usize;
}

/* Column col lets row i go. */
static inline void
ot_leave(struct objtab *t, uint32_t i, unsigned col)
{
	ot_st(t, i)[col] = 0;
	ot_unpin(t, i);
}

/*
 * Prefetch the row key probably has (the one at its home slot). Always
 * inlined: GCC takes a function that only prefetches for pure, and drops
 * its calls.
 */
static inline __attribute__((always_inline)) void
ot_prefetch(const struct objtab *t, uint64_t key)
{
	uint32_t v = ht_peek(&t->ht, key);

	if (v < t->n)
		__builtin_prefetch(ot_row(t, v));
}

#endif
