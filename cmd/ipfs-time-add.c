/* ipfs-time-add: time content additions to an IPFS node, one record each. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cli.h"
#include "base/sig.h"
#include "base/units.h"
#include "base/util.h"
#include "net/discover.h"
#include "net/rpc.h"
#include "rec/timing.h"
#include "timing/add.h"
#include "timing/addchunked.h"
#include "timing/inputs.h"
#include "timing/options.h"
#include "timing/payload.h"
#include "timing/remove.h"
#include "unixfs/dag.h"

static const char synopsis[] =
"usage: ipfs-time-add [-jqV] [-s sizes] [-n iterations] [-w warmup] [-c concurrency]\n"
"       [-r rate] [-l label] [-t timeout] [-H header] [--seed n] [--same]\n"
"       [--show-warmup] [--chunker spec] [--cid-version 0|1] [--raw-leaves]\n"
"       [--pin | --no-pin] [--only-hash] [--via rpc | chunked]\n"
"       [--chunk-mode block | car] [--api url] [--api-auth-file file] [file ...]\n"
"       ipfs-time-add --remove [-q] [--api url] [--api-auth-file file] [records ...]\n";

enum {
	O_SEED = TO_FIRST_FREE, O_SAME, O_CHUNKER, O_CIDV, O_RAW, O_PIN, O_NOPIN,
	O_ONLYHASH, O_VIA, O_CHUNKMODE, O_REMOVE
};

static const struct cli_opt addopts[] = {
	{ "sizes", 's', required_argument, "sizes", "payload sizes, comma-separated (1024,10240,102400,1048576)" },
	{ "seed", O_SEED, required_argument, "n", "seed of the payloads (random per run)" },
	{ "same", O_SAME, no_argument, NULL, "the same payload every iteration (measures dedup)" },
	{ "chunker", O_CHUNKER, required_argument, "spec", "the node's chunker: size-N, rabin-MIN-AVG-MAX, buzhash" },
	{ "cid-version", O_CIDV, required_argument, "0|1", "CID version of what is added" },
	{ "raw-leaves", O_RAW, no_argument, NULL, "raw leaves" },
	{ "pin", O_PIN, no_argument, NULL, "pin what is added (the default)" },
	{ "no-pin", O_NOPIN, no_argument, NULL, "do not pin" },
	{ "only-hash", O_ONLYHASH, no_argument, NULL, "the node computes CIDs and stores nothing" },
	{ "via", O_VIA, required_argument, "rpc|chunked", "plain add (rpc) or chunk-put's upload" },
	{ "chunk-mode", O_CHUNKMODE, required_argument, "block|car", "--via chunked: block/put or dag/import" },
	{ "remove", O_REMOVE, no_argument, NULL, "unpin and remove what the add records' runs added" },
	{ NULL, 0, 0, NULL, NULL }
};
static const struct cli_opt *const opts[] = { addopts, timeopt_opts, cli_std, NULL };

int
main(int argc, char *argv[])
{
	static const char *const cidversions[] = { "0", "1", NULL };
	static const char *const vias[] = { "rpc", "chunked", NULL };
	static const char *const modes[] = { "block", "car", NULL };
	struct addbench b = { 0 };
	struct addparams p = { .cidver = -1, .pin = 1 };
	struct upload up = { .mode = UP_BLOCK, .retries = 0, .backoff = 0.5 };
	struct timeopt o;
	const char *sizes = "1024,10240,102400,1048576", *bad;
	char extra[1024], why[160], chunkspec[32], *query, *url, *end;
	int64_t *sizev = NULL;
	int ch, seeded = 0, rc, chunked = 0, removing = 0, others = 0;
	uint64_t chunk;

	setargv0(argv[0]);
	cli_usage(synopsis);
	timeopt_init(&o);
	while ((ch = cli_next(argc, argv, opts)) != -1) {
		if (timeopt_parse(&o, ch, optarg)) {
			/* with --remove, only -q, --api, --api-auth-file, -t count */
			others += ch != 'q' && ch != TO_API && ch != TO_AUTHFILE && ch != 't' &&
			    ch != TO_CACERT;
			continue;
		}
		others += ch != O_REMOVE;
		switch (ch) {
		case 's': sizes = optarg; break;
		case O_SEED:
			b.seed = strtoull(optarg, &end, 0);
			if (*end || !*optarg)
				usageerr("--seed: expected a number, got '%s'", optarg);
			seeded = 1;
			break;
		case O_SAME: b.same = 1; break;
		case O_CHUNKER: p.chunker = optarg; break;
		case O_CIDV: p.cidver = cli_choice("--cid-version", optarg, cidversions); break;
		case O_RAW: p.raw = 1; break;
		case O_PIN: p.pin = 1; break;
		case O_NOPIN: p.pin = 0; break;
		case O_ONLYHASH: p.onlyhash = 1; break;
		case O_VIA: chunked = cli_choice("--via", optarg, vias); break;
		case O_REMOVE: removing = 1; break;
		case O_CHUNKMODE:
			up.mode = cli_choice("--chunk-mode", optarg, modes) ? UP_CAR : UP_BLOCK;
			break;
		default: cli_badopt();
		}
	}
	if (removing) {
		static char *std[] = { "-", NULL };

		if (others)
			usageerr("--remove: only -q, -t, --api, --api-auth-file and --cacert go with it");
		timeopt_finish(&o);
		sig_init();
		rc = remove_added(o.api, &o.http, optind < argc ? argv + optind : std,
		    optind < argc ? argc - optind : 1, o.quiet);
		timeopt_free(&o);
		return rc;
	}
	b.nfiles = argc - optind;
	b.files = inputs_stage(argv + optind, b.nfiles);
	if (!b.nfiles) {
		b.nsizes = parse_size_list(sizes, &sizev, &bad, 0);
		if (b.nsizes < 0)
			usageerr("--sizes: bad size '%s' (use bytes or k, M, G suffixes)", bad);
		b.sizes = sizev;
	}
	if (p.chunker && dag_chunker_check(p.chunker, why, sizeof why) < 0)
		usageerr("--chunker: %s", why);
	if (chunked) {
		/* chunk-put's upload: adds one at a time, -c requests each */
		if (o.run.rate > 0)
			usageerr("--rate: not with --via chunked (adds run one at a time)");
		if (p.onlyhash)
			usageerr("--only-hash: not with --via chunked (use chunk-put --only-hash)");
		up.dag.chunk = DAG_CHUNK_DEFAULT;
		if (p.chunker && (strncmp(p.chunker, "size-", 5) ||
		    parse_size(p.chunker + 5, &chunk) < 0 || (up.dag.chunk = chunk) == 0))
			usageerr("--chunker: --via chunked takes size-N, got '%s'", p.chunker);
		up.dag.cidver = p.cidver > 0;
		up.dag.raw_leaves = p.raw || p.cidver == 1;
		up.parallel = o.run.concurrency;
		up.car_size = 64 << 20;
		up.pin = p.pin;
	} else if (up.mode == UP_CAR) {
		usageerr("--chunk-mode: only with --via chunked");
	}
	if (!seeded)
		b.seed = payload_random_seed();
	b.chunker = p.chunker;
	b.raw_leaves = p.raw ? 1 : -1;
	b.cid_version = p.cidver;
	b.parallel = -1;
	/* a fixed-size chunker: the node's roots can be checked here */
	b.dag.chunk = DAG_CHUNK_DEFAULT;
	b.check_cid = !p.chunker || !strcmp(p.chunker, "default") ||
	    (!strncmp(p.chunker, "size-", 5) && parse_size(p.chunker + 5, &chunk) == 0 &&
	    (b.dag.chunk = chunk) > 0);
	b.dag.cidver = p.cidver > 0;
	b.dag.raw_leaves = p.raw || p.cidver == 1;
	if (chunked) {
		snprintf(chunkspec, sizeof chunkspec, "size-%zu", up.dag.chunk);
		b.chunker = chunkspec;
		b.raw_leaves = up.dag.raw_leaves;
		b.cid_version = up.dag.cidver;
		b.mode = up.mode == UP_CAR ? "car" : "block";
		b.parallel = up.parallel;
	}
	timeopt_finish(&o);
	b.r = timeopt_run(&o, 1);
	query = addbench_query(&p);
	b.url = url = rpc_url(o.api, "add", query);

	sig_init();
	if (chunked)
		snprintf(extra, sizeof extra, "seed %llu via chunked mode %s parallel %d "
		    "chunk-size %zu cid-version %d raw-leaves %d pin %d",
		    (unsigned long long)b.seed, up.mode == UP_CAR ? "car" : "block",
		    up.parallel, up.dag.chunk, up.dag.cidver, up.dag.raw_leaves, up.pin);
	else
		snprintf(extra, sizeof extra, "seed %llu concurrency %d rate %g query %s",
		    (unsigned long long)b.seed, b.r.run.concurrency, b.r.run.rate, query);
	/* whether the node held the content before: known for generated
	 * payloads (a random seed is new; a given one is checked), not for
	 * files or what --only-hash does not store (dedup unset) */
	if (b.nfiles || p.onlyhash)
		b.dedup = -1;
	if (seeded && !p.onlyhash && !b.nfiles)
		addbench_check_seed(&b, o.api, query, &o.http);
	addbench_open(&b, o.json, argv0, url_redact(o.api), extra);
	if (chunked) {
		up.api = o.api;
		up.http = &o.http;
		rc = addchunked_run(&b, &up);
	} else {
		rc = addbench_run(&b);
	}
	recw_close(b.out);
	rc = addbench_finish(&b, rc, o.api, chunked ? "adds" : "requests");
	free(sizev);
	free(query);
	free(url);
	timeopt_free(&o);
	return rc;
}
