/*
 * tests/fuzz/units.c: sizes, durations, counts and size lists (base/units.h)
 * on the bytes as one string. A size that parses prints and parses back as
 * itself; a duration that parses is finite.
 */
#include <math.h>

#include "fuzz.h"
#include "base/units.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), buf[32];
	const char *bad;
	int64_t *list;
	uint64_t u, u2;
	double d;
	long l;
	int n;

	if (parse_size(s, &u) == 0 && (parse_size(fmt_size(u, buf), &u2) < 0 || u2 != u))
		abort();
	if (parse_duration(s, &d) == 0 && !isfinite(d))
		abort();
	parse_count(s, &l);
	for (int pct = 0; pct < 2; pct++)
		if ((n = parse_size_list(s, &list, &bad, pct)) >= 0)
			free(list);
		else
			(void)strlen(bad);
	free(s);
	return 0;
}
