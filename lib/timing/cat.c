/* timing/cat.c: timing content reads and bare RPC calls. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "timing/cat.h"
#include "base/progress.h"
#include "timing/access.h"
#include "base/util.h"
#include "net/rpc.h"
#include "rec/fields.h"
#include "rec/read.h"
#include "rec/timing.h"
#include "unixfs/cid.h"
#include "unixfs/sha256.h"

enum { READ_SLACK = 64 << 10 };	/* bytes a read may pass its known size by */

struct job {
	size_t target;		/* or the call index */
	int via, warmup;
	long iter;
	const char *access;
	char *url;
	struct sha256 hash;	/* of the bytes read, for raw-block CIDs */
	char pre[800];		/* what went wrong before the read: its record is ok=0 */
	int sampled, cold_first;	/* bitswap counters taken before it; a first cold read */
	uint64_t blocks0, bytes0, expect;
};

struct state {
	struct catbench *b;
	long round;
	size_t item;		/* target or call within the round */
	int v;			/* via within the item */
	int pair;		/* --evict: 0 the cold read of a pair, 1 the warm one */
	long total;
	struct job *jobs;
	int njobs;
};

/* s as a short printable quote for messages: 'abc\x01…'. */
static void
quote(const char *s, char *out, size_t n)
{
	size_t used = 0, i;

	used += snprintf(out, n, "'");
	for (i = 0; s[i] && i < 64 && used + 6 < n; i++)
		used += snprintf(out + used, n - used, (unsigned char)s[i] >= 0x20 &&
		    (unsigned char)s[i] < 0x7f ? "%c" : "\\x%02x", (unsigned char)s[i]);
	snprintf(out + used, n - used, "%s'", s[i] ? "..." : "");
}

int
catbench_add(struct catbench *b, const char *arg, int64_t size, char *why, size_t n)
{
	struct target *t;
	struct cid c;
	char root[256];
	size_t len;

	if (!strncmp(arg, "ipfs://", 7))
		arg += 7;
	else if (!strncmp(arg, "/ipfs/", 6))
		arg += 6;
	len = strcspn(arg, "/");
	if (len == 0 || len >= sizeof root ||
	    (memcpy(root, arg, len), root[len] = '\0', cid_parse(&c, root) < 0)) {
		char q[300];

		quote(arg, q, sizeof q);
		snprintf(why, n, "not a CID: %s", q);
		return -1;
	}
	egrow((void **)&b->t, &b->tcap, b->nt + 1, sizeof *b->t);
	t = &b->t[b->nt];
	memset(t, 0, sizeof *t);
	t->path = estrdup(arg);
	t->size = size;
	t->first = b->nt++;
	return 0;
}

static int
bypath(const void *a, const void *b)
{
	const struct target *const *x = a, *const *y = b;
	int c = strcmp((*x)->path, (*y)->path);

	return c ? c : ((*x)->first > (*y)->first) - ((*x)->first < (*y)->first);
}

static int
bysize(const void *a, const void *b)
{
	const struct target *const *x = a, *const *y = b;

	if ((*x)->size != (*y)->size)
		return (*x)->size < (*y)->size ? -1 : 1;
	return (*x < *y) ? -1 : (*x > *y);
}

/* Number the targets of each size 0, 1, 2... in input order (see first_way). */
static void
deal_coins(struct catbench *b)
{
	struct target **v = emalloc(b->nt * sizeof *v);
	size_t i, k = 0;

	for (i = 0; i < b->nt; i++)
		v[i] = &b->t[i];
	qsort(v, b->nt, sizeof *v, bysize);
	for (i = 0; i < b->nt; i++) {
		k = (i > 0 && v[i]->size == v[i - 1]->size) ? k + 1 : 0;
		v[i]->coin = k;
	}
	free(v);
}

/* Link every target to the first one with the same path (cold vs warm). */
static void
link_duplicates(struct catbench *b)
{
	struct target **v = emalloc(b->nt * sizeof *v);
	size_t i;

	for (i = 0; i < b->nt; i++) {
		b->t[i].first = i;
		v[i] = &b->t[i];
	}
	qsort(v, b->nt, sizeof *v, bypath);
	for (i = 1; i < b->nt; i++)
		if (!strcmp(v[i]->path, v[i - 1]->path))
			v[i]->first = v[i - 1]->first;
	free(v);
}

