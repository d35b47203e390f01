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
#include "unixfs/pb.h"

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
add(struct blockset *s, const char *cid, const char *key)
{
	egrow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n].cid = estrdup(cid);
	snprintf(s->v[s->n].key, sizeof s->v[s->n].key, "%s", key);
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
		add(out, ref, key);
	}
	if (out)
		qsort(out->v, out->n, sizeof *out->v, bykey);
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

/* Queue the links of the dag-pb block b (of the CID named) in dag. */
static int
links(const uint8_t *b, size_t len, const char *name, struct blockset *dag,
    struct seen *z, char *err, size_t n)
{
	const uint8_t *p = b, *end = b + len, *q, *qend;
	struct pb_field f, g;
	struct cid c;
	struct cid_info ci;
	char s[CID_MAXSTR], key[180];
	int rc;

	while ((rc = pb_next(&p, end, &f)) == 1) {
		if (f.num != 2 || f.type != PB_LEN)
			continue;
		for (q = f.b, qend = f.b + f.len; (rc = pb_next(&q, qend, &g)) == 1;) {
			if (g.num != 1 || g.type != PB_LEN)
				continue;
			if (cid_read(&c, g.b, g.len) != g.len) {
				snprintf(err, n, "block %s: a link whose hash is not a CID", name);
				return -1;
			}
			cid_info(&c, &ci);
			if (ci.mhcode == MH_IDENTITY)
				continue;	/* inline: no block to hold */
			key_of(&c, key);
			if (!seen_add(z, dag, key))
				add(dag, cid_str(&c, s), key);
		}
		if (rc < 0)
			break;
	}
	if (rc < 0) {
		snprintf(err, n, "block %s: not a dag-pb node", name);
		return -1;
	}
	return 0;
}

int
blocks_dag(struct http_req *r, const char *api, const char *root,
    const struct blockset *local, struct blockset *dag, char *err, size_t n)
{
	struct seen z = { 0 };
	struct cid c;
	struct cid_info ci;
	char key[180], *q, *arg;
	int rc = 1;

	memset(dag, 0, sizeof *dag);
	if (cid_parse(&c, root) < 0) {
		snprintf(err, n, "not a CID: %s", root);
		return -1;
	}
	key_of(&c, key);
	seen_add(&z, dag, key);
	add(dag, root, key);
	for (size_t i = 0; i < dag->n && rc == 1; i++) {
		const char *name = dag->v[i].cid;

		if (interrupted) {
			snprintf(err, n, "interrupted");
			rc = -1;
			break;
		}
		if (local && !blockset_has(local, dag->v[i].key)) {
			rc = 0;
			break;
		}
		cid_parse(&c, name);
		cid_info(&c, &ci);
		if (ci.codec == CODEC_RAW)
			continue;
		if (ci.codec != CODEC_DAGPB) {
			snprintf(err, n, "block %s: codec 0x%" PRIx64 " (only raw and dag-pb DAGs are walked)",
			    name, ci.codec);
			rc = -1;
			break;
		}
		arg = url_escape(name);
		q = emalloc(strlen(arg) + 8);
		sprintf(q, "arg=%s", arg);
		if (call(r, api, "block/get", q, BLOCK_MAX, err, n) < 0)
			rc = -1;
		else if (cid_verify(&c, r->body, r->len) != 1) {
			snprintf(err, n, "block/get %s: the bytes do not hash to the CID", name);
			rc = -1;
		} else if (links((const uint8_t *)r->body, r->len, name, dag, &z, err, n) < 0)
			rc = -1;
		free(q);
		free(arg);
	}
	free(z.slot);
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
		size_t len = 32, k;
		char *q, *p, *line, e[400], h[CID_MAXSTR], why[600];

		for (k = i; k < dag->n && k < i + 64; k++)
			len += strlen(dag->v[k].cid) + 5;
		q = p = emalloc(len);
		for (k = i; k < dag->n && k < i + 64; k++)
			p += sprintf(p, "%sarg=%s", k > i ? "&" : "", dag->v[k].cid);
		if (call(r, api, "block/rm", q, SIZE_MAX, why, sizeof why) < 0) {
			if (!rc)
				snprintf(err, n, "%s", why);
			rc = -1;
		} else {
			for (p = r->body; (line = next_line(&p));)
				if (rpc_str(line, "Error", e, sizeof e) == 0 && *e && !rc &&
				    !strstr(e, "not found") && !strstr(e, "could not find")) {
					if (rpc_str(line, "Hash", h, sizeof h) < 0)
						snprintf(h, sizeof h, "?");
					snprintf(err, n, "block/rm %s: %s", h, e);
					rc = -1;
				}
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
