/* xfer/totals.c: the totals, failure, retries and events of a transfer. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xfer/totals.h"
#include "base/clock.h"
#include "net/retry.h"

void
xfer_start(struct xfer *x)
{
	memset(x, 0, sizeof *x);
	x->t_dns = x->t_connect = x->t_ttfb = NAN;
	x->code = 200;
	x->ts = now_wall();
}

void
xfer_request(struct xfer *x, const struct xfer_event *e, xfer_onevent *onevent, void *arg)
{
	if (x->nreq++ == 0) {
		x->t_dns = e->st->t_dns;
		x->t_connect = e->st->t_connect;
		x->t_ttfb = e->st->t_ttfb;
	}
	x->bytes_up += e->st->up;
	x->bytes_down += e->st->down;
	if (onevent)
		onevent(arg, e);
}

void
xfer_fail(struct xfer *x, long code, const char *fmt, ...)
{
	va_list ap;

	if (x->err[0])
		return;
	if (code != XFER_SAME)
		x->code = code;
	va_start(ap, fmt);
	vsnprintf(x->err, sizeof x->err, fmt, ap);
	va_end(ap);
}

int
xfer_failed(const struct xfer *x)
{
	return x->err[0] != '\0';
}

int
xfer_retry(struct xfer *x, int attempts, int retries, double backoff,
    const struct http_stat *st, double *due)
{
	if (attempts > retries || !retry_worth(st))
		return 0;
	*due = retry_due(backoff, attempts);
	x->nretry++;
	return 1;
}


void
xfer_timing(const struct xfer *x, struct timing *t)
{
	t->ts = x->ts;
	t->code = x->code;
	t->up = x->bytes_up;
	t->down = x->bytes_down;
	t->t_dns = x->t_dns;
	t->t_connect = x->t_connect;
	t->t_ttfb = x->t_ttfb;
	t->t_total = x->t_total;
}
