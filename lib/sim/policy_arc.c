/*
 * sim/policy_arc.c: ARC (Megiddo & Modha, FAST 2003). T1 holds objects seen
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

#include "base/util.h"
#include "sim/cache.h"
#include "sim/policy.h"
#include "sim/ring.h"
#include "sim/tableset.h"

/* queues, and states (B1 and B2 with OT_GHOST) */
enum { T1 = 1, T2, B1, B2 };
static const char *const queues[] = { "", "T1", "T2", "B1", "B2", NULL };

struct arc {
	struct ring l[5];	/* T1, T2, B1, B2, by queue (tableset.h) */
	double p;
	int step_size;		/* ghost hits move p by ratio * size */
};

static int
arc_init(struct cache *c, const char *params, char *err, size_t errlen)
{
	struct arc *s = ecalloc(1, sizeof *s);
	char k[32], v[32];

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
	table_init(c, s);
	return 0;
}

/* The state of an object in queue q. */
static inline uint16_t
state(int q)
{
	return q >= B1 ? (uint16_t)(q | OT_GHOST) : (uint16_t)q;
}

/* Move the oldest object of queue from to the head of queue to. */
static uint32_t
shift(struct cache *c, struct arc *s, int from, int to)
{
	uint32_t i = ring_take(&s->l[from], c->t, c->col);

	ot_st(c->t, i)[c->col] = state(to);
	ring_push(&s->l[to], c->t, c->col, i);
	return i;
}

/* Forget the LRU ghost of list g. */
static void
drop_ghost(struct cache *c, struct arc *s, int g)
{
	ot_leave(c->t, ring_take(&s->l[g], c->t, c->col), c->col);
}

/* REPLACE(x, p): demote the LRU object of T1 or T2 to its ghost list. */
static void
replace(struct cache *c, struct arc *s, int in_b2)
{
	uint64_t t1 = s->l[T1].size;
	uint32_t i;

	if ((t1 > 0 && ((double)t1 > s->p || ((double)t1 == s->p && in_b2))) ||
	    s->l[T2].count == 0)
		i = shift(c, s, T1, B1);
	else
		i = shift(c, s, T2, B2);
	c->used -= ot_units(c->t, i, c->col);
	table_evicted(c, i);
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
		} else
			table_evict(c, ring_take(&s->l[T1], c->t, c->col));
	} else {
		if (t1 + b1 + s->l[T2].size + s->l[B2].size >= 2 * c->cap &&
		    s->l[B2].count)
			drop_ghost(c, s, B2);
		replace(c, s, 0);
	}
}

TABLE_ACCESS
arc_access(struct cache *c, uint32_t i, uint16_t *st, uint64_t usize)
{
	struct arc *s = c->p;
	int ghost = 0;
	double b1, b2, step;

	switch (*st) {
	case 0:
		break;
	case T1:	/* case I */
	case T2:
		if (*st == T2 && ring_newest(&s->l[T2], c->t, c->col, i))
			return 1;
		ring_remove(&s->l[*st], c->t, c->col, i);
		*st = T2;
		ring_push(&s->l[T2], c->t, c->col, i);
		return 1;
	case B1 | OT_GHOST:	/* case II */
		b1 = (double)s->l[B1].size;
		b2 = (double)s->l[B2].size;
		step = (b1 > 0 && b2 > b1 ? b2 / b1 : 1) *
		    (s->step_size ? (double)usize : 1);
		s->p = s->p + step < (double)c->cap ? s->p + step : (double)c->cap;
		ghost = B1;
		break;
	case B2 | OT_GHOST:	/* case III */
		b1 = (double)s->l[B1].size;
		b2 = (double)s->l[B2].size;
		step = (b2 > 0 && b1 > b2 ? b1 / b2 : 1) *
		    (s->step_size ? (double)usize : 1);
		s->p = s->p - step > 0 ? s->p - step : 0;
		ghost = B2;
		break;
	}
	if (ghost) {
		/* the ghost's row becomes the object's, out of every list meanwhile */
		ring_remove(&s->l[ghost], c->t, c->col, i);
		if (usize > c->cap) {
			ot_leave(c->t, i, c->col);
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
	table_admit(c, s->l, ghost ? T2 : T1, i, usize, ghost != 0);
	return 0;
}

TABLE_SERVE(arc_serve, arc_access)

static void
arc_dump(struct cache *c, FILE *f)
{
	struct arc *s = c->p;

	table_dump(c, f);
	fprintf(f, "p: %g\n", s->p);
}

const struct policy policy_arc = {
	.name = "arc", .init = arc_init, .dump = arc_dump,
	TABLE_POLICY(arc_access, arc_serve, queues),
};
