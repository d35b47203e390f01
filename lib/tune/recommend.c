/* tune/recommend.c: the rules applied to evidence and node, and the report (tune/recommend.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tune/recommend.h"
#include "base/units.h"
#include "base/util.h"
#include "net/discover.h"
#include "stats/stats.h"

/* Kubo's defaults of the keys the rules read (docs/config.md). */
#define DEF_CHUNKER "size-262144"
#define DEF_KEYCACHE 65536
#define DEF_WATERMARK 90

struct ctx {
	const struct tune_evidence *ev;
	struct tune_node *node;		/* NULL: offline */
	const struct tune_opts *o;
	struct tune_recs *rs;
	struct tune_layout cur;		/* the node's import settings (Kubo's defaults filled in) */
	struct tune_layout unsaid;	/* what a run that says nothing used */
	int raw_set;			/* Import.UnixFSRawLeaves is set (else it follows the CID version) */
	uint64_t need;			/* memory the recommended caches need */
	struct armref *idx;		/* the add arms, sorted (find_arm) */
	size_t nidx;
};

/* An add arm in the index: its class (A_RPC: op add via rpc or unsaid,
 * A_CHUNKED: via chunked), its settings resolved, its place in ev. */
enum { A_RPC, A_CHUNKED };
struct armref {
	int cls;
	int64_t size;
	struct tune_layout r;
	size_t i;
	const struct tune_arm *a;
};

/* ---- small text helpers ---- */

struct sbuf {
	char *s;
	size_t len, cap;
};

static void
sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	egrow((void **)&b->s, &b->cap, b->len + n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, n + 1, fmt, ap);
	va_end(ap);
	b->len += n;
}

/* Seconds as 376.6ms, 21.32ms, 1.254s. */
static const char *
fmt_time(double s, char *buf, size_t n)
{
	static const char *const unit[] = { "s", "ms", "us", "ns" };
	int u = 0;

	if (!isfinite(s))
		return "-";
	while (u < 3 && fabs(s) < 1 && s != 0) {
		s *= 1000;
		u++;
	}
	snprintf(buf, n, "%.*f%s", fabs(s) >= 100 ? 1 : fabs(s) >= 10 ? 2 : 3, s, unit[u]);
	return buf;
}

/* Bytes as 1M or 256k when exact, else 31.4M (powers of 1024). */
static const char *
fmt_bytes(double v, char *buf)
{
	static const char unit[] = "kMGTPE";
	uint64_t n;
	int u = -1;

	if (!(v >= 0) || v >= 1.8e19)
		return "-";
	n = (uint64_t)llround(v);
	fmt_size(n, buf);
	if (n < 1024 || strspn(buf, "0123456789") < strlen(buf))
		return buf;
	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	snprintf(buf, 32, "%.*f%c", v >= 100 ? 0 : 1, v, unit[u]);
	return buf;
}

static const char *
fmt_x(double v, char *buf, size_t n)
{
	if (!isfinite(v))
		return "-";
	snprintf(buf, n, "%.*fx", v >= 100 ? 0 : v >= 10 ? 1 : 2, v);
	return buf;
}

/* ---- recommendations ---- */

static struct tune_rec *
rec_new(struct ctx *x, int status, const char *rule, const char *key)
{
	struct tune_rec *r;

	egrow((void **)&x->rs->r, &x->rs->cap, x->rs->n + 1, sizeof *x->rs->r);
	r = &x->rs->r[x->rs->n++];
	memset(r, 0, sizeof *r);
	r->status = status;
	r->rule = rule;
	r->key = key ? estrdup(key) : NULL;
	r->p = r->alpha = NAN;
	r->state = CUR_UNKNOWN;
	if (key) {
		r->when = tune_key_when(key);
		if (x->node && x->node->config) {
			json_t *v = config_lookup(x->node->config, key, NULL, 0);

			r->state = v ? CUR_SET : CUR_ABSENT;
			r->current = v ? json_deep_copy(v) : NULL;
		}
	}
	return r;
}

static void
rec_text(char **dst, const char *fmt, ...)
{
	va_list ap;
	int n;

	free(*dst);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	*dst = emalloc(n + 1);
	va_start(ap, fmt);
	vsnprintf(*dst, n + 1, fmt, ap);
	va_end(ap);
}

/* The js-ipfs note of a key, when the node is js-ipfs. */
static const char *
jsnote(const struct ctx *x, const char *key)
{
	const struct tune_key *k = tune_key(key);

	return x->node && x->node->impl == IMPL_JS && k && k->js ? k->js : NULL;
}

/* ---- the node's import settings ---- */

static void
node_layout(struct ctx *x)
{
	const json_t *cfg = x->node ? x->node->config : NULL, *v;
	char why[128];

	tune_layout_init(&x->cur);
	tune_layout_set(&x->cur, "chunker", DEF_CHUNKER, why, sizeof why);
	x->cur.cid_version = 0;
	if ((v = config_lookup(cfg, "Import.UnixFSChunker", NULL, 0)) && json_is_string(v))
		tune_layout_set(&x->cur, "chunker", json_string_value(v), why, sizeof why);
	if ((v = config_lookup(cfg, "Import.CidVersion", NULL, 0)) && json_is_integer(v) &&
	    json_integer_value(v) >= 0 && json_integer_value(v) <= 1)
		x->cur.cid_version = (int)json_integer_value(v);
	if ((v = config_lookup(cfg, "Import.UnixFSRawLeaves", NULL, 0)) && json_is_boolean(v)) {
		x->cur.raw_leaves = json_is_true(v);
		x->raw_set = 1;
	} else {
		x->cur.raw_leaves = x->cur.cid_version == 1;
	}
	x->unsaid = x->cur;
	if (x->node && x->node->impl == IMPL_JS) {
		/* js-ipfs' add ignores Import.*: its own defaults */
		tune_layout_init(&x->unsaid);
		tune_layout_set(&x->unsaid, "chunker", DEF_CHUNKER, why, sizeof why);
		x->unsaid.cid_version = x->unsaid.raw_leaves = 0;
		x->raw_set = 0;
	}
}

/* The import settings a run used: what it says, else what the node used. */
static struct tune_layout
resolve(const struct ctx *x, const struct tune_layout *l)
{
	struct tune_layout r = *l;

	tune_layout_default(&r, &x->unsaid);
	if (l->raw_leaves < 0 && !x->raw_set)
		r.raw_leaves = r.cid_version == 1;	/* add's default follows the CID version */
	return r;
}

/* ---- the comparison behind layout and large ---- */

/* Candidates against one baseline at some sizes, ready to pick from. */
struct contest {
	const char *rule;
	struct tune_layout base;	/* the baseline's settings */
	const char *basename;		/* how it is named in the text */
	struct tune_layout *cand;
	char **candname;
	size_t ncand;
	int64_t *size;
	double *share;			/* of the bytes added, or NaN */
	size_t nsize;
	struct tune_speedup *sp;	/* ncand x nsize */
	char *files;
	const char *what;		/* "add", "chunked add against /api/v0/add" */
	char *note;			/* on the baseline's choice, or NULL */
};

static void
contest_free(struct contest *c)
{
	for (size_t i = 0; i < c->ncand; i++)
		free(c->candname[i]);
	free(c->cand);
	free(c->candname);
	free(c->size);
	free(c->share);
	free(c->sp);
	free(c->files);
	free(c->note);
}

/* "at 1M (94% of the bytes added): 17.7x faster [12.1x, 20.3x] (Hodges-Lehmann estimate) with A than
 * with B (medians 21.3ms against 376.6ms: 17.7x; n 8/8, p 0.000155)" */
