/* timing/remove.c: ipfs-time-add --remove, what runs added taken off the
 * node: their pins, then the blocks nothing else keeps. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing/remove.h"
#include "timing/blocks.h"
#include "base/sig.h"
#include "base/util.h"
#include "net/discover.h"
#include "rec/read.h"

/* The roots of the records, by whose they are. */
struct roots {
	struct blockset own;	/* dedup=0: the run made them */
	struct blockset held;	/* dedup=1: the node held them before the run */
	struct blockset unknown;	/* no dedup: files, --only-hash */
};

/* Read one file's add records into rs: 0, or 2 after a file:line error. */
static int
read_roots(const char *path, struct roots *rs, size_t *nrec)
{
	struct recr *r = recr_open(path, NULL);
	int cop, cok, ccid, cdedup, rc = 0, got;
	size_t nrows = 0, nadds = 0;

	if (!r)
		return 2;
	cop = recr_col(r, "op");
	cok = recr_col(r, "ok");
	ccid = recr_col(r, "cid");
	cdedup = recr_col(r, "dedup");
	if (cop < 0 || ccid < 0 || cok < 0) {
		weprintf("%s: no %s column: not records of ipfs-time-add", path,
		    cop < 0 ? "op" : ccid < 0 ? "cid" : "ok");
		recr_close(r);
		return 2;
	}
	while ((got = recr_next(r)) != 0) {
		const char *op, *ok, *cid, *dd;
		struct blockset *to;

		if (got < 0) {
			weprintf("%s: %s", recr_where(r), recr_error(r));
			rc = 2;
			break;
		}
		op = recr_get(r, cop);
		ok = recr_get(r, cok);
		cid = recr_get(r, ccid);
		nrows++;
		nadds += op && !strcmp(op, "add");
		if (!op || strcmp(op, "add") || !ok || strcmp(ok, "1") || !cid)
			continue;	/* not an add, or one that stored nothing known */
		dd = cdedup >= 0 ? recr_get(r, cdedup) : NULL;
		to = !dd ? &rs->unknown : !strcmp(dd, "0") ? &rs->own :
		    !strcmp(dd, "1") ? &rs->held : NULL;
		if (!to) {
			weprintf("%s: dedup: expected 0 or 1, got '%s'", recr_where(r), dd);
			rc = 2;
			break;
		}
		if (blockset_add(to, cid) < 0) {
			weprintf("%s: cid: '%s' is not a CID", recr_where(r), cid);
			rc = 2;
			break;
		}
		++*nrec;
	}
	if (!rc && nrows && !nadds) {
		weprintf("%s: no add records (op=add): not records of ipfs-time-add", path);
		rc = 2;
	}
	recr_close(r);
	return rc;
}

/* s sorted, each key once. */
static void
uniq(struct blockset *s)
{
	size_t k = 0;

	blockset_sort(s);
	for (size_t i = 0; i < s->n; i++) {
		if (k && !strcmp(s->v[k - 1].key, s->v[i].key)) {
			free(s->v[i].cid);
			continue;
		}
		s->v[k++] = s->v[i];
	}
	s->n = k;
}

/* "QmA, QmB, QmC and 4 more" */
static const char *
some(const struct blockset *s, char *buf, size_t n)
{
	size_t k = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < s->n && i < 3; i++)
		k += snprintf(buf + k, k < n ? n - k : 0, "%s%s", i ? ", " : "", s->v[i].cid);
	if (s->n > 3 && k < n)
		snprintf(buf + k, n - k, " and %zu more", s->n - 3);
	return buf;
}

/* The own roots not also held or unknown: a root any record calls the
 * node's is left. */
static void
only_own(struct roots *rs)
{
	size_t k = 0;

	for (size_t i = 0; i < rs->own.n; i++) {
		if (blockset_has(&rs->held, rs->own.v[i].key) ||
		    blockset_has(&rs->unknown, rs->own.v[i].key)) {
			free(rs->own.v[i].cid);
			continue;
		}
		rs->own.v[k++] = rs->own.v[i];
	}
	rs->own.n = k;
}

