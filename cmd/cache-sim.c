/* cache-sim: trace-driven cache simulation: policies, sizes, tiers, miss-ratio curves. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cli.h"
#include "base/sig.h"
#include "base/units.h"
#include "base/util.h"
#include "base/version.h"
#include "rec/write.h"
#include "sim/cache.h"
#include "sim/mrc.h"
#include "sim/oracle.h"
#include "sim/pattern.h"
#include "sim/prepass.h"
#include "sim/run.h"
#include "sim/trace.h"
#include "sim/tracewrite.h"

static const char usage_text[] =
"usage: cache-sim [-jq] [-p policy[,...]] -s size[,...] [-u objects|bytes]\n"
"                 [-D size[,...]] [-f format] [--id-col col] [--size-col col]\n"
"                 [--skip-bad] [file | -]\n"
"       cache-sim --mrc [-jq] [-u objects|bytes] [-k points] [--sample rate]\n"
"                 [-s size[,...]] [input options] [file | -]\n"
"       cache-sim --pattern pattern [-N objects] [-n requests] [--seed n]\n"
"                 [--obj-size size[-size]] [--hot n] [--emit-trace[=text|oracle]]\n"
"                 [simulation options]\n";

enum {
	OPT_ID_COL = 256, OPT_SIZE_COL, OPT_SKIP_BAD, OPT_SAMPLE, OPT_PATTERN,
	OPT_SEED, OPT_OBJ_SIZE, OPT_HOT, OPT_EMIT,
};

static const struct option longopts[] = {
	{ "policy", required_argument, NULL, 'p' },
	{ "size", required_argument, NULL, 's' },
	{ "unit", required_argument, NULL, 'u' },
	{ "disk-size", required_argument, NULL, 'D' },
	{ "format", required_argument, NULL, 'f' },
	{ "id-col", required_argument, NULL, OPT_ID_COL },
	{ "size-col", required_argument, NULL, OPT_SIZE_COL },
	{ "skip-bad", no_argument, NULL, OPT_SKIP_BAD },
	{ "mrc", no_argument, NULL, 'm' },
	{ "points", required_argument, NULL, 'k' },
	{ "sample", required_argument, NULL, OPT_SAMPLE },
	{ "pattern", required_argument, NULL, OPT_PATTERN },
	{ "objects", required_argument, NULL, 'N' },
	{ "requests", required_argument, NULL, 'n' },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "obj-size", required_argument, NULL, OPT_OBJ_SIZE },
	{ "hot", required_argument, NULL, OPT_HOT },
	{ "emit-trace", optional_argument, NULL, OPT_EMIT },
	{ "json", no_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int json, quiet, mrc, points = 40, unit = -1;
static int given_p, given_k, given_f, given_pat;	/* options that need others */
static double sample = 1;
static const char *policies = "lru";
static int64_t *sizes, *disks;
static int nsizes, ndisks;

static int
parse_sizes(const char *opt, const char *arg, int64_t **out)
{
	const char *bad;
	int n = parse_size_list(arg, out, &bad, 1);

	if (n < 0)
		usageerr("%s: bad size '%s' (sizes: 1000, 64k, 10M, 2G or 5%%)", opt, bad);
	for (int i = 0; i < n; i++)
		if ((*out)[i] == 0) {
			/* name the item: the i-th of the list */
			const char *p = arg;

			for (int k = 0; k < i; k++)
				p = strchr(p, ',') + 1;
			usageerr("%s: '%.*s' is a cache of size 0, which holds nothing", opt,
			    (int)strcspn(p, ","), p);
		}
	return n;
}

static uint64_t
count(const char *opt, const char *arg)
{
	uint64_t v;

	if (parse_size(arg, &v) < 0)
		usageerr("%s: bad number '%s'", opt, arg);
	return v;
}

/* A size, or a share (negative, in millionths) of the working set ws. */
static uint64_t
resolve(int64_t v, uint64_t ws)
{
	if (v >= 0)
		return (uint64_t)v;
	return (uint64_t)((unsigned __int128)ws * (uint64_t)-v / 1000000);
}

static int
has_pct(const int64_t *v, int n)
{
	for (int i = 0; i < n; i++)
		if (v[i] < 0)
			return 1;
	return 0;
}

/* Check every policy spec before reading anything. */
static void
check_policies(void)
{
	char *list = estrdup(policies), *p, *save = NULL, err[256];
	int tiered = 0;

	for (p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		struct cache *c = cache_new(p, 0, 1, 1, err, sizeof err);

		if (!c)
			usageerr("-p: %s", err);
		cache_free(c);
		tiered |= !strncmp(p, "tiered", 6);
	}
	free(list);
	if (tiered && !ndisks)
		usageerr("-p tiered needs the disk tier's size (-D)");
	if (!tiered && ndisks)
		usageerr("-D sizes the disk tier of -p tiered only");
}

static void
feed(void *arg, const struct req *r, size_t n)
{
	sim_batch(arg, r, n);
}

