/*
 * ring.h: a queue of table rows (objtab.h) in a circular array: push at
 * the head, take the oldest at the tail, remove anywhere. A removed entry
 * leaves a hole that take() skips; when the array is full it is compacted,
 * or doubled if more than half of it is live. A row keeps its entry's
 * position (ot_pos, in the queue's column), so removal is O(1); moving a
 * row to the head is a removal and a push. Unlike a linked list, the rows
 * next in line are known in advance: take() prefetches them, so evictions
 * of a large cache do not wait on memory one after the other.
 */
#ifndef RING_H
#define RING_H

#include <stdint.h>
#include <stdio.h>

#include "objtab.h"

#define RING_HOLE UINT32_MAX

struct ring {
	uint32_t *e;		/* entries: rows, or RING_HOLE */
	uint32_t mask;		/* slots - 1 */
	uint32_t head, tail;	/* free-running positions: next push, oldest */
	uint32_t count;		/* rows in the queue */
	uint64_t size;		/* their units */
};

enum { RING_AHEAD = 8 };	/* rows prefetched ahead of the tail */

void ring_init(struct ring *r);
void ring_free(struct ring *r);
/* A full ring: compact it, or double it. */
void ring_make_room(struct ring *r, const struct objtab *t, unsigned col);
/* Print the queue's keys, newest first ("name: k k k"). */
void ring_dump(FILE *f, const char *name, const struct ring *r, const struct objtab *t);

/* Append row i, whose units in column col are already set. */
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
ring_first(struct ring *r)
{
	while (r->e[r->tail & r->mask] == RING_HOLE)
		r->tail++;
	return r->tail;
}

/* Remove and return the oldest row (the queue is not empty). */
static inline uint32_t
ring_take(struct ring *r, const struct objtab *t, unsigned col)
{
	uint32_t i = r->e[ring_first(r) & r->mask], ahead;

	r->tail++;
	if (r->head - r->tail > RING_AHEAD &&
	    (ahead = r->e[(r->tail + RING_AHEAD) & r->mask]) != RING_HOLE)
		__builtin_prefetch(ot_row(t, ahead));
	__builtin_prefetch(&r->e[(r->tail + 4 * RING_AHEAD) & r->mask]);
	r->count--;
	r->size -= ot_units(t, i, col);
	return i;
}

/* Remove row i, which is in the queue. */
static inline void
ring_remove(struct ring *r, const struct objtab *t, unsigned col, uint32_t i)
{
	uint32_t p = ot_pos(t, i)[col];

	if (p + 1 == r->head)
		r->head = p;
	else
		r->e[p & r->mask] = RING_HOLE;
	r->count--;
	r->size -= ot_units(t, i, col);
}

/* The newest row, or RING_HOLE. */
static inline uint32_t
ring_newest(const struct ring *r)
{
	return r->head != r->tail ? r->e[(r->head - 1) & r->mask] : RING_HOLE;
}

#endif
