/* stats/report.c: prof-diff's tables (text for people, TSV or JSON Lines for programs). */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/report.h"
#include "base/units.h"
#include "base/util.h"
#include "rec/table.h"
#include "rec/write.h"
#include "stats/stats.h"

/* Notes on a row: footnotes in text, the note column in TSV and JSON. */
enum {
	N_CI, N_UTEST, N_OUTLIERS, N_MISSING, N_NOSAMPLES, N_ONLY, NNOTES
};

/* One group of one profile, summarized for one metric. */
struct side {
	const struct group *g;	/* NULL: the group is not in this profile */
	struct summary s;
	size_t fail, missing;
};

/* A comparison of one group between two profiles. */
struct cmp {
	struct side a, b;
	struct utest u;
	double delta;		/* percent, or percentage points for ratios */
	int tested;
	const char *verdict;
	unsigned notes;
};

/* Footnote numbers in order of first use; 0 when unused. */
struct footnotes {
	int num[NNOTES], next;
};

static void
summarize(const struct group *g, size_t m, double alpha, struct side *sd)
{
	memset(sd, 0, sizeof *sd);
	sd->g = g;
	if (g) {
		sd->fail = g->fail;
		sd->missing = g->m[m].missing;
		stats_summarize(g->m[m].x, g->m[m].n, alpha, &sd->s);
	} else {
		stats_summarize(NULL, 0, alpha, &sd->s);
	}
}

static const char *
fmtval(int kind, double v, char *buf, size_t len)
{
	static const char *const unit[] = { "s", "ms", "us", "ns" };
	double a = fabs(v);
	int u = 0;

	if (!isfinite(v))
		return "-";
	switch (kind) {
	case MK_TIME:
		while (u < 3 && a < 1 && a > 0) {
			v *= 1000;
			a *= 1000;
			u++;
		}
		snprintf(buf, len, "%.*f%s", a >= 100 ? 1 : a >= 10 ? 2 : 3, v, unit[u]);
		break;
	case MK_RATIO:
		snprintf(buf, len, "%.2f%%", v * 100);
		break;
	default:	/* four significant digits, no exponent */
		snprintf(buf, len, "%.*f", a >= 1000 || a == 0 ? 0 : a >= 100 ? 1 :
		    a >= 10 ? 2 : a >= 1 ? 3 : 4, v);
	}
	return buf;
}

/* Bytes for people: "64M", "256k" when exact, else from 10k up three
 * digits, "1.13M", "97.7k". */
static const char *
bytetext(uint64_t n, char buf[32])
{
	static const char suf[] = "kMGT";
	double v = (double)n;
	int i = -1;

	if (n < 10240 || (n & 1023) == 0)
		return fmt_size(n, buf);
	while (v >= 1024 && i < 3) {
		v /= 1024;
		i++;
	}
	snprintf(buf, 32, "%.*f%c", v >= 100 ? 0 : v >= 10 ? 1 : 2, v, suf[i]);
	return buf;
}

/*
 * The value of key k among a group's keys, for people: sizes in
 * bytes as bytetext() says, and capacities too when the group's unit is
 * bytes (a capacity in objects, or of an unknown unit, stays a count).
 */
static const char *
keytext(const struct profset *ps, size_t k, char *const *keys, char buf[32])
{
	const char *v = keys[k], *name = ps->keys[k];
	int bytes = !strcmp(name, "size");
	uint64_t n;

	if (!v)
		return "-";
	if (!strcmp(name, "capacity") || !strcmp(name, "disk_capacity"))
		for (size_t i = 0; i < ps->nkeys; i++)
			if (!strcmp(ps->keys[i], "unit"))
				bytes = keys[i] && !strcmp(keys[i], "bytes");
	if (bytes && *v && v[strspn(v, "0123456789")] == '\0' && parse_size(v, &n) == 0)
		return bytetext(n, buf);
	return v;
}

