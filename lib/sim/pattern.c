/*
 * sim/pattern.c: synthetic request patterns, all seeded. Objects are ids
 * 1..N. sequential loops over them; random draws uniformly; repeated
 * alternates a request to a small hot set (round robin) with one to a
 * uniformly drawn other object; zipf:A draws rank r with probability
 * proportional to r^-A (Walker's alias method, O(1) a request) and maps
 * ranks to ids through a seeded permutation, so id order says nothing
 * about popularity; scan:P sends a share P of the requests to the hot set
 * (uniformly) and the others, in order, around a loop over the remaining
 * objects. An object's size is fixed: drawn once from [lo, hi] by a hash
 * of the seed and its id.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/pattern.h"
#include "base/prng.h"
#include "base/util.h"
#include "sim/idhash.h"

struct pattern {
	struct pattern_opts o;
	struct prng r;
	uint64_t i;		/* requests made */
	uint64_t loop;		/* scan: position in the loop */
	uint32_t *thr, *alias;	/* zipf: alias table over ranks */
	uint32_t *perm;		/* zipf: rank -> id - 1 */
	uint64_t sizeseed;
};

int
pattern_parse(const char *s, struct pattern_opts *o)
{
	static const char *const names[] = {
		"sequential", "random", "repeated", "zipf", "scan", NULL,
	};
	const char *colon = strchr(s, ':');
	size_t len = colon ? (size_t)(colon - s) : strlen(s);
	char *end;
	int k;

	for (k = 0; names[k]; k++)
		if (strlen(names[k]) == len && !strncmp(s, names[k], len))
			break;
	if (!names[k])
		return -1;
	o->kind = k;
	if (k == PAT_ZIPF) {
		if (!colon)
			return -1;
		o->alpha = strtod(colon + 1, &end);
		return *end || end == colon + 1 || !(o->alpha >= 0 && o->alpha <= 10) ? -1 : 0;
	}
	if (k == PAT_SCAN) {
		o->hotfrac = 0.5;
		if (!colon)
			return 0;
		o->hotfrac = strtod(colon + 1, &end);
		return *end || end == colon + 1 || !(o->hotfrac >= 0 && o->hotfrac <= 1) ? -1 : 0;
	}
	return colon ? -1 : 0;
}

/* Walker/Vose alias table for weights r^-alpha, r = 1..n. */
static void
zipf_table(struct pattern *p)
{
	uint64_t n = p->o.nobj;
	double *q = emalloc(n * sizeof *q), sum = 0;
	uint32_t *small = emalloc(n * sizeof *small), *large = emalloc(n * sizeof *large);
	size_t ns = 0, nl = 0;

	p->thr = emalloc(n * sizeof *p->thr);
	p->alias = emalloc(n * sizeof *p->alias);
	for (uint64_t i = 0; i < n; i++)
		sum += q[i] = pow((double)(i + 1), -p->o.alpha);
	for (uint64_t i = 0; i < n; i++) {
		q[i] = q[i] * (double)n / sum;
		if (q[i] < 1)
			small[ns++] = (uint32_t)i;
		else
			large[nl++] = (uint32_t)i;
	}
	while (ns && nl) {
		uint32_t s = small[--ns], l = large[nl - 1];

		p->thr[s] = (uint32_t)(q[s] * 4294967296.0);
		p->alias[s] = l;
		q[l] += q[s] - 1;
		if (q[l] < 1) {
			nl--;
			small[ns++] = l;
		}
	}
	while (nl--) {
		p->thr[large[nl]] = UINT32_MAX;
		p->alias[large[nl]] = large[nl];
	}
	while (ns--) {		/* rounding leftovers */
		p->thr[small[ns]] = UINT32_MAX;
		p->alias[small[ns]] = small[ns];
	}
	free(q);
	free(small);
	free(large);

	p->perm = emalloc(n * sizeof *p->perm);
	for (uint64_t i = 0; i < n; i++)
		p->perm[i] = (uint32_t)i;
	struct prng r;
	prng_seed3(&r, p->o.seed, 'p', 'm');
	for (uint64_t i = n - 1; i > 0; i--) {
		uint64_t j = prng_below(&r, i + 1);
		uint32_t x = p->perm[i];

		p->perm[i] = p->perm[j];
		p->perm[j] = x;
	}
}

