/*
 * tune/recommend.h: the rules of tune/rules.h applied to the evidence and
 * the node: recommendations, each with the numbers that triggered it, the
 * test behind it, and the patch the changes among them make; and their
 * report, for people or as JSON Lines.
 */
#ifndef TUNE_RECOMMEND_H
#define TUNE_RECOMMEND_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "tune/evidence.h"
#include "tune/node.h"
#include "tune/patch.h"

/* change: a key and a new value (in the patch); advice: something to do
 * that no key of the node holds; keep: the rule ran and the evidence says
 * leave it; skip: the rule could not run (what it lacked). */
enum { TR_CHANGE, TR_ADVICE, TR_KEEP, TR_SKIP };

struct tune_rec {
	int status;
	const char *rule;	/* layout, large, cache, datastore, profile, api */
	char *key;		/* NULL: no key of the node holds it */
	json_t *current;	/* the node's value (state CUR_SET) */
	int state;		/* CUR_* */
	json_t *proposed;	/* the value (change) or what to do (advice) */
	char *what;		/* advice in words, when proposed alone says too little */
	int when;		/* WHEN_* of a change */
	char *evidence;		/* the numbers, in a sentence */
	char *files;		/* the inputs the numbers come from, or NULL */
	double p, alpha;	/* the test's p and the level it had to beat; NaN: no test */
	char *test;		/* "Mann-Whitney U, exact", or NULL */
	char *note;		/* warnings: CIDs change, what js-ipfs does with the key */
};

struct tune_recs {
	struct tune_rec *r;
	size_t n, cap;
};

struct tune_opts {
	double alpha;		/* significance level */
	double target;		/* hit ratio a cache must reach */
	double api_factor;	/* a call this many times the floor is slow */
	uint64_t memory;	/* RAM the node may use; 0: not given */
	uint64_t growth;	/* bytes the repo is expected to grow by */
	uint64_t large;		/* additions from this size on are large */
};

/* Run every rule; node is NULL when offline (no current values, Kubo's
 * defaults assumed; the datastore rule cannot run). */
void tune_recommend(const struct tune_evidence *ev, struct tune_node *node,
    const struct tune_opts *o, struct tune_recs *out);

/* The changes among the recommendations, as a patch. */
void tune_patch_of(const struct tune_recs *rs, struct tune_patch *p);

/* The report: text for people, or one JSON object a recommendation. */
void tune_report(const struct tune_recs *rs, const struct tune_node *node, int json, FILE *f);

void tune_recs_free(struct tune_recs *rs);

#endif