static void
contest_text(const struct contest *c, size_t k, struct sbuf *b, double *pmax, int *exact)
{
	char s[32], t1[32], t2[32], x1[32], x2[32], x3[32];

	*pmax = 0;
	*exact = 1;
	for (size_t j = 0; j < c->nsize; j++) {
		const struct tune_speedup *v = &c->sp[k * c->nsize + j];

		sb_add(b, "%s%s at %s", j ? "; " : "", c->what, fmt_bytes((double)c->size[j], s));
		if (isfinite(c->share[j]))
			sb_add(b, " (%.0f%% of the bytes added)", 100 * c->share[j]);
		if (!v->tested) {
			sb_add(b, ": not measured");
			continue;
		}
		/* the estimate named for what it is; beside a Hodges-Lehmann
		 * estimate, the medians' own ratio, so that every figure printed
		 * can be recomputed from the others (issue 21: 5) */
		sb_add(b, ": %s %s [%s, %s] (%s) with %s than with %s (medians %s against %s",
		    fmt_x(v->est >= 1 ? v->est : 1 / v->est, x1, sizeof x1), v->est >= 1 ? "faster" : "slower",
		    fmt_x(v->est >= 1 ? v->lo : 1 / v->hi, x2, sizeof x2),
		    fmt_x(v->est >= 1 ? v->hi : 1 / v->lo, x3, sizeof x3),
		    v->hl ? "Hodges-Lehmann estimate" : "ratio of the medians", c->candname[k], c->basename,
		    fmt_time(v->med_b, t1, sizeof t1), fmt_time(v->med_a, t2, sizeof t2));
		if (v->hl)
			sb_add(b, ": %s", fmt_x(v->est >= 1 ? v->med_a / v->med_b : v->med_b / v->med_a,
			    x1, sizeof x1));
		sb_add(b, "; n %zu/%zu, p %.3g)", v->nb, v->na, v->p);
		if (v->p > *pmax)
			*pmax = v->p;
		*exact &= v->exact;
	}
}

/* The best candidate by geometric mean of its speed-ups, significant or not. */
static long
contest_best(const struct contest *c)
{
	double best = -INFINITY;
	long win = -1;

	for (size_t k = 0; k < c->ncand; k++) {
		double s = 0;
		size_t j;

		for (j = 0; j < c->nsize && c->sp[k * c->nsize + j].tested; j++)
			s += log(c->sp[k * c->nsize + j].est);
		if (j == c->nsize && c->nsize && s > best) {
			best = s;
			win = (long)k;
		}
	}
	return win;
}

static void
rec_test(struct tune_rec *r, const struct contest *c, double p, int exact)
{
	r->p = p;
	r->alpha = 0;
	rec_text(&r->test, "Mann-Whitney U, %s, Bonferroni over %zu candidate%s",
	    exact ? "exact" : "normal approximation", c->ncand, c->ncand == 1 ? "" : "s");
	if (c->files)
		r->files = estrdup(c->files);
}

/* A layout contest decided: the winner's keys that differ from the node's. */
static void
layout_decide(struct ctx *x, struct contest *c)
{
	int win = tune_pick(c->sp, c->ncand, c->nsize, x->o->alpha);
	long shown = win >= 0 ? win : contest_best(c);
	struct sbuf b = { 0 };
	double p = NAN;
	int exact = 1, changed = 0;
	char buf[128];

	if (shown >= 0)
		contest_text(c, (size_t)shown, &b, &p, &exact);
	if (win >= 0) {
		const struct tune_layout *w = &c->cand[win];
		static const char *const kname[] = { "Import.UnixFSChunker", "Import.UnixFSRawLeaves",
			"Import.CidVersion" };

		for (int f = 0; f < 3; f++) {
			json_t *v;
			struct tune_rec *r;
			const char *js;

			if (f == 0 && strcmp(w->chunker, x->cur.chunker))
				v = json_string(w->chunker);
			else if (f == 1 && w->raw_leaves != x->cur.raw_leaves)
				v = json_boolean(w->raw_leaves);
			else if (f == 2 && w->cid_version != x->cur.cid_version)
				v = json_integer(w->cid_version);
			else
				continue;
			r = rec_new(x, TR_CHANGE, c->rule, kname[f]);
			r->proposed = v;
			rec_text(&r->evidence, "%s", b.s);
			rec_test(r, c, p, exact);
			r->alpha = x->o->alpha / c->ncand;
			js = jsnote(x, kname[f]);
			rec_text(&r->note, "changes the CIDs of new content (old content keeps its CIDs)%s%s%s%s",
			    c->note ? "; " : "", c->note ? c->note : "", js ? "; js-ipfs: " : "", js ? js : "");
			changed++;
		}
		if (!changed) {
			struct tune_rec *r = rec_new(x, TR_KEEP, c->rule, NULL);

			rec_text(&r->evidence, "the node's settings (%s) are the best measured: %s",
			    tune_layout_text(&x->cur, 0, buf, sizeof buf), b.s);
		}
	} else {
		struct tune_rec *r = rec_new(x, TR_KEEP, c->rule, NULL);

		rec_text(&r->evidence, "no significant difference, no recommendation: no import setting "
		    "is significantly faster than %s at every size that dominates%s%s", c->basename,
		    b.s ? "; the best: " : "", b.s ? b.s : "");
		if (shown >= 0)
			rec_test(r, c, p, exact);
		r->alpha = x->o->alpha / (c->ncand ? c->ncand : 1);
		if (c->note)
			r->note = estrdup(c->note);
	}
	free(b.s);
}

static int
is_add(const char *op, const char *via, const char *want)
{
	return op && !strcmp(op, "add") && (via ? !strcmp(via, want) : !strcmp(want, "rpc"));
}

static int
is_call(const char *op, const char *via)
{
	return op && strcmp(op, "add") && strcmp(op, "cat") && strcmp(op, "get") &&
	    (!via || !strcmp(via, "rpc"));
}

/* Index order: class, size, import settings, for chunked adds the upload
 * (-P, -m) too; then the arm's place, so that the first of equals is the
 * first arm the evidence holds. */
static int
armkey(int cls, int64_t size, const struct tune_layout *r, const struct armref *e)
{
	int c;

	if (cls != e->cls)
		return cls < e->cls ? -1 : 1;
	if (size != e->size)
		return size < e->size ? -1 : 1;
	if ((c = strcmp(r->chunker, e->r.chunker)))
		return c;
	if (r->raw_leaves != e->r.raw_leaves)
		return r->raw_leaves < e->r.raw_leaves ? -1 : 1;
	if (r->cid_version != e->r.cid_version)
		return r->cid_version < e->r.cid_version ? -1 : 1;
	if (cls == A_CHUNKED) {
		if (r->parallel != e->r.parallel)
			return r->parallel < e->r.parallel ? -1 : 1;
		return strcmp(r->mode, e->r.mode);
	}
	return 0;
}

static int
cmpref(const void *p, const void *q)
{
	const struct armref *a = p, *b = q;
	int c = armkey(a->cls, a->size, &a->r, b);

	return c ? c : (a->i > b->i) - (a->i < b->i);
}

static int
cmporder(const void *p, const void *q)
{
	const struct armref *a = p, *b = q;

	return (a->i > b->i) - (a->i < b->i);
}

