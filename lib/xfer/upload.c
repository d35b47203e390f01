/*
 * xfer/upload.c: store a DAG as it is built. Blocks come from the builder in
 * order (children before parents, the root last) and go out as
 * /api/v0/block/put requests, or packed into CAR shards for
 * /api/v0/dag/import, through the request runner. The root (or the
 * root's shard) waits until every other request has succeeded, so a node
 * that holds the root holds the whole file. Failed requests are retried
 * with a doubling delay; stored blocks go to the journal.
 *
 * A journal says what an earlier run sent, not what the node still has
 * (a garbage collection, another node, a journal copied or made up): each
 * block it names is asked for with /api/v0/block/stat, offline and with a
 * short timeout (js-ipfs waits for a block it lacks), through the same
 * runner, and sent again when the node does not show it, so the root
 * still goes last to a node that holds everything below it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xfer/upload.h"
#include "base/clock.h"
#include "base/progress.h"
#include "base/sig.h"
#include "base/util.h"
#include "net/discover.h"
#include "net/rpc.h"
#include "net/runner.h"
#include "unixfs/car.h"
#include "xfer/journal.h"

enum { BIG_BLOCK = 1048576 };	/* Kubo refuses larger blocks unless told */
/* how long the node may look for a journaled block before it counts as
 * missing (and is sent again) */
static const char STAT_WAIT[] = "1s";

struct job {
	struct cid cid;		/* the block, or the shard's last block */
	uint64_t first, seq;	/* blocks first..seq (one block: first == seq) */
	uint64_t nblocks;
	uint8_t *data;		/* a block: its bytes */
	int fd;			/* a shard: its temporary file, else -1 */
	uint64_t off, len;	/* body: bytes off..off+len of data or fd */
	uint64_t pos;		/* read position in the body */
	uint64_t maxblock;	/* largest block inside */
	int codec, cidver;	/* a block's CID */
	int root, attempts;
	int stat;		/* a journaled block: ask block/stat first */
	double due;		/* retry: when (monotonic) */
	struct job *next;
};

struct state {
	struct upload *u;
	struct dag *dag;
	struct journal *jr;
	int inflight, dag_done;
	struct job *retry;	/* waiting for another attempt */
	struct job *held;	/* the root or its shard, sent last */
	struct job *filling;	/* UP_CAR: the shard being written */
	uint64_t rootlen;	/* the root block's length */
	double t0;
};

/* The code of a failed request for xfer_fail: a transfer error (no status)
 * leaves 200, as 0 says that no node answered at all (upload.h). */
static long
failcode(const struct http_stat *st)
{
	return st->code ? st->code : XFER_SAME;
}

static void
job_free(struct job *j)
{
	if (!j)
		return;
	if (j->fd >= 0)
		close(j->fd);
	free(j->data);
	free(j);
}

static struct job *
job_block(const struct dag_block *b)
{
	struct job *j = ecalloc(1, sizeof *j);
	struct cid_info ci;

	cid_info(&b->cid, &ci);
	j->cid = b->cid;
	j->first = j->seq = b->seq;
	j->nblocks = 1;
	j->data = emalloc(b->len);
	memcpy(j->data, b->data, b->len);
	j->fd = -1;
	j->len = j->maxblock = b->len;
	j->codec = ci.codec;
	j->cidver = ci.version;
	j->root = b->root;
	return j;
}

/* A new shard: a temporary file with room for the header at the start. */
static struct job *
shard_new(void)
{
	struct job *j = ecalloc(1, sizeof *j);
	const char *dir = getenv("TMPDIR");
	char path[4096];

	snprintf(path, sizeof path, "%s/chunk-put.XXXXXX", dir && *dir ? dir : "/tmp");
	if ((j->fd = mkstemp(path)) < 0)
		eprintf("%s:", path);
	unlink(path);
	j->off = CAR_HEADER_MAX;
	return j;
}

