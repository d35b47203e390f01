/* stats/profile.c: read timing or cache-sim records into grouped samples. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rec/fields.h"
#include "stats/profile.h"
#include "base/util.h"

/* Malformed records reported one by one before they are only counted. */
enum { MAXREPORT = 20 };

static const char *const timing_keys[] = { "op", "via", "mode", "chunker", "size", "access", "label", NULL };
static const char *const cache_keys[] = { "policy", "unit", "capacity", NULL };

/* A comma-separated list as a new array of new strings; "" is empty. */
static char **
splitlist(const char *s, size_t *n)
{
	char **v = NULL, *copy = estrdup(s), *p, *save = NULL;
	size_t cap = 0;

	*n = 0;
	for (p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		egrow((void **)&v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = estrdup(p);
	}
	free(copy);
	return v;
}

static int
inany(struct recr **in, size_t nin, const char *col)
{
	for (size_t i = 0; i < nin; i++)
		if (recr_col(in[i], col) >= 0)
			return 1;
	return 0;
}

static int
metric_kind(const char *name)
{
	size_t n = strlen(name);

	if (n > 6 && !strcmp(name + n - 6, "_per_s"))
		return MK_RATE;
	if (!strncmp(name, "t_", 2) || (n > 2 && !strcmp(name + n - 2, "_s")))
		return MK_TIME;
	if (n > 6 && !strcmp(name + n - 6, "_ratio"))
		return MK_RATIO;
	return MK_PLAIN;
}

static void
addmetric(struct profset *ps, const char *name)
{
	struct metric *m;

	for (size_t i = 0; i < ps->nmetrics; i++)
		if (!strcmp(ps->metrics[i].name, name))
			return;
	ps->metrics = erealloc(ps->metrics, (ps->nmetrics + 1) * sizeof *ps->metrics);
	m = &ps->metrics[ps->nmetrics++];
	m->name = estrdup(name);
	m->derived = ps->kind == PROF_TIMING && !strcmp(name, "mb_per_s");
	m->kind = m->derived ? MK_RATE : metric_kind(name);
}

static void
addkey(struct profset *ps, const char *name)
{
	if (ps->split && !strcmp(name, ps->split))
		return;
	for (size_t i = 0; i < ps->nkeys; i++)
		if (!strcmp(ps->keys[i], name))
			return;
	ps->keys = erealloc(ps->keys, (ps->nkeys + 1) * sizeof *ps->keys);
	ps->keyseen = erealloc(ps->keyseen, ps->nkeys + 1);
	ps->keyseen[ps->nkeys] = 0;
	ps->keys[ps->nkeys++] = estrdup(name);
}

static struct profile *
addprofile(struct profset *ps, const char *name)
{
	struct profile *p;

	ps->prof = erealloc(ps->prof, (ps->nprof + 1) * sizeof *ps->prof);
	p = &ps->prof[ps->nprof++];
	p->name = estrdup(name);
	p->groups = groups_new(ps->nkeys, ps->nmetrics);
	return p;
}

static int
kindof(struct recr *r, const char *name)
{
	if (recr_ncols(r) == 0)
		eprintf("%s: no records", name);
	if (recr_col(r, "t_total") >= 0)
		return PROF_TIMING;
	if (recr_col(r, "policy") >= 0 && recr_col(r, "capacity") >= 0 &&
	    recr_col(r, "hit_ratio") >= 0)
		return PROF_CACHE;
	eprintf("%s: neither timing records (no column t_total) nor cache-sim "
	    "results (columns policy, capacity, hit_ratio)", name);
}

/* The group keys: -g's list, or the defaults that some input has. */
static void
choosekeys(struct profset *ps, struct recr **in, char **names, size_t nin, const char *groupby)
{
	const char *const *defkeys = ps->kind == PROF_TIMING ? timing_keys : cache_keys;
	char **list;
	size_t n;

	if (!groupby) {
		/* Two files: their labels ("before", "after") are what is
		 * compared, not a key, or no group would match. With -c, the
		 * layout keys (mode, chunker) are not keys either: they often
		 * vary with the compared value (-c label over a sweep). */
		for (size_t i = 0; defkeys[i]; i++)
			if (inany(in, nin, defkeys[i]) && !(nin > 1 && !strcmp(defkeys[i], "label")) &&
			    !(ps->split && (!strcmp(defkeys[i], "mode") || !strcmp(defkeys[i], "chunker"))))
				addkey(ps, defkeys[i]);
		return;
	}
	list = splitlist(groupby, &n);
	for (size_t i = 0; i < n; i++) {
		if (!inany(in, nin, list[i]))
			eprintf("%s: no column '%s' (-g)", names[0], list[i]);
		addkey(ps, list[i]);
		free(list[i]);
	}
	free(list);
}

/* The metrics: -m's list, or the defaults; every input must have each. */
static void
choosemetrics(struct profset *ps, struct recr **in, char **names, size_t nin, const char *metrics)
{
	char **list;
	size_t n;

	if (metrics) {
		list = splitlist(metrics, &n);
		if (n == 0)
			eprintf("-m: no metric named");
		for (size_t i = 0; i < n; i++)
			addmetric(ps, list[i]);
		for (size_t i = 0; i < n; i++)
			free(list[i]);
		free(list);
	} else if (ps->kind == PROF_TIMING) {
		addmetric(ps, "t_total");
		if (inany(in, nin, "size"))
			addmetric(ps, "mb_per_s");
	} else {
		addmetric(ps, "hit_ratio");
		if (inany(in, nin, "byte_hit_ratio"))
			addmetric(ps, "byte_hit_ratio");
	}
	for (size_t k = 0; k < ps->nmetrics; k++) {
		const struct metric *m = &ps->metrics[k];

		for (size_t i = 0; i < nin; i++) {
			if (m->derived && recr_col(in[i], "size") < 0)
				eprintf("%s: no column 'size' for mb_per_s", names[i]);
			if (!m->derived && recr_col(in[i], m->name) < 0)
				eprintf("%s: no column '%s' (-m)", names[i], m->name);
		}
	}
}

void
profset_init(struct profset *ps, struct recr **in, char **names, size_t nin,
    const char *groupby, const char *metrics, const char *split)
{
	char **list;
	size_t n, i;

	memset(ps, 0, sizeof *ps);
	ps->kind = kindof(in[0], names[0]);
	for (i = 1; i < nin; i++)
		if (kindof(in[i], names[i]) != ps->kind)
			eprintf("%s and %s hold different kinds of records", names[0], names[i]);

	if (split) {
		const char *eq = strchr(split, '=');

		ps->split = eq ? strndup(split, eq - split) : estrdup(split);
		if (!ps->split)
			eprintf("out of memory");
		if (!inany(in, nin, ps->split))
			eprintf("%s: no column '%s' (-c)", names[0], ps->split);
		ps->split_fixed = eq != NULL;
	}
	choosekeys(ps, in, names, nin, groupby);
	choosemetrics(ps, in, names, nin, metrics);

	if (ps->split_fixed) {
		list = splitlist(strchr(split, '=') + 1, &n);
		if (n < 2)
			eprintf("-c %s: name two or more values to compare", split);
		for (i = 0; i < n; i++) {
			addprofile(ps, list[i]);
			free(list[i]);
		}
		free(list);
	} else if (!ps->split) {
		for (i = 0; i < nin; i++)
			addprofile(ps, strcmp(names[i], "-") ? names[i] : "stdin");
	}
}

static void
bad(struct profset *ps, const char *where, const char *fmt, const char *col, const char *val)
{
	char msg[256];

	if (++ps->bad > MAXREPORT)
		return;
	snprintf(msg, sizeof msg, fmt, col, val);
	weprintf("%s: %s%s", where, msg,
	    ps->bad == MAXREPORT ? " (further errors are only counted)" : "");
}

/* A metric's value (rec/fields.h): a time for time metrics, else a
 * decimal number; 1 ok, 0 absent, -1 malformed. */
static int
number(const char *s, int kind, double *v)
{
	return kind == MK_TIME ? rec_time(s, v) : rec_decimal(s, v);
}

/* The message of a malformed value of a metric kind (for bad()). */
static const char *
notwhat(int kind)
{
	return kind == MK_TIME ? "%s: not a time (a non-negative decimal number of seconds): '%s'" :
	    "%s: not a number: '%s'";
}

static struct profile *
splitprofile(struct profset *ps, const char *val)
{
	if (!val)
		val = "-";
	for (size_t i = 0; i < ps->nprof; i++)
		if (!strcmp(ps->prof[i].name, val))
			return &ps->prof[i];
	return ps->split_fixed ? NULL : addprofile(ps, val);
}

/* Reading one input: the columns used, found once, and the current
 * record's key and metric values. */
struct inrec {
	int *key;		/* per group key */
	int *metric;		/* per metric; -1 for the derived mb_per_s */
	int size, total, split;
	const char **kv;	/* key values, NULL when absent */
	int *state;		/* per metric: 1 a value, 0 missing, -1 none */
	double *val;
};

static void
inrec_init(struct inrec *in, const struct profset *ps, struct recr *r)
{
	size_t nm = ps->nmetrics;

	in->key = emalloc(ps->nkeys * sizeof *in->key);
	in->kv = emalloc(ps->nkeys * sizeof *in->kv);
	in->metric = emalloc(nm * sizeof *in->metric);
	in->state = emalloc(nm * sizeof *in->state);
	in->val = emalloc(nm * sizeof *in->val);
	in->size = recr_col(r, "size");
	in->total = recr_col(r, "t_total");
	in->split = ps->split ? recr_col(r, ps->split) : -1;
	for (size_t i = 0; i < ps->nkeys; i++)
		in->key[i] = recr_col(r, ps->keys[i]);
	for (size_t i = 0; i < nm; i++)
		in->metric[i] = ps->metrics[i].derived ? -1 : recr_col(r, ps->metrics[i].name);
}

static void
inrec_free(struct inrec *in)
{
	free(in->key);
	free(in->kv);
	free(in->metric);
	free(in->state);
	free(in->val);
}

/* The metric values of a successful record, mb_per_s from size and
 * t_total; -1 when one is not a number (reported). */
static int
values(struct profset *ps, struct recr *r, struct inrec *in, const char *where)
{
	double size, tot = NAN;

	if (in->total >= 0 && number(recr_get(r, in->total), MK_TIME, &tot) < 0) {
		bad(ps, where, notwhat(MK_TIME), "t_total", recr_get(r, in->total));
		return -1;
	}
	for (size_t i = 0; i < ps->nmetrics; i++) {
		const char *v = recr_get(r, ps->metrics[i].derived ? in->size : in->metric[i]);
		int known;

		if (!ps->metrics[i].derived) {
			if ((in->state[i] = number(v, ps->metrics[i].kind, &in->val[i])) < 0) {
				bad(ps, where, notwhat(ps->metrics[i].kind), ps->metrics[i].name, v);
				return -1;
			}
			continue;
		}
		in->state[i] = -1;
		if ((known = number(v, MK_PLAIN, &size)) < 0) {
			bad(ps, where, notwhat(MK_PLAIN), "size", v);
			return -1;
		}
		if (known > 0 && size > 0 && tot > 0) {
			in->val[i] = size / tot / 1e6;
			in->state[i] = 1;
		}
	}
	return 0;
}

/* The group of the current record, in input idx's profile or in the one
 * of its -c value; NULL when -c lists other values only. */
static struct group *
recgroup(struct profset *ps, struct recr *r, struct inrec *in, size_t idx)
{
	struct profile *p = &ps->prof[idx];

	if (ps->split && !(p = splitprofile(ps, recr_get(r, in->split))))
		return NULL;
	for (size_t i = 0; i < ps->nkeys; i++)
		if ((in->kv[i] = recr_get(r, in->key[i])))
			ps->keyseen[i] = 1;
	return groups_get(p->groups, in->kv);
}

/*
 * Add the current record to its group, as rec/fields.h says which records
 * count: a measurement adds a sample per metric, a failure is counted, a
 * warm-up is left out; a malformed record is reported.
 */
static void
addrecord(struct profset *ps, struct recr *r, struct inrec *in, size_t idx)
{
	const char *where = recr_where(r);
	enum rec_kind kind = REC_BAD;
	struct group *g;
	char why[160];
	int dedup = 0;

	if ((kind = rec_kind(r, NULL, why, sizeof why)) != REC_BAD &&
	    (dedup = rec_flag(r, "dedup", 0)) < 0)
		snprintf(why, sizeof why, "dedup: expected 1 or 0, found '%s'",
		    recr_get(r, recr_col(r, "dedup")));
	if (kind == REC_BAD || dedup < 0) {
		bad(ps, where, "%s%s", why, "");
		return;
	}
	if (kind == REC_WARMUP)
		return;		/* not a measurement */
	if (kind == REC_MEASURED && values(ps, r, in, where) < 0)
		return;
	if (!(g = recgroup(ps, r, in, idx)))
		return;
	g->dedup += dedup;
	if (kind == REC_FAILED) {
		g->fail++;
		return;
	}
	for (size_t i = 0; i < ps->nmetrics; i++) {
		if (in->state[i] > 0)
			sample_add(&g->m[i], in->val[i]);
		else if (in->state[i] == 0)
			g->m[i].missing++;
	}
}

void
profset_read(struct profset *ps, struct recr *r, size_t idx, const char *name)
{
	unsigned long nrec = 0;
	struct inrec in;
	int rc;

	inrec_init(&in, ps, r);
	while ((rc = recr_next(r)) != 0) {
		if (rc < 0) {
			bad(ps, recr_where(r), "%s%s", recr_error(r), "");
			continue;
		}
		nrec++;
		addrecord(ps, r, &in, idx);
	}
	inrec_free(&in);
	ps->records += nrec;
	if (nrec == 0)
		eprintf("%s: no records", name);
	if (ps->split && !ps->split_fixed && ps->nprof < 2)
		eprintf("%s: -c %s: only one value (%s), nothing to compare", name,
		    ps->split, ps->nprof ? ps->prof[0].name : "none");
	for (size_t i = 0; ps->split_fixed && i < ps->nprof; i++)
		if (groups_count(ps->prof[i].groups) == 0)
			eprintf("%s: no records with %s=%s", name, ps->split, ps->prof[i].name);
}

void
profset_free(struct profset *ps)
{
	for (size_t i = 0; i < ps->nkeys; i++)
		free(ps->keys[i]);
	for (size_t i = 0; i < ps->nmetrics; i++)
		free(ps->metrics[i].name);
	for (size_t i = 0; i < ps->nprof; i++) {
		free(ps->prof[i].name);
		groups_free(ps->prof[i].groups);
	}
	free(ps->keys);
	free(ps->keyseen);
	free(ps->metrics);
	free(ps->prof);
	free(ps->split);
	memset(ps, 0, sizeof *ps);
}
