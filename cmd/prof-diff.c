/* prof-diff: summarize a profile, or compare two, with benchstat-style statistics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cli.h"
#include "base/util.h"
#include "rec/read.h"
#include "stats/profile.h"
#include "stats/report.h"

static const char synopsis[] =
"usage: prof-diff [-j] [-a alpha] [-c key[=old,new,...]] [-g keys] [-m metrics]\n"
"                 [-o text|tsv|json] [--fail-slower pct] file [file]\n";

enum { O_FAILSLOWER = CLI_LONG };

static const struct cli_opt diffopts[] = {
	{ "alpha", 'a', required_argument, "alpha", "significance level; intervals at 1 - alpha (0.05)" },
	{ "compare", 'c', required_argument, "key[=old,new]", "compare the values of a column inside one file" },
	{ "group", 'g', required_argument, "keys", "key columns of a group (op,via,size,access,label)" },
	{ "metric", 'm', required_argument, "metrics", "metric columns (t_total,mb_per_s)" },
	{ "output", 'o', required_argument, "text|tsv|json", "an aligned table, or records" },
	{ "json", 'j', no_argument, NULL, "the same as -o json" },
	{ "fail-slower", O_FAILSLOWER, required_argument, "pct", "exit 1 when a group is significantly slower by more" },
	{ NULL, 0, 0, NULL, NULL }
};
static const struct cli_opt *const opts[] = { diffopts, cli_std, NULL };

int
main(int argc, char **argv)
{
	static const char *const formats[] = { "text", "tsv", "json", NULL };
	struct reportopts o = { .alpha = 0.05, .format = OUT_TEXT, .fail_slower = -1 };
	const char *groupby = NULL, *metrics = NULL, *split = NULL;
	struct recr *in[2];
	struct profset ps;
	unsigned long bad;
	size_t nin, slower = 0;
	int c;

	setargv0(argv[0]);
	cli_usage(synopsis);
	while ((c = cli_next(argc, argv, opts)) != -1) {
		switch (c) {
		case 'a':
			o.alpha = cli_range("-a", optarg, 1e-12, 0.5);
			break;
		case 'c':
			if (!*optarg || *optarg == '=')
				usageerr("-c: name a column");
			split = optarg;
			break;
		case 'g':
			groupby = optarg;
			break;
		case 'm':
			metrics = optarg;
			break;
		case 'o':
			o.format = cli_choice("-o", optarg, formats);	/* OUT_TEXT, OUT_TSV, OUT_JSON */
			break;
		case 'j':
			o.format = OUT_JSON;
			break;
		case O_FAILSLOWER:
			o.fail_slower = cli_range("--fail-slower", optarg, 0, 1e9);
			break;
		default:
			cli_badopt();
		}
	}
	argv += optind;
	nin = argc - optind;
	if (nin < 1 || nin > 2)
		usageerr("expected one file to summarize or two to compare");
	if (split && nin != 1)
		usageerr("-c compares values inside one file; give one file");
	if (nin == 2 && !strcmp(argv[0], "-") && !strcmp(argv[1], "-"))
		usageerr("only one input can be stdin");
	if (o.fail_slower >= 0 && nin == 1 && !split)
		usageerr("--fail-slower needs a comparison: two files, or -c");

	for (size_t i = 0; i < nin; i++)
		if (!(in[i] = recr_open(argv[i], NULL)))
			return EXIT_RUNTIME;
	profset_init(&ps, in, argv, nin, groupby, metrics, split);
	for (size_t i = 0; i < nin; i++) {
		profset_read(&ps, in[i], i, strcmp(argv[i], "-") ? argv[i] : "stdin");
		recr_close(in[i]);
	}
	if (ps.nprof > 1)
		slower = report_compare(&ps, &o, stdout);
	else
		report_summary(&ps, &o, stdout);
	efshut();
	bad = ps.bad + ps.nomatch;
	if (ps.bad)
		weprintf("%lu malformed record%s skipped", ps.bad, ps.bad == 1 ? "" : "s");
	profset_free(&ps);
	return bad || slower ? EXIT_RUNTIME : 0;
}
