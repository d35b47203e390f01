/* base/cli.c: option-argument parsing with usage errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/cli.h"
#include "base/units.h"
#include "base/util.h"
#include "base/version.h"

long
cli_count(const char *opt, const char *arg, long min)
{
	long v;

	if (parse_count(arg, &v) < 0 || v < min)
		usageerr("%s: expected a whole number >= %ld, got '%s'", opt, min, arg);
	return v;
}

uint64_t
cli_size(const char *opt, const char *arg)
{
	uint64_t v;

	if (parse_size(arg, &v) < 0)
		usageerr("%s: expected a size like 4096, 256k, 10M or 2G, got '%s'", opt, arg);
	return v;
}

double
cli_duration(const char *opt, const char *arg)
{
	double v;

	if (parse_duration(arg, &v) < 0 || !(v >= 0 && v <= 1e8))
		usageerr("%s: expected a duration like 500ms, 2s or 1m (at most 1e8 s), got '%s'",
		    opt, arg);
	return v;
}

double
cli_number(const char *opt, const char *arg)
{
	char *end;
	double v = strtod(arg, &end);

	if (end == arg || *end || !isfinite(v) || v <= 0)
		usageerr("%s: expected a positive number, got '%s'", opt, arg);
	return v;
}

void
cli_version(void)
{
	printf("%s ipfsperf %s\n", argv0, IPFSPERF_VERSION);
	exit(0);
}

void
cli_badopt(void)
{
	fprintf(stderr, "Try '%s --help'.\n", argv0);
	exit(EXIT_USAGE);
}
