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
enum { Q = 1 };		/* the queue's number */
static const char *const queues[] = { "", "q", NULL };

struct queue {
	struct ring l[2];	/* by queue (tableset.h): l[Q] */
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
	s->hand = OT_NONE;
	s->top = (uint16_t)(1 + MARK * (c->pol == &policy_sieve ? 1 : (1U << bits) - 1));
	table_init(c, s);
	return 0;
}

/* Admit row i, missed, at the head once others made room by evict(). */
#define ADMIT(c, s, i, usize, evict) do {				\
	if ((usize) > (c)->cap)						\
		return 0;						\
	while ((c)->used + (usize) > (c)->cap)				\
		evict(c, s);						\
	table_admit(c, (s)->l, Q, i, usize, 0);				\
} while (0)

static void
evict_tail(struct cache *c, struct queue *s)
{
	table_evict(c, ring_take(&s->l[Q], c->t, c->col));
}

TABLE_ACCESS
lru_access(struct cache *c, uint32_t i, uint16_t *st, uint64_t usize)
{
	struct queue *s = c->p;

	if (*st) {
		if (!ring_newest(&s->l[Q], c->t, c->col, i)) {
			ring_remove(&s->l[Q], c->t, c->col, i);
			ring_push(&s->l[Q], c->t, c->col, i);
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

	while (ot_st(c->t, i = ring_take(&s->l[Q], c->t, c->col))[c->col] >= MARK) {
		ot_st(c->t, i)[c->col] -= MARK;
		ring_push(&s->l[Q], c->t, c->col, i);
	}
	table_evict(c, i);
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
	struct ring *q = &s->l[Q];
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
	table_evict(c, i);
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

/* Row i is taken out (del): the hand moves off it to the next newer row. */
static void
sieve_leaving(struct cache *c, uint32_t i)
{
	struct queue *s = c->p;

	if (s->hand == i)
		s->hand = newer(c, &s->l[Q], ot_pos(c->t, i)[c->col]);
}

static void
q_dump(struct cache *c, FILE *f)
{
	struct queue *s = c->p;

	table_dump(c, f);
	if (c->pol == &policy_clock || c->pol == &policy_sieve)
		ring_dump(f, "bits", &s->l[Q], c->t, c->col, RING_COUNT, MARK);
	if (c->pol == &policy_sieve)
		fprintf(f, "hand: %llu\n", s->hand == OT_NONE ? 0ULL :
		    (unsigned long long)ot_key(c->t, s->hand));
}

#define QUEUE_POLICY(nm, acc, srv, leave) {				\
	.name = nm, .init = q_init, .dump = q_dump,			\
	TABLE_POLICY(acc, srv, queues), .leaving = leave,		\
}

const struct policy policy_lru = QUEUE_POLICY("lru", lru_access, lru_serve, NULL);
const struct policy policy_fifo = QUEUE_POLICY("fifo", fifo_access, fifo_serve, NULL);
const struct policy policy_clock = QUEUE_POLICY("clock", clock_access, clock_serve, NULL);
const struct policy policy_sieve = QUEUE_POLICY("sieve", sieve_access, sieve_serve,
    sieve_leaving);
