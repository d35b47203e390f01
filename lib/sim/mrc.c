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
 * Object-count distances are kept exactly by value; sampled ones go to
 * log-linear bins, 64 per power of two, exact up to 127, and the curve is
 * reported at each bin's upper bound, where the count below it is exact.
 *
 * In bytes, an LRU cache of capacity C (as -p lru, and libCacheSim) does
 * not admit an object larger than C: a miss that evicts nothing. So at C
 * it is the LRU of the requests for objects of at most C bytes, and a
 * request's distance at C leaves out the larger objects: the stack is not
 * one for every capacity (a cache of C may hit where one of C + 1, which
 * admits a C + 1-byte object, misses). The curve is therefore computed at
 * given capacities C1 < ... < Ck: objects fall in bands by the smallest
 * Ci they fit, each band b >= 1 with its own Fenwick tree, and the
 * distance at Ci is the total less the bands above i (a tree, 8 bytes a
 * slot, and a look-up a request for each band that has objects); hits are
 * counted at each capacity. On a grid, whose capacities depend on the working set,
 * the requests are kept (24 bytes each) and replayed at the grid once it
 * is known. What stays inexact: an object whose size changes (-p lru
 * keeps the size it admitted), and every sampled point (an estimate):
 * rows say so in the exact column.
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

static const char *const mrc_cols[] = {
	"capacity", "miss_ratio", "byte_miss_ratio", "exact", "unit", NULL,
};
/* in objects: no byte_miss_ratio */
static const char *const mrc_ocols[] = {
	"capacity", "miss_ratio", "exact", "unit", NULL,
};

enum { C_CAP, C_MR, C_BMR, C_EXACT, C_UNIT };

struct obj {
	uint64_t key, size, slot;
	uint64_t band;		/* the first capacity it fits, at given capacities in bytes */
};
/* the keys' stride, for ht_find */
#define OSTRIDE (sizeof(struct obj) / sizeof(uint64_t))

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
	/* in bytes at given capacities: band b >= 1 holds the objects larger
	 * than caps[b - 1], with a tree of its own (NULL until it has one),
	 * and ccnt, cbytes count hits at each capacity, not cumulated */
	int banded;
	uint64_t **bfw, *blive, *sj;
	/* in bytes on a grid: the (sampled) requests, replayed on the grid */
	int replay;
	struct req *kept;
	size_t nkept, keptcap;
	uint64_t resized;		/* requests of an object at a new size */
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
		if (bytes) {
			m->banded = 1;
			m->bfw = ecalloc(ncaps + 1, sizeof *m->bfw);
			m->blive = ecalloc(ncaps + 1, sizeof *m->blive);
			m->sj = ecalloc(ncaps + 1, sizeof *m->sj);
		}
	} else if (bytes)
		m->replay = 1;
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
	for (size_t b = 0; m->bfw && b <= m->ncaps; b++)
		free(m->bfw[b]);
	free(m->bfw);
	free(m->blive);
	free(m->sj);
	free(m->kept);
	free(m);
}

const char *const *
mrc_columns(int bytes)
{
	return bytes ? mrc_cols : mrc_ocols;
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

/* Fill the Fenwick tree fw over the first j slots: the weights of the
 * objects of band b, or of every object when b < 0. */
static void
fw_fill(struct mrc *m, uint64_t *fw, size_t j, long b)
{
	for (size_t i = 0; i < m->ns; i++)
		fw[i] = i < j && (b < 0 || m->o[m->so[i]].band == (uint64_t)b) ?
		    weight(m, m->so[i]) : 0;
	for (size_t i = 1; i <= m->ns; i++) {
		size_t up = i + (i & -i);

		if (up <= m->ns)
			fw[up - 1] += fw[i - 1];
	}
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
		for (size_t b = 1; m->banded && b <= m->ncaps; b++)
			if (m->bfw[b]) {
				free(m->bfw[b]);
				m->bfw[b] = emalloc(m->ns * sizeof *m->bfw[b]);
			}
	}
	memset(m->so + j, 0xff, (m->ns - j) * sizeof *m->so);
	fw_fill(m, m->fw, j, -1);
	for (size_t b = 1; m->banded && b <= m->ncaps; b++)
		if (m->bfw[b])
			fw_fill(m, m->bfw[b], j, (long)b);
	m->now = j;
}

