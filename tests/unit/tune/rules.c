/*
 * Unit tests: tune-conf's rules (lib/tune/rules.c) with known answers:
 * Kubo's own reference table for BloomFilterSize (docs/config.md),
 * published Mann-Whitney critical values for the interval's order
 * statistics, and small cases worked out by hand in the comments.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tune/rules.h"
#include "stats/stats.h"
#include "tap.h"

#define NEAR(a, b, eps) (fabs((a) - (b)) <= (eps))

static void
test_layout(void)
{
	struct tune_layout l, cur;
	char why[128], buf[128];

	tune_layout_init(&l);
	CHECK("label with three settings",
	    tune_layout_parse("chunker=size-65536,raw-leaves=1 cid_version=1", &l, why, sizeof why) == 0);
	CHECK_STR("chunker read", l.chunker, "size-65536");
	CHECK("raw leaves read", l.raw_leaves == 1);
	CHECK("cid version read", l.cid_version == 1);
	CHECK_STR("text of the import settings", tune_layout_text(&l, 0, buf, sizeof buf),
	    "chunker=size-65536 raw-leaves=1 cid-version=1");

	tune_layout_init(&l);
	CHECK("query-style label and a free word",
	    tune_layout_parse("before&chunker=size-1M&rawleaves=false", &l, why, sizeof why) == 0);
	CHECK_STR("size suffix written out in bytes", l.chunker, "size-1048576");
	CHECK("raw-leaves=false", l.raw_leaves == 0);
	CHECK("cid version not said", l.cid_version == -1);

	tune_layout_init(&l);
	CHECK("bare chunker and bare raw-leaves", tune_layout_parse("buzhash raw-leaves", &l, why, sizeof why) == 0 &&
	    !strcmp(l.chunker, "buzhash") && l.raw_leaves == 1);
	tune_layout_init(&l);
	CHECK("rabin with parameters", tune_layout_parse("rabin-262144-524288-1048576", &l, why, sizeof why) == 0 &&
	    !strcmp(l.chunker, "rabin-262144-524288-1048576"));
	tune_layout_init(&l);
	CHECK("a label without settings says nothing", tune_layout_parse("before", &l, why, sizeof why) == 0 &&
	    !l.chunker[0] && l.raw_leaves < 0 && l.cid_version < 0);
	CHECK_STR("nothing said is '-'", tune_layout_text(&l, 1, buf, sizeof buf), "-");

	tune_layout_init(&l);
	CHECK("upload settings", tune_layout_parse("parallel=4,mode=car", &l, why, sizeof why) == 0 &&
	    l.parallel == 4 && !strcmp(l.mode, "car"));
	CHECK("P=8 is parallel", tune_layout_parse("P=8", &l, why, sizeof why) == 0 && l.parallel == 8);
	CHECK_STR("upload text", tune_layout_text(&l, 1, buf, sizeof buf), "parallel=8 mode=car");
	CHECK_STR("import text leaves the upload out", tune_layout_text(&l, 0, buf, sizeof buf), "-");

	CHECK("bad raw-leaves value", tune_layout_parse("raw-leaves=maybe", &l, why, sizeof why) < 0);
	CHECK_STR("the reason names the setting", why, "raw-leaves: bad value 'maybe'");
	CHECK("bad cid version", tune_layout_parse("cid-version=2", &l, why, sizeof why) < 0);
	CHECK("bad chunker", tune_layout_parse("chunker=size-0", &l, why, sizeof why) < 0);
	CHECK("bad chunker words", tune_layout_parse("chunker=fast", &l, why, sizeof why) < 0);
	/* what Kubo's add rejects is no chunker (issue 20: size-1T, rabin-1-1-1, rabin-16-32--1) */
	CHECK("size-1T is above Kubo's 1 MiB", tune_layout_parse("chunker=size-1T", &l, why, sizeof why) < 0);
	CHECK("rabin-1-1-1: MIN < AVG < MAX, MIN >= 16", tune_layout_parse("chunker=rabin-1-1-1", &l, why, sizeof why) < 0);
	CHECK("rabin-16-32--1: no signs", tune_layout_parse("chunker=rabin-16-32--1", &l, why, sizeof why) < 0);
	CHECK("rabin-+16-32-64: no signs", tune_layout_parse("chunker=rabin-+16-32-64", &l, why, sizeof why) < 0);
	CHECK("size--1: no signs", tune_layout_parse("chunker=size--1", &l, why, sizeof why) < 0);
	CHECK("default is no spec here", tune_layout_parse("chunker=default", &l, why, sizeof why) < 0);
	tune_layout_init(&l);
	CHECK("rabin-AVG, as Kubo takes it", tune_layout_parse("chunker=rabin-65536", &l, why, sizeof why) == 0 &&
	    !strcmp(l.chunker, "rabin-65536"));
	tune_layout_init(&l);
	tune_layout_parse("x size-1T rabin-1-1-1", &l, why, sizeof why);
	CHECK("bare words Kubo rejects are no chunker", !l.chunker[0]);
	CHECK("bad mode", tune_layout_parse("mode=tar", &l, why, sizeof why) < 0);
	CHECK("a column that is no setting", tune_layout_set(&l, "label", "x", why, sizeof why) == 1);

	/* what a run does not say is the node's current setting */
	tune_layout_init(&l);
	tune_layout_init(&cur);
	tune_layout_parse("chunker=size-262144", &cur, why, sizeof why);
	cur.raw_leaves = 0;
	cur.cid_version = 0;
	tune_layout_parse("cid-version=1", &l, why, sizeof why);
	tune_layout_default(&l, &cur);
	CHECK("defaults filled from the current settings", !strcmp(l.chunker, "size-262144") &&
	    l.raw_leaves == 0 && l.cid_version == 1);
	CHECK("differs from the current settings", !tune_layout_same_import(&l, &cur));
	l.cid_version = 0;
	CHECK("same import settings", tune_layout_same_import(&l, &cur));
}

