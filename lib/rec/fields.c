/* rec/fields.c: the meaning of the shared record columns (rec/fields.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rec/fields.h"

int
rec_flag(struct recr *r, const char *name, int absent)
{
	const char *s = recr_get(r, recr_col(r, name));

	if (!s)
		return absent;
	if (!strcmp(s, "1") || !strcmp(s, "true"))
		return 1;
	if (!strcmp(s, "0") || !strcmp(s, "false"))
		return 0;
	return -1;
}

enum rec_kind
rec_kind(struct recr *r, int *served, char *why, size_t whylen)
{
	int ok = rec_flag(r, "ok", 1), warm = rec_flag(r, "warmup", 0);

	if (ok < 0 || warm < 0) {
		const char *name = ok < 0 ? "ok" : "warmup";

		snprintf(why, whylen, "%s: expected 1 or 0, found '%s'",
		    name, recr_get(r, recr_col(r, name)));
		return REC_BAD;
	}
	if (served)
		*served = ok;
	if (warm)
		return REC_WARMUP;
	return ok ? REC_MEASURED : REC_FAILED;
}

int
rec_size(struct recr *r, const char *name, int64_t *size)
{
	int col = recr_col(r, name);
	double v;

	if (!recr_get(r, col))
		return 0;
	v = recr_num(r, col);
	if (!(v >= 0 && v < 0x1p63 && v == floor(v)))
		return -1;
	*size = (int64_t)v;
	return 1;
}
