/* xfer/hash.h: a file's UnixFS DAG built here and stored nowhere: its root
 * CID, size and blocks (chunk-put --only-hash). */
#ifndef HASH_H
#define HASH_H

#include <stdint.h>

#include "unixfs/cid.h"
#include "unixfs/dag.h"
#include "xfer/totals.h"

struct hashing {
	/* what to do */
	struct dag_opts dag;
	int progress;			/* draw a progress line (progress.h) */
	uint64_t size_hint;		/* file size for the progress line, 0 unknown */
	xfer_onevent *onevent;		/* each block, as op "hash" without a request */
	void *arg;

	/* results */
	struct cid root;
	int have_root;
	struct xfer x;			/* file bytes, blocks, time; no requests, code 0 */
};

/* Read the file through rd(arg, ...) and build its DAG. Returns 0, or -1
 * on a read error (errno says which). */
int hash_run(struct hashing *h, dag_readfn *rd, void *arg);

#endif
