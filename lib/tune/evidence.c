/* tune/evidence.c: load profiles, comparisons and cache curves (tune/evidence.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tune/evidence.h"
#include "base/util.h"
#include "rec/fields.h"
#include "rec/read.h"
#include "stats/profile.h"
#include "stats/stats.h"

enum { K_BAD = -1, K_TIMING, K_COMPARE, K_RESULTS, K_MRC };

/* Malformed records named one by one before they are only counted. */
enum { MAXREPORT = 20 };

/* Columns that say how a run was made, besides its label. */
static const char *const layoutcols[] = { "chunker", "raw_leaves", "cid_version", "parallel",
	"mode", NULL };

static const char *
display(const char *path)
{
	return strcmp(path, "-") ? path : "stdin";
}

static int
has(struct recr *r, const char *col)
{
	return recr_col(r, col) >= 0;
}

/* What an input holds; cache says which flag gave it. */
static int
kindof(struct recr *r, const char *path, int cache)
{
	const char *name = display(path);
	int k = K_BAD;

	if (recr_ncols(r) == 0) {
		weprintf("%s: no records", name);
		return K_BAD;
	}
	if (has(r, "metric") && has(r, "old") && has(r, "new") && has(r, "verdict"))
		k = K_COMPARE;
	else if (has(r, "t_total"))
		k = K_TIMING;
	else if (has(r, "policy") && has(r, "capacity") && has(r, "hit_ratio"))
		k = K_RESULTS;
	else if (has(r, "capacity") && has(r, "miss_ratio"))
		k = K_MRC;
	else if (has(r, "metric") && has(r, "median")) {
		weprintf("%s: a prof-diff summary: give the records themselves, or a comparison "
		    "(prof-diff -o tsv of two profiles, or with -c)", name);
		return K_BAD;
	}
	if (k == K_BAD) {
		weprintf("%s: neither timing records (t_total), a prof-diff comparison (metric, old, "
		    "new, verdict), cache-sim results (policy, capacity, hit_ratio) nor a miss-ratio "
		    "curve (capacity, miss_ratio)", name);
		return K_BAD;
	}
	if (cache && (k == K_TIMING || k == K_COMPARE)) {
		weprintf("%s: %s: give it with --profile", name,
		    k == K_TIMING ? "timing records" : "a prof-diff comparison");
		return K_BAD;
	}
	if (!cache && (k == K_RESULTS || k == K_MRC)) {
		weprintf("%s: %s: give it with --cache", name,
		    k == K_RESULTS ? "cache-sim results" : "a miss-ratio curve");
		return K_BAD;
	}
	return k;
}

/* "file:line: why", the first MAXREPORT times. */
static void
bad(unsigned long *nbad, const char *where, const char *fmt, const char *a, const char *b)
{
	char msg[512];

	if (++*nbad > MAXREPORT)
		return;
	snprintf(msg, sizeof msg, fmt, a, b);
	weprintf("%s: %s%s", where, msg, *nbad == MAXREPORT ? " (further errors are only counted)" : "");
}

/* The end of a read: -1 after saying so when records were malformed. */
static int
verdict(const char *name, unsigned long nbad)
{
	if (nbad)
		weprintf("%s%s%lu malformed record%s: not tuning from bad data", name ? name : "",
		    name ? ": " : "", nbad, nbad == 1 ? "" : "s");
	return nbad ? -1 : 0;
}

/* Column col of the current record as a number: 1, 0 when absent, -1 (and
 * a report) when it is something else. */
static int
num(struct recr *r, const char *col, double *v, unsigned long *nbad)
{
	int c = recr_col(r, col);
	const char *s = recr_get(r, c);

	*v = NAN;
	if (!s)
		return 0;
	*v = recr_num(r, c);
	if (isfinite(*v))
		return 1;
	bad(nbad, recr_where(r), "%s: not a number: '%s'", col, s);
	return -1;
}

static char *
dupornull(const char *s)
{
	return s ? estrdup(s) : NULL;
}

