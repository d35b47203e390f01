/*
 * Unit tests: cache-sim invariants on random traces. The hash table
 * against a plain model; every policy never over capacity; LRU at the
 * working set misses once per object; Belady beats every policy; the
 * shared LRU stack, the shared object table and the exact miss-ratio
 * curve equal separate runs; an LRU memory tier over an LRU disk tier is
 * LRU of their sum.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/prng.h"
#include "base/util.h"
#include "rec/read.h"
#include "rec/write.h"
#include "sim/cache.h"
#include "sim/hashtab.h"
#include "sim/idhash.h"
#include "sim/lrustack.h"
#include "sim/mrc.h"
#include "sim/pattern.h"
#include "sim/prepass.h"
#include "sim/run.h"
#include "tap.h"

static const char *const all[] = {
	"lru", "fifo", "clock", "clock:bits=2", "sieve", "lfu", "arc", "arc:step=1",
	"2q", "s3fifo", "s3fifo:move=1", "belady", "tiered:lru/lru", "tiered:arc/s3fifo",
	"tiered:fifo/belady", NULL,
};

static void
test_hashtab(void)
{
	enum { N = 20000 };
	static uint64_t keys[N];
	static int in[N];
	struct prng r;
	struct htab t;
	int ok = 1;

	uint64_t gold = 0x9e3779b97f4a7c15ULL, inv = gold;

	for (int i = 0; i < 6; i++)
		inv *= 2 - gold * inv;	/* gold^-1 mod 2^64 */
	prng_seed(&r, 7);
	ht_init(&t, 4);
	/* distinct keys; one in ten shares its tag (top 32 hash bits) with others */
	for (int i = 0; i < N; i++)
		keys[i] = i % 10 ? prng_next(&r) << 20 | (uint64_t)i :
		    ((uint64_t)(prng_below(&r, 200) * 0x1000193) << 32 | (uint64_t)i) * inv;
	for (int step = 0; step < 200000 && ok; step++) {
		int i = (int)prng_below(&r, N);
		uint32_t v = ht_find(&t, keys[i], keys, 1);

		if ((v != HT_NONE) != in[i] || (in[i] && v != (uint32_t)i)) {
			ok = 0;
			break;
		}
		if (in[i])
			ht_delete(&t, keys[i], (uint32_t)i);
		else
			ht_insert(&t, keys[i], (uint32_t)i);
		in[i] = !in[i];
	}
	for (int i = 0; i < N && ok; i++)
		ok = (ht_find(&t, keys[i], keys, 1) != HT_NONE) == in[i];
	CHECK("hashtab agrees with a model over 200000 random inserts and deletes", ok);
	ht_free(&t);
}

static void
test_idkey(void)
{
	CHECK("idkey: decimal ids key as their number", idkey("12345", 5) == mix64(12345));
	CHECK("idkey: leading zeros make a different id", idkey("007", 3) != idkey("7", 1));
	CHECK("idkey: 20 digits beyond 64 bits are a string",
	    idkey("99999999999999999999", 20) != 0);
	CHECK("idkey: CIDs differ in one character",
	    idkey("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", 59) !=
	    idkey("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzda", 59));
	CHECK("idkey: length matters", idkey("ab\0", 3) != idkey("ab", 2));
}

/* A random trace: zipf over nobj objects, sizes in [lo, hi] (0: none). */
static struct req *
trace(double alpha, uint64_t nobj, uint64_t nreq, uint64_t lo, uint64_t hi, uint64_t seed)
{
	struct pattern_opts o = { .kind = PAT_ZIPF, .alpha = alpha, .nobj = nobj,
	    .nreq = nreq, .seed = seed, .size_lo = lo, .size_hi = hi };
	struct pattern *p = pattern_new(&o);
	struct req *r = emalloc(nreq * sizeof *r);
	uint64_t id, size;

	for (uint64_t i = 0; i < nreq && pattern_next(p, &id, &size); i++)
		r[i] = (struct req){ mix64(id), size, -1 };
	pattern_free(p);
	return r;
}

/* Set next-access times and count distinct objects and bytes. */
static void
nexts(struct req *r, size_t n, uint64_t *objects, uint64_t *bytes)
{
	struct htab t;
	struct { uint64_t key; int64_t last; } *seen = emalloc(n * sizeof *seen);
	uint32_t k;

	*objects = *bytes = 0;
	ht_init(&t, n);
	for (size_t i = n; i-- > 0;) {
		k = *objects ? ht_find(&t, r[i].key, &seen[0].key, 2) : HT_NONE;
		if (k == HT_NONE) {
			k = (uint32_t)(*objects)++;
			seen[k].key = r[i].key;
			ht_insert(&t, r[i].key, k);
			*bytes += r[i].size;
			r[i].next = NEVER;
		} else
			r[i].next = seen[k].last;
		seen[k].last = (int64_t)i;
	}
	ht_free(&t);
	free(seen);
}

