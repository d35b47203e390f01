/*
 * sim/tableset.h: table policies: caches of any of them, any sizes,
 * simulated on one table; their get, run, has and del; the steps their
 * access() functions share.
 */
#ifndef TABLESET_H
#define TABLESET_H

#include <stddef.h>
#include <stdint.h>

#include "sim/cache.h"
#include "sim/ring.h"

struct tabgroup;

/*
 * Take over n >= 1 caches of table policies (pol->access set), all empty
 * and counting the same unit: they get one shared table, a column each.
 * Their results stay theirs.
 */
struct tabgroup *tabgroup_new(struct cache **c, size_t n);
/* Run every cache of the group over n requests. */
void tabgroup_run(struct tabgroup *g, const struct req *r, size_t n);
/* Free the group and its table (after its caches). */
void tabgroup_free(struct tabgroup *g);

/*
 * A table policy's state, c->p, begins with its queues: an array of
 * struct ring by queue number (table_queues), [0] unused, one for each
 * of pol->queues; so del finds a row's queue from its state.
 *
 * Its get, run, has and del, for a cache on its own table; its fini;
 * table_init() ends its init (the queues made, s the cache's state);
 * table_dump() prints its queues' keys, newest first.
 */
int table_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next);
void table_run(struct cache *c, const struct req *r, size_t n);
int table_has(struct cache *c, uint64_t key);
int table_del(struct cache *c, uint64_t key);
void table_fini(struct cache *c);
void table_init(struct cache *c, void *s);
void table_dump(struct cache *c, FILE *f);

/* The fields of a table policy's struct policy beside name, init and dump:
 * names, its queues' names by number ({ "", "A1in", ..., NULL }). */
#define TABLE_POLICY(acc, srv, names)					\
	.get = table_get, .run = table_run, .has = table_has, .del = table_del, \
	.fini = table_fini, .access = acc, .serve = srv, .queues = names

/* The queues of a table policy's cache, by number. */
static inline struct ring *
table_queues(const struct cache *c)
{
	return c->p;
}

/* Row i, missed, enters queue q of l: a new object, or a ghost (taken out
 * of its queue) made an object again. */
static inline __attribute__((always_inline)) void
table_admit(struct cache *c, struct ring *l, int q, uint32_t i, uint64_t usize, int ghost)
{
	if (ghost)
		ot_reenter(c->t, i, c->col, (uint16_t)q, usize);
	else
		ot_enter(c->t, i, c->col, (uint16_t)q, usize);
	ring_push(&l[q], c->t, c->col, i);
	c->used += usize;
}

/* Evict row i, taken out of its queue: counted, told to the tier above, let go. */
static inline void
table_evict(struct cache *c, uint32_t i)
{
	c->used -= ot_units(c->t, i, c->col);
	table_evicted(c, i);
	ot_leave(c->t, i, c->col);
}

/*
 * Evict row i, taken out of its queue, keeping its key as a ghost in
 * queue g of l, which holds gcap units: its oldest ghosts are forgotten
 * to make room, and a row larger than gcap is let go.
 */
static inline void
table_evict_to_ghost(struct cache *c, struct ring *l, int g, uint64_t gcap, uint32_t i)
{
	struct objtab *t = c->t;
	unsigned col = c->col;
	uint64_t usize = ot_units(t, i, col);

	c->used -= usize;
	table_evicted(c, i);
	if (usize > gcap) {
		ot_leave(t, i, col);
		return;
	}
	while (l[g].size + usize > gcap)
		ot_leave(t, ring_take(&l[g], t, col), col);
	ot_st(t, i)[col] = (uint16_t)(g | OT_GHOST);
	ring_push(&l[g], t, col, i);
}

#endif
