/* timing/options.h: the options both timing tools take: -n -w -c -r -l -t -j -q
 * -h -V, --show-warmup, --api and --api-auth-file. */
#ifndef TIMEOPT_H
#define TIMEOPT_H

#include <getopt.h>

#include "net/http.h"
#include "net/runner.h"

struct timeopt {
	long iterations, warmup;	/* warmup < 0: not given */
	int show_warmup, json, quiet;
	const char *label;
	const char *api_flag, *authfile;
	int given_c;			/* -c was given */
	struct runner_conf run;		/* concurrency, rate; run.http = &http */
	struct http_opts http;		/* timeout, auth */
	char *api;			/* discovered by timeopt_finish() */
};

enum { TO_SHOW_WARMUP = 200, TO_API, TO_AUTHFILE, TO_FIRST_FREE };

#define TIMEOPT_SHORT "n:w:c:r:l:t:jqhV"
#define TIMEOPT_LONG \
	{ "iterations", required_argument, NULL, 'n' }, \
	{ "warmup", required_argument, NULL, 'w' }, \
	{ "concurrency", required_argument, NULL, 'c' }, \
	{ "rate", required_argument, NULL, 'r' }, \
	{ "label", required_argument, NULL, 'l' }, \
	{ "timeout", required_argument, NULL, 't' }, \
	{ "json", no_argument, NULL, 'j' }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, 'V' }, \
	{ "show-warmup", no_argument, NULL, TO_SHOW_WARMUP }, \
	{ "api", required_argument, NULL, TO_API }, \
	{ "api-auth-file", required_argument, NULL, TO_AUTHFILE }

/* Defaults: 10 iterations, one request in flight, connect timeout 10 s. */
void timeopt_init(struct timeopt *o);

/* Take option ch if it is one of these: 1, else 0. -h calls usage(). */
int timeopt_parse(struct timeopt *o, int ch, const char *arg, void (*usage)(void));

/* After parsing: 64 requests in flight for -r without -c, the API URL
 * and credentials from flags, environment or repo. */
void timeopt_finish(struct timeopt *o);

void timeopt_free(struct timeopt *o);

#endif
