/* timing/blocks.c: what a node holds of a DAG: refs/local, a walk by
 * block/get, block/rm, bitswap/stat and swarm/connect. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing/blocks.h"
#include "base/sig.h"
#include "base/util.h"
#include "net/rpc.h"
#include "unixfs/cid.h"
#include "unixfs/hamt.h"
#include "unixfs/pb.h"
#include "unixfs/unixfs.h"

enum { BLOCK_MAX = 4 << 20 };	/* more than any node stores in one block */

void
blockset_free(struct blockset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].cid);
	free(s->v);
	memset(s, 0, sizeof *s);
}

static void
key_of(const struct cid *c, char key[180])
{
	struct cid_info ci;
	int k;

	cid_info(c, &ci);
	k = snprintf(key, 180, "%" PRIx64 "-", ci.mhcode);
	for (size_t i = 0; i < ci.dlen && k + 3 < 180; i++)
		k += snprintf(key + k, 180 - k, "%02x", ci.digest[i]);
}

int
blk_key(const char *cid, char key[180])
{
	struct cid c;

	if (cid_parse(&c, cid) < 0)
		return -1;
	key_of(&c, key);
	return 0;
}

int
blk_inline(const char *cid)
{
	struct cid c;
	struct cid_info ci;

	if (cid_parse(&c, cid) < 0)
		return 0;
	cid_info(&c, &ci);
	return ci.mhcode == MH_IDENTITY;
}

static void
add(struct blockset *s, const char *cid, const char *key, uint64_t size)
{
	egrow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n].cid = estrdup(cid);
	snprintf(s->v[s->n].key, sizeof s->v[s->n].key, "%s", key);
	s->v[s->n].size = size;
	s->n++;
}

static int
bykey(const void *a, const void *b)
{
	return strcmp(((const struct blk *)a)->key, ((const struct blk *)b)->key);
}

int
blockset_has(const struct blockset *s, const char *key)
{
	struct blk k;

	snprintf(k.key, sizeof k.key, "%s", key);
	return s->n && bsearch(&k, s->v, s->n, sizeof *s->v, bykey) != NULL;
}

int
blockset_add(struct blockset *s, const char *cid)
{
	char key[180];

	if (blk_key(cid, key) < 0)
		return -1;
	add(s, cid, key, 0);
	return 0;
}

void
blockset_sort(struct blockset *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, bykey);
}

size_t
blockset_held(const struct blockset *dag, const struct blockset *local)
{
	size_t k = 0;

	for (size_t i = 0; i < dag->n; i++)
		k += blockset_has(local, dag->v[i].key);
	return k;
}

/* POST endpoint?query, keeping at most keep bytes: 0, or -1 with err. */
static int
call(struct http_req *r, const char *api, const char *endpoint, const char *query,
    size_t keep, char *err, size_t n)
{
	struct http_stat st;
	char *url = rpc_url(api, endpoint, query), why[700];
	int ok;

	http_req_setup(r, "POST", url, keep, NULL, NULL);
	http_perform(r, &st);
	if (!r->body) {		/* no byte came: an empty reply */
		r->body = estrdup("");
		r->cap = 1;
	}
	ok = rpc_outcome(&st, r->body, why, sizeof why);
	free(url);
	if (ok && r->nread > r->len) {
		snprintf(why, sizeof why, "reply of %" PRIu64 " bytes, more than %zu", r->nread, keep);
		ok = 0;
	}
	if (!ok)
		snprintf(err, n, "%s: %s", endpoint, why);
	return ok ? 0 : -1;
}

/* Each line of an NDJSON reply as a NUL-terminated string, in turn. */
static char *
next_line(char **p)
{
	char *s = *p, *e;

	while (*s == '\n' || *s == '\r')
		s++;
	if (!*s)
		return NULL;
	e = s + strcspn(s, "\n");
	*p = *e ? e + 1 : e;
	*e = '\0';
	return s;
}

