/*
 * sim/cache.h: one simulated cache: the policy interface, and the two ways a
 * policy keeps its objects: rows of an object table (objtab.h) in queues
 * (ring.h), shared with the caches simulated with it, or nodes of its own
 * in intrusive lists.
 */
#ifndef CACHE_H
#define CACHE_H

#include <stdint.h>
#include <stdio.h>

#include "sim/hashtab.h"
#include "sim/objtab.h"

#define NIL UINT32_MAX
#define NEVER INT64_MAX		/* next access of an object never requested again */

/* One request: a 64-bit id hash, the object's size, its next access time. */
struct req {
	uint64_t key;
	uint64_t size;		/* bytes; 1 when the trace has no sizes */
	int64_t next;		/* index of the next request for key, NEVER, or -1 unknown */
};

/*
 * An object (or a ghost entry) of a cache, an element of the cache's node
 * array. Lists are intrusive and index-linked: prev and next are indexes
 * into the same array, NIL ends a list. a and b belong to the policy.
 */
struct node {
	uint64_t key;
	uint64_t size;		/* in capacity units: bytes, or 1 per object */
	uint32_t prev, next;
	uint32_t a, b;
};

struct list {
	uint32_t head, tail;	/* head: newest; tail: next to leave */
	uint32_t count;
	uint64_t size;		/* sum of the nodes' sizes */
};

struct cache;

/* A cache of two tiers: the hits of each, and the disk tier's capacity. */
struct tiers {
	uint64_t mem_hits, disk_hits;
	uint64_t disk_cap;
};

struct policy {
	const char *name;
	/* Parse params (NULL or "k=v:k=v"); 0, or -1 with a message in err. */
	int (*init)(struct cache *c, const char *params, char *err, size_t errlen);
	/* One request of usize capacity units: 1 on a hit, 0 on a miss. */
	int (*get)(struct cache *c, uint64_t key, uint64_t usize, int64_t next);
	/* Simulate n requests, adding to c->hits and c->hitbytes. */
	void (*run)(struct cache *c, const struct req *r, size_t n);
	/* Whether key is resident (not a ghost), without touching its state. */
	int (*has)(struct cache *c, uint64_t key);
	/* Remove a resident object without evicting it (tier promotion). */
	int (*del)(struct cache *c, uint64_t key);
	/*
	 * Node or row i, resident, is being taken out by del: a node policy
	 * whose del is cache_del() takes it out of its lists or heap here;
	 * table_del() takes a row out of its queue itself, and leaving() may
	 * be unset (SIEVE moves its hand off the row).
	 */
	void (*leaving)(struct cache *c, uint32_t i);
	/* Print the queues, newest first, for tests and debugging. */
	void (*dump)(struct cache *c, FILE *f);
	void (*fini)(struct cache *c);

	/*
	 * Table policies keep their objects as rows of c->t, in column c->col;
	 * caches simulated together share the table (tableset.h), and their
	 * get, run, has and del are the table_* functions (TABLE_POLICY).
	 * access(): a request of usize units for row i (pinned), whose state
	 * in this cache is *st; 1 on a hit. serve(): access() for each request
	 * of a batch, whose rows are given, to each of n caches of the policy,
	 * counting hits (TABLE_SERVE). queues: the names of the policy's
	 * queues by number, from 1, NULL-terminated.
	 */
	int (*access)(struct cache *c, uint32_t i, uint16_t *st, uint64_t usize);
	void (*serve)(struct cache **c, size_t n, const uint32_t *row, const struct req *r,
	    size_t m);
	const char *const *queues;

	/*
	 * A policy of two tiers, memory over disk (tiered), has init_tiers()
	 * in place of init(), told the disk tier's capacity too, and tiers(),
	 * what its results add to those of one tier.
	 */
	int (*init_tiers)(struct cache *c, const char *params, uint64_t disk, char *err,
	    size_t errlen);
	void (*tiers)(const struct cache *c, struct tiers *t);
};

struct cache {
	const struct policy *pol;
	char *spec;		/* policy spec as given, e.g. "s3fifo:move=1" */
	int bytes;		/* capacity counts bytes; else objects */
	uint64_t cap, used;	/* capacity and occupancy, in units */

	struct htab ht;		/* node policies: key -> node */
	struct node *n;
	size_t ncap;
	uint32_t nfree;		/* free node list, linked by next */
	struct objtab *t;	/* table policies: the rows, maybe shared */
	unsigned col;		/* this cache's column of t */
	int own_t;		/* t is the cache's own */
	void *p;		/* policy state */

	/* called for every object evicted (tiers demote through it) */
	void (*evicted)(void *arg, uint64_t key, uint64_t usize, int64_t next);
	void *evarg;

	/* results */
	uint64_t evictions;
	uint64_t hits, hitbytes;
	double secs;
};

/*
 * Make a cache from a policy spec "name[:k=v...]" (or "tiered:MEM/DISK"),
 * counting bytes or objects, of capacity cap (and disk_cap on disk, for a
 * policy of two tiers). NULL with a message in err when the spec is bad.
 */
struct cache *cache_new(const char *spec, int bytes, uint64_t cap, uint64_t disk_cap,
    char *err, size_t errlen);
void cache_free(struct cache *c);
/* 1 when c has two tiers, their results in *t; else 0, and all of c's hits
 * are memory hits in *t. */
int cache_tiers(const struct cache *c, struct tiers *t);