static const char *
unitname(const struct metric *m)
{
	if (m->derived)
		return " (MB/s = size / t_total / 10^6)";
	switch (m->kind) {
	case MK_TIME: return " (seconds)";
	case MK_RATE: return " (per second)";
	case MK_RATIO: return " (percent)";
	}
	return "";
}

/* Record columns: metric, the group keys, then more (NULL-terminated). */
static const char **
columns(const struct profset *ps, const char *const *more)
{
	size_t n = 0, i;
	const char **cols;

	while (more[n])
		n++;
	cols = emalloc((1 + ps->nkeys + n + 1) * sizeof *cols);
	cols[0] = "metric";
	for (i = 0; i < ps->nkeys; i++)
		cols[1 + i] = ps->keys[i];
	for (i = 0; i <= n; i++)
		cols[1 + ps->nkeys + i] = more[i];
	return cols;
}

/* A value into a record, with the precision its kind needs. */
static void
putval(struct recw *w, int col, int kind, double v)
{
	switch (kind) {
	case MK_TIME: recw_sec(w, col, v); break;
	case MK_RATE: recw_num(w, col, v, 3); break;
	case MK_RATIO: recw_num(w, col, v, 6); break;
	default: recw_num(w, col, v, v == floor(v) ? 0 : 6);
	}
}

static void
putkeys(struct recw *w, const struct profset *ps, size_t m, char *const *keys)
{
	recw_str(w, 0, ps->metrics[m].name);
	for (size_t i = 0; i < ps->nkeys; i++) {
		/* whole numbers (sizes, capacities) stay numbers in JSON */
		if (keys[i] && *keys[i] && strlen(keys[i]) < 19 &&
		    keys[i][strspn(keys[i], "0123456789")] == '\0')
			recw_uint(w, 1 + i, strtoull(keys[i], NULL, 10));
		else
			recw_str(w, 1 + i, keys[i]);
	}
}

/*
 * Text tables show the key columns that have a value somewhere (a column
 * of "-" says nothing), or one "group" column when none has.
 */
static size_t
shownkeys(const struct profset *ps)
{
	size_t n = 0;

	for (size_t i = 0; i < ps->nkeys; i++)
		n += ps->keyseen[i];
	return n;
}

static struct table *
newtable(const struct profset *ps, const char *numalign)
{
	char align[64];
	size_t n = shownkeys(ps), i;

	if (n == 0)
		n = 1;
	for (i = 0; i < n && i < 32; i++)
		align[i] = 'l';
	snprintf(align + i, sizeof align - i, "%s", numalign);
	return table_new(align);
}

static void
keyheader(struct table *t, const struct profset *ps)
{
	if (shownkeys(ps) == 0)
		table_cell(t, "group");
	for (size_t i = 0; i < ps->nkeys; i++)
		if (ps->keyseen[i])
			table_cell(t, "%s", ps->keys[i]);
}

static void
keycells(struct table *t, const struct profset *ps, char *const *keys)
{
	char buf[32];

	if (shownkeys(ps) == 0)
		table_cell(t, "all");
	for (size_t i = 0; i < ps->nkeys; i++)
		if (ps->keyseen[i])
			table_cell(t, "%s", keytext(ps, i, keys, buf));
}

static void
geomeancells(struct table *t, const struct profset *ps)
{
	table_cell(t, "geomean");
	for (size_t i = 1; i < shownkeys(ps); i++)
		table_cell(t, "");
}

static void
marks(struct footnotes *fn, unsigned notes, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < NNOTES; i++) {
		if (!(notes & 1u << i))
			continue;
		if (!fn->num[i])
			fn->num[i] = ++fn->next;
		used += snprintf(buf + used, used < len ? len - used : 0, "[%d]", fn->num[i]);
	}
}

