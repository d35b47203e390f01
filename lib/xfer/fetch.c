/*
 * xfer/fetch.c: parallel, verified reading of a UnixFS file. A list of items
 * in file order starts with the root; each fetched node is replaced by
 * its data and its children, each fetched leaf by its bytes. Requests go
 * to the first items not yet fetched, so the file arrives roughly in
 * order; bytes are written at their offsets (a file) or, in order, as
 * soon as everything before them is there (a pipe), with at most
 * `window` bytes held.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xfer/fetch.h"
#include "base/clock.h"
#include "base/progress.h"
#include "base/sig.h"
#include "base/util.h"
#include "net/discover.h"
#include "net/rpc.h"
#include "net/runner.h"
#include "unixfs/unixfs.h"

enum { I_PENDING, I_FLIGHT, I_DATA };
enum { MAXBLOCK = 4 * 1048576, MAXDEPTH = 64 };

struct item {
	struct cid cid;
	uint64_t offset;
	uint64_t size;		/* file bytes expected below, if sized */
	int sized;		/* 0: the root, whose size nothing states */
	int state, depth, attempts;
	double due;		/* retry not before (monotonic), 0 now */
	uint8_t *data;		/* I_DATA: the bytes to write */
	size_t len;
	struct item *prev, *next;
};

struct state {
	struct fetch *f;
	struct item *head, *tail;
	int inflight;
	uint64_t held;		/* I_DATA bytes waiting in the list */
	uint64_t total;		/* file size from the root, 0 unknown */
	int have_total;
	struct pb_node nd;
	struct ufs_data ud;
	char why[200];		/* a failure's reason, when it has numbers */
	double t0;
};

static struct item *
item_new(const struct cid *c, uint64_t offset, uint64_t size, int sized, int depth)
{
	struct item *it = ecalloc(1, sizeof *it);

	it->cid = *c;
	it->offset = offset;
	it->size = size;
	it->sized = sized;
	it->depth = depth;
	return it;
}

static void
insert_before(struct state *s, struct item *at, struct item *it)
{
	it->next = at;
	it->prev = at->prev;
	if (at->prev)
		at->prev->next = it;
	else
		s->head = it;
	at->prev = it;
}

static void
unlink_item(struct state *s, struct item *it)
{
	if (it->prev)
		it->prev->next = it->next;
	else
		s->head = it->next;
	if (it->next)
		it->next->prev = it->prev;
	else
		s->tail = it->prev;
	if (it->state == I_DATA)
		s->held -= it->len;
	free(it->data);
	free(it);
}

static void
write_all(struct state *s, const uint8_t *p, size_t n, uint64_t off)
{
	struct fetch *f = s->f;
	ssize_t w;

	while (n > 0) {
		w = f->seekable ? pwrite(f->fd, p, n, off) : write(f->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			if (errno == EPIPE)
				exit(0);
			eprintf("write:");
		}
		p += w;
		n -= w;
		off += w;
		f->x.size += w;
	}
}

/* Write what is ready at the head of the list (in-order output). */
static void
flush(struct state *s)
{
	while (s->head && s->head->state == I_DATA) {
		write_all(s, s->head->data, s->head->len, s->head->offset);
		unlink_item(s, s->head);
	}
}

/*
 * Bytes of file data for item it: written now when possible, else kept
 * (copied) until the bytes before them are out.
 */
static void
deliver(struct state *s, struct item *it, const uint8_t *p, size_t n)
{
	if (s->f->seekable || !it->prev) {
		write_all(s, p, n, it->offset);
		return;
	}
	it->data = emalloc(n ? n : 1);
	if (n)		/* an empty leaf's data may be no pointer at all */
		memcpy(it->data, p, n);
	it->len = n;
	it->state = I_DATA;
	s->held += n;
}

static void
start(struct state *s, struct http_req *r, struct item *it)
{
	struct fetch *f = s->f;
	char q[CID_MAXSTR + 8], c[CID_MAXSTR], *url;

	snprintf(q, sizeof q, "arg=%s", cid_str(&it->cid, c));
	url = rpc_url(f->api, "block/get", q);
	http_req_setup(r, "POST", url, MAXBLOCK + 1, NULL, NULL);
	free(url);
	it->state = I_FLIGHT;
	it->attempts++;
	r->job = it;
	s->inflight++;
}

/* The first item that may start now; *later gets the earliest retry time. */
static struct item *
startable(struct state *s, double *later)
{
	struct item *it;
	double now = now_mono();
	int first = 1;

	*later = 0;
	for (it = s->head; it; it = it->next) {
		if (it->state == I_DATA)
			continue;
		/* beyond the window only the first missing piece may start */
		if (!first && !s->f->seekable && s->held >= s->f->window)
			return NULL;
		if (it->state == I_PENDING) {
			if (it->due <= now)
				return it;
			if (!*later || it->due < *later)
				*later = it->due;
		}
		first = 0;
	}
	return NULL;
}