int
catbench_load(struct catbench *b, const char *path)
{
	struct recr *r = recr_open(path, "cid");
	int ccid, rc, served, known;
	const char *cid;
	int64_t size;
	char why[160];

	if (!r)
		return -1;
	ccid = recr_col(r, "cid");
	if (ccid < 0 && recr_ncols(r) > 0) {
		weprintf("%s: no cid column in the input records", recr_where(r));
		recr_close(r);
		return -1;
	}
	while ((rc = recr_next(r)) != 0) {
		if (rc < 0) {
			weprintf("%s: %s", recr_where(r), recr_error(r));
			recr_close(r);
			return -1;
		}
		if (rec_kind(r, &served, why, sizeof why) == REC_BAD ||
		    (known = rec_size(r, "size", &size)) < 0) {
			if (known < 0)
				snprintf(why, sizeof why, "size: not a whole number of bytes: '%s'",
				    recr_get(r, recr_col(r, "size")));
			weprintf("%s: %s", recr_where(r), why);
			recr_close(r);
			return -1;
		}
		cid = recr_get(r, recr_col(r, "cid"));
		if (!cid || !served) {
			b->skipped++;
			continue;
		}
		if (catbench_add(b, cid, known ? size : -1, why, sizeof why) < 0) {
			weprintf("%s: cid: %s", recr_where(r), why);
			recr_close(r);
			return -1;
		}
	}
	recr_close(r);
	return 0;
}

/* A CID (no path) of a raw block hashed with sha2-256: remember its digest. */
static int
raw_block(struct target *t)
{
	struct cid c;
	struct cid_info ci;

	if (t->rawhash)
		return 1;
	if (strchr(t->path, '/') || cid_parse(&c, t->path) < 0)
		return 0;
	cid_info(&c, &ci);
	if (ci.codec != CODEC_RAW || ci.mhcode != MH_SHA2_256 || ci.dlen != 32)
		return 0;
	memcpy(t->digest, ci.digest, 32);
	return t->rawhash = 1;
}

void
catbench_sizes(struct catbench *b)
{
	struct http_opts o = { .connect_timeout = 10, .timeout = 60 };
	struct http_req r;
	struct http_stat st;
	char err[600], *arg, *q, *url, why[700];
	int64_t size;

	if (b->r.run.http)
		o.auth = b->r.run.http->auth;
	link_duplicates(b);
	http_req_init(&r, &o);
	for (size_t i = 0; i < b->nt; i++) {
		struct target *t = &b->t[i];

		if (raw_block(t) || t->size >= 0 || t->why)
			continue;
		if (t->first != i) {
			t->size = b->t[t->first].size;
			if (b->t[t->first].why)
				t->why = estrdup(b->t[t->first].why);
			continue;
		}
		arg = url_escape(t->path);
		q = emalloc(strlen(arg) + 16);
		sprintf(q, "arg=/ipfs/%s", arg);
		url = rpc_url(b->api, "files/stat", q);
		http_req_setup(&r, "POST", url, 1 << 16, NULL, NULL);
		http_perform(&r, &st);
		if (!rpc_outcome(&st, r.body, err, sizeof err)) {
			snprintf(why, sizeof why, "size unknown: files/stat: %s", err);
			t->why = estrdup(why);
		} else if (rpc_int(r.body, "Size", &size) < 0) {
			t->why = estrdup("size unknown: files/stat reply has no Size");
		} else {
			t->size = size;
		}
		if (t->why)
			weprintf("--verify: %s: %s", t->path, t->why);
		free(url);
		free(q);
		free(arg);
	}
	http_req_free(&r);
}

static char *
read_url(struct catbench *b, const struct target *t, int via)
{
	char *esc = url_escape(t->path), *u, *q;

	if (via == VIA_MFS) {
		/* the copy catbench_mfs_stage made of this path */
		q = emalloc(strlen(b->mfsdir) + 48);
		sprintf(q, "arg=%s/%zu", b->mfsdir, t->first);
		u = rpc_url(b->api, "files/read", q);
		free(q);
	} else if (via == VIA_GATEWAY) {
		u = emalloc(strlen(b->gateway) + strlen(esc) + 8);
		sprintf(u, "%s/ipfs/%s", b->gateway, esc);
	} else {
		q = emalloc(strlen(esc) + 16);
		sprintf(q, "arg=/ipfs/%s", esc);
		u = rpc_url(b->api, "cat", q);
		free(q);
	}
	free(esc);
	return u;
}

/*
 * Which way goes first for a read: targets of one size take turns (their
 * coin), and every round moves on, so that drift and the cold first reads
 * fall on every way alike for every size.
 */
