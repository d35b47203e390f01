/* base/units.h: parsing of sizes ("1k", "10M", "2G"), durations ("500ms") and lists. */
#ifndef SIZE_H
#define SIZE_H

#include <stdint.h>

/*
 * Parse a byte count: digits with an optional suffix k, M, G, T (powers of
 * 1024, case-insensitive, an optional trailing "B" or "iB" allowed).
 * Returns 0 on success, -1 on a malformed or overflowing value.
 */
int parse_size(const char *s, uint64_t *out);

/*
 * Parse a duration in seconds: a decimal number with an optional unit
 * us, ms, s, m, h (no unit means seconds). Returns 0 or -1.
 */
int parse_duration(const char *s, double *out);

/* Parse a non-negative decimal integer that fits in a long. 0 or -1. */
int parse_count(const char *s, long *out);

/*
 * Parse a comma-separated list of sizes into a new array; each item may
 * also be "P%" (a percentage, stored negated in millionths so the caller
 * can resolve it against a total: -pct_ppm). Returns the count, or -1 and
 * sets *bad to the offending item, whole (a pointer into a static buffer
 * valid until the next call).
 */
int parse_size_list(const char *s, int64_t **out, const char **bad, int allow_pct);

/* Format n bytes as "1k", "256k", "10M"... when exact, else plain bytes. */
const char *fmt_size(uint64_t n, char buf[32]);

#endif