static void
shard_append(struct job *j, const struct dag_block *b)
{
	uint8_t head[CAR_SECTION_HEAD_MAX];
	size_t h = car_section_head(head, &b->cid, b->len);
	uint64_t at = j->off + j->len;

	if (pwrite(j->fd, head, h, at) != (ssize_t)h ||
	    pwrite(j->fd, b->data, b->len, at + h) != (ssize_t)b->len)
		eprintf("temporary CAR shard: write:");
	if (!j->nblocks)
		j->first = b->seq;
	j->seq = b->seq;
	j->cid = b->cid;
	j->nblocks++;
	j->len += h + b->len;
	if (b->len > j->maxblock)
		j->maxblock = b->len;
	j->root |= b->root;
}

/* Write the header, naming the shard's last block as its root. */
static void
shard_close(struct job *j)
{
	uint8_t hdr[CAR_HEADER_MAX];
	size_t h = car_header(hdr, &j->cid);

	j->off -= h;
	j->len += h;
	if (pwrite(j->fd, hdr, h, j->off) != (ssize_t)h)
		eprintf("temporary CAR shard: write:");
}

static size_t
onread(char *buf, size_t sz, size_t n, void *arg)
{
	struct job *j = arg;
	size_t want = sz * n;
	ssize_t r;

	if (want > j->len - j->pos)
		want = j->len - j->pos;
	if (!want)
		return 0;
	if (j->fd < 0) {
		memcpy(buf, j->data + j->pos, want);
	} else {
		r = pread(j->fd, buf, want, j->off + j->pos);
		if (r <= 0)
			return CURL_READFUNC_ABORT;
		want = r;
	}
	j->pos += want;
	return want;
}

static int
onseek(void *arg, curl_off_t off, int origin)
{
	struct job *j = arg;

	if (origin != SEEK_SET || off < 0 || (uint64_t)off > j->len)
		return CURL_SEEKFUNC_CANTSEEK;
	j->pos = off;
	return CURL_SEEKFUNC_OK;
}

static const char *
codec_name(int codec)
{
	return codec == CODEC_RAW ? "raw" : "dag-pb";
}

static void
start(struct state *s, struct http_req *r, struct job *j)
{
	struct upload *u = s->u;
	curl_mimepart *part;
	char q[256], c[CID_MAXSTR], *url;

	if (j->stat) {
		snprintf(q, sizeof q, "arg=%s&offline=true&timeout=%s", cid_str(&j->cid, c),
		    STAT_WAIT);
		url = rpc_url(u->api, "block/stat", q);
		http_req_setup(r, "POST", url, 64 * 1024, NULL, NULL);
		free(url);
		j->attempts++;
		r->job = j;
		s->inflight++;
		return;
	}
	if (j->fd < 0 && u->dialect == DIALECT_JS)
		snprintf(q, sizeof q, "format=%s&mhtype=sha2-256&version=%d",
		    codec_name(j->codec), j->cidver);
	else if (j->fd < 0)
		snprintf(q, sizeof q, "cid-codec=%s&mhtype=sha2-256%s",
		    codec_name(j->codec), j->maxblock > BIG_BLOCK ? "&allow-big-block=true" : "");
	else
		snprintf(q, sizeof q, "pin-roots=false%s",
		    j->maxblock > BIG_BLOCK ? "&allow-big-block=true" : "");
	url = rpc_url(u->api, j->fd < 0 ? "block/put" : "dag/import", q);
	http_req_setup(r, "POST", url, 64 * 1024, NULL, NULL);
	free(url);
	part = curl_mime_addpart(http_req_mime(r));
	curl_mime_name(part, "file");
	curl_mime_filename(part, j->fd < 0 ? "block" : "shard.car");
	curl_mime_type(part, "application/octet-stream");
	j->pos = 0;
	curl_mime_data_cb(part, (curl_off_t)j->len, onread, onseek, NULL, j);
	j->attempts++;
	r->job = j;
	s->inflight++;
}

