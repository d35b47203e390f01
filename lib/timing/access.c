/* timing/access.c: cold and warm reads made so, checked, and explained by
 * bitswap's counters. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing/access.h"
#include "base/clock.h"
#include "base/util.h"
#include "net/discover.h"
#include "unixfs/cid.h"

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

static void evict_plan(struct catbench *b);
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
	if (b->evict)
		evict_plan(b);
	else
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
 * --evict: the blocks the read of t fetches when the node holds none of
 * them: for CID/a/b, the blocks of CID and CID/a (blocks_child: with the
 * sub-shards on the way when a folder is a HAMT shard), then the DAG under
 * CID/a/b; fetched where the node lacks them (untimed), with
 * their sizes. When bitswap is sampled, wait for its counters to count
 * what was fetched, so that the late counts of js-ipfs do not fall on
 * the first cold read. 1, or -1 with err.
 */
static int
list_read(struct catbench *b, struct target *t, char *err, size_t n)
{
	struct blockset local = { 0 }, *dag = &t->dag;
	uint64_t x0, y0, x, y;
	char *path = estrdup(t->path), *slash, cid[CID_MAXSTR + 8];
	struct blockset above = { 0 };
	size_t below = 0;
	int rc = 1, sampled = b->bitswap && access_sample(b, &x0, &y0) == 0;

	if (blocks_local(&b->node, b->api, &local, err, n) < 0)
		rc = -1;

	/* the folders above the target, root first, each block on the way
	 * (for a HAMT-sharded folder the sub-shards the name's hash leads
	 * through): read block by block as a read resolves the path (empty
	 * names, as in CID//a, are none) */
	slash = strchr(path, '/');
	if (slash)
		*slash = '\0';
	snprintf(cid, sizeof cid, "%s", path);
	while (slash && rc == 1) {
		char *name = slash + 1, next[CID_MAXSTR + 8];

		if ((slash = strchr(name, '/')))
			*slash = '\0';
		if (*name && blocks_child(&b->node, b->api, cid, name, next, sizeof next, &above,
		    err, n) < 0)
			rc = -1;
		else if (*name)
			snprintf(cid, sizeof cid, "%s", next);
	}
	if (rc == 1)
		rc = blocks_dag(&b->node, b->api, cid, NULL, dag, err, n);
	/* the blocks on the way, each once (a folder may be on it twice, or in
	 * the target's DAG) */
	below = dag->n;
	for (size_t i = 0; rc == 1 && i < above.n; i++) {
		int again = 0;

		for (size_t k = 0; k < dag->n && !again; k++)
			again = !strcmp(dag->v[k].key, above.v[i].key);
		if (!again && blockset_add(dag, above.v[i].cid) == 0)
			dag->v[dag->n - 1].size = above.v[i].size;
	}
	/* what no walk sized: a raw root, when held (else it stays unfetched,
	 * of unknown size) */
	for (size_t i = 0; rc == 1 && i < below; i++)
		if (!dag->v[i].size && blockset_has(&local, dag->v[i].key) &&
		    blocks_size(&b->node, b->api, &dag->v[i], err, n) < 0)
			rc = -1;
	if (rc == 1 && sampled)
		counts_since(b, x0, y0, dag->n - blockset_held(dag, &local), &x, &y);
	blockset_free(&above);
	blockset_free(&local);
	free(path);
	return rc == 1 ? 1 : -1;
}

/* The bytes of a listed read; its blocks of unknown size added to *unsized. */
static uint64_t
bytes_of(const struct blockset *s, size_t *unsized)
{
	uint64_t k = 0;

	for (size_t i = 0; i < s->n; i++) {
		k += s->v[i].size;
		*unsized += !s->v[i].size;
	}
	return k;
}

/* Whether t's blocks may go: none of them is kept; else said, and t stays. */
static int
may_go(struct target *t, const struct blockset *kept)
{
	char what[160];
	size_t k = blockset_held(&t->dag, kept);

	if (!k)
		return 1;
	snprintf(what, sizeof what, "%zu of the %zu blocks its read fetches are reachable from MFS "
	    "or a pin: none is removed", k, t->dag.n);
	t->stays = 1;
	warn_once(t, what, NULL);
	return 0;
}

/* The kept blocks (MFS and pins) found again: 0, or -1 said, and then no
 * target's blocks go. */
static int
find_kept(struct catbench *b)
{
	struct blockset local;
	char err[700];
	size_t npins;
	double t0 = now_mono();
	/* the run's own MFS folder (--via mfs) is no user data */
	const char *skip = b->mfsdir ? b->mfsdir + 1 : NULL;
	size_t was = b->kept.n;

	blockset_free(&b->kept);
	if (blocks_local(&b->node, b->api, &local, err, sizeof err) < 0 ||
	    blocks_kept(&b->node, b->api, &local, skip, &b->kept, b->mfsroot, sizeof b->mfsroot,
	    &npins, err, sizeof err) < 0) {
		blockset_free(&local);
		weprintf("--evict: cannot tell which blocks MFS and the pins hold: %s; no block is "
		    "removed, and the reads say access=-", err);
		for (size_t i = 0; i < b->nt; i++)
			b->t[i].stays = 1, b->t[i].warned = 1;
		return -1;
	}
	b->kept_stored = local.n;
	blockset_free(&local);
	/* said the first time, and again only when it changed */
	if (!b->kept_said || b->kept.n != was)
		weprintf("--evict: %zu blocks reachable from MFS and from %zu pins are kept (found%s "
		    "in %.1f s)", b->kept.n, npins, b->kept_said ? " again" : "", now_mono() - t0);
	b->kept_said = 1;
	return 0;
}

