/*
 * tune/evidence.h: what tune-conf tunes from, read with the record library
 * (columns by name, TSV or JSON Lines): timing records of ipfs-time-add and
 * ipfs-time-cat, prof-diff -o tsv comparisons, cache-sim results and
 * cache-sim --mrc curves. Malformed records are reported as "file:line:
 * why" and make the load fail: tune-conf never tunes from bad data.
 */
#ifndef TUNE_EVIDENCE_H
#define TUNE_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "tune/rules.h"

/* Requests of one kind (op, via, size) made with one layout, pooled over
 * the inputs: successful measured t_total, sorted. */
struct tune_arm {
	char *op, *via;
	int64_t size;		/* -1: unknown */
	struct tune_layout lay;	/* as the label and columns said it */
	double *x;
	size_t n, cap;
	size_t fail;
	char *files;		/* the inputs it came from, ", "-separated */
	char *label;		/* the first label seen, or NULL */
};

/* One row of a prof-diff comparison (metric t_total): old against new. */
struct tune_row {
	char *file, *where;	/* the input, and "file:line" */
	char *op, *via, *label, *old, *new, *test, *verdict;
	int64_t size;		/* -1: unknown */
	size_t n_old, n_new;
	double med_old, med_new, lo_old, hi_old, lo_new, hi_new, p;
};

/* What one policy of one input reached: hit ratios against capacity
 * (sorted by capacity), or tiered results (memory over disk). */
enum { CURVE_RESULTS, CURVE_MRC, CURVE_TIERED };

struct tune_curve {
	char *policy, *unit, *file;
	int kind;		/* CURVE_*: cache-sim results, --mrc (LRU's exact curve), tiers */
	struct tune_point *pt;
	size_t n, cap;
	struct tune_tier *t;
	size_t nt, tcap;
};

struct tune_evidence {
	struct tune_arm *arm;
	size_t narm, armcap;
	struct tune_row *row;
	size_t nrow, rowcap;
	struct tune_curve *curve;
	size_t ncurve, curvecap;
	size_t nprofiles, ncaches;
};

/*
 * Read the --profile inputs (timing records or prof-diff comparisons) and
 * the --cache inputs (cache-sim results or --mrc curves); "-" is stdin.
 * Returns 0, or -1 after naming every problem on stderr (an unknown kind of
 * input, malformed records as file:line, a bad label).
 */
int evidence_load(struct tune_evidence *ev, char **profiles, size_t np, char **caches,
    size_t nc);

void evidence_free(struct tune_evidence *ev);

#endif