/* The retry due first, taken off the list when due (or when force). */
static struct job *
take_retry(struct state *s, int force)
{
	struct job **p, **best = NULL;

	for (p = &s->retry; *p; p = &(*p)->next)
		if (!best || (*p)->due < (*best)->due)
			best = p;
	if (!best || (!force && (*best)->due > now_mono()))
		return NULL;
	struct job *j = *best;
	*best = j->next;
	j->next = NULL;
	return j;
}

/* Nothing in flight and only retries left: sleep until the first is due. */
static struct job *
sleep_retry(struct state *s)
{
	struct job *j = take_retry(s, 1);

	if (!sleep_until(j->due)) {
		job_free(j);
		return NULL;
	}
	return j;
}

static void
show(struct state *s, int force)
{
	struct upload *u = s->u;
	char line[160];

	if (!u->progress || (!force && !progress_due()))
		return;
	progress_show(1, "hashed %s, %" PRIu64 " blocks stored, %.1f MiB sent",
	    progress_amount(line, sizeof line, PROGRESS_BYTES, dag_bytes(s->dag), u->size_hint),
	    u->stored + u->skipped, u->x.bytes_up / 1048576.0);
}

/* Pull the next block from the builder; 0 when there is none (or the
 * journal contradicts the file: then the upload has failed). *journaled
 * says whether the journal names the block as sent before. */
static int
pull(struct state *s, struct dag_block *b, int *journaled)
{
	struct upload *u = s->u;
	char err[600];
	int r;

	*journaled = 0;
	if (s->dag_done)
		return 0;
	if ((r = dag_next(s->dag, b)) < 0) {
		xfer_fail(&u->x, XFER_SAME, "read error: %s", strerror(errno));
		s->dag_done = 1;
		return 0;
	}
	if (r == 0) {
		s->dag_done = 1;
		return 0;
	}
	u->x.blocks++;
	if (b->root) {
		u->root = b->cid;
		u->have_root = 1;
		u->x.size = b->filesize;
		s->rootlen = b->len;
		s->dag_done = 1;
		if (s->jr && journal_end(s->jr, b->seq + 1, &b->cid, err, sizeof err) < 0) {
			xfer_fail(&u->x, XFER_SAME, "%s", err);
			return 0;
		}
	}
	if (s->jr && (*journaled = journal_has(s->jr, b->seq, &b->cid, err, sizeof err)) < 0) {
		xfer_fail(&u->x, XFER_SAME, "%s", err);
		s->dag_done = 1;
		return 0;
	}
	return 1;
}

static int
next(void *ctx, struct http_req *r)
{
	struct state *s = ctx;
	struct upload *u = s->u;
	struct dag_block b;
	struct job *j, *ready;
	int journaled;

	if (interrupted)
		return RUN_DONE;
	if ((j = take_retry(s, 0))) {
		start(s, r, j);
		return RUN_STARTED;
	}
	/* after a failure nothing new starts: the root cannot be sent */
	while (!s->dag_done && !s->held && !xfer_failed(&u->x)) {
		show(s, 0);
		if (!pull(s, &b, &journaled))
			break;
		if (u->mode == UP_BLOCK || journaled) {
			/* a journaled block is asked for, and sent again alone
			 * (block/put) when the node lacks it */
			j = job_block(&b);
			j->stat = journaled;
			if (j->root) {
				s->held = j;
				break;
			}
			start(s, r, j);
			return RUN_STARTED;
		}
		if (b.root) {
			/* the root alone in the last shard: what must wait
			 * for all the rest is one small block */
			s->held = shard_new();
			shard_append(s->held, &b);
			shard_close(s->held);
			break;
		}
		ready = NULL;
		/* a shard holds consecutive blocks (its journal line is a
		 * range): a journaled block between ends it too */
		if (s->filling && s->filling->nblocks &&
		    (s->filling->len + CAR_SECTION_HEAD_MAX + b.len > u->car_size ||
		    s->filling->seq + 1 != b.seq)) {
			ready = s->filling;
			s->filling = NULL;
			shard_close(ready);
		}
		if (!s->filling)
			s->filling = shard_new();
		shard_append(s->filling, &b);
		if (ready) {
			start(s, r, ready);
			return RUN_STARTED;
		}
	}
	/* the blocks built since the last full shard */
	if (s->dag_done && s->filling && !xfer_failed(&u->x)) {
		j = s->filling;
		s->filling = NULL;
		if (j->nblocks) {
			shard_close(j);
			start(s, r, j);
			return RUN_STARTED;
		}
		job_free(j);
	}
	if (s->inflight)
		return RUN_WAIT;
	if (s->retry) {
		if (!(j = sleep_retry(s)))
			return RUN_DONE;
		start(s, r, j);
		return RUN_STARTED;
	}
	if (s->held) {
		j = s->held;
		s->held = NULL;
		if (xfer_failed(&u->x)) {
			u->missing += j->nblocks;
			job_free(j);
			return RUN_DONE;
		}
		start(s, r, j);
		return RUN_STARTED;
	}
	return RUN_DONE;
}

