/*
 * sim/policy_queue.c: the one-queue policies: LRU, FIFO, CLOCK and SIEVE.
 *
 * New objects enter at the head of one queue. LRU moves a hit object to the
 * head and evicts the tail. FIFO ignores hits. CLOCK (FIFO with
 * reinsertion, "second chance") counts hits in an n-bit counter, new
 * objects start at 0; at eviction the tail object with a non-zero counter
 * is decremented and moved to the head, the first with 0 goes. SIEVE
 * (Zhang et al., NSDI 2024) marks hit objects visited; its hand walks from
 * the tail towards the head, clears marks and evicts the first unmarked
 * object, staying where it stopped; new objects enter at the head.
 *
 * An object's state is 1 (its queue) plus MARK times its counter (CLOCK)
 * or its mark (SIEVE). The simulation runs LRU on the recency stack
 * (lrustack.c); this LRU serves caches used one request at a time (tiers)
 * and a size given twice.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "sim/cache.h"
#include "sim/policy.h"
#include "sim/ring.h"
#include "sim/tableset.h"

#define MARK 16		/* a count of CLOCK, SIEVE's mark, in a state */

struct queue {
	struct ring q;
	uint32_t hand;		/* SIEVE: the next candidate, OT_NONE = the tail */
	uint16_t top;		/* the highest state */
};

static int
q_init(struct cache *c, const char *params, char *err, size_t errlen)
{
	struct queue *s = ecalloc(1, sizeof *s);
	char k[32], v[32];
	long bits = 1;

	while (param_next(&params, k, sizeof k, v, sizeof v)) {
		if (c->pol == &policy_clock && !strcmp(k, "bits") &&
		    param_int(v, 1, 8, &bits) == 0)
			continue;
		snprintf(err, errlen, "%s: bad parameter '%s%s%s'%s", c->pol->name, k,
		    *v ? "=" : "", v, c->pol == &policy_clock ? " (clock takes bits=1..8)" :
		    " (it takes none)");
		free(s);
		return -1;
	}
	ring_init(&s->q, 1);
	s->hand = OT_NONE;
	s->top = (uint16_t)(1 + MARK * (c->pol == &policy_sieve ? 1 : (1U << bits) - 1));
	c->p = s;
	return 0;
}

static void
q_fini(struct cache *c)
{
	struct queue *s = c->p;

	ring_free(&s->q);
	free(s);
}

/* Admit row i, missed, at the head once others made room by evict(). */
#define ADMIT(c, s, i, usize, evict) do {				\
	if ((usize) > (c)->cap)						\
		return 0;						\
	while ((c)->used + (usize) > (c)->cap)				\
		evict(c, s);						\
	ot_enter((c)->t, i, (c)->col, 1, usize);			\
	ring_push(&(s)->q, (c)->t, (c)->col, i);			\
	(c)->used += (usize);						\
} while (0)

/* Evict row i, already out of the queue. */
static void
evict_row(struct cache *c, uint32_t i)
{
	c->used -= ot_units(c->t, i, c->col);
	table_evicted(c, i);
	ot_leave(c->t, i, c->col);
}

static void
evict_tail(struct cache *c, struct queue *s)
{
	evict_row(c, ring_take(&s->q, c->t, c->col));
}

TABLE_ACCESS
lru_access(struct cache *c, uint32_t i, uint16_t *st, uint64_t usize)
{
	struct queue *s = c->p;

	if (*st) {
		if (!ring_newest(&s->q, c->t, c->col, i)) {
			ring_remove(&s->q, c->t, c->col, i);
			ring_push(&s->q, c->t, c->col, i);
		}
		return 1;
	}
	ADMIT(c, s, i, usize, evict_tail);
	return 0;
}

TABLE_ACCESS
fifo_access(struct cache *c, uint32_t i, uint16_t *st, uint64_t usize)
{
	struct queue *s = c->p;

	if (*st)
		return 1;
	ADMIT(c, s, i, usize, evict_tail);
	return 0;
}

