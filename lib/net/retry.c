/* net/retry.c: which failed requests may be tried again, and when. */
#include "net/retry.h"
#include "base/clock.h"

int
retry_worth(const struct http_stat *st)
{
	return st->curlcode != 0 || st->code < 400 || st->code >= 500 ||
	    st->code == 408 || st->code == 429;
}

double
retry_due(double backoff, int attempts)
{
	int k = attempts - 1 < 10 ? attempts - 1 : 10;
	double delay = backoff * (1 << (k > 0 ? k : 0));

	return now_mono() + (delay < 30 ? delay : 30);
}
