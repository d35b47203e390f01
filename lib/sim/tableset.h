/* sim/tableset.h: caches of table policies, any sizes, simulated on one table. */
#ifndef TABGROUP_H
#define TABGROUP_H

#include <stddef.h>
#include <stdint.h>

#include "sim/cache.h"

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

/* A table policy's get, run, has and del, for a cache on its own table. */
int table_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next);
void table_run(struct cache *c, const struct req *r, size_t n);
int table_has(struct cache *c, uint64_t key);
int table_del(struct cache *c, uint64_t key);

#endif
