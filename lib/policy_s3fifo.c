/*
 * policy_s3fifo.c: S3-FIFO (Yang et al., SOSP 2023). Three FIFO queues: a
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
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "policy.h"
#include "util.h"

enum { S = 1, M, G };

struct s3fifo {
	struct list l[4];
	uint64_t scap, mcap, gcap;
	uint32_t move;		/* hits in S needed to move to M */
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
	for (int i = 0; i < 4; i++)
		list_init(&s->l[i]);
	s->scap = (uint64_t)((double)c->cap * small);
	if (s->scap == 0 && c->cap > 0)
		s->scap = 1;
	s->mcap = c->cap - s->scap;
	s->gcap = (uint64_t)((double)c->cap * ghost);
	s->move = (uint32_t)move;
	c->p = s;
	return 0;
}

static void
s3_fini(struct cache *c)
{
	free(c->p);
}

static void
leave(struct cache *c, struct s3fifo *s, uint32_t i)
{
	list_unlink(c->n, &s->l[c->n[i].a], i);
	c->used -= c->n[i].size;
	cache_evicted(c, i, -1);
}

static void
evict_small(struct cache *c, struct s3fifo *s)
{
	struct node *n;
	uint32_t i;

	while (s->l[S].count) {
		n = c->n;
		i = s->l[S].tail;
		if (n[i].b >= s->move) {
			list_unlink(n, &s->l[S], i);
			n[i].a = M;
			n[i].b = 0;
			list_push_head(n, &s->l[M], i);
			continue;
		}
		leave(c, s, i);
		if (n[i].size > s->gcap) {
			cache_forget(c, i);
			return;
		}
		while (s->l[G].size + n[i].size > s->gcap) {
			uint32_t g = s->l[G].tail;

			list_unlink(n, &s->l[G], g);
			cache_forget(c, g);
		}
		n[i].a = G;
		list_push_head(n, &s->l[G], i);
		return;
	}
}

static void
evict_main(struct cache *c, struct s3fifo *s)
{
	struct node *n = c->n;
	uint32_t i;

	while (s->l[M].count) {
		i = s->l[M].tail;
		if (n[i].b > 0) {
			n[i].b--;
			list_move_head(n, &s->l[M], i);
			continue;
		}
		leave(c, s, i);
		cache_forget(c, i);
		return;
	}
}

static inline int
s3_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next)
{
	struct s3fifo *s = c->p;
	uint32_t i = cache_lookup(c, key);
	int ghost = 0;

	(void)next;
	if (i != NIL) {
		if (c->n[i].a != G) {
			if (c->n[i].b < 3)
				c->n[i].b++;
			return 1;
		}
		/* the ghost's node becomes the object's, out of every list meanwhile */
		list_unlink(c->n, &s->l[G], i);
		ghost = 1;
	}
	if (usize > s->scap || usize > c->cap) {
		if (ghost)
			cache_forget(c, i);
		return 0;
	}
	while (c->used + usize > c->cap) {
		if (s->l[M].size > s->mcap || s->l[S].count == 0)
			evict_main(c, s);
		else
			evict_small(c, s);
	}
	if (!ghost)
		i = cache_add(c, key, usize);
	c->n[i].size = usize;
	c->n[i].b = 0;
	c->n[i].a = ghost ? M : S;
	list_push_head(c->n, &s->l[c->n[i].a], i);
	c->used += usize;
	return 0;
}

CACHE_RUN(s3_run, s3_get)

static int
s3_has(struct cache *c, uint64_t key)
{
	uint32_t i = cache_lookup(c, key);

	return i != NIL && c->n[i].a != G;
}

static int
s3_del(struct cache *c, uint64_t key)
{
	struct s3fifo *s = c->p;
	uint32_t i = cache_lookup(c, key);

	if (i == NIL || c->n[i].a == G)
		return 0;
	list_unlink(c->n, &s->l[c->n[i].a], i);
	c->used -= c->n[i].size;
	cache_forget(c, i);
	return 1;
}

static void
s3_dump(struct cache *c, FILE *f)
{
	struct s3fifo *s = c->p;
	const char *name[] = { "", "S", "M", "G" };

	for (int q = S; q <= G; q++) {
		fprintf(f, "%s:", name[q]);
		for (uint32_t i = s->l[q].head; i != NIL; i = c->n[i].next)
			if (q == G)
				fprintf(f, " %llu", (unsigned long long)c->n[i].key);
			else
				fprintf(f, " %llu/%u", (unsigned long long)c->n[i].key, c->n[i].b);
		fputc('\n', f);
	}
}

const struct policy policy_s3fifo = {
	"s3fifo", s3_init, s3_get, s3_run, s3_has, s3_del, s3_dump, s3_fini,
};
