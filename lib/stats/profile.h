/* stats/profile.h: prof-diff's input: timing or cache-sim records grouped into profiles. */
#ifndef PROFLOAD_H
#define PROFLOAD_H

#include <stddef.h>

#include "rec/read.h"
#include "stats/group.h"

enum { PROF_TIMING, PROF_CACHE };

/* How a metric reads: times (lower is faster), rates (higher is faster),
 * ratios (shown in %, compared in percentage points), plain numbers. */
enum { MK_TIME, MK_RATE, MK_RATIO, MK_PLAIN };

struct metric {
	char *name;
	int kind;
	int derived;		/* mb_per_s: size / t_total / 10^6 */
};

/* One side of a comparison: an input file, or one value of the -c column. */
struct profile {
	char *name;
	struct groups *groups;
};

struct profset {
	int kind;
	char **keys;		/* group key columns */
	size_t nkeys;
	char *keyseen;		/* per key: some record has a value */
	struct metric *metrics;
	size_t nmetrics;
	char *split;		/* the -c column, or NULL */
	int split_fixed;	/* -c KEY=V1,V2: only those values, in that order */
	struct profile *prof;
	size_t nprof;
	unsigned long records, bad;
	size_t nomatch;		/* comparisons in which no group is on both sides */
};

/*
 * Look at the opened inputs (names for messages) and decide what they hold
 * and which columns to use: groupby and metrics are comma-separated lists
 * or NULL for the defaults, split is "KEY" or "KEY=V1,V2,...", or NULL.
 * Exits 1 naming a missing column or an input of an unknown kind.
 */
void profset_init(struct profset *ps, struct recr **in, char **names, size_t nin,
    const char *groupby, const char *metrics, const char *split);

/*
 * Read every record of input i (called name) into its profile, or into the
 * profiles of the -c values. Malformed records are reported as
 * "file:line: why" and counted in bad. Exits 1 when there is nothing to
 * summarize or compare.
 */
void profset_read(struct profset *ps, struct recr *r, size_t i, const char *name);

void profset_free(struct profset *ps);

#endif
