/* tune-conf: turn profiles and miss-ratio curves into recommendations and a reversible config patch. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cli.h"
#include "base/sig.h"
#include "base/util.h"
#include "net/discover.h"
#include "tune/evidence.h"
#include "tune/node.h"
#include "tune/patch.h"
#include "tune/recommend.h"

static _Noreturn void
usage(void)
{
	printf("usage: %s [-jnq] [-p profile ...] [-c cache ...] [-a alpha] [-t target-hit-ratio]\n"
	    "       [-m memory] [-g growth] [--large size] [--api-factor x] [--patch]\n"
	    "       [--apply [--restart-ok] [--backup file]] [--api url] [--api-auth-file file]\n"
	    "       %s [-jq] --apply --from patch [--restart-ok] [--backup file] [--api url]\n"
	    "       %s [-q] --revert backup [--api url] [--api-auth-file file]\n", argv0, argv0, argv0);
	efshut();
	exit(0);
}

enum { O_LARGE = 256, O_FACTOR, O_PATCH, O_APPLY, O_FROM, O_BACKUP, O_RESTART, O_REVERT, O_API,
	O_AUTHFILE };

static double
number(const char *opt, const char *s, double lo, double hi)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !(v >= lo && v <= hi))
		usageerr("%s: expected a number from %g to %g, got '%s'", opt, lo, hi, s);
	return v;
}

static void
addfile(char ***v, size_t *n, size_t *cap, const char *s)
{
	egrow((void **)v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = (char *)s;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "cache", required_argument, NULL, 'c' },
		{ "alpha", required_argument, NULL, 'a' },
		{ "target-hit-ratio", required_argument, NULL, 't' },
		{ "memory", required_argument, NULL, 'm' },
		{ "growth", required_argument, NULL, 'g' },
		{ "large", required_argument, NULL, O_LARGE },
		{ "api-factor", required_argument, NULL, O_FACTOR },
		{ "offline", no_argument, NULL, 'n' },
		{ "patch", no_argument, NULL, O_PATCH },
		{ "apply", no_argument, NULL, O_APPLY },
		{ "from", required_argument, NULL, O_FROM },
		{ "backup", required_argument, NULL, O_BACKUP },
		{ "restart-ok", no_argument, NULL, O_RESTART },
		{ "revert", required_argument, NULL, O_REVERT },
		{ "api", required_argument, NULL, O_API },
		{ "api-auth-file", required_argument, NULL, O_AUTHFILE },
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct tune_opts o = { .alpha = 0.05, .target = 0.9, .api_factor = 10, .large = 1 << 20 };
	struct tune_applyopts ao = { 0 };
	char **prof = NULL, **cache = NULL, *api, *auth, err[768];
	const char *from = NULL, *revert = NULL, *apiflag = NULL, *authfile = NULL;
	size_t np = 0, nc = 0, pcap = 0, ccap = 0, nstdin = 0;
	int c, json = 0, quiet = 0, offline = 0, patch = 0, apply = 0, rc = 0;
	struct tune_evidence ev = { 0 };
	struct tune_node node;
	struct tune_recs recs = { 0 };
	struct tune_patch p = { 0 };
	struct tune_backup bk = { 0 };

	setargv0(argv[0]);
	while ((c = getopt_long(argc, argv, "p:c:a:t:m:g:njqhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': addfile(&prof, &np, &pcap, optarg); break;
		case 'c': addfile(&cache, &nc, &ccap, optarg); break;
		case 'a': o.alpha = number("--alpha", optarg, 1e-12, 0.5); break;
		case 't': o.target = number("--target-hit-ratio", optarg, 1e-9, 1); break;
		case 'm': o.memory = cli_size("--memory", optarg); break;
		case 'g': o.growth = cli_size("--growth", optarg); break;
		case O_LARGE: o.large = cli_size("--large", optarg); break;
		case O_FACTOR: o.api_factor = number("--api-factor", optarg, 1, 1e9); break;
		case 'n': offline = 1; break;
		case O_PATCH: patch = 1; break;
		case O_APPLY: apply = 1; break;
		case O_FROM: from = optarg; break;
		case O_BACKUP: ao.backup = optarg; break;
		case O_RESTART: ao.restart_ok = 1; break;
		case O_REVERT: revert = optarg; break;
		case O_API: apiflag = optarg; break;
		case O_AUTHFILE: authfile = optarg; break;
		case 'j': json = 1; break;
		case 'q': quiet = 1; break;
		case 'h': usage();
		case 'V': cli_version();
		default: cli_badopt();
		}
	}
	if (optind < argc)
		usageerr("unexpected argument '%s': inputs are given with -p and -c", argv[optind]);
	for (size_t i = 0; i < np + nc; i++)
		nstdin += !strcmp(i < np ? prof[i] : cache[i - np], "-");
	if (nstdin > 1)
		usageerr("only one input can be stdin");
	if (revert && (apply || from || patch || np || nc || offline || ao.backup || ao.restart_ok))
		usageerr("--revert takes the backup file alone (and --api)");
	if ((from || ao.backup || ao.restart_ok) && !apply)
		usageerr("%s: only with --apply", from ? "--from" : ao.backup ? "--backup" : "--restart-ok");
	if (from && (np || nc))
		usageerr("--from applies a reviewed patch: no -p or -c with it");
	if (from && !strcmp(from, "-") && nstdin)
		usageerr("only one input can be stdin");
	if (apply && offline)
		usageerr("--apply needs the node: not with --offline");
	if (apply && patch)
		usageerr("--apply prints what it set: no --patch with it");
	if (offline && !np && !nc)
		usageerr("nothing to tune from: give -p or -c, or leave out --offline");

	ao.quiet = quiet;
	ao.json = json;
	/* everything that can be checked is, before the node is asked anything */
	if (revert) {
		if (backup_load(&bk, revert) < 0)
			return EXIT_RUNTIME;
	} else if (from) {
		if (patch_read(&p, from) < 0 || patch_check(&p) < 0)
			return EXIT_RUNTIME;
	} else if (evidence_load(&ev, prof, np, cache, nc) < 0) {
		return EXIT_RUNTIME;
	}

	if (!offline) {
		api = discover_api(apiflag);
		auth = discover_auth(authfile);
		if (node_open(&node, api, auth, err, sizeof err) < 0 ||
		    (!revert && !from && node_state(&node, err, sizeof err) < 0))
			eprintf("the node at %s: %s%s", url_redact(api), err,
			    revert || apply ? "" : " (--offline tunes from the records alone)");
		free(api);
	}
	if (revert) {
		sig_init();
		rc = patch_revert(&node, &bk, quiet) < 0 ? EXIT_RUNTIME : 0;
		backup_free(&bk);
		node_close(&node);
		return rc;
	}
	if (!from) {
		tune_recommend(&ev, offline ? NULL : &node, &o, &recs);
		tune_patch_of(&recs, &p);
		if (patch)
			patch_print(&p, json, offline ? "an offline tune (current values unknown)" : node.name,
			    stdout);
		else if (!apply)
			tune_report(&recs, offline ? NULL : &node, json, stdout);
		efshut();
	}
	if (apply) {
		sig_init();
		if (p.n == 0) {
			if (!quiet)
				weprintf("nothing to apply: no change recommended");
		} else {
			int r = patch_apply(&node, &p, &ao);

			rc = r == -2 ? EXIT_INTERRUPTED : r < 0 ? EXIT_RUNTIME : 0;
		}
		efshut();
	}
	patch_free(&p);
	tune_recs_free(&recs);
	evidence_free(&ev);
	if (!offline)
		node_close(&node);
	free(prof);
	free(cache);
	return rc;
}
