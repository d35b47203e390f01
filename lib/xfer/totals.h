/* xfer/totals.h: what every transfer of a file's blocks has in common (an
 * upload, a retrieval, a local hashing): its totals, its first failure,
 * the retry rule of its requests and the events it reports. */
#ifndef XFER_H
#define XFER_H

#include <stdint.h>

#include "net/http.h"
#include "rec/timing.h"
#include "unixfs/cid.h"

struct xfer {
	uint64_t size;			/* file bytes */
	uint64_t blocks;		/* blocks of the DAG stored, fetched or hashed */
	uint64_t bytes_up, bytes_down;	/* request and response bodies, retries included */
	unsigned long nreq, nretry;
	double ts;			/* wall clock at the start */
	double t_total;			/* seconds from the start to the end */
	double t_dns, t_connect, t_ttfb;	/* of the first request */
	long code;			/* 200, or the code xfer_fail kept */
	char err[512];			/* the first failure, "" when ok */
};

/* One step of a transfer, for per-request records (chunk-put -v): a
 * request and its outcome, or a block hashed here (req and st NULL). */
struct xfer_event {
	const char *op;			/* "block/put", "dag/import", "block/stat",
					   "pin/add", "block/get", "hash" */
	const struct cid *cid;		/* the block, a shard's last block, the root */
	uint64_t size;			/* bytes of the block or shard */
	uint64_t blocks;		/* blocks it carries (0: block/stat, pin/add) */
	int ok;
	const char *error;		/* "" when ok */
	const struct http_req *req;	/* NULL: no request */
	const struct http_stat *st;
	double ts;			/* no request: wall clock of the step */
};
typedef void xfer_onevent(void *arg, const struct xfer_event *e);

/* Zero the totals and start the clock. */
void xfer_start(struct xfer *x);

/* A finished request: count its bytes (the phases too, of the first one),
 * then pass it to onevent when not NULL. */
void xfer_request(struct xfer *x, const struct xfer_event *e, xfer_onevent *onevent,
    void *arg);

enum { XFER_SAME = -1 };	/* xfer_fail: the transfer's code stays */
/* The transfer failed: the first failure's message and code (the HTTP
 * status, 0 when none came, or XFER_SAME) are kept, later ones dropped. */
void xfer_fail(struct xfer *x, long code, const char *fmt, ...);
/* Whether a failure was noted. */
int xfer_failed(const struct xfer *x);

/* Whether a failed request is tried again: attempts made <= retries and a
 * failure worth a retry (net/retry.h); then *due is when (net/retry.h's
 * doubling backoff) and the retry is counted. */
int xfer_retry(struct xfer *x, int attempts, int retries, double backoff,
    const struct http_stat *st, double *due);

/* The whole transfer as a timing record's code, bytes and phases, and its
 * start ts (t_sched and t_start are the caller's). */
void xfer_timing(const struct xfer *x, struct timing *t);

#endif
