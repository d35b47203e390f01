/*
 * Unit tests: prof-diff's statistics against values computed independently:
 * by hand (shown in the comments), from published tables (Mann-Whitney
 * critical values, order statistics for the median's interval), from R's
 * documented examples, and against brute-force enumeration.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/util.h"
#include "stats/group.h"
#include "stats/stats.h"
#include "tap.h"

#define NEAR(a, b, eps) (fabs((a) - (b)) <= (eps))

static void
test_quantiles(void)
{
	double x[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	double y[4] = { 4, 1, 3, 2 };
	double z[8] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	double g[3] = { 1, 4, 16 }, g0[2] = { 0, 4 };

	/* R: quantile(1:10, c(0, .5, .9, .99, 1)) = 1 5.5 9.1 9.91 10 */
	CHECK("quantile 0", stats_quantile(x, 10, 0) == 1);
	CHECK("median of 1..10 is 5.5", NEAR(stats_quantile(x, 10, 0.5), 5.5, 1e-12));
	CHECK("p90 of 1..10 is 9.1 (R type 7)", NEAR(stats_quantile(x, 10, 0.9), 9.1, 1e-12));
	CHECK("p99 of 1..10 is 9.91", NEAR(stats_quantile(x, 10, 0.99), 9.91, 1e-12));
	CHECK("quantile 1", stats_quantile(x, 10, 1) == 10);
	CHECK("quantile of nothing is NaN", isnan(stats_quantile(x, 0, 0.5)));
	stats_sort(y, 4);
	CHECK("sort", y[0] == 1 && y[1] == 2 && y[2] == 3 && y[3] == 4);
	/* R: quantile(1:4, .25) = 1.75 */
	CHECK("p25 of 1..4 is 1.75", NEAR(stats_quantile(y, 4, 0.25), 1.75, 1e-12));
	/* mean 5, squared deviations sum to 32: sd = sqrt(32 / 7) */
	CHECK("mean", stats_mean(z, 8) == 5);
	CHECK("sample sd", NEAR(stats_sd(z, 8, 5), sqrt(32.0 / 7), 1e-12));
	CHECK("sd of one value is NaN", isnan(stats_sd(z, 1, 2)));
	CHECK("geomean of 1 4 16 is 4", NEAR(stats_geomean(g, 3), 4, 1e-12));
	CHECK("geomean refuses 0", isnan(stats_geomean(g0, 2)));
}

static void
test_median_ci(void)
{
	/* Order statistics (k, n+1-k) of the distribution-free 95% interval
	 * for the median, as tabulated (e.g. Conover, Practical
	 * Nonparametric Statistics), with the coverage 1 - 2 P(B <= k-1). */
	static const struct { size_t n, lo, hi; double cover; } tab[] = {
		{ 6, 1, 6, 0.9688 }, { 7, 1, 7, 0.9844 }, { 8, 1, 8, 0.9922 },
		{ 9, 2, 8, 0.9609 }, { 10, 2, 9, 0.9785 }, { 11, 2, 10, 0.9883 },
		{ 12, 3, 10, 0.9614 }, { 13, 3, 11, 0.9775 }, { 15, 4, 12, 0.9648 },
		{ 20, 6, 15, 0.9586 }, { 100, 40, 61, 0.9648 },
	};
	size_t lo, hi, n;
	char name[80];
	double c;

	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
		c = stats_median_ci(tab[i].n, 0.05, &lo, &hi);
		snprintf(name, sizeof name, "median CI n=%zu is x(%zu)..x(%zu), %.2f%%",
		    tab[i].n, tab[i].lo, tab[i].hi, 100 * tab[i].cover);
		CHECK(name, lo == tab[i].lo && hi == tab[i].hi && NEAR(c, tab[i].cover, 5e-5));
	}
	/* 2 * 0.5^5 = 0.0625 > 0.05: five samples cannot give a 95% interval */
	CHECK("no 95% median CI from 5 samples", stats_median_ci(5, 0.05, &lo, &hi) == 0);
	CHECK("95% median CI needs 6 samples", stats_median_ci_min_n(0.05) == 6);
	CHECK("99% median CI needs 8 samples", stats_median_ci_min_n(0.01) == 8);
	/* large n: the interval brackets the middle and keeps its coverage */
	n = 1000000;
	c = stats_median_ci(n, 0.05, &lo, &hi);
	CHECK("median CI n=1e6 is near n/2 -+ 980", c >= 0.95 && c < 0.951 &&
	    lo > 499000 && lo < 499030 && hi == n + 1 - lo);
}