static int
strsame(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Add name to a ", "-separated list of names held in *list. */
static void
addname(char **list, const char *name)
{
	size_t n, len = strlen(name);
	const char *p;

	for (p = *list; p && (p = strstr(p, name)); p += len)
		if ((p == *list || p[-1] == ' ') && (p[len] == ',' || !p[len]))
			return;
	n = (*list ? strlen(*list) + 2 : 0) + len + 1;
	*list = erealloc(*list, n);
	if (n == len + 1)
		memcpy(*list, name, len + 1);
	else
		strcat(strcat(*list, ", "), name);
}

/* The arms by what makes one (op, via, size, layout): open addressing
 * over their places in ev->arm, doubled at half full. */
struct armtab {
	size_t *slot;		/* place + 1; 0 empty */
	size_t cap;
};

static uint64_t
hstr(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h ^ (s ? 0xff : 0xfe)) * 1099511628211ULL;
}

static uint64_t
armhash(const char *op, const char *via, int64_t size, const struct tune_layout *l)
{
	uint64_t h = 14695981039346656037ULL;

	h = hstr(hstr(hstr(hstr(h, op), via), l->chunker), l->mode);
	h = (h ^ (uint64_t)size) * 1099511628211ULL;
	h = (h ^ (uint64_t)(l->raw_leaves + 2)) * 1099511628211ULL;
	h = (h ^ (uint64_t)(l->cid_version + 2)) * 1099511628211ULL;
	return (h ^ (uint64_t)l->parallel) * 1099511628211ULL;
}

static int
armis(const struct tune_arm *a, const char *op, const char *via, int64_t size,
    const struct tune_layout *lay)
{
	return strsame(a->op, op) && strsame(a->via, via) && a->size == size &&
	    tune_layout_same_import(&a->lay, lay) && tune_layout_same_upload(&a->lay, lay);
}

static struct tune_arm *
arm_get(struct tune_evidence *ev, struct armtab *t, const char *op, const char *via, int64_t size,
    const struct tune_layout *lay)
{
	struct tune_arm *a;
	size_t h;

	if (2 * (ev->narm + 1) > t->cap) {
		free(t->slot);
		t->cap = t->cap ? 2 * t->cap : 64;
		t->slot = ecalloc(t->cap, sizeof *t->slot);
		for (size_t i = 0; i < ev->narm; i++) {
			a = &ev->arm[i];
			for (h = armhash(a->op, a->via, a->size, &a->lay) & (t->cap - 1); t->slot[h];
			    h = (h + 1) & (t->cap - 1))
				;
			t->slot[h] = i + 1;
		}
	}
	for (h = armhash(op, via, size, lay) & (t->cap - 1); t->slot[h]; h = (h + 1) & (t->cap - 1))
		if (armis(&ev->arm[t->slot[h] - 1], op, via, size, lay))
			return &ev->arm[t->slot[h] - 1];
	t->slot[h] = ev->narm + 1;
	egrow((void **)&ev->arm, &ev->armcap, ev->narm + 1, sizeof *ev->arm);
	a = &ev->arm[ev->narm++];
	memset(a, 0, sizeof *a);
	a->op = dupornull(op);
	a->via = dupornull(via);
	a->size = size;
	a->lay = *lay;
	return a;
}

/* The value of key column name in group g, NULL when absent or "-". */
static const char *
keyval(const struct profset *ps, const struct group *g, const char *name)
{
	for (size_t i = 0; i < ps->nkeys; i++)
		if (!strcmp(ps->keys[i], name))
			return g->keys[i] && strcmp(g->keys[i], "-") ? g->keys[i] : NULL;
	return NULL;
}

static int64_t
sizeval(const char *s)
{
	char *end;
	long long v;

	if (!s)
		return -1;
	v = strtoll(s, &end, 10);
	return *end || v < 0 ? -1 : v;
}

