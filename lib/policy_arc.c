/*
 * policy_arc.c: ARC (Megiddo & Modha, FAST 2003). T1 holds objects seen
 * once recently, T2 objects seen at least twice; B1 and B2 remember the
 * keys evicted from them (ghosts). A hit on a B1 ghost raises the target
 * size p of T1 by max(|B2|/|B1|, 1), a hit on B2 lowers it by
 * max(|B1|/|B2|, 1); p is a real number in [0, c]. REPLACE moves the LRU
 * object of T1 to B1 when |T1| > p, or |T1| = p and the miss hit B2, else
 * the LRU object of T2 to B2. Cases I-IV of the paper's Figure 4 are below.
 *
 * Byte-sized caches count all four lists in bytes. A ghost hit then moves
 * p by the ratio above times the requested object's size (step=size, the
 * default): one ghost hit argues for as many bytes as the object has, as
 * one page does in the paper. step=1 moves p by the bare ratio, as
 * libCacheSim does, which leaves p near 0 in a cache of many bytes.
 * Case IV generalises "L1 = T1 u B1 has c pages" to "|T1| + |B1| + s > c"
 * for an incoming object of size s, and "|L1| + |L2| = 2c" to >= 2c; it
 * drops one ghost per eviction, as for pages.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "policy.h"
#include "util.h"

enum { T1 = 1, T2, B1, B2 };

struct arc {
	struct list l[5];	/* T1, T2, B1, B2 */
	double p;
	int step_size;		/* ghost hits move p by ratio * size */
};

static int
arc_init(struct cache *c, const char *params, char *err, size_t errlen)
{
	struct arc *s = ecalloc(1, sizeof *s);
	char k[32], v[32];

	for (int i = 0; i < 5; i++)
		list_init(&s->l[i]);
	s->step_size = 1;
	while (param_next(&params, k, sizeof k, v, sizeof v)) {
		if (!strcmp(k, "step") && !strcmp(v, "size"))
			s->step_size = 1;
		else if (!strcmp(k, "step") && !strcmp(v, "1"))
			s->step_size = 0;
		else {
			snprintf(err, errlen, "arc: bad parameter '%s%s%s' (arc takes step=size or step=1)",
			    k, *v ? "=" : "", v);
			free(s);
			return -1;
		}
	}
	c->p = s;
	return 0;
}

static void
arc_fini(struct cache *c)
{
	free(c->p);
}

static void
move_to(struct cache *c, struct arc *s, uint32_t i, int to)
{
	list_unlink(c->n, &s->l[c->n[i].a], i);
	c->n[i].a = to;
	list_push_head(c->n, &s->l[to], i);
}

/* Forget the LRU ghost of list g. */
static void
drop_ghost(struct cache *c, struct arc *s, int g)
{
	uint32_t i = s->l[g].tail;

	list_unlink(c->n, &s->l[g], i);
	cache_forget(c, i);
}

/* REPLACE(x, p): demote the LRU object of T1 or T2 to its ghost list. */
static void
replace(struct cache *c, struct arc *s, int in_b2)
{
	uint64_t t1 = s->l[T1].size;
	uint32_t i;

	if ((t1 > 0 && ((double)t1 > s->p || ((double)t1 == s->p && in_b2))) ||
	    s->l[T2].count == 0) {
		i = s->l[T1].tail;
		move_to(c, s, i, B1);
	} else {
		i = s->l[T2].tail;
		move_to(c, s, i, B2);
	}
	c->used -= c->n[i].size;
	cache_evicted(c, i, -1);
}

/* Make room for an object of usize that missed everywhere (case IV). */
static void
evict_cold(struct cache *c, struct arc *s, uint64_t usize)
{
	uint64_t t1 = s->l[T1].size, b1 = s->l[B1].size;

	if (t1 + b1 + usize > c->cap) {
		if (s->l[B1].count) {
			drop_ghost(c, s, B1);
			replace(c, s, 0);
		} else {
			uint32_t i = s->l[T1].tail;

			list_unlink(c->n, &s->l[T1], i);
			c->used -= c->n[i].size;
			cache_evicted(c, i, -1);
			cache_forget(c, i);
		}
	} else {
		if (t1 + b1 + s->l[T2].size + s->l[B2].size >= 2 * c->cap &&
		    s->l[B2].count)
			drop_ghost(c, s, B2);
		replace(c, s, 0);
	}
}

static inline int
arc_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next)
{
	struct arc *s = c->p;
	uint32_t i = cache_lookup(c, key);
	int ghost = 0;
	double b1, b2, step;

	(void)next;
	if (i != NIL) {
		switch (c->n[i].a) {
		case T1:	/* case I */
		case T2:
			move_to(c, s, i, T2);
			return 1;
		case B1:	/* case II */
			b1 = (double)s->l[B1].size;
			b2 = (double)s->l[B2].size;
			step = (b1 > 0 && b2 > b1 ? b2 / b1 : 1) *
			    (s->step_size ? (double)usize : 1);
			s->p = s->p + step < (double)c->cap ? s->p + step : (double)c->cap;
			break;
		case B2:	/* case III */
			b1 = (double)s->l[B1].size;
			b2 = (double)s->l[B2].size;
			step = (b2 > 0 && b1 > b2 ? b1 / b2 : 1) *
			    (s->step_size ? (double)usize : 1);
			s->p = s->p - step > 0 ? s->p - step : 0;
			break;
		}
		/* the ghost's node becomes the object's, out of every list meanwhile */
		ghost = c->n[i].a;
		list_unlink(c->n, &s->l[ghost], i);
		if (usize > c->cap) {
			cache_forget(c, i);
			return 0;
		}
	} else if (usize > c->cap)
		return 0;
	while (c->used + usize > c->cap) {
		if (ghost)
			replace(c, s, ghost == B2);
		else
			evict_cold(c, s, usize);
	}
	if (!ghost)
		i = cache_add(c, key, usize);
	c->n[i].size = usize;
	c->n[i].a = ghost ? T2 : T1;
	list_push_head(c->n, &s->l[c->n[i].a], i);
	c->used += usize;
	return 0;
}

CACHE_RUN(arc_run, arc_get)

static int
arc_has(struct cache *c, uint64_t key)
{
	uint32_t i = cache_lookup(c, key);

	return i != NIL && c->n[i].a <= T2;
}

static int
arc_del(struct cache *c, uint64_t key)
{
	struct arc *s = c->p;
	uint32_t i = cache_lookup(c, key);

	if (i == NIL || c->n[i].a > T2)
		return 0;
	list_unlink(c->n, &s->l[c->n[i].a], i);
	c->used -= c->n[i].size;
	cache_forget(c, i);
	return 1;
}

static void
arc_dump(struct cache *c, FILE *f)
{
	struct arc *s = c->p;

	list_dump(f, "T1", c->n, &s->l[T1]);
	list_dump(f, "T2", c->n, &s->l[T2]);
	list_dump(f, "B1", c->n, &s->l[B1]);
	list_dump(f, "B2", c->n, &s->l[B2]);
	fprintf(f, "p: %g\n", s->p);
}

const struct policy policy_arc = {
	"arc", arc_init, arc_get, arc_run, arc_has, arc_del, arc_dump, arc_fini,
};
