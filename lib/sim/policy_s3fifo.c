/*
 * sim/policy_s3fifo.c: S3-FIFO (Yang et al., SOSP 2023). Three FIFO queues: a
 * small queue S of small x c (default 10%), a main queue M of the rest,
 * and a ghost queue G of keys evicted from S, holding ghost x c (90%).
 * Hits only count, in a counter kept to 2 bits (0..3). A miss enters M
 * when its key is in G, else S. To make room, S is evicted while it holds
 * at least its share (when M is not over its own), else M. Evicting S: the
 * tail moves to M (counter cleared) when it was hit at least move times
 * (default 2: the paper's Algorithm 1 tests freq > 1), else it leaves and
 * its key enters G; this repeats until one object has left. Evicting M:
 * a tail with a non-zero counter is reinserted at the head with the
 * counter decremented, until one with 0 leaves. Moves from S may take M
 * over its share; M is then evicted first on the next eviction. S holds
 * at least one unit; objects larger than S are not admitted.
 *
 * An object's state is its queue plus FREQ times its counter.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "sim/cache.h"
#include "sim/policy.h"
#include "sim/ring.h"
#include "sim/tableset.h"

/* queues; states are these (G with OT_GHOST) plus FREQ x the counter */
enum { S = 1, M, G };
static const char *const queues[] = { "", "S", "M", "G", NULL };
#define FREQ 16

struct s3fifo {
	struct ring l[4];	/* by queue (tableset.h) */
	uint64_t scap, mcap, gcap;
	uint16_t move;		/* hits in S needed to move to M */
};

static int
s3_init(struct cache *c, const char *params, char *err, size_t errlen)
{
	struct s3fifo *s = ecalloc(1, sizeof *s);
	char k[32], v[32];
	double small = 0.1, ghost = 0.9;
	long move = 2;

	while (param_next(&params, k, sizeof k, v, sizeof v)) {
		if (!strcmp(k, "small") && param_frac(v, &small) == 0)
			continue;
		if (!strcmp(k, "ghost") && param_frac(v, &ghost) == 0)
			continue;
		if (!strcmp(k, "move") && param_int(v, 1, 3, &move) == 0)
			continue;
		snprintf(err, errlen, "s3fifo: bad parameter '%s%s%s' (s3fifo takes small=F, "
		    "ghost=F and move=1..3)", k, *v ? "=" : "", v);
		free(s);
		return -1;
	}
	s->scap = (uint64_t)((double)c->cap * small);
	if (s->scap == 0 && c->cap > 0)
		s->scap = 1;
	s->mcap = c->cap - s->scap;
	s->gcap = (uint64_t)((double)c->cap * ghost);
	s->move = (uint16_t)move;
	table_init(c, s);
	return 0;
}

static void
evict_small(struct cache *c, struct s3fifo *s)
{
	struct objtab *t = c->t;
	unsigned col = c->col;
	uint32_t i;

	while (s->l[S].count) {
		i = ring_take(&s->l[S], t, col);
		if (ot_st(t, i)[col] >= s->move * FREQ) {
			ot_st(t, i)[col] = M;
			ring_push(&s->l[M], t, col, i);
			continue;
		}
		table_evict_to_ghost(c, s->l, G, s->gcap, i);
		return;
	}
}

static void
evict_main(struct cache *c, struct s3fifo *s)
{
	struct objtab *t = c->t;
	unsigned col = c->col;
	uint32_t i;

	while (s->l[M].count) {
		i = ring_take(&s->l[M], t, col);
		if (ot_st(t, i)[col] >= FREQ) {
			ot_st(t, i)[col] -= FREQ;
			ring_push(&s->l[M], t, col, i);
			continue;
		}
		table_evict(c, i);
		return;
	}
}

TABLE_ACCESS
s3_access(struct cache *c, uint32_t i, uint16_t *st, uint64_t usize)
{
	struct s3fifo *s = c->p;
	int ghost = 0;

	if (*st) {
		if (!(*st & OT_GHOST)) {
			if (*st < 3 * FREQ)
				*st += FREQ;
			return 1;
		}
		/* the ghost's row becomes the object's, out of every list meanwhile */
		ring_remove(&s->l[G], c->t, c->col, i);
		ghost = 1;
	}
	if (usize > s->scap || usize > c->cap) {
		if (ghost)
			ot_leave(c->t, i, c->col);
		return 0;
	}
	while (c->used + usize > c->cap) {
		if (s->l[M].size > s->mcap || s->l[S].count == 0)
			evict_main(c, s);
		else
			evict_small(c, s);
	}
	table_admit(c, s->l, ghost ? M : S, i, usize, ghost);
	return 0;
}

TABLE_SERVE(s3_serve, s3_access)

/* S and M with each object's counter ("S: 3/1 2/0"), then G. */
static void
s3_dump(struct cache *c, FILE *f)
{
	struct s3fifo *s = c->p;

	ring_dump(f, "S", &s->l[S], c->t, c->col, RING_KEY_COUNT, FREQ);
	ring_dump(f, "M", &s->l[M], c->t, c->col, RING_KEY_COUNT, FREQ);
	ring_dump(f, "G", &s->l[G], c->t, c->col, RING_KEY, 0);
}

const struct policy policy_s3fifo = {
	.name = "s3fifo", .init = s3_init, .dump = s3_dump,
	TABLE_POLICY(s3_access, s3_serve, queues),
};
