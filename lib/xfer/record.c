/* xfer/record.c: chunk-put's per-request and final records. */
#include <math.h>
#include <stdio.h>

#include "xfer/record.h"
#include "net/discover.h"
#include "rec/timing.h"

static const char *cols[CR_NCOLS + 1];

struct recw *
chunkrec_open(FILE *f, int json, const char *api, const char *extra)
{
	for (int i = 0; i < TC_NCOLS; i++)
		cols[i] = timing_cols[i];
	cols[CR_BLOCKS] = "blocks";
	cols[CR_MB_PER_S] = "mb_per_s";
	cols[CR_NCOLS] = NULL;
	return timing_open_cols(f, cols, json, "chunk-put", api ? url_redact(api) : NULL, extra);
}

void
chunkrec_request(struct recw *w, const char *op, const char *via, const char *label,
    const struct cid *c, uint64_t size, uint64_t blocks, int ok, const char *error,
    const struct http_req *r, const struct http_stat *st)
{
	char s[CID_MAXSTR];
	struct timing t = {
		.op = op, .via = via, .label = label, .access = "-",
		.cid = c ? cid_str(c, s) : NULL, .size = (int64_t)size, .iter = 1,
		.ok = ok, .error = error,
	};

	http_timing(&t, r, st);
	recw_uint(w, CR_BLOCKS, blocks);
	timing_write(w, &t);
}

void
chunkrec_final(struct recw *w, const char *op, const char *via, const char *label,
    const struct cid *cid, const struct xfer *x, int ok, const char *error)
{
	struct http_req r = { .ts = x->ts };
	struct http_stat st;
	char s[CID_MAXSTR];
	struct timing t = {
		.op = op, .via = via, .label = label, .access = "-",
		.cid = cid ? cid_str(cid, s) : NULL, .size = (int64_t)x->size,
		.iter = 1, .ok = ok, .error = error ? error : x->err,
	};

	xfer_stat(x, &st);
	http_timing(&t, &r, &st);
	recw_uint(w, CR_BLOCKS, x->blocks);
	if (x->t_total > 0)
		recw_num(w, CR_MB_PER_S, x->size / x->t_total / 1e6, 3);
	timing_write(w, &t);
}