struct pattern *
pattern_new(const struct pattern_opts *o)
{
	struct pattern *p = ecalloc(1, sizeof *p);

	p->o = *o;
	if (p->o.nobj == 0 || (p->o.kind == PAT_ZIPF && p->o.nobj >= UINT32_MAX))
		eprintf("pattern: object count %llu out of range",
		    (unsigned long long)p->o.nobj);
	if (p->o.hot == 0 || p->o.hot > p->o.nobj)
		p->o.hot = p->o.nobj / 10 ? p->o.nobj / 10 : 1;
	prng_seed3(&p->r, o->seed, 'p', (uint64_t)o->kind);
	p->sizeseed = mix64(o->seed ^ 0x5ec5ULL);
	if (o->kind == PAT_ZIPF)
		zipf_table(p);
	return p;
}

void
pattern_free(struct pattern *p)
{
	if (!p)
		return;
	free(p->thr);
	free(p->alias);
	free(p->perm);
	free(p);
}

int
pattern_next(struct pattern *p, uint64_t *id, uint64_t *size)
{
	uint64_t n = p->o.nobj, h = p->o.hot, x, i = p->i;

	if (i >= p->o.nreq)
		return 0;
	p->i++;
	switch (p->o.kind) {
	case PAT_SEQUENTIAL:
		*id = i % n + 1;
		break;
	case PAT_RANDOM:
		*id = prng_below(&p->r, n) + 1;
		break;
	case PAT_REPEATED:
		if (i % 2 == 0 || n == h)
			*id = (i / 2) % h + 1;
		else
			*id = h + 1 + prng_below(&p->r, n - h);
		break;
	case PAT_ZIPF: {
		uint32_t k;

		x = prng_next(&p->r);
		k = (uint32_t)(((x >> 32) * n) >> 32);
		if ((uint32_t)x >= p->thr[k])
			k = p->alias[k];
		*id = (uint64_t)p->perm[k] + 1;
		break;
	}
	case PAT_SCAN:
		if (n == h || prng_unit(&p->r) < p->o.hotfrac)
			*id = prng_below(&p->r, h) + 1;
		else
			*id = h + 1 + p->loop++ % (n - h);
		break;
	}
	*size = 1;
	if (p->o.size_lo)
		*size = p->o.size_lo + mix64(*id ^ p->sizeseed) % (p->o.size_hi - p->o.size_lo + 1);
	return 1;
}

struct pattern_source {
	struct source src;
	struct pattern *p;
};

static size_t
psrc_read(struct source *s, struct req *r, size_t n)
{
	struct pattern_source *ps = (struct pattern_source *)s;
	uint64_t id, size;
	size_t k;

	for (k = 0; k < n && pattern_next(ps->p, &id, &size); k++) {
		r[k].key = mix64(id);
		r[k].size = size;
		r[k].next = -1;
	}
	s->done += k;
	return k;
}

static void
psrc_close(struct source *s)
{
	struct pattern_source *ps = (struct pattern_source *)s;

	pattern_free(ps->p);
	free((char *)s->name);
	free(ps);
}

struct source *
pattern_source(const struct pattern_opts *o, const char *name)
{
	struct pattern_source *ps = ecalloc(1, sizeof *ps);

	ps->p = pattern_new(o);
	ps->src.read = psrc_read;
	ps->src.close = psrc_close;
	ps->src.name = estrdup(name);
	ps->src.format = "pattern";
	ps->src.has_size = o->size_lo != 0;
	ps->src.total = o->nreq;
	return &ps->src;
}
