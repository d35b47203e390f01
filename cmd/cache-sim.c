/* cache-sim: trace-driven cache simulation: policies, sizes, tiers, miss-ratio curves. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cli.h"
#include "base/sig.h"
#include "base/units.h"
#include "base/util.h"
#include "sim/job.h"
#include "sim/oracle.h"

static const char synopsis[] =
"usage: cache-sim [-jq] [-p policy[,...]] -s size[,...] [-u objects|bytes]\n"
"                 [-D size[,...]] [-f format] [--id-col col] [--size-col col]\n"
"                 [--skip-bad] [file | -]\n"
"       cache-sim --mrc [-jq] [-u objects|bytes] [-k points] [--sample rate]\n"
"                 [-s size[,...]] [input options] [file | -]\n"
"       cache-sim --pattern pattern [-N objects] [-n requests] [--seed n]\n"
"                 [--obj-size size[-size]] [--hot n] [--emit-trace[=text|oracle]]\n"
"                 [simulation options]\n";

enum {
	O_ID_COL = CLI_LONG, O_SIZE_COL, O_SKIP_BAD, O_SAMPLE, O_PATTERN, O_SEED,
	O_OBJ_SIZE, O_HOT, O_EMIT,
};

static const struct cli_opt simopts[] = {
	{ "policy", 'p', required_argument, "policy[,...]", "the policies, each name[:key=value...] (lru)" },
	{ "size", 's', required_argument, "size[,...]", "cache sizes: 1000, 64k, 10M, 2G, or P% of the working set" },
	{ "unit", 'u', required_argument, "objects|bytes", "count capacity in objects or bytes (bytes when sized)" },
	{ "disk-size", 'D', required_argument, "size[,...]", "the disk tier's sizes, for tiered policies" },
	{ "format", 'f', required_argument, "format", "auto, text, csv, tsv, oracle or records (auto)" },
	{ "id-col", O_ID_COL, required_argument, "col", "the id column, by header name or number" },
	{ "size-col", O_SIZE_COL, required_argument, "col", "the size column, by header name or number" },
	{ "skip-bad", O_SKIP_BAD, no_argument, NULL, "count malformed lines and go on" },
	{ "mrc", 'm', no_argument, NULL, "the exact LRU miss-ratio curve instead" },
	{ "points", 'k', required_argument, "points", "sizes on the curve's logarithmic grid (40)" },
	{ "sample", O_SAMPLE, required_argument, "rate", "with --mrc: follow that share of the objects (SHARDS)" },
	{ "pattern", O_PATTERN, required_argument, "pattern", "generate requests: sequential, random, repeated, zipf:A, scan[:S]" },
	{ "objects", 'N', required_argument, "n", "objects in the pattern (10000)" },
	{ "requests", 'n', required_argument, "n", "requests in the pattern (100000)" },
	{ "seed", O_SEED, required_argument, "n", "the pattern's seed (1)" },
	{ "obj-size", O_OBJ_SIZE, required_argument, "size[-size]", "the pattern's object sizes: fixed, or uniform in a range" },
	{ "hot", O_HOT, required_argument, "n", "the hot set of repeated and scan (a tenth of the objects)" },
	{ "emit-trace", O_EMIT, optional_argument, "text|oracle", "write the pattern's requests instead of simulating" },
	{ "json", 'j', no_argument, NULL, "JSON Lines" },
	{ "quiet", 'q', no_argument, NULL, "no progress on stderr" },
	{ NULL, 0, 0, NULL, NULL }
};
static const struct cli_opt *const opts[] = { simopts, cli_std, NULL };

/* Options that need others: they were given. */
struct given {
	int p, k, f, pat;
};

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

/* SIZE or MIN-MAX, sizes above 0. */
static void
parse_obj_size(char *arg, struct pattern_opts *pat)
{
	char *dash = strchr(arg, '-');

	if (dash)
		*dash++ = '\0';
	pat->size_lo = cli_size("--obj-size", arg);
	pat->size_hi = dash ? cli_size("--obj-size", dash) : pat->size_lo;
	if (pat->size_lo == 0)
		usageerr("--obj-size: expected SIZE or MIN-MAX, sizes above 0");
	if (pat->size_hi < pat->size_lo)
		usageerr("--obj-size: MIN above MAX");
}

