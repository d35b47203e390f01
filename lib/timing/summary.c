/* timing/summary.c: the end-of-run report (timing/summary.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing/summary.h"
#include "base/clock.h"
#include "base/progress.h"
#include "base/util.h"
#include "rec/write.h"
#include "stats/stats.h"

void
runsum_start(struct runsum *s)
{
	memset(s, 0, sizeof *s);
	s->t0 = now_mono();
}

const char *
runsum_kind(const struct timing *t, const struct http_stat *st, char *buf, size_t n)
{
	const char *e = t->error ? t->error : "";

	if (st && st->curlcode == CURLE_ABORTED_BY_CALLBACK)
		snprintf(buf, n, "interrupted");
	else if (st && st->curlcode)
		snprintf(buf, n, "%s", curl_easy_strerror(st->curlcode));
	else if (t->code && t->code != 200)
		snprintf(buf, n, "HTTP %ld", t->code);
	else
		snprintf(buf, n, "%.*s", (int)strcspn(e, ":"), *e ? e : "failed");
	return buf;
}

void
runsum_add(struct runsum *s, const struct timing *t, const struct http_stat *st)
{
	char kind[256];
	double now, start;
	int i;

	if (t->warmup) {
		s->warmups++;
		s->warmfailed += !t->ok;
		return;
	}
	now = now_mono();
	start = t->t_total >= 0 && t->t_total < now - s->t0 ? now - t->t_total : now;
	if (!s->measured++ || start < s->first)
		s->first = start;
	if (now > s->last)
		s->last = now;
	s->up += t->up;
	s->down += t->down;
	if (t->ok) {
		egrow((void **)&s->t, &s->cap, s->n + 1, sizeof *s->t);
		s->t[s->n++] = t->t_total;
		return;
	}
	s->failed++;
	runsum_kind(t, st, kind, sizeof kind);
	for (i = 0; i < s->nkinds && strcmp(s->kinds[i].kind, kind); i++)
		;
	if (i == SUM_KINDS) {
		s->otherkinds++;
		return;
	}
	if (i == s->nkinds) {
		s->kinds[i].kind = estrdup(kind);
		s->kinds[i].first = estrdup(t->error && *t->error ? t->error : kind);
		s->nkinds++;
	}
	s->kinds[i].n++;
}

/* A time in seconds as "12.3 ms" or "1.23 s". */
static const char *
secs(double v, char *buf, size_t n)
{
	if (v < 1e-3)
		snprintf(buf, n, "%.0f us", v * 1e6);
	else if (v < 1)
		snprintf(buf, n, "%.3g ms", v * 1e3);
	else
		snprintf(buf, n, "%.3g s", v);
	return buf;
}

void
runsum_print(const struct runsum *s, const char *what)
{
	double el = s->measured ? s->last - s->first : 0;
	char warm[96] = "", a[32], b[32], c[32], d[32];

	if (s->warmups)
		snprintf(warm, sizeof warm, " (and %lu warm-up%s, %lu failed)", s->warmups,
		    s->warmups == 1 ? "" : "s", s->warmfailed);
	if (el <= 0)
		el = 1e-6;
	snprintf(a, sizeof a, ", %.2f MB/s up", s->up / el / 1e6);
	snprintf(b, sizeof b, ", %.2f MB/s down", s->down / el / 1e6);
	weprintf("%lu %s in %.2f s (%.1f/s%s%s), %lu failed%s", s->measured, what, el,
	    s->measured / el, s->up >= 1e5 ? a : "", s->down >= 1e5 ? b : "", s->failed, warm);
	if (s->n) {
		double *x = emalloc(s->n * sizeof *x);

		memcpy(x, s->t, s->n * sizeof *x);
		stats_sort(x, s->n);
		weprintf("t_total of the %zu that succeeded: p50 %s, p90 %s, p99 %s, max %s", s->n,
		    secs(stats_quantile(x, s->n, 0.5), a, sizeof a),
		    secs(stats_quantile(x, s->n, 0.9), b, sizeof b),
		    secs(stats_quantile(x, s->n, 0.99), c, sizeof c),
		    secs(x[s->n - 1], d, sizeof d));
		free(x);
	}
	for (int i = 0; i < s->nkinds; i++)
		weprintf("failed: %lu x %s, first: %s", s->kinds[i].n, s->kinds[i].kind,
		    s->kinds[i].first);
	if (s->otherkinds)
		weprintf("failed: %lu of other kinds", s->otherkinds);
}

void
runsum_tick(struct recw *w, unsigned long done, long total, unsigned long failed)
{
	char buf[160];

	recw_idle(w);
	if (!progress_due())
		return;
	progress_show(0, "requests %s, %lu failed",
	    progress_amount(buf, sizeof buf, PROGRESS_COUNT, done, total > 0 ? (uint64_t)total : 0),
	    failed);
}

void
runsum_free(struct runsum *s)
{
	for (int i = 0; i < s->nkinds; i++) {
		free(s->kinds[i].kind);
		free(s->kinds[i].first);
	}
	free(s->t);
}
