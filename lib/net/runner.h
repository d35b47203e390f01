/* net/runner.h: run HTTP requests with a concurrency limit, closed loop or at
 * a fixed rate (open loop), on reused connections (libcurl multi). */
#ifndef RUNNER_H
#define RUNNER_H

#include "net/http.h"

enum { RUN_DONE, RUN_STARTED, RUN_WAIT };

struct runner_ops {
	/*
	 * Set up slot r (http_req_setup and friends; r->job is free for the
	 * caller) for the next request. Return RUN_STARTED, RUN_WAIT when
	 * nothing may start until a request in flight completes (a root after
	 * its leaves), or RUN_DONE when there is no more work.
	 */
	int (*next)(void *ctx, struct http_req *r);
	/*
	 * Request r ended: st holds its outcome. Called for every started
	 * request, also those cut short by SIGINT (curlcode
	 * CURLE_ABORTED_BY_CALLBACK, err "interrupted").
	 */
	void (*done)(void *ctx, struct http_req *r, const struct http_stat *st);
	/*
	 * Optional: called at least every 100 ms while requests are in
	 * flight or waiting for their schedule (flush records, redraw
	 * progress).
	 */
	void (*idle)(void *ctx);
};

struct runner_conf {
	int concurrency;	/* requests in flight at most, >= 1 */
	double rate;		/* requests per second started on schedule; 0 = as
				   fast as slots free up (closed loop) */
	const struct http_opts *http;
};

/*
 * Run until next() says RUN_DONE and every request has ended, or until
 * SIGINT (see sig.h). Each request's slot carries t_sched (its intended
 * start: on the rate schedule, else when it could start), t_start and ts.
 * Returns 0, or 130 when interrupted.
 */
int runner_run(const struct runner_conf *c, const struct runner_ops *ops, void *ctx);

#endif
