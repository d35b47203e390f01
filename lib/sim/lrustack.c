/*
 * sim/lrustack.c: LRU caches of several sizes on one recency stack.
 *
 * LRU is a stack algorithm (Mattson et al. 1970): an LRU cache of
 * capacity C holds exactly the longest prefix of the recency stack (most
 * recent first) whose objects fit in C. So caches C1 < C2 < ... can share
 * one stack and one hash table, each marked by the last node of its
 * prefix. A node's segment is the smallest cache holding it: a request is
 * a hit for every cache from its segment up. The requested object moves
 * to the top and joins the prefixes that lacked it, each of which then
 * gives up nodes at its end (evictions of that cache) until it fits
 * again. Nodes past the largest prefix leave the stack. A request costs
 * one lookup plus one step per cache that missed, not a full cache
 * update per size.
 *
 * This is exact while every object fits in the smallest cache and keeps
 * its size; when a request breaks that, the stack hands each cache its
 * own prefix, in order, and the caches go on separately.
 */
#include <stdlib.h>
#include <string.h>

#include "sim/lrustack.h"
#include "base/util.h"

struct lrustack {
	struct cache **c;		/* by increasing capacity */
	size_t k;
	struct cache *st;		/* the stack's table and nodes; node.a: segment */
	struct list q;			/* the stack, most recent first */
	uint32_t *end;			/* last node of each prefix, NIL: empty */
	uint64_t *used;			/* units in each prefix */
	uint64_t *hits, *hitbytes;	/* by segment */
	uint64_t *evictions;		/* by cache */
};

static int
bycap(const void *a, const void *b)
{
	uint64_t x = (*(struct cache *const *)a)->cap, y = (*(struct cache *const *)b)->cap;

	return (x > y) - (x < y);
}

struct lrustack *
lrustack_new(struct cache **c, size_t k)
{
	struct lrustack *s = ecalloc(1, sizeof *s);

	s->k = k;
	s->c = emalloc(k * sizeof *s->c);
	memcpy(s->c, c, k * sizeof *s->c);
	qsort(s->c, k, sizeof *s->c, bycap);
	s->st = ecalloc(1, sizeof *s->st);
	s->st->nfree = NIL;
	ht_init(&s->st->ht, 1024);
	list_init(&s->q);
	s->end = emalloc(k * sizeof *s->end);
	memset(s->end, 0xff, k * sizeof *s->end);
	s->used = ecalloc(k, sizeof *s->used);
	s->hits = ecalloc(k, sizeof *s->hits);
	s->hitbytes = ecalloc(k, sizeof *s->hitbytes);
	s->evictions = ecalloc(k, sizeof *s->evictions);
	return s;
}

void
lrustack_free(struct lrustack *s)
{
	if (!s)
		return;
	ht_free(&s->st->ht);
	free(s->st->n);
	free(s->st);
	free(s->c);
	free(s->end);
	free(s->used);
	free(s->hits);
	free(s->hitbytes);
	free(s->evictions);
	free(s);
}

/* Node i, now on top, joins prefixes 0..m-1; they shed nodes at their ends. */
static void
join(struct lrustack *s, uint32_t i, size_t m)
{
	struct node *n = s->st->n;

	for (size_t k = 0; k < m; k++) {
		uint64_t cap = s->c[k]->cap;

		s->used[k] += n[i].size;
		if (s->end[k] == NIL)
			s->end[k] = i;
		while (s->used[k] > cap) {
			uint32_t b = s->end[k];

			s->used[k] -= n[b].size;
			n[b].a = (uint32_t)k + 1;
			s->evictions[k]++;
			s->end[k] = n[b].prev;
		}
	}
	n[i].a = 0;
}

static void
flush(struct lrustack *s)
{
	uint64_t hits = 0, hitbytes = 0;

	for (size_t k = 0; k < s->k; k++) {
		hits += s->hits[k];
		hitbytes += s->hitbytes[k];
		s->c[k]->hits = hits;
		s->c[k]->hitbytes = hitbytes;
		s->c[k]->evictions = s->evictions[k];
		s->c[k]->used = s->used[k];
	}
}

/* Give each cache its prefix, oldest first, so they can go on alone. */
static void
dissolve(struct lrustack *s)
{
	struct node *n = s->st->n;

	for (size_t k = 0; k < s->k; k++) {
		struct cache *c = s->c[k];

		for (uint32_t i = s->q.tail; i != NIL; i = n[i].prev)
			if (n[i].a <= k)
				c->pol->get(c, n[i].key, n[i].size, -1);
	}
	flush(s);
}

size_t
lrustack_run(struct lrustack *s, const struct req *r, size_t n)
{
	struct cache *st = s->st;
	int bytes = s->c[0]->bytes;
	uint64_t smallest = s->c[0]->cap;

	for (size_t x = 0; x < n; x++) {
		uint64_t usize = bytes ? r[x].size : 1;
		uint32_t i, j;

		if (x + 8 < n)
			ht_prefetch(&st->ht, r[x + 8].key);
		i = cache_lookup(st, r[x].key);
		if (i != NIL) {
			if (st->n[i].size != usize) {
				dissolve(s);
				return x;
			}
			j = st->n[i].a;
			s->hits[j]++;
			s->hitbytes[j] += r[x].size;
			if (i == s->q.head)
				continue;
			for (size_t k = j; k < s->k; k++)
				if (s->end[k] == i)
					s->end[k] = st->n[i].prev;
			list_move_head(st->n, &s->q, i);
			join(s, i, j);
			continue;
		}
		if (usize > smallest) {
			dissolve(s);
			return x;
		}
		i = cache_add(st, r[x].key, usize);
		list_push_head(st->n, &s->q, i);
		join(s, i, s->k);
		while (s->q.tail != s->end[s->k - 1]) {
			uint32_t t = s->q.tail;

			list_unlink(st->n, &s->q, t);
			cache_forget(st, t);
		}
	}
	flush(s);
	return n;
}