/*
 * --evict, before the run: what each read fetches, and that none of it is
 * in MFS or pinned; then say how many blocks and bytes go, and from where.
 */
static void
evict_plan(struct catbench *b)
{
	char err[700];
	size_t ntargets = 0, nblocks = 0, unsized = 0;
	uint64_t bytes = 0;
	char more[80] = "";

	/* first what the reads fetch, then what is kept: the listing may
	 * fetch blocks that MFS or a pin reaches through */
	for (size_t i = 0; i < b->nt; i++) {
		struct target *t = &b->t[i];

		if (t->first != i)
			continue;
		if (list_read(b, t, err, sizeof err) < 0) {
			blockset_free(&t->dag);
			t->listed = -1;
			warn_once(t, "cannot list the blocks its read fetches", err);
		} else if (!t->dag.n) {
			t->listed = -1;
			warn_once(t, "its data is inline in its CID: nothing to evict", NULL);
		} else
			t->listed = 1;
	}
	if (find_kept(b) < 0)
		return;
	for (size_t i = 0; i < b->nt; i++) {
		struct target *t = &b->t[i];

		if (t->first != i || t->listed != 1 || !may_go(t, &b->kept))
			continue;
		ntargets++;
		nblocks += t->dag.n;
		bytes += bytes_of(&t->dag, &unsized);
	}
	if (!ntargets) {
		weprintf("--evict: no block is removed: no target's read fetches only blocks of its own");
		return;
	}
	if (unsized)
		snprintf(more, sizeof more, " and %zu the node lacks now, of unknown size", unsized);
	weprintf("--evict: before each cold read, the read's own blocks are removed (block/rm) from "
	    "the node at %s: %zu blocks, %" PRIu64 " bytes%s, of %zu target%s; they are fetched back "
	    "from %s", url_redact(b->api), nblocks, bytes, more, ntargets, ntargets == 1 ? "" : "s",
	    b->provider ? b->provider : "the network (no --provider)");
}

/* Before a removal: when MFS's root moved or the store changed since the
 * kept blocks were found (what was fetched since may join what MFS or a
 * pin reaches), find them again, and check t against them. Whether t may
 * go. */
static int
still_may_go(struct catbench *b, struct target *t)
{
	char err[700], root[sizeof b->mfsroot];
	long stored = -1;

	if (blocks_mfs(&b->node, b->api, root, sizeof root, err, sizeof err) < 0 ||
	    (stored = blocks_local(&b->node, b->api, NULL, err, sizeof err)) < 0) {
		t->stays = 1;
		warn_once(t, "cannot check MFS and the store before removing its blocks: none is removed",
		    err);
		return 0;
	}
	if ((strcmp(root, b->mfsroot) || (size_t)stored != b->kept_stored) && find_kept(b) < 0)
		return 0;
	return may_go(t, &b->kept);
}

const char *
access_cold(struct catbench *b, struct target *t, char *pre, size_t n, uint64_t *expect)
{
	char err[700] = "", what[120];
	struct target *f = &b->t[t->first];
	struct blockset local;
	size_t held;

	*expect = 0;
	access_provider(b, pre, n);
	if (f->listed != 1 || f->stays || !still_may_go(b, f))
		return "-";	/* said once, when found */
	/* what block/rm leaves (a pin made since, say) is counted below; err says why */
	(void)blocks_rm(&b->node, b->api, &f->dag, err, sizeof err);
	if (blocks_local(&b->node, b->api, &local, what, sizeof what) < 0) {
		warn_once(f, "cannot check the blocks are gone", what);
		return "-";
	}
	held = blockset_held(&f->dag, &local);
	blockset_free(&local);
	if (held) {
		snprintf(what, sizeof what, "%zu of its %zu blocks still held after block/rm", held,
		    f->dag.n);
		warn_once(f, what, err);
		return "-";
	}
	if (!strchr(f->path, '/'))
		*expect = f->dag.n;
	return "cold";
}

const char *
access_warm(struct catbench *b, struct target *t)
{
	struct target *f = &b->t[t->first];
	struct blockset local;
	char err[700];
	size_t held;

	if (f->listed != 1)
		return "-";
	if (blocks_local(&b->node, b->api, &local, err, sizeof err) < 0) {
		warn_once(f, "cannot check the node holds its blocks", err);
		return "-";
	}
	held = blockset_held(&f->dag, &local);
	blockset_free(&local);
	return held == f->dag.n ? "warm" : "-";
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
	blockset_free(&b->kept);
	if (b->node.h)
		http_req_free(&b->node);
}