static void
clock_evict(struct cache *c, struct queue *s)
{
	uint32_t i;

	while (ot_st(c->t, i = ring_take(&s->q, c->t, c->col))[c->col] >= MARK) {
		ot_st(c->t, i)[c->col] -= MARK;
		ring_push(&s->q, c->t, c->col, i);
	}
	evict_row(c, i);
}

TABLE_ACCESS
clock_access(struct cache *c, uint32_t i, uint16_t *st, uint64_t usize)
{
	struct queue *s = c->p;

	if (*st) {
		if (*st < s->top)
			*st += MARK;
		return 1;
	}
	ADMIT(c, s, i, usize, clock_evict);
	return 0;
}

/* The row after position p towards the head, or OT_NONE. */
static uint32_t
newer(const struct cache *c, const struct ring *q, uint32_t p)
{
	while (++p != q->head)
		if (ring_live(q, c->t, c->col, p))
			return q->e[p & q->mask];
	return OT_NONE;
}

static void
sieve_evict(struct cache *c, struct queue *s)
{
	struct ring *q = &s->q;
	uint32_t p = s->hand != OT_NONE ? ot_pos(c->t, s->hand)[c->col] :
	    ring_first(q, c->t, c->col), i;
	uint16_t *st;

	for (;;) {
		if (ring_live(q, c->t, c->col, p)) {
			i = q->e[p & q->mask];
			if (*(st = &ot_st(c->t, i)[c->col]) == 1)
				break;
			*st = 1;
		}
		if (++p == q->head)
			p = ring_first(q, c->t, c->col);
	}
	s->hand = newer(c, q, p);
	ring_remove(q, c->t, c->col, i);
	evict_row(c, i);
}

TABLE_ACCESS
sieve_access(struct cache *c, uint32_t i, uint16_t *st, uint64_t usize)
{
	struct queue *s = c->p;

	if (*st) {
		*st = 1 + MARK;
		return 1;
	}
	ADMIT(c, s, i, usize, sieve_evict);
	return 0;
}

TABLE_SERVE(lru_serve, lru_access)
TABLE_SERVE(fifo_serve, fifo_access)
TABLE_SERVE(clock_serve, clock_access)
TABLE_SERVE(sieve_serve, sieve_access)

static void
q_remove(struct cache *c, uint32_t i)
{
	struct queue *s = c->p;

	if (s->hand == i)
		s->hand = newer(c, &s->q, ot_pos(c->t, i)[c->col]);
	ring_remove(&s->q, c->t, c->col, i);
	c->used -= ot_units(c->t, i, c->col);
	ot_leave(c->t, i, c->col);
}

static void
q_dump(struct cache *c, FILE *f)
{
	struct queue *s = c->p;
	const struct ring *q = &s->q;
	uint32_t p, i;

	ring_dump(f, "q", q, c->t, c->col);
	if (c->pol == &policy_clock || c->pol == &policy_sieve) {
		fprintf(f, "bits:");
		for (p = q->head; p-- != q->tail;)
			if (ring_live(q, c->t, c->col, p)) {
				i = q->e[p & q->mask];
				fprintf(f, " %u", ot_st(c->t, i)[c->col] / MARK);
			}
		fputc('\n', f);
	}
	if (c->pol == &policy_sieve)
		fprintf(f, "hand: %llu\n", s->hand == OT_NONE ? 0ULL :
		    (unsigned long long)ot_key(c->t, s->hand));
}

#define QUEUE_POLICY(nm, acc, srv) {					\
	.name = nm, .init = q_init, .get = table_get, .run = table_run,	\
	.has = table_has, .del = table_del, .dump = q_dump, .fini = q_fini, \
	.access = acc, .serve = srv, .remove = q_remove,		\
}

const struct policy policy_lru = QUEUE_POLICY("lru", lru_access, lru_serve);
const struct policy policy_fifo = QUEUE_POLICY("fifo", fifo_access, fifo_serve);
const struct policy policy_clock = QUEUE_POLICY("clock", clock_access, clock_serve);
const struct policy policy_sieve = QUEUE_POLICY("sieve", sieve_access, sieve_serve);
