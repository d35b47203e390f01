/* sim/mrc.h: LRU miss-ratio curves from reuse (stack) distances in one pass. */
#ifndef MRC_H
#define MRC_H

#include <stdint.h>

#include "rec/write.h"
#include "sim/cache.h"

struct mrc;

/*
 * A curve counting objects, or bytes. rate < 1 samples that share of the
 * objects by key hash (SHARDS) and scales their distances by 1/rate. With
 * ncaps > 0 the curve is reported at those capacities (sorted here), else
 * on a log grid.
 */
struct mrc *mrc_new(int bytes, double rate, const uint64_t *caps, size_t ncaps);
/* Account for a batch of requests (the pump() callback). */
void mrc_feed(void *m, const struct req *r, size_t n);
/* Rows "capacity miss_ratio byte_miss_ratio unit", points on the grid. */
void mrc_report(struct mrc *m, struct recw *w, int points, int has_size);
/* The rate in effect (rate rounded to a multiple of 2^-24). */
double mrc_rate(const struct mrc *m);
void mrc_free(struct mrc *m);

extern const char *const mrc_cols[];

#endif
