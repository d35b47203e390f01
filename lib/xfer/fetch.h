/* xfer/fetch.h: read a UnixFS file back block by block, every block verified. */
#ifndef FETCH_H
#define FETCH_H

#include <stdint.h>

#include "net/http.h"
#include "unixfs/cid.h"
#include "xfer/totals.h"

/* One block/get's outcome, for per-request records. */
struct fetch_event {
	const struct cid *cid;
	uint64_t size;			/* block bytes received */
	int ok;
	const char *error;
	const struct http_req *req;
	const struct http_stat *st;
};

struct fetch {
	/* what to do */
	struct cid root;
	int fd;				/* output */
	int seekable;			/* write at offsets (pwrite), else in order */
	int parallel;			/* requests in flight, >= 1 */
	int retries;
	double backoff;
	uint64_t window;		/* in order: bytes held ahead of the output */
	const char *api;
	const struct http_opts *http;
	int progress;
	void (*onevent)(void *arg, const struct fetch_event *e);
	void *arg;

	/* results */
	struct xfer x;			/* file bytes written, blocks verified, bytes, times, error */
};

/*
 * Walk the DAG under f->root with /api/v0/block/get, verify each block
 * against its CID, write the file's bytes. Returns 0, 1 on a failure
 * (f->err names the block and the reason), 130 when interrupted.
 */
int fetch_run(struct fetch *f);

#endif
