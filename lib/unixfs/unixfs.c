/* unixfs/unixfs.c: dag-pb and UnixFS Data encoding and decoding. */
#include <string.h>

#include "unixfs/unixfs.h"
#include "base/util.h"
#include "unixfs/pb.h"

/* Field numbers of the dag-pb and UnixFS schemas. */
enum { PBNODE_DATA = 1, PBNODE_LINKS = 2 };
enum { PBLINK_HASH = 1, PBLINK_NAME = 2, PBLINK_TSIZE = 3 };
enum { UFS_F_TYPE = 1, UFS_F_DATA = 2, UFS_F_FILESIZE = 3, UFS_F_BLOCKSIZES = 4,
    UFS_F_HASHTYPE = 5, UFS_F_FANOUT = 6 };

uint8_t *
ufs_leaf_wrap(uint8_t *data, size_t n, size_t *blen)
{
	uint8_t head[UFS_LEAF_HEAD];
	size_t ufslen, h = 0, t = 0;

	if (n == 0) {
		/* 0a 04 08 02 18 00: no Data bytes, filesize 0 */
		static const uint8_t empty[] = { 0x0a, 0x04, 0x08, 0x02, 0x18, 0x00 };
		memcpy(data - sizeof empty, empty, sizeof empty);
		*blen = sizeof empty;
		return data - sizeof empty;
	}
	ufslen = 2 + 1 + varint_len(n) + n + 1 + varint_len(n);
	h += pb_put_lenhdr(head + h, PBNODE_DATA, ufslen);
	h += pb_put_varint(head + h, UFS_F_TYPE, UFS_FILE);
	h += pb_put_lenhdr(head + h, UFS_F_DATA, n);
	memcpy(data - h, head, h);
	t = pb_put_varint(data + n, UFS_F_FILESIZE, n);
	*blen = h + n + t;
	return data - h;
}

size_t
ufs_node_maxlen(size_t n)
{
	/* per link: key+len 1+2, hash key+len 2 + cid, name 2, tsize 11;
	 * per blocksize 11; the Data header, type and filesize. */
	return n * (3 + 2 + CID_MAXBYTES + 2 + 11 + 11) + 4 + 2 + 11;
}

size_t
ufs_node_encode(uint8_t *out, const struct ufs_child *c, size_t n)
{
	uint64_t total = 0;
	size_t i, o = 0, ll, dl;

	for (i = 0; i < n; i++) {
		ll = 1 + varint_len(c[i].cid.len) + c[i].cid.len + 2 +
		    1 + varint_len(c[i].tsize);
		o += pb_put_lenhdr(out + o, PBNODE_LINKS, ll);
		o += pb_put_bytes(out + o, PBLINK_HASH, c[i].cid.b, c[i].cid.len);
		o += pb_put_lenhdr(out + o, PBLINK_NAME, 0);
		o += pb_put_varint(out + o, PBLINK_TSIZE, c[i].tsize);
		total += c[i].filesize;
	}
	dl = 2 + 1 + varint_len(total);
	for (i = 0; i < n; i++)
		dl += 1 + varint_len(c[i].filesize);
	o += pb_put_lenhdr(out + o, PBNODE_DATA, dl);
	o += pb_put_varint(out + o, UFS_F_TYPE, UFS_FILE);
	o += pb_put_varint(out + o, UFS_F_FILESIZE, total);
	for (i = 0; i < n; i++)
		o += pb_put_varint(out + o, UFS_F_BLOCKSIZES, c[i].filesize);
	return o;
}

static int
link_decode(struct pb_link *l, const uint8_t *p, const uint8_t *end, const char **why)
{
	struct pb_field f;
	int r, have_hash = 0;

	l->tsize = 0;
	l->name = NULL;
	l->namelen = 0;
	while ((r = pb_next(&p, end, &f)) > 0) {
		if (f.num == PBLINK_HASH && f.type == PB_LEN) {
			if (cid_read(&l->cid, f.b, f.len) != f.len) {
				*why = "link with a malformed CID";
				return -1;
			}
			have_hash = 1;
		} else if (f.num == PBLINK_NAME && f.type == PB_LEN) {
			l->name = f.b;
			l->namelen = f.len;
		} else if (f.num == PBLINK_TSIZE && f.type == PB_VARINT) {
			l->tsize = f.v;
		} else {
			*why = "unknown field in a PBLink";
			return -1;
		}
	}
	if (r < 0 || !have_hash) {
		*why = r < 0 ? "malformed PBLink" : "PBLink without a Hash";
		return -1;
	}
	return 0;
}