static void
footnotes(struct table *t, const struct footnotes *fn, double alpha)
{
	size_t mside = 2;

	while (stats_utest_min_p(mside, mside) > alpha)
		mside++;
	for (int k = 1; k <= fn->next; k++) {
		int i = 0;

		while (fn->num[i] != k)
			i++;
		switch (i) {
		case N_CI:
			table_line(t, "[%d] need >= %zu samples for a %g%% confidence interval of the median",
			    k, stats_median_ci_min_n(alpha), 100 * (1 - alpha));
			break;
		case N_UTEST:
			table_line(t, "[%d] need >= %zu samples on each side to detect a difference at alpha %g",
			    k, mside, alpha);
			break;
		case N_OUTLIERS:
			table_line(t, "[%d] outliers (over 14.826 MADs from the median, as hyperfine counts them): "
			    "add warm-up requests, use a quieter machine, or keep cold and warm apart (-g ...,access)", k);
			break;
		case N_MISSING:
			table_line(t, "[%d] some successful records have no value for this metric; n counts those that do", k);
			break;
		case N_NOSAMPLES:
			table_line(t, "[%d] no successful request with a value", k);
			break;
		case N_ONLY:
			table_line(t, "[%d] this group is on one side only", k);
			break;
		}
	}
}

/* Append to a note text, "; "-separated. */
static void
note(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used && used + 2 < len)
		strcat(buf, "; "), used += 2;
	va_start(ap, fmt);
	vsnprintf(buf + used, used < len ? len - used : 0, fmt, ap);
	va_end(ap);
}

static unsigned
side_notes(const struct side *sd)
{
	unsigned n = 0;

	if (!sd->g)
		return 1u << N_ONLY;
	if (sd->s.n == 0)
		n |= 1u << N_NOSAMPLES;
	else if (sd->s.conf == 0)
		n |= 1u << N_CI;
	if (sd->s.outliers)
		n |= 1u << N_OUTLIERS;
	if (sd->missing)
		n |= 1u << N_MISSING;
	return n;
}

/* Every profile's groups in the order of their keys. */
static void
sortgroups(struct profset *ps)
{
	for (size_t i = 0; i < ps->nprof; i++)
		groups_sort(ps->prof[i].groups);
}

/* ---- one profile ---- */