static void
header(struct recw *w, const struct source *src, uint64_t requests, int ws,
    uint64_t objects, uint64_t bytes)
{
	recw_comment(w, "cache-sim ipfsperf %s", IPFSPERF_VERSION);
	if (ws)
		recw_comment(w, "trace: %s format=%s requests=%llu objects=%llu bytes=%llu",
		    src->name, src->format, (unsigned long long)requests,
		    (unsigned long long)objects, (unsigned long long)bytes);
	else
		recw_comment(w, "trace: %s format=%s requests=%llu", src->name, src->format,
		    (unsigned long long)requests);
	if (src->bad) {
		recw_comment(w, "skipped %llu malformed lines", (unsigned long long)src->bad);
		weprintf("%s: skipped %llu malformed lines", src->name,
		    (unsigned long long)src->bad);
	}
	if (src->dropped) {
		recw_comment(w, "dropped %llu records of failed requests or without a cid",
		    (unsigned long long)src->dropped);
		weprintf("%s: dropped %llu records of failed requests (ok=0) or without a cid",
		    src->name, (unsigned long long)src->dropped);
	}
	if (interrupted)
		recw_comment(w, "interrupted after %llu requests", (unsigned long long)requests);
}

/* The LRU miss-ratio curve, exact or sampled. */
static void
run_mrc(struct recw *w, struct source *src, struct req *buf, size_t n0, int bytes_unit,
    int ws, uint64_t objects, uint64_t bytes)
{
	uint64_t *caps = emalloc((nsizes ? nsizes : 1) * sizeof *caps), requests;
	struct mrc *m;

	for (int i = 0; i < nsizes; i++)
		caps[i] = resolve(sizes[i], bytes_unit ? bytes : objects);
	m = mrc_new(bytes_unit, sample, caps, (size_t)nsizes);
	requests = pump(src, buf, n0, mrc_feed, m, !quiet);
	header(w, src, requests, ws, objects, bytes);
	if (sample < 1)
		recw_comment(w, "sampled: rate %g (SHARDS)", mrc_rate(m));
	mrc_report(m, w, points, src->has_size);
	mrc_free(m);
	free(caps);
}

/* Every policy at every size (and disk size, for tiers), in one pass. */
static void
run_sim(struct recw *w, struct source *src, struct req *buf, size_t n0, int bytes_unit,
    int ws, uint64_t objects, uint64_t bytes)
{
	struct sim sim = { .has_size = src->has_size };
	char *list = estrdup(policies), *p, *save = NULL, err[256];
	uint64_t unit_ws = bytes_unit ? bytes : objects, requests;

	for (p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		int tiered = !strncmp(p, "tiered", 6);

		for (int i = 0; i < nsizes; i++)
			for (int d = 0; d < (tiered ? ndisks : 1); d++) {
				struct cache *c = cache_new(p, bytes_unit, resolve(sizes[i], unit_ws),
				    tiered ? resolve(disks[d], unit_ws) : 0, err, sizeof err);

				if (!c)
					usageerr("-p: %s", err);
				sim_add(&sim, c);
			}
	}
	free(list);
	requests = pump(src, buf, n0, feed, &sim, !quiet);
	header(w, src, requests, ws, objects, bytes);
	sim_report(&sim, w);
	sim_free(&sim);
}