/* The groups of one profile into arms. */
static int
arms_from(struct tune_evidence *ev, struct armtab *t, const struct profset *ps, const struct profile *p)
{
	int rc = 0;

	for (size_t i = 0; i < groups_count(p->groups); i++) {
		const struct group *g = groups_at(p->groups, i);
		const char *label = keyval(ps, g, "label"), *v;
		struct tune_layout lay;
		struct tune_arm *a;
		char why[160];

		tune_layout_init(&lay);
		if (tune_layout_parse(label, &lay, why, sizeof why) < 0) {
			weprintf("%s: label '%s': %s", p->name, label, why);
			rc = -1;
			continue;
		}
		for (size_t k = 0; layoutcols[k]; k++)
			if ((v = keyval(ps, g, layoutcols[k])) &&
			    tune_layout_set(&lay, layoutcols[k], v, why, sizeof why) < 0) {
				weprintf("%s: column %s", p->name, why);
				rc = -1;
			}
		a = arm_get(ev, t, keyval(ps, g, "op"), keyval(ps, g, "via"),
		    sizeval(keyval(ps, g, "size")), &lay);
		for (size_t k = 0; k < g->m[0].n; k++) {
			egrow((void **)&a->x, &a->cap, a->n + 1, sizeof *a->x);
			a->x[a->n++] = g->m[0].x[k];
		}
		a->fail += g->fail;
		addname(&a->files, p->name);
		if (!a->label && label)
			a->label = estrdup(label);
	}
	return rc;
}

/* Timing records, all at once through prof-diff's loader: grouped by op,
 * via, size, label and the layout columns present, metric t_total. */
static int
load_timing(struct tune_evidence *ev, struct recr **in, char **names, size_t n)
{
	static const char *const base[] = { "op", "via", "size", "label", NULL };
	char groupby[256] = "";
	struct armtab t = { NULL, 0 };
	struct profset ps;
	int rc = 0;

	for (int pass = 0; pass < 2; pass++) {
		const char *const *cols = pass ? layoutcols : base;

		for (size_t k = 0; cols[k]; k++)
			for (size_t i = 0; i < n; i++)
				if (has(in[i], cols[k])) {
					if (groupby[0])
						strcat(groupby, ",");
					strcat(groupby, cols[k]);
					break;
				}
	}
	profset_init(&ps, in, names, n, groupby, "t_total", NULL);
	for (size_t i = 0; i < n; i++)
		profset_read(&ps, in[i], i, display(names[i]));
	if (verdict(NULL, ps.bad) < 0)
		rc = -1;
	for (size_t i = 0; i < ps.nprof; i++)
		if (arms_from(ev, &t, &ps, &ps.prof[i]) < 0)
			rc = -1;
	free(t.slot);
	profset_free(&ps);
	for (size_t i = 0; i < ev->narm; i++)
		stats_sort(ev->arm[i].x, ev->arm[i].n);
	return rc;
}

/* prof-diff -o tsv comparisons: the t_total rows. */
static int
load_rows(struct tune_evidence *ev, struct recr *r, const char *name)
{
	static const char *const numcols[] = { "median_old", "median_new", "ci_lo_old", "ci_hi_old",
		"ci_lo_new", "ci_hi_new", "p", "n_old", "n_new", NULL };
	unsigned long nbad = 0;
	int rc;

	while ((rc = recr_next(r)) != 0) {
		const char *metric = recr_get(r, recr_col(r, "metric"));
		double v[9];
		struct tune_row *w;
		int64_t size = -1;
		int broken = 0;

		if (rc < 0) {
			bad(&nbad, recr_where(r), "%s%s", recr_error(r), "");
			continue;
		}
		for (size_t k = 0; numcols[k]; k++)
			broken |= num(r, numcols[k], &v[k], &nbad) < 0;
		if (rec_size(r, "size", &size) < 0) {
			bad(&nbad, recr_where(r), "size: not a whole number of bytes: '%s'%s",
			    recr_get(r, recr_col(r, "size")), "");
			broken = 1;
		}
		for (size_t k = 7; k < 9 && !broken; k++)
			if (!isnan(v[k]) && !(v[k] >= 0 && v[k] <= 0x1p53 && v[k] == floor(v[k]))) {
				bad(&nbad, recr_where(r), "%s: expected a count of samples, found '%s'",
				    numcols[k], recr_get(r, recr_col(r, numcols[k])));
				broken = 1;
			}
		if (broken || !metric || strcmp(metric, "t_total") || isnan(v[0]) || isnan(v[1]))
			continue;	/* other metrics; a side without samples */
		egrow((void **)&ev->row, &ev->rowcap, ev->nrow + 1, sizeof *ev->row);
		w = &ev->row[ev->nrow++];
		memset(w, 0, sizeof *w);
		w->file = estrdup(name);
		w->where = estrdup(recr_where(r));
		w->op = dupornull(recr_get(r, recr_col(r, "op")));
		w->via = dupornull(recr_get(r, recr_col(r, "via")));
		w->label = dupornull(recr_get(r, recr_col(r, "label")));
		w->old = dupornull(recr_get(r, recr_col(r, "old")));
		w->new = dupornull(recr_get(r, recr_col(r, "new")));
		w->test = dupornull(recr_get(r, recr_col(r, "test")));
		w->verdict = dupornull(recr_get(r, recr_col(r, "verdict")));
		w->size = size;
		w->med_old = v[0], w->med_new = v[1];
		w->lo_old = v[2], w->hi_old = v[3], w->lo_new = v[4], w->hi_new = v[5];
		w->p = v[6];
		w->n_old = isnan(v[7]) ? 0 : (size_t)v[7];	/* checked above */
		w->n_new = isnan(v[8]) ? 0 : (size_t)v[8];
	}
	return verdict(name, nbad);
}