static int
first_way(const struct state *s)
{
	if (s->b->nvia < 2)
		return 0;
	return (int)((s->b->t[s->item].coin + s->round) % s->b->nvia);
}

/* One RPC call of the MFS set-up: 0, or -1 with the error in err. */
static int
mfs_call(struct catbench *b, struct http_req *r, const char *endpoint, const char *query,
    char *err, size_t n)
{
	struct http_stat st;
	char *url = rpc_url(b->api, endpoint, query);
	int ok;

	http_req_setup(r, "POST", url, 1 << 16, NULL, NULL);
	http_perform(r, &st);
	ok = rpc_outcome(&st, r->body, err, n);
	free(url);
	return ok ? 0 : -1;
}

static int
uses_mfs(const struct catbench *b)
{
	for (int i = 0; i < b->nvia; i++)
		if (b->via[i] == VIA_MFS)
			return 1;
	return 0;
}

/* Note the blocks MFS's root and the scratch folder are now (files/stat):
 * each step of the set-up writes a new version of both, which files/rm
 * leaves in the store, named by nothing. */
static void
mfs_note(struct catbench *b, struct http_req *r)
{
	const char *paths[2] = { "/", b->mfsdir };
	char err[600], h[CID_MAXSTR + 8], *q;

	for (int i = 0; i < 2; i++) {
		q = emalloc(strlen(paths[i]) + 8);
		sprintf(q, "arg=%s", paths[i]);
		if (mfs_call(b, r, "files/stat", q, err, sizeof err) == 0 &&
		    rpc_str(r->body, "Hash", h, sizeof h) == 0 && !blk_inline(h))
			blockset_add(&b->mfsmade, h);
		free(q);
	}
}

/* The blocks new in the store since local0 that are MFS folders naming
 * the scratch folder (block/get: its name is in their bytes), noted. */
static void
mfs_new_roots(struct catbench *b, struct http_req *r, const struct blockset *local0)
{
	struct blockset now;
	char err[600], *q;
	const char *name = b->mfsdir + 1;

	if (blocks_local(r, b->api, &now, err, sizeof err) < 0)
		return;
	for (size_t i = 0; i < now.n; i++) {
		if (blockset_has(local0, now.v[i].key))
			continue;
		q = emalloc(strlen(now.v[i].cid) + 8);
		sprintf(q, "arg=%s", now.v[i].cid);
		r->len = 0;
		if (mfs_call(b, r, "block/get", q, err, sizeof err) == 0 && r->body &&
		    memmem(r->body, r->len, name, strlen(name)))
			blockset_add(&b->mfsmade, now.v[i].cid);
		free(q);
	}
	blockset_free(&now);
}

/*
 * --via mfs: a scratch folder /ipfsperf-PID-N in the node's MFS holding a
 * copy (files/cp, which links the content, it does not read it) of every
 * path read; reads go through files/read. A copy that fails is said once
 * per path; its reads then fail as records.
 */
static void
mfs_stage(struct catbench *b)
{
	struct http_req r;
	char err[600], before[CID_MAXSTR + 8], key[180], *q, *esc;
	struct blockset local0;
	int have0;

	http_req_init(&r, b->r.run.http);
	b->mfsdir = emalloc(64);
	snprintf(b->mfsdir, 64, "/ipfsperf-%ld-%u", (long)getpid(), (unsigned)time(NULL));
	q = emalloc(strlen(b->mfsdir) + 32);
	sprintf(q, "arg=%s&parents=true", b->mfsdir);
	/* MFS's root before is the user's: never one of the blocks made */
	if (blocks_mfs(&r, b->api, before, sizeof before, err, sizeof err) < 0)
		before[0] = '\0';
	/* files/mkdir writes MFS's root twice, and files/stat names the
	 * second only: the store before and after it tells the first */
	have0 = blocks_local(&r, b->api, &local0, err, sizeof err) >= 0;
	if (mfs_call(b, &r, "files/mkdir", q, err, sizeof err) < 0)
		weprintf("--via mfs: files/mkdir %s: %s", b->mfsdir, err);
	else {
		if (have0)
			mfs_new_roots(b, &r, &local0);
		mfs_note(b, &r);
	}
	if (have0)
		blockset_free(&local0);
	free(q);
	for (size_t i = 0; i < b->nt; i++) {
		if (b->t[i].first != i)
			continue;
		esc = url_escape(b->t[i].path);
		q = emalloc(strlen(esc) + strlen(b->mfsdir) + 48);
		sprintf(q, "arg=/ipfs/%s&arg=%s/%zu", esc, b->mfsdir, i);
		if (mfs_call(b, &r, "files/cp", q, err, sizeof err) < 0)
			weprintf("--via mfs: files/cp /ipfs/%s: %s", b->t[i].path, err);
		else
			mfs_note(b, &r);
		free(q);
		free(esc);
	}
	if (before[0] && blk_key(before, key) == 0)
		for (size_t i = 0; i < b->mfsmade.n; i++)
			if (!strcmp(b->mfsmade.v[i].key, key))
				b->mfsmade.v[i].key[0] = '\0';	/* not ours: dropped below */
	http_req_free(&r);
}

