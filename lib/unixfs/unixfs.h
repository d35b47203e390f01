/* unixfs/unixfs.h: dag-pb nodes (PBNode, PBLink) and UnixFS Data, both ways. */
#ifndef UNIXFS_H
#define UNIXFS_H

#include <stddef.h>
#include <stdint.h>

#include "unixfs/cid.h"

enum { UFS_RAW = 0, UFS_DIRECTORY = 1, UFS_FILE = 2, UFS_METADATA = 3,
    UFS_SYMLINK = 4, UFS_HAMTSHARD = 5 };

/* Room to leave before and after a leaf's bytes for its dag-pb wrapping. */
enum { UFS_LEAF_HEAD = 16, UFS_LEAF_TAIL = 11 };

/*
 * Wrap the n bytes at data as a dag-pb UnixFS File leaf in place: write
 * the head just before data and the tail just after it (the caller leaves
 * UFS_LEAF_HEAD and UFS_LEAF_TAIL bytes of room) and return the start of
 * the block; *blen gets its length. As Kubo and js-ipfs build it:
 * PBNode{Data: Data{Type: File, Data: bytes, filesize: n}}, and for n = 0
 * no Data bytes field at all.
 */
uint8_t *ufs_leaf_wrap(uint8_t *data, size_t n, size_t *blen);

/* A link of an internal File node being built. */
struct ufs_child {
	struct cid cid;
	uint64_t tsize;		/* the child's block plus all below it */
	uint64_t filesize;	/* file bytes below the child */
	uint64_t offset;	/* file offset of those bytes (not encoded) */
};

/* Bytes ufs_node_encode needs at most for n children. */
size_t ufs_node_maxlen(size_t n);
/*
 * Encode an internal File node over n children in canonical dag-pb
 * order (Links, then Data): each PBLink{Hash, Name: "", Tsize}, then
 * Data{Type: File, filesize: sum, blocksizes: each child's filesize}.
 * Returns the length written at out.
 */
size_t ufs_node_encode(uint8_t *out, const struct ufs_child *c, size_t n);

/* A decoded PBLink: its target, its Name (into the block; NULL when
 * absent) and Tsize (0 when absent). */
struct pb_link {
	struct cid cid;
	const uint8_t *name;
	size_t namelen;
	uint64_t tsize;
};

/* A decoded PBNode; links grows as needed and is reused between calls. */
struct pb_node {
	const uint8_t *data;	/* Data field (points into the block) */
	size_t datalen;
	int has_data;
	struct pb_link *links;
	size_t nlinks, cap;
};

/* A decoded UnixFS Data message; blocksizes grows and is reused. */
struct ufs_data {
	int type;
	const uint8_t *data;
	size_t datalen;
	uint64_t filesize;
	int has_filesize;
	uint64_t *blocksizes;
	size_t nblocksizes, cap;
	uint64_t hashtype, fanout;	/* a HAMT shard's (0 when absent) */
};

/* Decoders return 0, or -1 with *why set to a static description. */
int pb_node_decode(struct pb_node *nd, const uint8_t *b, size_t n, const char **why);
int ufs_data_decode(struct ufs_data *u, const uint8_t *b, size_t n, const char **why);

#endif