/* Whether the node's reply names the block we sent (CIDv0 and CIDv1
 * dag-pb of one multihash are the same block). */
static int
same_block(const struct job *j, const char *body, char *err, size_t n)
{
	char key[CID_MAXSTR], want[CID_MAXSTR];
	struct cid got;
	struct cid_info a, b;

	if (!rpc_is_json(body, 1)) {
		snprintf(err, n, "block/put reply is not JSON: '%.40s'", body);
		return 0;
	}
	if (rpc_str(body, "Key", key, sizeof key) < 0) {
		snprintf(err, n, "block/put reply names no Key");
		return 0;
	}
	if (cid_parse(&got, key) < 0) {
		snprintf(err, n, "block/put reply: bad CID '%s'", key);
		return 0;
	}
	cid_info(&got, &a);
	cid_info(&j->cid, &b);
	if (a.codec != b.codec || a.mhcode != b.mhcode || a.dlen != b.dlen ||
	    memcmp(a.digest, b.digest, a.dlen)) {
		snprintf(err, n, "node stored the block as %s, not %s", key,
		    cid_str(&j->cid, want));
		return 0;
	}
	return 1;
}

/*
 * The node's answer about a journaled block: it has it (skipped), or it
 * answered with anything else (not found, timed out, another size): the
 * block goes out again as a block/put. A request that got no answer is
 * retried like any other, then fails the upload.
 */
static void
stat_done(struct state *s, struct job *j, struct http_req *r, const struct http_stat *st,
    int ok, char *err, size_t n)
{
	struct upload *u = s->u;
	char c[CID_MAXSTR];
	int64_t size;
	int have = 0;

	if (ok && (rpc_int(r->body, "Size", &size) < 0 || size < 0 || (uint64_t)size != j->len))
		snprintf(err, n, "block/stat reply: not the block's size (%" PRIu64 "): sent"
		    " again", j->len);
	else if (ok)
		have = 1;
	else if (st->code && !interrupted)
		snprintf(err + strlen(err), n - strlen(err),
		    " (the node lacks the journaled block: sent again)");
	xfer_request(&u->x, &(struct xfer_event){ .op = "block/stat", .cid = &j->cid,
	    .size = j->len, .blocks = 0, .ok = have, .error = have ? "" : err,
	    .req = r, .st = st }, u->onevent, u->arg);
	if (have) {
		u->skipped++;
		job_free(j);
	} else if (interrupted) {
		job_free(j);
	} else if (st->code) {
		/* the node answered: it lacks the block */
		u->resent++;
		j->stat = 0;
		j->attempts = 0;
		j->due = 0;
		if (j->root) {
			s->held = j;
		} else {
			j->next = s->retry;
			s->retry = j;
		}
	} else if (xfer_retry(&u->x, j->attempts, u->retries, u->backoff, st, &j->due)) {
		j->next = s->retry;
		s->retry = j;
	} else {
		xfer_fail(&u->x, failcode(st), "block/stat %s: %s", cid_str(&j->cid, c), err);
		u->missing += j->nblocks;
		job_free(j);
	}
}

