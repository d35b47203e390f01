/* sim/mrc.h: LRU miss-ratio curves from reuse (stack) distances in one pass. */
#ifndef MRC_H
#define MRC_H

#include <stdint.h>

#include "rec/write.h"
#include "sim/cache.h"

struct mrc;

/*
 * A curve counting objects, or bytes (exact at every capacity: an object
 * larger than a capacity is not admitted there, as -p lru does; on a grid
 * the requests are kept, 24 bytes each, until the grid is known). rate < 1
 * samples that share of the objects by key hash (SHARDS) and scales their
 * distances by 1/rate. With ncaps > 0 the curve is reported at those
 * capacities (sorted here), else on a log grid.
 */
struct mrc *mrc_new(int bytes, double rate, const uint64_t *caps, size_t ncaps);
/* Account for a batch of requests (the pump() callback). */
void mrc_feed(void *m, const struct req *r, size_t n);
/*
 * Rows "capacity miss_ratio byte_miss_ratio exact unit" (no byte_miss_ratio
 * in objects), at the capacities or at most points on the grid. exact is 1
 * where the row is what -p lru gives, 0 where it is not (a sampled
 * estimate; objects whose size changed). What is left out or fewer, and
 * why, is said on stderr: capacities a sampled curve does not resolve or
 * whose estimate falls outside 0..1, a grid with fewer capacities.
 */
void mrc_report(struct mrc *m, struct recw *w, int points);
/* The rate in effect (rate rounded to a multiple of 2^-24). */
double mrc_rate(const struct mrc *m);
void mrc_free(struct mrc *m);

/* The columns of the rows, in bytes or in objects. */
const char *const *mrc_columns(int bytes);

#endif
