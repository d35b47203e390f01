/*
 * sim/job.c: cache-sim's job. The requests come from a pattern or a trace,
 * read into memory first when a size is a share of the working set or
 * belady needs next-access times the trace lacks (prepass.h); then every
 * cache, or the curve, is fed them in one pass (run.h, mrc.h), and the
 * records say what the requests were and what each cache did.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/job.h"
#include "base/sig.h"
#include "base/util.h"
#include "base/version.h"
#include "rec/write.h"
#include "sim/cache.h"
#include "sim/mrc.h"
#include "sim/prepass.h"
#include "sim/run.h"
#include "sim/tracewrite.h"

/* What the requests were. */
struct input {
	struct source *src;
	struct req *buf;	/* the first batch read, n0 requests */
	size_t n0;
	int ws;			/* the working set is known: objects, bytes */
	uint64_t objects, bytes;
	int bytes_unit;		/* capacities count bytes */
};

int
simjob_policies(const char *list, int *tiered, char *err, size_t errlen)
{
	char *copy = estrdup(list), *p, *save = NULL;
	struct tiers t;
	int rc = 0;

	*tiered = 0;
	for (p = strtok_r(copy, ",", &save); p && rc == 0; p = strtok_r(NULL, ",", &save)) {
		struct cache *c = cache_new(p, 0, 1, 1, err, errlen);

		if (!c)
			rc = -1;
		else
			*tiered |= cache_tiers(c, &t);
		cache_free(c);
	}
	free(copy);
	return rc;
}

/* A size, or a share (negative, in millionths) of the working set ws. */
static uint64_t
resolve(int64_t v, uint64_t ws)
{
	if (v >= 0)
		return (uint64_t)v;
	return (uint64_t)((unsigned __int128)ws * (uint64_t)-v / 1000000);
}

static int
has_pct(const int64_t *v, int n)
{
	for (int i = 0; i < n; i++)
		if (v[i] < 0)
			return 1;
	return 0;
}

/* Open the requests, read them into memory when the job needs it, read
 * the first batch: a trace without a request is an error. */
static void
input_open(struct input *in, const struct simjob *j)
{
	struct trace_opts topt = j->trace;
	int need_next = !j->mrc && strstr(j->policies, "belady") != NULL;
	struct source *src;

	topt.need_next = need_next;
	src = j->pattern ? pattern_source(&j->pat, j->pattern) : trace_open(j->path, &topt);
	if (has_pct(j->sizes, j->nsizes) || has_pct(j->disks, j->ndisks) ||
	    (need_next && !src->has_next)) {
		src = prepass_load(src, need_next && !src->has_next, &in->objects, &in->bytes,
		    !j->quiet);
		in->ws = 1;
	}
	in->src = src;
	in->buf = emalloc(SIM_BATCH * sizeof *in->buf);
	in->n0 = src->read(src, in->buf, SIM_BATCH);
	if (in->n0 == 0 && !interrupted)
		eprintf("%s: no requests%s", src->name, src->dropped ?
		    " (only records of failed requests or without a cid)" : src->bad ?
		    " (only malformed lines, skipped)" : "");
	if (j->unit == 1 && in->n0 && !src->has_size)
		eprintf("%s: -u bytes, but the trace has no sizes", src->name);
	in->bytes_unit = j->unit >= 0 ? j->unit : src->has_size;
}

static void
header(struct recw *w, const struct input *in, uint64_t requests)
{
	const struct source *src = in->src;

	recw_comment(w, "cache-sim ipfsperf %s", IPFSPERF_VERSION);
	if (in->ws)
		recw_comment(w, "trace: %s format=%s requests=%llu objects=%llu bytes=%llu",
		    src->name, src->format, (unsigned long long)requests,
		    (unsigned long long)in->objects, (unsigned long long)in->bytes);
	else
		recw_comment(w, "trace: %s format=%s requests=%llu", src->name, src->format,
		    (unsigned long long)requests);
	if (src->bad) {
		recw_comment(w, "skipped %llu malformed lines", (unsigned long long)src->bad);
		weprintf("%s: skipped %llu malformed lines", src->name,
		    (unsigned long long)src->bad);
	}
	if (src->dropped) {
		recw_comment(w, "dropped %llu records of failed requests or without a cid",
		    (unsigned long long)src->dropped);
		weprintf("%s: dropped %llu records of failed requests (ok=0) or without a cid",
		    src->name, (unsigned long long)src->dropped);
	}
	if (interrupted)
		recw_comment(w, "interrupted after %llu requests", (unsigned long long)requests);
}

/* The LRU miss-ratio curve, exact or sampled. */
static void
run_mrc(const struct simjob *j, struct input *in, struct recw *w)
{
	uint64_t *caps = emalloc((j->nsizes ? j->nsizes : 1) * sizeof *caps), requests;
	struct mrc *m;

	for (int i = 0; i < j->nsizes; i++)
		caps[i] = resolve(j->sizes[i], in->bytes_unit ? in->bytes : in->objects);
	m = mrc_new(in->bytes_unit, j->sample, caps, (size_t)j->nsizes);
	requests = pump(in->src, in->buf, in->n0, mrc_feed, m, !j->quiet);
	header(w, in, requests);
	if (j->sample < 1)
		recw_comment(w, "sampled: rate %g (SHARDS)", mrc_rate(m));
	mrc_report(m, w, j->points);
	mrc_free(m);
	free(caps);
}

static void
feed(void *arg, const struct req *r, size_t n)
{
	sim_batch(arg, r, n);
}

/* Every policy at every size (and disk size, for two tiers), in one pass. */
static void
run_sim(const struct simjob *j, struct input *in, struct recw *w)
{
	struct sim sim = { .has_size = in->src->has_size };
	char *list = estrdup(j->policies), *p, *save = NULL, err[256];
	uint64_t ws = in->bytes_unit ? in->bytes : in->objects, requests;
	struct tiers t;

	for (p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save))
		for (int i = 0; i < j->nsizes; i++)
			for (int d = 0;; d++) {
				struct cache *c = cache_new(p, in->bytes_unit, resolve(j->sizes[i], ws),
				    d < j->ndisks ? resolve(j->disks[d], ws) : 0, err, sizeof err);

				if (!c)
					usageerr("-p: %s", err);
				sim_add(&sim, c);
				if (!cache_tiers(c, &t) || d + 1 >= j->ndisks)
					break;
			}
	free(list);
	requests = pump(in->src, in->buf, in->n0, feed, &sim, !j->quiet);
	header(w, in, requests);
	sim_report(&sim, w);
	sim_free(&sim);
}

/* The pattern as a trace. */
static int
emit(const struct simjob *j, FILE *out)
{
	if ((j->emit == EMIT_TEXT ? emit_text : emit_oracle)(&j->pat, out) < 0) {
		fflush(out);
		return EXIT_INTERRUPTED;
	}
	efshut();
	return 0;
}

int
simjob_run(const struct simjob *j, FILE *out)
{
	struct input in = { 0 };
	struct recw *w;

	if (j->emit != EMIT_NONE)
		return emit(j, out);
	input_open(&in, j);
	w = recw_open(out, j->mrc ? mrc_columns(in.bytes_unit) : sim_cols, j->json);
	if (j->mrc)
		run_mrc(j, &in, w);
	else
		run_sim(j, &in, w);
	recw_close(w);
	in.src->close(in.src);
	free(in.buf);
	return interrupted ? EXIT_INTERRUPTED : 0;
}
