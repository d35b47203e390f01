/* Unit tests: the one meaning of ok, warmup and size (rec/fields.h), in
 * TSV and in JSON Lines alike. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rec/fields.h"
#include "rec/read.h"
#include "tap.h"

/* The kinds of the records of text, one letter each: m measured, f failed,
 * w warm-up, b malformed; upper case when served. */
static const char *
kinds(const char *text)
{
	static char out[64];
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct recr *r = recr_fopen(f, "t", NULL);
	size_t n = 0;
	char why[160];
	int served, rc;

	while (r && (rc = recr_next(r)) != 0 && n < sizeof out - 1) {
		if (rc < 0) {
			out[n++] = '!';
			continue;
		}
		served = -1;
		switch (rec_kind(r, &served, why, sizeof why)) {
		case REC_BAD: out[n++] = 'b'; break;
		case REC_FAILED: out[n++] = 'f'; break;
		case REC_WARMUP: out[n++] = served ? 'W' : 'w'; break;
		case REC_MEASURED: out[n++] = 'M'; break;
		}
	}
	out[n] = '\0';
	if (r)
		recr_close(r);
	return out;
}

int
main(void)
{
	CHECK_STR("TSV: 1, 0, absent; warm-ups either way",
	    kinds("cid\tok\twarmup\na\t1\t0\nb\t0\t0\nc\t-\t-\nd\t1\t1\ne\t0\t1\n"), "MfMWw");
	CHECK_STR("TSV: true and false mean 1 and 0",
	    kinds("cid\tok\twarmup\na\ttrue\tfalse\nb\tfalse\tfalse\nc\ttrue\ttrue\n"), "MfW");
	CHECK_STR("TSV: anything else is malformed",
	    kinds("cid\tok\twarmup\na\tyes\t0\nb\t1\t2\nc\t01\t0\n"), "bbb");
	CHECK_STR("no ok column: served (a plain CID list)", kinds("cid\nx\ny\n"), "MM");
	CHECK_STR("JSON: numbers, booleans, null, absent",
	    kinds("{\"cid\":\"a\",\"ok\":1}\n{\"cid\":\"a\",\"ok\":false}\n"
	          "{\"cid\":\"a\",\"ok\":null}\n{\"cid\":\"a\"}\n{\"cid\":\"a\",\"ok\":0,\"warmup\":true}\n"),
	    "MfMMw");
	CHECK_STR("JSON: the metadata line is not a record",
	    kinds("{\"meta\":{\"tool\":\"ipfs-time-cat\",\"seed\":7}}\n{\"cid\":\"a\",\"ok\":1}\n"
	          " { \"meta\" : {}}\n{\"cid\":\"a\",\"ok\":0}\n"), "Mf");
	CHECK_STR("JSON: a string is not a flag",
	    kinds("{\"cid\":\"a\",\"ok\":\"maybe\"}\n"), "b");

	{
		const char *t = "size\n5\n-\n1.5\n-3\n1e30\n";
		FILE *f = fmemopen((void *)t, strlen(t), "r");
		struct recr *r = recr_fopen(f, "t", NULL);
		int64_t v = -7;
		int got[5], i = 0;

		while (recr_next(r) > 0 && i < 5)
			got[i++] = rec_size(r, "size", &v) * 10 + (v == 5);
		CHECK("size: 5 is 5 bytes", got[0] == 11);
		CHECK("size: '-' is unknown", got[1] / 10 == 0);
		CHECK("size: 1.5, -3 and 1e30 are not sizes", got[2] < 0 && got[3] < 0 && got[4] < 0);
		recr_close(r);
	}
	TAP_DONE();
}
