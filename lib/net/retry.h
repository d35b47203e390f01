/* net/retry.h: which failed requests may be tried again, and when. */
#ifndef RETRY_H
#define RETRY_H

#include "net/http.h"

/* Transfer errors, 5xx, 408 and 429 may pass on a retry; other 4xx will not. */
int retry_worth(const struct http_stat *st);

/* When to try again (monotonic seconds): backoff doubled per attempt made
 * (attempts >= 1), at most 30 s from now. */
double retry_due(double backoff, int attempts);

#endif
