/* timing/access.c: cold and warm reads made so, checked, and explained by
 * bitswap's counters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing/access.h"
#include "base/clock.h"
#include "base/util.h"

const char *
access_root(const struct target *t, char *buf, size_t n)
{
	snprintf(buf, n, "%.*s", (int)strcspn(t->path, "/"), t->path);
	return buf;
}

/* Say a target's --evict trouble once. */
static void
warn_once(struct target *t, const char *what, const char *why)
{
	if (t->warned)
		return;
	t->warned = 1;
	weprintf("--evict: %s: %s; its reads say access=-", t->path, what);
	if (why && *why)
		weprintf("--evict: %s: %s", t->path, why);
}

static int counts_since(struct catbench *b, uint64_t blocks0, uint64_t bytes0,
    uint64_t expect, uint64_t *blocks, uint64_t *bytes);

struct rootkey {
	char key[180];
	size_t i;
};

static int
byrootkey(const void *a, const void *b)
{
	const struct rootkey *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Which targets share their root block with an earlier target (CID and
 * CID/sub, or a CIDv0 and a CIDv1 of one block): a new array of flags. */
static char *
shared_roots(const struct catbench *b)
{
	struct rootkey *v = emalloc((b->nt ? b->nt : 1) * sizeof *v);
	char *shared = ecalloc(b->nt ? b->nt : 1, 1), root[256];
	size_t n = 0;

	for (size_t i = 0; i < b->nt; i++)
		if (blk_key(access_root(&b->t[i], root, sizeof root), v[n].key) == 0)
			v[n++].i = i;
	qsort(v, n, sizeof *v, byrootkey);
	for (size_t k = 1; k < n; k++)
		if (!strcmp(v[k].key, v[k - 1].key))
			shared[v[k].i] = 1;
	free(v);
	return shared;
}

/* Without --evict: each first read's access from the store before the run. */
static void
first_reads(struct catbench *b)
{
	char err[700], root[256], key[180];
	struct blockset dag;
	char *shared;

	if (blocks_local(&b->node, b->api, &b->local0, err, sizeof err) < 0) {
		weprintf("cannot tell cold reads from warm ones: %s; first reads say access=-", err);
		for (size_t i = 0; i < b->nt; i++)
			b->t[i].access0 = "-";
		return;
	}
	shared = shared_roots(b);
	for (size_t i = 0; i < b->nt; i++) {
		struct target *t = &b->t[i];
		int rc;

		t->access0 = "-";
		if (t->first != i)
			continue;
		access_root(t, root, sizeof root);
		if (blk_inline(root)) {
			t->access0 = "warm";	/* its data is in the CID: nothing to fetch */
			continue;
		}
		if (blk_key(root, key) < 0)
			continue;
		/* read after an earlier target of the same root: what that
		 * read fetched is unknown here */
		if (shared[i])
			continue;
		if (!blockset_has(&b->local0, key)) {
			t->access0 = "cold";
			continue;
		}
		rc = blocks_dag(&b->node, b->api, root, &b->local0, &dag, err, sizeof err);
		if (rc == 1)
			t->access0 = "warm";
		else if (rc < 0)
			weprintf("%s: cannot tell whether the node holds all of it: %s; its first read "
			    "says access=-", t->path, err);
		blockset_free(&dag);
	}
	free(shared);
}

void
access_open(struct catbench *b)
{
	char err[700] = "";
	long stored;

	/* the checks' own deadline: the reads' -t, at most 60 s, 60 s with -t 0 */
	b->node_http = *b->r.run.http;
	if (!(b->node_http.timeout > 0 && b->node_http.timeout <= 60))
		b->node_http.timeout = 60;
	http_req_init(&b->node, &b->node_http);
	access_provider(b, err, sizeof err);
	if (*err)
		weprintf("%s", err);
	b->bitswap = 0;
	if (b->r.run.concurrency == 1) {
		if (bitswap_received(&b->node, b->api, &b->blocks0, &b->bytes0, err, sizeof err) == 0)
			b->bitswap = 1;
		else if (b->evict || b->provider)
			weprintf("%s: the bitswap_blocks and bitswap_bytes columns stay empty", err);
	}
	if (b->bitswap && (stored = blocks_local(&b->node, b->api, NULL, err, sizeof err)) >= 0) {
		b->stored0 = (size_t)stored;
	} else if (b->bitswap) {
		if (b->evict || b->provider)
			weprintf("%s: the bitswap_blocks and bitswap_bytes columns stay empty", err);
		b->bitswap = 0;
	}
}

void
access_start(struct catbench *b)
{
	char err[700];
	uint64_t x, y;
	long stored;

	if (!b->node.h)
		access_open(b);
	/* what files/stat, files/cp fetched before the run is counted late */
	if (b->bitswap && (stored = blocks_local(&b->node, b->api, NULL, err, sizeof err)) >= 0 &&
	    (size_t)stored > b->stored0)
		counts_since(b, b->blocks0, b->bytes0, (size_t)stored - b->stored0, &x, &y);
	if (!b->evict)
		first_reads(b);
}

void
access_provider(struct catbench *b, char *pre, size_t n)
{
	char err[700];

	if (b->provider && swarm_connect(&b->node, b->api, b->provider, err, sizeof err) < 0)
		snprintf(pre, n, "--provider %s: %s", b->provider, err);
}

/* Wait for bitswap's counters, from (blocks0, bytes0), to count expect
 * blocks (50 ms polls, 2 s at most); what they counted in *blocks, *bytes. */
static int
counts_since(struct catbench *b, uint64_t blocks0, uint64_t bytes0, uint64_t expect,
    uint64_t *blocks, uint64_t *bytes)
{
	double deadline = now_mono() + 2;

	for (;;) {
		if (access_sample(b, blocks, bytes) < 0 || *blocks < blocks0 || *bytes < bytes0)
			return -1;
		*blocks -= blocks0;
		*bytes -= bytes0;
		if (*blocks >= expect || now_mono() >= deadline ||
		    !sleep_until(now_mono() + 0.05))
			return 0;
	}
}

/*
 * --evict: the DAG's blocks, fetched where the node lacks them; and, when
 * bitswap is sampled, wait for its counters to count what was fetched, so
 * that the late counts of js-ipfs do not fall on the first cold read.
 */
static int
list_dag(struct catbench *b, const char *root, struct blockset *dag, char *err, size_t n)
{
	struct blockset local = { 0 };
	uint64_t x0, y0, x, y;
	int rc, sampled = b->bitswap && access_sample(b, &x0, &y0) == 0 &&
	    blocks_local(&b->node, b->api, &local, err, n) >= 0;

	rc = blocks_dag(&b->node, b->api, root, NULL, dag, err, n);
	if (rc == 1 && sampled)
		counts_since(b, x0, y0, dag->n - blockset_held(dag, &local), &x, &y);
	blockset_free(&local);
	return rc;
}

const char *
access_cold(struct catbench *b, struct target *t, char *pre, size_t n, uint64_t *expect)
{
	char err[700] = "", root[256], what[120];
	struct blockset local;
	size_t held;

	*expect = 0;
	access_root(t, root, sizeof root);
	if (blk_inline(root)) {
		warn_once(t, "an identity CID holds its data inline: nothing to evict", NULL);
		return "-";
	}
	access_provider(b, pre, n);	/* first: the walk below may fetch from it */
	if (t->listed < 0)
		return "-";	/* its listing failed once: said then */
	if (!t->listed) {
		if (list_dag(b, root, &t->dag, err, sizeof err) != 1) {
			blockset_free(&t->dag);
			t->listed = -1;
			warn_once(t, "cannot list its blocks", err);
			return "-";
		}
		t->listed = 1;
	}
	/* what block/rm leaves is counted below; err says why */
	(void)blocks_rm(&b->node, b->api, &t->dag, err, sizeof err);
	if (blocks_local(&b->node, b->api, &local, what, sizeof what) < 0) {
		warn_once(t, "cannot check the blocks are gone", what);
		return "-";
	}
	held = blockset_held(&t->dag, &local);
	blockset_free(&local);
	if (held) {
		snprintf(what, sizeof what, "%zu of its %zu blocks still held after block/rm", held,
		    t->dag.n);
		warn_once(t, what, err);
		return "-";
	}
	if (!strchr(t->path, '/'))
		*expect = t->dag.n;
	return "cold";
}

const char *
access_warm(struct catbench *b, struct target *t)
{
	struct blockset local;
	char err[700];
	size_t held;

	if (t->listed != 1)
		return "-";
	if (blocks_local(&b->node, b->api, &local, err, sizeof err) < 0) {
		warn_once(t, "cannot check the node holds its blocks", err);
		return "-";
	}
	held = blockset_held(&t->dag, &local);
	blockset_free(&local);
	return held == t->dag.n ? "warm" : "-";
}

int
access_sample(struct catbench *b, uint64_t *blocks, uint64_t *bytes)
{
	char err[700];

	return bitswap_received(&b->node, b->api, blocks, bytes, err, sizeof err);
}

/* Without --evict: the blocks a first cold read fetched: its DAG's blocks
 * held now (walked over held blocks only: nothing is fetched here) that
 * the store lacked before the run. */
static uint64_t
fetched(struct catbench *b, struct target *t)
{
	char err[700], root[256];
	struct blockset dag, now;
	uint64_t k = 0;

	if (strchr(t->path, '/') || blocks_local(&b->node, b->api, &now, err, sizeof err) < 0)
		return 0;
	if (blocks_dag(&b->node, b->api, access_root(t, root, sizeof root), &now, &dag, err,
	    sizeof err) >= 0)
		k = dag.n - blockset_held(&dag, &b->local0);
	blockset_free(&dag);
	blockset_free(&now);
	return k;
}

int
access_received(struct catbench *b, struct target *t, int cold_first, uint64_t expect,
    uint64_t blocks0, uint64_t bytes0, uint64_t *blocks, uint64_t *bytes)
{
	if (cold_first)
		expect = fetched(b, t);
	return counts_since(b, blocks0, bytes0, expect, blocks, bytes);
}

void
access_report(const struct catbench *b)
{
	weprintf("access: %lu cold, %lu warm, %lu unchecked (-)", b->naccess[0], b->naccess[1],
	    b->naccess[2]);
}

void
access_end(struct catbench *b)
{
	for (size_t i = 0; i < b->nt; i++)
		blockset_free(&b->t[i].dag);
	blockset_free(&b->local0);
	if (b->node.h)
		http_req_free(&b->node);
}