static int
next(void *ctx, struct http_req *r)
{
	struct state *s = ctx;
	struct item *it;
	double later;

	if (interrupted || xfer_failed(&s->f->x))
		return s->inflight ? RUN_WAIT : RUN_DONE;
	if ((it = startable(s, &later))) {
		start(s, r, it);
		return RUN_STARTED;
	}
	if (s->inflight)
		return RUN_WAIT;
	if (!later)
		return RUN_DONE;
	/* only retries left, none due yet */
	if (!sleep_until(later) || !(it = startable(s, &later)))
		return RUN_DONE;
	start(s, r, it);
	return RUN_STARTED;
}

/* The block of item it holds n file bytes: what its parent said, and for
 * the root the file's size. 0, or -1 with the reason. */
static int
sized(struct state *s, struct item *it, uint64_t n, const char *what, const char **why)
{
	if (it->sized && it->size != n) {
		snprintf(s->why, sizeof s->why, "%s holds %" PRIu64 " bytes, its parent's"
		    " blocksizes say %" PRIu64, what, n, it->size);
		return *why = s->why, -1;
	}
	if (!it->sized) {
		s->total = n;
		s->have_total = 1;
	}
	return 0;
}

/*
 * Replace a fetched node by its own data and its children: each child's
 * blocksizes entry is what the child must hold (checked when it comes),
 * and with the node's own data they sum to its filesize and to what its
 * parent said, without overflow and within a file's reach (2^63 - 1
 * bytes). 0 or -1.
 */
static int
expand(struct state *s, struct item *it, const struct ufs_data *u,
    const struct pb_node *nd, const char **why)
{
	uint64_t sum = u->datalen, off;
	struct item *k;
	size_t i;

	if (u->nblocksizes != nd->nlinks)
		return *why = "UnixFS blocksizes do not match the links", -1;
	if (it->depth >= MAXDEPTH)
		return *why = "DAG deeper than 64 levels", -1;
	for (i = 0; i < nd->nlinks; i++) {
		if (u->blocksizes[i] > (uint64_t)INT64_MAX - sum) {
			snprintf(s->why, sizeof s->why, "UnixFS blocksizes add up to more than"
			    " 2^63 - 1 bytes (entry %zu is %" PRIu64 ")", i, u->blocksizes[i]);
			return *why = s->why, -1;
		}
		sum += u->blocksizes[i];
	}
	if (u->has_filesize && u->filesize != sum) {
		snprintf(s->why, sizeof s->why, "UnixFS blocksizes and data add up to %" PRIu64
		    " bytes, its filesize says %" PRIu64, sum, u->filesize);
		return *why = s->why, -1;
	}
	if (sized(s, it, sum, "node", why) < 0)
		return -1;
	if (!it->sized && s->f->seekable && ftruncate(s->f->fd, sum) < 0 && errno != EINVAL) {
		snprintf(s->why, sizeof s->why, "output of %" PRIu64 " bytes: %s", sum,
		    strerror(errno));
		return *why = s->why, -1;
	}
	off = it->offset;
	if (u->datalen) {
		k = item_new(&it->cid, off, u->datalen, 1, it->depth);
		insert_before(s, it, k);
		deliver(s, k, u->data, u->datalen);
		if (k->state != I_DATA)
			unlink_item(s, k);
		off += u->datalen;
	}
	for (i = 0; i < nd->nlinks; i++) {
		k = item_new(&nd->links[i].cid, off, u->blocksizes[i], 1, it->depth + 1);
		insert_before(s, it, k);
		off += u->blocksizes[i];
	}
	return 0;
}

/* A verified block for item it: its file bytes, or its children. */
static int
use_block(struct state *s, struct item *it, const uint8_t *b, size_t n,
    const char **why)
{
	struct cid_info ci;
	struct ufs_data *u = &s->ud;
	struct pb_node *nd = &s->nd;

	cid_info(&it->cid, &ci);
	if (ci.codec == CODEC_RAW) {
		if (sized(s, it, n, "raw leaf", why) < 0)
			return -1;
		deliver(s, it, b, n);
		return 0;
	}
	if (ci.codec != CODEC_DAGPB)
		return *why = "not a UnixFS file (codec is neither dag-pb nor raw)", -1;
	if (pb_node_decode(nd, b, n, why) < 0)
		return -1;
	if (!nd->has_data)
		return *why = "dag-pb node without UnixFS Data", -1;
	if (ufs_data_decode(u, nd->data, nd->datalen, why) < 0)
		return -1;
	if (u->type == UFS_DIRECTORY || u->type == UFS_HAMTSHARD)
		return *why = "a directory, not a file", -1;
	if (u->type != UFS_FILE && u->type != UFS_RAW)
		return *why = "not a UnixFS file (symlink or metadata)", -1;
	if (nd->nlinks == 0) {
		if (u->has_filesize && u->filesize != u->datalen) {
			snprintf(s->why, sizeof s->why, "leaf holds %zu bytes, its filesize"
			    " says %" PRIu64, u->datalen, u->filesize);
			return *why = s->why, -1;
		}
		if (sized(s, it, u->datalen, "leaf", why) < 0)
			return -1;
		deliver(s, it, u->data, u->datalen);
		return 0;
	}
	return expand(s, it, u, nd, why);
}