static void
timing_summary(struct profset *ps, const struct reportopts *o, FILE *f)
{
	static const char *const more[] = { "n", "fail", "missing", "mean", "sd", "median",
		"ci_lo", "ci_hi", "ci_level", "p90", "p99", "min", "max", "outliers", "note", NULL };
	const struct profile *p = &ps->prof[0];
	const char **cols = NULL;
	struct recw *w = NULL;
	int printed = 0;

	if (o->format != OUT_TEXT) {
		cols = columns(ps, more);
		w = recw_open(f, cols, o->format == OUT_JSON);
	}
	for (size_t m = 0; m < ps->nmetrics; m++) {
		const struct metric *mt = &ps->metrics[m];
		struct footnotes fn = { 0 };
		struct table *t = NULL;

		for (size_t i = 0; i < groups_count(p->groups); i++) {
			const struct group *g = groups_at(p->groups, i);
			struct side sd;
			char a[32], b[32], c[32];
			unsigned notes;

			summarize(g, m, o->alpha, &sd);
			if (mt->derived && sd.s.n == 0)
				continue;	/* no known sizes */
			notes = side_notes(&sd);
			if (w) {
				int c0 = 1 + ps->nkeys;
				char txt[256] = "";

				putkeys(w, ps, m, g->keys);
				recw_uint(w, c0, sd.s.n);
				recw_uint(w, c0 + 1, sd.fail);
				recw_uint(w, c0 + 2, sd.missing);
				putval(w, c0 + 3, mt->kind, sd.s.mean);
				putval(w, c0 + 4, mt->kind, sd.s.sd);
				putval(w, c0 + 5, mt->kind, sd.s.median);
				putval(w, c0 + 6, mt->kind, sd.s.lo);
				putval(w, c0 + 7, mt->kind, sd.s.hi);
				if (sd.s.conf > 0)
					recw_num(w, c0 + 8, sd.s.conf, 4);
				putval(w, c0 + 9, mt->kind, sd.s.p90);
				putval(w, c0 + 10, mt->kind, sd.s.p99);
				putval(w, c0 + 11, mt->kind, sd.s.min);
				putval(w, c0 + 12, mt->kind, sd.s.max);
				recw_uint(w, c0 + 13, sd.s.outliers);
				if (notes & 1u << N_CI)
					note(txt, sizeof txt, "n < %zu: no interval", stats_median_ci_min_n(o->alpha));
				if (notes & 1u << N_NOSAMPLES)
					note(txt, sizeof txt, "no successful samples");
				if (txt[0])
					recw_str(w, c0 + 14, txt);
				recw_end(w);
				continue;
			}
			if (!t) {
				t = newtable(ps, "rrrrrrrrrrrl");
				table_line(t, "%s%s: %s", mt->name, unitname(mt), p->name);
				keyheader(t, ps);
				table_cell(t, "n");
				table_cell(t, "fail");
				table_cell(t, "median");
				table_cell(t, "%g%% CI", 100 * (1 - o->alpha));
				table_cell(t, "mean ± sd");
				table_cell(t, "p90");
				table_cell(t, "p99");
				table_cell(t, "min");
				table_cell(t, "max");
				table_cell(t, "outliers");
				table_endrow(t);
			}
			keycells(t, ps, g->keys);
			table_cell(t, "%zu", sd.s.n);
			table_cell(t, "%zu", sd.fail);
			table_cell(t, "%s", fmtval(mt->kind, sd.s.median, a, sizeof a));
			if (sd.s.conf > 0)
				table_cell(t, "[%s, %s]", fmtval(mt->kind, sd.s.lo, a, sizeof a),
				    fmtval(mt->kind, sd.s.hi, b, sizeof b));
			else
				table_cell(t, "-");
			if (sd.s.n > 1)
				table_cell(t, "%s ± %s", fmtval(mt->kind, sd.s.mean, a, sizeof a),
				    fmtval(mt->kind, sd.s.sd, b, sizeof b));
			else
				table_cell(t, "%s", fmtval(mt->kind, sd.s.mean, a, sizeof a));
			table_cell(t, "%s", fmtval(mt->kind, sd.s.p90, a, sizeof a));
			table_cell(t, "%s", fmtval(mt->kind, sd.s.p99, a, sizeof a));
			table_cell(t, "%s", fmtval(mt->kind, sd.s.min, a, sizeof a));
			table_cell(t, "%s", fmtval(mt->kind, sd.s.max, a, sizeof a));
			table_cell(t, "%zu", sd.s.outliers);
			marks(&fn, notes, c, sizeof c);
			table_cell(t, "%s", c);
			table_endrow(t);
		}
		if (t) {
			footnotes(t, &fn, o->alpha);
			if (printed++)
				fputc('\n', f);
			table_print(t, f);
		}
	}
	if (w)
		recw_close(w);
	free(cols);
}

static void
cache_summary(struct profset *ps, const struct reportopts *o, FILE *f)
{
	static const char *const more[] = { "n", "value", NULL };
	const struct profile *p = &ps->prof[0];
	const char **cols = NULL;
	struct recw *w = NULL;
	struct table *t;
	char buf[32];

	if (o->format != OUT_TEXT) {
		cols = columns(ps, more);
		w = recw_open(f, cols, o->format == OUT_JSON);
		for (size_t m = 0; m < ps->nmetrics; m++) {
			for (size_t i = 0; i < groups_count(p->groups); i++) {
				const struct group *g = groups_at(p->groups, i);
				const struct sample *s = &g->m[m];

				putkeys(w, ps, m, g->keys);
				recw_uint(w, 1 + ps->nkeys, s->n);
				putval(w, 2 + ps->nkeys, ps->metrics[m].kind, stats_mean(s->x, s->n));
				recw_end(w);
			}
		}
		recw_close(w);
		free(cols);
		return;
	}
	/* One table, a column per metric: hit ratios side by side. */
	t = newtable(ps, "rrrrrrrr");
	table_line(t, "%s (mean of n rows)", p->name);
	keyheader(t, ps);
	table_cell(t, "n");
	for (size_t m = 0; m < ps->nmetrics; m++)
		table_cell(t, "%s", ps->metrics[m].name);
	table_endrow(t);
	for (size_t i = 0; i < groups_count(p->groups); i++) {
		const struct group *g = groups_at(p->groups, i);

		keycells(t, ps, g->keys);
		table_cell(t, "%zu", g->m[0].n);
		for (size_t m = 0; m < ps->nmetrics; m++)
			table_cell(t, "%s", fmtval(ps->metrics[m].kind,
			    stats_mean(g->m[m].x, g->m[m].n), buf, sizeof buf));
		table_endrow(t);
	}
	table_print(t, f);
}

