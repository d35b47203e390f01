/*
 * sim/ring.h: a queue of table rows (objtab.h) in a circular array: push at
 * the head, take the oldest at the tail, remove anywhere. A row in the
 * queue keeps its entry's position (ot_pos, in the queue's column) and the
 * queue's number in the low bits of its state (OT_QUEUE); an entry whose
 * row says otherwise is stale, left by a removal, and skipped. So removal
 * touches nothing but the row, and moving a row to the head is a removal
 * and a push. When the array is full it is compacted, or doubled if more
 * than a quarter of it is live. Unlike a linked list, the rows next in line
 * are known in advance: take() prefetches them, so the evictions of a
 * large cache do not wait on memory one after the other.
 */
#ifndef RING_H
#define RING_H

#include <stdint.h>
#include <stdio.h>

#include "base/util.h"
#include "sim/objtab.h"

struct ring {
	uint32_t *e;		/* entries: rows, maybe stale */
	uint32_t mask;		/* slots - 1 */
	uint32_t head, tail;	/* free-running positions: next push, oldest */
	uint32_t count;		/* rows in the queue */
	uint64_t size;		/* their units */
	uint16_t q;		/* the queue's number, 1..OT_QUEUE */
	int stale;		/* it may have stale entries */
};

enum { RING_AHEAD = 8 };	/* rows prefetched ahead of the tail */

/* A queue numbered q: its rows have states with q in their low bits. */
void ring_init(struct ring *r, uint16_t q);
void ring_free(struct ring *r);
/* A full ring: compact it, or double it. */
void ring_make_room(struct ring *r, const struct objtab *t, unsigned col);
/*
 * Print the queue's rows, newest first: their keys ("name: 3 2 1"), their
 * counters, states / per ("name: 0 1 0"), or both ("name: 3/0 2/1 1/0").
 */
enum { RING_KEY = 1, RING_COUNT = 2, RING_KEY_COUNT = 3 };
void ring_dump(FILE *f, const char *name, const struct ring *r, const struct objtab *t,
    unsigned col, int show, unsigned per);

/* Whether the entry at position p is a row of the queue. */
static inline int
ring_live(const struct ring *r, const struct objtab *t, unsigned col, uint32_t p)
{
	uint32_t i = r->e[p & r->mask];

	return (ot_st(t, i)[col] & OT_QUEUE) == r->q && ot_pos(t, i)[col] == p;
}

/* Append row i, whose state (queue r) and units in column col are set. */
static inline void
ring_push(struct ring *r, const struct objtab *t, unsigned col, uint32_t i)
{
	if (r->head - r->tail > r->mask)
		ring_make_room(r, t, col);
	r->e[r->head & r->mask] = i;
	ot_pos(t, i)[col] = r->head++;
	r->count++;
	r->size += ot_units(t, i, col);
}

/* The position of the oldest row (the queue is not empty). */
static inline uint32_t
ring_first(struct ring *r, const struct objtab *t, unsigned col)
{
	if (r->stale)
		while (!ring_live(r, t, col, r->tail))
			if (++r->tail == r->head)
				eprintf("internal error: a queue lost its rows");
	return r->tail;
}

/* Remove and return the oldest row (the queue is not empty). */
static inline uint32_t
ring_take(struct ring *r, const struct objtab *t, unsigned col)
{
	uint32_t i = r->e[ring_first(r, t, col) & r->mask];

	r->tail++;
	if (r->head - r->tail > RING_AHEAD)
		__builtin_prefetch(ot_row(t, r->e[(r->tail + RING_AHEAD) & r->mask]));
	r->count--;
	r->size -= ot_units(t, i, col);
	return i;
}

/* Remove row i, which is in the queue; its entry goes stale. */
static inline void
ring_remove(struct ring *r, const struct objtab *t, unsigned col, uint32_t i)
{
	uint32_t *p = &ot_pos(t, i)[col];

	if (*p + 1 == r->head)
		r->head = *p;
	else
		r->stale = 1;
	*p = r->tail - 1;
	r->count--;
	r->size -= ot_units(t, i, col);
}

/* Whether row i, in the queue, is its newest. */
static inline int
ring_newest(const struct ring *r, const struct objtab *t, unsigned col, uint32_t i)
{
	return ot_pos(t, i)[col] + 1 == r->head;
}

#endif