long
blocks_local(struct http_req *r, const char *api, struct blockset *out,
    char *err, size_t n)
{
	char *p, *line, ref[CID_MAXSTR + 8], key[180], e[300];
	long count = 0;

	if (out)
		memset(out, 0, sizeof *out);
	if (call(r, api, "refs/local", NULL, SIZE_MAX, err, n) < 0)
		return -1;
	for (p = r->body; (line = next_line(&p)); count++) {
		if (!out)
			continue;
		if (rpc_str(line, "Err", e, sizeof e) == 0 && *e) {
			snprintf(err, n, "refs/local: %s", e);
			blockset_free(out);
			return -1;
		}
		if (rpc_str(line, "Ref", ref, sizeof ref) < 0 || blk_key(ref, key) < 0) {
			snprintf(err, n, "refs/local: a line that names no CID: '%.60s'", line);
			blockset_free(out);
			return -1;
		}
		add(out, ref, key, 0);
	}
	if (out)
		blockset_sort(out);
	return count;
}

/* The walk's set of blocks seen, by key: open addressing over dag's indices. */
struct seen {
	size_t *slot, cap;
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* Whether key is in dag already; if not, it is added (as index dag->n). */
static int
seen_add(struct seen *z, const struct blockset *dag, const char *key)
{
	size_t i;

	if (2 * (dag->n + 1) > z->cap) {
		struct seen w = { ecalloc(z->cap ? 2 * z->cap : 64, sizeof *w.slot), 0 };

		w.cap = z->cap ? 2 * z->cap : 64;
		for (size_t k = 0; k < dag->n; k++) {
			for (i = hash(dag->v[k].key) % w.cap; w.slot[i]; i = (i + 1) % w.cap)
				;
			w.slot[i] = k + 1;
		}
		free(z->slot);
		*z = w;
	}
	for (i = hash(key) % z->cap; z->slot[i]; i = (i + 1) % z->cap)
		if (!strcmp(dag->v[z->slot[i] - 1].key, key))
			return 1;
	z->slot[i] = dag->n + 1;
	return 0;
}

/* Whether a link's name is skip, as a directory or (behind its two hex
 * digits of bucket) a HAMT shard names it. */
static int
skipped(const uint8_t *name, size_t len, const char *skip)
{
	size_t k = skip ? strlen(skip) : 0;

	if (!k)
		return 0;
	if (len == k + 2)
		name += 2, len -= 2;
	return len == k && !memcmp(name, skip, k);
}

/* Queue the links of the dag-pb block b (of the CID named) in dag, but
 * not a link named skip; a raw block's size is its link's Tsize. An
 * identity CID's dag-pb node is held in the CID itself: its links are
 * queued in its place (depth: how many such nodes are around b). */
static int
links(const uint8_t *b, size_t len, const char *name, const char *skip,
    struct blockset *dag, struct seen *z, char *err, size_t n, int depth)
{
	const uint8_t *p = b, *end = b + len, *q, *qend;
	struct pb_field f, g;
	struct cid c;
	struct cid_info ci;
	char s[CID_MAXSTR], key[180];
	int rc;