/* A cache-sim policy or unit name ("lru", "tiered:s3fifo/lru", "bytes"):
 * letters, digits and _ : / . + -, at most 64 of them. Anything else is
 * refused: a name goes into the report and the patch's comments. */
static int
plainname(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_:/.+-") == n;
}

static struct tune_curve *
curve_get(struct tune_evidence *ev, const char *policy, const char *unit, const char *file,
    int kind)
{
	struct tune_curve *c;

	for (size_t i = 0; i < ev->ncurve; i++) {
		c = &ev->curve[i];
		if (!strcmp(c->policy, policy) && !strcmp(c->unit, unit) && !strcmp(c->file, file) &&
		    c->kind == kind)
			return c;
	}
	egrow((void **)&ev->curve, &ev->curvecap, ev->ncurve + 1, sizeof *ev->curve);
	c = &ev->curve[ev->ncurve++];
	memset(c, 0, sizeof *c);
	c->policy = estrdup(policy);
	c->unit = estrdup(unit);
	c->file = estrdup(file);
	c->kind = kind;
	return c;
}

static void
addpoint(struct tune_curve *c, double capacity, double hit, int inexact)
{
	egrow((void **)&c->pt, &c->cap, c->n + 1, sizeof *c->pt);
	c->pt[c->n].capacity = capacity;
	c->pt[c->n].inexact = inexact;
	c->pt[c->n++].hit = hit;
}

/* cache-sim --mrc: LRU's miss ratio against capacity. */
static int
load_mrc(struct tune_evidence *ev, struct recr *r, const char *name)
{
	unsigned long nbad = 0;
	int rc;

	while ((rc = recr_next(r)) != 0) {
		const char *unit = recr_get(r, recr_col(r, "unit"));
		double cap, miss, exact = 1;
		int a, b, e;

		if (rc < 0) {
			bad(&nbad, recr_where(r), "%s%s", recr_error(r), "");
			continue;
		}
		a = num(r, "capacity", &cap, &nbad);
		b = num(r, "miss_ratio", &miss, &nbad);
		/* exact: 0 where the curve is not what -p lru gives (absent: exact) */
		e = num(r, "exact", &exact, &nbad);
		if (a < 0 || b < 0 || e < 0)
			continue;
		if (a == 0 || b == 0 || cap < 0 || !(cap < 0x1p63) || miss < 0 || miss > 1) {
			bad(&nbad, recr_where(r), "%s%s", "expected a capacity >= 0 and a miss ratio in 0..1", "");
			continue;
		}
		if (e == 0)
			exact = 1;
		if (exact != 0 && exact != 1) {
			bad(&nbad, recr_where(r), "%s%s", "exact: expected 0 or 1", "");
			continue;
		}
		if (unit && !plainname(unit)) {
			bad(&nbad, recr_where(r), "%s%s", "unit: expected objects or bytes", "");
			continue;
		}
		addpoint(curve_get(ev, "lru", unit ? unit : "objects", name, CURVE_MRC), cap, 1 - miss,
		    exact == 0);
	}
	return verdict(name, nbad);
}