int
main(int argc, char **argv)
{
	struct pattern_opts pat = { .nobj = 10000, .nreq = 100000, .seed = 1 };
	struct trace_opts topt = { .format = FMT_AUTO };
	const char *pattern = NULL, *emit = NULL;
	struct source *src;
	struct req *buf;
	struct recw *w;
	uint64_t objects = 0, bytes = 0;
	int ch, bytes_unit, ws = 0, need_next;
	size_t n0;

	setargv0(argv[0]);
	while ((ch = getopt_long(argc, argv, "p:s:u:D:f:mk:N:n:jqhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			policies = optarg;
			given_p = 1;
			break;
		case 's':
			nsizes = parse_sizes("-s", optarg, &sizes);
			break;
		case 'u':
			if (!strcmp(optarg, "objects"))
				unit = 0;
			else if (!strcmp(optarg, "bytes"))
				unit = 1;
			else
				usageerr("-u: unit is objects or bytes, not '%s'", optarg);
			break;
		case 'D':
			ndisks = parse_sizes("-D", optarg, &disks);
			break;
		case 'f':
			topt.format = !strcmp(optarg, ORACLE_NAME) ? FMT_ORACLE :
			    cli_choice("-f", optarg, trace_formats);
			given_f = 1;
			break;
		case OPT_ID_COL:
			topt.id_col = optarg;
			given_f = 1;
			break;
		case OPT_SIZE_COL:
			topt.size_col = optarg;
			given_f = 1;
			break;
		case OPT_SKIP_BAD:
			topt.skip_bad = 1;
			given_f = 1;
			break;
		case 'm':
			mrc = 1;
			break;
		case 'k':
			if ((points = (int)count("-k", optarg)) < 2 || points > 100000)
				usageerr("-k: points must be 2..100000");
			given_k = 1;
			break;
		case OPT_SAMPLE: {
			char *end;

			sample = strtod(optarg, &end);
			if (*end || !(sample > 0 && sample <= 1))
				usageerr("--sample: rate must be in (0, 1], not '%s'", optarg);
			break;
		}
		case OPT_PATTERN:
			pattern = optarg;
			if (pattern_parse(optarg, &pat) < 0)
				usageerr("--pattern: unknown pattern '%s' (sequential, random, repeated, "
				    "zipf:ALPHA, scan[:SHARE])", optarg);
			break;
		case 'N':
			pat.nobj = count("-N", optarg);
			given_pat = 1;
			break;
		case 'n':
			pat.nreq = count("-n", optarg);
			given_pat = 1;
			break;
		case OPT_SEED:
			pat.seed = count("--seed", optarg);
			given_pat = 1;
			break;
		case OPT_OBJ_SIZE: {
			char *dash = strchr(optarg, '-');

			if (dash)
				*dash = '\0';
			if (parse_size(optarg, &pat.size_lo) < 0 ||
			    (dash && parse_size(dash + 1, &pat.size_hi) < 0) || pat.size_lo == 0)
				usageerr("--obj-size: expected SIZE or MIN-MAX, sizes above 0");
			if (!dash)
				pat.size_hi = pat.size_lo;
			if (pat.size_hi < pat.size_lo)
				usageerr("--obj-size: MIN above MAX");
			break;
		}
		case OPT_HOT:
			pat.hot = count("--hot", optarg);
			break;
		case OPT_EMIT:
			emit = optarg ? optarg : "text";
			if (strcmp(emit, "text") && strcmp(emit, "oracle"))
				usageerr("--emit-trace: format is text or oracle, not '%s'", emit);
			break;
		case 'j':
			json = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			efshut();
			return 0;
		case 'V':
			printf("cache-sim ipfsperf %s\n", IPFSPERF_VERSION);
			efshut();
			return 0;
		default:
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		usageerr("one trace at a time (or - for stdin)");
	if (pattern && argc)
		usageerr("--pattern generates the requests: no trace file too");
	if (!pattern && (emit || pat.size_lo || pat.hot || given_pat))
		usageerr("-N, -n, --seed, --obj-size, --hot and --emit-trace go with --pattern");
	if (pattern && given_f)
		usageerr("--pattern generates the requests: no input options");
	if (emit && (nsizes || ndisks || mrc || given_p || given_k || unit >= 0 || json ||
	    sample < 1))
		usageerr("--emit-trace writes the requests: no simulation options");
	if (pattern && pat.nobj == 0)
		usageerr("-N: at least one object");
	if (pattern && pat.nreq == 0)
		usageerr("-n: at least one request");
	if (emit && isatty(1) && !strcmp(emit, "oracle"))
		usageerr("--emit-trace=oracle: not writing binary records to a terminal");

	sig_init();
	if (emit) {
		if ((!strcmp(emit, "text") ? emit_text : emit_oracle)(&pat, stdout) < 0) {
			fflush(stdout);
			return EXIT_INTERRUPTED;
		}
		efshut();
		return 0;
	}
	if (!mrc && !nsizes)
		usageerr("no cache size: give -s (e.g. -s 64M,1G or -s 1%%,10%%)");
	if (mrc && (ndisks || given_p))
		usageerr("--mrc is the LRU curve: no -p or -D");
	if (mrc && nsizes && given_k)
		usageerr("--mrc: -s gives the sizes, -k a grid: not both");
	if (!mrc && given_k)
		usageerr("-k goes with --mrc");
	if (!mrc && sample < 1)
		usageerr("--sample goes with --mrc");
	if (!mrc)
		check_policies();

	need_next = !mrc && strstr(policies, "belady") != NULL;
	topt.need_next = need_next;
	src = pattern ? pattern_source(&pat, pattern) : trace_open(argc ? argv[0] : "-", &topt);
	if (has_pct(sizes, nsizes) || has_pct(disks, ndisks) || (need_next && !src->has_next)) {
		src = prepass_load(src, need_next && !src->has_next, &objects, &bytes, !quiet);
		ws = 1;
	}
	buf = emalloc(SIM_BATCH * sizeof *buf);
	n0 = src->read(src, buf, SIM_BATCH);
	if (n0 == 0 && !interrupted)
		eprintf("%s: no requests%s", src->name, src->dropped ?
		    " (only records of failed requests or without a cid)" : src->bad ?
		    " (only malformed lines, skipped)" : "");
	if (unit == 1 && n0 && !src->has_size)
		eprintf("%s: -u bytes, but the trace has no sizes", src->name);
	bytes_unit = unit >= 0 ? unit : src->has_size;

	w = recw_open(stdout, mrc ? mrc_cols : sim_cols, json);
	if (mrc)
		run_mrc(w, src, buf, n0, bytes_unit, ws, objects, bytes);
	else
		run_sim(w, src, buf, n0, bytes_unit, ws, objects, bytes);
	recw_close(w);
	src->close(src);
	free(buf);
	free(sizes);
	free(disks);
	return interrupted ? EXIT_INTERRUPTED : 0;
}
