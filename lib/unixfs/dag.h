/* unixfs/dag.h: the balanced UnixFS file DAG of `ipfs add`, built as a stream. */
#ifndef DAG_H
#define DAG_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "unixfs/cid.h"

enum {
	DAG_CHUNK_DEFAULT = 262144,	/* Kubo's size-262144 */
	DAG_CHUNK_MAX = 1048576,	/* Kubo's chunker limit */
	DAG_MAXLINKS = 174,		/* Kubo's Import.UnixFSFileMaxLinks */
};

struct dag_opts {
	size_t chunk;		/* fixed chunk size, 1..DAG_CHUNK_MAX */
	int cidver;		/* 0 or 1 */
	int raw_leaves;		/* leaves as raw blocks (always CIDv1) */
	size_t maxlinks;	/* 0: DAG_MAXLINKS */
};

/* One block of the DAG, in the order blocks are made. */
struct dag_block {
	struct cid cid;
	const uint8_t *data;	/* valid until the next dag_next() */
	size_t len;
	uint64_t seq;		/* 0, 1, 2 ... */
	int leaf, root;		/* the root is always the last block */
	uint64_t offset;	/* file offset of the bytes below the block */
	uint64_t filesize;	/* file bytes below the block */
};

/* Where the file comes from: like read(2), -1 with errno on an error. */
typedef ssize_t dag_readfn(void *arg, void *buf, size_t n);

/* A dag_readfn reading the file descriptor *(int *)arg. */
ssize_t dag_fdread(void *arg, void *buf, size_t n);

struct dag;

/* A builder reading its file through rd(arg, ...). */
struct dag *dag_open(const struct dag_opts *o, dag_readfn *rd, void *arg);
/*
 * The next block: children always come before their parent, the root
 * last, leaves in file order. Returns 1 with a block, 0 after the root,
 * -1 on a read error (errno set). Memory stays constant: two chunks and
 * one node per tree level.
 */
int dag_next(struct dag *d, struct dag_block *b);
/* File bytes read so far. */
uint64_t dag_bytes(const struct dag *d);
void dag_close(struct dag *d);

/* Check opts; returns NULL or a description of what is wrong. */
const char *dag_opts_check(const struct dag_opts *o);

/*
 * Check a chunker spec as Kubo's add parses it (go-ipfs-chunker): "" or
 * "default", "size-N" (0 < N <= 1 MiB), "rabin", "rabin-AVG",
 * "rabin-MIN-AVG-MAX" (16 <= MIN < AVG < MAX <= 1 MiB), "buzhash".
 * 0, or -1 with the reason in why.
 */
int dag_chunker_check(const char *spec, char *why, size_t n);

#endif