static void
test_outliers(void)
{
	double a[8] = { 10, 10, 10, 10, 10, 10, 10, 100 };
	/* median 5.5, |x - median| sorted .5 .5 1.5 1.5 2.5 2.5 3.5 3.5 4.5 994.5:
	 * MAD 2.5; 994.5 / 2.5 = 397.8 > 14.826 and 4.5 / 2.5 = 1.8 is not */
	double b[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 1000 };
	/* median 0, MAD 1: 14.8 is within 14.826 MADs, 14.9 is not */
	double c[9] = { -1, -1, 0, 0, 0, 1, 1, 14.8, 14.9 };
	double d[5] = { 1, 2, 3, 4, 5 }, scratch[10];

	CHECK("MAD 0: the one differing value is an outlier", stats_outliers(a, 8, scratch) == 1);
	CHECK("one far value is an outlier", stats_outliers(b, 10, scratch) == 1);
	CHECK("threshold is 14.826 MADs, strict", stats_outliers(c, 9, scratch) == 1);
	CHECK("no outliers in 1..5", stats_outliers(d, 5, scratch) == 0);
	CHECK("no outliers in nothing", stats_outliers(d, 0, scratch) == 0);
}

/* Brute force: P(U <= u) * C(n1+n2, n1) by enumerating which ranks are the first sample's. */
static double
enum_count(size_t n1, size_t n2, double u)
{
	size_t n = n1 + n2, count = 0;

	for (unsigned long mask = 0; mask < 1ul << n; mask++) {
		size_t k = 0, ranksum = 0;

		for (size_t r = 0; r < n; r++)
			if (mask & 1ul << r)
				k++, ranksum += r + 1;
		if (k == n1 && ranksum - n1 * (n1 + 1) / 2.0 <= u)
			count++;
	}
	return count;
}

static double
choose(size_t n, size_t k)
{
	double c = 1;

	for (size_t i = 1; i <= k; i++)
		c = c * (n - k + i) / i;
	return c;
}

static void
test_utest_exact(void)
{
	/* Two-sided critical values at alpha 0.05 from published Mann-Whitney
	 * tables: reject when U <= crit (p <= 0.05), not when U = crit + 1. */
	static const struct { size_t n1, n2; int crit; } tab[] = {
		{ 4, 4, 0 }, { 5, 5, 2 }, { 6, 6, 5 }, { 7, 7, 8 }, { 8, 8, 13 },
		{ 9, 9, 17 }, { 10, 10, 23 }, { 5, 10, 8 }, { 20, 20, 127 },
	};
	double a[5] = { 1, 2, 3, 4, 5 }, b[5] = { 6, 7, 8, 9, 10 };
	/* R's ?wilcox.test example (Hollander & Wolfe): W = 35, one-sided
	 * p 0.1272, so two-sided 0.2544 (exactly 2 * 0.1272061) */
	double x[10] = { 0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46 };
	double y[5] = { 1.15, 0.88, 0.90, 0.74, 1.21 };
	struct utest u, v;
	char name[80];
	int ok = 1;

	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
		double p = stats_utest_exact_p(tab[i].n1, tab[i].n2, tab[i].crit);
		double q = stats_utest_exact_p(tab[i].n1, tab[i].n2, tab[i].crit + 1);

		snprintf(name, sizeof name, "U critical value n1=%zu n2=%zu is %d",
		    tab[i].n1, tab[i].n2, tab[i].crit);
		CHECK(name, p <= 0.05 && q > 0.05);
	}
	CHECK("no U is significant for n1=n2=3", stats_utest_exact_p(3, 3, 0) > 0.05);

	/* exact distribution = brute force, every u, several sizes */
	static const size_t sizes[][2] = { { 1, 1 }, { 1, 5 }, { 3, 4 }, { 5, 5 }, { 4, 7 }, { 6, 6 }, { 7, 8 } };
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		size_t n1 = sizes[s][0], n2 = sizes[s][1];

		for (size_t k = 0; k <= n1 * n2; k++) {
			double m = fmin(k, n1 * n2 - k);
			double want = fmin(1, 2 * enum_count(n1, n2, m) / choose(n1 + n2, n1));

			if (!NEAR(stats_utest_exact_p(n1, n2, k), want, 1e-12))
				ok = 0;
		}
	}
	CHECK("exact U distribution matches enumeration (up to n1+n2=15)", ok);

	stats_utest(a, 5, b, 5, &u);
	CHECK("U=0 for separated 5 vs 5, p = 2/252", u.exact && u.u == 0 &&
	    NEAR(u.p, 2.0 / 252, 1e-15));
	stats_utest(b, 5, a, 5, &v);
	CHECK("swapped samples: U = n1*n2 - U, same p", v.u == 25 && v.p == u.p);
	stats_sort(x, 10);
	stats_sort(y, 5);
	stats_utest(x, 10, y, 5, &u);
	CHECK("R example: W = 35, p = 0.2544", u.exact && u.u == 35 && NEAR(u.p, 0.2544122544, 1e-9));
	CHECK("min p for 4 vs 4 is 2/70", NEAR(stats_utest_min_p(4, 4), 2.0 / 70, 1e-15));
	CHECK("min p for 3 vs 3 is 0.1", NEAR(stats_utest_min_p(3, 3), 0.1, 1e-15));
	CHECK("empty sample is no test", stats_utest(a, 0, b, 5, &u) < 0);
}

