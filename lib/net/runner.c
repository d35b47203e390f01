/* net/runner.c: concurrent and rate-scheduled requests on a libcurl multi handle. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "net/runner.h"
#include "base/sig.h"
#include "base/util.h"

struct run {
	const struct runner_conf *c;
	const struct runner_ops *ops;
	void *ctx;
	CURLM *m;
	struct http_req *slots;
	int *busy, nbusy;
	double t0;
	unsigned long long started;	/* requests started: the schedule index */
	int exhausted;			/* next() said RUN_DONE */
};

static void
finish(struct run *run, struct http_req *r, CURLcode rc, const char *why)
{
	struct http_stat st;

	curl_multi_remove_handle(run->m, r->h);
	http_req_stat(r, rc, &st);
	if (why)
		snprintf(st.err, sizeof st.err, "%s", why);
	run->busy[r - run->slots] = 0;
	run->nbusy--;
	run->ops->done(run->ctx, r, &st);
}

/* Start requests into free slots while the schedule allows. Returns the
 * seconds to wait before the next scheduled start, or -1 for none. */
static double
fill(struct run *run)
{
	int i, rc;
	double now, due;

	while (!run->exhausted && !interrupted && run->nbusy < run->c->concurrency) {
		now = now_mono() - run->t0;
		due = now;
		if (run->c->rate > 0) {
			due = run->started / run->c->rate;
			if (due > now)
				return due - now;
		}
		for (i = 0; run->busy[i]; i++)
			;
		struct http_req *r = &run->slots[i];
		rc = run->ops->next(run->ctx, r);
		if (rc == RUN_DONE) {
			run->exhausted = 1;
			break;
		}
		if (rc == RUN_WAIT) {
			if (run->nbusy == 0)
				eprintf("internal error: job source waits with nothing in flight");
			break;
		}
		r->t_sched = due;
		r->t_begin = now_mono();
		r->t_start = r->t_begin - run->t0;
		r->ts = now_wall();
		run->busy[i] = 1;
		run->nbusy++;
		run->started++;
		if (curl_multi_add_handle(run->m, r->h) != CURLM_OK)
			finish(run, r, CURLE_FAILED_INIT, "libcurl: cannot start request");
	}
	return -1;
}

int
runner_run(const struct runner_conf *c, const struct runner_ops *ops, void *ctx)
{
	struct run run = { .c = c, .ops = ops, .ctx = ctx };
	int i, running, left, ended;
	double wait;
	CURLMsg *msg;

	if (c->concurrency < 1)
		eprintf("internal error: concurrency %d", c->concurrency);
	http_init();
	run.m = curl_multi_init();
	if (!run.m)
		eprintf("libcurl: cannot create a multi handle");
	curl_multi_setopt(run.m, CURLMOPT_MAX_HOST_CONNECTIONS, (long)c->concurrency);
	run.slots = ecalloc(c->concurrency, sizeof *run.slots);
	run.busy = ecalloc(c->concurrency + 1, sizeof *run.busy);
	run.busy[c->concurrency] = 1;	/* sentinel for the free-slot scan */
	for (i = 0; i < c->concurrency; i++)
		http_req_init(&run.slots[i], c->http);
	run.t0 = now_mono();

	for (;;) {
		wait = fill(&run);
		if (interrupted || (run.exhausted && run.nbusy == 0))
			break;
		curl_multi_perform(run.m, &running);
		ended = 0;
		while ((msg = curl_multi_info_read(run.m, &left))) {
			struct http_req *r;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&r);
			finish(&run, r, msg->data.result, NULL);
			ended++;
		}
		if (interrupted)
			break;
		if (ops->idle)
			ops->idle(ctx);
		if (ended)
			continue;	/* slots freed up: refill before waiting */
		if (ops->idle && (wait < 0 || wait > 0.1))
			wait = 0.1;
		curl_multi_poll(run.m, NULL, 0, wait < 0 ? 1000 : (int)ceil(wait * 1000), NULL);
	}
	for (i = 0; i < c->concurrency; i++)
		if (run.busy[i])
			finish(&run, &run.slots[i], CURLE_ABORTED_BY_CALLBACK, "interrupted");
	for (i = 0; i < c->concurrency; i++)
		http_req_free(&run.slots[i]);
	curl_multi_cleanup(run.m);
	free(run.slots);
	free(run.busy);
	return interrupted ? EXIT_INTERRUPTED : 0;
}
