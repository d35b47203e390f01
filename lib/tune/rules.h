/*
 * tune/rules.h: tune-conf's rules, each a pure function of its inputs
 * (numbers and strings in, numbers out; no I/O, no node), so that a unit
 * test can give it known inputs and check the known answer. The formulas
 * here are the ones tune-conf(1) lists, with where they come from.
 */
#ifndef TUNE_RULES_H
#define TUNE_RULES_H

#include <stddef.h>
#include <stdint.h>

/* ---- what a run was made with: import settings and chunk-put's upload ---- */

struct tune_layout {
	char chunker[48];	/* "size-262144", "rabin-...", "buzhash"; "" not said */
	int raw_leaves;		/* 0 or 1; -1 not said */
	int cid_version;	/* 0 or 1; -1 not said */
	int parallel;		/* chunk-put -P; 0 not said */
	char mode[8];		/* chunk-put -m: "block", "car"; "" not said */
};

void tune_layout_init(struct tune_layout *l);

/*
 * Read the settings a label names into l: tokens separated by commas,
 * semicolons, '&' or blanks; "chunker=SPEC", "raw-leaves=0|1|true|false",
 * "cid-version=0|1", "parallel=N" (or "P=N"), "mode=block|car" (or
 * "chunk-mode="), '_' for '-' in names; a bare chunker spec ("size-65536",
 * "buzhash", "rabin-...") and a bare "raw-leaves" count too. Other words
 * are left alone (a label is free text). Returns 0, or -1 with the reason
 * in why when a named setting has a bad value.
 */
int tune_layout_parse(const char *label, struct tune_layout *l, char *why, size_t n);

/* One setting by column name (chunker, raw_leaves, cid_version, parallel,
 * mode) or label name; 0, 1 when the name is not a setting, -1 bad value. */
int tune_layout_set(struct tune_layout *l, const char *name, const char *val,
    char *why, size_t n);

/* Fill what a is silent about from b (the node's current settings). */
void tune_layout_default(struct tune_layout *a, const struct tune_layout *b);

/* Same import settings (chunker, raw leaves, CID version)? */
int tune_layout_same_import(const struct tune_layout *a, const struct tune_layout *b);
/* Same chunk-put upload (-P, -m)? */
int tune_layout_same_upload(const struct tune_layout *a, const struct tune_layout *b);

/* "chunker=size-65536 raw-leaves=1 cid-version=1" (what is said), or "-". */
const char *tune_layout_text(const struct tune_layout *l, int upload, char *buf, size_t n);

/* ---- which sizes matter ---- */

/*
 * The sizes that dominate the profile: the fewest sizes that together carry
 * at least half of the bytes added (size x successful adds), the largest
 * share first (a tie goes to the larger size). Sets dom[i] to 1 for those
 * and share[i] (may be NULL) to each size's fraction of the bytes; returns
 * how many dominate (0 when no bytes were added).
 */
size_t tune_dominant(const int64_t *size, const size_t *count, size_t n, int *dom,
    double *share);

/* ---- how much faster ---- */

struct tune_speedup {
	int tested;		/* both samples present */
	size_t na, nb;
	double med_a, med_b;	/* medians (seconds) of baseline and candidate */
	double est, lo, hi;	/* speed-up t_a / t_b and its interval; lo, hi NaN when too few */
	int hl;			/* est is the Hodges-Lehmann estimate (else med_a / med_b) */
	double p;		/* two-sided Mann-Whitney p */
	int exact;		/* the exact distribution (else normal) */
};

/*
 * The speed-up of a candidate (times b, sorted ascending) over a baseline
 * (times a, sorted): the Hodges-Lehmann estimate exp(median of
 * ln a_i - ln b_j over all na x nb pairs), so 2 means twice as fast, with
 * its distribution-free 1 - alpha interval [d(k), d(N+1-k)] of the sorted
 * differences, k - 1 being the largest U with two-sided p <= alpha (the
 * exact distribution below 50 values a side, as stats_utest uses, else
 * the normal approximation); p is stats_utest's. The order statistics of
 * the differences are found exactly without storing them (selection by
 * bisection on the value, counting pairs with two pointers): O(64 (na + nb))
 * time and O(na + nb) memory, the same numbers as sorting every pair. A
 * sample that is not a positive finite time leaves est, lo and hi NaN.
 * Returns -1 when a side is empty (s->tested is then 0).
 */
