/*
 * sim/mrc.c: the exact LRU miss-ratio curve (Mattson et al. 1970) from reuse
 * distances. A request's distance is the number of distinct objects
 * requested since the previous request for the same object, itself
 * included (or their bytes); an LRU cache of capacity C hits exactly the
 * requests of distance <= C. Each object's last request holds one live
 * mark in a Fenwick tree over time slots, weighted 1 or by size, so a
 * distance is a suffix sum, O(log n). Slots are renumbered (compacted)
 * when they run out, so the tree stays within twice the live objects.
 *
 * Object-count distances are kept exactly by value. Byte distances (and
 * sampled ones) go to log-linear bins, 64 per power of two, exact up to
 * 127; the curve is reported at each bin's upper bound, where the count
 * below it is exact, so every reported point is exact, not interpolated.
 *
 * Sampling (Waldspurger et al., SHARDS, FAST 2015): only objects whose key
 * hash falls below rate x 2^24 (of 2^24) are tracked; the part of a
 * distance that counts other objects is divided by the rate (the object
 * itself is counted once, which removes a bias of 1/rate - 1 objects), and
 * the shortfall between the expected and the sampled number of requests
 * is counted at distance 0 (SHARDS-adj).
 */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "sim/mrc.h"
#include "base/units.h"
#include "base/util.h"
#include "sim/hashtab.h"
#include "sim/idhash.h"

enum { NBINS = 64 * 59, SAMPLE_BITS = 24 };

const char *const mrc_cols[] = {
	"capacity", "miss_ratio", "byte_miss_ratio", "unit", NULL,
};

struct obj {
	uint64_t key, size, slot;
};

struct mrc {
	int bytes;
	uint64_t thresh;	/* sample keys with hash >> 40 below it */
	struct htab ht;
	struct obj *o;
	size_t no, ocap;
	uint64_t *fw;		/* Fenwick tree of live weights, by slot */
	uint32_t *so;		/* slot -> object, NIL when dead */
	size_t ns, now;
	uint64_t live;
	/* distances */
	int byvalue;		/* exact counts: hist[d] */
	uint64_t *hist, *bhist;
	size_t hcap;
	uint64_t bins[NBINS], bbins[NBINS];
	uint64_t *caps, *ccnt, *cbytes;
	size_t ncaps;
	/* totals */
	uint64_t req, reqbytes;		/* every request */
	uint64_t sreq, sbytes;		/* sampled ones */
	uint64_t wsbytes, minsize, maxsize;
};

static size_t
bin(uint64_t v)
{
	unsigned e, shift;

	if (v < 128)
		return (size_t)v;
	e = 63 - (unsigned)__builtin_clzll(v);
	shift = e - 6;
	return (size_t)(shift + 1) * 64 + (size_t)((v >> shift) - 64);
}