/* Next "k=v" of a params string (advancing *p); 1, or 0 at the end. */
int param_next(const char **p, char *k, size_t klen, char *v, size_t vlen);
/* A parameter value as a fraction in [0, 1] or a small integer; 0 or -1. */
int param_frac(const char *v, double *out);
int param_int(const char *v, long lo, long hi, long *out);

/* Node pool: a free node (fields unset), and its return. */
uint32_t node_grow(struct cache *c);

static inline uint32_t
node_alloc(struct cache *c, uint64_t key, uint64_t usize)
{
	uint32_t i = c->nfree;

	if (i == NIL)
		i = node_grow(c);
	c->nfree = c->n[i].next;
	c->n[i].key = key;
	c->n[i].size = usize;
	c->n[i].a = c->n[i].b = 0;
	return i;
}

static inline void
node_free(struct cache *c, uint32_t i)
{
	c->n[i].next = c->nfree;
	c->nfree = i;
}

static inline uint32_t
cache_lookup(const struct cache *c, uint64_t key)
{
	return ht_find(&c->ht, key, c->n ? &c->n[0].key : NULL, sizeof(struct node) / sizeof(uint64_t));
}

/* The policy has() and del() of node policies that keep no ghosts: every
 * indexed key is resident; del() asks the policy's leaving(). */
int cache_has(struct cache *c, uint64_t key);
int cache_del(struct cache *c, uint64_t key);

/* Index a new node and return it. */
static inline uint32_t
cache_add(struct cache *c, uint64_t key, uint64_t usize)
{
	uint32_t i = node_alloc(c, key, usize);

	ht_insert(&c->ht, key, i);
	return i;
}

/* Unindex and free a node (already unlinked from its list). */
static inline void
cache_forget(struct cache *c, uint32_t i)
{
	ht_delete(&c->ht, c->n[i].key, i);
	node_free(c, i);
}

/* Report an eviction of node i (still valid) to the counter and the tier above. */
static inline void
cache_evicted(struct cache *c, uint32_t i, int64_t next)
{
	c->evictions++;
	if (c->evicted)
		c->evicted(c->evarg, c->n[i].key, c->n[i].size, next);
}

static inline void
list_init(struct list *l)
{
	l->head = l->tail = NIL;
	l->count = 0;
	l->size = 0;
}

static inline void
list_push_head(struct node *n, struct list *l, uint32_t i)
{
	n[i].prev = NIL;
	n[i].next = l->head;
	if (l->head != NIL)
		n[l->head].prev = i;
	else
		l->tail = i;
	l->head = i;
	l->count++;
	l->size += n[i].size;
}

static inline void
list_push_tail(struct node *n, struct list *l, uint32_t i)
{
	n[i].next = NIL;
	n[i].prev = l->tail;
	if (l->tail != NIL)
		n[l->tail].next = i;
	else
		l->head = i;
	l->tail = i;
	l->count++;
	l->size += n[i].size;
}

static inline void
list_unlink(struct node *n, struct list *l, uint32_t i)
{
	uint32_t p = n[i].prev, x = n[i].next;

	if (p != NIL)
		n[p].next = x;
	else
		l->head = x;
	if (x != NIL)
		n[x].prev = p;
	else
		l->tail = p;
	l->count--;
	l->size -= n[i].size;
}

static inline void
list_move_head(struct node *n, struct list *l, uint32_t i)
{
	if (l->head == i)
		return;
	list_unlink(n, l, i);
	list_push_head(n, l, i);
}

/* The per-policy batch loop: prefetch ahead, count hits and hit bytes. */
#define CACHE_RUN(fn, get)						\
static void								\
fn(struct cache *c, const struct req *r, size_t n)			\
{									\
	uint64_t hits = 0, hitbytes = 0;				\
									\
	for (size_t i = 0; i < n; i++) {				\
		if (i + 8 < n)						\
			ht_prefetch(&c->ht, r[i + 8].key);		\
		if (get(c, r[i].key, c->bytes ? r[i].size : 1, r[i].next)) { \
			hits++;						\
			hitbytes += r[i].size;				\
		}							\
	}								\
	c->hits += hits;						\
	c->hitbytes += hitbytes;					\
}

/* A table policy's access(), inlined in its serve() whatever its size. */
#define TABLE_ACCESS static inline __attribute__((always_inline)) int

/* A table policy's serve(), from its access(). */
#define TABLE_SERVE(fn, access)						\
static void								\
fn(struct cache **c, size_t n, const uint32_t *row, const struct req *r, \
    size_t m)								\
{									\
	struct objtab *t = c[0]->t;					\
									\
	for (size_t k = 0; k < n; k++) {				\
		struct cache *ck = c[k];				\
		uint64_t hits = 0, hitbytes = 0;			\
									\
		for (size_t x = 0; x < m; x++)				\
			if (access(ck, row[x], &ot_st(t, row[x])[ck->col], \
			    ck->bytes ? r[x].size : 1)) {		\
				hits++;					\
				hitbytes += r[x].size;			\
			}						\
		ck->hits += hits;					\
		ck->hitbytes += hitbytes;				\
	}								\
}

/* Report the eviction of row i (still held) to the counter and the tier above. */
static inline void
table_evicted(struct cache *c, uint32_t i)
{
	c->evictions++;
	if (c->evicted)
		c->evicted(c->evarg, ot_key(c->t, i), ot_units(c->t, i, c->col), -1);
}

/* Print a list's keys, head first ("name: k k k"). */
void list_dump(FILE *f, const char *name, const struct node *n, const struct list *l);

#endif
