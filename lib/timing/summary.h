/* timing/summary.h: the end-of-run report of the timing tools on stderr,
 * as vegeta's and hey's reports open: how many requests were recorded (the
 * warm-ups apart), in how long (from the first measured request's start to
 * the last one's end: warm-ups before them do not count), how many failed and why (each kind of
 * failure once, with its first message and a count), and t_total's p50,
 * p90 and p99. */
#ifndef TIMING_SUMMARY_H
#define TIMING_SUMMARY_H

#include <stddef.h>

#include "net/http.h"
#include "rec/timing.h"

enum { SUM_KINDS = 16 };

struct summary_kind {
	char *kind, *first;	/* "Couldn't connect to server", its first full error */
	unsigned long n;
};

struct runsum {
	double t0;			/* monotonic start */
	double first, last;		/* monotonic start of the first measured
					 * request and end of the last: the
					 * warm-ups' time is not the run's */
	double *t;			/* t_total of the measured successes */
	size_t n, cap;
	unsigned long measured, failed, warmups, warmfailed;
	unsigned long long up, down;	/* body bytes of measured requests */
	struct summary_kind kinds[SUM_KINDS];
	int nkinds;
	unsigned long otherkinds;	/* failures past SUM_KINDS kinds */
};

void runsum_start(struct runsum *s);

/* Count the outcome of one request (a warm-up or not). */
void runsum_add(struct runsum *s, const struct timing *t, const struct http_stat *st);

/* The kind of a failure: the transfer error's name, "HTTP 404", or the
 * error text up to its first ':' ("verify"). */
const char *runsum_kind(const struct timing *t, const struct http_stat *st, char *buf, size_t n);

/* Print the report as "argv0: ..." lines on stderr; what names the
 * requests ("requests", "adds"). */
void runsum_print(const struct runsum *s, const char *what);

/* Between and after requests: flush the records of w that are due
 * (recw_idle), and redraw the progress line on a terminal: requests done
 * of total (warm-ups included), rate, elapsed time, ETA, failures so far. */
struct recw;
void runsum_tick(struct recw *w, unsigned long done, long total, unsigned long failed);

void runsum_free(struct runsum *s);

#endif
