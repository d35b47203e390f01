/* base/cli.h: option-argument parsing that ends in a usage error naming the flag. */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>
#include <stdint.h>

/* A count >= min, else a usage error "OPT: bad count 'ARG'". */
long cli_count(const char *opt, const char *arg, long min);
/* A size ("1k", "10M"...), else a usage error. */
uint64_t cli_size(const char *opt, const char *arg);
/* A duration ("500ms", "2s"...), else a usage error. */
double cli_duration(const char *opt, const char *arg);
/* A positive decimal number, else a usage error. */
double cli_number(const char *opt, const char *arg);
/* A whole number >= min with an optional k, M, G suffix (powers of 1024,
 * as "-n 10M" requests), else a usage error. */
uint64_t cli_amount(const char *opt, const char *arg, uint64_t min);
/* A decimal number in [lo, hi], else a usage error naming the range. */
double cli_range(const char *opt, const char *arg, double lo, double hi);
/* The index of arg in the NULL-terminated choices, else a usage error
 * listing them. */
int cli_choice(const char *opt, const char *arg, const char *const *choices);
/* true/1 (or no argument: NULL) is 1, false/0 is 0, else a usage error. */
int cli_bool(const char *opt, const char *arg);
/* arg itself, or a usage error when it is empty (an unset variable more
 * often than a name). */
const char *cli_nonempty(const char *opt, const char *arg);

/*
 * One option of a tool: getopt_long's entry and its line in --help.
 * key is the short letter, or a code >= CLI_LONG for a long-only option.
 * A tool's options are a NULL-terminated list of tables, so that the
 * options two tools share are one table.
 */
struct cli_opt {
	const char *name;	/* long name: "iterations" */
	int key;
	int arg;		/* no_argument, required_argument, optional_argument */
	const char *argname;	/* "N" in "-n, --iterations N" */
	const char *help;	/* one line */
};
enum { CLI_LONG = 256 };

/* -h, --help and -V, --version: the last table of every tool. */
extern const struct cli_opt cli_std[];

/* The next option in argv, as getopt_long returns it: -h and -V are
 * answered here (cli_help, cli_version), a bad option ends in cli_badopt. */
int cli_next(int argc, char *argv[], const struct cli_opt *const *tables);

/* The synopsis (lines naming the tool), then one line per option, on
 * stdout; exit 0, or 1 on a write error. Set once by cli_usage. */
void cli_usage(const char *synopsis);
_Noreturn void cli_help(const struct cli_opt *const *tables);

/* After getopt reported a bad option: point to --help and exit 2. */
_Noreturn void cli_badopt(void);
/* Print "PROG ipfsperf VERSION" and exit 0 (1 on a write error). */
_Noreturn void cli_version(void);

#endif
