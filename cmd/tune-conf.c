/* tune-conf: turn profiles and miss-ratio curves into recommendations and a reversible config patch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cli.h"
#include "base/sig.h"
#include "base/util.h"
#include "net/discover.h"
#include "net/http.h"
#include "tune/evidence.h"
#include "tune/keys.h"
#include "tune/node.h"
#include "tune/patch.h"
#include "tune/recommend.h"

static const char synopsis[] =
"usage: tune-conf [-jnq] [-p profile ...] [-c cache ...] [-a alpha] [-t target-hit-ratio]\n"
"       [-m memory] [-g growth] [--large size] [--api-factor x] [--patch]\n"
"       [--apply [--restart-ok] [--backup file]] [--api url] [--api-auth-file file]\n"
"       [--timeout duration] [--max-reply size]\n"
"       tune-conf [-jq] --apply --from patch [--restart-ok] [--backup file] [--api url]\n"
"       tune-conf [-q] --revert backup [--other-node] [--api url] [--api-auth-file file]\n"
"       tune-conf [-j] --keys";

enum { O_LARGE = CLI_LONG, O_FACTOR, O_PATCH, O_APPLY, O_FROM, O_BACKUP, O_RESTART, O_REVERT,
	O_API, O_AUTHFILE, O_TIMEOUT, O_KEYS, O_OTHER, O_MAXREPLY };

static const struct cli_opt tuneopts[] = {
	{ "profile", 'p', required_argument, "file", "timing records or a prof-diff -o tsv comparison" },
	{ "cache", 'c', required_argument, "file", "cache-sim results or a --mrc curve" },
	{ "alpha", 'a', required_argument, "alpha", "significance level of the tests (0.05)" },
	{ "target-hit-ratio", 't', required_argument, "ratio", "the hit ratio a cache must reach (0.9)" },
	{ "memory", 'm', required_argument, "size", "memory the node may use (the profile rule)" },
	{ "growth", 'g', required_argument, "size", "expected growth of the repo (0)" },
	{ "large", O_LARGE, required_argument, "size", "additions from this size on are large (1M)" },
	{ "api-factor", O_FACTOR, required_argument, "x", "a call this many times the floor is slow (10)" },
	{ "offline", 'n', no_argument, NULL, "do not ask the node; Kubo's defaults assumed" },
	{ "patch", O_PATCH, no_argument, NULL, "print the patch (ipfs config lines; JSON with -j)" },
	{ "apply", O_APPLY, no_argument, NULL, "apply the patch: backup, set, read back, restore on failure" },
	{ "from", O_FROM, required_argument, "patch", "with --apply: this reviewed -j --patch file" },
	{ "backup", O_BACKUP, required_argument, "file", "with --apply: the backup to create" },
	{ "restart-ok", O_RESTART, no_argument, NULL, "with --apply: also keys that need a restart" },
	{ "revert", O_REVERT, required_argument, "backup", "restore the values of a backup" },
	{ "other-node", O_OTHER, no_argument, NULL, "with --revert: also on a node the backup was not made on" },
	{ "keys", O_KEYS, no_argument, NULL, "print the keys tune-conf may change (TSV; JSON with -j)" },
	{ "api", O_API, required_argument, "url", "the RPC API (URL or multiaddr)" },
	{ "api-auth-file", O_AUTHFILE, required_argument, "file", "RPC API credentials" },
	{ "timeout", O_TIMEOUT, required_argument, "duration", "give up on a request after it (120s; 0: never)" },
	{ "max-reply", O_MAXREPLY, required_argument, "size", "longest reply buffered (64M)" },
	{ "json", 'j', no_argument, NULL, "JSON Lines" },
	{ "quiet", 'q', no_argument, NULL, "no messages but errors" },
	{ NULL, 0, 0, NULL, NULL }
};
static const struct cli_opt *const opts[] = { tuneopts, cli_std, NULL };

static void
addfile(char ***v, size_t *n, size_t *cap, const char *s)
{
	egrow((void **)v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = (char *)s;
}

int
main(int argc, char *argv[])
{
	struct tune_opts o = { .alpha = 0.05, .target = 0.9, .api_factor = 10, .large = 1 << 20 };
	struct tune_applyopts ao = { 0 };
	char **prof = NULL, **cache = NULL, *api, *auth, err[768];
	const char *from = NULL, *revert = NULL, *apiflag = NULL, *authfile = NULL;
	double timeout = 120;
	size_t np = 0, nc = 0, pcap = 0, ccap = 0, nstdin = 0;
	int c, json = 0, quiet = 0, offline = 0, patch = 0, apply = 0, rc = 0, keys = 0, other = 0;
	struct tune_evidence ev = { 0 };
	struct tune_node node;
	struct tune_recs recs = { 0 };
	struct tune_patch p = { 0 };
	struct tune_backup bk = { 0 };

	setargv0(argv[0]);
	cli_usage(synopsis);
	while ((c = cli_next(argc, argv, opts)) != -1) {
		switch (c) {
		case 'p': addfile(&prof, &np, &pcap, optarg); break;
		case 'c': addfile(&cache, &nc, &ccap, optarg); break;
		case 'a': o.alpha = cli_range("--alpha", optarg, 1e-12, 0.5); break;
		case 't': o.target = cli_range("--target-hit-ratio", optarg, 1e-9, 1); break;
		case 'm': o.memory = cli_size("--memory", optarg); break;
		case 'g': o.growth = cli_size("--growth", optarg); break;
		case O_LARGE: o.large = cli_size("--large", optarg); break;
		case O_FACTOR: o.api_factor = cli_range("--api-factor", optarg, 1, 1e9); break;
		case 'n': offline = 1; break;
		case O_PATCH: patch = 1; break;
		case O_APPLY: apply = 1; break;
		case O_FROM: from = optarg; break;
		case O_BACKUP: ao.backup = optarg; break;
		case O_RESTART: ao.restart_ok = 1; break;
		case O_REVERT: revert = optarg; break;
		case O_OTHER: other = 1; break;
		case O_KEYS: keys = 1; break;
		case O_API: apiflag = cli_nonempty("--api", optarg); break;
		case O_TIMEOUT: timeout = cli_duration("--timeout", optarg); break;
		case O_MAXREPLY: http_max_reply_opt(optarg); break;
		case O_AUTHFILE: authfile = cli_nonempty("--api-auth-file", optarg); break;
		case 'j': json = 1; break;
		case 'q': quiet = 1; break;
		default: cli_badopt();
		}
	}
	if (optind < argc)
		usageerr("unexpected argument '%s': inputs are given with -p and -c", argv[optind]);
	for (size_t i = 0; i < np + nc; i++)
		nstdin += !strcmp(i < np ? prof[i] : cache[i - np], "-");
	if (nstdin > 1)
		usageerr("only one input can be stdin");
	if (keys && (revert || apply || from || patch || np || nc || offline || other || ao.backup ||
	    ao.restart_ok || apiflag || authfile))
		usageerr("--keys takes -j alone");
	if (keys) {
		tune_keys_print(json, stdout);
		efshut();
		return 0;
	}
	if (other && !revert)
		usageerr("--other-node: only with --revert");
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
			rc = EXIT_RUNTIME;
	} else if (from) {
		if (patch_read(&p, from) < 0 || patch_check(&p) < 0)
			rc = EXIT_RUNTIME;
	} else if (evidence_load(&ev, prof, np, cache, nc) < 0) {
		rc = EXIT_RUNTIME;
	}
	if (rc) {	/* what was read before the error */
		backup_free(&bk);
		patch_free(&p);
		evidence_free(&ev);
		free(prof);
		free(cache);
		return rc;
	}

	if (!offline) {
		api = discover_api(apiflag);
		auth = discover_auth(authfile, api);
		if (node_open(&node, api, auth, timeout, err, sizeof err) < 0 ||
		    (!revert && !from && node_state(&node, err, sizeof err) < 0))
			eprintf("the node at %s: %s%s", url_redact(api), err,
			    revert || apply ? "" : " (--offline tunes from the records alone)");
		free(api);
	}
	if (revert) {
		sig_init();
		rc = patch_revert(&node, &bk, other, quiet) < 0 ? EXIT_RUNTIME : 0;
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
