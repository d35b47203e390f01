/* rec/fields.c: the meaning of the shared record columns (rec/fields.h). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
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

int
rec_decimal(const char *s, double *v)
{
	const char *p = s;
	size_t d;

	if (!s)
		return 0;
	p += *p == '-';
	d = strspn(p, "0123456789");
	p += d;
	if (*p == '.') {
		p++;
		d += strspn(p, "0123456789");
		p += strspn(p, "0123456789");
	}
	if (d == 0)
		return -1;
	if (*p == 'e' || *p == 'E') {
		p++;
		p += *p == '+' || *p == '-';
		if (!isdigit((unsigned char)*p))
			return -1;
		p += strspn(p, "0123456789");
	}
	if (*p)
		return -1;
	*v = strtod(s, NULL);
	return isfinite(*v) ? 1 : -1;
}

int
rec_time(const char *s, double *v)
{
	int rc = rec_decimal(s, v);

	if (rc > 0 && *v < 0)
		return -1;
	if (rc > 0)
		*v = fabs(*v);	/* -0 is 0 */
	return rc;
}