static void
done(void *ctx, struct http_req *r, const struct http_stat *st)
{
	struct state *s = ctx;
	struct upload *u = s->u;
	struct job *j = r->job;
	char err[600], c[CID_MAXSTR];
	int ok = rpc_outcome(st, r->body, err, sizeof err);

	s->inflight--;
	r->job = NULL;
	if (j->stat) {
		stat_done(s, j, r, st, ok, err, sizeof err);
		show(s, 0);
		return;
	}
	if (ok && j->fd < 0)
		ok = same_block(j, r->body, err, sizeof err);
	else if (ok && r->len && !rpc_is_json(r->body, r->nread <= r->len)) {
		/* dag/import says nothing (pin-roots=false), or JSON */
		snprintf(err, sizeof err, "dag/import reply is not JSON: '%.40s'", r->body);
		ok = 0;
	}
	xfer_request(&u->x, &(struct xfer_event){ .op = j->fd < 0 ? "block/put" : "dag/import",
	    .cid = &j->cid, .size = j->len, .blocks = j->nblocks, .ok = ok, .error = err,
	    .req = r, .st = st }, u->onevent, u->arg);
	if (ok) {
		if (s->jr && j->nblocks == 1)
			journal_add(s->jr, j->seq, &j->cid);
		else if (s->jr)
			journal_add_range(s->jr, j->first, j->seq, &j->cid);
		u->stored += j->nblocks;
		job_free(j);
	} else if (interrupted) {
		job_free(j);
	} else if (xfer_retry(&u->x, j->attempts, u->retries, u->backoff, st, &j->due)) {
		j->next = s->retry;
		s->retry = j;
	} else {
		if (st->code == 413)
			snprintf(err + strlen(err), sizeof err - strlen(err), " (the node"
			    " limits request sizes: try a smaller chunk size or --mode car)");
		if (j->fd < 0)
			xfer_fail(&u->x, failcode(st), "block %s: %s", cid_str(&j->cid, c), err);
		else
			xfer_fail(&u->x, failcode(st), "CAR shard of blocks %" PRIu64 "-%" PRIu64
			    ": %s",
			    j->first, j->seq, err);
		u->missing += j->nblocks;
		job_free(j);
	}
	show(s, 0);
}

/* One blocking request for the end: pin/add, block/stat. 1 when ok. */
static int
call(struct state *s, const char *op, const char *query, char *body, size_t n)
{
	struct upload *u = s->u;
	struct http_req r;
	struct http_stat st;
	char err[600], *url = rpc_url(u->api, op, query);
	int ok;

	http_req_init(&r, u->http);
	http_req_setup(&r, "POST", url, 64 * 1024, NULL, NULL);
	r.t_start = now_mono() - s->t0;
	r.t_sched = r.t_start;
	http_perform(&r, &st);
	ok = rpc_outcome(&st, r.body, err, sizeof err);
	if (body)
		snprintf(body, n, "%s", r.body ? r.body : "");
	xfer_request(&u->x, &(struct xfer_event){ .op = op, .cid = &u->root, .ok = ok,
	    .error = err, .req = &r, .st = &st }, u->onevent, u->arg);
	if (!ok)
		xfer_fail(&u->x, failcode(&st), "%s %s", op, err);
	http_req_free(&r);
	free(url);
	return ok;
}

/* Which spelling of block/put's parameters the node takes; with none (no
 * node answered) the upload has failed with code 0. */