/* After files/rm: remove the folder blocks the set-up made that neither
 * MFS now nor a pin keeps (the user's own MFS root is never one). */
static void
mfs_forget(struct catbench *b, struct http_req *r)
{
	struct blockset local, kept, gone = { 0 };
	char err[800], root[CID_MAXSTR + 8];
	size_t npins;

	if (!b->mfsmade.n)
		return;
	if (blocks_local(r, b->api, &local, err, sizeof err) < 0) {
		weprintf("--via mfs: the set-up's %zu folder blocks are left: %s", b->mfsmade.n, err);
		return;
	}
	if (blocks_kept(r, b->api, &local, NULL, &kept, root, sizeof root, &npins, err,
	    sizeof err) < 0) {
		weprintf("--via mfs: the set-up's %zu folder blocks are left: %s", b->mfsmade.n, err);
		blockset_free(&local);
		return;
	}
	for (size_t i = 0; i < b->mfsmade.n; i++) {
		struct blk *k = &b->mfsmade.v[i];

		if (k->key[0] && blockset_has(&local, k->key) && !blockset_has(&kept, k->key) &&
		    !blockset_has(&gone, k->key)) {
			blockset_add(&gone, k->cid);
			blockset_sort(&gone);
		}
	}
	if (blocks_rm(r, b->api, &gone, err, sizeof err) < 0)
		weprintf("--via mfs: removing the set-up's folder blocks: %s", err);
	blockset_free(&gone);
	blockset_free(&kept);
	blockset_free(&local);
}

/* Remove the scratch folder, whatever happened to the run. */
static void
mfs_unstage(struct catbench *b)
{
	struct http_req r;
	char err[600], *q;

	http_req_init(&r, b->r.run.http);
	q = emalloc(strlen(b->mfsdir) + 32);
	sprintf(q, "arg=%s&recursive=true", b->mfsdir);
	if (mfs_call(b, &r, "files/rm", q, err, sizeof err) < 0)
		weprintf("--via mfs: files/rm %s: %s (remove it by hand)", b->mfsdir, err);
	else
		mfs_forget(b, &r);
	free(q);
	blockset_free(&b->mfsmade);
	http_req_free(&r);
}

static void
hash_sink(void *arg, const void *p, size_t n)
{
	sha256_update(arg, p, n);
}

static int
next(void *ctx, struct http_req *r)
{
	struct state *s = ctx;
	struct catbench *b = s->b;
	size_t nitems = b->ncalls ? (size_t)b->ncalls : b->nt;
	struct job *j;

	if (s->round >= b->r.warmup + b->r.iterations || nitems == 0)
		return RUN_DONE;
	if (!r->job)
		r->job = &s->jobs[s->njobs++];
	j = r->job;
	free(j->url);
	j->target = s->item;
	j->warmup = s->round < b->r.warmup;
	j->iter = (j->warmup ? s->round : s->round - b->r.warmup) + 1;
	if (b->ncalls) {
		j->via = VIA_RPC;
		j->access = "-";
		j->url = rpc_url(b->api, b->calls[s->item], NULL);
		http_req_setup(r, "POST", j->url, 1 << 16, NULL, NULL);
		s->item++;
	} else {
		struct target *t = &b->t[s->item];
		struct target *first = &b->t[t->first];

		j->via = b->via[(s->v + first_way(s)) % b->nvia];
		j->pre[0] = '\0';
		j->expect = 0;
		j->cold_first = 0;
		if (b->evict) {
			j->access = s->pair ? access_warm(b, t) : access_cold(b, t, j->pre,
			    sizeof j->pre, &j->expect);
		} else {
			j->access = first->held ? "warm" : first->read ? "-" : first->access0;
			if (!first->read && !strcmp(j->access, "cold")) {
				/* with reads in flight, a connect here would be inside
				 * their times: then only the one before the run */
				if (b->r.run.concurrency == 1)
					access_provider(b, j->pre, sizeof j->pre);
				j->cold_first = 1;
			}
		}
		first->read = 1;
		j->sampled = b->bitswap && access_sample(b, &j->blocks0, &j->bytes0) == 0;
		j->url = read_url(b, t, j->via);
		http_req_setup(r, j->via == VIA_GATEWAY ? "GET" : "POST", j->url,
		    b->discard ? 1024 : SIZE_MAX, b->verify && t->rawhash ? hash_sink : NULL,
		    &j->hash);
		/* a read of known size gets no more than it and some slack;
		 * of unknown size, --max-reply unless nothing is kept */
		if (t->size >= 0)
			http_req_limit(r, (uint64_t)t->size + READ_SLACK);
		else if (b->discard)
			http_req_limit(r, 0);
		if (j->via == VIA_GATEWAY)
			http_req_gateway(r);	/* the RPC API's credentials stay with it */
		sha256_init(&j->hash);
		if (b->evict && (s->pair ^= 1))
			;	/* the warm read of the pair comes next */
		else if (++s->v == b->nvia) {
			s->v = 0;
			s->item++;
		}
	}
	if (s->item == nitems) {
		s->item = 0;
		s->round++;
	}
	return RUN_STARTED;
}

