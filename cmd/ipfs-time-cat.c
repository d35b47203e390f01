/* ipfs-time-cat: time content reads and bare RPC calls, one record each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cli.h"
#include "base/sig.h"
#include "base/util.h"
#include "net/discover.h"
#include "net/rpc.h"
#include "rec/timing.h"
#include "timing/cat.h"
#include "timing/options.h"

static const char synopsis[] =
"usage: ipfs-time-cat [-jqV] [-n iterations] [-w warmup] [-c concurrency] [-r rate]\n"
"       [-l label] [-t timeout] [-H header] [--via rpc,gateway,mfs]\n"
"       [--verify] [--discard] [--evict [--evict-anyway]] [--provider multiaddr] [--show-warmup]\n"
"       [--api url] [--gateway url]\n"
"       [--api-auth-file file] [--gateway-auth-file file] [cid | file | -] ...\n"
"       ipfs-time-cat [options] --call endpoint [--call endpoint ...]\n";

enum { O_VIA = TO_FIRST_FREE, O_VERIFY, O_DISCARD, O_CALL, O_GATEWAY, O_GWAUTH, O_EVICT,
	O_EVICTANY, O_PROVIDER, O_CALLANY };

static const struct cli_opt catopts[] = {
	{ "via", O_VIA, required_argument, "ways", "rpc (/api/v0/cat), gateway (GET /ipfs/CID), mfs (files/read), comma-separated" },
	{ "verify", O_VERIFY, no_argument, NULL, "check every byte count (and raw blocks' hashes)" },
	{ "discard", O_DISCARD, no_argument, NULL, "read without keeping the content" },
	{ "evict", O_EVICT, no_argument, NULL, "read in pairs: cold after removing the blocks (block/rm), then warm" },
	{ "evict-anyway", O_EVICTANY, no_argument, NULL, "--evict without --provider: the removed blocks may exist nowhere else" },
	{ "provider", O_PROVIDER, required_argument, "multiaddr", "connect to the peer holding the content before each cold read" },
	{ "call", O_CALL, required_argument, "endpoint", "time a bare RPC call (id, version, stats/bw...)" },
	{ "call-any", O_CALLANY, no_argument, NULL, "--call takes endpoints that change the node too (repo/gc...)" },
	{ "gateway", O_GATEWAY, required_argument, "url", "the HTTP gateway" },
	{ "gateway-auth-file", O_GWAUTH, required_argument, "file", "the gateway's own credentials, first line" },
	{ NULL, 0, 0, NULL, NULL }
};
static const struct cli_opt *const opts[] = { catopts, timeopt_opts, cli_std, NULL };

static void
parse_via(struct catbench *b, const char *s)
{
	char buf[64], *tok, *save;

	snprintf(buf, sizeof buf, "%s", s);
	b->nvia = 0;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int v = !strcmp(tok, "rpc") ? VIA_RPC : !strcmp(tok, "gateway") ? VIA_GATEWAY :
		    !strcmp(tok, "mfs") ? VIA_MFS : 0;

		for (int i = 0; v && i < b->nvia; i++)
			if (b->via[i] == v)
				v = 0;	/* twice */
		if (!v || b->nvia == 3)
			usageerr("--via: expected ways among rpc, gateway and mfs, each once, got '%s'", s);
		b->via[b->nvia++] = v;
	}
	if (!b->nvia)
		usageerr("--via: expected ways among rpc, gateway and mfs");
}

int
main(int argc, char *argv[])
{
	struct catbench b = { .via = { VIA_RPC }, .nvia = 1 };
	struct timeopt o;
	const char *gw_flag = NULL, *gw_authfile = NULL;
	char **calls = NULL, extra[512];
	size_t ncalls = 0, callcap = 0;
	int ch, rc, evict_anyway = 0, call_any = 0;

	setargv0(argv[0]);
	cli_usage(synopsis);
	timeopt_init(&o);
	while ((ch = cli_next(argc, argv, opts)) != -1) {
		if (timeopt_parse(&o, ch, optarg))
			continue;
		switch (ch) {
		case O_VIA: parse_via(&b, optarg); break;
		case O_VERIFY: b.verify = 1; break;
		case O_DISCARD: b.discard = 1; break;
		case O_EVICT: b.evict = 1; break;
		case O_EVICTANY: evict_anyway = 1; break;
		case O_PROVIDER: b.provider = cli_nonempty("--provider", optarg); break;
		case O_CALL:
			if (!*optarg)
				usageerr("--call: expected an endpoint such as id or stats/bw");
			egrow((void **)&calls, &callcap, ncalls + 1, sizeof *calls);
			calls[ncalls++] = optarg;
			break;
		case O_CALLANY: call_any = 1; break;
		case O_GATEWAY: gw_flag = optarg; break;
		case O_GWAUTH: gw_authfile = cli_nonempty("--gateway-auth-file", optarg); break;
		default: cli_badopt();
		}
	}
	for (size_t i = 0; i < ncalls && !call_any; i++)
		if (!rpc_reads_only(calls[i]))
			usageerr("--call %s: not an endpoint that only reads the node (see ipfs-time-cat(1), "
			    "--call); give --call-any to time one that may change it", calls[i]);
	if (call_any && !ncalls)
		usageerr("--call-any goes with --call");
	if (ncalls && optind < argc)
		usageerr("--call takes no CIDs: give either endpoints or CIDs");
	if (ncalls && (b.verify || b.nvia != 1 || b.via[0] != VIA_RPC))
		usageerr("--call times RPC calls: --via and --verify are for reads");
	if (ncalls && (b.evict || b.provider))
		usageerr("--call times RPC calls: --evict and --provider are for reads");
	if (b.evict && (o.run.concurrency != 1 || o.run.rate > 0))
		usageerr("--evict reads in pairs, one request at a time: it takes neither -c above 1 nor -r");
	if (evict_anyway && !b.evict)
		usageerr("--evict-anyway goes with --evict");
	if (b.evict && !b.provider && !evict_anyway)
		usageerr("--evict without --provider: the blocks it removes may be held by no other node, "
		    "so nothing could fetch them back (an MFS file or another CID sharing them would lose them); "
		    "give --provider MULTIADDR of a node holding the content, or --evict-anyway");
	if (b.provider && strncmp(b.provider, "/", 1))
		usageerr("--provider: expected a multiaddr such as /ip4/127.0.0.1/tcp/4001/p2p/12D3Koo..., got '%s'",
		    b.provider);
	b.calls = calls;
	b.ncalls = (int)ncalls;
	timeopt_finish(&o);
	/* reads: the first one of each CID is the cold one, so no warm-up by
	 * default; calls warm up their connection with one */
	b.r = timeopt_run(&o, ncalls ? 1 : 0);
	b.api = o.api;
	b.gateway = discover_gateway(gw_flag);
	o.http.gw_auth = discover_gateway_auth(gw_authfile, b.gateway);
	if (!ncalls)
		catbench_operands(&b, argv + optind, argc - optind);

	sig_init();
	snprintf(extra, sizeof extra, "gateway %s concurrency %d rate %g evict %d",
	    url_redact(b.gateway), b.r.run.concurrency, b.r.run.rate, b.evict);
	catbench_open(&b, o.json, argv0, url_redact(b.api), extra);
	rc = catbench_run(&b);
	recw_close(b.out);
	if (!b.r.quiet)
		catbench_summary(&b);
	if (b.skipped && rc == 0)
		rc = EXIT_RUNTIME;	/* a failed add upstream is a failure here too */
	catbench_free(&b);
	free(calls);
	free((char *)b.gateway);
	timeopt_free(&o);
	return rc;
}