	while ((rc = pb_next(&p, end, &f)) == 1) {
		const uint8_t *hash = NULL, *lname = NULL;
		size_t hlen = 0, nlen = 0;
		uint64_t tsize = 0;

		if (f.num != 2 || f.type != PB_LEN)
			continue;
		for (q = f.b, qend = f.b + f.len; (rc = pb_next(&q, qend, &g)) == 1;) {
			if (g.num == 1 && g.type == PB_LEN)
				hash = g.b, hlen = g.len;
			else if (g.num == 2 && g.type == PB_LEN)
				lname = g.b, nlen = g.len;
			else if (g.num == 3 && g.type == PB_VARINT)
				tsize = g.v;
		}
		if (rc < 0)
			break;
		if (!hash || skipped(lname, nlen, skip))
			continue;
		if (cid_read(&c, hash, hlen) != hlen) {
			snprintf(err, n, "block %s: a link whose hash is not a CID", name);
			return -1;
		}
		cid_info(&c, &ci);
		if (ci.mhcode == MH_IDENTITY) {	/* inline: no block to hold */
			if (ci.codec == CODEC_DAGPB && (depth >= 64 ||
			    links(ci.digest, ci.dlen, name, skip, dag, z, err, n, depth + 1) < 0)) {
				if (depth >= 64)
					snprintf(err, n, "block %s: identity CIDs nested 64 deep", name);
				return -1;
			}
			continue;
		}
		key_of(&c, key);
		if (!seen_add(z, dag, key))
			add(dag, cid_str(&c, s), key, ci.codec == CODEC_RAW ? tsize : 0);
	}
	if (rc < 0) {
		snprintf(err, n, "block %s: not a dag-pb node", name);
		return -1;
	}
	return 0;
}

/* Add a root to a walk: 0, or -1 when it is not a CID. */
static int
seed(struct blockset *dag, struct seen *z, const char *root, char *err, size_t n)
{
	struct cid c;
	char key[180];

	struct cid_info ci;

	if (cid_parse(&c, root) < 0) {
		snprintf(err, n, "not a CID: %s", root);
		return -1;
	}
	cid_info(&c, &ci);
	if (ci.mhcode == MH_IDENTITY)	/* no block: a dag-pb node's links instead */
		return ci.codec == CODEC_DAGPB ?
		    links(ci.digest, ci.dlen, root, NULL, dag, z, err, n, 1) : 0;
	key_of(&c, key);
	if (!seen_add(z, dag, key))
		add(dag, root, key, 0);
	return 0;
}

/* What a walk does at a block the node lacks (with local). */
enum walk { WALK_FETCH, WALK_STOP, WALK_SKIP };

/* Walk dag from its blocks from index from on, each block's links queued once: 1 when
 * done, 0 at a block lacked (WALK_STOP), -1 on an error. */
static int
walk(struct http_req *r, const char *api, struct blockset *dag, size_t from, struct seen *z,
    const struct blockset *local, enum walk mode, const char *skip, char *err, size_t n)
{
	struct cid c;
	struct cid_info ci;
	char *q, *arg;
	int rc = 1;

	for (size_t i = from; i < dag->n && rc == 1; i++) {
		const char *name = dag->v[i].cid;

		if (interrupted) {
			snprintf(err, n, "interrupted");
			return -1;
		}
		if (local && mode != WALK_FETCH && !blockset_has(local, dag->v[i].key)) {
			if (mode == WALK_STOP)
				return 0;
			continue;
		}
		cid_parse(&c, name);
		cid_info(&c, &ci);
		if (ci.codec == CODEC_RAW)
			continue;
		if (ci.codec != CODEC_DAGPB && mode == WALK_SKIP)
			continue;	/* kept, what is below it unseen (blocks.h) */
		if (ci.codec != CODEC_DAGPB) {
			snprintf(err, n, "block %s: codec 0x%" PRIx64 " (only raw and dag-pb DAGs are walked)",
			    name, ci.codec);
			return -1;
		}
		arg = url_escape(name);
		q = emalloc(strlen(arg) + 8);
		sprintf(q, "arg=%s", arg);
		if (call(r, api, "block/get", q, BLOCK_MAX, err, n) < 0)
			rc = -1;
		else if (cid_verify(&c, r->body, r->len) != 1) {
			snprintf(err, n, "block/get %s: the bytes do not hash to the CID", name);
			rc = -1;
		} else {
			dag->v[i].size = r->len;
			if (links((const uint8_t *)r->body, r->len, name, skip, dag, z, err, n, 0) < 0)
				rc = -1;
		}
		free(q);
		free(arg);
	}
	return rc;
}

/* The DAG under root, walked in mode: walk's status, or -1 with err. */
static int
dag_walk(struct http_req *r, const char *api, const char *root,
    const struct blockset *local, enum walk mode, struct blockset *dag, char *err, size_t n)
{
	struct seen z = { 0 };
	int rc;

	memset(dag, 0, sizeof *dag);
	rc = seed(dag, &z, root, err, n) < 0 ? -1 : walk(r, api, dag, 0, &z, local, mode, NULL, err, n);
	free(z.slot);
	return rc;
}

int
blocks_dag(struct http_req *r, const char *api, const char *root,
    const struct blockset *local, struct blockset *dag, char *err, size_t n)
{
	return dag_walk(r, api, root, local, local ? WALK_STOP : WALK_FETCH, dag, err, n);
}

int
blocks_dag_held(struct http_req *r, const char *api, const char *root,
    const struct blockset *local, struct blockset *dag, char *err, size_t n)
{
	if (dag_walk(r, api, root, local, WALK_SKIP, dag, err, n) >= 0)
		return 0;
	blockset_free(dag);
	return -1;
}

int
blocks_unpin(struct http_req *r, const char *api, const char *cid, char *err, size_t n)
{
	char *q = emalloc(strlen(cid) + 32), why[600];
	int rc;

	sprintf(q, "arg=%s&recursive=true", cid);
	rc = call(r, api, "pin/rm", q, 1 << 16, why, sizeof why);
	free(q);
	if (rc == 0)
		return 1;
	/* Kubo: "not pinned or pinned indirectly"; js-ipfs: "... is not pinned" */
	if (strstr(why, "not pinned"))
		return 0;
	snprintf(err, n, "%s", why);
	return -1;
}

/* Each "Cid" of a pin/ls?stream=true reply of type, seeded in dag (direct:
 * their links are not followed, so they are seeded after the walk). */
static int
pins(struct http_req *r, const char *api, const char *type, struct blockset *dag,
    struct seen *z, size_t *npins, char *err, size_t n)
{
	char q[64], cid[CID_MAXSTR + 8], e[300], *p, *line;

