/* base/cli.c: option-argument parsing with usage errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

uint64_t
cli_amount(const char *opt, const char *arg, uint64_t min)
{
	uint64_t v;

	if (parse_size(arg, &v) < 0 || v < min)
		usageerr("%s: expected a whole number >= %llu (k, M, G allowed), got '%s'",
		    opt, (unsigned long long)min, arg);
	return v;
}

double
cli_range(const char *opt, const char *arg, double lo, double hi)
{
	char *end;
	double v = strtod(arg, &end);

	if (end == arg || *end || !(v >= lo && v <= hi))
		usageerr("%s: expected a number from %g to %g, got '%s'", opt, lo, hi, arg);
	return v;
}

int
cli_choice(const char *opt, const char *arg, const char *const *choices)
{
	char list[256] = "";
	size_t used = 0;

	for (int i = 0; choices[i]; i++)
		if (!strcmp(arg, choices[i]))
			return i;
	for (int i = 0; choices[i] && used < sizeof list; i++)
		used += snprintf(list + used, sizeof list - used, "%s%s",
		    i ? (choices[i + 1] ? ", " : " or ") : "", choices[i]);
	usageerr("%s: expected %s, got '%s'", opt, list, arg);
}

int
cli_bool(const char *opt, const char *arg)
{
	if (!arg || !strcmp(arg, "true") || !strcmp(arg, "1"))
		return 1;
	if (!strcmp(arg, "false") || !strcmp(arg, "0"))
		return 0;
	usageerr("%s: expected true or false, got '%s'", opt, arg);
}

const char *
cli_nonempty(const char *opt, const char *arg)
{
	if (!*arg)
		usageerr("%s: empty argument", opt);
	return arg;
}

const struct cli_opt cli_std[] = {
	{ "help", 'h', no_argument, NULL, "print this usage and exit" },
	{ "version", 'V', no_argument, NULL, "print the version and exit" },
	{ NULL, 0, 0, NULL, NULL }
};

static const char *synopsis = "";

void
cli_usage(const char *s)
{
	synopsis = s;
}

/* The tables' getopt_long arrays, built once. */
int
cli_next(int argc, char *argv[], const struct cli_opt *const *tables)
{
	static const struct cli_opt *const *built;
	static struct option *longopts;
	static char shortopts[256];
	int c;

	if (built != tables) {
		size_t n = 0, k = 0, s = 0;

		for (size_t t = 0; tables[t]; t++)
			for (const struct cli_opt *o = tables[t]; o->name; o++)
				n++;
		free(longopts);
		longopts = ecalloc(n + 1, sizeof *longopts);
		shortopts[s++] = ':';	/* a missing argument is ':', said here */
		for (size_t t = 0; tables[t]; t++)
			for (const struct cli_opt *o = tables[t]; o->name; o++, k++) {
				longopts[k] = (struct option){ o->name, o->arg, NULL, o->key };
				if (o->key < CLI_LONG && s + 3 < sizeof shortopts) {
					shortopts[s++] = (char)o->key;
					if (o->arg != no_argument)
						shortopts[s++] = ':';
					if (o->arg == optional_argument)
						shortopts[s++] = ':';
				}
			}
		shortopts[s] = '\0';
		built = tables;
	}
	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	switch (c) {
	case 'h':
		cli_help(tables);
	case 'V':
		cli_version();
	case ':':
		if (optopt && optopt < CLI_LONG)
			weprintf("-%c: a value is missing", optopt);
		else
			weprintf("%s: a value is missing", argv[optind - 1]);
		cli_badopt();
	case '?':
		if (optopt && optopt < CLI_LONG)
			weprintf("unknown option -%c", optopt);
		else
			weprintf("unknown option %s", argv[optind - 1]);
		cli_badopt();
	}
	return c;
}

void
cli_help(const struct cli_opt *const *tables)
{
	printf("%s\n", synopsis);
	for (size_t t = 0; tables[t]; t++)
		for (const struct cli_opt *o = tables[t]; o->name; o++) {
			char head[96];
			int n;

			if (o->key < CLI_LONG)
				n = snprintf(head, sizeof head, "  -%c, --%s", o->key, o->name);
			else
				n = snprintf(head, sizeof head, "      --%s", o->name);
			if (o->argname && (size_t)n < sizeof head)
				snprintf(head + n, sizeof head - n, o->arg == optional_argument ?
				    "[=%s]" : " %s", o->argname);
			printf("%-30s %s\n", head, o->help);
		}
	printf("\nSee %s(1) for the whole reference.\n", argv0);
	efshut();
	exit(0);
}

void
cli_version(void)
{
	printf("%s ipfsperf %s\n", argv0, IPFSPERF_VERSION);
	efshut();
	exit(0);
}

void
cli_badopt(void)
{
	fprintf(stderr, "Try '%s --help'.\n", argv0);
	exit(EXIT_USAGE);
}
