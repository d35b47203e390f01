/*
 * sim/tableset.c: caches of table policies simulated on one object table.
 *
 * A batch of requests is looked up in the shared table first, once for
 * all caches, each request's row pinned (the rows are then in the CPU's
 * cache); the hash slot of a request a few ahead is prefetched, and its
 * row after that, so the lookups rarely wait on memory. Then the caches
 * of each policy are served the batch by one call of the policy's
 * serve(), in which its access() is inlined. A cache of capacity 0 holds
 * nothing and is not served at all.
 */
#include <stdlib.h>
#include <string.h>

#include "sim/tableset.h"
#include "base/util.h"

enum { SLOT_AHEAD = 16, ROW_AHEAD = 8 };

/* The caches of one policy. */
struct part {
	const struct policy *pol;
	struct cache **c;
	size_t n;
};

struct tabgroup {
	struct objtab t;
	struct part *part;
	size_t nparts;
	struct cache **c;	/* all, ordered by policy */
	uint32_t *row;		/* the rows of a batch */
	size_t rowcap;
};

static void
serve(struct objtab *t, const struct part *part, size_t nparts, const struct req *r,
    size_t n, uint32_t *row)
{
	size_t x;

	if (nparts == 0)
		return;
	for (x = 0; x < n; x++) {
		if (x + SLOT_AHEAD < n)
			ht_prefetch(&t->ht, r[x + SLOT_AHEAD].key);
		if (x + ROW_AHEAD < n)
			ot_prefetch(t, r[x + ROW_AHEAD].key);
		row[x] = ot_pin(t, r[x].key);
	}
	for (size_t p = 0; p < nparts; p++)
		part[p].pol->serve(part[p].c, part[p].n, row, r, n);
	for (x = 0; x < n; x++)
		ot_unpin(t, row[x]);
	ot_reap(t);
}

/* Give cache c column k of the table; the next column. */
static size_t
join(struct tabgroup *g, struct cache *c, size_t k)
{
	c->t = &g->t;
	c->col = (unsigned)k;
	g->c[k] = c;
	return k + 1;
}

struct tabgroup *
tabgroup_new(struct cache **c, size_t n)
{
	struct tabgroup *g = ecalloc(1, sizeof *g);
	size_t k = 0;

	ot_init(&g->t, (unsigned)n, c[0]->bytes);
	g->c = emalloc(n * sizeof *g->c);
	g->part = emalloc(n * sizeof *g->part);
	for (size_t a = 0; a < n; a++)
		if (c[a]->t || !c[a]->pol->access || c[a]->bytes != c[0]->bytes)
			eprintf("internal error: %s cannot join a table", c[a]->spec);
	/* a part per policy, of its caches of capacity > 0 */
	for (size_t a = 0; a < n; a++) {
		struct part *p = &g->part[g->nparts];

		if (c[a]->t || c[a]->cap == 0)
			continue;
		*p = (struct part){ c[a]->pol, g->c + k, 0 };
		g->nparts++;
		for (size_t b = a; b < n; b++)
			if (c[b]->pol == p->pol && c[b]->cap > 0) {
				k = join(g, c[b], k);
				p->n++;
			}
	}
	/* the caches of capacity 0 hold nothing, they are not served */
	for (size_t a = 0; a < n; a++)
		if (c[a]->cap == 0)
			k = join(g, c[a], k);
	return g;
}

void
tabgroup_run(struct tabgroup *g, const struct req *r, size_t n)
{
	egrow((void **)&g->row, &g->rowcap, n, sizeof *g->row);
	serve(&g->t, g->part, g->nparts, r, n, g->row);
}

void
tabgroup_free(struct tabgroup *g)
{
	if (!g)
		return;
	ot_free(&g->t);
	free(g->row);
	free(g->part);
	free(g->c);
	free(g);
}

/* The table of a cache used alone. */
static struct objtab *
own(struct cache *c)
{
	if (!c->t) {
		c->t = emalloc(sizeof *c->t);
		ot_init(c->t, 1, c->bytes);
		c->col = 0;
		c->own_t = 1;
	}
	return c->t;
}

int
table_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next)
{
	struct objtab *t = own(c);
	uint32_t i = ot_pin(t, key);
	int hit = c->pol->access(c, i, &ot_st(t, i)[c->col], usize);

	(void)next;
	ot_unpin(t, i);
	ot_reap(t);
	return hit;
}

void
table_run(struct cache *c, const struct req *r, size_t n)
{
	struct part p = { c->pol, &c, 1 };
	uint32_t *row = emalloc(n * sizeof *row);

	serve(own(c), &p, 1, r, n, row);
	free(row);
}

int
table_has(struct cache *c, uint64_t key)
{
	uint32_t i = c->t ? ot_find(c->t, key) : OT_NONE;
	uint16_t st = i != OT_NONE ? ot_st(c->t, i)[c->col] : 0;

	return st && !(st & OT_GHOST);
}

void
table_init(struct cache *c, void *s)
{
	struct ring *l = s;

	for (int q = 1; c->pol->queues[q]; q++)
		ring_init(&l[q], (uint16_t)q);
	c->p = s;
}

void
table_fini(struct cache *c)
{
	struct ring *l = table_queues(c);

	for (int q = 1; c->pol->queues[q]; q++)
		ring_free(&l[q]);
	free(c->p);
}

void
table_dump(struct cache *c, FILE *f)
{
	struct ring *l = table_queues(c);

	for (int q = 1; c->pol->queues[q]; q++)
		ring_dump(f, c->pol->queues[q], &l[q], c->t, c->col, RING_KEY, 0);
}

int
table_del(struct cache *c, uint64_t key)
{
	uint32_t i;

	if (!table_has(c, key))
		return 0;
	i = ot_find(c->t, key);
	if (c->pol->leaving)
		c->pol->leaving(c, i);
	ring_remove(&table_queues(c)[ot_st(c->t, i)[c->col] & OT_QUEUE], c->t, c->col, i);
	c->used -= ot_units(c->t, i, c->col);
	ot_leave(c->t, i, c->col);
	ot_reap(c->t);
	return 1;
}
