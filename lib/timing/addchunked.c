/* timing/addchunked.c: timing chunked adds (chunk-put's upload) one by one. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "timing/addchunked.h"
#include "base/progress.h"
#include "base/sig.h"
#include "base/util.h"
#include "rec/timing.h"
#include "timing/payload.h"

static ssize_t
payload_src(void *arg, void *buf, size_t n)
{
	return payload_read(arg, buf, n);
}

/* One chunked add of item (a size or a file) in round; 1 when ok. */
static int
add_one(struct addbench *b, struct upload *up, long round, long item, double t0)
{
	struct payload pl;
	char cid[CID_MAXSTR];
	int warmup = round < b->r.warmup, rc, fd = -1;
	uint64_t key = b->same ? 0 : (uint64_t)round + 1;
	struct timing t = {
		.op = "add", .via = "chunked", .label = b->r.label, .access = "-",
		.iter = (warmup ? round : round - b->r.warmup) + 1, .warmup = warmup,
	};

	if (b->nfiles) {
		if ((fd = open(b->files[item], O_RDONLY)) < 0)
			eprintf("%s:", b->files[item]);
		rc = upload_run(up, dag_fdread, &fd);
		close(fd);
	} else {
		payload_start(&pl, b->seed, (uint64_t)b->sizes[item], key);
		rc = upload_run(up, payload_src, &pl);
	}
	if (rc == 130)
		return -1;
	t.size = b->nfiles ? (int64_t)up->x.size : b->sizes[item];
	t.ok = rc == 0;
	t.cid = up->have_root ? cid_str(&up->root, cid) : NULL;
	t.error = up->x.err;
	xfer_timing(&up->x, &t);
	t.t_sched = t.t_start = now_mono() - up->x.t_total - t0;
	if (!warmup || b->r.show_warmup)
		addbench_write(b, &t);
	runsum_add(&b->sum, &t, NULL);
	if (!t.ok && warmup && up->x.code == 0 && !b->dead)
		b->dead = estrdup(up->x.err);	/* no node answered */
	else if (!t.ok && warmup && b->sum.warmfailed == 1)
		weprintf("warm-up add failed: %s", up->x.err);
	return t.ok;
}

int
addchunked_run(struct addbench *b, struct upload *up)
{
	long nitems = b->nfiles ? b->nfiles : b->nsizes, round, item, total;
	double t0 = now_mono();
	int ok;

	total = (b->r.warmup + b->r.iterations) * nitems;
	runsum_start(&b->sum);
	recw_live(b->out, 0);	/* no idle time between adds to flush in */
	progress_init(b->r.quiet);
	up->progress = 0;
	for (round = 0; round < b->r.warmup + b->r.iterations && !b->dead; round++) {
		for (item = 0; item < nitems && !b->dead; item++) {
			if (interrupted || (ok = add_one(b, up, round, item, t0)) < 0) {
				progress_end();
				return 130;
			}
			b->nreq++;
			b->nfail += !ok;
			runsum_tick(b->out, b->nreq, total, b->nfail);
		}
	}
	progress_end();
	return b->nfail ? 1 : 0;
}