static void
test_dominant(void)
{
	int64_t s1[] = { 65536, 1048576 }, s2[] = { 1000, 10000 }, s3[] = { 400, 350, 250 };
	size_t c1[] = { 10, 10 }, c2[] = { 10, 1 }, c3[] = { 1, 1, 1 };
	int dom[3];
	double share[3];

	/* 64k x 10 = 655360 bytes, 1M x 10 = 10485760: 1M carries 94% */
	CHECK("one size dominates", tune_dominant(s1, c1, 2, dom, share) == 1 && !dom[0] && dom[1]);
	CHECK("its share", NEAR(share[1], 10485760.0 / 11141120, 1e-12));
	/* 10000 bytes each: the larger size first, and half is reached */
	CHECK("a tie goes to the larger size", tune_dominant(s2, c2, 2, dom, NULL) == 1 && dom[1] && !dom[0]);
	/* 40% + 35% reach half; 25% is left out */
	CHECK("the fewest sizes reaching half", tune_dominant(s3, c3, 3, dom, NULL) == 2 &&
	    dom[0] && dom[1] && !dom[2]);
	c3[0] = c3[1] = c3[2] = 0;
	CHECK("no bytes, no dominant size", tune_dominant(s3, c3, 3, dom, NULL) == 0);
}

static void
test_speedup(void)
{
	double a[5] = { 2.0, 2.2, 2.4, 2.6, 2.8 }, b[5], c[2] = { 4, 8 }, d[2] = { 1, 2 };
	double same[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, same2[8] = { 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5 };
	static const struct { size_t n, u; } crit[] = {
		/* two-sided 0.05 critical values of U for equal sizes, as
		 * tabulated (e.g. Siegel & Castellan, table J): reject when
		 * U <= value; the interval's k is value + 1 */
		{ 5, 2 }, { 6, 5 }, { 7, 8 }, { 8, 13 }, { 9, 17 }, { 10, 23 },
	};
	struct tune_speedup s;
	char name[80];

	for (size_t i = 0; i < sizeof crit / sizeof crit[0]; i++) {
		snprintf(name, sizeof name, "interval order statistic, n = %zu a side", crit[i].n);
		CHECK(name, tune_shift_k(crit[i].n, crit[i].n, 0.05, 1) == crit[i].u + 1);
	}
	CHECK("3 a side cannot reach 95%", tune_shift_k(3, 3, 0.05, 1) == 0);
	/* normal approximation with continuity correction, n = 60 a side:
	 * 1800 - 0.5 - 1.95996 sqrt(3600 x 121 / 12) = 1426.08: U <= 1426, k = 1427 */
	CHECK("normal approximation, 60 a side", tune_shift_k(60, 60, 0.05, 0) == 1427);

	/* ln 4 - ln 1, ln 4 - ln 2, ln 8 - ln 1, ln 8 - ln 2: ln 2, ln 4, ln 4, ln 8 */
	CHECK("Hodges-Lehmann by hand", tune_speedup(c, 2, d, 2, 0.05, &s) == 0 && NEAR(s.est, 4, 1e-12));
	CHECK("too few for an interval", isnan(s.lo) && isnan(s.hi));

	for (int i = 0; i < 5; i++)
		b[i] = a[i] / 2;
	tune_speedup(a, 5, b, 5, 0.05, &s);
	CHECK("twice as fast is 2", NEAR(s.est, 2, 1e-12));
	CHECK("exact test", s.exact && s.tested);
	/* every a beats every b: U = 25, the most extreme of C(10,5) = 252 orderings */
	CHECK("p of complete separation", NEAR(s.p, 2.0 / 252, 1e-12));
	CHECK("the interval holds the estimate", s.lo <= s.est && s.est <= s.hi && s.lo > 1);
	CHECK("medians", NEAR(s.med_a, 2.4, 1e-12) && NEAR(s.med_b, 1.2, 1e-12));

	tune_speedup(same, 8, same2, 8, 0.05, &s);
	CHECK("interleaved samples are not different", s.p > 0.05);
	CHECK("and their interval holds 1", s.lo < 1 && s.hi > 1);
	CHECK("an empty side is not tested", tune_speedup(a, 5, b, 0, 0.05, &s) < 0 && !s.tested);
}

static void
test_pick(void)
{
	struct tune_speedup sp[6];

	memset(sp, 0, sizeof sp);
	/* 3 candidates x 2 sizes; alpha 0.05 / 3 = 0.0167 */
	for (int i = 0; i < 6; i++)
		sp[i].tested = 1;
	sp[0].est = 1.5, sp[0].p = 0.001;	/* c0: 1.5, 1.5 */
	sp[1].est = 1.5, sp[1].p = 0.001;
	sp[2].est = 3.0, sp[2].p = 0.001;	/* c1: 3, 2: the best geomean */
	sp[3].est = 2.0, sp[3].p = 0.001;
	sp[4].est = 9.0, sp[4].p = 0.02;	/* c2: fast but not significant after Bonferroni */
	sp[5].est = 9.0, sp[5].p = 0.001;
	CHECK("the best significant candidate", tune_pick(sp, 3, 2, 0.05) == 1);
	sp[3].est = 0.9;
	CHECK("slower at one size disqualifies", tune_pick(sp, 3, 2, 0.05) == 0);
	sp[1].tested = 0;
	CHECK("not measured at one size disqualifies", tune_pick(sp, 3, 2, 0.05) == -1);
	sp[0].p = sp[1].p = 0.5;
	sp[1].tested = 1;
	CHECK("no significant difference: no winner", tune_pick(sp, 1, 2, 0.05) == -1);
}

static void
test_datastore(void)
{
	/* Kubo docs/config.md, "Reference sizing" of BloomFilterSize */
	static const struct { uint64_t n, bytes; } tab[] = {
		{ 10000000, 16777216 }, { 25000000, 33554432 }, { 50000000, 67108864 },
		{ 100000000, 134217728 }, { 200000000, 268435456 },
	};
	char name[96];

	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
		snprintf(name, sizeof name, "BloomFilterSize for %llu blocks (Kubo's table)",
		    (unsigned long long)tab[i].n);
		CHECK(name, tune_bloom_bytes(tab[i].n) == tab[i].bytes);
	}
	/* the table's FPR column: ~0.18% at 10M in 16 MiB, ~0.58% at 25M in 32 MiB */
	CHECK("FPR at 10M blocks in 16 MiB", NEAR(tune_bloom_fpr(16777216, 10000000), 0.0018, 0.0001));
	CHECK("FPR at 25M blocks in 32 MiB", NEAR(tune_bloom_fpr(33554432, 25000000), 0.0058, 0.0001));
	CHECK("FPR at twice the design point (~11%)", NEAR(tune_bloom_fpr(33554432, 50000000), 0.11, 0.01));
	/* 72 blocks: 512 bits give 3.8%, 1024 bits 0.13%: 128 bytes */
	CHECK("72 blocks: 128 bytes", tune_bloom_bytes(72) == 128);
	CHECK("no blocks, no filter", tune_bloom_bytes(0) == 0);
	CHECK("a filter that is big enough", tune_bloom_enough(16777216, 10000000));
	CHECK("half of it is not", !tune_bloom_enough(8388608, 10000000));
	CHECK("a disabled filter is not", !tune_bloom_enough(0, 10));
	/* a non-power of two is rounded up as bbloom does: 1199120 bytes act as 2 MiB */
	CHECK("rounding as bbloom does", tune_bloom_fpr(1199120, 1000) == tune_bloom_fpr(2097152, 1000));

	CHECK("growth at the mean block size", tune_grow_blocks(100, 1000, 1000) == 200);
	CHECK("no growth", tune_grow_blocks(100, 1000, 0) == 100);
	CHECK("an empty repo keeps its count", tune_grow_blocks(5, 0, 1000) == 5);

	/* 9.5e9 / 0.9 = 10.56e9 > 10e9 (Kubo's default "10GB"): 10 GiB */
	CHECK("StorageMax raised to a whole GiB",
	    tune_storage_max(9500000000ULL, 0, 90, 10000000000ULL) == 10737418240ULL);
	/* 1e9 + 1e9 of growth, watermark 50: 4e9 -> 4 GiB */
	CHECK("growth and watermark count", tune_storage_max(1000000000ULL, 1000000000ULL, 50, 0) ==
	    4ULL << 30);
	CHECK("StorageMax large enough: keep", tune_storage_max(1000, 0, 90, 10000000000ULL) == 0);
	CHECK("no limit (js-ipfs' 2^53 - 1): keep", tune_storage_max(1ULL << 40, 0, 90, 9007199254740991ULL) == 0);
}