int tune_speedup(const double *a, size_t na, const double *b, size_t nb, double alpha,
    struct tune_speedup *s);

/* k of the interval above: the (k)th smallest difference is its lower end;
 * 0 when the samples are too small for 1 - alpha. */
size_t tune_shift_k(size_t na, size_t nb, double alpha, int exact);

/*
 * The winner among ncand candidates, each compared with the same baseline
 * at nsizes sizes: sp[c * nsizes + s]. A candidate qualifies when it was
 * measured at every size and is faster (est > 1) with p < alpha / ncand
 * (Bonferroni: ncand tests against one baseline) at each; the winner is
 * the qualifying one with the largest geometric mean of its speed-ups.
 * Returns its index, or -1 when none qualifies.
 */
int tune_pick(const struct tune_speedup *sp, size_t ncand, size_t nsizes, double alpha);

/* ---- datastore ---- */

/*
 * Datastore.BloomFilterSize, as Kubo's docs/config.md sizes it: Kubo's
 * filter (ipfs/bbloom, k = 7 hash positions) rounds its bit count up to a
 * power of two, and a filter of m bits holding n keys has the false-positive
 * rate (1 - exp(-7n/m))^7. tune_bloom_fpr is that rate for a
 * BloomFilterSize of bytes; tune_bloom_bytes the smallest power-of-two
 * byte count whose rate is at most 1% (9.6 bits a block before rounding;
 * the bytes a block after it, between 1.2 and 2.4, are computed and printed
 * with the proposal),
 * 0 for no blocks; tune_bloom_enough says whether current bytes reach 1%.
 */
#define TUNE_BLOOM_FPR 0.01
double tune_bloom_fpr(uint64_t bytes, uint64_t blocks);
uint64_t tune_bloom_bytes(uint64_t blocks);
int tune_bloom_enough(uint64_t current, uint64_t blocks);

/* Blocks expected after the repo grows by growth bytes at its current mean
 * block size: ceil(blocks x (repo + growth) / repo); blocks when repo is 0. */
uint64_t tune_grow_blocks(uint64_t blocks, uint64_t repo, uint64_t growth);

/*
 * Datastore.StorageMax: GC starts at StorageGCWatermark percent of
 * StorageMax (Kubo docs/config.md), so the repo and its growth fit below the
 * watermark when StorageMax >= (repo + growth) x 100 / watermark. Returns
 * that need rounded up to a whole GiB when current is below it, else 0
 * (keep: tune-conf never proposes a smaller limit).
 */
uint64_t tune_storage_max(uint64_t repo, uint64_t growth, double watermark, uint64_t current);

/* A double as a whole number in 0..max, without undefined behaviour: NaN
 * and values below 1 are 0, values above max (infinities too) are max;
 * else truncated. A caller that must refuse out-of-range values checks v
 * itself first. */
uint64_t tune_d2u(double v, uint64_t max);

/* ---- caches ---- */

struct tune_point {
	double capacity;	/* entries or bytes */
	double hit;		/* hit ratio at that capacity */
	int inexact;		/* a curve's estimate (cache-sim --mrc's exact 0), not a simulation */
};

/* The smallest capacity whose hit ratio reaches target, points sorted by
 * capacity: its index, or -1 when none does. */
long tune_reach(const struct tune_point *p, size_t n, double target);

struct tune_tier {
	double mem, disk;	/* the two tiers' capacities */
	double hit;
};

/* The tiered result reaching target with the least memory, then the least
 * disk: its index, or -1. */
long tune_tier_pick(const struct tune_tier *t, size_t n, double target);

/* Memory of Kubo's block key cache: about 200 bytes an entry (docs/config.md,
 * Datastore.BlockKeyCacheSize). */
uint64_t tune_keycache_bytes(uint64_t entries);

/* ---- node ---- */

/* Kubo's README asks for at least 6 GB of RAM (taken as 6 GiB). */
#define TUNE_KUBO_MIN_RAM (6ULL << 30)

/* Low memory: the budget is below Kubo's minimum, or below what the caches
 * need (need 0: unknown). 0 when memory is 0 (not given). */
int tune_low_memory(uint64_t memory, uint64_t need);

/* A bare RPC call is slow against the floor (the node's version call in
 * the same profile): significantly slower (p < alpha / m) and at least
 * factor times the floor's median. s compares call (b) with floor (a). */
int tune_api_slow(const struct tune_speedup *s, double factor, double alpha, size_t m);

#endif