/* The largest value of bin b. */
static uint64_t
bin_top(size_t b)
{
	unsigned shift;
	uint64_t m;

	if (b < 128)
		return b;
	shift = (unsigned)(b / 64 - 1);
	m = b % 64 + 64;
	if (shift + 7 >= 64 && m == 127)
		return UINT64_MAX;
	return ((m + 1) << shift) - 1;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

struct mrc *
mrc_new(int bytes, double rate, const uint64_t *caps, size_t ncaps)
{
	struct mrc *m = ecalloc(1, sizeof *m);

	m->bytes = bytes;
	m->thresh = (uint64_t)llround(rate * (1 << SAMPLE_BITS));
	if (m->thresh < 1)
		m->thresh = 1;
	if (m->thresh > 1 << SAMPLE_BITS)
		m->thresh = 1 << SAMPLE_BITS;
	m->byvalue = !bytes && m->thresh == 1 << SAMPLE_BITS && !ncaps;
	if (ncaps) {
		m->ncaps = ncaps;
		m->caps = emalloc(ncaps * sizeof *m->caps);
		memcpy(m->caps, caps, ncaps * sizeof *m->caps);
		qsort(m->caps, ncaps, sizeof *m->caps, cmp_u64);
		m->ccnt = ecalloc(ncaps, sizeof *m->ccnt);
		m->cbytes = ecalloc(ncaps, sizeof *m->cbytes);
	}
	ht_init(&m->ht, 1024);
	m->ns = 1024;
	m->fw = ecalloc(m->ns, sizeof *m->fw);
	m->so = emalloc(m->ns * sizeof *m->so);
	memset(m->so, 0xff, m->ns * sizeof *m->so);
	m->minsize = UINT64_MAX;
	return m;
}

void
mrc_free(struct mrc *m)
{
	if (!m)
		return;
	ht_free(&m->ht);
	free(m->o);
	free(m->fw);
	free(m->so);
	free(m->hist);
	free(m->bhist);
	free(m->caps);
	free(m->ccnt);
	free(m->cbytes);
	free(m);
}

double
mrc_rate(const struct mrc *m)
{
	return (double)m->thresh / (1 << SAMPLE_BITS);
}

static void
fw_add(uint64_t *fw, size_t n, size_t i, uint64_t d)
{
	for (i++; i <= n; i += i & -i)
		fw[i - 1] += d;
}

static void
fw_sub(uint64_t *fw, size_t n, size_t i, uint64_t d)
{
	for (i++; i <= n; i += i & -i)
		fw[i - 1] -= d;
}

/* Sum of slots [0, i]. */
static uint64_t
fw_sum(const uint64_t *fw, size_t i)
{
	uint64_t s = 0;

	for (i++; i > 0; i -= i & -i)
		s += fw[i - 1];
	return s;
}

static uint64_t
weight(const struct mrc *m, uint32_t o)
{
	return m->bytes ? m->o[o].size : 1;
}

/* Renumber the live slots 0..k-1 in order, growing the slot space if half full. */
static void
compact(struct mrc *m)
{
	size_t j = 0;

	for (size_t i = 0; i < m->ns; i++)
		if (m->so[i] != NIL) {
			m->o[m->so[i]].slot = j;
			m->so[j++] = m->so[i];
		}
	if (2 * j > m->ns) {
		m->ns *= 2;
		m->so = erealloc(m->so, m->ns * sizeof *m->so);
		free(m->fw);
		m->fw = emalloc(m->ns * sizeof *m->fw);
	}
	memset(m->so + j, 0xff, (m->ns - j) * sizeof *m->so);
	for (size_t i = 0; i < m->ns; i++)
		m->fw[i] = i < j ? weight(m, m->so[i]) : 0;
	for (size_t i = 1; i <= m->ns; i++) {
		size_t up = i + (i & -i);

		if (up <= m->ns)
			m->fw[up - 1] += m->fw[i - 1];
	}
	m->now = j;
}

static void
record(struct mrc *m, uint64_t d, uint64_t size)
{
	if (m->ncaps) {
		size_t lo = 0, hi = m->ncaps;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (m->caps[mid] < d)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < m->ncaps) {
			m->ccnt[lo]++;
			m->cbytes[lo] += size;
		}
	} else if (m->byvalue) {
		if (d >= m->hcap) {
			size_t old = m->hcap;

			egrow((void **)&m->hist, &m->hcap, d + 1, sizeof *m->hist);
			m->bhist = erealloc(m->bhist, m->hcap * sizeof *m->bhist);
			memset(m->hist + old, 0, (m->hcap - old) * sizeof *m->hist);
			memset(m->bhist + old, 0, (m->hcap - old) * sizeof *m->bhist);
		}
		m->hist[d]++;
		m->bhist[d] += size;
	} else {
		m->bins[bin(d)]++;
		m->bbins[bin(d)] += size;
	}
}

void
mrc_feed(void *arg, const struct req *r, size_t n)
{
	struct mrc *m = arg;

	for (size_t i = 0; i < n; i++) {
		uint64_t key = r[i].key, size = r[i].size, d;
		uint32_t o;

		m->req++;
		m->reqbytes += size;
		if ((mix64(key ^ 0x5a4d5244ULL) >> (64 - SAMPLE_BITS)) >= m->thresh)
			continue;
		m->sreq++;
		m->sbytes += size;
		if (m->now == m->ns)
			compact(m);
		o = m->no ? ht_find(&m->ht, key, &m->o[0].key, 3) : HT_NONE;
		if (o == HT_NONE) {
			egrow((void **)&m->o, &m->ocap, m->no + 1, sizeof *m->o);
			o = (uint32_t)m->no++;
			m->o[o].key = key;
			m->o[o].size = size;
			ht_insert(&m->ht, key, o);
			m->wsbytes += size;
			if (size < m->minsize)
				m->minsize = size;
			if (size > m->maxsize)
				m->maxsize = size;
		} else {
			uint64_t s = m->o[o].slot, w = weight(m, o);

			/* the others since its last request, scaled up when sampling; then itself */
			d = m->live - fw_sum(m->fw, s);
			if (m->thresh < 1 << SAMPLE_BITS)
				d = (uint64_t)llround((double)d / mrc_rate(m));
			fw_sub(m->fw, m->ns, s, w);
			m->so[s] = NIL;
			m->live -= w;
			m->o[o].size = size;
			if (size > m->maxsize)
				m->maxsize = size;
			record(m, d + (m->bytes ? size : 1), size);
		}
		m->o[o].slot = m->now;
		m->so[m->now] = o;
		fw_add(m->fw, m->ns, m->now, weight(m, o));
		m->live += weight(m, o);
		m->now++;
	}
}

static void
row(struct recw *w, const struct mrc *m, uint64_t cap, double hits, double hitbytes,
    double total, double totalbytes, int has_size)
{
	double mr = total > 0 ? 1 - hits / total : 0;
	double bmr = totalbytes > 0 ? 1 - hitbytes / totalbytes : 0;

	recw_uint(w, 0, cap);
	recw_num(w, 1, mr < 0 ? 0 : mr > 1 ? 1 : mr, 6);
	if (has_size)
		recw_num(w, 2, bmr < 0 ? 0 : bmr > 1 ? 1 : bmr, 6);
	recw_str(w, 3, m->bytes ? "bytes" : "objects");
	recw_end(w);
}

