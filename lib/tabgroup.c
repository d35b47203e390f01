/*
 * tabgroup.c: caches of table policies simulated on one object table.
 *
 * Every request is looked up once, in the shared table, and served to
 * each cache in turn while its row is warm; the caches of one policy are
 * served by one call of the policy's serve(), so its access() is inlined.
 * The row of the request after next is prefetched, and its hash slot
 * before that, so the lookup rarely waits on memory.
 */
#include <stdlib.h>
#include <string.h>

#include "tabgroup.h"
#include "util.h"

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
};

static void
serve(struct objtab *t, const struct part *part, size_t nparts, const struct req *r,
    size_t n)
{
	for (size_t x = 0; x < n; x++) {
		uint32_t i;

		if (x + SLOT_AHEAD < n)
			ht_prefetch(&t->ht, r[x + SLOT_AHEAD].key);
		if (x + ROW_AHEAD < n)
			ot_prefetch(t, r[x + ROW_AHEAD].key);
		i = ot_pin(t, r[x].key);
		for (size_t p = 0; p < nparts; p++)
			part[p].pol->serve(part[p].c, part[p].n, i, r[x].size);
		ot_unpin(t, i);
	}
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
	for (size_t a = 0; a < n; a++) {
		size_t p;

		for (p = 0; p < g->nparts && g->part[p].pol != c[a]->pol; p++)
			;
		if (p < g->nparts)
			continue;
		g->part[g->nparts++] = (struct part){ c[a]->pol, g->c + k, 0 };
		for (size_t b = a; b < n; b++)
			if (c[b]->pol == c[a]->pol) {
				c[b]->t = &g->t;
				c[b]->col = (unsigned)k;
				g->c[k++] = c[b];
				g->part[g->nparts - 1].n++;
			}
	}
	return g;
}

void
tabgroup_run(struct tabgroup *g, const struct req *r, size_t n)
{
	serve(&g->t, g->part, g->nparts, r, n);
}

void
tabgroup_free(struct tabgroup *g)
{
	if (!g)
		return;
	ot_free(&g->t);
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
	int hit = c->pol->access(c, i, usize);

	(void)next;
	ot_unpin(t, i);
	return hit;
}

void
table_run(struct cache *c, const struct req *r, size_t n)
{
	struct part p = { c->pol, &c, 1 };

	serve(own(c), &p, 1, r, n);
}

int
table_has(struct cache *c, uint64_t key)
{
	uint32_t i = c->t ? ot_find(c->t, key) : OT_NONE;
	uint16_t st = i != OT_NONE ? ot_st(c->t, i)[c->col] : 0;

	return st && !(st & OT_GHOST);
}

int
table_del(struct cache *c, uint64_t key)
{
	if (!table_has(c, key))
		return 0;
	c->pol->remove(c, ot_find(c->t, key));
	return 1;
}
