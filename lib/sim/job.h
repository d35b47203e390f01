/*
 * sim/job.h: cache-sim's job: requests from a trace or a pattern; every
 * policy at every size over them, or the LRU miss-ratio curve, as
 * records; or the pattern written out as a trace.
 */
#ifndef JOB_H
#define JOB_H

#include <stdint.h>
#include <stdio.h>

#include "sim/pattern.h"
#include "sim/trace.h"

enum { EMIT_NONE = -1, EMIT_TEXT, EMIT_ORACLE };

struct simjob {
	/* the requests: the pattern when pattern is set, else the trace at
	 * path ("-": stdin) */
	const char *pattern;		/* as given: "zipf:0.9" */
	struct pattern_opts pat;
	const char *path;
	struct trace_opts trace;
	int emit;			/* EMIT_TEXT, EMIT_ORACLE: write the pattern */

	/* every policy at every size, and every disk size for two tiers;
	 * a size < 0 is a share of the working set, in millionths, negated */
	const char *policies;		/* "lru,arc:step=1,tiered:lru/lru" */
	int64_t *sizes, *disks;
	int nsizes, ndisks;
	int unit;			/* 0 objects, 1 bytes, -1: bytes when the trace has sizes */

	/* or the LRU curve, at the sizes or on a grid of points */
	int mrc, points;
	double sample;			/* the share of objects followed (SHARDS) */

	int json, quiet;
};

/*
 * Whether every spec of the comma-separated list makes a cache: 0, and
 * *tiered set when one has two tiers; -1 with a message in err.
 */
int simjob_policies(const char *list, int *tiered, char *err, size_t errlen);

/*
 * Run the job, its records on out. 0, or EXIT_INTERRUPTED after SIGINT;
 * exits 1 on a runtime failure (no request in the trace, unreadable input,
 * a write error).
 */
int simjob_run(const struct simjob *j, FILE *out);

#endif
