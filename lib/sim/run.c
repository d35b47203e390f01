/*
 * sim/run.c: the simulation driver. Requests come in batches. The LRU caches
 * of distinct sizes share one recency stack (lrustack.h), which is also
 * the fastest LRU for one size; the caches of the other table policies,
 * whatever their policies and sizes, share one object table (tableset.h),
 * so a request is looked up once for all of them. Each such group is
 * timed as a whole, its time shared equally by its caches; the other
 * caches run over a whole batch, one after the other, and are timed on
 * their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/run.h"
#include "base/clock.h"
#include "base/progress.h"
#include "base/sig.h"
#include "base/util.h"
#include "sim/lrustack.h"
#include "sim/policy.h"
#include "sim/tableset.h"

const char *const sim_cols[] = {
	"policy", "unit", "capacity", "requests", "hits", "misses", "hit_ratio",
	"byte_hit_ratio", "mem_hits", "disk_hits", "evictions", "elapsed_s",
	"mreq_per_s", "disk_capacity", NULL,
};

enum {
	C_POLICY, C_UNIT, C_CAPACITY, C_REQUESTS, C_HITS, C_MISSES, C_HIT_RATIO,
	C_BYTE_HIT_RATIO, C_MEM_HITS, C_DISK_HITS, C_EVICTIONS, C_ELAPSED,
	C_MREQ, C_DISK_CAPACITY,
};

void
sim_add(struct sim *s, struct cache *c)
{
	egrow((void **)&s->c, &s->ccap, s->nc + 1, sizeof *s->c);
	s->c[s->nc++] = c;
}

enum { ALONE, STACKED, GROUPED };

/*
 * Put the LRU caches of distinct sizes on one stack, and the other caches
 * of table policies on a table per unit.
 */
static void
plan(struct sim *s)
{
	struct cache **group = emalloc(s->nc * sizeof *group);
	size_t n;

	s->planned = 1;
	s->how = ecalloc(s->nc, 1);
	for (size_t k = 0; k < s->nc; k++) {
		struct cache *c = s->c[k];
		int dup = 0;

		if (c->pol != &policy_lru || c->cap < 1)
			continue;
		for (size_t g = 0; g < s->nstacked; g++)
			dup |= group[g]->cap == c->cap;
		if (!dup) {
			group[s->nstacked++] = c;
			s->how[k] = STACKED;
		}
	}
	if (s->nstacked)
		s->stack = lrustack_new(group, s->nstacked);
	for (int bytes = 0; bytes <= 1; bytes++) {
		n = 0;
		for (size_t k = 0; k < s->nc; k++)
			if (s->how[k] == ALONE && s->c[k]->pol->access &&
			    s->c[k]->bytes == bytes) {
				group[n++] = s->c[k];
				s->how[k] = GROUPED;
			}
		if (n)
			s->group[bytes] = tabgroup_new(group, n);
		s->ngrouped[bytes] = n;
	}
	free(group);
}

static void
run(struct cache *c, const struct req *r, size_t n)
{
	double t0 = now_mono();

	c->pol->run(c, r, n);
	c->secs += now_mono() - t0;
}

/* Add a group's time to its caches, in equal shares. */
static void
share(struct sim *s, int how, int bytes, size_t n, double secs)
{
	for (size_t k = 0; k < s->nc; k++)
		if (s->how[k] == how && (how != GROUPED || s->c[k]->bytes == bytes))
			s->c[k]->secs += secs / (double)n;
}

void
sim_batch(struct sim *s, const struct req *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		s->bytes += r[i].size;
	s->requests += n;
	if (!s->planned)
		plan(s);
	for (size_t k = 0; k < s->nc; k++)
		if (s->how[k] == ALONE)
			run(s->c[k], r, n);
	for (int bytes = 0; bytes <= 1; bytes++)
		if (s->group[bytes]) {
			double t0 = now_mono();

			tabgroup_run(s->group[bytes], r, n);
			share(s, GROUPED, bytes, s->ngrouped[bytes], now_mono() - t0);
		}
	if (s->stack) {
		double t0 = now_mono();
		size_t m = lrustack_run(s->stack, r, n);

		share(s, STACKED, 0, s->nstacked, now_mono() - t0);
		if (m < n) {
			/* the stack handed its caches their state: they go on alone */
			lrustack_free(s->stack);
			s->stack = NULL;
			for (size_t k = 0; k < s->nc; k++)
				if (s->how[k] == STACKED) {
					s->how[k] = ALONE;
					run(s->c[k], r + m, n - m);
				}
		}
	}
}

void
sim_report(const struct sim *s, struct recw *w)
{
	for (size_t k = 0; k < s->nc; k++) {
		const struct cache *c = s->c[k];
		struct tiers t;
		int tiered = cache_tiers(c, &t);

		recw_str(w, C_POLICY, c->spec);
		recw_str(w, C_UNIT, c->bytes ? "bytes" : "objects");
		recw_uint(w, C_CAPACITY, c->cap);
		recw_uint(w, C_REQUESTS, s->requests);
		recw_uint(w, C_HITS, c->hits);
		recw_uint(w, C_MISSES, s->requests - c->hits);
		if (s->requests)
			recw_num(w, C_HIT_RATIO, (double)c->hits / (double)s->requests, 6);
		if (s->requests && s->has_size && s->bytes)
			recw_num(w, C_BYTE_HIT_RATIO, (double)c->hitbytes / (double)s->bytes, 6);
		recw_uint(w, C_MEM_HITS, t.mem_hits);
		recw_uint(w, C_DISK_HITS, t.disk_hits);
		recw_uint(w, C_EVICTIONS, c->evictions);
		recw_sec(w, C_ELAPSED, c->secs);
		if (c->secs > 0)
			recw_num(w, C_MREQ, (double)s->requests / c->secs / 1e6, 3);
		if (tiered)
			recw_uint(w, C_DISK_CAPACITY, t.disk_cap);
		recw_end(w);
	}
}

void
sim_free(struct sim *s)
{
	lrustack_free(s->stack);
	free(s->how);
	for (size_t k = 0; k < s->nc; k++)
		cache_free(s->c[k]);
	for (int bytes = 0; bytes <= 1; bytes++)
		tabgroup_free(s->group[bytes]);
	free(s->c);
}

uint64_t
pump(struct source *src, struct req *buf, size_t n0,
    void (*fn)(void *arg, const struct req *r, size_t n), void *arg, int progress)
{
	uint64_t total = 0;
	size_t n = n0;

	progress_init(!progress);
	while (n > 0) {
		fn(arg, buf, n);
		total += n;
		if (interrupted)
			break;
		source_progress(src, total, 0);
		n = src->read(src, buf, SIM_BATCH);
	}
	progress_end();
	return total;
}
