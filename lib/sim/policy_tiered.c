/*
 * sim/policy_tiered.c: a memory tier above a disk tier, each running its own
 * policy ("tiered:MEM/DISK", default lru/lru), exclusive: an object is in
 * at most one tier. A request found in memory is a memory hit. One found
 * on disk is a disk hit and is promoted: removed from the disk tier and
 * admitted to memory. A miss is admitted to memory. Objects the memory
 * tier evicts are demoted, admitted to the disk tier; what the disk tier
 * evicts leaves the cache (the evictions counted). An object the memory
 * tier does not admit (too large) is offered to the disk tier instead.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "sim/cache.h"
#include "sim/policy.h"

struct tiered {
	struct cache *mem, *disk;
	uint64_t mem_hits, disk_hits;
	/* next access of memory-resident keys, when the disk tier needs it */
	int track;
	struct htab ht;
	struct { uint64_t key; int64_t next; } *e;
	size_t ecap;
	uint32_t nfree;
};

static void
track_set(struct tiered *t, uint64_t key, int64_t next)
{
	uint32_t i = t->ecap ? ht_find(&t->ht, key, &t->e[0].key, 2) : HT_NONE;

	if (i == HT_NONE) {
		if (t->nfree == NIL) {
			size_t old = t->ecap;

			egrow((void **)&t->e, &t->ecap, old + 1, sizeof *t->e);
			for (size_t j = t->ecap; j-- > old;) {
				t->e[j].next = (int64_t)t->nfree;
				t->nfree = (uint32_t)j;
			}
		}
		i = t->nfree;
		t->nfree = (uint32_t)t->e[i].next;
		t->e[i].key = key;
		ht_insert(&t->ht, key, i);
	}
	t->e[i].next = next;
}

static int64_t
track_take(struct tiered *t, uint64_t key)
{
	uint32_t i = t->ecap ? ht_find(&t->ht, key, &t->e[0].key, 2) : HT_NONE;
	int64_t next;

	if (i == HT_NONE)
		return -1;
	next = t->e[i].next;
	ht_delete(&t->ht, key, i);
	t->e[i].next = (int64_t)t->nfree;
	t->nfree = i;
	return next;
}

static void
demote(void *arg, uint64_t key, uint64_t usize, int64_t next)
{
	struct tiered *t = arg;

	if (t->track) {
		int64_t known = track_take(t, key);

		if (next < 0)
			next = known;
	}
	t->disk->pol->get(t->disk, key, usize, next);
}

static int
tiered_init(struct cache *c, const char *params, uint64_t disk, char *err, size_t errlen)
{
	struct tiered *t;
	char *spec = estrdup(params && *params ? params : "lru/lru"), *slash;

	slash = strchr(spec, '/');
	if (!slash || !strncmp(spec, "tiered", 6) || !strncmp(slash + 1, "tiered", 6)) {
		snprintf(err, errlen, "tiered: expected tiered:MEM/DISK with two policies, "
		    "e.g. tiered:arc/lru, not '%s'", spec);
		free(spec);
		return -1;
	}
	*slash = '\0';
	t = ecalloc(1, sizeof *t);
	if (!(t->mem = cache_new(spec, c->bytes, c->cap, 0, err, errlen)) ||
	    !(t->disk = cache_new(slash + 1, c->bytes, disk, 0, err, errlen))) {
		cache_free(t->mem);
		free(t);
		free(spec);
		return -1;
	}
	free(spec);
	t->mem->evicted = demote;
	t->mem->evarg = t;
	t->track = t->disk->pol == &policy_belady && t->mem->pol != &policy_belady;
	t->nfree = NIL;
	if (t->track)
		ht_init(&t->ht, 64);
	c->p = t;
	return 0;
}

static void
tiered_fini(struct cache *c)
{
	struct tiered *t = c->p;

	cache_free(t->mem);
	cache_free(t->disk);
	if (t->track)
		ht_free(&t->ht);
	free(t->e);
	free(t);
}

/* 0 on a miss, 1 on a memory hit, 2 on a disk hit. */
static int
tier_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next)
{
	struct tiered *t = c->p;
	struct cache *mem = t->mem, *disk = t->disk;
	int hit;

	if (t->track)
		track_set(t, key, next);
	if (mem->pol->has(mem, key)) {
		mem->pol->get(mem, key, usize, next);
		return 1;
	}
	hit = disk->pol->del(disk, key) ? 2 : 0;
	mem->pol->get(mem, key, usize, next);
	if (!mem->pol->has(mem, key)) {
		if (t->track)
			track_take(t, key);
		disk->pol->get(disk, key, usize, next);
	}
	c->evictions = disk->evictions;
	return hit;
}

static int
tiered_get(struct cache *c, uint64_t key, uint64_t usize, int64_t next)
{
	return tier_get(c, key, usize, next) != 0;
}

static void
tiered_run(struct cache *c, const struct req *r, size_t n)
{
	struct tiered *t = c->p;

	for (size_t i = 0; i < n; i++) {
		int hit = tier_get(c, r[i].key, c->bytes ? r[i].size : 1, r[i].next);

		if (hit) {
			c->hits++;
			c->hitbytes += r[i].size;
			if (hit == 1)
				t->mem_hits++;
			else
				t->disk_hits++;
		}
	}
}

static void
tiered_tiers(const struct cache *c, struct tiers *r)
{
	const struct tiered *t = c->p;

	*r = (struct tiers){ t->mem_hits, t->disk_hits, t->disk->cap };
}

static int
tiered_has(struct cache *c, uint64_t key)
{
	struct tiered *t = c->p;

	return t->mem->pol->has(t->mem, key) || t->disk->pol->has(t->disk, key);
}

static int
tiered_del(struct cache *c, uint64_t key)
{
	struct tiered *t = c->p;

	return t->mem->pol->del(t->mem, key) || t->disk->pol->del(t->disk, key);
}

static void
tiered_dump(struct cache *c, FILE *f)
{
	struct tiered *t = c->p;

	fprintf(f, "mem (%s)\n", t->mem->spec);
	t->mem->pol->dump(t->mem, f);
	fprintf(f, "disk (%s)\n", t->disk->spec);
	t->disk->pol->dump(t->disk, f);
}

const struct policy policy_tiered = {
	.name = "tiered", .get = tiered_get, .run = tiered_run, .has = tiered_has,
	.del = tiered_del, .dump = tiered_dump, .fini = tiered_fini,
	.init_tiers = tiered_init, .tiers = tiered_tiers,
};