	snprintf(q, sizeof q, "type=%s&stream=true", type);
	if (call(r, api, "pin/ls", q, SIZE_MAX, err, n) < 0)
		return -1;
	for (p = r->body; (line = next_line(&p));) {
		if (rpc_str(line, "Message", e, sizeof e) == 0 ||
		    (rpc_str(line, "Err", e, sizeof e) == 0 && *e)) {
			snprintf(err, n, "pin/ls: %s", e);
			return -1;
		}
		if (rpc_str(line, "Cid", cid, sizeof cid) < 0) {
			snprintf(err, n, "pin/ls: a line that names no CID: '%.60s'", line);
			return -1;
		}
		if (seed(dag, z, cid, err, n) < 0)
			return -1;
		++*npins;
	}
	return 0;
}

int
blocks_mfs(struct http_req *r, const char *api, char *root, size_t rn, char *err, size_t n)
{
	if (call(r, api, "files/stat", "arg=/", 1 << 16, err, n) < 0)
		return -1;
	if (rpc_str(r->body, "Hash", root, rn) < 0 || !*root) {
		snprintf(err, n, "files/stat /: no Hash in '%.60s'", r->body);
		return -1;
	}
	return 0;
}

int
blocks_kept(struct http_req *r, const char *api, const struct blockset *local,
    const char *skip, struct blockset *kept, char *mfsroot, size_t rn, size_t *npins,
    char *err, size_t n)
{
	struct seen z = { 0 };
	size_t from;
	int rc = -1;

	memset(kept, 0, sizeof *kept);
	*npins = 0;
	if (blocks_mfs(r, api, mfsroot, rn, err, n) < 0)
		goto out;
	/* MFS from its root, without the run's own folder (--via mfs); then
	 * the recursive pins' DAGs, from their roots on; then the direct pins */
	if (seed(kept, &z, mfsroot, err, n) < 0 ||
	    walk(r, api, kept, 0, &z, local, WALK_SKIP, skip, err, n) < 0)
		goto out;
	from = kept->n;
	if (pins(r, api, "recursive", kept, &z, npins, err, n) < 0 ||
	    walk(r, api, kept, from, &z, local, WALK_SKIP, NULL, err, n) < 0 ||
	    pins(r, api, "direct", kept, &z, npins, err, n) < 0)
		goto out;
	blockset_sort(kept);
	rc = 0;
out:
	free(z.slot);
	if (rc < 0)
		blockset_free(kept);
	return rc;
}

/* name is the link's name */
static int
named(const struct pb_link *l, const char *name, size_t len)
{
	return l->name && l->namelen == len && !memcmp(l->name, name, len);
}

int
blocks_child(struct http_req *r, const char *api, const char *parent, const char *name,
    char *child, size_t cn, struct blockset *way, char *err, size_t n)
{
	struct pb_node nd = { 0 };
	struct ufs_data u = { 0 };
	char cur[CID_MAXSTR + 8], *q = NULL, pfx[8], cs[CID_MAXSTR];
	const char *why = NULL;
	size_t len = strlen(name), plen;
	unsigned depth = 0;
	uint64_t h = hamt_hash(name, len);
	int rc = -1, idx;

	snprintf(cur, sizeof cur, "%s", parent);
	for (;;) {
		const struct pb_link *next = NULL;

		free(q);
		q = emalloc(strlen(cur) + 8);
		sprintf(q, "arg=%s", cur);
		if (call(r, api, "block/get", q, BLOCK_MAX, err, n) < 0)
			goto out;
		if (!blk_inline(cur)) {
			if (blockset_add(way, cur) < 0) {
				snprintf(err, n, "%s/%s: not a CID: %s", parent, name, cur);
				goto out;
			}
			way->v[way->n - 1].size = r->len;
		}
		if (pb_node_decode(&nd, (const uint8_t *)r->body, r->len, &why) < 0 ||
		    !nd.has_data || ufs_data_decode(&u, nd.data, nd.datalen, &why) < 0) {
			snprintf(err, n, "block %s: not a UnixFS folder (%s)", cur,
			    why ? why : "no Data");
			goto out;
		}
		if (u.type == UFS_DIRECTORY) {
			for (size_t i = 0; i < nd.nlinks && !next; i++)
				if (named(&nd.links[i], name, len))
					next = &nd.links[i];
			if (!next) {
				snprintf(err, n, "%s/%s: no entry named '%s' in the folder %s", parent,
				    name, name, cur);
				goto out;
			}
			snprintf(child, cn, "%s", cid_str(&next->cid, cs));
			rc = 0;
			goto out;
		}
		if (u.type != UFS_HAMTSHARD) {
			snprintf(err, n, "%s/%s: block %s is no folder (UnixFS type %d)", parent, name,
			    cur, u.type);
			goto out;
		}
		/* a shard: the link named by the index of the name's hash at
		 * this depth, alone (a sub-shard) or followed by the name */
		if (u.hashtype != HAMT_MURMUR3 || !hamt_fanout_ok(u.fanout)) {
			snprintf(err, n, "block %s: a HAMT shard of hash type 0x%" PRIx64 ", fanout %"
			    PRIu64 " (only murmur3-x64-64, 0x22, and a power of two are UnixFS's)",
			    cur, u.hashtype, u.fanout);
			goto out;
		}
		if ((idx = hamt_index(h, (unsigned)u.fanout, depth)) < 0) {
			snprintf(err, n, "%s/%s: the HAMT under %s is deeper than the name's hash",
			    parent, name, parent);
			goto out;
		}
		plen = hamt_prefix(pfx, (unsigned)u.fanout, (unsigned)idx);
		for (size_t i = 0; i < nd.nlinks && !next; i++) {
			const struct pb_link *l = &nd.links[i];

			if (l->name && l->namelen >= plen && !memcmp(l->name, pfx, plen) &&
			    (l->namelen == plen ||
			    (l->namelen == plen + len && !memcmp(l->name + plen, name, len))))
				next = l;
		}
		if (!next) {
			snprintf(err, n, "%s/%s: no entry named '%s' in the HAMT shard %s", parent,
			    name, name, cur);
			goto out;
		}
		cid_str(&next->cid, cs);
		if (next->namelen > plen) {
			snprintf(child, cn, "%s", cs);
			rc = 0;
			goto out;
		}
		snprintf(cur, sizeof cur, "%s", cs);	/* the sub-shard */
		depth++;
	}
out:
	free(q);
	free(nd.links);
	free(u.blocksizes);
	return rc;
}

int
blocks_size(struct http_req *r, const char *api, struct blk *k, char *err, size_t n)
{
	char *q = emalloc(strlen(k->cid) + 8);
	int64_t size;
	int rc = -1;

	sprintf(q, "arg=%s", k->cid);
	if (call(r, api, "block/stat", q, 1 << 16, err, n) < 0)
		;
	else if (rpc_int(r->body, "Size", &size) < 0 || size < 0)
		snprintf(err, n, "block/stat %s: no Size in '%.60s'", k->cid, r->body);
	else {
		k->size = (uint64_t)size;
		rc = 0;
	}
	free(q);
	return rc;
}

/* Not with force=true: js-ipfs then hides every error, a pin's too. A
 * block the node lacks is no error: js-ipfs says "block not found", Kubo
 * (boxo) "ipld: could not find CID". Every batch is sent whatever the
 * errors of the others. */
int
blocks_rm(struct http_req *r, const char *api, const struct blockset *dag,
    char *err, size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < dag->n && !interrupted; i += 64) {
		size_t len = 32, k, got;
		char *q, *p, *line, e[400], e1[600], h[CID_MAXSTR], why[600];
		int cut;

		for (k = i; k < dag->n && k < i + 64; k++)
			len += strlen(dag->v[k].cid) + 5;
		q = p = emalloc(len);
		for (k = i; k < dag->n && k < i + 64; k++)
			p += sprintf(p, "%sarg=%s", k > i ? "&" : "", dag->v[k].cid);
		/* js-ipfs 0.18 under load was seen to answer every block, then
		 * hold its reply open to the timeout: all answered is an answer
		 * (and the caller checks the blocks gone in any case) */
		cut = call(r, api, "block/rm", q, SIZE_MAX, why, sizeof why) < 0;
		*e1 = '\0';
		for (p = r->body, got = 0; (line = next_line(&p));) {
			if (rpc_str(line, "Hash", h, sizeof h) < 0 || !*h)
				snprintf(h, sizeof h, "?");
			else
				got++;
			if (rpc_str(line, "Error", e, sizeof e) == 0 && *e && !*e1 &&
			    !strstr(e, "not found") && !strstr(e, "could not find"))
				snprintf(e1, sizeof e1, "block/rm %s: %s", h, e);
		}
		if ((cut && got < k - i) || *e1) {
			if (!rc)
				snprintf(err, n, "%s", cut && got < k - i ? why : e1);
			rc = -1;
		}
		free(q);
	}
	return rc;
}

int
bitswap_received(struct http_req *r, const char *api, uint64_t *blocks,
    uint64_t *bytes, char *err, size_t n)
{
	int64_t b, d;

	if (call(r, api, "bitswap/stat", NULL, 16 << 20, err, n) < 0)
		return -1;
	if (rpc_int(r->body, "BlocksReceived", &b) < 0 || rpc_int(r->body, "DataReceived", &d) < 0 ||
	    b < 0 || d < 0) {
		snprintf(err, n, "bitswap/stat: no BlocksReceived and DataReceived counts in '%.60s'",
		    r->body);
		return -1;
	}
	*blocks = (uint64_t)b;
	*bytes = (uint64_t)d;
	return 0;
}

int
swarm_connect(struct http_req *r, const char *api, const char *addr, char *err, size_t n)
{
	char *arg = url_escape(addr), *q = emalloc(strlen(arg) + 8);
	int rc;

	sprintf(q, "arg=%s", arg);
	rc = call(r, api, "swarm/connect", q, 1 << 16, err, n);
	free(q);
	free(arg);
	return rc;
}