void
mrc_report(struct mrc *m, struct recw *w, int points, int has_size)
{
	double rate = mrc_rate(m), total, totalbytes, adj = 0, adjb = 0, hits, hb;
	uint64_t lo, hi, last = 0;
	int sampled = m->thresh < 1 << SAMPLE_BITS;
	size_t b = 0;

	if (sampled) {
		total = (double)m->req * rate;
		totalbytes = (double)m->reqbytes * rate;
		adj = total - (double)m->sreq;
		adjb = totalbytes - (double)m->sbytes;
	} else {
		total = (double)m->req;
		totalbytes = (double)m->reqbytes;
	}
	/* An object larger than a capacity: -p lru (and libCacheSim) does not
	 * admit it, a miss that evicts nothing; the stack distances count it
	 * against the others, so the curve is not exact there (issue 21: 11). */
	if (m->bytes && m->maxsize > 0) {
		char mx[32], cb[32];
		struct sbuf { char s[1024]; size_t n; } at = { "", 0 };

		if (m->ncaps) {
			for (size_t i = 0; i < m->ncaps; i++)
				if (m->caps[i] < m->maxsize && at.n < sizeof at.s - 40)
					at.n += (size_t)snprintf(at.s + at.n, sizeof at.s - at.n, "%s%s",
					    at.n ? ", " : "", fmt_size(m->caps[i], cb));
		} else if ((m->minsize ? m->minsize : 1) < m->maxsize)
			snprintf(at.s, sizeof at.s, "every capacity below %s", fmt_size(m->maxsize, cb));
		if (at.s[0])
			fprintf(stderr, "cache-sim: objects up to %s are larger than some capacities: the curve "
			    "is not exact at %s (-p lru does not admit an object larger than the cache, so it "
			    "evicts nothing; simulate those sizes with -p lru -s)\n", fmt_size(m->maxsize, mx), at.s);
	}
	if (m->ncaps) {
		hits = adj;
		hb = adjb;
		for (size_t i = 0; i < m->ncaps; i++) {
			hits += (double)m->ccnt[i];
			hb += (double)m->cbytes[i];
			row(w, m, m->caps[i], hits, hb, total, totalbytes, has_size);
		}
		return;
	}
	if (m->no == 0)
		return;
	lo = m->bytes ? (m->minsize ? m->minsize : 1) : 1;
	hi = m->bytes ? m->wsbytes : m->no;
	if (sampled)
		hi = (uint64_t)llround((double)hi / rate);
	if (hi < lo)
		hi = lo;
	if (points < 2)
		points = 2;
	/* exact counts: the points asked for, distinct, or every capacity there
	 * is, and said (issue 21: 12) */
	if (m->byvalue && hi - lo + 1 < (uint64_t)points) {
		fprintf(stderr, "cache-sim: %llu capacities between %llu and %llu objects: %llu points, not the "
		    "%d points asked for\n", (unsigned long long)(hi - lo + 1), (unsigned long long)lo,
		    (unsigned long long)hi, (unsigned long long)(hi - lo + 1), points);
		points = (int)(hi - lo + 1);
	}
	/* a sampled curve sees reuse distances in steps of 1 / rate objects:
	 * below that its figures are not resolved (issue 21: 12) */
	if (sampled && !m->bytes && 1 / rate > (double)lo)
		fprintf(stderr, "cache-sim: sampled at rate %g: the curve does not resolve capacities below "
		    "%.0f objects (1 / rate); their miss ratios are estimates at best; --sample 1 for exact "
		    "ones\n", rate, 1 / rate);
	hits = adj;
	hb = adjb;
	for (int i = 0; i < points; i++) {
		double t = (double)lo * pow((double)hi / (double)lo, (double)i / (points - 1));
		uint64_t cap = (uint64_t)llround(t);

		if (i == points - 1)
			cap = hi;
		if (m->byvalue && i > 0 && cap <= last)
			cap = last + 1;
		if (m->byvalue && cap > hi - (uint64_t)(points - 1 - i))
			cap = hi - (uint64_t)(points - 1 - i);
		if (!m->byvalue)
			cap = bin_top(bin(cap));
		if (cap <= last && i > 0)
			continue;
		if (m->byvalue) {
			for (; b <= cap && b < m->hcap; b++) {
				hits += (double)m->hist[b];
				hb += (double)m->bhist[b];
			}
		} else {
			for (; b <= bin(cap); b++) {
				hits += (double)m->bins[b];
				hb += (double)m->bbins[b];
			}
		}
		row(w, m, cap, hits, hb, total, totalbytes, has_size);
		last = cap;
	}
}