static struct cache *
mk(const char *spec, int bytes, uint64_t cap, uint64_t disk)
{
	char err[256];
	struct cache *c = cache_new(spec, bytes, cap, disk, err, sizeof err);

	if (!c) {
		printf("not ok - %s: %s\n", spec, err);
		exit(1);
	}
	return c;
}

static uint64_t
hits(const char *spec, int bytes, uint64_t cap, uint64_t disk, const struct req *r, size_t n)
{
	struct cache *c = mk(spec, bytes, cap, disk);
	uint64_t h;

	c->pol->run(c, r, n);
	h = c->hits;
	cache_free(c);
	return h;
}

static void
test_capacity(void)
{
	enum { N = 3000 };
	struct req *r = trace(0.8, 400, N, 1, 5000, 3);
	char name[128];

	for (int i = 0; all[i]; i++)
		for (int bytes = 0; bytes <= 1; bytes++) {
			uint64_t cap = bytes ? 100000 : 50;
			struct cache *c = mk(all[i], bytes, cap, cap);
			int ok = 1;

			for (size_t k = 0; k < N && ok; k++) {
				uint64_t u = bytes ? r[k].size : 1;

				c->pol->get(c, r[k].key, u, r[k].next < 0 ? NEVER : r[k].next);
				if (c->used > cap || (!c->pol->has(c, r[k].key) && u <= cap &&
				    strncmp(all[i], "tiered", 6) && strncmp(all[i], "2q", 2) &&
				    strncmp(all[i], "s3fifo", 6)))
					ok = 0;
			}
			snprintf(name, sizeof name, "%s %s: within capacity, misses admitted",
			    all[i], bytes ? "bytes" : "objects");
			CHECK(name, ok);
			cache_free(c);
		}
	free(r);
}

static void
test_working_set(void)
{
	enum { N = 20000 };
	struct req *r = trace(0.9, 2000, N, 100, 900, 5);
	uint64_t objects, bytes;

	nexts(r, N, &objects, &bytes);
	CHECK("lru at the working set misses once per object (objects)",
	    N - hits("lru", 0, objects, 0, r, N) == objects);
	CHECK("lru at the working set misses once per object (bytes)",
	    N - hits("lru", 1, bytes, 0, r, N) == objects);
	for (int i = 0; all[i]; i++) {
		char name[128];
		int ok = 1;

		for (uint64_t cap = 5; cap <= 2000 && ok; cap *= 3) {
			uint64_t b = hits("belady", 0, cap, 0, r, N);

			if (!strncmp(all[i], "tiered", 6))
				ok = b >= hits(all[i], 0, cap / 2, cap - cap / 2, r, N);
			else
				ok = b >= hits(all[i], 0, cap, 0, r, N);
		}
		snprintf(name, sizeof name, "belady hits at least as much as %s, 6 sizes", all[i]);
		CHECK(name, ok);
	}
	free(r);
}

static void
test_stack(void)
{
	enum { N = 50000, K = 6 };
	uint64_t caps[2][K] = { { 7, 50, 120, 400, 1000, 3000 },
	    { 200000, 1000000, 2500000, 6000000, 9000000, 30000000 } };
	struct req *r = trace(1.0, 5000, N, 1000, 20000, 9);
	char name[128];

	for (int bytes = 0; bytes <= 1; bytes++) {
		struct cache *c[K], *one;
		struct lrustack *s;
		int ok = 1;

		for (int k = 0; k < K; k++)
			c[K - 1 - k] = mk("lru", bytes, caps[bytes][k], 0);	/* any order */
		s = lrustack_new(c, K);
		for (size_t done = 0; done < N;)
			done += lrustack_run(s, r + done, N - done > 999 ? 999 : N - done);
		for (int k = 0; k < K; k++) {
			one = mk("lru", bytes, c[k]->cap, 0);
			one->pol->run(one, r, N);
			ok &= one->hits == c[k]->hits && one->hitbytes == c[k]->hitbytes &&
			    one->evictions == c[k]->evictions;
			cache_free(one);
			cache_free(c[k]);
		}
		lrustack_free(s);
		snprintf(name, sizeof name, "lru stack of 6 sizes = 6 lru runs (%s)",
		    bytes ? "bytes" : "objects");
		CHECK(name, ok);
	}

	/* the stack hands over exactly: an object too big, then sizes changing */
	for (int twist = 0; twist < 2; twist++) {
		struct cache *c[3];
		struct lrustack *s;
		size_t done = 0, stop = N;
		int ok = 1;

		if (twist == 0)
			r[N / 2].size = 1500000;	/* larger than the smallest cache */
		else
			for (size_t i = N / 3; i < N; i += 7)
				r[i].size += 1;
		for (int k = 0; k < 3; k++)
			c[k] = mk("lru", 1, caps[1][k + 1], 0);
		s = lrustack_new(c, 3);
		while (done < N) {
			size_t n = lrustack_run(s, r + done, N - done);

			done += n;
			if (done < N) {
				stop = done;
				for (int k = 0; k < 3; k++)
					c[k]->pol->run(c[k], r + done, N - done);
				done = N;
			}
		}
		for (int k = 0; k < 3; k++) {
			struct cache *one = mk("lru", 1, c[k]->cap, 0);

			one->pol->run(one, r, N);
			ok &= one->hits == c[k]->hits && one->evictions == c[k]->evictions;
			cache_free(one);
			cache_free(c[k]);
		}
		lrustack_free(s);
		snprintf(name, sizeof name, "lru stack hands over %s exactly",
		    twist ? "when a size changes" : "at an object larger than a cache");
		CHECK(name, ok && stop < N);
	}
	free(r);
}

