/* tune/rules.c: tune-conf's rules as pure functions (tune/rules.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tune/rules.h"
#include "base/units.h"
#include "base/util.h"
#include "stats/stats.h"
#include "unixfs/dag.h"

void
tune_layout_init(struct tune_layout *l)
{
	memset(l, 0, sizeof *l);
	l->raw_leaves = l->cid_version = -1;
}

static int
boolval(const char *v)
{
	if (!strcmp(v, "1") || !strcmp(v, "true"))
		return 1;
	if (!strcmp(v, "0") || !strcmp(v, "false"))
		return 0;
	return -1;
}

/* A chunker spec as Kubo's Import.UnixFSChunker takes it (unixfs/dag.h's
 * grammar, go-ipfs-chunker's): size-BYTES (a k/M suffix is written out in
 * bytes), rabin[-AVG | -MIN-AVG-MAX], buzhash; "" and "default" are not
 * specs here. */
static int
chunkerval(const char *v, char *out, size_t n)
{
	char spec[48], why[160];
	uint64_t bytes;

	if (!strncmp(v, "size-", 5) && v[5] >= '0' && v[5] <= '9') {
		if (parse_size(v + 5, &bytes) < 0)
			return -1;
		snprintf(spec, sizeof spec, "size-%llu", (unsigned long long)bytes);
	} else if ((size_t)snprintf(spec, sizeof spec, "%s", v) >= sizeof spec) {
		return -1;
	}
	if (!*spec || !strcmp(spec, "default") || dag_chunker_check(spec, why, sizeof why) < 0)
		return -1;
	snprintf(out, n, "%s", spec);
	return 0;
}

/* "raw-leaves", "raw_leaves", "rawleaves" and "Raw-Leaves" are one name. */
static int
isname(const char *name, const char *want)
{
	for (;; name++, want++) {
		while (*name == '-' || *name == '_')
			name++;
		while (*want == '-')
			want++;
		if (!*name || !*want)
			return !*name && !*want;
		if ((*name | 0x20) != *want)
			return 0;
	}
}

int
tune_layout_set(struct tune_layout *l, const char *name, const char *val, char *why, size_t n)
{
	long count;
	int b;

	if (isname(name, "chunker")) {
		if (chunkerval(val, l->chunker, sizeof l->chunker) < 0)
			goto bad;
	} else if (isname(name, "raw-leaves")) {
		if ((b = boolval(val)) < 0)
			goto bad;
		l->raw_leaves = b;
	} else if (isname(name, "cid-version")) {
		if (strcmp(val, "0") && strcmp(val, "1"))
			goto bad;
		l->cid_version = val[0] - '0';
	} else if (isname(name, "parallel") || !strcmp(name, "P")) {
		if (parse_count(val, &count) < 0 || count < 1 || count > 1 << 20)
			goto bad;
		l->parallel = (int)count;
	} else if (isname(name, "mode") || isname(name, "chunk-mode")) {
		if (strcmp(val, "block") && strcmp(val, "car"))
			goto bad;
		snprintf(l->mode, sizeof l->mode, "%s", val);
	} else {
		return 1;
	}
	return 0;
bad:
	snprintf(why, n, "%s: bad value '%s'", name, val);
	return -1;
}

int
tune_layout_parse(const char *label, struct tune_layout *l, char *why, size_t n)
{
	char *copy, *tok, *save = NULL, *eq;
	int rc = 0;

	if (!label)
		return 0;
	copy = estrdup(label);
	for (tok = strtok_r(copy, ",;& \t", &save); tok && rc == 0;
	    tok = strtok_r(NULL, ",;& \t", &save)) {
		if ((eq = strchr(tok, '='))) {
			*eq = '\0';
			rc = tune_layout_set(l, tok, eq + 1, why, n) < 0 ? -1 : 0;
		} else if (isname(tok, "raw-leaves")) {
			l->raw_leaves = 1;
		} else {
			/* a bare word is a chunker when it reads as one */
			chunkerval(tok, l->chunker, sizeof l->chunker);
		}
	}
	free(copy);
	return rc;
}

void
tune_layout_default(struct tune_layout *a, const struct tune_layout *b)
{
	if (!a->chunker[0])
		snprintf(a->chunker, sizeof a->chunker, "%s", b->chunker);
	if (a->raw_leaves < 0)
		a->raw_leaves = b->raw_leaves;
	if (a->cid_version < 0)
		a->cid_version = b->cid_version;
}

int
tune_layout_same_import(const struct tune_layout *a, const struct tune_layout *b)
{
	return !strcmp(a->chunker, b->chunker) && a->raw_leaves == b->raw_leaves &&
	    a->cid_version == b->cid_version;
}

int
tune_layout_same_upload(const struct tune_layout *a, const struct tune_layout *b)
{
	return a->parallel == b->parallel && !strcmp(a->mode, b->mode);
}