void
report_summary(struct profset *ps, const struct reportopts *o, FILE *f)
{
	sortgroups(ps);
	if (ps->kind == PROF_CACHE)
		cache_summary(ps, o, f);
	else
		timing_summary(ps, o, f);
}

/* ---- two profiles ---- */

/* Group pairs in key order (groups_sort'd): a group of a with b's match
 * or NULL, or of b alone. */
static size_t
pairs(const struct profile *a, const struct profile *b, const struct group ***pa,
    const struct group ***pb)
{
	size_t na = groups_count(a->groups), nb = groups_count(b->groups), n = 0;
	size_t i = 0, j = 0;

	*pa = emalloc((na + nb) * sizeof **pa);
	*pb = emalloc((na + nb) * sizeof **pb);
	while (i < na || j < nb) {
		const struct group *ga = groups_at(a->groups, i), *gb = groups_at(b->groups, j);
		int c = !ga ? 1 : !gb ? -1 : groups_cmp(a->groups, ga, gb);

		(*pa)[n] = c <= 0 ? ga : NULL;
		(*pb)[n++] = c >= 0 ? gb : NULL;
		i += c <= 0;
		j += c >= 0;
	}
	return n;
}

static void
compare(const struct group *ga, const struct group *gb, size_t m, int kind,
    double alpha, struct cmp *c)
{
	double diff;

	summarize(ga, m, alpha, &c->a);
	summarize(gb, m, alpha, &c->b);
	c->notes = side_notes(&c->a) | side_notes(&c->b);
	c->delta = NAN;
	c->tested = 0;
	c->verdict = "";
	if (c->a.s.n == 0 || c->b.s.n == 0)
		return;
	diff = c->b.s.median - c->a.s.median;
	if (c->a.s.median != 0)
		c->delta = 100 * diff / fabs(c->a.s.median);
	if (stats_utest_min_p(c->a.s.n, c->b.s.n) > alpha)
		c->notes |= 1u << N_UTEST;
	c->tested = stats_utest(c->a.g->m[m].x, c->a.s.n, c->b.g->m[m].x, c->b.s.n, &c->u) == 0;
	if (!c->tested || c->u.p >= alpha || diff == 0)
		c->verdict = "~";
	else if (kind == MK_TIME)
		c->verdict = diff < 0 ? "faster" : "slower";
	else if (kind == MK_RATE)
		c->verdict = diff > 0 ? "faster" : "slower";
	else
		c->verdict = diff > 0 ? "higher" : "lower";
}

/* "op=cat via=rpc" for messages. */
static const char *
describe(const struct profset *ps, char *const *keys, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ps->nkeys; i++)
		if (keys[i] && used < len)
			used += snprintf(buf + used, len - used, "%s%s=%s", used ? " " : "",
			    ps->keys[i], keys[i]);
	return buf[0] ? buf : "all";
}

static void
centercell(struct table *t, int kind, const struct side *sd)
{
	char a[32];
	double half;

	if (sd->s.n == 0) {
		table_cell(t, "-");
		return;
	}
	fmtval(kind, sd->s.median, a, sizeof a);
	if (sd->s.conf == 0) {
		table_cell(t, "%s ± ∞", a);
		return;
	}
	half = fmax(sd->s.hi - sd->s.median, sd->s.median - sd->s.lo);
	if (sd->s.median != 0)
		table_cell(t, "%s ± %.0f%%", a, 100 * half / fabs(sd->s.median));
	else
		table_cell(t, "%s ± %s", a, fmtval(kind, half, a, sizeof a));
}

