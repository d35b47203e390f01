/* prof-diff: summarize a profile, or compare two, with benchstat-style statistics. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cli.h"
#include "base/util.h"
#include "rec/read.h"
#include "stats/profile.h"
#include "stats/report.h"

_Noreturn static void
usage(void)
{
	fputs("usage: prof-diff [-j] [-a alpha] [-c key[=old,new,...]] [-g keys] [-m metrics]\n"
	    "                 [-o text|tsv|json] [--fail-slower pct] file [file]\n", stdout);
	efshut();
	exit(0);
}

static double
number(const char *opt, const char *s, double lo, double hi)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !(v >= lo && v <= hi))
		usageerr("%s: bad value '%s'", opt, s);
	return v;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "alpha", required_argument, NULL, 'a' },
		{ "compare", required_argument, NULL, 'c' },
		{ "group", required_argument, NULL, 'g' },
		{ "metric", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "fail-slower", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct reportopts o = { .alpha = 0.05, .format = OUT_TEXT, .fail_slower = -1 };
	const char *groupby = NULL, *metrics = NULL, *split = NULL;
	struct recr *in[2];
	struct profset ps;
	unsigned long bad;
	size_t nin, slower = 0;
	int c;

	setargv0(argv[0]);
	while ((c = getopt_long(argc, argv, "a:c:g:m:o:jhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			o.alpha = number("-a", optarg, 1e-12, 0.5);
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
			if (!strcmp(optarg, "text"))
				o.format = OUT_TEXT;
			else if (!strcmp(optarg, "tsv"))
				o.format = OUT_TSV;
			else if (!strcmp(optarg, "json"))
				o.format = OUT_JSON;
			else
				usageerr("-o: expected text, tsv or json, not '%s'", optarg);
			break;
		case 'j':
			o.format = OUT_JSON;
			break;
		case 'F':
			o.fail_slower = number("--fail-slower", optarg, 0, 1e9);
			break;
		case 'h':
			usage();
		case 'V':
			cli_version();
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
