/* sim/policy.h: the eviction policies cache_new() knows. */
#ifndef POLICY_H
#define POLICY_H

#include "sim/cache.h"

extern const struct policy policy_lru, policy_fifo, policy_clock, policy_sieve;
extern const struct policy policy_lfu, policy_arc, policy_2q, policy_s3fifo;
extern const struct policy policy_belady, policy_tiered;

#endif
