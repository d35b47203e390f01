/*
 * sim/policy_belady.c: Belady's MIN (1966), the offline optimum for demand
 * caching of equal-sized objects: every miss is admitted and the resident
 * object whose next request is furthest away (never requested again
 * first) is evicted, from a max-heap on next-access time. With sizes it
 * evicts in that order until the object fits: a good bound, but no
 * longer the optimum (that problem is NP-hard). Ties between objects
 * never requested again are broken arbitrarily; they cannot change hits.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "sim/cache.h"
#include "sim/policy.h"

struct belady {
	uint32_t *heap;		/* node indexes; node.a is the position */
	size_t hcap, hn;
	int64_t *when;		/* per node: next access */
	size_t wcap;
};

static int
bel_init(struct cache *c, const char *params, char *err, size_t errlen)
{
	if (params && *params) {
		snprintf(err, errlen, "belady: bad parameter '%s' (it takes none)", params);
		return -1;
	}
	c->p = ecalloc(1, sizeof(struct belady));
	return 0;
}

static void
bel_fini(struct cache *c)
{
	struct belady *s = c->p;

	free(s->heap);
	free(s->when);
	free(s);
}

static inline void
put(struct cache *c, struct belady *s, size_t pos, uint32_t i)
{
	s->heap[pos] = i;
	c->n[i].a = (uint32_t)pos;
}

static void
sift_up(struct cache *c, struct belady *s, size_t pos)
{
	uint32_t i = s->heap[pos];
	int64_t w = s->when[i];

	while (pos > 0) {
		size_t up = (pos - 1) / 2;

		if (s->when[s->heap[up]] >= w)
			break;
		put(c, s, pos, s->heap[up]);
		pos = up;
	}
	put(c, s, pos, i);
}

static void
sift_down(struct cache *c, struct belady *s, size_t pos)
{
	uint32_t i = s->heap[pos];
	int64_t w = s->when[i];

	for (;;) {
		size_t l = 2 * pos + 1, big;

		if (l >= s->hn)
			break;
		big = l + 1 < s->hn && s->when[s->heap[l + 1]] > s->when[s->heap[l]] ? l + 1 : l;
		if (s->when[s->heap[big]] <= w)
			break;
		put(c, s, pos, s->heap[big]);
		pos = big;
	}
	put(c, s, pos, i);
}

static void
heap_remove(struct cache *c, struct belady *s, uint32_t i)
{
	size_t pos = c->n[i].a;
	uint32_t last = s->heap[--s->hn];

	if (last == i)
		return;
	put(c, s, pos, last);
	sift_down(c, s, pos);
	sift_up(c, s, c->n[last].a);
}

static inline int
bel_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next)
{
	struct belady *s = c->p;
	uint32_t i = cache_lookup(c, key);

	if (next < 0)
		next = NEVER;
	if (i != NIL) {
		int64_t old = s->when[i];

		s->when[i] = next;
		if (next > old)
			sift_up(c, s, c->n[i].a);
		else
			sift_down(c, s, c->n[i].a);
		return 1;
	}
	if (usize > c->cap)
		return 0;
	while (c->used + usize > c->cap) {
		i = s->heap[0];
		heap_remove(c, s, i);
		c->used -= c->n[i].size;
		cache_evicted(c, i, s->when[i]);
		cache_forget(c, i);
	}
	i = cache_add(c, key, usize);
	if (c->ncap > s->wcap) {
		s->when = erealloc(s->when, c->ncap * sizeof *s->when);
		s->wcap = c->ncap;
	}
	egrow((void **)&s->heap, &s->hcap, s->hn + 1, sizeof *s->heap);
	s->when[i] = next;
	s->hn++;
	put(c, s, s->hn - 1, i);
	sift_up(c, s, s->hn - 1);
	c->used += usize;
	return 0;
}

CACHE_RUN(bel_run, bel_get)

static void
bel_leaving(struct cache *c, uint32_t i)
{
	heap_remove(c, c->p, i);
}

static void
bel_dump(struct cache *c, FILE *f)
{
	struct belady *s = c->p;

	fprintf(f, "heap:");
	for (size_t j = 0; j < s->hn; j++) {
		int64_t w = s->when[s->heap[j]];

		if (w == NEVER)
			fprintf(f, " %llu@never", (unsigned long long)c->n[s->heap[j]].key);
		else
			fprintf(f, " %llu@%lld", (unsigned long long)c->n[s->heap[j]].key,
			    (long long)w);
	}
	fputc('\n', f);
}

const struct policy policy_belady = {
	.name = "belady", .init = bel_init, .get = bel_get, .run = bel_run, .has = cache_has,
	.del = cache_del, .leaving = bel_leaving, .dump = bel_dump, .fini = bel_fini,
};
