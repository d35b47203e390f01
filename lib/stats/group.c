/* stats/group.c: a hash table of groups keyed by key column values, and their order. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats/group.h"
#include "base/util.h"

struct groups {
	size_t nkeys, nmetrics;
	struct group **list;	/* insertion order */
	size_t n, cap;
	size_t *slot;		/* open addressing: index + 1 into list, 0 free */
	size_t nslots;
};

static uint64_t
hashkeys(const struct groups *gs, const char *const *keys)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */

	for (size_t i = 0; i < gs->nkeys; i++) {
		const unsigned char *p = (const unsigned char *)(keys[i] ? keys[i] : "");

		h = (h ^ (keys[i] ? 1 : 2)) * 1099511628211ULL;
		for (; *p; p++)
			h = (h ^ *p) * 1099511628211ULL;
	}
	return h;
}

static int
samekeys(const struct groups *gs, char *const *a, const char *const *b)
{
	for (size_t i = 0; i < gs->nkeys; i++) {
		if (!a[i] || !b[i]) {
			if (a[i] != b[i])
				return 0;
		} else if (strcmp(a[i], b[i])) {
			return 0;
		}
	}
	return 1;
}

static size_t *
lookup(const struct groups *gs, const char *const *keys)
{
	size_t i = hashkeys(gs, keys) & (gs->nslots - 1);

	while (gs->slot[i] && !samekeys(gs, gs->list[gs->slot[i] - 1]->keys, keys))
		i = (i + 1) & (gs->nslots - 1);
	return &gs->slot[i];
}

/* Point the hash slots at the list's groups again. */
static void
reindex(struct groups *gs)
{
	memset(gs->slot, 0, gs->nslots * sizeof *gs->slot);
	for (size_t i = 0; i < gs->n; i++)
		*lookup(gs, (const char *const *)gs->list[i]->keys) = i + 1;
}

static void
rehash(struct groups *gs)
{
	free(gs->slot);
	gs->nslots *= 2;
	gs->slot = ecalloc(gs->nslots, sizeof *gs->slot);
	reindex(gs);
}

struct groups *
groups_new(size_t nkeys, size_t nmetrics)
{
	struct groups *gs = ecalloc(1, sizeof *gs);

	gs->nkeys = nkeys;
	gs->nmetrics = nmetrics;
	gs->nslots = 64;
	gs->slot = ecalloc(gs->nslots, sizeof *gs->slot);
	return gs;
}

struct group *
groups_find(const struct groups *gs, const char *const *keys)
{
	size_t s = *lookup(gs, keys);

	return s ? gs->list[s - 1] : NULL;
}

struct group *
groups_get(struct groups *gs, const char *const *keys)
{
	size_t *s = lookup(gs, keys);
	struct group *g;

	if (*s)
		return gs->list[*s - 1];
	g = ecalloc(1, sizeof *g);
	g->keys = ecalloc(gs->nkeys, sizeof *g->keys);
	for (size_t i = 0; i < gs->nkeys; i++)
		g->keys[i] = keys[i] ? estrdup(keys[i]) : NULL;
	g->m = ecalloc(gs->nmetrics, sizeof *g->m);
	egrow((void **)&gs->list, &gs->cap, gs->n + 1, sizeof *gs->list);
	gs->list[gs->n++] = g;
	*s = gs->n;
	if (2 * gs->n > gs->nslots)
		rehash(gs);
	return g;
}

size_t
groups_count(const struct groups *gs)
{
	return gs->n;
}

struct group *
groups_at(const struct groups *gs, size_t i)
{
	return i < gs->n ? gs->list[i] : NULL;
}

/* A decimal number (no inf, nan or hex): 1 and its value in *v. */
static int
isnum(const char *s, double *v)
{
	char *end;

	if (!*s || s[strspn(s, "0123456789.+-eE")] != '\0')
		return 0;
	*v = strtod(s, &end);
	return *end == '\0' && end != s && isfinite(*v);
}

static int
valcmp(const char *a, const char *b)
{
	int na = !a || !strcmp(a, "-"), nb = !b || !strcmp(b, "-"), xa, xb;
	double x, y;

	if (na || nb) {
		if (na != nb)
			return na - nb;	/* absent last */
		return !a - !b;		/* "-" before NULL: one order */
	}
	xa = isnum(a, &x);
	xb = isnum(b, &y);
	if (xa != xb)
		return xb - xa;		/* numbers before text */
	if (xa && x != y)
		return x < y ? -1 : 1;
	return strcmp(a, b);
}

int
groups_cmp(const struct groups *gs, const struct group *a, const struct group *b)
{
	int c;

	for (size_t i = 0; i < gs->nkeys; i++)
		if ((c = valcmp(a->keys[i], b->keys[i])))
			return c;
	return 0;
}

static const struct groups *sorting;	/* for qsort's comparison */

static int
qcmp(const void *a, const void *b)
{
	return groups_cmp(sorting, *(struct group *const *)a, *(struct group *const *)b);
}

void
groups_sort(struct groups *gs)
{
	sorting = gs;
	qsort(gs->list, gs->n, sizeof *gs->list, qcmp);
	sorting = NULL;
	reindex(gs);
}

void
groups_free(struct groups *gs)
{
	if (!gs)
		return;
	for (size_t i = 0; i < gs->n; i++) {
		struct group *g = gs->list[i];

		for (size_t k = 0; k < gs->nkeys; k++)
			free(g->keys[k]);
		for (size_t m = 0; m < gs->nmetrics; m++)
			free(g->m[m].x);
		free(g->keys);
		free(g->m);
		free(g);
	}
	free(gs->list);
	free(gs->slot);
	free(gs);
}

void
sample_add(struct sample *s, double v)
{
	egrow((void **)&s->x, &s->cap, s->n + 1, sizeof *s->x);
	s->x[s->n++] = v;
}
