/*
 * unixfs/dag.c: the balanced file layout of go-unixfs (Kubo) and
 * ipfs-unixfs-importer (js-ipfs), built while the file streams in.
 *
 * Leaves of a fixed size go to level 0; a level holding maxlinks links
 * that receives one more is first closed into a node whose link moves up
 * a level. At the end every level is closed from the bottom and the one
 * link left on top is the root. A file of one chunk is its own root.
 * This gives exactly the trees of go-unixfs's balanced.Layout, whose
 * subtrees are all full but the last ones.
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "unixfs/dag.h"
#include "base/util.h"
#include "unixfs/sha256.h"
#include "unixfs/unixfs.h"

enum { MAXLEVELS = 16 };	/* 174^16 chunks is far more than 2^64 bytes */
enum { QLEN = 2 * MAXLEVELS + 2 };	/* blocks one step can make at most */

struct level {
	struct ufs_child *kids;
	size_t n;
};

struct chunk {
	uint8_t *mem;		/* UFS_LEAF_HEAD + chunk + UFS_LEAF_TAIL */
	size_t n;
};

struct dag {
	struct dag_opts o;
	dag_readfn *rd;
	void *arg;
	struct chunk cur, next;	/* one chunk of read-ahead tells the last */
	int started, eof, done;
	uint64_t bytes, seq, offset;
	struct level lv[MAXLEVELS];
	int top;		/* highest level in use */
	/* blocks made but not handed out yet, in order, and node buffers */
	struct dag_block q[QLEN];
	uint8_t *qbuf[QLEN];
	int qhead, qlen;
};

const char *
dag_opts_check(const struct dag_opts *o)
{
	if (o->chunk < 1 || o->chunk > DAG_CHUNK_MAX)
		return "chunk size must be from 1 to 1048576 bytes";
	if (o->cidver != 0 && o->cidver != 1)
		return "CID version must be 0 or 1";
	if (o->maxlinks == 1 || o->maxlinks > 100000)
		return "maximum links must be from 2 to 100000";
	return NULL;
}

ssize_t
dag_fdread(void *arg, void *buf, size_t n)
{
	return read(*(int *)arg, buf, n);
}

struct dag *
dag_open(const struct dag_opts *o, dag_readfn *rd, void *arg)
{
	struct dag *d = ecalloc(1, sizeof *d);

	d->o = *o;
	if (!d->o.maxlinks)
		d->o.maxlinks = DAG_MAXLINKS;
	d->rd = rd;
	d->arg = arg;
	d->cur.mem = emalloc(UFS_LEAF_HEAD + d->o.chunk + UFS_LEAF_TAIL);
	d->next.mem = emalloc(UFS_LEAF_HEAD + d->o.chunk + UFS_LEAF_TAIL);
	return d;
}

void
dag_close(struct dag *d)
{
	int i;

	if (!d)
		return;
	for (i = 0; i < MAXLEVELS; i++)
		free(d->lv[i].kids);
	for (i = 0; i < QLEN; i++)
		free(d->qbuf[i]);
	free(d->cur.mem);
	free(d->next.mem);
	free(d);
}

uint64_t
dag_bytes(const struct dag *d)
{
	return d->bytes;
}

