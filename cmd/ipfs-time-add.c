/* ipfs-time-add: time content additions to an IPFS node, one record each. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addbench.h"
#include "addchunked.h"
#include "cli.h"
#include "discover.h"
#include "payload.h"
#include "rpc.h"
#include "sig.h"
#include "size.h"
#include "timing.h"
#include "util.h"

static _Noreturn void
usage(void)
{
	printf("usage: %s [-jqV] [-s sizes] [-n iterations] [-w warmup] [-c concurrency]\n"
	    "       [-r rate] [-l label] [-t timeout] [--seed n] [--same] [--show-warmup]\n"
	    "       [--chunker spec] [--cid-version 0|1] [--raw-leaves] [--pin | --no-pin]\n"
	    "       [--only-hash] [--via rpc | chunked] [--chunk-mode block | car]\n"
	    "       [--api url] [--api-auth-file file] [file ...]\n", argv0);
	exit(0);
}

enum {
	O_SEED = 256, O_SAME, O_SHOW_WARMUP, O_CHUNKER, O_CIDV, O_RAW, O_PIN,
	O_NOPIN, O_ONLYHASH, O_API, O_AUTHFILE, O_VIA, O_CHUNKMODE
};

static const struct option longopts[] = {
	{ "sizes", required_argument, NULL, 's' },
	{ "iterations", required_argument, NULL, 'n' },
	{ "warmup", required_argument, NULL, 'w' },
	{ "concurrency", required_argument, NULL, 'c' },
	{ "rate", required_argument, NULL, 'r' },
	{ "label", required_argument, NULL, 'l' },
	{ "timeout", required_argument, NULL, 't' },
	{ "json", no_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "seed", required_argument, NULL, O_SEED },
	{ "same", no_argument, NULL, O_SAME },
	{ "show-warmup", no_argument, NULL, O_SHOW_WARMUP },
	{ "chunker", required_argument, NULL, O_CHUNKER },
	{ "cid-version", required_argument, NULL, O_CIDV },
	{ "raw-leaves", no_argument, NULL, O_RAW },
	{ "pin", no_argument, NULL, O_PIN },
	{ "no-pin", no_argument, NULL, O_NOPIN },
	{ "only-hash", no_argument, NULL, O_ONLYHASH },
	{ "api", required_argument, NULL, O_API },
	{ "api-auth-file", required_argument, NULL, O_AUTHFILE },
	{ "via", required_argument, NULL, O_VIA },
	{ "chunk-mode", required_argument, NULL, O_CHUNKMODE },
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char *argv[])
{
	struct addbench b = { .iterations = 10, .warmup = 1 };
	struct http_opts http = { .connect_timeout = 10 };
	const char *sizes = "1024,10240,102400,1048576", *api_flag = NULL;
	const char *authfile = NULL, *bad, *chunker = NULL;
	char query[512], extra[1024], *api, *url, *esc;
	int64_t *sizev = NULL;
	int ch, json = 0, cidv = -1, raw = 0, pin = 1, onlyhash = 0, seeded = 0;
	int rc, setc = 0, chunked = 0;
	struct upload up = { .mode = UP_BLOCK, .retries = 0, .backoff = 0.5 };
	uint64_t chunk;

	setargv0(argv[0]);
	b.run.concurrency = 1;
	while ((ch = getopt_long(argc, argv, "s:n:w:c:r:l:t:jqhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 's': sizes = optarg; break;
		case 'n': b.iterations = cli_count("--iterations", optarg, 1); break;
		case 'w': b.warmup = cli_count("--warmup", optarg, 0); break;
		case 'c':
			b.run.concurrency = cli_count("--concurrency", optarg, 1);
			setc = 1;
			break;
		case 'r': b.run.rate = cli_number("--rate", optarg); break;
		case 'l': b.label = optarg; break;
		case 't': http.timeout = cli_duration("--timeout", optarg); break;
		case 'j': json = 1; break;
		case 'q': b.quiet = 1; break;
		case 'h': usage();
		case 'V': cli_version();
		case O_SEED:
			b.seed = strtoull(optarg, &esc, 0);
			if (*esc || !*optarg)
				usageerr("--seed: expected a number, got '%s'", optarg);
			seeded = 1;
			break;
		case O_SAME: b.same = 1; break;
		case O_SHOW_WARMUP: b.show_warmup = 1; break;
		case O_CHUNKER: chunker = optarg; break;
		case O_CIDV:
			if (strcmp(optarg, "0") && strcmp(optarg, "1"))
				usageerr("--cid-version: expected 0 or 1, got '%s'", optarg);
			cidv = atoi(optarg);
			break;
		case O_RAW: raw = 1; break;
		case O_PIN: pin = 1; break;
		case O_NOPIN: pin = 0; break;
		case O_ONLYHASH: onlyhash = 1; break;
		case O_API: api_flag = optarg; break;
		case O_AUTHFILE: authfile = optarg; break;
		case O_VIA:
			if (!strcmp(optarg, "chunked"))
				chunked = 1;
			else if (strcmp(optarg, "rpc"))
				usageerr("--via: expected rpc or chunked, got '%s'", optarg);
			break;
		case O_CHUNKMODE:
			if (!strcmp(optarg, "car"))
				up.mode = UP_CAR;
			else if (strcmp(optarg, "block"))
				usageerr("--chunk-mode: expected block or car, got '%s'", optarg);
			break;
		default: cli_badopt();
		}
	}
	b.files = argv + optind;
	b.nfiles = argc - optind;
	if (!b.nfiles) {
		b.nsizes = parse_size_list(sizes, &sizev, &bad, 0);
		if (b.nsizes < 0)
			usageerr("--sizes: bad size '%s' (use bytes or k, M, G suffixes)", bad);
		b.sizes = sizev;
	}
	if (chunked) {
		/* chunk-put's upload: adds one at a time, -c requests each */
		if (b.run.rate > 0)
			usageerr("--rate: not with --via chunked (adds run one at a time)");
		if (onlyhash)
			usageerr("--only-hash: not with --via chunked (use chunk-put --only-hash)");
		up.dag.chunk = DAG_CHUNK_DEFAULT;
		if (chunker && (strncmp(chunker, "size-", 5) ||
		    parse_size(chunker + 5, &chunk) < 0 || chunk > DAG_CHUNK_MAX ||
		    (up.dag.chunk = chunk) == 0))
			usageerr("--chunker: --via chunked takes size-N (N up to 1048576), got '%s'",
			    chunker);
		up.dag.cidver = cidv > 0;
		up.dag.raw_leaves = raw || cidv == 1;
		up.parallel = b.run.concurrency;
		up.car_size = 64 << 20;
		up.pin = pin;
	} else if (up.mode == UP_CAR) {
		usageerr("--chunk-mode: only with --via chunked");
	}
	if (b.run.rate > 0 && !setc)
		b.run.concurrency = 64;	/* open loop needs room for late requests */
	if (!seeded)
		b.seed = payload_random_seed();

	snprintf(query, sizeof query, "pin=%s%s%s%s%s%s%s",
	    pin ? "true" : "false", raw ? "&raw-leaves=true" : "",
	    cidv >= 0 ? (cidv ? "&cid-version=1" : "&cid-version=0") : "",
	    onlyhash ? "&only-hash=true" : "", chunker ? "&chunker=" : "",
	    chunker ? (esc = url_escape(chunker)) : "", "");
	api = discover_api(api_flag);
	http.auth = discover_auth(authfile);
	url = rpc_url(api, "add", query);
	b.url = url;
	b.run.http = &http;

	sig_init();
	if (chunked)
		snprintf(extra, sizeof extra, "seed %llu via chunked mode %s parallel %d "
		    "chunk-size %zu cid-version %d raw-leaves %d pin %d",
		    (unsigned long long)b.seed, up.mode == UP_CAR ? "car" : "block",
		    up.parallel, up.dag.chunk, up.dag.cidver, up.dag.raw_leaves, up.pin);
	else
		snprintf(extra, sizeof extra, "seed %llu concurrency %d rate %g query %s",
		    (unsigned long long)b.seed, b.run.concurrency, b.run.rate, query);
	b.out = timing_open(json, argv0, api, extra);
	if (chunked) {
		up.api = api;
		up.http = &http;
		rc = addchunked_run(&b, &up);
	} else {
		rc = addbench_run(&b);
	}
	recw_close(b.out);
	if (!b.quiet && rc != 130)
		weprintf("%lu %s, %lu failed", b.nreq, chunked ? "adds" : "requests", b.nfail);
	if (chunker)
		free(esc);
	free(sizev);
	free(url);
	free(api);
	free((char *)http.auth);
	return rc;
}