const char *
tune_layout_text(const struct tune_layout *l, int upload, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
#define ADD(...) do { if (used < n) used += snprintf(buf + used, n - used, \
	"%s", used ? " " : ""); if (used < n) used += snprintf(buf + used, n - used, __VA_ARGS__); } while (0)
	if (l->chunker[0])
		ADD("chunker=%s", l->chunker);
	if (l->raw_leaves >= 0)
		ADD("raw-leaves=%d", l->raw_leaves);
	if (l->cid_version >= 0)
		ADD("cid-version=%d", l->cid_version);
	if (upload && l->parallel)
		ADD("parallel=%d", l->parallel);
	if (upload && l->mode[0])
		ADD("mode=%s", l->mode);
#undef ADD
	return buf[0] ? buf : "-";
}

size_t
tune_dominant(const int64_t *size, const size_t *count, size_t n, int *dom, double *share)
{
	double total = 0, taken = 0;
	size_t ndom = 0;

	for (size_t i = 0; i < n; i++) {
		dom[i] = 0;
		total += (double)size[i] * count[i];
	}
	for (size_t i = 0; i < n && share; i++)
		share[i] = total > 0 ? (double)size[i] * count[i] / total : 0;
	if (!(total > 0))
		return 0;
	while (taken < total / 2) {
		long best = -1;
		double bv = -1;

		for (size_t i = 0; i < n; i++) {
			double v = (double)size[i] * count[i];

			if (!dom[i] && (v > bv || (v == bv && best >= 0 && size[i] > size[best]))) {
				best = (long)i;
				bv = v;
			}
		}
		if (best < 0 || bv <= 0)
			break;
		dom[best] = 1;
		taken += bv;
		ndom++;
	}
	return ndom;
}

/* The normal quantile z with P(Z > z) = q, by bisection on erfc. */
static double
znorm(double q)
{
	double lo = 0, hi = 40;

	for (int i = 0; i < 200; i++) {
		double mid = (lo + hi) / 2;

		if (0.5 * erfc(mid / M_SQRT2) > q)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

size_t
tune_shift_k(size_t na, size_t nb, double alpha, int exact)
{
	double m = (double)na * nb;
	size_t u = 0;

	if (na == 0 || nb == 0)
		return 0;
	if (!exact) {
		/* stats_utest's p with its continuity correction: the largest u
		 * with (m / 2 - u - 0.5) / sigma >= z(alpha / 2) */
		double c = m / 2 - 0.5 - znorm(alpha / 2) * sqrt(m * (na + nb + 1) / 12);

		return c >= 0 ? (size_t)floor(c) + 1 : 0;
	}
	/* the largest u below m / 2 whose two-sided exact p is at most alpha */
	if (stats_utest_exact_p(na, nb, 0) > alpha)
		return 0;
	while (u + 1 < m / 2 && stats_utest_exact_p(na, nb, u + 1) <= alpha)
		u++;
	return u + 1;
}

/*
 * The differences x[i] - y[j] (x, y sorted ascending) are never stored:
 * their kth smallest is found by bisection on the value. A double's bits,
 * sign-folded, order like the double (ord), so at most 64 halvings of the
 * span between the smallest and the largest difference reach the smallest
 * value t with at least k differences <= t, which is the kth smallest
 * difference itself, exactly as the pairs would compute it (a rounded
 * subtraction is monotone in each operand). Each step counts with two
 * pointers, O(nx + ny): O(64 (nx + ny)) time, no memory.
 */
static uint64_t
ord(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof u);
	return u >> 63 ? ~u : u | UINT64_C(1) << 63;
}

static double
unord(uint64_t u)
{
	double d;

	u = u >> 63 ? u & ~(UINT64_C(1) << 63) : ~u;
	memcpy(&d, &u, sizeof d);
	return d;
}

/* How many x[i] - y[j] are <= t. */
static uint64_t
pairs_le(const double *x, size_t nx, const double *y, size_t ny, double t)
{
	uint64_t c = 0;
	size_t j = 0;

	for (size_t i = 0; i < nx; i++) {
		while (j < ny && x[i] - y[j] > t)
			j++;
		c += ny - j;
	}
	return c;
}

/* The kth smallest (1-based, 1 <= k <= nx ny) of the differences. */
static double
pair_kth(const double *x, size_t nx, const double *y, size_t ny, uint64_t k)
{
	uint64_t lo = ord(x[0] - y[ny - 1]), hi = ord(x[nx - 1] - y[0]);

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (pairs_le(x, nx, y, ny, unord(mid)) >= k)
			hi = mid;
		else
			lo = mid + 1;
	}
	return unord(lo);
}

/* ln of each sample, ascending as the samples: NULL when one is not a
 * positive finite time. */
static double *
logs(const double *a, size_t n)
{
	double *l;

	if (!(a[0] > 0) || !isfinite(a[n - 1]))
		return NULL;
	l = emalloc(n * sizeof *l);
	for (size_t i = 0; i < n; i++)
		l[i] = log(a[i]);
	return l;
}

int
tune_speedup(const double *a, size_t na, const double *b, size_t nb, double alpha,
    struct tune_speedup *s)
{
	struct utest ut;
	double *la, *lb;
	uint64_t nd = (uint64_t)na * nb, k, m;

