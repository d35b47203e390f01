/*
 * policy_2q.c: full 2Q (Johnson & Shasha, VLDB 1994). New objects enter
 * A1in, a FIFO, where hits change nothing. When the cache is full and A1in
 * holds more than Kin, the A1in tail leaves and its key goes to A1out, a
 * FIFO of ghosts holding Kout; otherwise the LRU object of Am leaves. A
 * miss whose key is in A1out enters Am, an LRU. Kin = in x c (default
 * 0.25) and Kout = out x c (0.5), floored, as the paper recommends. Am is
 * bounded by c - Kin: a promotion evicts from Am when Am would exceed it
 * (it never does with unit sizes, where A1in does not drop below Kin once
 * the cache has filled). Objects larger than Kin are not admitted.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "policy.h"
#include "util.h"

enum { AIN = 1, AM, AOUT };

struct twoq {
	struct list l[4];
	uint64_t kin, kout, kam;
};

static int
twoq_init(struct cache *c, const char *params, char *err, size_t errlen)
{
	struct twoq *s = ecalloc(1, sizeof *s);
	char k[32], v[32];
	double in = 0.25, out = 0.5;

	while (param_next(&params, k, sizeof k, v, sizeof v)) {
		if (!strcmp(k, "in") && param_frac(v, &in) == 0)
			continue;
		if (!strcmp(k, "out") && param_frac(v, &out) == 0)
			continue;
		snprintf(err, errlen, "2q: bad parameter '%s%s%s' (2q takes in=F and out=F, "
		    "fractions of the capacity)", k, *v ? "=" : "", v);
		free(s);
		return -1;
	}
	for (int i = 0; i < 4; i++)
		list_init(&s->l[i]);
	s->kin = (uint64_t)((double)c->cap * in);
	s->kout = (uint64_t)((double)c->cap * out);
	s->kam = c->cap - s->kin;
	c->p = s;
	return 0;
}

static void
twoq_fini(struct cache *c)
{
	free(c->p);
}

static void
evict_node(struct cache *c, struct twoq *s, uint32_t i)
{
	list_unlink(c->n, &s->l[c->n[i].a], i);
	c->used -= c->n[i].size;
	cache_evicted(c, i, -1);
	cache_forget(c, i);
}

/* reclaimfor(): free a slot, from A1in when it is over Kin, else from Am. */
static void
reclaim(struct cache *c, struct twoq *s)
{
	uint32_t i;

	if (s->l[AIN].size > s->kin || s->l[AM].count == 0) {
		i = s->l[AIN].tail;
		list_unlink(c->n, &s->l[AIN], i);
		c->used -= c->n[i].size;
		cache_evicted(c, i, -1);
		if (c->n[i].size > s->kout) {
			cache_forget(c, i);
			return;
		}
		while (s->l[AOUT].size + c->n[i].size > s->kout) {
			uint32_t g = s->l[AOUT].tail;

			list_unlink(c->n, &s->l[AOUT], g);
			cache_forget(c, g);
		}
		c->n[i].a = AOUT;
		list_push_head(c->n, &s->l[AOUT], i);
	} else {
		evict_node(c, s, s->l[AM].tail);
	}
}

static inline int
twoq_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next)
{
	struct twoq *s = c->p;
	uint32_t i = cache_lookup(c, key);
	int ghost = 0;

	(void)next;
	if (i != NIL) {
		if (c->n[i].a == AIN)
			return 1;
		if (c->n[i].a == AM) {
			list_move_head(c->n, &s->l[AM], i);
			return 1;
		}
		/* the ghost's node becomes the object's, out of every list meanwhile */
		list_unlink(c->n, &s->l[AOUT], i);
		ghost = 1;
	}
	if (usize > s->kin || usize > c->cap) {
		if (ghost)
			cache_forget(c, i);
		return 0;
	}
	while (c->used + usize > c->cap)
		reclaim(c, s);
	if (ghost) {
		if (usize > s->kam) {	/* only when in > 0.5 */
			cache_forget(c, i);
			return 0;
		}
		while (s->l[AM].size + usize > s->kam)
			evict_node(c, s, s->l[AM].tail);
	} else
		i = cache_add(c, key, usize);
	c->n[i].size = usize;
	c->n[i].a = ghost ? AM : AIN;
	list_push_head(c->n, &s->l[c->n[i].a], i);
	c->used += usize;
	return 0;
}

CACHE_RUN(twoq_run, twoq_get)

static int
twoq_has(struct cache *c, uint64_t key)
{
	uint32_t i = cache_lookup(c, key);

	return i != NIL && c->n[i].a != AOUT;
}

static int
twoq_del(struct cache *c, uint64_t key)
{
	struct twoq *s = c->p;
	uint32_t i = cache_lookup(c, key);

	if (i == NIL || c->n[i].a == AOUT)
		return 0;
	list_unlink(c->n, &s->l[c->n[i].a], i);
	c->used -= c->n[i].size;
	cache_forget(c, i);
	return 1;
}

static void
twoq_dump(struct cache *c, FILE *f)
{
	struct twoq *s = c->p;

	list_dump(f, "A1in", c->n, &s->l[AIN]);
	list_dump(f, "Am", c->n, &s->l[AM]);
	list_dump(f, "A1out", c->n, &s->l[AOUT]);
}

const struct policy policy_2q = {
	"2q", twoq_init, twoq_get, twoq_run, twoq_has, twoq_del, twoq_dump, twoq_fini,
};