int
pb_node_decode(struct pb_node *nd, const uint8_t *b, size_t n, const char **why)
{
	const uint8_t *p = b, *end = b + n;
	struct pb_field f;
	int r;

	nd->has_data = 0;
	nd->data = NULL;
	nd->datalen = 0;
	nd->nlinks = 0;
	while ((r = pb_next(&p, end, &f)) > 0) {
		if (f.num == PBNODE_LINKS && f.type == PB_LEN) {
			egrow((void **)&nd->links, &nd->cap, nd->nlinks + 1, sizeof *nd->links);
			if (link_decode(&nd->links[nd->nlinks], f.b, f.b + f.len, why) < 0)
				return -1;
			nd->nlinks++;
		} else if (f.num == PBNODE_DATA && f.type == PB_LEN) {
			nd->data = f.b;
			nd->datalen = f.len;
			nd->has_data = 1;
		} else {
			*why = "not a dag-pb node (unknown field)";
			return -1;
		}
	}
	if (r < 0) {
		*why = "not a dag-pb node (malformed protobuf)";
		return -1;
	}
	return 0;
}

/* blocksizes written packed (proto3 style) by some encoders */
static int
packed_decode(struct ufs_data *u, const uint8_t *p, size_t n)
{
	uint64_t v;
	size_t k;

	while (n > 0) {
		if (!(k = varint_get(p, n, &v)))
			return -1;
		egrow((void **)&u->blocksizes, &u->cap, u->nblocksizes + 1,
		    sizeof *u->blocksizes);
		u->blocksizes[u->nblocksizes++] = v;
		p += k;
		n -= k;
	}
	return 0;
}

int
ufs_data_decode(struct ufs_data *u, const uint8_t *b, size_t n, const char **why)
{
	const uint8_t *p = b, *end = b + n;
	struct pb_field f;
	int r, have_type = 0;

	u->data = NULL;
	u->datalen = 0;
	u->filesize = 0;
	u->has_filesize = 0;
	u->nblocksizes = 0;
	u->hashtype = u->fanout = 0;
	while ((r = pb_next(&p, end, &f)) > 0) {
		if (f.num == UFS_F_TYPE && f.type == PB_VARINT) {
			u->type = f.v;
			have_type = 1;
		} else if (f.num == UFS_F_DATA && f.type == PB_LEN) {
			u->data = f.b;
			u->datalen = f.len;
		} else if (f.num == UFS_F_FILESIZE && f.type == PB_VARINT) {
			u->filesize = f.v;
			u->has_filesize = 1;
		} else if (f.num == UFS_F_BLOCKSIZES && f.type == PB_VARINT) {
			egrow((void **)&u->blocksizes, &u->cap, u->nblocksizes + 1,
			    sizeof *u->blocksizes);
			u->blocksizes[u->nblocksizes++] = f.v;
		} else if (f.num == UFS_F_BLOCKSIZES && f.type == PB_LEN) {
			if (packed_decode(u, f.b, f.len) < 0) {
				*why = "malformed packed blocksizes";
				return -1;
			}
		} else if (f.num == UFS_F_HASHTYPE && f.type == PB_VARINT) {
			u->hashtype = f.v;
		} else if (f.num == UFS_F_FANOUT && f.type == PB_VARINT) {
			u->fanout = f.v;
		}
		/* mode, mtime: not needed to read a file */
	}
	if (r < 0 || !have_type) {
		*why = r < 0 ? "malformed UnixFS Data" : "UnixFS Data without a Type";
		return -1;
	}
	return 0;
}
