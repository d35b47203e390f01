/* timing/add.c: timing content additions (/api/v0/add) request by request. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "timing/add.h"
#include "base/progress.h"
#include "base/util.h"
#include "net/discover.h"
#include "net/rpc.h"
#include "rec/timing.h"
#include "timing/payload.h"

struct job {
	struct payload pl;
	int64_t size;
	long iter;
	int warmup;
	long item;		/* the size's or file's index */
	uint64_t key;		/* the payload's key */
};

struct state {
	struct addbench *b;
	long round, item;	/* next request: round (warm-ups first), item */
	long total;
	struct job *jobs;	/* one per slot */
	int njobs;
};

static int64_t
filesize(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int64_t)st.st_size : -1;
}

static int
next(void *ctx, struct http_req *r)
{
	struct state *s = ctx;
	struct addbench *b = s->b;
	long nitems = b->nfiles ? b->nfiles : b->nsizes;
	struct job *j;
	curl_mime *mime;
	curl_mimepart *part;
	char name[64];

	if (s->round >= b->r.warmup + b->r.iterations || b->dead)
		return RUN_DONE;
	if (!r->job)
		r->job = &s->jobs[s->njobs++];
	j = r->job;
	j->warmup = s->round < b->r.warmup;
	j->item = s->item;
	j->iter = (j->warmup ? s->round : s->round - b->r.warmup) + 1;
	http_req_setup(r, "POST", b->url, 64 * 1024, NULL, NULL);
	mime = http_req_mime(r);
	if (b->nfiles) {
		const char *path = b->files[s->item];

		j->size = filesize(path);
		part = curl_mime_addpart(mime);
		curl_mime_name(part, "file");
		curl_mime_type(part, "application/octet-stream");
		if (curl_mime_filedata(part, path) != CURLE_OK)
			weprintf("%s: cannot read", path);
	} else {
		/* unique per (size, iteration): warm-ups use their own keys */
		uint64_t key = b->same ? 0 : (uint64_t)s->round + 1;

		j->size = b->sizes[s->item];
		j->key = key;
		snprintf(name, sizeof name, "payload-%lld", (long long)j->size);
		payload_start(&j->pl, b->seed, (uint64_t)j->size, key);
		payload_mime(mime, &j->pl, name);
	}
	if (++s->item == nitems) {
		s->item = 0;
		s->round++;
	}
	return RUN_STARTED;
}

static ssize_t
payload_readfn(void *arg, void *buf, size_t n)
{
	return (ssize_t)payload_read(arg, buf, n);
}

/* The CID of what job j sent, computed here: 0, or -1 (why in err). */
static int
content_cid(const struct addbench *b, const struct job *j, struct cid *c, char *err, size_t n)
{
	struct payload pl;
	struct dag_block blk;
	struct dag *d;
	int fd = -1, rc;

	if (b->nfiles) {
		if ((fd = open(b->files[j->item], O_RDONLY)) < 0) {
			snprintf(err, n, "%s: %s", b->files[j->item], strerror(errno));
			return -1;
		}
		d = dag_open(&b->dag, dag_fdread, &fd);
	} else {
		payload_start(&pl, b->seed, (uint64_t)j->size, j->key);
		d = dag_open(&b->dag, payload_readfn, &pl);
	}
	while ((rc = dag_next(d, &blk)) > 0)
		if (blk.root)
			*c = blk.cid;
	dag_close(d);
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		snprintf(err, n, "computing the CID: %s", strerror(errno));
	return rc < 0 ? -1 : 0;
}

/* The node's root names the content we sent? 1, or 0 with why in err. */
static int
root_matches(const struct addbench *b, const struct job *j, const char *root, char *err, size_t n)
{
	struct cid mine, theirs;
	char s[CID_MAXSTR];

	if (cid_parse(&theirs, root) < 0) {
		snprintf(err, n, "the node's reply names no CID: '%.64s'", root);
		return 0;
	}
	if (content_cid(b, j, &mine, err, n) < 0)
		return 0;
	if (!cid_equal(&mine, &theirs)) {
		snprintf(err, n, "the node named the content %s, but its CID is %s (computed here)",
		    root, cid_str(&mine, s));
		return 0;
	}
	return 1;
}

static void
done(void *ctx, struct http_req *r, const struct http_stat *st)
{
	struct state *s = ctx;
	struct addbench *b = s->b;
	struct job *j = r->job;
	char err[600], cid[256] = "";
	int ok = rpc_outcome(st, r->body, err, sizeof err);
	struct timing t = {
		.op = "add", .via = "rpc", .label = b->r.label, .access = "-",
		.size = j->size, .iter = j->iter, .warmup = j->warmup,
	};

	if (ok && rpc_add_root(r->body, cid, sizeof cid) < 0) {
		snprintf(err, sizeof err, "%s", cid);
		cid[0] = '\0';
		ok = 0;
	}
	if (ok && b->check_cid && !root_matches(b, j, cid, err, sizeof err))
		ok = 0;
	t.ok = ok;
	t.cid = cid[0] ? cid : NULL;
	t.error = err;
	http_timing(&t, r, st);
	if (!j->warmup || b->r.show_warmup)
		addbench_write(b, &t);
	runsum_add(&b->sum, &t, st);
	b->nreq++;
	if (!ok) {
		b->nfail++;
		if (j->warmup && !b->dead && (st->curlcode == CURLE_COULDNT_CONNECT ||
		    st->curlcode == CURLE_COULDNT_RESOLVE_HOST))
			b->dead = estrdup(err);
		else if (j->warmup && b->sum.warmfailed == 1)
			weprintf("warm-up add failed: %s", err);
	}
	runsum_tick(b->out, b->nreq, s->total, b->nfail);
}

