/* xfer/upload.h: store a file's UnixFS DAG on a node, block by block or as
 * CAR shards, in parallel, root last, resumable, each block checked. */
#ifndef UPLOAD_H
#define UPLOAD_H

#include <stdint.h>

#include "net/http.h"
#include "unixfs/cid.h"
#include "unixfs/dag.h"
#include "xfer/totals.h"

enum { UP_BLOCK, UP_CAR };
/* How the node spells block/put's parameters (found with /api/v0/version). */
enum { DIALECT_UNKNOWN, DIALECT_KUBO, DIALECT_JS };

struct upload {
	/* what to do */
	struct dag_opts dag;
	int mode;			/* UP_BLOCK or UP_CAR */
	int parallel;			/* requests in flight, >= 1 */
	uint64_t car_size;		/* UP_CAR: shard size */
	int pin;			/* pin the root at the end */
	int retries;			/* more attempts per request */
	double backoff;			/* first retry delay, doubling, seconds */
	const char *journal;		/* resume journal path, or NULL */
	const char *api;		/* RPC API base URL */
	const struct http_opts *http;
	int dialect;			/* DIALECT_UNKNOWN: probe (and keep) */
	int progress;			/* draw a progress line (progress.h) */
	uint64_t size_hint;		/* file size for the progress line, 0 unknown */
	int have_size;			/* size_hint is the file's size (a regular
					   file): it bounds the journal's numbers */
	xfer_onevent *onevent;		/* each request: block/put, dag/import,
					   block/stat, pin/add; may be NULL */
	void *arg;

	/* results */
	struct cid root;
	int have_root;
	struct xfer x;			/* file bytes, blocks, bytes, times, error */
	uint64_t stored;		/* blocks sent and confirmed this run */
	uint64_t skipped;		/* journaled blocks the node showed (block/stat) */
	uint64_t resent;		/* journaled blocks the node lacked: sent again */
	uint64_t missing;		/* blocks not stored in the end */
};

/*
 * Read the file through rd(arg, ...), build its DAG and store it; with a
 * journal, only the blocks the node lacks (each journaled block is asked
 * for with block/stat and sent again when missing). Returns
 * 0 when the node holds every block (and the pin, if asked), 1 when
 * something failed (u->x.err says what; u->x.code is 0 when no node
 * answered the probe, and keeps 200 for a failure without a status),
 * 130 when interrupted.
 */
int upload_run(struct upload *u, dag_readfn *rd, void *arg);

/* Blocks in the DAG of a file of size bytes (leaves and nodes). */
uint64_t upload_blocks(const struct dag_opts *o, uint64_t size);

/* The DAG parameters as "key=value ..." text: what a journal must match,
 * and the records' metadata. */
void upload_params(const struct dag_opts *o, char *buf, size_t n);

#endif
