/*
 * policy_queue.c: the one-queue policies: LRU, FIFO, CLOCK and SIEVE.
 *
 * New objects enter at the head of one list. LRU moves a hit object to the
 * head and evicts the tail. FIFO ignores hits. CLOCK (FIFO with
 * reinsertion, "second chance") counts hits in an n-bit counter, new
 * objects start at 0; at eviction the tail object with a non-zero counter
 * is decremented and moved to the head, the first with 0 goes. SIEVE
 * (Zhang et al., NSDI 2024) marks hit objects visited; its hand walks from
 * the tail towards the head, clears marks and evicts the first unmarked
 * object, staying where it stopped; new objects enter at the head.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "policy.h"
#include "util.h"

struct queue {
	struct list q;
	uint32_t hand;		/* SIEVE: next candidate, NIL = the tail */
	uint32_t maxfreq;	/* CLOCK: counter limit, 2^bits - 1 */
};

static int
q_init(struct cache *c, const char *params, char *err, size_t errlen)
{
	struct queue *s = ecalloc(1, sizeof *s);
	char k[32], v[32];
	long bits = 1;

	list_init(&s->q);
	s->hand = NIL;
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
	s->maxfreq = (1U << bits) - 1;
	c->p = s;
	return 0;
}

static void
q_fini(struct cache *c)
{
	free(c->p);
}

/* Admit a missed object at the head once others made room by evict(). */
#define ADMIT(c, s, key, usize, evict) do {				\
	if ((usize) > (c)->cap)						\
		return 0;						\
	while ((c)->used + (usize) > (c)->cap)				\
		evict(c, s);						\
	uint32_t i_ = cache_add(c, key, usize);				\
	list_push_head((c)->n, &(s)->q, i_);				\
	(c)->used += (usize);						\
} while (0)

static void
evict_tail(struct cache *c, struct queue *s)
{
	uint32_t i = s->q.tail;

	list_unlink(c->n, &s->q, i);
	c->used -= c->n[i].size;
	cache_evicted(c, i, -1);
	cache_forget(c, i);
}

static inline int
lru_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next)
{
	struct queue *s = c->p;
	uint32_t i = cache_lookup(c, key);

	(void)next;
	if (i != NIL) {
		list_move_head(c->n, &s->q, i);
		return 1;
	}
	ADMIT(c, s, key, usize, evict_tail);
	return 0;
}

static inline int
fifo_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next)
{
	struct queue *s = c->p;

	(void)next;
	if (cache_lookup(c, key) != NIL)
		return 1;
	ADMIT(c, s, key, usize, evict_tail);
	return 0;
}

static void
clock_evict(struct cache *c, struct queue *s)
{
	uint32_t i;

	while (c->n[i = s->q.tail].a > 0) {
		c->n[i].a--;
		list_move_head(c->n, &s->q, i);
	}
	evict_tail(c, s);
}

static inline int
clock_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next)
{
	struct queue *s = c->p;
	uint32_t i = cache_lookup(c, key);

	(void)next;
	if (i != NIL) {
		if (c->n[i].a < s->maxfreq)
			c->n[i].a++;
		return 1;
	}
	ADMIT(c, s, key, usize, clock_evict);
	return 0;
}

static void
sieve_evict(struct cache *c, struct queue *s)
{
	struct node *n = c->n;
	uint32_t i = s->hand != NIL ? s->hand : s->q.tail;

	while (n[i].a) {
		n[i].a = 0;
		i = n[i].prev != NIL ? n[i].prev : s->q.tail;
	}
	s->hand = n[i].prev;
	list_unlink(n, &s->q, i);
	c->used -= n[i].size;
	cache_evicted(c, i, -1);
	cache_forget(c, i);
}

static inline int
sieve_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next)
{
	struct queue *s = c->p;
	uint32_t i = cache_lookup(c, key);

	(void)next;
	if (i != NIL) {
		c->n[i].a = 1;
		return 1;
	}
	ADMIT(c, s, key, usize, sieve_evict);
	return 0;
}

CACHE_RUN(lru_run, lru_get)
CACHE_RUN(fifo_run, fifo_get)
CACHE_RUN(clock_run, clock_get)
CACHE_RUN(sieve_run, sieve_get)

static int
q_has(struct cache *c, uint64_t key)
{
	return cache_lookup(c, key) != NIL;
}

static int
q_del(struct cache *c, uint64_t key)
{
	struct queue *s = c->p;
	uint32_t i = cache_lookup(c, key);

	if (i == NIL)
		return 0;
	if (s->hand == i)
		s->hand = c->n[i].prev;
	list_unlink(c->n, &s->q, i);
	c->used -= c->n[i].size;
	cache_forget(c, i);
	return 1;
}

static void
q_dump(struct cache *c, FILE *f)
{
	struct queue *s = c->p;

	list_dump(f, "q", c->n, &s->q);
	if (c->pol == &policy_clock || c->pol == &policy_sieve) {
		fprintf(f, "bits:");
		for (uint32_t i = s->q.head; i != NIL; i = c->n[i].next)
			fprintf(f, " %u", c->n[i].a);
		fputc('\n', f);
	}
	if (c->pol == &policy_sieve)
		fprintf(f, "hand: %llu\n", s->hand == NIL ? 0ULL :
		    (unsigned long long)c->n[s->hand].key);
}

const struct policy policy_lru = {
	"lru", q_init, lru_get, lru_run, q_has, q_del, q_dump, q_fini,
};
const struct policy policy_fifo = {
	"fifo", q_init, fifo_get, fifo_run, q_has, q_del, q_dump, q_fini,
};
const struct policy policy_clock = {
	"clock", q_init, clock_get, clock_run, q_has, q_del, q_dump, q_fini,
};
const struct policy policy_sieve = {
	"sieve", q_init, sieve_get, sieve_run, q_has, q_del, q_dump, q_fini,
};