/* The endpoint name of a call, without its query string. */
static const char *
callname(const char *call, char *buf, size_t n)
{
	size_t len = strcspn(call, "?");

	while (*call == '/')
		call++, len--;
	snprintf(buf, n, "%.*s", (int)len, call);
	return buf;
}

/*
 * After a read: what went wrong before it makes it a failure; what bitswap
 * received during it (*got: measured), and a cold read that timed out with
 * nothing received says so; an ok read makes later ones warm.
 * Returns the read's ok.
 */
static int
read_after(struct catbench *b, const struct job *j, int ok, int timedout, char *err, size_t n,
    int *got, uint64_t *blocks, uint64_t *bytes)
{
	struct target *tg = &b->t[j->target];
	size_t len;

	if (j->sampled)
		*got = access_received(b, tg, j->cold_first && ok && !*j->pre, ok ? j->expect : 0,
		    j->blocks0, j->bytes0, blocks, bytes) == 0;
	if (*j->pre) {
		char was[800];

		snprintf(was, sizeof was, "%s", err);
		snprintf(err, n, "%.700s%s%.700s", j->pre, *was ? "; then " : "", was);
		ok = 0;
	}
	len = strlen(err);
	if (!ok && *got && *blocks == 0 && !strcmp(j->access, "cold") && b->provider && timedout)
		snprintf(err + len, n - len, " (bitswap received no block: does %s hold it?)",
		    b->provider);
	if (ok)
		b->t[tg->first].held = 1;
	return ok;
}

static void
done(void *ctx, struct http_req *r, const struct http_stat *st)
{
	struct state *s = ctx;
	struct catbench *b = s->b;
	struct job *j = r->job;
	char err[1600], op[128];
	int ok = rpc_outcome(st, r->body, err, sizeof err), got = 0;
	uint64_t got_blocks = 0, got_bytes = 0;
	struct timing t = {
		.via = j->via == VIA_GATEWAY ? "gateway" : j->via == VIA_MFS ? "mfs" : "rpc",
		.label = b->r.label,
		.access = j->access, .size = -1, .iter = j->iter,
		.warmup = j->warmup,
	};

	if (b->ncalls) {
		t.op = callname(b->calls[j->target], op, sizeof op);
		/* every RPC endpoint answers JSON: anything else is no answer */
		if (ok && !rpc_is_json(r->body ? r->body : "", r->nread <= r->len)) {
			snprintf(err, sizeof err, "reply is not JSON (%llu bytes: '%.40s')",
			    (unsigned long long)r->nread, r->body ? r->body : "");
			ok = 0;
		}
	} else {
		const struct target *tg = &b->t[j->target];

		t.op = "cat";
		t.cid = tg->path;
		t.size = tg->size >= 0 ? tg->size : (ok ? (int64_t)r->nread : -1);
		if (ok && j->via == VIA_GATEWAY && st->code != 200) {
			snprintf(err, sizeof err, "HTTP %ld from the gateway", st->code);
			ok = 0;
		}
		if (ok && b->verify && tg->rawhash) {
			uint8_t d[32];

			sha256_final(&j->hash, d);
			if (memcmp(d, tg->digest, 32)) {
				snprintf(err, sizeof err, "verify: the %" PRIu64 " bytes read do not "
				    "hash to the CID's sha2-256", r->nread);
				ok = 0;
			}
		} else if (ok && b->verify) {
			if (tg->size < 0) {
				snprintf(err, sizeof err, "verify: %s", tg->why ? tg->why : "size unknown");
				ok = 0;
			} else if (r->nread != (uint64_t)tg->size) {
				snprintf(err, sizeof err, "verify: read %" PRIu64 " bytes, expected %" PRId64,
				    r->nread, tg->size);
				ok = 0;
			}
		}
	}
	if (!b->ncalls)
		ok = read_after(b, j, ok, st->curlcode == CURLE_OPERATION_TIMEDOUT, err, sizeof err,
		    &got, &got_blocks, &got_bytes);
	t.ok = ok;
	t.error = err;
	http_timing(&t, r, st);
	if (!j->warmup || b->r.show_warmup) {
		if (got) {
			recw_uint(b->out, TC_NCOLS, got_blocks);
			recw_uint(b->out, TC_NCOLS + 1, got_bytes);
		}
		timing_write(b->out, &t);
		if (!b->ncalls)
			b->naccess[!strcmp(j->access, "cold") ? 0 : !strcmp(j->access, "warm") ? 1 : 2]++;
	}
	runsum_add(&b->sum, &t, st);
	b->nreq++;
	if (!ok)
		b->nfail++;
	runsum_tick(b->out, b->nreq, s->total, b->nfail);
}

