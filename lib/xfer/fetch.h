/* xfer/fetch.h: read a UnixFS file back block by block, every block verified. */
#ifndef FETCH_H
#define FETCH_H

#include <stdint.h>

#include "net/http.h"
#include "unixfs/cid.h"
#include "xfer/totals.h"

struct fetch {
	/* what to do */
	struct cid root;
	int fd;				/* output */
	int seekable;			/* write at offsets (pwrite), else in order */
	int parallel;			/* requests in flight, >= 1 */
	int retries;			/* more attempts per request */
	double backoff;			/* first retry delay, doubling, seconds */
	uint64_t window;		/* in order: bytes held ahead of the output */
	const char *api;		/* RPC API base URL */
	const struct http_opts *http;
	int progress;			/* draw a progress line (progress.h) */
	xfer_onevent *onevent;		/* each block/get; may be NULL */
	void *arg;

	/* results */
	struct xfer x;			/* file bytes written, blocks verified, bytes,
					   times, error */
};

/*
 * Walk the DAG under f->root with /api/v0/block/get, verify each block
 * against its CID, write the file's bytes. Returns 0, 1 on a failure
 * (f->x.err names the block and the reason), 130 when interrupted.
 */
int fetch_run(struct fetch *f);

#endif