static void
cmp_record(struct recw *w, const struct profset *ps, size_t m, const struct profile *pa,
    const struct profile *pb, const struct cmp *c, const struct reportopts *o)
{
	int c0 = 1 + ps->nkeys, kind = ps->metrics[m].kind;
	const struct side *sd[2] = { &c->a, &c->b };
	char txt[512] = "";

	putkeys(w, ps, m, c->a.g ? c->a.g->keys : c->b.g->keys);
	recw_str(w, c0, pa->name);
	recw_str(w, c0 + 1, pb->name);
	for (int i = 0; i < 2; i++) {
		int k = c0 + 2 + 5 * i;

		if (!sd[i]->g)
			continue;
		recw_uint(w, k, sd[i]->s.n);
		recw_uint(w, k + 1, sd[i]->fail);
		putval(w, k + 2, kind, sd[i]->s.median);
		putval(w, k + 3, kind, sd[i]->s.lo);
		putval(w, k + 4, kind, sd[i]->s.hi);
	}
	recw_num(w, c0 + 12, c->delta, 4);
	if (c->tested) {
		recw_num(w, c0 + 13, c->u.u, 1);
		recw_num(w, c0 + 14, c->u.p, 6);
		recw_str(w, c0 + 15, c->u.exact ? "exact" : "normal");
	}
	if (*c->verdict)
		recw_str(w, c0 + 16, c->verdict);
	for (int i = 0; i < 2; i++) {
		const char *which = i ? "new" : "old";
		const struct side *s = sd[i];

		if (!s->g)
			note(txt, sizeof txt, "only in %s", (i ? pa : pb)->name);
		else if (s->s.n == 0)
			note(txt, sizeof txt, "%s: no successful samples", which);
		else if (s->s.conf == 0)
			note(txt, sizeof txt, "%s: n < %zu: no interval", which,
			    stats_median_ci_min_n(o->alpha));
		if (s->s.outliers)
			note(txt, sizeof txt, "%s: %zu outliers", which, s->s.outliers);
		if (s->missing)
			note(txt, sizeof txt, "%s: %zu without a value", which, s->missing);
	}
	if (c->notes & 1u << N_UTEST)
		note(txt, sizeof txt, "too few samples for alpha %g", o->alpha);
	if (txt[0])
		recw_str(w, c0 + 17, txt);
	recw_end(w);
}

