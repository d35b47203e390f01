/* base/units.c: parsing of sizes, durations and size lists. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/units.h"
#include "base/util.h"

int
parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	case 't': case 'T': shift = 40; end++; break;
	}
	if (shift && (*end == 'i' || *end == 'I'))
		end++;
	if (*end == 'b' || *end == 'B')
		end++;
	if (*end)
		return -1;
	if (shift && v > (UINT64_MAX >> shift))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

int
parse_duration(const char *s, double *out)
{
	char *end;
	double v, mul = 1;

	if (!s || !(isdigit((unsigned char)*s) || *s == '.'))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !isfinite(v))
		return -1;
	if (!strcmp(end, "us"))
		mul = 1e-6;
	else if (!strcmp(end, "ms"))
		mul = 1e-3;
	else if (!strcmp(end, "s") || !*end)
		mul = 1;
	else if (!strcmp(end, "m"))
		mul = 60;
	else if (!strcmp(end, "h"))
		mul = 3600;
	else
		return -1;
	*out = v * mul;
	return 0;
}

int
parse_count(const char *s, long *out)
{
	char *end;
	long v;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

int
parse_size_list(const char *s, int64_t **out, const char **bad, int allow_pct)
{
	static char *item;	/* the item being read, whole: *bad points here */
	static size_t itemcap;
	int64_t *v = NULL;
	size_t cap = 0, n = 0, len;
	const char *p = s, *q;
	uint64_t u;

	for (;;) {
		q = strchr(p, ',');
		len = q ? (size_t)(q - p) : strlen(p);
		egrow((void **)&item, &itemcap, len + 1, 1);
		memcpy(item, p, len);
		item[len] = '\0';
		egrow((void **)&v, &cap, n + 1, sizeof *v);
		if (allow_pct && len > 1 && item[len - 1] == '%') {
			char *end;
			double pct;

			item[len - 1] = '\0';
			pct = strtod(item, &end);
			item[len - 1] = '%';
			if (*end != '%' || !(pct > 0) || pct > 100)
				goto fail;
			v[n++] = -(int64_t)llround(pct * 1e4);
		} else if (parse_size(item, &u) == 0 && u <= INT64_MAX) {
			v[n++] = (int64_t)u;
		} else {
			goto fail;
		}
		if (!q)
			break;
		p = q + 1;
	}
	*out = v;
	return (int)n;
fail:
	free(v);
	*bad = item;
	return -1;
}

const char *
fmt_size(uint64_t n, char buf[32])
{
	static const char suf[] = "kMGT";
	int i = -1;

	while (n && n % 1024 == 0 && i < 3) {
		n /= 1024;
		i++;
	}
	if (i < 0)
		snprintf(buf, 32, "%llu", (unsigned long long)n);
	else
		snprintf(buf, 32, "%llu%c", (unsigned long long)n, suf[i]);
	return buf;
}
