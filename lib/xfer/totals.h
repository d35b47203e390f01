/* xfer/totals.h: the totals of a transfer made of many requests: an upload of a
 * file's blocks, or their retrieval. */
#ifndef XFER_H
#define XFER_H

#include <stdint.h>

#include "net/http.h"

struct xfer {
	uint64_t size;			/* file bytes */
	uint64_t blocks;		/* blocks of the DAG stored or fetched */
	uint64_t bytes_up, bytes_down;	/* request and response bodies, retries included */
	unsigned long nreq, nretry;
	double ts;			/* wall clock at the start */
	double t_total;			/* seconds from the start to the end */
	double t_dns, t_connect, t_ttfb;	/* of the first request */
	long code;			/* 200, or the HTTP status of a failure */
	char err[512];			/* the first failure, "" when ok */
};

/* Zero the totals and start the clock. */
void xfer_start(struct xfer *x);

/* Count one finished request: its bytes, and the phases of the first one. */
void xfer_request(struct xfer *x, const struct http_stat *st);

/* The transfer as one request's outcome, for a timing record. */
void xfer_stat(const struct xfer *x, struct http_stat *st);

#endif