/* The band of an object of that size: the first capacity it fits. */
static uint32_t
band(const struct mrc *m, uint64_t size)
{
	size_t lo = 0, hi = m->ncaps;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (m->caps[mid] < size)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

/* Others' weight in a distance, scaled up when sampling. */
static uint64_t
scale(const struct mrc *m, uint64_t d)
{
	if (m->thresh < 1 << SAMPLE_BITS)
		d = (uint64_t)llround((double)d / mrc_rate(m));
	return d;
}

/* Banded: a request of that size, others the bytes of every object since
 * its last request, sj[b] those of band b; a hit at each capacity it fits
 * whose distance, without the objects larger than it, is within it. */
static void
record_banded(struct mrc *m, uint64_t others, uint64_t size)
{
	uint64_t excl = 0;
	size_t b = band(m, size);

	for (size_t i = m->ncaps; i-- > b;) {
		excl += m->sj[i + 1];
		if (scale(m, others - excl) + size <= m->caps[i]) {
			m->ccnt[i]++;
			m->cbytes[i] += size;
		}
	}
}

static void
record(struct mrc *m, uint64_t d, uint64_t size)
{
	if (m->ncaps) {
		size_t lo = band(m, d);

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

static uint32_t
newobj(struct mrc *m, uint64_t key, uint64_t size)
{
	uint32_t o;

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
	return o;
}

void
mrc_feed(void *arg, const struct req *r, size_t n)
{
	struct mrc *m = arg;

	for (size_t i = 0; i < n; i++) {
		uint64_t key = r[i].key, size = r[i].size, d, w;
		uint32_t o;

		m->req++;
		m->reqbytes += size;
		if ((mix64(key ^ 0x5a4d5244ULL) >> (64 - SAMPLE_BITS)) >= m->thresh)
			continue;
		m->sreq++;
		m->sbytes += size;
		if (m->replay) {
			/* the working set now, the distances on the grid later */
			egrow((void **)&m->kept, &m->keptcap, m->nkept + 1, sizeof *m->kept);
			m->kept[m->nkept].key = key;
			m->kept[m->nkept].size = size;
			m->kept[m->nkept++].next = -1;
			if ((m->no ? ht_find(&m->ht, key, &m->o[0].key, OSTRIDE) : HT_NONE) == HT_NONE)
				newobj(m, key, size);
			continue;
		}
		if (m->now == m->ns)
			compact(m);
		o = m->no ? ht_find(&m->ht, key, &m->o[0].key, OSTRIDE) : HT_NONE;
		if (o == HT_NONE) {
			o = newobj(m, key, size);
		} else {
			uint64_t s = m->o[o].slot, b = m->o[o].band;

			/* the others since its last request, scaled up when sampling; then itself */
			d = m->live - fw_sum(m->fw, s);
			for (size_t k = 1; m->banded && k <= m->ncaps; k++)
				m->sj[k] = m->bfw[k] ? m->blive[k] - fw_sum(m->bfw[k], s) : 0;
			w = weight(m, o);
			fw_sub(m->fw, m->ns, s, w);
			if (b)
				fw_sub(m->bfw[b], m->ns, s, w), m->blive[b] -= w;
			m->so[s] = NIL;
			m->live -= w;
			if (m->o[o].size != size)
				m->resized++;
			m->o[o].size = size;
			if (size > m->maxsize)
				m->maxsize = size;
			if (m->banded)
				record_banded(m, d, size);
			else
				record(m, scale(m, d) + (m->bytes ? size : 1), size);
		}
		w = weight(m, o);
		m->o[o].band = m->banded ? band(m, size) : 0;
		m->o[o].slot = m->now;
		m->so[m->now] = o;
		fw_add(m->fw, m->ns, m->now, w);
		if (m->o[o].band) {
			uint32_t b = m->o[o].band;

			if (!m->bfw[b])
				m->bfw[b] = ecalloc(m->ns, sizeof *m->bfw[b]);
			fw_add(m->bfw[b], m->ns, m->now, w);
			m->blive[b] += w;
		}
		m->live += w;
		m->now++;
	}
}

/* Capacities named on stderr: "64k, 512k, 4M". */
struct named {
	char s[400];
	size_t n, count;
};

static void
name(struct named *a, uint64_t cap)
{
	char cb[32];

	if (a->count++ == 0)
		a->s[0] = '\0';
	if (a->n < sizeof a->s - 48)
		a->n += (size_t)snprintf(a->s + a->n, sizeof a->s - a->n, "%s%s", a->n ? ", " : "",
		    fmt_size(cap, cb));
	else if (a->s[a->n - 1] != '.')
		a->n += (size_t)snprintf(a->s + a->n, sizeof a->s - a->n, ", ...");
}

/* A row, unless its ratios fall outside 0..1 (a sampled estimate can):
 * then 0, and nothing written. */
static int
row(struct recw *w, const struct mrc *m, uint64_t cap, double hits, double hitbytes,
    double total, double totalbytes, int exact)
{
	double mr = total > 0 ? 1 - hits / total : 0;
	double bmr = totalbytes > 0 ? 1 - hitbytes / totalbytes : 0;
	const double eps = 1e-9;	/* rounding, not estimation */

	if (mr < -eps || mr > 1 + eps || (m->bytes && (bmr < -eps || bmr > 1 + eps)))
		return 0;
	recw_uint(w, C_CAP, cap);
	recw_num(w, C_MR, mr < 0 ? 0 : mr > 1 ? 1 : mr, 6);
	if (m->bytes)
		recw_num(w, C_BMR, bmr < 0 ? 0 : bmr > 1 ? 1 : bmr, 6);
	recw_int(w, m->bytes ? C_EXACT : C_EXACT - 1, exact);
	recw_str(w, m->bytes ? C_UNIT : C_UNIT - 1, m->bytes ? "bytes" : "objects");
	recw_end(w);
	return 1;
}

static uint64_t
as_is(uint64_t v)
{
	return v;
}

static uint64_t
bin_of(uint64_t v)
{
	return bin(v);
}

/*
 * At most points values from map(lo) to map(hi), map of capacities spread
 * logarithmically from lo to hi, each larger than the one before: all
 * there are when fewer (said: what they are, in unit). Returns how many.
 */
static size_t
spread(uint64_t lo, uint64_t hi, int points, uint64_t (*map)(uint64_t), uint64_t *out,
    const char *what, const char *unit)
{
	uint64_t first = map(lo), top = map(hi), last = 0;

	if (top - first + 1 < (uint64_t)points) {
		weprintf("%llu %s between %llu and %llu %s: %llu points, not the %d points asked "
		    "for", (unsigned long long)(top - first + 1), what, (unsigned long long)lo,
		    (unsigned long long)hi, unit, (unsigned long long)(top - first + 1), points);
		points = (int)(top - first + 1);
	}
	for (int i = 0; i < points; i++) {
		double t = points < 2 ? (double)hi :
		    (double)lo * pow((double)hi / (double)lo, (double)i / (points - 1));
		uint64_t v = map((uint64_t)llround(t));

		if (i == points - 1)
			v = top;
		if (i > 0 && v <= last)
			v = last + 1;
		if (v > top - (uint64_t)(points - 1 - i))
			v = top - (uint64_t)(points - 1 - i);
		out[i] = last = v;
	}
	return (size_t)points;
}

/* Bytes on a grid: the grid is known now; the kept requests replayed at it. */
static void
replay(struct mrc *m, struct recw *w, int points)
{
	double rate = mrc_rate(m);
	uint64_t lo = m->minsize ? m->minsize : 1, hi = m->wsbytes, *caps;
	struct mrc *g;
	size_t n;

	if (m->thresh < 1 << SAMPLE_BITS)
		hi = (uint64_t)llround((double)hi / rate);
	if (hi < lo)
		hi = lo;
	caps = emalloc((size_t)points * sizeof *caps);
	n = spread(lo, hi, points, as_is, caps, "capacities", "bytes");
	g = mrc_new(1, rate, caps, n);
	mrc_feed(g, m->kept, m->nkept);
	g->req = m->req;
	g->reqbytes = m->reqbytes;
	mrc_report(g, w, points);
	mrc_free(g);
	free(caps);
}

void
mrc_report(struct mrc *m, struct recw *w, int points)
{
	double rate = mrc_rate(m), total, totalbytes, adj = 0, adjb = 0, hits, hb;
	int sampled = m->thresh < 1 << SAMPLE_BITS, exact;
	uint64_t lo, hi, res = 0;
	struct named out = { .count = 0 }, below = { .count = 0 };
	size_t b = 0;

	if (points < 2)
		points = 2;
	if (m->replay) {
		if (m->no)
			replay(m, w, points);
		return;
	}
	if (sampled) {
		total = (double)m->req * rate;
		totalbytes = (double)m->reqbytes * rate;
		adj = total - (double)m->sreq;
		adjb = totalbytes - (double)m->sbytes;
		/* distances in steps of 1 / rate objects: smaller capacities
		 * are not resolved (issue 21: 12) */
		if (!m->bytes && llround(1 / rate) > 1)
			res = (uint64_t)llround(1 / rate);
	} else {
		total = (double)m->req;
		totalbytes = (double)m->reqbytes;
	}
	/* -p lru admits an object at the size it first has, the curve counts
	 * its last (issue 21: 11) */
	exact = !sampled && !(m->bytes && m->resized);
	if (m->bytes && m->resized)
		weprintf("%llu requests found their object at another size than before: the curve "
		    "counts an object at its last size, -p lru at the size it admitted it at, so the "
		    "curve is not exact (exact 0); simulate these sizes with -p lru -s",
		    (unsigned long long)m->resized);
	if (m->ncaps) {
		hits = adj;
		hb = adjb;
		for (size_t i = 0; i < m->ncaps; i++) {
			double h, hbi;

			hits += (double)m->ccnt[i];
			hb += (double)m->cbytes[i];
			h = m->banded ? adj + (double)m->ccnt[i] : hits;
			hbi = m->banded ? adjb + (double)m->cbytes[i] : hb;
			if (m->caps[i] < res)
				name(&below, m->caps[i]);
			else if (!row(w, m, m->caps[i], h, hbi, total, totalbytes, exact))
				name(&out, m->caps[i]);
		}
		if (below.count)
			weprintf("sampled at rate %g: left out %s: a sampled curve does not resolve "
			    "capacities below %llu objects (1 / rate); --sample 1 for them", rate, below.s,
			    (unsigned long long)res);
	} else if (m->no) {
		lo = 1;
		hi = sampled ? (uint64_t)llround((double)m->no / rate) : m->no;
		if (res > lo) {
			weprintf("sampled at rate %g: the grid starts at %llu objects (1 / rate): a sampled "
			    "curve does not resolve capacities below %llu objects; --sample 1 for them",
			    rate, (unsigned long long)res, (unsigned long long)res);
			lo = res;
		}
		if (hi < lo)
			hi = lo;
		hits = adj;
		hb = adjb;
		if (m->byvalue) {
			uint64_t *caps = emalloc((size_t)points * sizeof *caps);
			size_t n = spread(lo, hi, points, as_is, caps, "capacities", "objects");

			for (size_t i = 0; i < n; i++) {
				for (; b <= caps[i] && b < m->hcap; b++) {
					hits += (double)m->hist[b];
					hb += (double)m->bhist[b];
				}
				if (!row(w, m, caps[i], hits, hb, total, totalbytes, exact))
					name(&out, caps[i]);
			}
			free(caps);
		} else {
			uint64_t *bins = emalloc((size_t)points * sizeof *bins);
			size_t n = spread(lo, hi, points, bin_of, bins, "distinct capacities of a "
			    "sampled curve (its distances are binned, 64 a power of two)", "objects");

			for (size_t i = 0; i < n; i++) {
				for (; b <= bins[i]; b++) {
					hits += (double)m->bins[b];
					hb += (double)m->bbins[b];
				}
				if (!row(w, m, bin_top(bins[i]), hits, hb, total, totalbytes, exact))
					name(&out, bin_top(bins[i]));
			}
			free(bins);
		}
	}
	if (out.count)
		weprintf("sampled at rate %g: left out %s, where the estimate falls outside 0..1 (the "
		    "sample drew more than its share of the requests, and SHARDS-adj takes the excess "
		    "off the hits); a higher --sample for them", rate, out.s);
}
