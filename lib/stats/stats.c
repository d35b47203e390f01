/* stats/stats.c: quantiles, median intervals, outliers, Mann-Whitney U, geomean. */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "stats/stats.h"
#include "base/util.h"

/* hyperfine's outlier threshold on |x - median| / MAD. */
#define OUTLIER_SCORE (1.4826 * 10.0)

static int
cmpdbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void
stats_sort(double *xs, size_t n)
{
	if (n < 2)
		return;
	qsort(xs, n, sizeof *xs, cmpdbl);
}

double
stats_quantile(const double *x, size_t n, double q)
{
	double h, f;
	size_t i;

	if (n == 0)
		return NAN;
	h = (n - 1) * q;
	i = (size_t)h;
	if (i + 1 >= n)
		return x[n - 1];
	f = h - i;
	return x[i] + f * (x[i + 1] - x[i]);
}

/* The largest |x - c|, for scaling sums that overflow. */
static double
maxdev(const double *xs, size_t n, double c)
{
	double m = 0;

	for (size_t i = 0; i < n; i++)
		m = fmax(m, fabs(xs[i] - c));
	return m;
}

double
stats_mean(const double *xs, size_t n)
{
	double s = 0, m;

	if (n == 0)
		return NAN;
	for (size_t i = 0; i < n; i++)
		s += xs[i];
	if (isfinite(s) || !isfinite(m = maxdev(xs, n, 0)))
		return s / n;
	/* values near DBL_MAX: sum them scaled */
	s = 0;
	for (size_t i = 0; i < n; i++)
		s += xs[i] / m;
	return m * (s / n);
}

double
stats_sd(const double *xs, size_t n, double mean)
{
	double s = 0, m;

	if (n < 2)
		return NAN;
	for (size_t i = 0; i < n; i++)
		s += (xs[i] - mean) * (xs[i] - mean);
	if (isfinite(s) || !isfinite(mean) || !isfinite(m = maxdev(xs, n, mean)))
		return sqrt(s / (n - 1));
	/* squares past DBL_MAX: sum them scaled by the largest deviation */
	s = 0;
	for (size_t i = 0; i < n; i++)
		s += ((xs[i] - mean) / m) * ((xs[i] - mean) / m);
	return m * sqrt(s / (n - 1));
}

double
stats_geomean(const double *xs, size_t n)
{
	double s = 0;

	if (n == 0)
		return NAN;
	for (size_t i = 0; i < n; i++) {
		if (!(xs[i] > 0))
			return NAN;
		s += log(xs[i]);
	}
	return exp(s / n);
}

double
stats_median_ci(size_t n, double alpha, size_t *lo, size_t *hi)
{
	double logterm = -(double)n * M_LN2;	/* log P(B = j), from j = 0 */
	double cdf = 0, cover = 0;
	size_t k = 0;

	for (size_t j = 0; 2 * (j + 1) <= n; j++) {
		cdf += exp(logterm);	/* P(B <= j) */
		if (2 * cdf > alpha)
			break;
		k = j + 1;
		cover = 1 - 2 * cdf;
		logterm += log((double)(n - j) / (j + 1));
	}
	if (k == 0)
		return 0;
	*lo = k;
	*hi = n + 1 - k;
	return cover;
}

size_t
stats_median_ci_min_n(double alpha)
{
	size_t n = 1;

	while (2 * pow(0.5, n) > alpha)
		n++;
	return n;
}

size_t
stats_outliers(const double *x, size_t n, double *dev)
{
	double med, mad;
	size_t lo, hi, i, count = 0;

	if (n == 0)
		return 0;
	med = stats_quantile(x, n, 0.5);
	/* |x - med| is falling below the median and rising above it: merge. */
	hi = 0;
	while (hi < n && x[hi] < med)
		hi++;
	lo = hi;
	for (i = 0; i < n; i++) {
		if (lo > 0 && (hi >= n || med - x[lo - 1] <= x[hi] - med))
			dev[i] = med - x[--lo];
		else
			dev[i] = x[hi++] - med;
	}
	mad = stats_quantile(dev, n, 0.5);
	if (!(mad > 0))
		mad = DBL_EPSILON;
	for (i = 0; i < n; i++)
		if (fabs(x[i] - med) / mad > OUTLIER_SCORE)
			count++;
	return count;
}

