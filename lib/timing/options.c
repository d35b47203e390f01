/* timing/options.c: the options both timing tools take. */
#include <stdlib.h>

#include "timing/options.h"
#include "base/cli.h"
#include "net/discover.h"

void
timeopt_init(struct timeopt *o)
{
	*o = (struct timeopt){ .iterations = 10, .warmup = -1 };
	o->run.concurrency = 1;
	o->http.connect_timeout = 10;
	o->http.timeout = 60;		/* -t 0: none */
}

int
timeopt_parse(struct timeopt *o, int ch, const char *arg, void (*usage)(void))
{
	switch (ch) {
	case 'n': o->iterations = cli_count("--iterations", arg, 1); break;
	case 'w': o->warmup = cli_count("--warmup", arg, 0); break;
	case 'c':
		o->run.concurrency = cli_count("--concurrency", arg, 1);
		o->given_c = 1;
		break;
	case 'r': o->run.rate = cli_number("--rate", arg); break;
	case 'l': o->label = arg; break;
	case 't': o->http.timeout = cli_duration("--timeout", arg); break;
	case 'j': o->json = 1; break;
	case 'q': o->quiet = 1; break;
	case 'h': usage(); break;
	case 'V': cli_version();
	case TO_SHOW_WARMUP: o->show_warmup = 1; break;
	case TO_API: o->api_flag = arg; break;
	case TO_AUTHFILE: o->authfile = arg; break;
	default: return 0;
	}
	return 1;
}

void
timeopt_finish(struct timeopt *o)
{
	if (o->run.rate > 0 && !o->given_c)
		o->run.concurrency = 64;	/* open loop needs room for late requests */
	o->api = discover_api(o->api_flag);
	o->http.auth = discover_auth(o->authfile);
	o->run.http = &o->http;
}

void
timeopt_free(struct timeopt *o)
{
	free(o->api);
	free((char *)o->http.auth);
}
