/* Unit tests: the balanced DAG builder, checked by walking what it made. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/prng.h"
#include "base/util.h"
#include "tap.h"
#include "unixfs/cid.h"
#include "unixfs/dag.h"
#include "unixfs/unixfs.h"

struct blk {
	struct cid cid;
	uint8_t *data;
	size_t len;
};

static struct blk *store;
static size_t nstore, capstore;

struct src {
	const uint8_t *p;
	size_t n, off;
	struct prng r;
};

/* Hand out the file in pieces of random sizes, as a pipe would. */
static ssize_t
srcread(void *arg, void *buf, size_t n)
{
	struct src *s = arg;
	size_t k = s->n - s->off;

	if (k > n)
		k = n;
	if (k > 1)
		k = 1 + prng_below(&s->r, k);
	memcpy(buf, s->p + s->off, k);
	s->off += k;
	return k;
}

static struct blk *
find(const struct cid *c, size_t before)
{
	size_t i;

	for (i = 0; i < before; i++)
		if (cid_equal(&store[i].cid, c))
			return &store[i];
	return NULL;
}

/*
 * Walk the node, append its file bytes to out, check sizes; returns the
 * depth of its leaves or -1 on any inconsistency (with a message).
 */
static int
walk(const struct blk *b, size_t idx, uint8_t *out, size_t *outlen, uint64_t *tsize)
{
	struct pb_node nd = { 0 };
	struct ufs_data u = { 0 };
	struct cid_info ci;
	const char *why;
	uint64_t sum = 0, ts = 0, sub;
	int depth = -2, dd;
	size_t i;
	struct blk *k;

	cid_info(&b->cid, &ci);
	if (cid_verify(&b->cid, b->data, b->len) != 1)
		return printf("# hash mismatch\n"), -1;
	if (ci.codec == CODEC_RAW) {
		memcpy(out + *outlen, b->data, b->len);
		*outlen += b->len;
		*tsize = b->len;
		return 0;
	}
	if (pb_node_decode(&nd, b->data, b->len, &why) < 0 ||
	    ufs_data_decode(&u, nd.data, nd.datalen, &why) < 0)
		return printf("# %s\n", why), -1;
	if (u.type != UFS_FILE || !u.has_filesize)
		return printf("# not a file node with filesize\n"), -1;
	if (nd.nlinks == 0) {
		if (u.datalen)	/* an empty leaf has no Data bytes: u.data is NULL */
			memcpy(out + *outlen, u.data, u.datalen);
		*outlen += u.datalen;
		*tsize = b->len;
		if (u.filesize != u.datalen)
			return printf("# leaf filesize\n"), -1;
		free(nd.links);
		free(u.blocksizes);
		return 0;
	}
	if (u.nblocksizes != nd.nlinks || u.datalen)
		return printf("# blocksizes do not match links\n"), -1;
	for (i = 0; i < nd.nlinks; i++) {
		size_t before = *outlen;

		/* children come before their parent */
		if (!(k = find(&nd.links[i].cid, idx)))
			return printf("# link to a later or missing block\n"), -1;
		if ((dd = walk(k, k - store, out, outlen, &sub)) < 0)
			return -1;
		if (depth != -2 && dd != depth)
			return printf("# unbalanced\n"), -1;
		depth = dd;
		if (*outlen - before != u.blocksizes[i] || nd.links[i].tsize != sub)
			return printf("# blocksize or tsize mismatch\n"), -1;
		sum += u.blocksizes[i];
		ts += sub;
	}
	if (sum != u.filesize)
		return printf("# filesize is not the sum of blocksizes\n"), -1;
	*tsize = b->len + ts;
	free(nd.links);
	free(u.blocksizes);
	return depth + 1;
}

/* Build, then check and return the depth (-1: broken). */
static int
build(const uint8_t *data, size_t n, const struct dag_opts *o, size_t *nblocks,
    struct cid *root)
{
	struct src s = { data, n, 0, { { 0 } } };
	struct dag_block b;
	struct dag *d;
	uint8_t *out = emalloc(n + 1);
	size_t outlen = 0, i;
	uint64_t ts;
	int r, depth, roots = 0, lastroot = 0, offsets = 1;