/* A block/get that timed out before any byte came: a block the node looks
 * for and does not find; asking again waits as long for the same answer. */
static int
unfound(const struct http_req *r, const struct http_stat *st)
{
	return st->curlcode == CURLE_OPERATION_TIMEDOUT && r->nread == 0 && st->code == 0;
}

static void
done(void *ctx, struct http_req *r, const struct http_stat *st)
{
	struct state *s = ctx;
	struct fetch *f = s->f;
	struct item *it = r->job;
	char err[600], c[CID_MAXSTR], line[160];
	const char *why = NULL;
	int ok = rpc_outcome(st, r->body, err, sizeof err), v;

	s->inflight--;
	r->job = NULL;
	cid_str(&it->cid, c);
	if (ok && r->nread > MAXBLOCK) {
		snprintf(err, sizeof err, "block larger than 4 MiB");
		ok = 0;
	}
	if (ok && (v = cid_verify(&it->cid, r->body ? r->body : "", r->len)) != 1) {
		if (v < 0)
			xfer_fail(&f->x, 0, "%s: unsupported hash function", c);
		else
			xfer_fail(&f->x, 0, "%s: node %s returned %zu bytes that do not match the CID",
			    c, url_redact(f->api), r->len);
		snprintf(err, sizeof err, "%s", f->x.err);
		ok = -1;
	}
	xfer_request(&f->x, &(struct xfer_event){ .op = "block/get", .cid = &it->cid,
	    .size = r->len, .blocks = 1, .ok = ok == 1, .error = ok == 1 ? "" : err,
	    .req = r, .st = st }, f->onevent, f->arg);
	if (ok == 1) {
		f->x.blocks++;
		it->state = I_PENDING;
		if (use_block(s, it, (const uint8_t *)(r->body ? r->body : ""), r->len, &why) < 0) {
			xfer_fail(&f->x, 0, "%s: %s", c, why);
			return;
		}
		if (it->state != I_DATA)
			unlink_item(s, it);
		if (!f->seekable)
			flush(s);
	} else if (ok == 0 && !interrupted && !unfound(r, st) &&
	    xfer_retry(&f->x, it->attempts, f->retries, f->backoff, st, &it->due)) {
		it->state = I_PENDING;
	} else if (ok == 0 && !interrupted) {
		xfer_fail(&f->x, st->code, "%s: %s%s", c, err, unfound(r, st) ? " (not retried: "
		    "the node found no copy of the block within the timeout)" : "");
	}
	if (f->progress && s->have_total && progress_due())
		progress_show(1, "%s, %" PRIu64 " blocks", progress_amount(line, sizeof line,
		    PROGRESS_BYTES, f->x.size, s->total), f->x.blocks);
}

int
fetch_run(struct fetch *f)
{
	struct state s = { .f = f };
	struct runner_conf rc = { .concurrency = f->parallel, .http = f->http };
	struct runner_ops ops = { next, done, NULL };
	struct cid_info ci;
	char c[CID_MAXSTR];
	int ret;

	xfer_start(&f->x);
	cid_info(&f->root, &ci);
	if (ci.codec != CODEC_DAGPB && ci.codec != CODEC_RAW) {
		xfer_fail(&f->x, 0, "%s: not a UnixFS file (codec 0x%" PRIx64
		    " is neither dag-pb nor raw)", cid_str(&f->root, c), ci.codec);
		return 1;
	}
	if (ci.mhcode != MH_SHA2_256 && ci.mhcode != MH_IDENTITY) {
		xfer_fail(&f->x, 0, "%s: unsupported hash function 0x%" PRIx64,
		    cid_str(&f->root, c), ci.mhcode);
		return 1;
	}
	s.head = s.tail = item_new(&f->root, 0, 0, 0, 0);
	if (f->progress)
		progress_init(0);
	s.t0 = now_mono();
	f->x.ts = now_wall();
	ret = runner_run(&rc, &ops, &s);
	f->x.t_total = now_mono() - s.t0;
	if (f->progress)
		progress_end();
	while (s.head)
		unlink_item(&s, s.head);
	free(s.nd.links);
	free(s.ud.blocksizes);
	if (ret)
		return ret;
	if (!xfer_failed(&f->x) && (!s.have_total || f->x.size != s.total))
		xfer_fail(&f->x, 0, "%s: wrote %" PRIu64 " bytes of %" PRIu64,
		    cid_str(&f->root, c), f->x.size, s.total);
	return xfer_failed(&f->x) ? 1 : 0;
}