static void
test_cache(void)
{
	struct tune_point p[] = { { 1, 0.1, 0 }, { 10, 0.5, 0 }, { 100, 0.85, 0 }, { 1000, 0.95, 0 } };
	struct tune_tier t[] = {
		{ 100, 800, 0.91 }, { 100, 400, 0.92 }, { 50, 1600, 0.89 }, { 200, 100, 0.95 },
	};

	CHECK("smallest capacity reaching 90%", tune_reach(p, 4, 0.9) == 3);
	CHECK("reaching exactly the target counts", tune_reach(p, 4, 0.5) == 1);
	CHECK("a curve that never reaches 99%", tune_reach(p, 4, 0.99) == -1);
	CHECK("least memory, then least disk", tune_tier_pick(t, 4, 0.9) == 1);
	CHECK("no tiered result reaches 96%", tune_tier_pick(t, 4, 0.96) == -1);
	CHECK("key cache: 200 bytes an entry", tune_keycache_bytes(65536) == 13107200);
}

static void
test_node(void)
{
	struct tune_speedup s = { .tested = 1 };

	CHECK("1 GiB is low memory", tune_low_memory(1ULL << 30, 0));
	CHECK("8 GiB is not", !tune_low_memory(8ULL << 30, 0));
	CHECK("8 GiB below the caches' 10 GiB is", tune_low_memory(8ULL << 30, 10ULL << 30));
	CHECK("no budget given", !tune_low_memory(0, 10ULL << 30));

	/* floor 1 ms, call 12 ms: 12 times, significant */
	s.med_a = 0.001, s.med_b = 0.012, s.est = 1 / 12.0, s.p = 0.0001;
	CHECK("a call 12x the floor is slow", tune_api_slow(&s, 10, 0.05, 2));
	s.med_b = 0.005, s.est = 0.2;
	CHECK("5x is not, at a factor of 10", !tune_api_slow(&s, 10, 0.05, 2));
	s.med_b = 0.012, s.est = 1 / 12.0, s.p = 0.04;
	CHECK("not significant after Bonferroni is not", !tune_api_slow(&s, 10, 0.05, 2));
}

int
main(void)
{
	test_layout();
	test_dominant();
	test_speedup();
	test_pick();
	test_datastore();
	test_cache();
	test_node();
	TAP_DONE();
}
