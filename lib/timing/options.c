/* timing/options.c: the options both timing tools take. */
#include <stdlib.h>
#include <string.h>

#include "timing/options.h"
#include "base/cli.h"
#include "base/util.h"
#include "net/discover.h"

const struct cli_opt timeopt_opts[] = {
	{ "iterations", 'n', required_argument, "N", "measured rounds (10)" },
	{ "warmup", 'w', required_argument, "N", "rounds first, not recorded" },
	{ "concurrency", 'c', required_argument, "N", "requests in flight at most (1; 64 with -r)" },
	{ "rate", 'r', required_argument, "R", "start R requests a second on schedule (open loop)" },
	{ "label", 'l', required_argument, "text", "copied into every record's label" },
	{ "timeout", 't', required_argument, "duration", "give up on a request after it (60s; 0: never)" },
	{ "header", 'H', required_argument, "'Name: value'", "send this header with every request" },
	{ "json", 'j', no_argument, NULL, "write JSON Lines instead of TSV" },
	{ "quiet", 'q', no_argument, NULL, "no progress and no summary on stderr" },
	{ "show-warmup", TO_SHOW_WARMUP, no_argument, NULL, "record the warm-ups too (warmup=1)" },
	{ "api", TO_API, required_argument, "url", "the RPC API (URL or multiaddr)" },
	{ "api-auth-file", TO_AUTHFILE, required_argument, "file", "RPC API credentials, first line" },
	{ "max-reply", TO_MAXREPLY, required_argument, "size", "longest reply of a listing or call, buffered (64M)" },
	{ "cacert", TO_CACERT, required_argument, "file", "CA bundle for HTTPS ($SSL_CERT_FILE)" },
	{ NULL, 0, 0, NULL, NULL }
};

void
timeopt_init(struct timeopt *o)
{
	*o = (struct timeopt){ .iterations = 10, .warmup = -1 };
	o->run.concurrency = 1;
	o->http.connect_timeout = 10;
	o->http.timeout = 60;		/* -t 0: none */
}

int
timeopt_parse(struct timeopt *o, int ch, const char *arg)
{
	switch (ch) {
	case 'n': o->iterations = cli_count("--iterations", arg, 1); break;
	case 'w': o->warmup = cli_count("--warmup", arg, 0); break;
	case 'c':
		o->run.concurrency = cli_count("--concurrency", arg, 1);
		o->given_c = 1;
		break;
	case 'r': o->run.rate = cli_number("--rate", arg); break;
	case 'H':
		if (!strchr(arg, ':') || *arg == ':')
			usageerr("--header: expected 'Name: value', got '%s'", arg);
		o->http.headers = erealloc(o->http.headers,
		    (o->http.nheaders + 1) * sizeof *o->http.headers);
		o->http.headers[o->http.nheaders++] = (char *)arg;
		break;
	case 'l': o->label = arg; break;
	case 't': o->http.timeout = cli_duration("--timeout", arg); break;
	case 'j': o->json = 1; break;
	case 'q': o->quiet = 1; break;
	case TO_SHOW_WARMUP: o->show_warmup = 1; break;
	case TO_API: o->api_flag = arg; break;
	case TO_AUTHFILE: o->authfile = arg; break;
	case TO_MAXREPLY: http_max_reply_opt(arg); break;
	case TO_CACERT: o->http.cacert = cli_nonempty("--cacert", arg); break;
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
	o->http.auth = discover_auth(o->authfile, o->api);
	if (!o->http.cacert && getenv("SSL_CERT_FILE") && *getenv("SSL_CERT_FILE"))
		o->http.cacert = getenv("SSL_CERT_FILE");
	o->run.http = &o->http;
}

struct timerun
timeopt_run(const struct timeopt *o, long defwarmup)
{
	return (struct timerun){
		.iterations = o->iterations, .warmup = o->warmup >= 0 ? o->warmup : defwarmup,
		.show_warmup = o->show_warmup, .quiet = o->quiet, .label = o->label,
		.run = o->run,
	};
}

void
timeopt_free(struct timeopt *o)
{
	free(o->api);
	free((char *)o->http.auth);
	free((char *)o->http.gw_auth);
	free(o->http.headers);
}