/* The rules between options, and the operands: usage errors. */
static void
check(const struct simjob *j, const struct given *g, int nargs)
{
	char err[256];
	int tiered;

	if (nargs > 1)
		usageerr("one trace at a time (or - for stdin)");
	if (j->pattern && nargs)
		usageerr("--pattern generates the requests: no trace file too");
	if (!j->pattern && (j->emit != EMIT_NONE || j->pat.size_lo || j->pat.hot || g->pat))
		usageerr("-N, -n, --seed, --obj-size, --hot and --emit-trace go with --pattern");
	if (j->pattern && g->f)
		usageerr("--pattern generates the requests: no input options");
	if (j->emit != EMIT_NONE && (j->nsizes || j->ndisks || j->mrc || g->p || g->k ||
	    j->unit >= 0 || j->json || j->sample < 1))
		usageerr("--emit-trace writes the requests: no simulation options");
	if (j->pattern && j->pat.nobj == 0)
		usageerr("-N: at least one object");
	if (j->pattern && j->pat.nreq == 0)
		usageerr("-n: at least one request");
	if (j->emit == EMIT_ORACLE && isatty(1))
		usageerr("--emit-trace=oracle: not writing binary records to a terminal");
	if (j->emit != EMIT_NONE)
		return;
	if (!j->mrc && !j->nsizes)
		usageerr("no cache size: give -s (e.g. -s 64M,1G or -s 1%%,10%%)");
	if (j->mrc && (j->ndisks || g->p))
		usageerr("--mrc is the LRU curve: no -p or -D");
	if (j->mrc && j->nsizes && g->k)
		usageerr("--mrc: -s gives the sizes, -k a grid: not both");
	if (!j->mrc && g->k)
		usageerr("-k goes with --mrc");
	if (!j->mrc && j->sample < 1)
		usageerr("--sample goes with --mrc");
	if (j->mrc)
		return;
	if (simjob_policies(j->policies, &tiered, err, sizeof err) < 0)
		usageerr("-p: %s", err);
	if (tiered && !j->ndisks)
		usageerr("-p tiered needs the disk tier's size (-D)");
	if (!tiered && j->ndisks)
		usageerr("-D sizes the disk tier of -p tiered only");
}

int
main(int argc, char **argv)
{
	static const char *const units[] = { "objects", "bytes", NULL };
	static const char *const emits[] = { "text", "oracle", NULL };	/* EMIT_TEXT, EMIT_ORACLE */
	struct simjob j = {
		.pat = { .nobj = 10000, .nreq = 100000, .seed = 1 },
		.trace = { .format = FMT_AUTO }, .emit = EMIT_NONE,
		.policies = "lru", .unit = -1, .points = 40, .sample = 1,
	};
	struct given g = { 0 };
	int ch, rc;

	setargv0(argv[0]);
	cli_usage(synopsis);
	while ((ch = cli_next(argc, argv, opts)) != -1) {
		switch (ch) {
		case 'p': j.policies = optarg; g.p = 1; break;
		case 's': j.nsizes = parse_sizes("-s", optarg, &j.sizes); break;
		case 'u': j.unit = cli_choice("-u", optarg, units); break;
		case 'D': j.ndisks = parse_sizes("-D", optarg, &j.disks); break;
		case 'f':
			/* oracleGeneral, libCacheSim's name, is oracle too */
			j.trace.format = !strcmp(optarg, ORACLE_NAME) ? FMT_ORACLE :
			    cli_choice("-f", optarg, trace_formats);
			g.f = 1;
			break;
		case O_ID_COL: j.trace.id_col = optarg; g.f = 1; break;
		case O_SIZE_COL: j.trace.size_col = optarg; g.f = 1; break;
		case O_SKIP_BAD: j.trace.skip_bad = 1; g.f = 1; break;
		case 'm': j.mrc = 1; break;
		case 'k': {
			uint64_t k = cli_amount("-k", optarg, 0);

			if (k < 2 || k > 100000)
				usageerr("-k: points must be 2..100000");
			j.points = (int)k;
			g.k = 1;
			break;
		}
		case O_SAMPLE:
			if ((j.sample = cli_range("--sample", optarg, 0, 1)) == 0)
				usageerr("--sample: a rate above 0");
			break;
		case O_PATTERN:
			j.pattern = optarg;
			if (pattern_parse(optarg, &j.pat) < 0)
				usageerr("--pattern: unknown pattern '%s' (sequential, random, repeated, "
				    "zipf:ALPHA, scan[:SHARE])", optarg);
			break;
		case 'N': j.pat.nobj = cli_amount("-N", optarg, 0); g.pat = 1; break;
		case 'n': j.pat.nreq = cli_amount("-n", optarg, 0); g.pat = 1; break;
		case O_SEED: j.pat.seed = cli_amount("--seed", optarg, 0); g.pat = 1; break;
		case O_OBJ_SIZE: parse_obj_size(optarg, &j.pat); break;
		case O_HOT: j.pat.hot = cli_amount("--hot", optarg, 0); break;
		case O_EMIT:
			j.emit = optarg ? cli_choice("--emit-trace", optarg, emits) : EMIT_TEXT;
			break;
		case 'j': j.json = 1; break;
		case 'q': j.quiet = 1; break;
		default: cli_badopt();
		}
	}
	check(&j, &g, argc - optind);
	j.path = optind < argc ? argv[optind] : "-";

	sig_init();
	rc = simjob_run(&j, stdout);
	free(j.sizes);
	free(j.disks);
	return rc;
}