static size_t
timing_compare(struct profset *ps, size_t ia, size_t ib, const struct reportopts *o,
    FILE *f, struct recw *w, int *printed)
{
	const struct profile *pa = &ps->prof[ia], *pb = &ps->prof[ib];
	const struct group **ga, **gb;
	size_t n = pairs(pa, pb, &ga, &gb), slower = 0;
	double *gm = emalloc(2 * n * sizeof *gm);
	char a[32], b[32], d[256];

	for (size_t m = 0; m < ps->nmetrics; m++) {
		const struct metric *mt = &ps->metrics[m];
		struct footnotes fn = { 0 };
		struct table *t = NULL;
		size_t ngm = 0;

		for (size_t i = 0; i < n; i++) {
			struct cmp c;

			compare(ga[i], gb[i], m, mt->kind, o->alpha, &c);
			if (mt->derived && c.a.s.n == 0 && c.b.s.n == 0)
				continue;	/* no known sizes */
			if (c.a.s.median > 0 && c.b.s.median > 0) {
				gm[ngm] = c.a.s.median;
				gm[n + ngm++] = c.b.s.median;
			}
			if (o->fail_slower >= 0 && m == 0 && c.a.s.n && c.b.s.n &&
			    stats_utest_min_p(c.a.s.n, c.b.s.n) >= o->alpha)
				weprintf("%s %s: %zu and %zu samples can never reach p < %g: "
				    "--fail-slower cannot fire for this group (take more samples)",
				    mt->name, describe(ps, ga[i]->keys, d, sizeof d),
				    c.a.s.n, c.b.s.n, o->alpha);
			if (!strcmp(c.verdict, "slower") && o->fail_slower >= 0 &&
			    fabs(c.delta) > o->fail_slower) {
				slower++;
				weprintf("%s %s: %s -> %s: %+.2f%%, slower (p=%.4f) by more than %g%%",
				    mt->name, describe(ps, (ga[i] ? ga[i] : gb[i])->keys, d, sizeof d),
				    pa->name, pb->name, c.delta, c.u.p, o->fail_slower);
			}
			if (w) {
				cmp_record(w, ps, m, pa, pb, &c, o);
				continue;
			}
			if (!t) {
				t = newtable(ps, "rrrrrrll");
				table_line(t, "%s%s: median ± %g%% CI, %s -> %s", mt->name,
				    unitname(mt), 100 * (1 - o->alpha), pa->name, pb->name);
				keyheader(t, ps);
				table_cell(t, "%s", pa->name);
				table_cell(t, "%s", pb->name);
				table_cell(t, "delta");
				table_cell(t, "p");
				table_cell(t, "n");
				table_cell(t, "fail");
				table_endrow(t);
			}
			keycells(t, ps, (ga[i] ? ga[i] : gb[i])->keys);
			centercell(t, mt->kind, &c.a);
			centercell(t, mt->kind, &c.b);
			table_cell(t, isfinite(c.delta) ? "%+.2f%%" : "-", c.delta);
			table_cell(t, c.tested ? "%.3f" : "-", c.u.p);
			table_cell(t, "%s/%s", c.a.g ? (snprintf(a, sizeof a, "%zu", c.a.s.n), a) : "-",
			    c.b.g ? (snprintf(b, sizeof b, "%zu", c.b.s.n), b) : "-");
			table_cell(t, "%zu/%zu", c.a.fail, c.b.fail);
			table_cell(t, "%s", c.verdict);
			marks(&fn, c.notes, d, sizeof d);
			table_cell(t, "%s", d);
			table_endrow(t);
		}
		if (!t)
			continue;
		if (ngm > 1) {
			double x = stats_geomean(gm, ngm), y = stats_geomean(gm + n, ngm);

			geomeancells(t, ps);
			table_cell(t, "%s", fmtval(mt->kind, x, a, sizeof a));
			table_cell(t, "%s", fmtval(mt->kind, y, b, sizeof b));
			table_cell(t, "%+.2f%%", 100 * (y - x) / x);
			table_endrow(t);
		}
		footnotes(t, &fn, o->alpha);
		if ((*printed)++)
			fputc('\n', f);
		table_print(t, f);
	}
	free(gm);
	free(ga);
	free(gb);
	return slower;
}