static void
idle(void *ctx)
{
	struct state *s = ctx;

	runsum_tick(s->b->out, s->b->nreq, s->total, s->b->nfail);
}

void
addbench_open(struct addbench *b, int json, const char *tool, const char *api,
    const char *extra)
{
	static const char *const more[] = { "dedup", "chunker", "raw_leaves", "cid_version",
		"mode", "parallel", NULL };
	static const char *cols[TC_NCOLS + sizeof more / sizeof *more];

	memcpy(cols, timing_cols, TC_NCOLS * sizeof *cols);
	memcpy(cols + TC_NCOLS, more, sizeof more);
	b->out = timing_open_cols(stdout, cols, json, tool, api, extra);
}

void
addbench_write(struct addbench *b, struct timing *t)
{
	int c = TC_NCOLS;

	if (b->dedup >= 0)
		recw_int(b->out, c, b->dedup);
	c++;
	recw_str(b->out, c++, b->chunker);
	if (b->raw_leaves >= 0)
		recw_int(b->out, c, b->raw_leaves);
	c++;
	if (b->cid_version >= 0)
		recw_int(b->out, c, b->cid_version);
	c++;
	recw_str(b->out, c++, b->mode);
	if (b->parallel > 0)
		recw_int(b->out, c, b->parallel);
	timing_write(b->out, t);
}

int
addbench_held(const struct addbench *b, const char *api, const char *addq,
    const struct http_opts *o, char *cid, size_t n)
{
	struct http_req r;
	struct http_stat st;
	struct payload pl;
	char err[600], name[64], *q, *url, *arg;
	int held = -1;

	http_req_init(&r, o);
	q = emalloc(strlen(addq) + 32);
	sprintf(q, "only-hash=true&%s", addq);
	url = rpc_url(api, "add", q);
	http_req_setup(&r, "POST", url, 1 << 16, NULL, NULL);
	snprintf(name, sizeof name, "payload-%lld", (long long)b->sizes[0]);
	payload_start(&pl, b->seed, (uint64_t)b->sizes[0], b->same ? 0 : (uint64_t)b->r.warmup + 1);
	payload_mime(http_req_mime(&r), &pl, name);
	http_perform(&r, &st);
	free(url);
	free(q);
	if (!rpc_outcome(&st, r.body, err, sizeof err) || rpc_add_root(r.body, cid, n) < 0) {
		if (err[0])
			snprintf(cid, n, "add?only-hash: %s", err);
		goto out;
	}
	arg = url_escape(cid);
	q = emalloc(strlen(arg) + 48);
	sprintf(q, "arg=%s&offline=true&timeout=2s", arg);
	url = rpc_url(api, "block/stat", q);
	http_req_setup(&r, "POST", url, 1 << 16, NULL, NULL);
	http_perform(&r, &st);
	held = st.code == 200 && rpc_outcome(&st, r.body, err, sizeof err);
	free(url);
	free(q);
	free(arg);
out:
	http_req_free(&r);
	return held;
}

int
addbench_run(struct addbench *b)
{
	struct runner_ops ops = { next, done, idle };
	struct state s = { .b = b };
	int rc;

	for (int i = 0; i < b->nfiles; i++)
		if (filesize(b->files[i]) < 0)
			eprintf("%s:", b->files[i]);
	s.total = (b->r.warmup + b->r.iterations) * (b->nfiles ? b->nfiles : b->nsizes);
	s.jobs = ecalloc(b->r.run.concurrency, sizeof *s.jobs);
	runsum_start(&b->sum);
	progress_init(b->r.quiet);
	rc = runner_run(&b->r.run, &ops, &s);
	progress_end();
	free(s.jobs);
	if (rc)
		return rc;
	return b->nfail ? 1 : 0;
}

char *
addbench_query(const struct addparams *p)
{
	char *esc = p->chunker ? url_escape(p->chunker) : NULL, *q;
	size_t n = 96 + (esc ? strlen(esc) : 0);

	q = emalloc(n);
	snprintf(q, n, "pin=%s%s%s%s%s%s", p->pin ? "true" : "false",
	    p->raw ? "&raw-leaves=true" : "",
	    p->cidver < 0 ? "" : p->cidver ? "&cid-version=1" : "&cid-version=0",
	    p->onlyhash ? "&only-hash=true" : "", esc ? "&chunker=" : "", esc ? esc : "");
	free(esc);
	return q;
}

void
addbench_check_seed(struct addbench *b, const char *api, const char *query,
    const struct http_opts *o)
{
	char cid[600];

	if (addbench_held(b, api, query, o, cid, sizeof cid) == 1) {
		b->dedup = 1;
		weprintf("warning: the node already holds the content of --seed %llu "
		    "(%s): adds of it measure deduplication, not storage; its records "
		    "say dedup=1 (use another seed, or none)", (unsigned long long)b->seed, cid);
	}
}

int
addbench_finish(struct addbench *b, int rc, const char *api, const char *what)
{
	if (b->dead) {
		weprintf("the warm-up add reached no node at %s: %s; nothing was measured",
		    url_redact(api), b->dead);
		rc = EXIT_RUNTIME;
	} else if (!b->r.quiet) {
		runsum_print(&b->sum, what);
	}
	runsum_free(&b->sum);
	free(b->dead);
	for (int i = 0; i < b->nfiles; i++)
		free(b->files[i]);
	free(b->files);
	return rc;
}
