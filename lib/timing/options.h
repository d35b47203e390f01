/* timing/options.h: the options both timing tools take: -n -w -c -r -l -t -j -q
 * -H, --show-warmup, --api and --api-auth-file. */
#ifndef TIMEOPT_H
#define TIMEOPT_H

#include "base/cli.h"

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

enum { TO_SHOW_WARMUP = CLI_LONG, TO_API, TO_AUTHFILE, TO_CACERT, TO_MAXREPLY, TO_FIRST_FREE };

/* What both engines take from the options. */
struct timerun {
	long iterations, warmup;
	int show_warmup;	/* write warm-up records too (warmup=1) */
	int quiet;
	const char *label;
	struct runner_conf run;
};

/* The options, for the tools' tables (base/cli.h). */
extern const struct cli_opt timeopt_opts[];

/* Defaults: 10 iterations, one request in flight, connect timeout 10 s. */
void timeopt_init(struct timeopt *o);

/* Take option ch if it is one of these: 1, else 0. */
int timeopt_parse(struct timeopt *o, int ch, const char *arg);

/* After parsing: 64 requests in flight for -r without -c, the API URL
 * and credentials from flags, environment or repo. */
void timeopt_finish(struct timeopt *o);

/* The run settings of o, with defwarmup warm-up rounds unless -w was given. */
struct timerun timeopt_run(const struct timeopt *o, long defwarmup);

void timeopt_free(struct timeopt *o);

#endif
