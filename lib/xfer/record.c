/* xfer/record.c: chunk-put's per-request, per-block and final records. */
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

/* A computation here, at ts: no status, no bytes sent or received, no
 * phases. */
static void
local(struct timing *t, double ts)
{
	t->ts = ts;
	t->t_dns = t->t_connect = t->t_ttfb = t->t_total = NAN;
}

void
chunkrec_event(struct recw *w, const char *via, const char *label,
    const struct xfer_event *e)
{
	char s[CID_MAXSTR];
	struct timing t = {
		.op = e->op, .via = via, .label = label, .access = "-",
		.cid = e->cid ? cid_str(e->cid, s) : NULL, .size = (int64_t)e->size,
		.iter = 1, .ok = e->ok, .error = e->error,
	};

	if (e->req)
		http_timing(&t, e->req, e->st);
	else
		local(&t, e->ts);
	recw_uint(w, CR_BLOCKS, e->blocks);
	timing_write(w, &t);
}

void
chunkrec_final(struct recw *w, const char *op, const char *via, const char *label,
    const struct cid *cid, const struct xfer *x, int ok, const char *error)
{
	char s[CID_MAXSTR];
	struct timing t = {
		.op = op, .via = via, .label = label, .access = "-",
		.cid = cid ? cid_str(cid, s) : NULL, .size = (int64_t)x->size,
		.iter = 1, .ok = ok, .error = error ? error : x->err,
	};

	xfer_timing(x, &t);
	recw_uint(w, CR_BLOCKS, x->blocks);
	if (x->t_total > 0)
		recw_num(w, CR_MB_PER_S, x->size / x->t_total / 1e6, 3);
	timing_write(w, &t);
}
