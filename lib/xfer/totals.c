/* xfer/totals.c: the totals of a transfer made of many requests. */
#include <math.h>
#include <string.h>

#include "xfer/totals.h"
#include "base/clock.h"

void
xfer_start(struct xfer *x)
{
	memset(x, 0, sizeof *x);
	x->t_dns = x->t_connect = x->t_ttfb = NAN;
	x->code = 200;
	x->ts = now_wall();
}

void
xfer_request(struct xfer *x, const struct http_stat *st)
{
	if (x->nreq++ == 0) {
		x->t_dns = st->t_dns;
		x->t_connect = st->t_connect;
		x->t_ttfb = st->t_ttfb;
	}
	x->bytes_up += st->up;
	x->bytes_down += st->down;
}

void
xfer_stat(const struct xfer *x, struct http_stat *st)
{
	memset(st, 0, sizeof *st);
	st->code = x->code;
	st->up = x->bytes_up;
	st->down = x->bytes_down;
	st->t_dns = x->t_dns;
	st->t_connect = x->t_connect;
	st->t_ttfb = x->t_ttfb;
	st->t_total = x->t_total;
}