/* The index of the add arms with samples (ctx.idx). */
static void
index_arms(struct ctx *x)
{
	x->idx = ecalloc(x->ev->narm + 1, sizeof *x->idx);
	x->nidx = 0;
	for (size_t i = 0; i < x->ev->narm; i++) {
		const struct tune_arm *a = &x->ev->arm[i];
		struct armref *e = &x->idx[x->nidx];

		if (a->n == 0 || !(is_add(a->op, a->via, "rpc") || is_add(a->op, a->via, "chunked")))
			continue;
		e->cls = is_add(a->op, a->via, "rpc") ? A_RPC : A_CHUNKED;
		e->size = a->size;
		e->r = resolve(x, &a->lay);
		e->i = i;
		e->a = a;
		x->nidx++;
	}
	qsort(x->idx, x->nidx, sizeof *x->idx, cmpref);
}

/* The first arm of adds via via ("rpc" or "chunked") with import settings
 * l (resolved; for chunked adds its upload too) at size s: a binary search
 * of the index. */
static const struct tune_arm *
find_arm(const struct ctx *x, const struct tune_layout *l, int64_t s, const char *via)
{
	int cls = strcmp(via, "chunked") ? A_RPC : A_CHUNKED;
	size_t lo = 0, hi = x->nidx;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (armkey(cls, s, l, &x->idx[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->nidx && armkey(cls, s, l, &x->idx[lo]) == 0 ? x->idx[lo].a : NULL;
}

static size_t
addsize(int64_t **sizes, size_t *cap, size_t n, int64_t s)
{
	for (size_t i = 0; i < n; i++)
		if ((*sizes)[i] == s)
			return n;
	egrow((void **)sizes, cap, n + 1, sizeof **sizes);
	(*sizes)[n] = s;
	return n + 1;
}

static void
addfiles(char **files, const char *more)
{
	if (!more)
		return;
	if (!*files) {
		*files = estrdup(more);
	} else if (!strstr(*files, more)) {
		*files = erealloc(*files, strlen(*files) + strlen(more) + 3);
		strcat(strcat(*files, ", "), more);
	}
}

/* The contest's sizes: those that dominate the bytes added (size x count). */
static size_t
contest_sizes(struct contest *c, const int64_t *sizes, const size_t *count, size_t ns)
{
	int *dom = ecalloc(ns, sizeof *dom);
	double *share = ecalloc(ns, sizeof *share);

	tune_dominant(sizes, count, ns, dom, share);
	c->size = ecalloc(ns, sizeof *c->size);
	c->share = ecalloc(ns, sizeof *c->share);
	c->nsize = 0;
	for (size_t j = 0; j < ns; j++)
		if (dom[j]) {
			c->size[c->nsize] = sizes[j];
			c->share[c->nsize++] = share[j];
		}
	free(dom);
	free(share);
	return c->nsize;
}

/* Import settings swept in timing records: chunker, raw leaves, CID version. */
static int
layout_from_arms(struct ctx *x)
{
	struct tune_layout *lay = NULL;
	int64_t *sizes = NULL;
	size_t nl = 0, ns = 0, scap = 0, *count, nd = 0, nadd = 0;
	struct contest c = { .rule = "layout", .what = "add" };
	int base = -1, only = -1;
	char buf[128], bbuf[128];

	struct armref *seen = ecalloc(x->ev->narm + 1, sizeof *seen);

	/* the import settings measured, each once, in the order first seen */
	for (size_t i = 0; i < x->ev->narm; i++) {
		const struct tune_arm *a = &x->ev->arm[i];
		struct armref *e = &seen[nadd];

		if (!is_add(a->op, a->via, "rpc") || a->size < 0)
			continue;
		e->r = resolve(x, &a->lay);
		e->r.parallel = 0, e->r.mode[0] = '\0';
		e->i = nadd++;
		ns = addsize(&sizes, &scap, ns, a->size);
	}
	qsort(seen, nadd, sizeof *seen, cmpref);
	for (size_t i = 0; i < nadd; i++)
		if (i == 0 || armkey(A_RPC, 0, &seen[i].r, &seen[i - 1]))
			seen[nl++] = seen[i];
	qsort(seen, nl, sizeof *seen, cmporder);
	lay = ecalloc(nl + 1, sizeof *lay);
	for (size_t k = 0; k < nl; k++)
		lay[k] = seen[k].r;
	free(seen);
	if (nadd == 0) {
		free(lay);
		return 0;
	}
	if (nl < 2) {
		struct tune_rec *r = rec_new(x, TR_SKIP, "layout", NULL);

		rec_text(&r->evidence, "one set of import settings in the profiles (%s): sweep them, e.g. "
		    "ipfs-time-add --chunker size-1048576 -l chunker=size-1048576",
		    tune_layout_text(&lay[0], 0, buf, sizeof buf));
		free(lay);
		free(sizes);
		return 1;
	}
	/* the sizes swept: where two settings or more were measured */
	count = ecalloc(ns, sizeof *count);
	for (size_t j = 0; j < ns; j++) {
		size_t nset = 0;

		for (size_t k = 0; k < nl; k++)
			nset += find_arm(x, &lay[k], sizes[j], "rpc") != NULL;
		for (size_t i = 0; i < x->ev->narm && nset >= 2; i++)
			if (is_add(x->ev->arm[i].op, x->ev->arm[i].via, "rpc") && x->ev->arm[i].size == sizes[j])
				count[j] += x->ev->arm[i].n;
	}
	nd = contest_sizes(&c, sizes, count, ns);
	if (nd == 0) {
		struct tune_rec *r = rec_new(x, TR_SKIP, "layout", NULL);

		rec_text(&r->evidence, "no size at which two import settings were measured");
		goto out;
	}
	/* the node's settings are the baseline when measured at every dominating size */
	for (size_t k = 0; k < nl; k++)
		if (tune_layout_same_import(&lay[k], &x->cur)) {
			size_t j;

			for (j = 0; j < nd && find_arm(x, &lay[k], c.size[j], "rpc"); j++)
				;
			if (j == nd)
				base = (int)k;
		}
	if (base < 0) {
		/* the node's settings were not measured: the best against the runner-up */
		double best[2] = { INFINITY, INFINITY };
		int idx[2] = { -1, -1 };

		for (size_t k = 0; k < nl; k++) {
			double s = 0;
			size_t j;

			for (j = 0; j < nd; j++) {
				const struct tune_arm *a = find_arm(x, &lay[k], c.size[j], "rpc");

				if (!a)
					break;
				s += log(a->x[a->n / 2]);
			}
			if (j < nd)
				continue;
			if (s < best[0]) {
				best[1] = best[0], idx[1] = idx[0];
				best[0] = s, idx[0] = (int)k;
			} else if (s < best[1]) {
				best[1] = s, idx[1] = (int)k;
			}
		}
		base = idx[1];
		only = idx[0];
		rec_text(&c.note, "the node's settings (%s) are not in the profiles: the best measured "
		    "is compared with the runner-up", tune_layout_text(&x->cur, 0, buf, sizeof buf));
		if (base < 0) {
			struct tune_rec *r = rec_new(x, TR_SKIP, "layout", NULL);

			rec_text(&r->evidence, "no two import settings measured at every size that dominates");
			goto out;
		}
	}
	c.base = lay[base];
	snprintf(bbuf, sizeof bbuf, "%s", tune_layout_text(&lay[base], 0, buf, sizeof buf));
	c.basename = bbuf;
	c.cand = ecalloc(nl, sizeof *c.cand);
	c.candname = ecalloc(nl, sizeof *c.candname);
	c.sp = ecalloc(nl * (nd ? nd : 1), sizeof *c.sp);
	for (size_t k = 0; k < nl; k++) {
		if ((int)k == base || (only >= 0 && (int)k != only))
			continue;	/* runner-up mode: the best is the one candidate */
		c.cand[c.ncand] = lay[k];
		c.candname[c.ncand] = estrdup(tune_layout_text(&lay[k], 0, buf, sizeof buf));
		for (size_t j = 0; j < nd; j++) {
			const struct tune_arm *a = find_arm(x, &lay[base], c.size[j], "rpc");
			const struct tune_arm *b = find_arm(x, &lay[k], c.size[j], "rpc");
			struct tune_speedup *s = &c.sp[c.ncand * nd + j];

			if (a && b) {
				tune_speedup(a->x, a->n, b->x, b->n, x->o->alpha, s);
				addfiles(&c.files, a->files);
				addfiles(&c.files, b->files);
			}
		}
		c.ncand++;
	}
	layout_decide(x, &c);
out:
	contest_free(&c);
	free(lay);
	free(sizes);
	free(count);
	return 1;
}

/* A prof-diff row as a speed-up of new over old (intervals from the two
 * medians' intervals: lo_old / hi_new to hi_old / lo_new, conservative). */
static void
row_speedup(const struct tune_row *w, struct tune_speedup *s)
{
	memset(s, 0, sizeof *s);
	s->tested = isfinite(w->p) && w->med_old > 0 && w->med_new > 0;
	s->na = w->n_old;
	s->nb = w->n_new;
	s->med_a = w->med_old;
	s->med_b = w->med_new;
	s->est = w->med_old / w->med_new;
	s->lo = w->lo_old / w->hi_new;
	s->hi = w->hi_old / w->lo_new;
	s->p = w->p;
	s->exact = w->test && !strcmp(w->test, "exact");
}

/* Import settings compared by prof-diff (-c label=...): old is the baseline. */
static int
layout_from_rows(struct ctx *x)
{
	struct contest c = { .rule = "layout", .what = "add" };
	size_t scap = 0, lcap = 0, ns = 0, *count;
	int64_t *sizes = NULL;
	char buf[128], bbuf[128], why[128];
	int have = 0;

	for (size_t i = 0; i < x->ev->nrow; i++) {
		const struct tune_row *w = &x->ev->row[i];
		struct tune_layout o, n;
		size_t k;

		tune_layout_init(&o);
		tune_layout_init(&n);
		if (!is_add(w->op, w->via, "rpc") || w->size < 0 || !w->old || !w->new ||
		    tune_layout_parse(w->old, &o, why, sizeof why) < 0 ||
		    tune_layout_parse(w->new, &n, why, sizeof why) < 0 ||
		    !strcmp(tune_layout_text(&o, 0, buf, sizeof buf), "-") ||
		    !strcmp(tune_layout_text(&n, 0, buf, sizeof buf), "-"))
			continue;
		o = resolve(x, &o);
		n = resolve(x, &n);
		if (!have) {
			c.base = o;
			snprintf(bbuf, sizeof bbuf, "%s", tune_layout_text(&o, 0, buf, sizeof buf));
			c.basename = bbuf;
			have = 1;
		} else if (!tune_layout_same_import(&o, &c.base)) {
			continue;	/* another baseline: prof-diff compares with the first value */
		}
		for (k = 0; k < c.ncand && !tune_layout_same_import(&c.cand[k], &n); k++)
			;
		if (k == c.ncand) {
			egrow((void **)&c.cand, &lcap, c.ncand + 1, sizeof *c.cand);
			c.candname = erealloc(c.candname, lcap * sizeof *c.candname);
			c.cand[c.ncand] = n;
			c.candname[c.ncand++] = estrdup(tune_layout_text(&n, 0, buf, sizeof buf));
		}
		ns = addsize(&sizes, &scap, ns, w->size);
		addfiles(&c.files, w->file);
	}
	if (!have || c.ncand == 0) {
		free(sizes);
		contest_free(&c);
		return 0;
	}
	count = ecalloc(ns, sizeof *count);
	for (size_t i = 0; i < x->ev->nrow; i++)
		for (size_t j = 0; j < ns; j++)
			if (x->ev->row[i].size == sizes[j] && is_add(x->ev->row[i].op, x->ev->row[i].via, "rpc"))
				count[j] += x->ev->row[i].n_old + x->ev->row[i].n_new;
	contest_sizes(&c, sizes, count, ns);
	c.sp = ecalloc(c.ncand * c.nsize + 1, sizeof *c.sp);
	for (size_t i = 0; i < x->ev->nrow; i++) {
		const struct tune_row *w = &x->ev->row[i];
		struct tune_layout n;

		tune_layout_init(&n);
		if (!is_add(w->op, w->via, "rpc") || !w->new || tune_layout_parse(w->new, &n, why, sizeof why) < 0)
			continue;
		n = resolve(x, &n);
		for (size_t k = 0; k < c.ncand; k++)
			for (size_t j = 0; j < c.nsize; j++)
				if (tune_layout_same_import(&c.cand[k], &n) && w->size == c.size[j])
					row_speedup(w, &c.sp[k * c.nsize + j]);
	}
	if (!tune_layout_same_import(&c.base, &x->cur))
		rec_text(&c.note, "the baseline is prof-diff's first value (%s), not the node's settings (%s)",
		    c.basename, tune_layout_text(&x->cur, 0, buf, sizeof buf));
	layout_decide(x, &c);
	contest_free(&c);
	free(sizes);
	free(count);
	return 1;
}

/* What chunk-put should be given: "chunk-put -P 4 -m block". */
static json_t *
chunkput(const struct tune_layout *l)
{
	char buf[128];
	size_t n = (size_t)snprintf(buf, sizeof buf, "chunk-put");

	if (l->parallel)
		n += (size_t)snprintf(buf + n, sizeof buf - n, " -P %d", l->parallel);
	if (l->mode[0])
		snprintf(buf + n, sizeof buf - n, " -m %s", l->mode);
	return json_string(buf);
}

/* Large additions: ipfs-time-add --via chunked (chunk-put's upload) against
 * plain /api/v0/add at the same large sizes. */
static void
large_rule(struct ctx *x)
{
	struct contest c = { .rule = "large", .what = "add" };
	struct tune_layout plain, empty;
	size_t lcap = 0, scap = 0;
	char buf[128];
	int win;

	tune_layout_init(&empty);
	plain = resolve(x, &empty);
	for (size_t i = 0; i < x->ev->narm; i++) {
		const struct tune_arm *a = &x->ev->arm[i];
		struct tune_layout r;
		size_t k;

		if (!is_add(a->op, a->via, "chunked") || a->size < (int64_t)x->o->large || a->n == 0)
			continue;
		if (!find_arm(x, &x->cur, a->size, "rpc") && !find_arm(x, &plain, a->size, "rpc"))
			continue;
		r = resolve(x, &a->lay);
		for (k = 0; k < c.ncand && !(tune_layout_same_import(&c.cand[k], &r) &&
		    tune_layout_same_upload(&c.cand[k], &r)); k++)
			;
		if (k == c.ncand) {
			egrow((void **)&c.cand, &lcap, c.ncand + 1, sizeof *c.cand);
			c.candname = erealloc(c.candname, lcap * sizeof *c.candname);
			c.cand[c.ncand] = r;
			c.candname[c.ncand] = NULL;
			rec_text(&c.candname[c.ncand++], "chunk-put (%s)", tune_layout_text(&a->lay, 1, buf, sizeof buf));
		}
		c.nsize = addsize(&c.size, &scap, c.nsize, a->size);
	}
	if (c.ncand == 0) {
		int chunked = 0, large = 0;

		for (size_t i = 0; i < x->ev->narm; i++)
			if (is_add(x->ev->arm[i].op, x->ev->arm[i].via, "chunked")) {
				chunked = 1;
				large |= x->ev->arm[i].size >= (int64_t)x->o->large;
			}
		if (chunked) {
			struct tune_rec *r = rec_new(x, TR_SKIP, "large", NULL);

			if (large)
				rec_text(&r->evidence, "chunked adds of %s or more need plain adds (--via rpc) "
				    "of the same sizes to compare with", fmt_bytes((double)x->o->large, buf));
			else
				rec_text(&r->evidence, "no chunked adds of %s or more (--large)",
				    fmt_bytes((double)x->o->large, buf));
		}
		contest_free(&c);
		return;
	}
	c.basename = "/api/v0/add";
	c.share = emalloc(c.nsize * sizeof *c.share);
	c.sp = ecalloc(c.ncand * c.nsize, sizeof *c.sp);
	for (size_t j = 0; j < c.nsize; j++) {
		const struct tune_arm *a = find_arm(x, &x->cur, c.size[j], "rpc");

		if (!a)
			a = find_arm(x, &plain, c.size[j], "rpc");
		c.share[j] = NAN;
		for (size_t k = 0; k < c.ncand; k++) {
			const struct tune_arm *b = find_arm(x, &c.cand[k], c.size[j], "chunked");

			if (a && b) {
				tune_speedup(a->x, a->n, b->x, b->n, x->o->alpha, &c.sp[k * c.nsize + j]);
				addfiles(&c.files, a->files);
				addfiles(&c.files, b->files);
			}
		}
	}
	win = tune_pick(c.sp, c.ncand, c.nsize, x->o->alpha);
	{
		long shown = win >= 0 ? win : contest_best(&c);
		struct sbuf b = { 0 };
		struct tune_rec *r;
		double p = NAN;
		int exact = 1;

		if (shown >= 0)
			contest_text(&c, (size_t)shown, &b, &p, &exact);
		r = rec_new(x, win >= 0 ? TR_ADVICE : TR_KEEP, "large", NULL);
		if (win >= 0) {
			r->proposed = chunkput(&c.cand[win]);
			rec_text(&r->evidence, "for additions of %s and more, client-side chunking and a "
			    "parallel upload: %s", fmt_bytes((double)x->o->large, buf), b.s);
			if (!c.cand[win].parallel || !c.cand[win].mode[0])
				rec_text(&r->note, "the records do not say chunk-put's -P and -m: label the runs "
				    "(ipfs-time-add --via chunked -c 4 -l parallel=4,mode=block)");
		} else {
			rec_text(&r->evidence, "chunk-put is not significantly faster than /api/v0/add at every "
			    "size of %s or more%s%s", fmt_bytes((double)x->o->large, buf),
			    b.s ? "; the best: " : "", b.s ? b.s : "");
		}
		if (shown >= 0)
			rec_test(r, &c, p, exact);
		r->alpha = x->o->alpha / c.ncand;
		free(b.s);
	}
	contest_free(&c);
}

/* Bare RPC calls (ipfs-time-cat --call) against the node's floor: the
 * cheapest call measured in the same profile (the least median; version,
 * which reads nothing, unless another is cheaper: issue 21: 6). */
static void
api_rule(struct ctx *x)
{
	const struct tune_arm *floor = NULL;
	double fmed = INFINITY;
	size_t m = 0;
	char t1[32], t2[32], xs[32];

	for (size_t i = 0; i < x->ev->narm; i++) {
		const struct tune_arm *a = &x->ev->arm[i];
		double med;

		if (!is_call(a->op, a->via) || a->n == 0)
			continue;
		m++;
		med = stats_quantile(a->x, a->n, 0.5);
		if (!floor || med < fmed || (med == fmed && a->n > floor->n)) {
			floor = a;
			fmed = med;
		}
	}
	if (m == 1) {
		struct tune_rec *r = rec_new(x, TR_SKIP, "api", NULL);

		rec_text(&r->evidence, "one call measured (%s): no cheaper call to measure the node's floor "
		    "with (ipfs-time-cat --call version --call id ...)", floor->op);
		floor = NULL;
	}
	if (m > 0)
		m--;		/* the floor is not compared with itself */
	for (size_t i = 0; floor && i < x->ev->narm; i++) {
		const struct tune_arm *a = &x->ev->arm[i];
		struct tune_speedup s;
		struct tune_rec *r;
		int slow;

		if (!is_call(a->op, a->via) || a == floor || a->n == 0)
			continue;
		tune_speedup(floor->x, floor->n, a->x, a->n, x->o->alpha, &s);
		slow = tune_api_slow(&s, x->o->api_factor, x->o->alpha, m);
		r = rec_new(x, slow ? TR_ADVICE : TR_KEEP, "api", NULL);
		rec_text(&r->evidence, "%s takes %s (median of %zu), %s %s's %s (the floor: the node's "
		    "cheapest call, same profile, n %zu)%s", a->op, fmt_time(s.med_b, t1, sizeof t1), a->n,
		    fmt_x(s.med_b / s.med_a, xs, sizeof xs), floor->op, fmt_time(s.med_a, t2, sizeof t2),
		    floor->n, slow ? "" : ": not slow");
		if (slow) {
		r->proposed = json_string(a->op);
			rec_text(&r->what, "%s is slow: %s the floor", a->op, xs);
			rec_text(&r->note, "at least %g times the floor: the call itself is slow on this node; "
			    "no configuration key controls it", x->o->api_factor);
		}
		r->p = s.p;
		r->alpha = x->o->alpha / m;
		rec_text(&r->test, "Mann-Whitney U, %s, Bonferroni over %zu call%s", s.exact ? "exact" :
		    "normal approximation", m, m == 1 ? "" : "s");
		r->files = estrdup(a->files);
	}
	/* prof-diff comparisons of two profiles: a call slower than the baseline's */
	for (size_t i = 0; i < x->ev->nrow; i++) {
		const struct tune_row *w = &x->ev->row[i];
		struct tune_rec *r;
		int slower;

		if (!is_call(w->op, w->via) || !isfinite(w->p))
			continue;
		slower = w->verdict && !strcmp(w->verdict, "slower") && w->p < x->o->alpha;
		r = rec_new(x, slower ? TR_ADVICE : TR_KEEP, "api", NULL);
		rec_text(&r->evidence, "%s: median %s in %s against %s in %s (%+.1f%%)%s", w->op,
		    fmt_time(w->med_new, t1, sizeof t1), w->new ? w->new : "new",
		    fmt_time(w->med_old, t2, sizeof t2), w->old ? w->old : "old",
		    100 * (w->med_new - w->med_old) / w->med_old,
		    slower ? ": slower than the node's own baseline" : ": not slower");
		if (slower) {
			r->proposed = json_string(w->op);
			rec_text(&r->what, "%s got slower than in %s", w->op, w->old ? w->old : "the baseline");
			r->note = estrdup("no configuration key controls the cost of a call");
		}
		r->p = w->p;
		r->alpha = x->o->alpha;
		r->test = estrdup(w->test && !strcmp(w->test, "exact") ? "Mann-Whitney U, exact (prof-diff)" :
		    "Mann-Whitney U (prof-diff)");
		r->files = estrdup(w->where);
	}
}

/* One group of curves (an input, a unit): each policy's smallest capacity
 * reaching the target, and what it maps onto. */
static void
cache_group(struct ctx *x, const char *file, const char *unit)
{
	const struct tune_curve *best = NULL, *node2q = NULL, *lru = NULL, *pick;
	struct sbuf b = { 0 };
	char c1[32], c2[32];
	double cap, t = x->o->target;
	int bytes = !strcmp(unit, "bytes");

	for (size_t i = 0; i < x->ev->ncurve; i++) {
		const struct tune_curve *c = &x->ev->curve[i];
		long k;

		if (strcmp(c->file, file) || strcmp(c->unit, unit) || c->kind == CURVE_TIERED)
			continue;
		k = tune_reach(c->pt, c->n, t);
		if (k < 0) {
			double hi = 0, at = 0;

			for (size_t j = 0; j < c->n; j++)
				if (c->pt[j].hit > hi)
					hi = c->pt[j].hit, at = c->pt[j].capacity;
			sb_add(&b, "%s%s: never reaches %.0f%% (at most %.2f%% at %s)", b.len ? "; " : "",
			    c->policy, 100 * t, 100 * hi, bytes ? fmt_bytes(at, c1) : (snprintf(c1, sizeof c1, "%.0f", at), c1));
			continue;
		}
		sb_add(&b, "%s%s: %s%s (hit ratio %.2f%%%s%s%s)", b.len ? "; " : "", c->policy,
		    bytes ? fmt_bytes(c->pt[k].capacity, c1) : (snprintf(c1, sizeof c1, "%.0f", c->pt[k].capacity), c1),
		    bytes ? "" : " entries", 100 * c->pt[k].hit,
		    c->pt[k].inexact ? ", an estimate: the curve is not exact there" : "", k > 0 ? ", above " : "",
		    k > 0 ? (bytes ? fmt_bytes(c->pt[k - 1].capacity, c2) :
		    (snprintf(c2, sizeof c2, "%.0f", c->pt[k - 1].capacity), c2)) : "");
		if (!best || c->pt[k].capacity < best->pt[tune_reach(best->pt, best->n, t)].capacity)
			best = c;
		if (!strcmp(c->policy, "2q"))
			node2q = c;
		if (!strcmp(c->policy, "lru"))
			lru = c;
	}
	if (!best) {
		struct tune_rec *r = rec_new(x, TR_KEEP, "cache", NULL);

		rec_text(&r->evidence, "no cache in %s reaches a %.0f%% hit ratio: %s", file, 100 * t, b.s);
		r->files = estrdup(file);
		free(b.s);
		return;
	}
	cap = best->pt[tune_reach(best->pt, best->n, t)].capacity;
	if (bytes) {
		struct tune_rec *r = rec_new(x, TR_ADVICE, "cache", NULL);

		r->proposed = json_pack("{s:I, s:s}", "bytes", (json_int_t)tune_d2u(ceil(cap), INT64_MAX),
		    "policy", best->policy);
		rec_text(&r->what, "a %s cache (%s): RAM for the OS page cache, or a caching proxy",
		    fmt_bytes(cap, c1), best->policy);
		rec_text(&r->evidence, "the smallest cache reaching a %.0f%% hit ratio holds %s (%s); per "
		    "policy: %s", 100 * t, fmt_bytes(cap, c1), best->policy, b.s);
		rec_text(&r->note, "no config key of the node holds it: leave %s of RAM to the OS page "
		    "cache for the datastore, or give a caching proxy in front of the gateway %s (policy %s)",
		    c1, c1, best->policy);
		r->files = estrdup(file);
		x->need += tune_d2u(ceil(cap), UINT64_MAX - x->need);
	} else {
		struct tune_rec *r;
		const json_t *v = x->node ? config_lookup(x->node->config, "Datastore.BlockKeyCacheSize", NULL, 0) : NULL;
		double cur = json_is_integer(v) ? (double)json_integer_value(v) : DEF_KEYCACHE;
		const char *js = jsnote(x, "Datastore.BlockKeyCacheSize");

		/* Kubo's key cache is 2Q: its curve when measured, else LRU's */
		pick = node2q ? node2q : lru ? lru : best;
		cap = ceil(pick->pt[tune_reach(pick->pt, pick->n, t)].capacity);
		r = rec_new(x, cap > cur ? TR_CHANGE : TR_KEEP, "cache", "Datastore.BlockKeyCacheSize");
		if (cap > cur)	/* range-checked with the other changes (tune_recommend) */
			r->proposed = json_integer((json_int_t)tune_d2u(cap, INT64_MAX));
		rec_text(&r->evidence, "%s reaches a %.0f%% hit ratio with %.0f entries (%s of memory at "
		    "about 200 bytes an entry)%s%.0f%s; per policy: %s", pick->policy, 100 * t, cap,
		    fmt_bytes((double)tune_keycache_bytes(tune_d2u(cap, UINT64_MAX / 200)), c1),
		    cap > cur ? ", more than the " : ": the ", cur, cap > cur ? " the key cache holds" :
		    " entries the key cache holds are enough", b.s);
		rec_text(&r->note, "entries are the trace's objects: exact when they are blocks; Kubo's key "
		    "cache is 2Q (fixed)%s%s%s%s", best != pick ? ", the smallest cache here is " : "",
		    best != pick ? best->policy : "", js ? "; js-ipfs: " : "", js ? js : "");
		r->files = estrdup(file);
		x->need += tune_d2u((double)tune_keycache_bytes(tune_d2u(cap, UINT64_MAX / 200)),
		    UINT64_MAX - x->need);
	}
	free(b.s);
}

static void
cache_rule(struct ctx *x)
{
	char c1[32], c2[32];

	for (size_t i = 0; i < x->ev->ncurve; i++) {
		const struct tune_curve *c = &x->ev->curve[i];
		size_t j;

		if (c->kind == CURVE_TIERED)
			continue;
		for (j = 0; j < i; j++)
			if (!strcmp(x->ev->curve[j].file, c->file) && !strcmp(x->ev->curve[j].unit, c->unit) &&
			    x->ev->curve[j].kind != CURVE_TIERED)
				break;
		if (j == i)
			cache_group(x, c->file, c->unit);
	}
	for (size_t i = 0; i < x->ev->ncurve; i++) {
		const struct tune_curve *g = &x->ev->curve[i];
		long k;
		int bytes;
		struct tune_rec *r;

		if (g->kind != CURVE_TIERED)
			continue;
		k = tune_tier_pick(g->t, g->nt, x->o->target);
		bytes = !strcmp(g->unit, "bytes");
		r = rec_new(x, k >= 0 ? TR_ADVICE : TR_KEEP, "cache", NULL);
		r->files = estrdup(g->file);
		if (k < 0) {
			rec_text(&r->evidence, "no tier sizes of %s in %s reach a %.0f%% hit ratio", g->policy,
			    g->file, 100 * x->o->target);
			continue;
		}
		if (!bytes) {
			snprintf(c1, sizeof c1, "%.0f entries", g->t[k].mem);
			snprintf(c2, sizeof c2, "%.0f entries", g->t[k].disk);
		}
		r->proposed = json_pack("{s:I, s:I, s:s}", "memory", (json_int_t)tune_d2u(g->t[k].mem, INT64_MAX),
		    "disk", (json_int_t)tune_d2u(g->t[k].disk, INT64_MAX), "policy", g->policy);
		rec_text(&r->what, "a memory tier of %s over a disk tier of %s (%s)",
		    bytes ? fmt_bytes(g->t[k].mem, c1) : c1, bytes ? fmt_bytes(g->t[k].disk, c2) : c2, g->policy);
		rec_text(&r->evidence, "%s reaches a %.0f%% hit ratio (%.2f%%) with a memory tier of %s "
		    "over a disk tier of %s, the least memory that does", g->policy, 100 * x->o->target,
		    100 * g->t[k].hit, bytes ? fmt_bytes(g->t[k].mem, c1) : c1,
		    bytes ? fmt_bytes(g->t[k].disk, c2) : c2);
		r->note = estrdup("no config key of the node holds either: the memory tier is RAM for the "
		    "OS page cache or a caching proxy's memory, the disk tier a caching proxy's disk cache "
		    "in front of the gateway");
		if (bytes)
			x->need += tune_d2u(g->t[k].mem, UINT64_MAX - x->need);
	}
}

static void
datastore_rule(struct ctx *x)
{
	struct tune_node *n = x->node;
	const json_t *v;
	struct tune_rec *r;
	uint64_t grown, cur = 0, prop;
	double w = DEF_WATERMARK;
	char b1[32], b2[32], b3[96];
	const char *js;

	if (!n) {
		r = rec_new(x, TR_SKIP, "datastore", NULL);
		r->evidence = estrdup("offline: the repo's block count and size come from the node's repo/stat");
		return;
	}
	if (n->objects < 0 || n->repo_size < 0) {
		r = rec_new(x, TR_SKIP, "datastore", NULL);
		r->evidence = estrdup("repo/stat gave no NumObjects and RepoSize");
		return;
	}
	grown = tune_grow_blocks((uint64_t)n->objects, (uint64_t)n->repo_size, x->o->growth);
	v = config_lookup(n->config, "Datastore.BloomFilterSize", NULL, 0);
	if (json_is_integer(v) && json_integer_value(v) > 0)
		cur = (uint64_t)json_integer_value(v);
	if (grown == 0) {
		r = rec_new(x, TR_SKIP, "datastore", "Datastore.BloomFilterSize");
		r->evidence = estrdup("an empty repo: no blocks to size a bloom filter for");
	} else if (tune_bloom_enough(cur, grown)) {
		r = rec_new(x, TR_KEEP, "datastore", "Datastore.BloomFilterSize");
		rec_text(&r->evidence, "%llu bytes give a %.3f%% false-positive rate at %llu blocks: at most 1%%",
		    (unsigned long long)cur, 100 * tune_bloom_fpr(cur, grown), (unsigned long long)grown);
	} else {
		prop = tune_bloom_bytes(grown);
		r = rec_new(x, TR_CHANGE, "datastore", "Datastore.BloomFilterSize");
		r->proposed = json_integer((json_int_t)prop);
		if (x->o->growth)
			snprintf(b3, sizeof b3, ", %llu after growing by %s", (unsigned long long)grown,
			    fmt_bytes((double)x->o->growth, b1));
		else
			b3[0] = '\0';
		rec_text(&r->evidence, "%lld blocks in the repo (repo/stat)%s: %s; %llu bytes (%s) give "
		    "%.3f%% false positives (Kubo's bbloom, k = 7, bits rounded up to a power of two: "
		    "(1 - e^(-7n/m))^7 <= 1%%: %.2f bytes a block)", (long long)n->objects, b3,
		    cur ? "the current filter gives more than 1% false positives" : "no filter now (0: disabled)",
		    (unsigned long long)prop, fmt_bytes((double)prop, b2), 100 * tune_bloom_fpr(prop, grown),
		    (double)prop / (double)grown);
		js = jsnote(x, "Datastore.BloomFilterSize");
		rec_text(&r->note, "pays off most on nodes asked for content they do not have (gateways); "
		    "costs its size in RAM and a rebuild at every start (Kubo docs)%s%s",
		    js ? "; js-ipfs: " : "", js ? js : "");
	}
	if (n->storage_max < 0) {
		r = rec_new(x, TR_SKIP, "datastore", "Datastore.StorageMax");
		r->evidence = estrdup("repo/stat gave no StorageMax");
		return;
	}
	v = config_lookup(n->config, "Datastore.StorageGCWatermark", NULL, 0);
	if (json_is_number(v) && json_number_value(v) > 0 && json_number_value(v) <= 100)
		w = json_number_value(v);
	prop = tune_storage_max((uint64_t)n->repo_size, x->o->growth, w, (uint64_t)n->storage_max);
	r = rec_new(x, prop ? TR_CHANGE : TR_KEEP, "datastore", "Datastore.StorageMax");
	if (prop) {
		char s[32];

		snprintf(s, sizeof s, "%llu", (unsigned long long)prop);
		r->proposed = json_string(s);
	}
	rec_text(&r->evidence, "the repo holds %s%s%s; GC starts at %g%% of StorageMax, so it needs %s; "
	    "StorageMax is %s (repo/stat)%s", fmt_bytes((double)n->repo_size, b1),
	    x->o->growth ? " and grows by " : "", x->o->growth ? fmt_bytes((double)x->o->growth, b3) : "",
	    w, fmt_bytes(((double)n->repo_size + (double)x->o->growth) * 100 / w, b2),
	    n->storage_max >= 9007199254740991LL ? "unlimited" :
	    fmt_bytes((double)n->storage_max, b3), prop ? ": raise it, to a whole GiB" : ": enough");
	if (prop) {
		js = jsnote(x, "Datastore.StorageMax");
		rec_text(&r->note, "a byte count as a string, which Kubo (GB = 10^9) and js-ipfs (GB = 2^30) "
		    "read alike%s%s", js ? "; js-ipfs: " : "", js ? js : "");
	}
}

/* The leaves that differ between two configs, as "Key: old -> new; ...". */
static void
cfgdiff(const json_t *a, const json_t *b, const char *path, struct sbuf *out)
{
	const char *k;
	json_t *va, *vb;
	char full[512];

	json_object_foreach((json_t *)a, k, va) {
		snprintf(full, sizeof full, "%s%s%s", path, *path ? "." : "", k);
		vb = json_object_get(b, k);
		/* into objects first: "API" holds secrets, "API.HTTPHeaders" none */
		if (json_is_object(va) && json_is_object(vb)) {
			cfgdiff(va, vb, full, out);
		} else if (config_secret(full)) {
			continue;
		} else if (!vb || !json_equal(va, vb)) {
			char *x = json_dumps(va, JSON_ENCODE_ANY | JSON_COMPACT);
			char *y = vb ? json_dumps(vb, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;

			sb_add(out, "%s%s: %s -> %s", out->len ? "; " : "", full, x, y ? y : "absent");
			free(x);
			free(y);
		}
	}
	json_object_foreach((json_t *)b, k, vb) {
		snprintf(full, sizeof full, "%s%s%s", path, *path ? "." : "", k);
		if (!json_object_get(a, k) && !config_secret(full)) {
			char *y = json_dumps(vb, JSON_ENCODE_ANY | JSON_COMPACT);

			sb_add(out, "%s%s: absent -> %s", out->len ? "; " : "", full, y);
			free(y);
		}
	}
}

/* Low memory points to the implementation's lowpower profile: named, with
 * the node's own dry run of it. */
static void
profile_rule(struct ctx *x)
{
	static const char profile[] = "lowpower";
	uint64_t mem = x->o->memory;
	struct tune_rec *r;
	char b1[32], b2[32], err[512];

	if (!mem) {
		r = rec_new(x, TR_SKIP, "profile", NULL);
		r->evidence = estrdup("--memory not given: neither Kubo's RPC API nor js-ipfs' tells the "
		    "host's memory");
		return;
	}
	if (!tune_low_memory(mem, x->need)) {
		r = rec_new(x, TR_KEEP, "profile", NULL);
		rec_text(&r->evidence, "%s of memory: at least Kubo's recommended 6 GiB%s%s", fmt_bytes((double)mem, b1),
		    x->need ? " and the caches' " : "", x->need ? fmt_bytes((double)x->need, b2) : "");
		return;
	}
	r = rec_new(x, TR_ADVICE, "profile", NULL);
	rec_text(&r->evidence, "%s of memory (--memory) is below %s%s%s: the %s profile reduces the "
	    "daemon's overhead", fmt_bytes((double)mem, b1),
	    mem < TUNE_KUBO_MIN_RAM ? "the 6 GiB Kubo's README recommends" : "what the recommended caches need, ",
	    mem < TUNE_KUBO_MIN_RAM ? "" : fmt_bytes((double)x->need, b2), "", profile);
	rec_text(&r->test, "a threshold on --memory, no statistical test");
	if (!x->node) {
		rec_text(&r->note, "offline: no dry run of the profile");
		r->proposed = json_string("ipfs config profile apply lowpower");
		return;
	}
	if (node_has_profile(x->node, profile) == 0) {
		r->status = TR_KEEP;
		rec_text(&r->note, "%s has no %s profile (config/profile/list)", x->node->name, profile);
		return;
	}
	r->proposed = json_string("ipfs config profile apply lowpower");
	{
		json_t *old = NULL, *new = NULL;
		struct sbuf d = { 0 };

		if (node_profile_dry_run(x->node, profile, &old, &new, err, sizeof err) < 0) {
			rec_text(&r->note, "its dry run failed: %s", err);
			return;
		}
		cfgdiff(old, new, "", &d);
		rec_text(&r->note, "the node's dry run (config/profile/apply?dry-run=true) changes: %s; "
		    "apply it with the node's own command, which keeps its own backup",
		    d.s ? d.s : "nothing");
		free(d.s);
		json_decref(old);
		json_decref(new);
	}
}

/* Every change proposed is checked against its key's documented range
 * (tune/keys.c) before anything prints or applies it: one out of range
 * (from crafted or extreme evidence) is no change, and says why. */
static void
range_check(struct ctx *x)
{
	char why[512];

	for (size_t i = 0; i < x->rs->n; i++) {
		struct tune_rec *r = &x->rs->r[i];
		char *was;

		if (r->status != TR_CHANGE || !r->key || !r->proposed ||
		    tune_key_check(r->key, r->proposed, 1, why, sizeof why) == 0)
			continue;
		was = r->evidence;
		r->status = TR_SKIP;
		json_decref(r->proposed);
		r->proposed = NULL;
		r->evidence = NULL;
		rec_text(&r->evidence, "no change: the value the evidence gives is out of range (%s); %s", why,
		    was ? was : "");
		free(was);
	}
}

void
tune_recommend(const struct tune_evidence *ev, struct tune_node *node, const struct tune_opts *o,
    struct tune_recs *out)
{
	struct ctx x = { .ev = ev, .node = node, .o = o, .rs = out };

	memset(out, 0, sizeof *out);
	node_layout(&x);
	index_arms(&x);
	if (!layout_from_arms(&x))
		layout_from_rows(&x);
	large_rule(&x);
	cache_rule(&x);
	datastore_rule(&x);
	api_rule(&x);
	profile_rule(&x);
	range_check(&x);
	free(x.idx);
}

void
tune_patch_of(const struct tune_recs *rs, struct tune_patch *p)
{
	memset(p, 0, sizeof *p);
	for (size_t i = 0; i < rs->n; i++) {
		const struct tune_rec *r = &rs->r[i];

		if (r->status == TR_CHANGE && r->key && r->proposed)
			patch_add(p, r->key, json_incref(r->proposed), r->current, r->state, r->rule,
			    r->evidence);
	}
}

static const char *const statusname[] = { "change", "advice", "keep", "skip" };
static const char *const statename[] = { "unknown", "set", "absent" };

static void
report_json(const struct tune_rec *r, const struct tune_node *node, FILE *f)
{
	json_t *o = json_pack("{s:s, s:s}", "status", statusname[r->status], "rule", r->rule);
	char *s;

	json_object_set_new(o, "key", r->key ? json_string(r->key) : json_null());
	json_object_set(o, "current", r->current ? r->current : json_null());
	json_object_set_new(o, "current_state", json_string(r->key ? statename[r->state] : "unknown"));
	json_object_set(o, "proposed", r->proposed ? r->proposed : json_null());
	json_object_set_new(o, "what", r->what ? json_string(r->what) : json_null());
	json_object_set_new(o, "when", r->status == TR_CHANGE ? json_string(tune_when_name(r->when)) :
	    json_null());
	json_object_set_new(o, "evidence", json_string(r->evidence ? r->evidence : ""));
	json_object_set_new(o, "files", r->files ? json_string(r->files) : json_null());
	json_object_set_new(o, "p", isfinite(r->p) ? json_real(r->p) : json_null());
	json_object_set_new(o, "alpha", isfinite(r->alpha) && r->alpha > 0 ? json_real(r->alpha) : json_null());
	json_object_set_new(o, "test", r->test ? json_string(r->test) : json_null());
	json_object_set_new(o, "note", r->note ? json_string(r->note) : json_null());
	json_object_set_new(o, "node", json_string(node ? node->name : "offline"));
	s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
	fprintf(f, "%s\n", s);
	free(s);
	json_decref(o);
}

static void
report_text(const struct tune_rec *r, FILE *f)
{
	char *cur = r->current ? json_dumps(r->current, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	char *prop = r->proposed ? json_dumps(r->proposed, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;

	if (r->status == TR_CHANGE) {
		fprintf(f, "change %s: %s -> %s (%s)\n", r->key, cur ? cur : statename[r->state], prop,
		    r->when == WHEN_NOW ? "takes effect now" : r->when == WHEN_INIT ? "init only" :
		    "takes effect after the daemon restarts");
	} else if (r->status == TR_ADVICE) {
		fprintf(f, "advice %s: %s\n", r->rule, r->what ? r->what : prop ? prop : "-");
	} else {
		fprintf(f, "%s %s%s%s: %s\n", statusname[r->status], r->rule, r->key ? " " : "",
		    r->key ? r->key : "", r->evidence);
	}
	if (r->status <= TR_ADVICE)
		fprintf(f, "    why: %s\n", r->evidence);
	if (r->test && isfinite(r->p))
		fprintf(f, "    test: %s: p = %.3g (alpha %.3g)\n", r->test, r->p, r->alpha);
	else if (r->test)
		fprintf(f, "    test: %s\n", r->test);
	if (r->files)
		fprintf(f, "    from: %s\n", r->files);
	if (r->note)
		fprintf(f, "    note: %s\n", r->note);
	free(cur);
	free(prop);
}

void
tune_report(const struct tune_recs *rs, const struct tune_node *node, int json, FILE *f)
{
	size_t nchange = 0, nadvice = 0;

	if (!json) {
		if (node)
			fprintf(f, "node: %s at %s; repo/stat: %lld blocks, %lld bytes\n", node->name,
			    url_redact(node->api), (long long)node->objects, (long long)node->repo_size);
		else
			fprintf(f, "node: offline (--offline): current values unknown, Kubo's defaults assumed\n");
	}
	for (int st = TR_CHANGE; st <= TR_SKIP; st++)
		for (size_t i = 0; i < rs->n; i++) {
			if (rs->r[i].status != st)
				continue;
			nchange += st == TR_CHANGE;
			nadvice += st == TR_ADVICE;
			if (json)
				report_json(&rs->r[i], node, f);
			else
				report_text(&rs->r[i], f);
		}
	if (!json && !nchange && !nadvice)
		fprintf(f, "no recommendations: the evidence gives no reason to change anything\n");
}

void
tune_recs_free(struct tune_recs *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		struct tune_rec *r = &rs->r[i];

		free(r->key);
		json_decref(r->current);
		json_decref(r->proposed);
		free(r->what);
		free(r->evidence);
		free(r->files);
		free(r->test);
		free(r->note);
	}
	free(rs->r);
	memset(rs, 0, sizeof *rs);
}
