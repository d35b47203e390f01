/* stats/stats.h: sample statistics for benchmark comparisons (benchstat-style). */
#ifndef STATS_H
#define STATS_H

#include <stddef.h>

/* Sort xs ascending in place (NaNs must not occur). */
void stats_sort(double *xs, size_t n);

/* Quantile q (0..1) of sorted xs by linear interpolation between order
 * statistics (R's type 7, numpy's default); NaN when n is 0. */
double stats_quantile(const double *sorted, size_t n, double q);

double stats_mean(const double *xs, size_t n);
/* Sample standard deviation (n - 1 denominator); NaN when n < 2. */
double stats_sd(const double *xs, size_t n, double mean);
/* Geometric mean of positive values; NaN when n is 0 or a value is <= 0. */
double stats_geomean(const double *xs, size_t n);

/*
 * Distribution-free confidence interval for the median: the order
 * statistics x(k) and x(n+1-k) (1-based) for the largest k whose coverage
 * 1 - 2 P(B <= k-1), B ~ Binomial(n, 1/2), is at least 1 - alpha. Sets *lo
 * and *hi to k and n+1-k and returns the coverage; returns 0 (and sets
 * nothing) when even x(1)..x(n) does not reach 1 - alpha.
 */
double stats_median_ci(size_t n, double alpha, size_t *lo, size_t *hi);
/* The least n for which stats_median_ci gives an interval. */
size_t stats_median_ci_min_n(double alpha);

/*
 * Outliers as hyperfine counts them: |x - median| / MAD > 14.826 (ten
 * standard deviations of a normal sample, the MAD scaled by 1.4826), where
 * a MAD of 0 is taken as DBL_EPSILON. scratch holds n doubles.
 */
size_t stats_outliers(const double *sorted, size_t n, double *scratch);

/* Mann-Whitney U test, two-sided. */
struct utest {
	double u;	/* U of the first sample: pairs (a > b) + half the ties */
	double p;	/* two-sided p-value */
	double z;	/* normal score (with continuity correction), or NaN when exact */
	int exact;	/* 1: exact distribution; 0: normal approximation */
};

/*
 * Test sorted samples a (n1) and b (n2), as R's wilcox.test(a, b) with its
 * defaults: the exact distribution of U when n1 < 50, n2 < 50 and no value
 * ties; otherwise the normal approximation with tie correction and
 * continuity correction. Returns -1 when a sample is empty.
 */
int stats_utest(const double *a, size_t n1, const double *b, size_t n2,
    struct utest *res);
/* Exact two-sided p-value of U = u for sizes n1, n2 without ties. */
double stats_utest_exact_p(size_t n1, size_t n2, double u);
/* The smallest two-sided p-value sizes n1, n2 can give: 2 / C(n1+n2, n1). */
double stats_utest_min_p(size_t n1, size_t n2);

/* Everything prof-diff reports about one sample. */
struct summary {
	size_t n, outliers;
	double mean, sd, median, lo, hi, conf, p90, p99, min, max;
};

/* Sort xs in place and summarize it; the interval is NaN when n is too
 * small for 1 - alpha (conf is then 0). */
void stats_summarize(double *xs, size_t n, double alpha, struct summary *s);

#endif