static void
test_utest_normal(void)
{
	/*
	 * Ties: a = 1 2 2 3, b = 2 3 3 4. Midranks: 1 -> 1, 2 2 2 -> 3,
	 * 3 3 3 -> 6, 4 -> 8; R1 = 1 + 3 + 3 + 6 = 13, U = 13 - 10 = 3.
	 * Tie term 2 * (27 - 3) = 48; sigma^2 = 16/12 * (9 - 48/56) = 10.857143,
	 * z = (3 - 8 + 0.5) / 3.295018 = -1.365698, p = 2 Phi(z) = 0.172034
	 * (R: wilcox.test(c(1,2,2,3), c(2,3,3,4)) gives W = 3, p-value = 0.172).
	 */
	double a[4] = { 1, 2, 2, 3 }, b[4] = { 2, 3, 3, 4 };
	double s[50], t[50], e[3] = { 1, 1, 1 };
	struct utest u, v;

	stats_utest(a, 4, b, 4, &u);
	CHECK("ties: normal approximation", !u.exact);
	CHECK("ties: U = 3 with midranks", u.u == 3);
	CHECK("ties: z = -1.365698", NEAR(u.z, -1.365698, 1e-6));
	CHECK("ties: p = 0.172034", NEAR(u.p, 0.172034, 1e-6));
	stats_utest(b, 4, a, 4, &v);
	CHECK("ties swapped: U = 13, z flips, same p", v.u == 13 && NEAR(v.z, -u.z, 1e-12) &&
	    NEAR(v.p, u.p, 1e-15));

	/* 50 vs 50 separated, no ties: n >= 50 uses the normal approximation:
	 * sigma = sqrt(2500/12 * 101) = 145.05746, z = -1249.5 / sigma = -8.613828 */
	for (int i = 0; i < 50; i++)
		s[i] = i + 1, t[i] = i + 51;
	stats_utest(s, 50, t, 50, &u);
	CHECK("n=50: normal approximation", !u.exact && u.u == 0);
	CHECK("n=50: z = -8.613828", NEAR(u.z, -8.613828, 1e-6));
	CHECK("n=50: p = 7.066e-18", NEAR(u.p / 7.066072e-18, 1, 1e-5));
	stats_utest(e, 3, e, 3, &u);
	CHECK("all values equal: p = 1", u.p == 1);
}

static void
test_summary(void)
{
	double x[10] = { 19, 10, 18, 11, 17, 12, 16, 13, 15, 14 };
	struct summary s;

	stats_summarize(x, 10, 0.05, &s);
	CHECK("summary n, min, max", s.n == 10 && s.min == 10 && s.max == 19);
	CHECK("summary median 14.5, interval x(2)..x(9) = 11..18",
	    s.median == 14.5 && s.lo == 11 && s.hi == 18 && NEAR(s.conf, 0.978516, 1e-6));
	/* squared deviations 2 * (.25 + 2.25 + 6.25 + 12.25 + 20.25) = 82.5 */
	CHECK("summary mean and sd", s.mean == 14.5 && NEAR(s.sd, sqrt(82.5 / 9), 1e-12));
	CHECK("summary p90 18.1 p99 18.91", NEAR(s.p90, 18.1, 1e-12) && NEAR(s.p99, 18.91, 1e-12));
	stats_summarize(x, 3, 0.05, &s);
	CHECK("summary of 3: no interval", s.conf == 0 && isnan(s.lo) && isnan(s.hi));
	stats_summarize(NULL, 0, 0.05, &s);
	CHECK("summary of nothing", s.n == 0 && isnan(s.median) && s.outliers == 0);
}

static void
test_groups(void)
{
	struct groups *gs = groups_new(2, 1);
	const char *k1[] = { "cat", "rpc" }, *k2[] = { "cat", NULL }, *k3[] = { "cat", "-" };
	struct group *g1, *g2, *g3;
	char key[16];
	int ok = 1;

	g1 = groups_get(gs, k1);
	g2 = groups_get(gs, k2);
	g3 = groups_get(gs, k3);
	CHECK("groups: absent differs from a value", g1 != g2 && g2 != g3);
	CHECK("groups: same keys, same group", groups_get(gs, k1) == g1 && groups_find(gs, k2) == g2);
	sample_add(&g1->m[0], 1.5);
	sample_add(&g1->m[0], 2.5);
	CHECK("groups: samples kept", g1->m[0].n == 2 && g1->m[0].x[1] == 2.5);
	for (int i = 0; i < 1000; i++) {
		const char *k[] = { key, "x" };

		snprintf(key, sizeof key, "k%d", i);
		groups_get(gs, k)->fail = i;
	}
	for (int i = 0; i < 1000; i++) {
		const char *k[] = { key, "x" };
		struct group *g;

		snprintf(key, sizeof key, "k%d", i);
		g = groups_find(gs, k);
		if (!g || g->fail != (size_t)i || groups_at(gs, 3 + i) != g)
			ok = 0;
	}
	CHECK("groups: 1003 groups found again, in input order", ok && groups_count(gs) == 1003);
	groups_free(gs);
}

int
main(void)
{
	test_quantiles();
	test_median_ci();
	test_outliers();
	test_utest_exact();
	test_utest_normal();
	test_summary();
	test_groups();
	TAP_DONE();
}