/* The policies kept in object tables, with parameters that change paths. */
static const char *const tabled[] = {
	"lru", "fifo", "clock", "clock:bits=3", "sieve", "arc", "arc:step=1", "2q",
	"2q:in=0.6:out=0.1", "s3fifo", "s3fifo:move=1:small=0.3", NULL,
};

/* Whether caches c[0..n-1], run in one simulation, equal each run alone. */
static int
equal_alone(struct cache **c, size_t n, const struct req *r, size_t nreq)
{
	int ok = 1;

	for (size_t k = 0; k < n; k++) {
		struct cache *one = mk(c[k]->spec, c[k]->bytes, c[k]->cap, 0);
		uint64_t hits = 0, hitbytes = 0;

		for (size_t x = 0; x < nreq; x++)
			if (one->pol->get(one, r[x].key, one->bytes ? r[x].size : 1, -1)) {
				hits++;
				hitbytes += r[x].size;
			}
		ok &= hits == c[k]->hits && hitbytes == c[k]->hitbytes &&
		    one->evictions == c[k]->evictions && one->used == c[k]->used;
		cache_free(one);
	}
	return ok;
}

/* Simulate caches of spec (every spec when NULL) at caps, in uneven batches. */
static int
tables(const char *spec, int bytes, const uint64_t *caps, size_t ncaps,
    const struct req *r, size_t nreq)
{
	static const size_t batch[] = { 1, 4096, 37, 1000, 2, 999 };
	struct sim s = { 0 };
	int ok;

	for (size_t p = 0; spec ? p < 1 : tabled[p] != NULL; p++)
		for (size_t k = 0; k < ncaps; k++)
			sim_add(&s, mk(spec ? spec : tabled[p], bytes, caps[k], 0));
	for (size_t done = 0, b = 0; done < nreq; b++) {
		size_t m = batch[b % 6] < nreq - done ? batch[b % 6] : nreq - done;

		sim_batch(&s, r + done, m);
		done += m;
	}
	ok = equal_alone(s.c, s.nc, r, nreq);
	sim_free(&s);
	return ok;
}

static void
test_tables(void)
{
	enum { N = 40000, K = 8 };
	uint64_t caps[2][K] = { { 0, 1, 3, 17, 100, 450, 2000, 450 },
	    { 0, 900, 20000, 150000, 1000000, 5000000, 60000000, 20000 } };
	struct req *r = trace(0.9, 3000, N, 1, 30000, 17);
	char name[160];

	for (int vary = 0; vary <= 1; vary++) {
		if (vary)	/* an object's size changes between requests */
			for (size_t i = 0; i < N; i += 3)
				r[i].size = 1 + mix64(i) % 30000;
		for (int bytes = 0; bytes <= 1; bytes++) {
			if (vary && !bytes)
				continue;
			for (int i = 0; tabled[i]; i++) {
				snprintf(name, sizeof name, "%s, 8 sizes in one run = each alone "
				    "(%s%s)", tabled[i], bytes ? "bytes" : "objects",
				    vary ? ", sizes changing" : "");
				CHECK(name, tables(tabled[i], bytes, caps[bytes], K, r, N));
			}
			snprintf(name, sizeof name, "every table policy x 8 sizes on one table "
			    "= each alone (%s%s)", bytes ? "bytes" : "objects",
			    vary ? ", sizes changing" : "");
			CHECK(name, tables(NULL, bytes, caps[bytes], K, r, N));
		}
	}
	free(r);
}

/* Run an exact curve at caps (or, k = 0, on a grid of 10 points), return
 * its capacities and miss ratios, read by column name; the rows, or -1. */
