/* sim/lrustack.h: LRU caches of different sizes simulated on one stack. */
#ifndef LRUSTACK_H
#define LRUSTACK_H

#include <stddef.h>

#include "sim/cache.h"

struct lrustack;

/*
 * Take over k >= 1 LRU caches (policy "lru", distinct capacities >= 1,
 * one unit), which must be empty. Their results stay theirs.
 */
struct lrustack *lrustack_new(struct cache **c, size_t k);
/*
 * Run n requests. Returns n, or the index of the first request the stack
 * cannot represent exactly (an object larger than the smallest cache, or
 * one whose size changed); the caches then hold their own state, and the
 * caller runs them separately from that request on. Results are copied
 * to the caches after every call.
 */
size_t lrustack_run(struct lrustack *s, const struct req *r, size_t n);
void lrustack_free(struct lrustack *s);

#endif
