/* xfer/hash.c: build a file's DAG here, block by block, storing nothing. */
#include "xfer/hash.h"
#include "base/clock.h"
#include "base/progress.h"

int
hash_run(struct hashing *h, dag_readfn *rd, void *arg)
{
	struct dag_block b;
	struct dag *d;
	char line[160];
	double t0 = now_mono();
	int ret;

	h->have_root = 0;
	xfer_start(&h->x);
	h->x.code = 0;		/* no request, no status */
	progress_init(!h->progress);
	d = dag_open(&h->dag, rd, arg);
	while ((ret = dag_next(d, &b)) > 0) {
		h->x.blocks++;
		if (h->onevent) {
			struct xfer_event e = { .op = "hash", .cid = &b.cid, .size = b.len,
			    .blocks = 1, .ok = 1, .error = "", .ts = now_wall() };

			h->onevent(h->arg, &e);
		}
		if (b.root) {
			h->root = b.cid;
			h->have_root = 1;
			h->x.size = b.filesize;
		}
		if (progress_due())
			progress_show(1, "hashed %s", progress_amount(line, sizeof line,
			    PROGRESS_BYTES, dag_bytes(d), h->size_hint));
	}
	progress_end();
	dag_close(d);
	h->x.t_total = now_mono() - t0;
	return ret < 0 ? -1 : 0;
}
