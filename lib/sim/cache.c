/* sim/cache.c: making caches from policy specs; the node pool; parameters. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cache.h"
#include "base/util.h"
#include "sim/policy.h"

static const struct policy *const policies[] = {
	&policy_lru, &policy_fifo, &policy_clock, &policy_sieve, &policy_lfu,
	&policy_arc, &policy_2q, &policy_s3fifo, &policy_belady, &policy_tiered,
	NULL,
};

/* The names of policies[], for messages: "lru, fifo, ...". */
static const char *
names(void)
{
	static char list[128];
	size_t n = 0;

	if (!*list)
		for (const struct policy *const *p = policies; *p && n < sizeof list; p++)
			n += snprintf(list + n, sizeof list - n, "%s%s", p > policies ? ", " : "",
			    (*p)->name);
	return list;
}

struct cache *
cache_new(const char *spec, int bytes, uint64_t cap, uint64_t disk_cap,
    char *err, size_t errlen)
{
	const struct policy *const *p;
	const char *colon = strchr(spec, ':'), *params;
	size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
	struct cache *c;

	for (p = policies; *p; p++)
		if (strlen((*p)->name) == len && !strncmp((*p)->name, spec, len))
			break;
	if (!*p) {
		snprintf(err, errlen, "unknown policy '%.*s' (policies: %s)", (int)len,
		    spec, names());
		return NULL;
	}
	c = ecalloc(1, sizeof *c);
	c->pol = *p;
	c->spec = estrdup(spec);
	c->bytes = bytes;
	c->cap = cap;
	c->nfree = NIL;
	if (!c->pol->access)
		ht_init(&c->ht, 64);
	params = colon ? colon + 1 : NULL;
	if ((c->pol->init_tiers ? c->pol->init_tiers(c, params, disk_cap, err, errlen) :
	    c->pol->init(c, params, err, errlen)) < 0) {
		ht_free(&c->ht);
		free(c->spec);
		free(c);
		return NULL;
	}
	return c;
}

void
cache_free(struct cache *c)
{
	if (!c)
		return;
	if (c->pol->fini)
		c->pol->fini(c);
	if (c->own_t) {
		ot_free(c->t);
		free(c->t);
	}
	ht_free(&c->ht);
	free(c->n);
	free(c->spec);
	free(c);
}

int
cache_tiers(const struct cache *c, struct tiers *t)
{
	if (c->pol->tiers) {
		c->pol->tiers(c, t);
		return 1;
	}
	*t = (struct tiers){ .mem_hits = c->hits };
	return 0;
}

uint32_t
node_grow(struct cache *c)
{
	size_t old = c->ncap, want = old ? 2 * old : 64;

	if (want >= NIL)
		want = NIL - 1;
	if (want <= old)
		eprintf("%s: more than %zu objects in one cache", c->spec, old);
	c->n = erealloc(c->n, want * sizeof *c->n);
	c->ncap = want;
	for (size_t i = want; i-- > old;) {
		c->n[i].next = c->nfree;
		c->nfree = (uint32_t)i;
	}
	return c->nfree;
}

int
param_next(const char **p, char *k, size_t klen, char *v, size_t vlen)
{
	const char *s = *p, *end, *eq;
	size_t n;

	if (!s || !*s)
		return 0;
	end = strchr(s, ':');
	if (!end)
		end = s + strlen(s);
	eq = memchr(s, '=', end - s);
	n = (size_t)((eq ? eq : end) - s);
	snprintf(k, klen, "%.*s", (int)n, s);
	if (eq)
		snprintf(v, vlen, "%.*s", (int)(end - eq - 1), eq + 1);
	else
		v[0] = '\0';
	*p = *end ? end + 1 : end;
	return 1;
}

int
param_frac(const char *v, double *out)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (!*v || *end || errno || !(d >= 0 && d <= 1))
		return -1;
	*out = d;
	return 0;
}

int
param_int(const char *v, long lo, long hi, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

void
list_dump(FILE *f, const char *name, const struct node *n, const struct list *l)
{
	fprintf(f, "%s:", name);
	for (uint32_t i = l->head; i != NIL; i = n[i].next)
		fprintf(f, " %llu", (unsigned long long)n[i].key);
	fputc('\n', f);
}

int
cache_has(struct cache *c, uint64_t key)
{
	return cache_lookup(c, key) != NIL;
}

int
cache_del(struct cache *c, uint64_t key)
{
	uint32_t i = cache_lookup(c, key);

	if (i == NIL)
		return 0;
	c->pol->leaving(c, i);
	c->used -= c->n[i].size;
	cache_forget(c, i);
	return 1;
}
