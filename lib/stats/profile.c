/* stats/profile.c: read timing or cache-sim records into grouped samples. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rec/fields.h"
#include "stats/profile.h"
#include "base/util.h"

/* Malformed records reported one by one before they are only counted. */
enum { MAXREPORT = 20 };

static const char *const timing_keys[] = { "op", "via", "size", "access", "label", NULL };
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

void
profset_init(struct profset *ps, struct recr **in, char **names, size_t nin,
    const char *groupby, const char *metrics, const char *split)
{
	const char *const *defkeys;
	char **list;
	size_t n, i, k;

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

	if (groupby) {
		list = splitlist(groupby, &n);
		for (i = 0; i < n; i++) {
			if (!inany(in, nin, list[i]))
				eprintf("%s: no column '%s' (-g)", names[0], list[i]);
			addkey(ps, list[i]);
			free(list[i]);
		}
		free(list);
	} else {
		/* Two files: their labels ("before", "after") are what is
		 * compared, not a key, or no group would match. */
		defkeys = ps->kind == PROF_TIMING ? timing_keys : cache_keys;
		for (i = 0; defkeys[i]; i++)
			if (inany(in, nin, defkeys[i]) && !(nin > 1 && !strcmp(defkeys[i], "label")))
				addkey(ps, defkeys[i]);
	}

	if (metrics) {
		list = splitlist(metrics, &n);
		if (n == 0)
			eprintf("-m: no metric named");
		for (i = 0; i < n; i++)
			addmetric(ps, list[i]);
		for (i = 0; i < n; i++)
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
	for (k = 0; k < ps->nmetrics; k++) {
		const struct metric *m = &ps->metrics[k];

		for (i = 0; i < nin; i++) {
			if (m->derived && recr_col(in[i], "size") < 0)
				eprintf("%s: no column 'size' for mb_per_s", names[i]);
			if (!m->derived && recr_col(in[i], m->name) < 0)
				eprintf("%s: no column '%s' (-m)", names[i], m->name);
		}
	}

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

/* Parse a finite number; 1 ok, 0 absent, -1 malformed. */
static int
number(const char *s, double *v)
{
	char *end;

	if (!s)
		return 0;
	*v = strtod(s, &end);
	return (end != s && !*end && isfinite(*v)) ? 1 : -1;
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

void
profset_read(struct profset *ps, struct recr *r, size_t idx, const char *name)
{
	size_t nm = ps->nmetrics, i;
	int sizec = recr_col(r, "size");
	int totc = recr_col(r, "t_total"), splitc = ps->split ? recr_col(r, ps->split) : -1;
	int *kc = emalloc(ps->nkeys * sizeof *kc), *mc = emalloc(nm * sizeof *mc);
	int *state = emalloc(nm * sizeof *state);	/* 1 value, 0 missing, -1 none */
	const char **kv = emalloc(ps->nkeys * sizeof *kv);
	double *val = emalloc(nm * sizeof *val);
	unsigned long nrec = 0;
	int rc;

	for (i = 0; i < ps->nkeys; i++)
		kc[i] = recr_col(r, ps->keys[i]);
	for (i = 0; i < nm; i++)
		mc[i] = ps->metrics[i].derived ? -1 : recr_col(r, ps->metrics[i].name);
	while ((rc = recr_next(r)) != 0) {
		const char *where = recr_where(r);
		struct profile *p;
		struct group *g;
		int ok, broken = 0;
		enum rec_kind kind;
		char why[160];
		double size, tot = NAN;

		if (rc < 0) {
			bad(ps, where, "%s%s", recr_error(r), "");
			continue;
		}
		nrec++;
		kind = rec_kind(r, NULL, why, sizeof why);
		if (kind == REC_BAD) {
			bad(ps, where, "%s%s", why, "");
			continue;
		}
		if (kind == REC_WARMUP)
			continue;	/* not a measurement */
		ok = kind == REC_MEASURED;
		if (totc >= 0 && ok && number(recr_get(r, totc), &tot) < 0) {
			bad(ps, where, "%s: not a number: '%s'", "t_total", recr_get(r, totc));
			continue;
		}
		for (i = 0; ok && i < nm && !broken; i++) {
			if (ps->metrics[i].derived) {
				int known = number(recr_get(r, sizec), &size);

				state[i] = -1;
				if (known < 0) {
					bad(ps, where, "%s: not a number: '%s'", "size", recr_get(r, sizec));
					broken = 1;
				} else if (known > 0 && size > 0 && tot > 0) {
					val[i] = size / tot / 1e6;
					state[i] = 1;
				}
				continue;
			}
			state[i] = number(recr_get(r, mc[i]), &val[i]);
			if (state[i] < 0) {
				bad(ps, where, "%s: not a number: '%s'", ps->metrics[i].name,
				    recr_get(r, mc[i]));
				broken = 1;
			}
		}
		if (broken)
			continue;
		if (ps->split) {
			if (!(p = splitprofile(ps, recr_get(r, splitc))))
				continue;
		} else {
			p = &ps->prof[idx];
		}
		for (i = 0; i < ps->nkeys; i++)
			if ((kv[i] = recr_get(r, kc[i])))
				ps->keyseen[i] = 1;
		g = groups_get(p->groups, kv);
		if (!ok) {
			g->fail++;
			continue;
		}
		for (i = 0; i < nm; i++) {
			if (state[i] > 0)
				sample_add(&g->m[i], val[i]);
			else if (state[i] == 0)
				g->m[i].missing++;
		}
	}
	ps->records += nrec;
	if (nrec == 0)
		eprintf("%s: no records", name);
	if (ps->split && !ps->split_fixed && ps->nprof < 2)
		eprintf("%s: -c %s: only one value (%s), nothing to compare", name,
		    ps->split, ps->nprof ? ps->prof[0].name : "none");
	for (i = 0; ps->split_fixed && i < ps->nprof; i++)
		if (groups_count(ps->prof[i].groups) == 0)
			eprintf("%s: no records with %s=%s", name, ps->split, ps->prof[i].name);
	free(kc);
	free(mc);
	free(state);
	free(kv);
	free(val);
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