static int
probe(struct upload *u)
{
	struct http_req r;
	struct http_stat st;
	char *url = rpc_url(u->api, "version", NULL), e[400];
	int d = DIALECT_UNKNOWN;

	http_req_init(&r, u->http);
	http_req_setup(&r, "POST", url, 64 * 1024, NULL, NULL);
	http_perform(&r, &st);
	if (!rpc_outcome(&st, r.body, e, sizeof e))
		xfer_fail(&u->x, 0, "%s: %s", url_redact(url), e);
	else
		d = strstr(r.body, "\"ipfs-core\"") ? DIALECT_JS : DIALECT_KUBO;
	http_req_free(&r);
	free(url);
	return d;
}

uint64_t
upload_blocks(const struct dag_opts *o, uint64_t size)
{
	uint64_t links = o->maxlinks ? o->maxlinks : DAG_MAXLINKS;
	uint64_t n = size / o->chunk + (size % o->chunk != 0), total;

	if (n <= 1)
		return 1;
	for (total = n; n > 1; total += n)
		n = n / links + (n % links != 0);
	return total;
}

void
upload_params(const struct dag_opts *o, char *buf, size_t n)
{
	snprintf(buf, n, "chunk-size=%zu cid-version=%d raw-leaves=%d max-links=%zu",
	    o->chunk, o->cidver, o->raw_leaves, o->maxlinks ? o->maxlinks : DAG_MAXLINKS);
}

int
upload_run(struct upload *u, dag_readfn *rd, void *arg)
{
	struct state s = { .u = u };
	struct runner_conf rc = { .concurrency = u->parallel, .http = u->http };
	struct runner_ops ops = { next, done, NULL };
	char params[256], body[1024], q[CID_MAXSTR + 16], c[CID_MAXSTR], err[600];
	int64_t size;
	int ret;

	u->have_root = 0;
	u->stored = u->skipped = u->missing = u->resent = 0;
	xfer_start(&u->x);
	if (u->dialect == DIALECT_UNKNOWN && (u->dialect = probe(u)) == DIALECT_UNKNOWN)
		return 1;
	if (u->journal) {
		upload_params(&u->dag, params, sizeof params);
		if (!(s.jr = journal_open(u->journal, params,
		    u->have_size ? upload_blocks(&u->dag, u->size_hint) : 0, err, sizeof err)))
			eprintf("%s", err);
	}
	s.dag = dag_open(&u->dag, rd, arg);
	s.t0 = now_mono();
	u->x.ts = now_wall();
	if (u->progress)
		progress_init(0);
	ret = runner_run(&rc, &ops, &s);
	if (ret == 0 && !xfer_failed(&u->x) && u->have_root) {
		cid_str(&u->root, c);
		snprintf(q, sizeof q, "arg=%s", c);
		/* dag/import says nothing of the blocks: ask for the root */
		if (u->mode == UP_CAR && u->skipped < u->x.blocks &&
		    call(&s, "block/stat", q, body, sizeof body) &&
		    (rpc_int(body, "Size", &size) < 0 || (uint64_t)size != s.rootlen)) {
			xfer_fail(&u->x, XFER_SAME,
			    "block/stat %s: the node's root is not the one sent", c);
			u->missing++;
		}
		if (!xfer_failed(&u->x) && u->pin)
			call(&s, "pin/add", q, NULL, 0);
		if (!xfer_failed(&u->x) && s.jr)
			journal_done(s.jr, &u->root);
	}
	u->x.t_total = now_mono() - s.t0;
	if (u->progress) {
		show(&s, 1);
		progress_end();
	}
	while (s.retry) {
		struct job *j = s.retry;

		s.retry = j->next;
		u->missing += j->nblocks;
		job_free(j);
	}
	job_free(s.held);
	job_free(s.filling);
	dag_close(s.dag);
	journal_close(s.jr);
	if (ret)
		return ret;
	if (!u->have_root && !xfer_failed(&u->x))
		xfer_fail(&u->x, XFER_SAME, "no root: the file was not read to its end");
	return xfer_failed(&u->x) || u->missing ? 1 : 0;
}