	memset(s, 0, sizeof *s);
	s->na = na;
	s->nb = nb;
	s->est = s->lo = s->hi = s->p = s->med_a = s->med_b = NAN;
	if (na == 0 || nb == 0 || stats_utest(a, na, b, nb, &ut) < 0)
		return -1;
	s->tested = 1;
	s->p = ut.p;
	s->exact = ut.exact;
	s->med_a = stats_quantile(a, na, 0.5);
	s->med_b = stats_quantile(b, nb, 0.5);
	la = logs(a, na);
	lb = logs(b, nb);
	if (la && lb) {
		/* the median as stats_quantile takes it of the nd sorted differences */
		m = (nd - 1) / 2;
		s->est = pair_kth(la, na, lb, nb, m + 1);
		if ((nd - 1) % 2) {
			double up = pair_kth(la, na, lb, nb, m + 2);

			s->est = s->est + 0.5 * (up - s->est);
		}
		s->est = exp(s->est);
		s->hl = 1;
		k = tune_shift_k(na, nb, alpha, ut.exact);
		if (k > 0 && k <= nd + 1 - k) {
			s->lo = exp(pair_kth(la, na, lb, nb, k));
			s->hi = exp(pair_kth(la, na, lb, nb, nd + 1 - k));
		}
	}
	free(la);
	free(lb);
	return 0;
}

int
tune_pick(const struct tune_speedup *sp, size_t ncand, size_t nsizes, double alpha)
{
	double best = 0;
	int win = -1;

	for (size_t c = 0; c < ncand; c++) {
		double logsum = 0;
		size_t s;

		for (s = 0; s < nsizes; s++) {
			const struct tune_speedup *x = &sp[c * nsizes + s];

			if (!x->tested || !(x->est > 1) || !(x->p < alpha / ncand))
				break;
			logsum += log(x->est);
		}
		if (s < nsizes || nsizes == 0)
			continue;
		if (win < 0 || logsum / nsizes > best) {
			best = logsum / nsizes;
			win = (int)c;
		}
	}
	return win;
}

double
tune_bloom_fpr(uint64_t bytes, uint64_t blocks)
{
	double bits = 1;

	if (bytes == 0)
		return 1;
	while (bits < 8.0 * (double)bytes)
		bits *= 2;
	return pow(1 - exp(-7.0 * (double)blocks / bits), 7);
}

uint64_t
tune_bloom_bytes(uint64_t blocks)
{
	uint64_t p = 1;

	if (blocks == 0)
		return 0;
	while (tune_bloom_fpr(p, blocks) > TUNE_BLOOM_FPR && p < (1ULL << 62))
		p <<= 1;
	return p;
}

int
tune_bloom_enough(uint64_t current, uint64_t blocks)
{
	return current > 0 && tune_bloom_fpr(current, blocks) <= TUNE_BLOOM_FPR;
}

uint64_t
tune_grow_blocks(uint64_t blocks, uint64_t repo, uint64_t growth)
{
	double v;

	if (repo == 0 || growth == 0)
		return blocks;
	v = ceil((double)blocks * ((double)repo + (double)growth) / (double)repo);
	return tune_d2u(v, UINT64_MAX);
}

uint64_t
tune_storage_max(uint64_t repo, uint64_t growth, double watermark, uint64_t current)
{
	double need, gib = (double)(1ULL << 30);

	if (!(watermark > 0 && watermark <= 100))
		watermark = 90;
	need = ((double)repo + (double)growth) * 100 / watermark;
	if ((double)current >= need)
		return 0;
	need = ceil(need / gib) * gib;
	return need < 0x1p64 ? (uint64_t)need : UINT64_MAX;	/* range-checked */
}

uint64_t
tune_d2u(double v, uint64_t max)
{
	if (!(v > 0))		/* NaN, 0 and below */
		return 0;
	if (!(v < 0x1p64) || (uint64_t)v > max)
		return max;
	return (uint64_t)v;
}

long
tune_reach(const struct tune_point *p, size_t n, double target)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].hit >= target)
			return (long)i;
	return -1;
}

long
tune_tier_pick(const struct tune_tier *t, size_t n, double target)
{
	long best = -1;

	for (size_t i = 0; i < n; i++) {
		if (!(t[i].hit >= target))
			continue;
		if (best < 0 || t[i].mem < t[best].mem ||
		    (t[i].mem == t[best].mem && t[i].disk < t[best].disk))
			best = (long)i;
	}
	return best;
}

uint64_t
tune_keycache_bytes(uint64_t entries)
{
	return entries * 200;
}

int
tune_low_memory(uint64_t memory, uint64_t need)
{
	if (memory == 0)
		return 0;
	return memory < TUNE_KUBO_MIN_RAM || (need > 0 && memory < need);
}

int
tune_api_slow(const struct tune_speedup *s, double factor, double alpha, size_t m)
{
	if (!s->tested || m == 0)
		return 0;
	return s->est < 1 && s->p < alpha / m && s->med_b >= factor * s->med_a;
}
