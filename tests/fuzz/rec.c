/*
 * tests/fuzz/rec.c: the record reader (rec/read.h), TSV and JSON Lines,
 * through recr_fopen on the bytes. The first byte picks the plain column
 * (none, or "cid"); every field of every record is read as text and as a
 * number, also after a malformed line and at the end.
 */
#include <stdio.h>

#include "fuzz.h"
#include "base/util.h"
#include "rec/read.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *plain;
	struct recr *r;
	FILE *f;
	int rc, n;

	if (size < 1)
		return 0;
	plain = data[0] & 1 ? "cid" : NULL;
	data++, size--;
	/* fmemopen takes no empty buffer: /dev/null is the empty input */
	f = size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");
	if (!f)
		return 0;
	if (!(r = recr_fopen(f, "fuzz", plain)))
		return 0;
	n = recr_ncols(r);
	for (int i = 0; i < n; i++)
		recr_col(r, recr_name(r, i));
	recr_col(r, "cid");
	do {
		rc = recr_next(r);
		for (int i = -1; i <= n; i++) {
			const char *v = recr_get(r, i);

			if (v)
				(void)strlen(v);
			(void)recr_num(r, i);
		}
		(void)strlen(recr_where(r));
		(void)strlen(recr_error(r));
	} while (rc != 0);
	recr_close(r);
	return 0;
}
