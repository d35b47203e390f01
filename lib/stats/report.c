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
	N_CI, N_UTEST, N_OUTLIERS, N_MISSING, N_NOSAMPLES, N_ONLY, N_DEDUP, NNOTES
};

/*
 * The columns of each report's records after metric and the group keys
 * (columns() puts them there, from c0 = 1 + nkeys on): each name beside
 * its index.
 */
enum {
	SUM_N, SUM_FAIL, SUM_MISSING, SUM_MEAN, SUM_SD, SUM_MEDIAN, SUM_CI_LO,
	SUM_CI_HI, SUM_CI_LEVEL, SUM_P90, SUM_P99, SUM_MIN, SUM_MAX,
	SUM_OUTLIERS, SUM_NOTE, SUM_NCOLS
};
static const char *const sum_cols[SUM_NCOLS + 1] = {
	[SUM_N] = "n", [SUM_FAIL] = "fail", [SUM_MISSING] = "missing",
	[SUM_MEAN] = "mean", [SUM_SD] = "sd", [SUM_MEDIAN] = "median",
	[SUM_CI_LO] = "ci_lo", [SUM_CI_HI] = "ci_hi", [SUM_CI_LEVEL] = "ci_level",
	[SUM_P90] = "p90", [SUM_P99] = "p99", [SUM_MIN] = "min", [SUM_MAX] = "max",
	[SUM_OUTLIERS] = "outliers", [SUM_NOTE] = "note",
};

enum { CSUM_N, CSUM_VALUE, CSUM_NCOLS };
static const char *const csum_cols[CSUM_NCOLS + 1] = {
	[CSUM_N] = "n", [CSUM_VALUE] = "value",
};

enum {
	CMP_OLD, CMP_NEW, CMP_N_OLD, CMP_FAIL_OLD, CMP_MEDIAN_OLD, CMP_CI_LO_OLD,
	CMP_CI_HI_OLD, CMP_N_NEW, CMP_FAIL_NEW, CMP_MEDIAN_NEW, CMP_CI_LO_NEW,
	CMP_CI_HI_NEW, CMP_DELTA_PCT, CMP_U, CMP_P, CMP_TEST, CMP_VERDICT,
	CMP_NOTE, CMP_NCOLS
};
static const char *const cmp_cols[CMP_NCOLS + 1] = {
	[CMP_OLD] = "old", [CMP_NEW] = "new",
	[CMP_N_OLD] = "n_old", [CMP_FAIL_OLD] = "fail_old",
	[CMP_MEDIAN_OLD] = "median_old", [CMP_CI_LO_OLD] = "ci_lo_old",
	[CMP_CI_HI_OLD] = "ci_hi_old",
	[CMP_N_NEW] = "n_new", [CMP_FAIL_NEW] = "fail_new",
	[CMP_MEDIAN_NEW] = "median_new", [CMP_CI_LO_NEW] = "ci_lo_new",
	[CMP_CI_HI_NEW] = "ci_hi_new",
	[CMP_DELTA_PCT] = "delta_pct", [CMP_U] = "u", [CMP_P] = "p",
	[CMP_TEST] = "test", [CMP_VERDICT] = "verdict", [CMP_NOTE] = "note",
};
/* The columns of each side of a comparison: old, new. */
static const struct sidecols {
	int n, fail, median, lo, hi;
} sidecols[2] = {
	{ CMP_N_OLD, CMP_FAIL_OLD, CMP_MEDIAN_OLD, CMP_CI_LO_OLD, CMP_CI_HI_OLD },
	{ CMP_N_NEW, CMP_FAIL_NEW, CMP_MEDIAN_NEW, CMP_CI_LO_NEW, CMP_CI_HI_NEW },
};