static int
cmppoint(const void *a, const void *b)
{
	const struct tune_point *x = a, *y = b;

	return (x->capacity > y->capacity) - (x->capacity < y->capacity);
}

/* cache-sim results through prof-diff's loader: mean hit ratio per policy,
 * unit, capacity (and disk capacity for tiers). */
static int
load_results(struct tune_evidence *ev, struct recr **in, char **names, size_t n)
{
	struct profset ps;
	int disk = 0, unit = 0, rc = 0;
	char groupby[64];

	/* group by the columns present: a results file without unit is objects */
	for (size_t i = 0; i < n; i++) {
		disk |= has(in[i], "disk_capacity");
		unit |= has(in[i], "unit");
	}
	snprintf(groupby, sizeof groupby, "policy%s,capacity%s", unit ? ",unit" : "",
	    disk ? ",disk_capacity" : "");
	profset_init(&ps, in, names, n, groupby, "hit_ratio", NULL);
	for (size_t i = 0; i < n; i++)
		profset_read(&ps, in[i], i, display(names[i]));
	if (verdict(NULL, ps.bad) < 0)
		rc = -1;
	for (size_t i = 0; i < ps.nprof; i++) {
		const struct profile *p = &ps.prof[i];

		for (size_t k = 0; k < groups_count(p->groups); k++) {
			const struct group *g = groups_at(p->groups, k);
			const char *policy = keyval(&ps, g, "policy"), *unit = keyval(&ps, g, "unit");
			const char *dc = keyval(&ps, g, "disk_capacity");
			double cap = strtod(keyval(&ps, g, "capacity") ? keyval(&ps, g, "capacity") : "nan", NULL);
			double hit = stats_mean(g->m[0].x, g->m[0].n);

			double disk = dc ? strtod(dc, NULL) : 0;

			if (!policy || g->m[0].n == 0)
				continue;
			if (!unit)
				unit = "objects";
			if (!plainname(policy) || !plainname(unit)) {
				weprintf("%s: policy or unit: expected a name of letters, digits and _:/.+- "
				    "(such as lru or tiered:s3fifo/lru), not a %zu-byte string of other characters",
				    p->name, strlen(plainname(policy) ? unit : policy));
				rc = -1;
				continue;
			}
			if (!(cap >= 0 && cap < 0x1p63) || !(disk >= 0 && disk < 0x1p63)) {
				weprintf("%s: %s: capacity: expected a count or size from 0 to 2^63", p->name, policy);
				rc = -1;
				continue;
			}
			if (dc || !strncmp(policy, "tiered:", 7)) {
				struct tune_curve *t = curve_get(ev, policy, unit, p->name, CURVE_TIERED);

				egrow((void **)&t->t, &t->tcap, t->nt + 1, sizeof *t->t);
				t->t[t->nt].mem = cap;
				t->t[t->nt].disk = disk;
				t->t[t->nt++].hit = hit;
			} else {
				addpoint(curve_get(ev, policy, unit, p->name, CURVE_RESULTS), cap, hit, 0);
			}
		}
	}
	profset_free(&ps);
	return rc;
}

/* A curve's points that are not exact take the hit ratio -p lru gave at
 * that capacity and unit, when a --cache input simulated it; the others
 * stay estimates, and the file and capacities are said. */