int
remove_added(const char *api, const struct http_opts *o, char *const *files, int nfiles,
    int quiet)
{
	struct roots rs = { 0 };
	struct blockset local = { 0 }, kept = { 0 }, gone = { 0 }, keeps = { 0 }, after = { 0 };
	struct http_opts ho = *o;
	struct http_req r;
	char err[800], mfsroot[256], list[600];
	size_t nrec = 0, unpinned = 0, stayed = 0, unsized = 0, npins;
	uint64_t total = 0;
	int rc = 0;

	for (int i = 0; i < nfiles; i++)
		if ((rc = read_roots(files[i], &rs, &nrec)) != 0)
			goto out;
	uniq(&rs.own);
	uniq(&rs.held);
	uniq(&rs.unknown);
	only_own(&rs);
	if (rs.held.n)
		weprintf("--remove: left %zu added root%s the node held before the run "
		    "(dedup=1): %s", rs.held.n, rs.held.n == 1 ? "" : "s", some(&rs.held, list, sizeof list));
	if (rs.unknown.n)
		weprintf("--remove: left %zu added root%s not known to be the run's own (records "
		    "without dedup: files named to ipfs-time-add, or --only-hash): %s", rs.unknown.n,
		    rs.unknown.n == 1 ? "" : "s", some(&rs.unknown, list, sizeof list));
	if (!rs.own.n) {
		if (!quiet)
			weprintf("--remove: nothing to remove at %s: %zu add record%s, no content "
			    "of the runs' own", url_redact(api), nrec, nrec == 1 ? "" : "s");
		goto out;
	}

	/* the untimed calls' own deadline: -t, at most 60 s */
	if (!(ho.timeout > 0 && ho.timeout <= 60))
		ho.timeout = 60;
	http_req_init(&r, &ho);
	/* the pins first: a block a pin holds cannot go, and the kept set is
	 * what stays pinned once the runs' own pins are gone */
	for (size_t i = 0; i < rs.own.n && !interrupted; i++) {
		int was = blocks_unpin(&r, api, rs.own.v[i].cid, err, sizeof err);

		if (was < 0) {
			weprintf("--remove: pin/rm %s: %s", rs.own.v[i].cid, err);
			rc = 1;
			goto done;
		}
		unpinned += was;
	}
	if (interrupted)
		goto done;
	if (blocks_local(&r, api, &local, err, sizeof err) < 0 ||
	    blocks_kept(&r, api, &local, NULL, &kept, mfsroot, sizeof mfsroot, &npins, err,
	    sizeof err) < 0) {
		weprintf("--remove: %s: the pins are removed, no block is", err);
		rc = 1;
		goto done;
	}
	for (size_t i = 0; i < rs.own.n && !interrupted; i++) {
		struct blockset dag;

		if (blocks_dag_held(&r, api, rs.own.v[i].cid, &local, &dag, err, sizeof err) < 0) {
			weprintf("--remove: the DAG of %s: %s", rs.own.v[i].cid, err);
			rc = 1;
			goto done;
		}
		for (size_t k = 0; k < dag.n; k++) {
			struct blk *b = &dag.v[k];

			if (blk_inline(b->cid) || !blockset_has(&local, b->key))
				continue;
			struct blockset *to = blockset_has(&kept, b->key) ? &keeps : &gone;

			blockset_add(to, b->cid);
			to->v[to->n - 1].size = b->size;
		}
		blockset_free(&dag);
	}
	uniq(&gone);
	uniq(&keeps);
	for (size_t k = 0; k < gone.n && !interrupted; k++) {
		if (!gone.v[k].size && blocks_size(&r, api, &gone.v[k], err, sizeof err) < 0)
			unsized++;
		total += gone.v[k].size;
	}
	if (interrupted)
		goto done;
	if (blocks_rm(&r, api, &gone, err, sizeof err) < 0) {
		weprintf("--remove: %s", err);
		rc = 1;
	}
	/* checked gone */
	if (blocks_local(&r, api, &after, err, sizeof err) < 0) {
		weprintf("--remove: %s: whether the blocks are gone is not known", err);
		rc = 1;
		goto done;
	}
	stayed = blockset_held(&gone, &after);
	if (stayed) {
		weprintf("--remove: %zu of the %zu blocks removed are still on the node", stayed,
		    gone.n);
		rc = 1;
	}
	if (!quiet || rc)
		weprintf("--remove at %s: %zu added root%s (%zu record%s): %zu unpinned, %zu "
		    "block%s removed (%s%" PRIu64 " bytes) and checked gone%s", url_redact(api), rs.own.n,
		    rs.own.n == 1 ? "" : "s", nrec, nrec == 1 ? "" : "s", unpinned,
		    gone.n - stayed, gone.n - stayed == 1 ? "" : "s", unsized ? "at least " : "",
		    total, stayed ? " but for those" : "");
	if (keeps.n)
		weprintf("--remove: left %zu block%s that MFS or one of the node's %zu pins keeps",
		    keeps.n, keeps.n == 1 ? "" : "s", npins);
done:
	if (interrupted) {
		weprintf("--remove: interrupted: %zu of %zu roots unpinned, their blocks left",
		    unpinned, rs.own.n);
		rc = 130;
	}
	http_req_free(&r);
out:
	blockset_free(&rs.own);
	blockset_free(&rs.held);
	blockset_free(&rs.unknown);
	blockset_free(&local);
	blockset_free(&kept);
	blockset_free(&gone);
	blockset_free(&keeps);
	blockset_free(&after);
	return rc;
}