static int
curve(int bytes, const uint64_t *caps, size_t k, const struct req *r, size_t n,
    uint64_t *cap, double *mr)
{
	struct mrc *m = mrc_new(bytes, 1, caps, k);
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);
	struct recw *w = recw_open(f, mrc_columns(bytes), 0);
	struct recr *rd;
	int i = 0, cc, cm, ce;

	mrc_feed(m, r, n);
	mrc_report(m, w, 10);
	recw_close(w);
	fclose(f);
	mrc_free(m);
	rd = recr_fopen(fmemopen(buf, len, "r"), "curve", NULL);
	cc = recr_col(rd, "capacity");
	cm = recr_col(rd, "miss_ratio");
	ce = recr_col(rd, "exact");
	if (cc < 0 || cm < 0 || ce < 0)
		i = -1;
	while (i >= 0 && i < 16 && recr_next(rd) == 1) {
		if (recr_num(rd, ce) != 1)
			i = -1;
		else {
			cap[i] = (uint64_t)recr_num(rd, cc);
			mr[i++] = recr_num(rd, cm);
		}
	}
	recr_close(rd);
	free(buf);
	return i;
}

/* The curve's miss ratios are LRU's at its capacities, to the printed digit. */
static int
same_as_lru(int bytes, const uint64_t *cap, const double *mr, int k, const struct req *r, size_t n)
{
	int ok = k > 0;

	for (int i = 0; i < k; i++) {
		uint64_t h = hits("lru", bytes, cap[i], 0, r, n);
		char got[32], want[32];

		snprintf(got, sizeof got, "%.6f", mr[i]);
		snprintf(want, sizeof want, "%.6f", 1 - (double)h / n);
		ok &= !strcmp(got, want);
	}
	return ok;
}

static void
test_mrc(void)
{
	enum { N = 40000, K = 8 };
	uint64_t caps[2][K] = { { 1, 2, 10, 33, 100, 333, 1000, 3000 },
	    { 2000, 10000, 50000, 200000, 1000000, 3000000, 10000000, 40000000 } }, cap[16];
	struct req *r = trace(0.9, 4000, N, 1, 30000, 11);
	struct req *fit = emalloc(N * sizeof *fit);
	double mr[16];
	char name[128];
	int k;

	for (size_t i = 0; i < N; i++) {
		fit[i] = r[i];
		if (fit[i].size > 1000)
			fit[i].size = 1000 + fit[i].size % 1000;	/* all fit the smallest */
	}
	for (int bytes = 0; bytes <= 1; bytes++) {
		k = curve(bytes, caps[bytes], K, fit, N, cap, mr);
		snprintf(name, sizeof name, "exact mrc = lru runs at 8 capacities (%s)",
		    bytes ? "bytes" : "objects");
		CHECK(name, k == K && same_as_lru(bytes, cap, mr, k, fit, N));
	}
	/* objects of up to 30000 bytes, larger than 2000 and 10000: -p lru does
	 * not admit them there (issue 21: 11), nor does the curve */
	k = curve(1, caps[1], K, r, N, cap, mr);
	CHECK("exact mrc = lru runs at 8 capacities, objects larger than some (bytes)",
	    k == K && same_as_lru(1, cap, mr, k, r, N));
	k = curve(1, NULL, 0, r, N, cap, mr);
	CHECK("exact mrc on its grid = lru runs there, objects larger than some (bytes)",
	    k == 10 && cap[0] < 30000 && same_as_lru(1, cap, mr, k, r, N));
	k = curve(0, NULL, 0, r, N, cap, mr);
	CHECK("exact mrc on its grid = lru runs there (objects)", k == 10 && same_as_lru(0, cap, mr, k, r, N));
	free(fit);
	free(r);
}

static void
test_tiers(void)
{
	enum { N = 30000 };
	struct req *r = trace(0.9, 3000, N, 0, 0, 13);
	int ok = 1;

	for (uint64_t m = 10; m <= 1000; m *= 10)
		for (uint64_t d = 0; d <= 2000; d += 400) {
			struct cache *t = mk("tiered:lru/lru", 0, m, d);
			struct tiers tt;

			t->pol->run(t, r, N);
			cache_tiers(t, &tt);
			ok &= t->hits == hits("lru", 0, m + d, 0, r, N);
			ok &= tt.mem_hits == hits("lru", 0, m, 0, r, N);
			ok &= tt.mem_hits + tt.disk_hits == t->hits;
			cache_free(t);
		}
	CHECK("tiered:lru/lru (M, D) hits = lru(M + D); its memory hits = lru(M)", ok);
	free(r);
}

int
main(void)
{
	test_hashtab();
	test_idkey();
	test_capacity();
	test_working_set();
	test_stack();
	test_tables();
	test_mrc();
	test_tiers();
	TAP_DONE();
}
