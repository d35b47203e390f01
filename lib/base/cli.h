/* base/cli.h: option-argument parsing that ends in a usage error naming the flag. */
#ifndef CLI_H
#define CLI_H

#include <stdint.h>

/* A count >= min, else a usage error "OPT: bad count 'ARG'". */
long cli_count(const char *opt, const char *arg, long min);
/* A size ("1k", "10M"...), else a usage error. */
uint64_t cli_size(const char *opt, const char *arg);
/* A duration ("500ms", "2s"...), else a usage error. */
double cli_duration(const char *opt, const char *arg);
/* A positive decimal number, else a usage error. */
double cli_number(const char *opt, const char *arg);
/* After getopt reported a bad option: point to --help and exit 2. */
_Noreturn void cli_badopt(void);
/* Print "PROG ipfsperf VERSION" and exit 0. */
_Noreturn void cli_version(void);

#endif