enum {
	CC_OLD, CC_NEW, CC_N_OLD, CC_VALUE_OLD, CC_N_NEW, CC_VALUE_NEW,
	CC_DELTA_PP, CC_DELTA_PCT, CC_NOTE, CC_NCOLS
};
static const char *const cc_cols[CC_NCOLS + 1] = {
	[CC_OLD] = "old", [CC_NEW] = "new", [CC_N_OLD] = "n_old",
	[CC_VALUE_OLD] = "value_old", [CC_N_NEW] = "n_new",
	[CC_VALUE_NEW] = "value_new", [CC_DELTA_PP] = "delta_pp",
	[CC_DELTA_PCT] = "delta_pct", [CC_NOTE] = "note",
};

/* A report's records, or none (w NULL) for text tables. */
struct recs {
	struct recw *w;
	const char **cols;
	int c0;			/* the first column after metric and the keys */
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

/*
 * A value for people, in its kind's unit: times in s, ms, us or ns with
 * three or four significant digits, ratios in percent, others with four
 * significant digits; from 1e9 up, and below 0.001 (in the unit chosen),
 * four significant digits with an exponent ("1e+40s", "2.5e-07ns").
 */
static const char *
fmtval(int kind, double v, char *buf, size_t len)
{
	static const char *const unit[] = { "s", "ms", "us", "ns" };
	long double x = v, a;
	const char *u = "";
	int i = 0;

	if (!isfinite(v))
		return "-";
	if (kind == MK_TIME) {
		while (i < 3 && fabsl(x) < 1 && x != 0) {
			x *= 1000;
			i++;
		}
		u = unit[i];
	} else if (kind == MK_RATIO) {
		x *= 100;	/* long double: 100 * DBL_MAX is finite */
		u = "%";
	}
	a = fabsl(x);
	if (a >= 1e9 || (a > 0 && a < 1e-3))
		snprintf(buf, len, "%.4Lg%s", x, u);
	else if (kind == MK_TIME)
		snprintf(buf, len, "%.*Lf%s", a >= 100 ? 1 : a >= 10 ? 2 : 3, x, u);
	else if (kind == MK_RATIO)
		snprintf(buf, len, "%.2Lf%s", x, u);
	else	/* four significant digits */
		snprintf(buf, len, "%.*Lf", a >= 1000 || a == 0 ? 0 : a >= 100 ? 1 :
		    a >= 10 ? 2 : a >= 1 ? 3 : 4, x);
	return buf;
}

/* A percentage change for people: "+12.34%", with an exponent from 1e9. */
static const char *
pcttext(double v, const char *unit, char buf[32])
{
	if (!isfinite(v))
		return "-";
	snprintf(buf, 32, fabs(v) >= 1e9 ? "%+.4g%s" : "%+.2f%s", v, unit);
	return buf;
}

/*
 * The value of key k among a group's keys, for people: sizes in
 * bytes as fmt_size() says ("256k" when exact, else every byte, so that
 * sizes that differ never print alike), and capacities too when the group's unit is
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
		return fmt_size(n, buf);
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
		case N_DEDUP:
			table_line(t, "[%d] the node already held this content: deduplicated adds, not fresh ones", k);
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
	if (sd->g->dedup)
		n |= 1u << N_DEDUP;
	return n;
}

/* The note of a group with records marked dedup=1 (rec/fields.h); which
 * names the side of a comparison, "" in a summary. */
static void
dedupnote(char *buf, size_t len, const char *which, const struct side *sd)
{
	if (sd->g && sd->g->dedup)
		note(buf, len, "%s%s%zu deduplicated add%s: the node already held this content (dedup=1)",
		    which, *which ? ": " : "", sd->g->dedup, sd->g->dedup == 1 ? "" : "s");
}

/* Every profile's groups in the order of their keys. */
static void
sortgroups(struct profset *ps)
{
	for (size_t i = 0; i < ps->nprof; i++)
		groups_sort(ps->prof[i].groups);
}

/* Open the records of a report (more: its columns after the keys), or
 * none for text. */
static void
recs_open(struct recs *rs, const struct profset *ps, const struct reportopts *o, FILE *f,
    const char *const *more)
{
	rs->w = NULL;
	rs->cols = NULL;
	rs->c0 = 1 + (int)ps->nkeys;
	if (o->format == OUT_TEXT)
		return;
	rs->cols = columns(ps, more);
	rs->w = recw_open(f, rs->cols, o->format == OUT_JSON);
}

static void
recs_close(struct recs *rs)
{
	if (rs->w)
		recw_close(rs->w);
	free(rs->cols);
}

/* Print a metric's table after the ones before, with its footnotes (when
 * fn is not NULL). */
static void
endtable(struct table *t, const struct footnotes *fn, double alpha, FILE *f, int *printed)
{
	if (fn)
		footnotes(t, fn, alpha);
	if ((*printed)++)
		fputc('\n', f);
	table_print(t, f);
}

/* End a record with its note, when it has one. */
static void
endrecord(struct recw *w, int col, const char *txt)
{
	if (txt[0])
		recw_str(w, col, txt);
	recw_end(w);
}

/* A sample count for a text cell: "-" when the group is not on that side. */
static const char *
ntext(int present, size_t n, char buf[32])
{
	if (!present)
		return "-";
	snprintf(buf, 32, "%zu", n);
	return buf;
}

/* ---- one profile ---- */

/* A summary row is a struct side: one group of the one profile, for one
 * metric (summarize), rendered as a record or as a text row. */
static void
sum_record(const struct recs *rs, const struct profset *ps, size_t m, const struct side *sd,
    const struct reportopts *o)
{
	struct recw *w = rs->w;
	int c0 = rs->c0, kind = ps->metrics[m].kind;
	unsigned notes = side_notes(sd);
	char txt[256] = "";

	putkeys(w, ps, m, sd->g->keys);
	recw_uint(w, c0 + SUM_N, sd->s.n);
	recw_uint(w, c0 + SUM_FAIL, sd->fail);
	recw_uint(w, c0 + SUM_MISSING, sd->missing);
	putval(w, c0 + SUM_MEAN, kind, sd->s.mean);
	putval(w, c0 + SUM_SD, kind, sd->s.sd);
	putval(w, c0 + SUM_MEDIAN, kind, sd->s.median);
	putval(w, c0 + SUM_CI_LO, kind, sd->s.lo);
	putval(w, c0 + SUM_CI_HI, kind, sd->s.hi);
	if (sd->s.conf > 0)
		recw_num(w, c0 + SUM_CI_LEVEL, sd->s.conf, 4);
	putval(w, c0 + SUM_P90, kind, sd->s.p90);
	putval(w, c0 + SUM_P99, kind, sd->s.p99);
	putval(w, c0 + SUM_MIN, kind, sd->s.min);
	putval(w, c0 + SUM_MAX, kind, sd->s.max);
	recw_uint(w, c0 + SUM_OUTLIERS, sd->s.outliers);
	if (notes & 1u << N_CI)
		note(txt, sizeof txt, "n < %zu: no interval", stats_median_ci_min_n(o->alpha));
	if (notes & 1u << N_NOSAMPLES)
		note(txt, sizeof txt, "no successful samples");
	dedupnote(txt, sizeof txt, "", sd);
	endrecord(w, c0 + SUM_NOTE, txt);
}

static struct table *
sum_table(const struct profset *ps, const struct metric *mt, const struct profile *p,
    const struct reportopts *o)
{
	struct table *t = newtable(ps, "rrrrrrrrrrrl");

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
	return t;
}

static void
sum_text(struct table *t, struct footnotes *fn, const struct profset *ps, int kind,
    const struct side *sd)
{
	char a[32], b[32], c[32];

	keycells(t, ps, sd->g->keys);
	table_cell(t, "%zu", sd->s.n);
	table_cell(t, "%zu", sd->fail);
	table_cell(t, "%s", fmtval(kind, sd->s.median, a, sizeof a));
	if (sd->s.conf > 0)
		table_cell(t, "[%s, %s]", fmtval(kind, sd->s.lo, a, sizeof a),
		    fmtval(kind, sd->s.hi, b, sizeof b));
	else
		table_cell(t, "-");
	if (sd->s.n > 1)
		table_cell(t, "%s ± %s", fmtval(kind, sd->s.mean, a, sizeof a),
		    fmtval(kind, sd->s.sd, b, sizeof b));
	else
		table_cell(t, "%s", fmtval(kind, sd->s.mean, a, sizeof a));
	table_cell(t, "%s", fmtval(kind, sd->s.p90, a, sizeof a));
	table_cell(t, "%s", fmtval(kind, sd->s.p99, a, sizeof a));
	table_cell(t, "%s", fmtval(kind, sd->s.min, a, sizeof a));
	table_cell(t, "%s", fmtval(kind, sd->s.max, a, sizeof a));
	table_cell(t, "%zu", sd->s.outliers);
	marks(fn, side_notes(sd), c, sizeof c);
	table_cell(t, "%s", c);
	table_endrow(t);
}

static void
timing_summary(struct profset *ps, const struct reportopts *o, FILE *f)
{
	const struct profile *p = &ps->prof[0];
	struct recs rs;
	int printed = 0;

	recs_open(&rs, ps, o, f, sum_cols);
	for (size_t m = 0; m < ps->nmetrics; m++) {
		const struct metric *mt = &ps->metrics[m];
		struct footnotes fn = { 0 };
		struct table *t = NULL;

		for (size_t i = 0; i < groups_count(p->groups); i++) {
			struct side sd;

			summarize(groups_at(p->groups, i), m, o->alpha, &sd);
			if (mt->derived && sd.s.n == 0)
				continue;	/* no known sizes */
			if (rs.w)
				sum_record(&rs, ps, m, &sd, o);
			else
				sum_text(t ? t : (t = sum_table(ps, mt, p, o)), &fn, ps, mt->kind, &sd);
		}
		if (t)
			endtable(t, &fn, o->alpha, f, &printed);
	}
	recs_close(&rs);
}

static void
csum_records(struct profset *ps, const struct reportopts *o, FILE *f)
{
	const struct profile *p = &ps->prof[0];
	struct recs rs;

	recs_open(&rs, ps, o, f, csum_cols);
	for (size_t m = 0; m < ps->nmetrics; m++) {
		for (size_t i = 0; i < groups_count(p->groups); i++) {
			const struct group *g = groups_at(p->groups, i);
			const struct sample *s = &g->m[m];

			putkeys(rs.w, ps, m, g->keys);
			recw_uint(rs.w, rs.c0 + CSUM_N, s->n);
			putval(rs.w, rs.c0 + CSUM_VALUE, ps->metrics[m].kind, stats_mean(s->x, s->n));
			recw_end(rs.w);
		}
	}
	recs_close(&rs);
}

static void
cache_summary(struct profset *ps, const struct reportopts *o, FILE *f)
{
	const struct profile *p = &ps->prof[0];
	struct table *t;
	char buf[32];

	if (o->format != OUT_TEXT) {
		csum_records(ps, o, f);
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

/* A comparison row is a struct cmp: one group of two profiles, for one
 * metric (compare), rendered as a record or as a text row. */
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

/* The key values of a compared group, from whichever side has it. */
static char *const *
cmpkeys(const struct cmp *c)
{
	return (c->a.g ? c->a.g : c->b.g)->keys;
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

/*
 * --fail-slower: 1 when the comparison is significantly slower by more than
 * the gate allows, said on stderr; a group that can never reach p < alpha
 * is said too (on the first metric), as the gate cannot fire for it.
 */
static int
gate(const struct profset *ps, size_t m, const struct profile *pa, const struct profile *pb,
    const struct cmp *c, const struct reportopts *o)
{
	const char *name = ps->metrics[m].name;
	char d[256];

	if (o->fail_slower < 0)
		return 0;
	if (m == 0 && c->a.s.n && c->b.s.n && stats_utest_min_p(c->a.s.n, c->b.s.n) >= o->alpha)
		weprintf("%s %s: %zu and %zu samples can never reach p < %g: "
		    "--fail-slower cannot fire for this group (take more samples)",
		    name, describe(ps, cmpkeys(c), d, sizeof d), c->a.s.n, c->b.s.n, o->alpha);
	if (strcmp(c->verdict, "slower") || !(fabs(c->delta) > o->fail_slower))
		return 0;
	weprintf("%s %s: %s -> %s: %+.2f%%, slower (p=%.4f) by more than %g%%",
	    name, describe(ps, cmpkeys(c), d, sizeof d), pa->name, pb->name, c->delta,
	    c->u.p, o->fail_slower);
	return 1;
}

/* The note of one side of a comparison, which being "old" or "new". */
static void
sidenote(char *txt, size_t len, const char *which, const struct side *s,
    const struct profile *other, double alpha)
{
	if (!s->g)
		note(txt, len, "only in %s", other->name);
	else if (s->s.n == 0)
		note(txt, len, "%s: no successful samples", which);
	else if (s->s.conf == 0)
		note(txt, len, "%s: n < %zu: no interval", which, stats_median_ci_min_n(alpha));
	if (s->s.outliers)
		note(txt, len, "%s: %zu outliers", which, s->s.outliers);
	if (s->missing)
		note(txt, len, "%s: %zu without a value", which, s->missing);
	dedupnote(txt, len, which, s);
}

static void
cmp_record(const struct recs *rs, const struct profset *ps, size_t m, const struct profile *pa,
    const struct profile *pb, const struct cmp *c, const struct reportopts *o)
{
	struct recw *w = rs->w;
	int c0 = rs->c0, kind = ps->metrics[m].kind;
	const struct side *sd[2] = { &c->a, &c->b };
	char txt[512] = "";

	putkeys(w, ps, m, cmpkeys(c));
	recw_str(w, c0 + CMP_OLD, pa->name);
	recw_str(w, c0 + CMP_NEW, pb->name);
	for (int i = 0; i < 2; i++) {
		const struct sidecols *k = &sidecols[i];

		if (!sd[i]->g)
			continue;
		recw_uint(w, c0 + k->n, sd[i]->s.n);
		recw_uint(w, c0 + k->fail, sd[i]->fail);
		putval(w, c0 + k->median, kind, sd[i]->s.median);
		putval(w, c0 + k->lo, kind, sd[i]->s.lo);
		putval(w, c0 + k->hi, kind, sd[i]->s.hi);
	}
	recw_num(w, c0 + CMP_DELTA_PCT, c->delta, 4);
	if (c->tested) {
		recw_num(w, c0 + CMP_U, c->u.u, 1);
		recw_real(w, c0 + CMP_P, c->u.p);	/* 7.2e-09, not 0 */
		recw_str(w, c0 + CMP_TEST, c->u.exact ? "exact" : "normal");
	}
	if (*c->verdict)
		recw_str(w, c0 + CMP_VERDICT, c->verdict);
	sidenote(txt, sizeof txt, "old", &c->a, pb, o->alpha);
	sidenote(txt, sizeof txt, "new", &c->b, pa, o->alpha);
	if (c->notes & 1u << N_UTEST)
		note(txt, sizeof txt, "too few samples for alpha %g", o->alpha);
	endrecord(w, c0 + CMP_NOTE, txt);
}

static struct table *
cmp_table(const struct profset *ps, const struct metric *mt, const struct profile *pa,
    const struct profile *pb, double alpha)
{
	struct table *t = newtable(ps, "rrrrrrll");

	table_line(t, "%s%s: median ± %g%% CI, %s -> %s", mt->name, unitname(mt),
	    100 * (1 - alpha), pa->name, pb->name);
	keyheader(t, ps);
	table_cell(t, "%s", pa->name);
	table_cell(t, "%s", pb->name);
	table_cell(t, "delta");
	table_cell(t, "p");
	table_cell(t, "n");
	table_cell(t, "fail");
	table_endrow(t);
	return t;
}

/*
 * A side's median with its interval: "24.29ms ± 9%" when the interval is
 * symmetric to the percent shown, else both ends, "24.29ms [21.98ms,
 * 50.71ms]" (the larger half-width with a ± would hide the shape).
 */
static void
centercell(struct table *t, int kind, const struct side *sd)
{
	char a[32], b[32], c[32];
	double lo, hi;

	if (sd->s.n == 0) {
		table_cell(t, "-");
		return;
	}
	fmtval(kind, sd->s.median, a, sizeof a);
	if (sd->s.conf == 0) {
		table_cell(t, "%s ± ∞", a);
		return;
	}
	lo = sd->s.median - sd->s.lo;
	hi = sd->s.hi - sd->s.median;
	if (sd->s.median != 0 && round(100 * lo / fabs(sd->s.median)) ==
	    round(100 * hi / fabs(sd->s.median)))
		table_cell(t, "%s ± %.0f%%", a, 100 * hi / fabs(sd->s.median));
	else if (sd->s.median == 0 && lo == hi)
		table_cell(t, "%s ± %s", a, fmtval(kind, hi, b, sizeof b));
	else
		table_cell(t, "%s [%s, %s]", a, fmtval(kind, sd->s.lo, b, sizeof b),
		    fmtval(kind, sd->s.hi, c, sizeof c));
}

static void
cmp_text(struct table *t, struct footnotes *fn, const struct profset *ps, int kind,
    const struct cmp *c)
{
	char a[32], b[32], d[256];

	keycells(t, ps, cmpkeys(c));
	centercell(t, kind, &c->a);
	centercell(t, kind, &c->b);
	table_cell(t, "%s", pcttext(c->delta, "%", d));
	table_cell(t, c->tested ? "%.3f" : "-", c->u.p);
	table_cell(t, "%s/%s", ntext(c->a.g != NULL, c->a.s.n, a), ntext(c->b.g != NULL, c->b.s.n, b));
	table_cell(t, "%zu/%zu", c->a.fail, c->b.fail);
	table_cell(t, "%s", c->verdict);
	marks(fn, c->notes, d, sizeof d);
	table_cell(t, "%s", d);
	table_endrow(t);
}

/* The medians of the groups with positive medians on both sides, old at
 * x[i], new at x[cap + i], for the geomean row of a text table. */
struct geomean {
	double *x;
	size_t n, cap;
};

static void
geomean_add(struct geomean *gm, const struct cmp *c)
{
	if (c->a.s.median > 0 && c->b.s.median > 0) {
		gm->x[gm->n] = c->a.s.median;
		gm->x[gm->cap + gm->n++] = c->b.s.median;
	}
}

static void
geomean_row(struct table *t, const struct profset *ps, int kind, const struct geomean *gm)
{
	char a[32], b[32];
	double x, y;

	if (gm->n < 2)
		return;
	x = stats_geomean(gm->x, gm->n);
	y = stats_geomean(gm->x + gm->cap, gm->n);
	geomeancells(t, ps);
	table_cell(t, "%s", fmtval(kind, x, a, sizeof a));
	table_cell(t, "%s", fmtval(kind, y, b, sizeof b));
	table_cell(t, "%s", pcttext(100 * (y - x) / x, "%", a));
	table_endrow(t);
}

static size_t
timing_compare(struct profset *ps, size_t ia, size_t ib, const struct reportopts *o,
    FILE *f, const struct recs *rs, int *printed)
{
	const struct profile *pa = &ps->prof[ia], *pb = &ps->prof[ib];
	const struct group **ga, **gb;
	size_t n = pairs(pa, pb, &ga, &gb), slower = 0, both = 0, judged = 0;
	struct geomean gm = { .x = emalloc(2 * n * sizeof *gm.x), .cap = n };

	for (size_t m = 0; m < ps->nmetrics; m++) {
		const struct metric *mt = &ps->metrics[m];
		struct footnotes fn = { 0 };
		struct table *t = NULL;

		gm.n = 0;
		for (size_t i = 0; i < n; i++) {
			struct cmp c;

			compare(ga[i], gb[i], m, mt->kind, o->alpha, &c);
			if (mt->derived && c.a.s.n == 0 && c.b.s.n == 0)
				continue;	/* no known sizes */
			geomean_add(&gm, &c);
			slower += gate(ps, m, pa, pb, &c, o);
			if (m == 0 && c.a.s.n && c.b.s.n) {
				both++;
				judged += stats_utest_min_p(c.a.s.n, c.b.s.n) < o->alpha;
			}
			if (rs->w)
				cmp_record(rs, ps, m, pa, pb, &c, o);
			else
				cmp_text(t ? t : (t = cmp_table(ps, mt, pa, pb, o->alpha)), &fn, ps,
				    mt->kind, &c);
		}
		if (!t)
			continue;
		geomean_row(t, ps, mt->kind, &gm);
		endtable(t, &fn, o->alpha, f, printed);
	}
	/* a gate that can judge no group must not pass: it is one failure */
	if (o->fail_slower >= 0 && both && !judged) {
		weprintf("%s -> %s: no group has enough samples to reach p < %g: "
		    "--fail-slower cannot judge this comparison (take more samples)",
		    pa->name, pb->name, o->alpha);
		slower++;
	}
	free(gm.x);
	free(ga);
	free(gb);
	return slower;
}

/* A row of a cache-sim comparison: one group's mean values on each side. */
struct cachecmp {
	const struct sample *a, *b;	/* NULL: the group is not on that side */
	double x, y;		/* the means */
	double delta;		/* percentage points for ratios (pp), else percent */
	int pp;
	char *const *keys;
};

static void
cache_cmp(const struct group *ga, const struct group *gb, size_t m, int kind,
    struct cachecmp *c)
{
	c->a = ga ? &ga->m[m] : NULL;
	c->b = gb ? &gb->m[m] : NULL;
	c->x = c->a ? stats_mean(c->a->x, c->a->n) : NAN;
	c->y = c->b ? stats_mean(c->b->x, c->b->n) : NAN;
	c->pp = kind == MK_RATIO;
	c->delta = c->pp ? 100 * (c->y - c->x) : c->x != 0 ? 100 * (c->y - c->x) / fabs(c->x) : NAN;
	c->keys = (ga ? ga : gb)->keys;
}

static void
cc_record(const struct recs *rs, const struct profset *ps, size_t m, const struct profile *pa,
    const struct profile *pb, const struct cachecmp *c)
{
	struct recw *w = rs->w;
	int c0 = rs->c0, kind = ps->metrics[m].kind;
	char only[512] = "";

	putkeys(w, ps, m, c->keys);
	recw_str(w, c0 + CC_OLD, pa->name);
	recw_str(w, c0 + CC_NEW, pb->name);
	if (c->a)
		recw_uint(w, c0 + CC_N_OLD, c->a->n);
	putval(w, c0 + CC_VALUE_OLD, kind, c->x);
	if (c->b)
		recw_uint(w, c0 + CC_N_NEW, c->b->n);
	putval(w, c0 + CC_VALUE_NEW, kind, c->y);
	recw_num(w, c0 + (c->pp ? CC_DELTA_PP : CC_DELTA_PCT), c->delta, 4);
	if (!c->a || !c->b)
		snprintf(only, sizeof only, "only in %s", (c->a ? pa : pb)->name);
	endrecord(w, c0 + CC_NOTE, only);
}

static struct table *
cc_table(const struct profset *ps, const struct metric *mt, const struct profile *pa,
    const struct profile *pb)
{
	struct table *t = newtable(ps, "rrrrl");

	table_line(t, "%s: %s -> %s%s", mt->name, pa->name, pb->name,
	    mt->kind == MK_RATIO ? " (delta in percentage points)" : "");
	keyheader(t, ps);
	table_cell(t, "%s", pa->name);
	table_cell(t, "%s", pb->name);
	table_cell(t, "delta");
	table_cell(t, "n");
	table_endrow(t);
	return t;
}

static void
cc_text(struct table *t, const struct profset *ps, int kind, const struct profile *pa,
    const struct profile *pb, const struct cachecmp *c)
{
	char a[32], b[32];

	keycells(t, ps, c->keys);
	table_cell(t, "%s", fmtval(kind, c->x, a, sizeof a));
	table_cell(t, "%s", fmtval(kind, c->y, b, sizeof b));
	table_cell(t, "%s", pcttext(c->delta, c->pp ? "pp" : "%", a));
	table_cell(t, "%s/%s", ntext(c->a != NULL, c->a ? c->a->n : 0, a),
	    ntext(c->b != NULL, c->b ? c->b->n : 0, b));
	if (!c->a || !c->b)
		table_cell(t, "only in %s", (c->a ? pa : pb)->name);
	table_endrow(t);
}

static void
cache_compare(struct profset *ps, size_t ia, size_t ib, FILE *f, const struct recs *rs,
    int *printed)
{
	const struct profile *pa = &ps->prof[ia], *pb = &ps->prof[ib];
	const struct group **ga, **gb;
	size_t n = pairs(pa, pb, &ga, &gb);

	for (size_t m = 0; m < ps->nmetrics; m++) {
		const struct metric *mt = &ps->metrics[m];
		struct table *t = NULL;

		for (size_t i = 0; i < n; i++) {
			struct cachecmp c;

			cache_cmp(ga[i], gb[i], m, mt->kind, &c);
			if (rs->w)
				cc_record(rs, ps, m, pa, pb, &c);
			else
				cc_text(t ? t : (t = cc_table(ps, mt, pa, pb)), ps, mt->kind, pa, pb, &c);
		}
		if (t)
			endtable(t, NULL, 0, f, printed);
	}
	free(ga);
	free(gb);
}

/* A comparison of the first profile with profile i in which no group is on
 * both sides compares nothing: said on stderr, counted in ps->nomatch. */
static void
nocommon(struct profset *ps, size_t i)
{
	const struct group **ga, **gb;
	size_t n = pairs(&ps->prof[0], &ps->prof[i], &ga, &gb), both = 0;
	char keys[256] = "";

	for (size_t k = 0; k < n; k++)
		both += ga[k] && gb[k];
	free(ga);
	free(gb);
	if (both)
		return;
	for (size_t k = 0, used = 0; k < ps->nkeys && used < sizeof keys; k++)
		used += snprintf(keys + used, sizeof keys - used, "%s%s", k ? "," : "", ps->keys[k]);
	weprintf("%s and %s have no group in common: nothing to compare "
	    "(grouped by %s; choose other keys with -g)", ps->prof[0].name,
	    ps->prof[i].name, keys[0] ? keys : "nothing");
	ps->nomatch++;
}

size_t
report_compare(struct profset *ps, const struct reportopts *o, FILE *f)
{
	struct recs rs;
	size_t slower = 0;
	int printed = 0;

	sortgroups(ps);
	recs_open(&rs, ps, o, f, ps->kind == PROF_CACHE ? cc_cols : cmp_cols);
	for (size_t i = 1; i < ps->nprof; i++) {
		nocommon(ps, i);
		if (ps->kind == PROF_CACHE)
			cache_compare(ps, 0, i, f, &rs, &printed);
		else
			slower += timing_compare(ps, 0, i, o, f, &rs, &printed);
	}
	recs_close(&rs);
	return slower;
}