static void
idle(void *ctx)
{
	struct state *s = ctx;

	runsum_tick(s->b->out, s->b->nreq, s->total, s->b->nfail);
}

int
catbench_run(struct catbench *b)
{
	struct runner_ops ops = { next, done, idle };
	struct state s = { .b = b };
	int rc;

	if (!b->ncalls) {
		link_duplicates(b);
		deal_coins(b);
	}
	s.total = (b->r.warmup + b->r.iterations) *
	    (b->ncalls ? b->ncalls : (long)b->nt * b->nvia * (b->evict ? 2 : 1));
	s.jobs = ecalloc(b->r.run.concurrency, sizeof *s.jobs);
	runsum_start(&b->sum);
	progress_init(b->r.quiet);
	if (!b->ncalls && uses_mfs(b))
		mfs_stage(b);
	if (!b->ncalls)
		access_start(b);
	rc = runner_run(&b->r.run, &ops, &s);
	if (b->mfsdir)
		mfs_unstage(b);
	progress_end();
	access_end(b);
	for (int i = 0; i < s.njobs; i++)
		free(s.jobs[i].url);
	free(s.jobs);
	if (rc)
		return rc;
	return b->nfail ? 1 : 0;
}

void
catbench_open(struct catbench *b, int json, const char *tool, const char *api,
    const char *extra)
{
	static const char *const more[] = { "bitswap_blocks", "bitswap_bytes", NULL };
	static const char *cols[TC_NCOLS + sizeof more / sizeof *more];

	memcpy(cols, timing_cols, TC_NCOLS * sizeof *cols);
	memcpy(cols + TC_NCOLS, more, sizeof more);
	b->out = timing_open_cols(stdout, cols, json, tool, api, extra);
}

void
catbench_operands(struct catbench *b, char *const *args, int n)
{
	char why[400];

	if (n == 0 && isatty(STDIN_FILENO))
		usageerr("no CIDs: give them as arguments or on stdin");
	for (int i = 0; i < (n ? n : 1); i++) {
		const char *a = n ? args[i] : "-";

		if (strcmp(a, "-") && catbench_add(b, a, -1, why, sizeof why) == 0)
			continue;
		if (strcmp(a, "-") && access(a, F_OK) < 0)
			usageerr("%s: %s, nor a file", a, why);
		if (catbench_load(b, a) < 0)
			exit(EXIT_RUNTIME);
	}
	if (b->skipped)
		weprintf("skipped %lu input records without a CID (failed adds)", b->skipped);
	if (!b->nt)
		eprintf("no CIDs to read");
	access_open(b);	/* before files/stat fetches anything */
	if (b->verify)
		catbench_sizes(b);
}

void
catbench_summary(const struct catbench *b)
{
	runsum_print(&b->sum, "requests");
	if (!b->ncalls)
		access_report(b);
}

void
catbench_free(struct catbench *b)
{
	for (size_t i = 0; i < b->nt; i++) {
		free(b->t[i].path);
		free(b->t[i].why);
	}
	free(b->t);
	free(b->mfsdir);
	runsum_free(&b->sum);
}
