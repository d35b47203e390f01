/* timing/blocks.h: what a node holds of a DAG, as ipfs-time-cat sees it
 * between timed reads: its store (refs/local), a DAG's blocks, eviction
 * (block/rm), its bitswap counters and its swarm connections. Every call
 * here is an untimed RPC call on one reused request slot. */
#ifndef BLOCKS_H
#define BLOCKS_H

#include <stddef.h>
#include <stdint.h>

#include "net/http.h"

/* A block named by its CID as the node printed it, keyed by its multihash
 * (refs/local names blocks as raw CIDv1, refs and links as any CID). */
struct blk {
	char *cid;
	char key[180];		/* hex multihash code, '-', hex digest */
	uint64_t size;		/* its bytes, when a walk learnt them; else 0 */
};

struct blockset {
	struct blk *v;
	size_t n, cap;
};

void blockset_free(struct blockset *s);
/* Whether s, sorted by blocks_local, holds a block with key. */
int blockset_has(const struct blockset *s, const char *key);
/* Add the block of a CID (its size unknown): 0, or -1 when not a CID. */
int blockset_add(struct blockset *s, const char *cid);
/* Sort s by key, for blockset_has. */
void blockset_sort(struct blockset *s);
/* How many blocks of dag local holds. */
size_t blockset_held(const struct blockset *dag, const struct blockset *local);
/* The multihash key of a CID's text form: 0, or -1 when it is not a CID. */
int blk_key(const char *cid, char key[180]);
/* Whether a CID's multihash is the identity: its data is inline, no block
 * is stored or fetched for it. */
int blk_inline(const char *cid);

/*
 * The node's whole store (refs/local), sorted for blockset_has; with out
 * NULL, only counted. One call, whose reply grows with the store (about
 * 70 bytes a block). The number of blocks, or -1 with the reason in err.
 */
long blocks_local(struct http_req *r, const char *api, struct blockset *out,
    char *err, size_t n);

/*
 * The blocks of the DAG under root (a CID), root first, each once, by
 * block/get and dag-pb links (raw blocks are leaves). With local, only the
 * blocks local holds are asked for, so nothing is fetched from the
 * network: the walk stops at the first block local lacks and returns 0.
 * Without local, block/get fetches what the node lacks. Returns 1 when
 * every block was listed, 0 as said, -1 on an error (err: which block,
 * why; codecs other than raw and dag-pb cannot be walked). Identity CIDs
 * are no blocks: an inline dag-pb node's links are listed instead (so an
 * inline root is not in dag). A block's size
 * is known when it was fetched (dag-pb) or its link gave it (raw).
 */
int blocks_dag(struct http_req *r, const char *api, const char *root,
    const struct blockset *local, struct blockset *dag, char *err, size_t n);

/* The blocks of the DAG under root that local holds, root first, each
 * once: a block local lacks is left out and what only it links to is not
 * seen; a block of a codec other than raw and dag-pb is a leaf. Nothing is
 * fetched. 0, or -1 with err. */
int blocks_dag_held(struct http_req *r, const char *api, const char *root,
    const struct blockset *local, struct blockset *dag, char *err, size_t n);

/* Remove root's recursive pin (pin/rm): 1 when it was pinned, 0 when it
 * was not, -1 with err on another error. */
int blocks_unpin(struct http_req *r, const char *api, const char *cid, char *err, size_t n);

/* The CID of MFS's root now (files/stat /): 0, or -1 with err. */
int blocks_mfs(struct http_req *r, const char *api, char *root, size_t rn, char *err, size_t n);

/*
 * What --evict must never remove: the blocks reachable from the root of
 * MFS (files/stat /), leaving out links named skip (the run's own folder;
 * NULL: none), and from the recursive pins (pin/ls), and the direct pins,
 * walked over the blocks local holds only: nothing is fetched, and a block
 * the node lacks, or of a codec other than raw and dag-pb, is kept but
 * what only it links to is not seen; an identity CID's inline dag-pb node
 * is walked through. One
 * block/get per dag-pb block. MFS's root CID in mfsroot, the pins counted
 * in *npins; kept sorted. 0, or -1 with err.
 */
int blocks_kept(struct http_req *r, const char *api, const struct blockset *local,
    const char *skip, struct blockset *kept, char *mfsroot, size_t rn, size_t *npins,
    char *err, size_t n);

/*
 * The child NAME of the UnixFS folder PARENT (a CID), read block by block
 * (block/get, which fetches what the node lacks): its CID into child. Each
 * block on the way, the folder's and, in a HAMT-sharded folder, the
 * sub-shards the name's hash leads through, is added to way with its size:
 * what a read of PARENT/NAME fetches besides the child's DAG. 0, or -1
 * with err (a name not there, a block that is no folder).
 */
int blocks_child(struct http_req *r, const char *api, const char *parent, const char *name,
    char *child, size_t cn, struct blockset *way, char *err, size_t n);

/* A block's size from block/stat, into k->size: 0, or -1 with err. */
int blocks_size(struct http_req *r, const char *api, struct blk *k, char *err, size_t n);

/* Remove every block of dag from the node (block/rm), 64 a call, every
 * call made; blocks it lacks are not errors. 0, or -1 with the first
 * other error. */
int blocks_rm(struct http_req *r, const char *api, const struct blockset *dag,
    char *err, size_t n);

/* The node's bitswap counters (bitswap/stat BlocksReceived, DataReceived). */
int bitswap_received(struct http_req *r, const char *api, uint64_t *blocks,
    uint64_t *bytes, char *err, size_t n);

/* swarm/connect to a multiaddr: 0, or -1 with the node's reason. */
int swarm_connect(struct http_req *r, const char *api, const char *addr,
    char *err, size_t n);

#endif
