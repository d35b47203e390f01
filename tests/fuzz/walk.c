/*
 * tests/fuzz/walk.c: the retrieval walker of chunk-put -g (xfer/fetch.c)
 * against an in-memory node that serves the blocks the input describes.
 * This file's runner_run replaces net/runner's (the linker then leaves
 * runner.o out): it answers each block/get from memory, finishing the
 * requests in flight in an order the input picks, so the walker's
 * ordering, window and size checks all run without a network.
 *
 * Input: one flags byte (bit 0 seekable output, bits 1-2 requests in
 * flight - 1, bit 3 finish the newest request first), then blocks, each a
 * 2-byte big-endian length, a kind byte (bit 0: raw, else dag-pb) and its
 * bytes. Block 0 is the root. In a dag-pb block, a link whose Hash is one
 * byte k names block k % n when that block comes later (so the DAG has no
 * cycle); the harness writes that block's CID there; what does not parse
 * as protobuf is served as it is. At most 100000 requests are answered (a
 * DAG that links one subtree many times can ask for millions). Every CID is CIDv1
 * sha2-256 of the block as served. Crafted UnixFS fields (blocksizes,
 * filesize, types, data) then reach every check of the walker.
 */
#include <stdio.h>
#include <sys/mman.h>

#include "fuzz.h"
#include "net/http.h"
#include "net/rpc.h"
#include "net/runner.h"
#include "unixfs/cid.h"
#include "unixfs/pb.h"
#include "xfer/fetch.h"

enum { MAXBLOCKS = 32 };

static struct blk {
	uint8_t *b;
	size_t n;
	struct cid c;
} blk[MAXBLOCKS];
static size_t nblk;
static int newest_first;

/* Rewrite the one-byte link hashes of dag-pb block i to later blocks'
 * CIDs; other fields are copied as they are read (one byte becomes at most
 * 40, so 41 times the block's size is room enough). */
static void
relink(size_t i)
{
	const uint8_t *p = blk[i].b, *end = p + blk[i].n, *q, *qend;
	uint8_t *out = malloc(blk[i].n * 41 + 16), *o = out, *link, *l;
	struct pb_field f, g;
	const uint8_t *at = p;

	if (!out)
		abort();
	while (pb_next(&p, end, &f) == 1) {
		at = p;
		if (f.type == PB_VARINT) {
			o += pb_put_varint(o, f.num, f.v);
			continue;
		}
		if (f.num != 2) {
			o += pb_put_bytes(o, f.num, f.b, f.len);
			continue;
		}
		if (!(link = l = malloc(f.len * 41 + 16)))
			abort();
		for (q = f.b, qend = f.b + f.len; pb_next(&q, qend, &g) == 1;) {
			if (g.num == 1 && g.type == PB_LEN && g.len == 1 && g.b[0] % nblk > i) {
				const struct cid *c = &blk[g.b[0] % nblk].c;

				l += pb_put_bytes(l, 1, c->b, c->len);
			} else if (g.type == PB_LEN) {
				l += pb_put_bytes(l, g.num, g.b, g.len);
			} else {
				l += pb_put_varint(l, g.num, g.v);
			}
		}
		o += pb_put_bytes(o, 2, link, (size_t)(l - link));
		free(link);
	}
	/* what does not parse goes to the walker as it is */
	memcpy(o, at, (size_t)(end - at));
	o += end - at;
	free(blk[i].b);
	blk[i].b = out;
	blk[i].n = (size_t)(o - out);
}

static void
answer(const struct runner_ops *ops, void *ctx, struct http_req *r)
{
	struct http_stat st = { .code = 200 };
	const char *url = NULL, *arg;
	const uint8_t *b = (const uint8_t *)"{\"Message\":\"block not found\",\"Code\":0,\"Type\":\"error\"}";
	size_t n = strlen((const char *)b);
	struct cid c;

	curl_easy_getinfo(r->h, CURLINFO_EFFECTIVE_URL, &url);
	st.code = 500;
	if (url && (arg = strstr(url, "arg=")) && cid_parse(&c, arg + 4) == 0)
		for (size_t i = 0; i < nblk; i++)
			if (cid_equal(&c, &blk[i].c)) {
				b = blk[i].b, n = blk[i].n, st.code = 200;
				break;
			}
	if (r->cap < n + 1) {
		r->body = realloc(r->body, n + 1);
		if (!r->body)
			abort();
		r->cap = n + 1;
	}
	memcpy(r->body, b, n);
	r->body[n] = '\0';
	r->len = r->nread = n;
	st.down = n;
	ops->done(ctx, r, &st);
}

int
runner_run(const struct runner_conf *c, const struct runner_ops *ops, void *ctx)
{
	struct http_req slot[4];
	int busy[4] = { 0 }, order[4], nbusy = 0, k = c->concurrency > 4 ? 4 : c->concurrency;
	int done = 0, rc, i, guard = 0;

	for (i = 0; i < k; i++)
		http_req_init(&slot[i], c->http);
	while (!done || nbusy) {
		if (++guard > 100000)
			break;	/* a DAG whose subtrees repeat can take millions: enough */
		for (i = 0; !done && i < k; i++) {
			if (busy[i])
				continue;
			rc = ops->next(ctx, &slot[i]);
			if (rc == RUN_DONE)
				done = 1;
			if (rc != RUN_STARTED)
				break;
			busy[i] = 1;
			order[nbusy++] = i;
		}
		if (!nbusy) {
			if (!done)
				abort();	/* waits with nothing in flight */
			break;
		}
		i = newest_first ? order[--nbusy] : order[0];
		if (!newest_first)
			memmove(order, order + 1, (size_t)--nbusy * sizeof *order);
		busy[i] = 0;
		answer(ops, ctx, &slot[i]);
		done = 0;	/* a block may have made more work */
	}
	for (i = 0; i < k; i++)
		http_req_free(&slot[i]);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_opts o = { .timeout = 1 };
	struct fetch f = { 0 };
	size_t at = 1;
	int fd;

	if (size < 4)
		return 0;
	for (nblk = 0; nblk < MAXBLOCKS && at + 3 <= size; nblk++) {
		size_t n = (size_t)data[at] << 8 | data[at + 1];

		if (n > size - at - 3)
			n = size - at - 3;
		blk[nblk].b = malloc(n + 1);
		if (!blk[nblk].b)
			abort();
		memcpy(blk[nblk].b, data + at + 3, n);
		blk[nblk].n = n;
		blk[nblk].c.len = data[at + 2] & 1;	/* the kind, until the CID is made */
		at += 3 + n;
	}
	for (size_t i = nblk; i-- > 0;) {
		int raw = blk[i].c.len & 1;

		if (!raw)
			relink(i);
		cid_of(&blk[i].c, 1, raw ? CODEC_RAW : CODEC_DAGPB, blk[i].b, blk[i].n);
	}
	if ((fd = memfd_create("walk", 0)) < 0)
		abort();
	newest_first = data[0] >> 3 & 1;
	f.root = blk[0].c;
	f.fd = fd;
	f.seekable = data[0] & 1;
	f.parallel = 1 + (data[0] >> 1 & 3);
	f.window = 1 << 16;
	f.api = "http://127.0.0.1:1";
	f.http = &o;
	fetch_run(&f);
	if (getenv("FUZZ_VERBOSE"))	/* what a seed does, when making one */
		fprintf(stderr, "walk: %zu blocks, %llu bytes written, %s\n", nblk,
		    (unsigned long long)f.x.size, f.x.err[0] ? f.x.err : "ok");
	close(fd);
	for (size_t i = 0; i < nblk; i++)
		free(blk[i].b);
	return 0;
}
