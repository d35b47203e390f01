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
static const char *const queues[] = { "", "A1in", "Am", "A1out", NULL };

struct twoq {
	struct ring l[4];	/* by queue (tableset.h) */
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
	s->kin = (uint64_t)((double)c->cap * in);
	s->kout = (uint64_t)((double)c->cap * out);
	s->kam = c->cap - s->kin;
	table_init(c, s);
	return 0;
}

/* Evict the LRU object of Am. */
static void
evict_am(struct cache *c, struct twoq *s)
{
	table_evict(c, ring_take(&s->l[AM], c->t, c->col));
}

/* reclaimfor(): free a slot, from A1in (its key to A1out) when it is over Kin, else from Am. */
static void
reclaim(struct cache *c, struct twoq *s)
{
	if (s->l[AIN].size > s->kin || s->l[AM].count == 0)
		table_evict_to_ghost(c, s->l, AOUT, s->kout, ring_take(&s->l[AIN], c->t, c->col));
	else
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
	}
	table_admit(c, s->l, ghost ? AM : AIN, i, usize, ghost);
	return 0;
}

TABLE_SERVE(twoq_serve, twoq_access)

const struct policy policy_2q = {
	.name = "2q", .init = twoq_init, .dump = table_dump,
	TABLE_POLICY(twoq_access, twoq_serve, queues),
};