	prng_seed(&s.r, n);
	nstore = 0;
	d = dag_open(o, srcread, &s);
	while ((r = dag_next(d, &b)) > 0) {
		egrow((void **)&store, &capstore, nstore + 1, sizeof *store);
		store[nstore].cid = b.cid;
		store[nstore].data = memcpy(emalloc(b.len), b.data, b.len);
		store[nstore].len = b.len;
		if (b.seq != nstore)
			offsets = 0;
		if (b.leaf && b.offset + b.filesize > n)
			offsets = 0;
		nstore++;
		roots += b.root;
		lastroot = b.root;
	}
	dag_close(d);
	*nblocks = nstore;
	*root = store[nstore - 1].cid;
	depth = r == 0 && roots == 1 && lastroot && offsets ?
	    walk(&store[nstore - 1], nstore - 1, out, &outlen, &ts) : -1;
	if (depth >= 0 && (outlen != n || memcmp(out, data, n))) {
		printf("# file bytes differ\n");
		depth = -1;
	}
	for (i = 0; i < nstore; i++)
		free(store[i].data);
	free(out);
	return depth;
}

int
main(void)
{
	static const struct { size_t size, chunk, maxlinks; int depth; size_t blocks; } t[] = {
		{ 0, 4, 3, 0, 1 },
		{ 1, 4, 3, 0, 1 },
		{ 4, 4, 3, 0, 1 },
		{ 5, 4, 3, 1, 3 },
		{ 12, 4, 3, 1, 4 },		/* 3 leaves: one full node */
		{ 13, 4, 3, 2, 7 },		/* 4 leaves: 2 levels */
		{ 36, 4, 3, 2, 13 },		/* 9 leaves: full 2 levels */
		{ 37, 4, 3, 3, 17 },		/* 10 leaves: 3 levels */
		{ 1000, 7, 174, 1, 144 },
		{ 174 * 5, 5, 174, 1, 175 },
		{ 174 * 5 + 1, 5, 174, 2, 178 },
	};
	struct dag_opts o = { 0 };
	struct cid root;
	char name[160], s[CID_MAXSTR];
	size_t i, nb;
	uint8_t *data;
	struct prng r;
	int v, depth;

	data = emalloc(1 << 20);
	prng_seed(&r, 7);
	prng_fill(&r, data, 1 << 20);
	for (v = 0; v < 3; v++) {
		o.cidver = v == 2;
		o.raw_leaves = v >= 1;
		for (i = 0; i < sizeof t / sizeof t[0]; i++) {
			o.chunk = t[i].chunk;
			o.maxlinks = t[i].maxlinks;
			depth = build(data, t[i].size, &o, &nb, &root);
			snprintf(name, sizeof name,
			    "%s: %zu bytes, chunk %zu, %zu links: depth %d, %zu blocks",
			    v == 0 ? "v0" : v == 1 ? "v0 raw leaves" : "v1", t[i].size,
			    t[i].chunk, t[i].maxlinks, t[i].depth, t[i].blocks);
			CHECK(name, depth == t[i].depth && nb == t[i].blocks);
		}
	}
	o.chunk = 262144;
	o.cidver = 0;
	o.raw_leaves = 0;
	o.maxlinks = 0;
	build((const uint8_t *)"hello", 5, &o, &nb, &root);
	CHECK_STR("hello as ipfs add makes it", cid_str(&root, s),
	    "QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX");
	o.chunk = 0;
	CHECK("chunk 0 is refused", dag_opts_check(&o) != NULL);
	o.chunk = DAG_CHUNK_MAX + 1;
	CHECK("chunk over 1 MiB is refused", dag_opts_check(&o) != NULL);
	free(data);
	free(store);
	TAP_DONE();
}
