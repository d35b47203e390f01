/* Unit tests: size, duration and list parsing. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/units.h"
#include "base/util.h"
#include "tap.h"

int
main(void)
{
	uint64_t v;
	double d;
	int64_t *list;
	const char *bad;
	char buf[32];

	CHECK("size plain", parse_size("1000", &v) == 0 && v == 1000);
	CHECK("size k", parse_size("1k", &v) == 0 && v == 1024);
	CHECK("size K", parse_size("4K", &v) == 0 && v == 4096);
	CHECK("size M", parse_size("10M", &v) == 0 && v == 10485760);
	CHECK("size G", parse_size("2G", &v) == 0 && v == 2147483648ULL);
	CHECK("size MiB", parse_size("1MiB", &v) == 0 && v == 1048576);
	CHECK("size zero", parse_size("0", &v) == 0 && v == 0);
	CHECK("size rejects empty", parse_size("", &v) < 0);
	CHECK("size rejects junk suffix", parse_size("10X", &v) < 0);
	CHECK("size rejects negative", parse_size("-1", &v) < 0);
	CHECK("size rejects overflow", parse_size("99999999999999999999", &v) < 0);
	CHECK("size rejects shifted overflow", parse_size("17179869184G", &v) < 0);
	CHECK("duration ms", parse_duration("500ms", &d) == 0 && fabs(d - 0.5) < 1e-12);
	CHECK("duration us", parse_duration("250us", &d) == 0 && fabs(d - 0.00025) < 1e-12);
	CHECK("duration bare", parse_duration("1.5", &d) == 0 && d == 1.5);
	CHECK("duration m", parse_duration("2m", &d) == 0 && d == 120);
	CHECK("duration rejects unit", parse_duration("5parsecs", &d) < 0);
	CHECK("list", parse_size_list("1k,10k,1M", &list, &bad, 0) == 3 &&
	    list[0] == 1024 && list[1] == 10240 && list[2] == 1048576);
	free(list);
	CHECK("list pct", parse_size_list("1%,64M", &list, &bad, 1) == 2 &&
	    list[0] == -10000 && list[1] == 67108864);
	free(list);
	CHECK("list bad item named", parse_size_list("1k,foo,2k", &list, &bad, 0) < 0 &&
	    !strcmp(bad, "foo"));
	CHECK("list pct refused", parse_size_list("5%", &list, &bad, 0) < 0);
	{
		/* items of any length are read whole, never cut to a buffer */
		char longitem[300], garbage[300];

		memset(longitem, '0', 200);
		strcpy(longitem + 200, "2,1M");
		CHECK("list: a 201-digit item is 2, not cut to 0",
		    parse_size_list(longitem, &list, &bad, 0) == 2 && list[0] == 2 && list[1] == 1 << 20);
		free(list);
		strcpy(garbage, "21%");
		memset(garbage + 3, '%', 150);
		strcpy(garbage + 153, "garbage");
		CHECK("list: a long 21%%%...garbage is refused, named whole",
		    parse_size_list(garbage, &list, &bad, 1) < 0 && strlen(bad) == 160);
	}
	CHECK_STR("fmt_size 256k", fmt_size(262144, buf), "256k");
	CHECK_STR("fmt_size bytes", fmt_size(1000, buf), "1000");
	CHECK_STR("fmt_size G", fmt_size(1ULL << 30, buf), "1G");
	TAP_DONE();
}