/* C(n1 + n2, n1): the number of orderings of two samples. */
static double
orderings(size_t n1, size_t n2)
{
	double c = 1;

	for (size_t k = 1; k <= n1; k++)
		c = c * (n2 + k) / k;
	return c;
}

double
stats_utest_min_p(size_t n1, size_t n2)
{
	return fmin(1, 2 / orderings(n1, n2));
}

double
stats_utest_exact_p(size_t n1, size_t n2, double u)
{
	double m = (double)n1 * n2, umin, cdf = 0, *prev, *cur, *t;
	size_t L, i, j, v;

	umin = fmin(u, m - u);
	if (umin < 0)
		return 0;
	L = (size_t)floor(umin) + 1;
	/*
	 * f(i, j, v): orderings of i values of one sample and j of the other
	 * with U = v. The largest value either comes from the first sample
	 * (it beats all j others) or from the second:
	 * f(i, j, v) = f(i-1, j, v-j) + f(i, j-1, v). Only v < L is needed.
	 */
	prev = ecalloc((n2 + 1) * L, sizeof *prev);
	cur = ecalloc((n2 + 1) * L, sizeof *cur);
	for (j = 0; j <= n2; j++)
		prev[j * L] = 1;
	for (i = 1; i <= n1; i++) {
		cur[0] = 1;
		for (j = 1; j <= n2; j++)
			for (v = 0; v < L; v++)
				cur[j * L + v] = (v >= j ? prev[j * L + v - j] : 0) +
				    cur[(j - 1) * L + v];
		t = prev, prev = cur, cur = t;
	}
	for (v = 0; v < L; v++)
		cdf += prev[n2 * L + v];
	free(prev);
	free(cur);
	return fmin(1, 2 * cdf / orderings(n1, n2));
}

int
stats_utest(const double *a, size_t n1, const double *b, size_t n2,
    struct utest *res)
{
	double r1 = 0, ties = 0, n = (double)n1 + n2, mu, sigma, d;
	size_t i = 0, j = 0, rank = 0;

	if (n1 == 0 || n2 == 0)
		return -1;
	/* Walk both sorted samples in merged order, one run of equal values at a time. */
	while (i < n1 || j < n2) {
		double v = (j >= n2 || (i < n1 && a[i] <= b[j])) ? a[i] : b[j];
		size_t ca = 0, t;

		while (i < n1 && a[i] == v)
			i++, ca++;
		t = ca;
		while (j < n2 && b[j] == v)
			j++, t++;
		r1 += ca * (rank + (t + 1) / 2.0);	/* the run's midrank */
		rank += t;
		ties += (double)t * t * t - t;
	}
	res->u = r1 - n1 * (n1 + 1) / 2.0;
	if (n1 < 50 && n2 < 50 && ties == 0) {
		res->exact = 1;
		res->z = NAN;
		res->p = stats_utest_exact_p(n1, n2, res->u);
		return 0;
	}
	res->exact = 0;
	mu = n1 * (double)n2 / 2;
	sigma = sqrt(n1 * (double)n2 / 12 * ((n + 1) - ties / (n * (n - 1))));
	d = res->u - mu;
	if (!(sigma > 0)) {
		res->z = 0;
		res->p = 1;
		return 0;
	}
	res->z = (d - (d > 0 ? 0.5 : d < 0 ? -0.5 : 0)) / sigma;
	res->p = fmin(1, erfc(fabs(res->z) / M_SQRT2));
	return 0;
}

void
stats_summarize(double *xs, size_t n, double alpha, struct summary *s)
{
	size_t lo, hi;
	double *scratch;

	stats_sort(xs, n);
	s->n = n;
	s->mean = stats_mean(xs, n);
	s->sd = stats_sd(xs, n, s->mean);
	s->median = stats_quantile(xs, n, 0.5);
	s->p90 = stats_quantile(xs, n, 0.90);
	s->p99 = stats_quantile(xs, n, 0.99);
	s->min = n ? xs[0] : NAN;
	s->max = n ? xs[n - 1] : NAN;
	s->lo = s->hi = NAN;
	s->conf = stats_median_ci(n, alpha, &lo, &hi);
	if (s->conf > 0) {
		s->lo = xs[lo - 1];
		s->hi = xs[hi - 1];
	}
	scratch = emalloc(n * sizeof *scratch);
	s->outliers = stats_outliers(xs, n, scratch);
	free(scratch);
}