static void
simulated(struct tune_evidence *ev)
{
	for (size_t i = 0; i < ev->ncurve; i++) {
		struct tune_curve *c = &ev->curve[i];
		char *left = NULL;
		size_t len = 0, nleft = 0;
		FILE *f;

		if (c->kind != CURVE_MRC)
			continue;
		f = open_memstream(&left, &len);
		for (size_t k = 0; k < c->n; k++) {
			struct tune_point *p = &c->pt[k];

			for (size_t j = 0; j < ev->ncurve && p->inexact; j++) {
				const struct tune_curve *s = &ev->curve[j];

				if (s->kind != CURVE_RESULTS || strcmp(s->policy, "lru") ||
				    strcmp(s->unit, c->unit))
					continue;
				for (size_t q = 0; q < s->n; q++)
					if (s->pt[q].capacity == p->capacity) {
						p->hit = s->pt[q].hit;
						p->inexact = 0;
						break;
					}
			}
			if (p->inexact)
				fprintf(f, "%s%.0f", nleft++ ? "," : "", p->capacity);
		}
		fclose(f);
		if (nleft)
			weprintf("%s: the curve is not exact at %zu capacit%s (exact 0; cache-sim says "
			    "why): sizing from estimates there; give their simulation with -c, from "
			    "cache-sim -p lru -u %s -s %s", c->file, nleft, nleft == 1 ? "y" : "ies",
			    c->unit, left);
		free(left);
	}
}

int
evidence_load(struct tune_evidence *ev, char **profiles, size_t np, char **caches, size_t nc)
{
	size_t n = np + nc, ntim = 0, nres = 0;
	struct recr **in = ecalloc(n, sizeof *in), **tim = ecalloc(n, sizeof *tim);
	struct recr **res = ecalloc(n, sizeof *res);
	char **timn = ecalloc(n, sizeof *timn), **resn = ecalloc(n, sizeof *resn);
	int *kind = ecalloc(n, sizeof *kind), rc = 0;

	memset(ev, 0, sizeof *ev);
	ev->nprofiles = np;
	ev->ncaches = nc;
	for (size_t i = 0; i < n; i++) {
		char *path = i < np ? profiles[i] : caches[i - np];

		if (!(in[i] = recr_open(path, NULL)) || (kind[i] = kindof(in[i], path, i >= np)) == K_BAD) {
			rc = -1;
			continue;
		}
		if (kind[i] == K_TIMING) {
			tim[ntim] = in[i];
			timn[ntim++] = path;
		} else if (kind[i] == K_RESULTS) {
			res[nres] = in[i];
			resn[nres++] = path;
		}
	}
	if (rc == 0 && ntim && load_timing(ev, tim, timn, ntim) < 0)
		rc = -1;
	if (rc == 0 && nres && load_results(ev, res, resn, nres) < 0)
		rc = -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *path = i < np ? profiles[i] : caches[i - np];

		if (kind[i] == K_COMPARE && load_rows(ev, in[i], display(path)) < 0)
			rc = -1;
		if (kind[i] == K_MRC && load_mrc(ev, in[i], display(path)) < 0)
			rc = -1;
	}
	if (rc == 0)
		simulated(ev);
	for (size_t i = 0; i < ev->ncurve; i++)
		if (ev->curve[i].n)	/* a tiers' curve has no points: pt is NULL */
			qsort(ev->curve[i].pt, ev->curve[i].n, sizeof *ev->curve[i].pt, cmppoint);
	for (size_t i = 0; i < n; i++)
		if (in[i])
			recr_close(in[i]);
	free(in);
	free(tim);
	free(res);
	free(timn);
	free(resn);
	free(kind);
	return rc;
}

void
evidence_free(struct tune_evidence *ev)
{
	for (size_t i = 0; i < ev->narm; i++) {
		free(ev->arm[i].op);
		free(ev->arm[i].via);
		free(ev->arm[i].x);
		free(ev->arm[i].files);
		free(ev->arm[i].label);
	}
	for (size_t i = 0; i < ev->nrow; i++) {
		struct tune_row *w = &ev->row[i];

		free(w->file), free(w->where), free(w->op), free(w->via), free(w->label);
		free(w->old), free(w->new), free(w->test), free(w->verdict);
	}
	for (size_t i = 0; i < ev->ncurve; i++) {
		free(ev->curve[i].policy), free(ev->curve[i].unit), free(ev->curve[i].file);
		free(ev->curve[i].pt);
		free(ev->curve[i].t);
	}
	free(ev->arm);
	free(ev->row);
	free(ev->curve);
	memset(ev, 0, sizeof *ev);
}
