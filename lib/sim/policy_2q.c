/*
 * sim/policy_2q.c: full 2Q (Johnson & Shasha, VLDB 1994). New objects enter
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

#include "base/util.h"
#include "sim/cache.h"
#include "sim/policy.h"
#include "sim/ring.h"
#include "sim/tableset.h"

/* queues, and states (AOUT with OT_GHOST) */
enum { AIN = 1, AM, AOUT };

struct twoq {
	struct ring l[4];
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
	for (int i = AIN; i <= AOUT; i++)
		ring_init(&s->l[i], (uint16_t)i);
	s->kin = (uint64_t)((double)c->cap * in);
	s->kout = (uint64_t)((double)c->cap * out);
	s->kam = c->cap - s->kin;
	c->p = s;
	return 0;
}

static void
twoq_fini(struct cache *c)
{
	struct twoq *s = c->p;

	for (int i = AIN; i <= AOUT; i++)
		ring_free(&s->l[i]);
	free(s);
}

/* Evict the LRU object of Am. */
static void
evict_am(struct cache *c, struct twoq *s)
{
	uint32_t i = ring_take(&s->l[AM], c->t, c->col);

	c->used -= ot_units(c->t, i, c->col);
	table_evicted(c, i);
	ot_leave(c->t, i, c->col);
}

/* reclaimfor(): free a slot, from A1in when it is over Kin, else from Am. */
static void
reclaim(struct cache *c, struct twoq *s)
{
	struct objtab *t = c->t;
	unsigned col = c->col;
	uint64_t usize;
	uint32_t i;

	if (s->l[AIN].size > s->kin || s->l[AM].count == 0) {
		i = ring_take(&s->l[AIN], t, col);
		usize = ot_units(t, i, col);
		c->used -= usize;
		table_evicted(c, i);
		if (usize > s->kout) {
			ot_leave(t, i, col);
			return;
		}
		while (s->l[AOUT].size + usize > s->kout)
			ot_leave(t, ring_take(&s->l[AOUT], t, col), col);
		ot_st(t, i)[col] = AOUT | OT_GHOST;
		ring_push(&s->l[AOUT], t, col, i);
	} else
		evict_am(c, s);
}

TABLE_ACCESS
twoq_access(struct cache *c, uint32_t i, uint16_t *st, uint64_t usize)
{
	struct twoq *s = c->p;
	int ghost = 0;

	if (*st == AIN)
		return 1;
	if (*st == AM) {
		if (!ring_newest(&s->l[AM], c->t, c->col, i)) {
			ring_remove(&s->l[AM], c->t, c->col, i);
			ring_push(&s->l[AM], c->t, c->col, i);
		}
		return 1;
	}
	if (*st) {
		/* the ghost's row becomes the object's, out of every list meanwhile */
		ring_remove(&s->l[AOUT], c->t, c->col, i);
		ghost = 1;
	}
	if (usize > s->kin || usize > c->cap) {
		if (ghost)
			ot_leave(c->t, i, c->col);
		return 0;
	}
	while (c->used + usize > c->cap)
		reclaim(c, s);
	if (ghost) {
		if (usize > s->kam) {	/* only when in > 0.5 */
			ot_leave(c->t, i, c->col);
			return 0;
		}
		while (s->l[AM].size + usize > s->kam)
			evict_am(c, s);
		ot_reenter(c->t, i, c->col, AM, usize);
	} else
		ot_enter(c->t, i, c->col, AIN, usize);
	ring_push(&s->l[ghost ? AM : AIN], c->t, c->col, i);
	c->used += usize;
	return 0;
}

TABLE_SERVE(twoq_serve, twoq_access)

static void
twoq_remove(struct cache *c, uint32_t i)
{
	struct twoq *s = c->p;

	ring_remove(&s->l[ot_st(c->t, i)[c->col] & OT_QUEUE], c->t, c->col, i);
	c->used -= ot_units(c->t, i, c->col);
	ot_leave(c->t, i, c->col);
}

static void
twoq_dump(struct cache *c, FILE *f)
{
	struct twoq *s = c->p;

	ring_dump(f, "A1in", &s->l[AIN], c->t, c->col);
	ring_dump(f, "Am", &s->l[AM], c->t, c->col);
	ring_dump(f, "A1out", &s->l[AOUT], c->t, c->col);
}

const struct policy policy_2q = {
	.name = "2q", .init = twoq_init, .get = table_get, .run = table_run,
	.has = table_has, .del = table_del, .dump = twoq_dump, .fini = twoq_fini,
	.access = twoq_access, .serve = twoq_serve, .remove = twoq_remove,
};
