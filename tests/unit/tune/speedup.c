/*
 * Unit tests: the Hodges-Lehmann speed-up (lib/tune/rules.c tune_speedup)
 * without its pairs: the same estimate and interval as the sort of all
 * na x nb differences on random small samples with ties, and 100000
 * samples a side within a memory bound (the pairs would be 80 GB).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "base/util.h"
#include "stats/stats.h"
#include "tune/rules.h"
#include "tap.h"

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The definition: every difference, sorted. */
static void
naive(const double *a, size_t na, const double *b, size_t nb, double alpha, double out[3])
{
	size_t nd = na * nb, k;
	double *d = emalloc(nd * sizeof *d);
	struct utest ut;

	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			d[i * nb + j] = log(a[i]) - log(b[j]);
	qsort(d, nd, sizeof *d, cmpd);
	out[0] = exp(stats_quantile(d, nd, 0.5));
	out[1] = out[2] = NAN;
	stats_utest(a, na, b, nb, &ut);
	k = tune_shift_k(na, nb, alpha, ut.exact);
	if (k > 0 && k <= nd + 1 - k) {
		out[1] = exp(d[k - 1]);
		out[2] = exp(d[nd - k]);
	}
	free(d);
}

static uint64_t rng = 88172645463325252ULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int
same(double x, double y)
{
	return (isnan(x) && isnan(y)) || x == y;
}

static long
maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

int
main(void)
{
	struct tune_speedup s;
	double a[80], b[80], want[3];
	int ok = 1, tries = 0;
	size_t big = 100000;
	double *x, *y;
	long before;

	for (int t = 0; t < 400; t++) {
		size_t na = 1 + next() % 60, nb = 1 + next() % 60;
		unsigned levels = 1 + next() % (t % 2 ? 5 : 1000);	/* few levels: many ties */

		for (size_t i = 0; i < na; i++)
			a[i] = 0.001 * (1 + next() % levels);
		for (size_t j = 0; j < nb; j++)
			b[j] = 0.0015 * (1 + next() % levels);
		qsort(a, na, sizeof *a, cmpd);
		qsort(b, nb, sizeof *b, cmpd);
		naive(a, na, b, nb, 0.05, want);
		tune_speedup(a, na, b, nb, 0.05, &s);
		tries++;
		if (!same(s.est, want[0]) || !same(s.lo, want[1]) || !same(s.hi, want[2])) {
			printf("# na %zu nb %zu: est %.17g lo %.17g hi %.17g, want %.17g %.17g %.17g\n", na, nb,
			    s.est, s.lo, s.hi, want[0], want[1], want[2]);
			ok = 0;
		}
	}
	CHECK("400 random samples with ties: the same estimate and interval as every pair sorted", ok && tries == 400);

	a[0] = 0;
	a[1] = 1;
	b[0] = 1;
	CHECK("a time of 0: no estimate, no crash", tune_speedup(a, 2, b, 1, 0.05, &s) == 0 && isnan(s.est));
	CHECK("an empty side", tune_speedup(a, 0, b, 1, 0.05, &s) < 0 && !s.tested);

	x = emalloc(big * sizeof *x);
	y = emalloc(big * sizeof *y);
	for (size_t i = 0; i < big; i++) {
		x[i] = 0.010 * (1 + (double)(next() % 100000) / 100000);
		y[i] = 0.005 * (1 + (double)(next() % 100000) / 100000);
	}
	qsort(x, big, sizeof *x, cmpd);
	qsort(y, big, sizeof *y, cmpd);
	before = maxrss_kb();
	tune_speedup(x, big, y, big, 0.05, &s);
	/* the samples take 1.6 MB; the pairs would take 80 GB */
	CHECK("100000 a side: within 64 MB more", maxrss_kb() - before < 64 * 1024);
	CHECK("100000 a side: about twice as fast, inside its interval", s.est > 1.9 && s.est < 2.1 &&
	    s.lo <= s.est && s.est <= s.hi && s.hi / s.lo < 1.01);
	free(x);
	free(y);
	TAP_DONE();
}