/* Fill c with up to a chunk; short only at the end of the file. */
static int
fill(struct dag *d, struct chunk *c)
{
	uint8_t *p = c->mem + UFS_LEAF_HEAD;
	ssize_t r;

	c->n = 0;
	while (c->n < d->o.chunk && !d->eof) {
		r = d->rd(d->arg, p + c->n, d->o.chunk - c->n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			d->eof = 1;
		c->n += r;
	}
	d->bytes += c->n;
	return 0;
}

/* A new block at the end of the queue; *buf gets its node buffer. */
static struct dag_block *
enqueue(struct dag *d, uint8_t **buf)
{
	int i = (d->qhead + d->qlen++) % QLEN;
	struct dag_block *b = &d->q[i];

	memset(b, 0, sizeof *b);
	b->seq = d->seq++;
	if (buf) {
		if (!d->qbuf[i])
			d->qbuf[i] = emalloc(ufs_node_maxlen(d->o.maxlinks));
		*buf = d->qbuf[i];
	}
	return b;
}

static void push(struct dag *d, int k, const struct ufs_child *c);

/*
 * Close level k into a node, queue the node and link it a level up; the
 * last close of the top level (final) makes the root instead.
 */
static void
close_level(struct dag *d, int k, int final)
{
	struct level *l = &d->lv[k];
	struct ufs_child up;
	struct dag_block *b;
	uint64_t tsize = 0, fsize = 0;
	uint8_t *buf;
	size_t i;

	b = enqueue(d, &buf);
	b->len = ufs_node_encode(buf, l->kids, l->n);
	b->data = buf;
	for (i = 0; i < l->n; i++) {
		tsize += l->kids[i].tsize;
		fsize += l->kids[i].filesize;
	}
	cid_of(&b->cid, d->o.cidver, CODEC_DAGPB, b->data, b->len);
	b->filesize = fsize;
	b->offset = l->kids[0].offset;
	l->n = 0;
	up.cid = b->cid;
	up.tsize = b->len + tsize;
	up.filesize = fsize;
	up.offset = b->offset;
	if (final && k == d->top) {
		b->root = 1;
		return;
	}
	push(d, k + 1, &up);
}

/* Add a link to level k, closing the level first when it is full. */
static void
push(struct dag *d, int k, const struct ufs_child *c)
{
	struct level *l = &d->lv[k];

	if (k >= MAXLEVELS)
		eprintf("file too large for a DAG of %d levels", MAXLEVELS);
	if (!l->kids)
		l->kids = ecalloc(d->o.maxlinks, sizeof *l->kids);
	if (l->n == d->o.maxlinks)
		close_level(d, k, 0);
	l->kids[l->n++] = *c;
	if (k > d->top)
		d->top = k;
}

/* Make the leaf of the current chunk and queue it. */
static void
leaf(struct dag *d, int last)
{
	struct dag_block *b = enqueue(d, NULL);
	struct ufs_child c;
	uint8_t *p = d->cur.mem + UFS_LEAF_HEAD;

	if (d->o.raw_leaves) {
		b->data = p;
		b->len = d->cur.n;
		cid_of(&b->cid, 1, CODEC_RAW, b->data, b->len);
	} else {
		b->data = ufs_leaf_wrap(p, d->cur.n, &b->len);
		cid_of(&b->cid, d->o.cidver, CODEC_DAGPB, b->data, b->len);
	}
	b->leaf = 1;
	b->offset = d->offset;
	b->filesize = d->cur.n;
	d->offset += d->cur.n;
	if (last && b->seq == 0) {
		b->root = 1;	/* one chunk: the leaf is the file */
		return;
	}
	c.cid = b->cid;
	c.tsize = b->len;
	c.filesize = d->cur.n;
	c.offset = b->offset;
	push(d, 0, &c);
}

/* Close every level from the bottom; the top one gives the root. */
static void
finish(struct dag *d)
{
	int k;

	for (k = 0; k <= d->top; k++)
		close_level(d, k, 1);
}

int
dag_next(struct dag *d, struct dag_block *b)
{
	struct chunk t;
	int last;

	while (!d->qlen) {
		if (d->done)
			return 0;
		if (!d->started) {
			if (fill(d, &d->cur) < 0)
				return -1;
			d->started = 1;
		} else {
			t = d->cur;
			d->cur = d->next;
			d->next = t;
		}
		/* read ahead to know whether cur is the last chunk */
		d->next.n = 0;
		if (!d->eof && fill(d, &d->next) < 0)
			return -1;
		last = d->next.n == 0;
		leaf(d, last);
		if (last) {
			if (d->seq > 1)
				finish(d);
			d->done = 1;
		}
	}
	*b = d->q[d->qhead];
	d->qhead = (d->qhead + 1) % QLEN;
	d->qlen--;
	return 1;
}

/* A decimal of digits only into *v; 0, or -1. */
static int
digits(const char *s, size_t len, unsigned long *v)
{
	*v = 0;
	if (len == 0 || len > 9)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (unsigned long)(s[i] - '0');
	}
	return 0;
}

int
dag_chunker_check(const char *spec, char *why, size_t n)
{
	const unsigned long max = 1 << 20;
	unsigned long v[3];
	const char *p;
	int k = 0;

	if (!*spec || !strcmp(spec, "default") || !strcmp(spec, "buzhash"))
		return 0;
	if (!strncmp(spec, "size-", 5)) {
		if (digits(spec + 5, strlen(spec + 5), &v[0]) < 0 || v[0] == 0 || v[0] > max) {
			snprintf(why, n, "'%s': size-N takes N from 1 to %lu", spec, max);
			return -1;
		}
		return 0;
	}
	if (strncmp(spec, "rabin", 5) || (spec[5] && spec[5] != '-'))
		goto bad;
	for (p = spec + 5; *p == '-' && k < 3; k++) {
		size_t len = strcspn(p + 1, "-");

		if (digits(p + 1, len, &v[k]) < 0)
			goto bad;
		p += 1 + len;
	}
	if (*p || k == 2)
		goto bad;
	if (k == 3 && !(v[0] >= 16 && v[0] < v[1] && v[1] < v[2] && v[2] <= max)) {
		snprintf(why, n, "'%s': rabin-MIN-AVG-MAX takes 16 <= MIN < AVG < MAX <= %lu",
		    spec, max);
		return -1;
	}
	if (k == 1 && (v[0] < 16 || v[0] > max)) {
		snprintf(why, n, "'%s': rabin-AVG takes AVG from 16 to %lu", spec, max);
		return -1;
	}
	return 0;
bad:
	snprintf(why, n, "'%s': expected size-N, rabin, rabin-AVG, rabin-MIN-AVG-MAX or buzhash",
	    spec);
	return -1;
}