static void
cache_compare(struct profset *ps, size_t ia, size_t ib, FILE *f, struct recw *w,
    int *printed)
{
	const struct profile *pa = &ps->prof[ia], *pb = &ps->prof[ib];
	const struct group **ga, **gb;
	size_t n = pairs(pa, pb, &ga, &gb);
	char a[32], b[32];

	for (size_t m = 0; m < ps->nmetrics; m++) {
		const struct metric *mt = &ps->metrics[m];
		int pp = mt->kind == MK_RATIO;
		struct table *t = NULL;

		for (size_t i = 0; i < n; i++) {
			const struct sample *sa = ga[i] ? &ga[i]->m[m] : NULL;
			const struct sample *sb = gb[i] ? &gb[i]->m[m] : NULL;
			double x = sa ? stats_mean(sa->x, sa->n) : NAN;
			double y = sb ? stats_mean(sb->x, sb->n) : NAN;
			double delta = pp ? 100 * (y - x) : x != 0 ? 100 * (y - x) / fabs(x) : NAN;
			char *const *keys = (ga[i] ? ga[i] : gb[i])->keys;

			if (w) {
				int c0 = 1 + ps->nkeys;

				putkeys(w, ps, m, keys);
				recw_str(w, c0, pa->name);
				recw_str(w, c0 + 1, pb->name);
				if (sa)
					recw_uint(w, c0 + 2, sa->n);
				putval(w, c0 + 3, mt->kind, x);
				if (sb)
					recw_uint(w, c0 + 4, sb->n);
				putval(w, c0 + 5, mt->kind, y);
				recw_num(w, pp ? c0 + 6 : c0 + 7, delta, 4);
				if (!sa || !sb) {
					char only[512];

					snprintf(only, sizeof only, "only in %s", (sa ? pa : pb)->name);
					recw_str(w, c0 + 8, only);
				}
				recw_end(w);
				continue;
			}
			if (!t) {
				t = newtable(ps, "rrrrl");
				table_line(t, "%s: %s -> %s%s", mt->name, pa->name, pb->name,
				    pp ? " (delta in percentage points)" : "");
				keyheader(t, ps);
				table_cell(t, "%s", pa->name);
				table_cell(t, "%s", pb->name);
				table_cell(t, "delta");
				table_cell(t, "n");
				table_endrow(t);
			}
			keycells(t, ps, keys);
			table_cell(t, "%s", fmtval(mt->kind, x, a, sizeof a));
			table_cell(t, "%s", fmtval(mt->kind, y, b, sizeof b));
			if (!isfinite(delta))
				table_cell(t, "-");
			else
				table_cell(t, pp ? "%+.2fpp" : "%+.2f%%", delta);
			table_cell(t, "%s/%s", sa ? (snprintf(a, sizeof a, "%zu", sa->n), a) : "-",
			    sb ? (snprintf(b, sizeof b, "%zu", sb->n), b) : "-");
			if (!sa || !sb)
				table_cell(t, "only in %s", (sa ? pa : pb)->name);
			table_endrow(t);
		}
		if (t) {
			if ((*printed)++)
				fputc('\n', f);
			table_print(t, f);
		}
	}
	free(ga);
	free(gb);
}

size_t
report_compare(struct profset *ps, const struct reportopts *o, FILE *f)
{
	static const char *const timing_cols[] = { "old", "new", "n_old", "fail_old",
		"median_old", "ci_lo_old", "ci_hi_old", "n_new", "fail_new", "median_new",
		"ci_lo_new", "ci_hi_new", "delta_pct", "u", "p", "test", "verdict", "note", NULL };
	static const char *const cache_cols[] = { "old", "new", "n_old", "value_old",
		"n_new", "value_new", "delta_pp", "delta_pct", "note", NULL };
	const char **cols = NULL;
	struct recw *w = NULL;
	size_t slower = 0;
	int printed = 0;

	sortgroups(ps);
	if (o->format != OUT_TEXT) {
		cols = columns(ps, ps->kind == PROF_CACHE ? cache_cols : timing_cols);
		w = recw_open(f, cols, o->format == OUT_JSON);
	}
	for (size_t i = 1; i < ps->nprof; i++) {
		const struct group **ga, **gb;
		size_t n = pairs(&ps->prof[0], &ps->prof[i], &ga, &gb), both = 0;

		for (size_t k = 0; k < n; k++)
			both += ga[k] && gb[k];
		free(ga);
		free(gb);
		if (!both) {
			char keys[256] = "";

			for (size_t k = 0, used = 0; k < ps->nkeys && used < sizeof keys; k++)
				used += snprintf(keys + used, sizeof keys - used, "%s%s",
				    k ? "," : "", ps->keys[k]);
			weprintf("%s and %s have no group in common: nothing to compare "
			    "(grouped by %s; choose other keys with -g)", ps->prof[0].name,
			    ps->prof[i].name, keys[0] ? keys : "nothing");
			ps->nomatch++;
		}
		if (ps->kind == PROF_CACHE)
			cache_compare(ps, 0, i, f, w, &printed);
		else
			slower += timing_compare(ps, 0, i, o, f, w, &printed);
	}
	if (w)
		recw_close(w);
	free(cols);
	return slower;
}
