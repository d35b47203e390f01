/*
 * sim/policy_lfu.c: LFU in O(1) (Shah, Mitra & Matani 2010): a list of
 * frequency buckets in increasing order, each a list of the objects with
 * that count. A hit moves the object to the next bucket; eviction takes
 * the least frequent object, and among equals the one that reached that
 * count first, which is also the least recently used of them. A missed
 * object enters with count 1; an evicted object's count is forgotten.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "sim/cache.h"
#include "sim/policy.h"

struct bucket {
	uint64_t freq;
	struct list l;		/* head: the latest to reach freq */
	uint32_t prev, next;	/* neighbouring buckets */
};

struct lfu {
	struct bucket *b;
	size_t bcap;
	uint32_t bfree;		/* free buckets, linked by next */
	uint32_t first;		/* the least frequent bucket */
};

static int
lfu_init(struct cache *c, const char *params, char *err, size_t errlen)
{
	struct lfu *s;

	if (params && *params) {
		snprintf(err, errlen, "lfu: bad parameter '%s' (it takes none)", params);
		return -1;
	}
	s = ecalloc(1, sizeof *s);
	s->bfree = s->first = NIL;
	c->p = s;
	return 0;
}

static void
lfu_fini(struct cache *c)
{
	struct lfu *s = c->p;

	free(s->b);
	free(s);
}

/* A new bucket for freq after bucket prev (NIL: first). */
static uint32_t
bucket_new(struct lfu *s, uint64_t freq, uint32_t prev)
{
	uint32_t i, nx;

	if (s->bfree == NIL) {
		size_t old = s->bcap;

		egrow((void **)&s->b, &s->bcap, old + 1, sizeof *s->b);
		for (size_t j = s->bcap; j-- > old;) {
			s->b[j].next = s->bfree;
			s->bfree = (uint32_t)j;
		}
	}
	i = s->bfree;
	s->bfree = s->b[i].next;
	s->b[i].freq = freq;
	list_init(&s->b[i].l);
	nx = prev == NIL ? s->first : s->b[prev].next;
	s->b[i].prev = prev;
	s->b[i].next = nx;
	if (prev == NIL)
		s->first = i;
	else
		s->b[prev].next = i;
	if (nx != NIL)
		s->b[nx].prev = i;
	return i;
}

static void
bucket_drop_if_empty(struct lfu *s, uint32_t i)
{
	struct bucket *b = &s->b[i];

	if (b->l.count)
		return;
	if (b->prev == NIL)
		s->first = b->next;
	else
		s->b[b->prev].next = b->next;
	if (b->next != NIL)
		s->b[b->next].prev = b->prev;
	b->next = s->bfree;
	s->bfree = i;
}

/* Take node i out of its bucket. */
static void
unbucket(struct cache *c, struct lfu *s, uint32_t i)
{
	uint32_t b = c->n[i].a;

	list_unlink(c->n, &s->b[b].l, i);
	bucket_drop_if_empty(s, b);
}

static void
lfu_evict(struct cache *c, struct lfu *s)
{
	uint32_t i = s->b[s->first].l.tail;

	unbucket(c, s, i);
	c->used -= c->n[i].size;
	cache_evicted(c, i, -1);
	cache_forget(c, i);
}

static inline int
lfu_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next)
{
	struct lfu *s = c->p;
	uint32_t i = cache_lookup(c, key), b, nb;

	(void)next;
	if (i != NIL) {
		b = c->n[i].a;
		nb = s->b[b].next;
		if (nb == NIL || s->b[nb].freq != s->b[b].freq + 1)
			nb = bucket_new(s, s->b[b].freq + 1, b);
		list_unlink(c->n, &s->b[b].l, i);
		bucket_drop_if_empty(s, b);
		list_push_head(c->n, &s->b[nb].l, i);
		c->n[i].a = nb;
		return 1;
	}
	if (usize > c->cap)
		return 0;
	while (c->used + usize > c->cap)
		lfu_evict(c, s);
	i = cache_add(c, key, usize);
	b = s->first;
	if (b == NIL || s->b[b].freq != 1)
		b = bucket_new(s, 1, NIL);
	list_push_head(c->n, &s->b[b].l, i);
	c->n[i].a = b;
	c->used += usize;
	return 0;
}

CACHE_RUN(lfu_run, lfu_get)

static void
lfu_leaving(struct cache *c, uint32_t i)
{
	unbucket(c, c->p, i);
}

static void
lfu_dump(struct cache *c, FILE *f)
{
	struct lfu *s = c->p;
	char name[32];

	for (uint32_t b = s->first; b != NIL; b = s->b[b].next) {
		snprintf(name, sizeof name, "f%llu", (unsigned long long)s->b[b].freq);
		list_dump(f, name, c->n, &s->b[b].l);
	}
}

const struct policy policy_lfu = {
	.name = "lfu", .init = lfu_init, .get = lfu_get, .run = lfu_run, .has = cache_has,
	.del = cache_del, .leaving = lfu_leaving, .dump = lfu_dump, .fini = lfu_fini,
};
