/* sim/run.h: feed one pass of requests to every cache, and report on them. */
#ifndef SIM_H
#define SIM_H

#include <stdint.h>

#include "rec/write.h"
#include "sim/cache.h"
#include "sim/trace.h"

enum { SIM_BATCH = 4096 };

struct sim {
	struct cache **c;
	size_t nc, ccap;
	uint64_t requests, bytes;
	int has_size;		/* byte_hit_ratio means something */
	int planned;
	char *how;		/* per cache: ALONE, STACKED or GROUPED */
	struct lrustack *stack;	/* LRU caches of several sizes on one stack */
	size_t nstacked;
	struct tabgroup *group[2];	/* caches on a shared table, by unit */
	size_t ngrouped[2];
};

void sim_add(struct sim *s, struct cache *c);
/* Run every cache over a batch of requests, timing each. */
void sim_batch(struct sim *s, const struct req *r, size_t n);
/* One row per cache. */
void sim_report(const struct sim *s, struct recw *w);
extern const char *const sim_cols[];
void sim_free(struct sim *s);

/*
 * Read src to its end (or SIGINT), giving first (n0 requests already
 * read) and then every batch to fn. Progress on stderr when progress is
 * set and stderr is a terminal. Returns the number of requests.
 */
uint64_t pump(struct source *src, struct req *buf, size_t n0,
    void (*fn)(void *arg, const struct req *r, size_t n), void *arg, int progress);


#endif
