/* timing/add.h: timing content additions (/api/v0/add) request by request. */
#ifndef ADDBENCH_H
#define ADDBENCH_H

#include <stdint.h>

#include "net/runner.h"
#include "unixfs/dag.h"
#include "timing/options.h"
#include "rec/timing.h"
#include "rec/write.h"
#include "timing/summary.h"

struct addbench {
	/* what to add: generated payloads of these sizes, or these files */
	const int64_t *sizes;
	int nsizes;
	char **files;
	int nfiles;
	struct timerun r;	/* iterations, warm-ups, label, concurrency... */
	uint64_t seed;
	int same;		/* identical payload every iteration */
	const char *url;	/* the add URL, query included */
	struct recw *out;	/* opened by addbench_open */
	int dedup;		/* the node held the content before the run; -1: not known */
	/* how the content is laid out and sent, for every record: the
	 * chunker spec, raw leaves, CID version, and with --via chunked the
	 * upload mode and its parallel requests (NULL, < 0: the node's
	 * default, or not chunked) */
	const char *chunker, *mode;
	int raw_leaves, cid_version, parallel;
	/* with a layout computed here too (a fixed-size chunker): every root
	 * the node names is checked against the content's own CID */
	int check_cid;
	struct dag_opts dag;
	/* results */
	unsigned long nreq, nfail;
	struct runsum sum;	/* for the end-of-run report */
	char *dead;		/* a warm-up found no node: why; no more requests */
};

/* What the node's add is asked for. */
struct addparams {
	const char *chunker;	/* NULL: the node's default */
	int cidver;		/* -1: the node's default */
	int raw, pin, onlyhash;
};

/* The add endpoint's query for p (pin=...&raw-leaves=...&...). New string. */
char *addbench_query(const struct addparams *p);

/* With --seed: when the node already holds the run's content
 * (addbench_held), warn on stderr and mark b's records dedup=1. */
void addbench_check_seed(struct addbench *b, const char *api, const char *query,
    const struct http_opts *o);

/* After the run: the end-of-run report (or why nothing was measured) on
 * stderr, then free b's files and results; the exit status for rc. */
int addbench_finish(struct addbench *b, int rc, const char *api, const char *what);

/* Open b->out on stdout: the timing columns, then dedup, chunker,
 * raw_leaves, cid_version, mode and parallel. */
void addbench_open(struct addbench *b, int json, const char *tool, const char *api,
    const char *extra);

/* Write one record of b (dedup is b's). */
void addbench_write(struct addbench *b, struct timing *t);

struct http_opts;
/*
 * Whether the node already holds the first measured payload of b (the
 * first size): its CID from an add of the same payload with only-hash,
 * add's query otherwise as addq, then block/stat offline within 2 s (a
 * node that waits for a block it lacks, as js-ipfs does, times out). 1
 * when held, with its CID in cid; 0 when not; -1 when the node could not
 * tell, with the reason in cid.
 */
int addbench_held(const struct addbench *b, const char *api, const char *addq,
    const struct http_opts *o, char *cid, size_t n);

/*
 * Run the warm-up rounds then the measured rounds; each round adds every
 * size (or file) once, in order. Returns 0, 1 when a request failed, or
 * 130 when interrupted.
 */
int addbench_run(struct addbench *b);

#endif
