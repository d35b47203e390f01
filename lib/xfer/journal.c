/*
 * xfer/journal.c: an append-only text file, one line per stored block (or
 * range of blocks), so a killed upload resumes where it stopped:
 *
 *	chunk-put journal 1
 *	params chunk-size=262144 cid-version=0 raw-leaves=0
 *	b SEQ CID		block SEQ was stored
 *	r FIRST LAST CID	blocks FIRST..LAST were stored, LAST has CID
 *	root CID		the upload finished
 *
 * Fields are separated by one space; numbers are decimal digits. Lines
 * are written with one write(2) each after the node confirmed the block,
 * so a kill -9 loses at most the lines of requests in flight; a torn last
 * line (no newline) is ignored and removed. In memory: the lines' ranges,
 * merged, and the CIDs they name, so a journal costs what its lines do,
 * whatever numbers they hold.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xfer/journal.h"
#include "base/util.h"

static const char magic[] = "chunk-put journal 1";
/* a block number beyond any DAG (2^40 blocks of one byte is a terabyte) */
static const uint64_t SEQ_LIMIT = (uint64_t)1 << 40;

struct span {
	uint64_t first, last;
};

struct named {			/* a line's last block and its CID */
	uint64_t seq;
	size_t line;
	struct cid cid;
};

struct journal {
	char *path;
	int fd;
	struct span *spans;	/* sorted, disjoint, after loading */
	size_t nspans, capspans;
	struct named *names;	/* sorted by seq */
	size_t nnames, capnames;
	uint64_t maxblocks;	/* 0: unknown */
	uint64_t top;		/* the highest block number read ... */
	size_t topline;		/* ... and its line, 0 when none */
	struct cid root;	/* of the first root line, if rootline */
	size_t rootline;
	uint64_t loaded;
	int matched;		/* a named block matched this file */
};

static void
put(struct journal *j, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (write(j->fd, line, n) != n)
		eprintf("%s: write:", j->path);
}

/* Split s at single spaces into at most max fields; the count, or max + 1
 * when there are more. Empty fields (two spaces, a space at an end) are
 * kept as such, so that the caller rejects them. */
static int
fields(char *s, char **f, int max)
{
	int n = 0;

	for (;;) {
		if (n == max)
			return max + 1;
		f[n++] = s;
		if (!(s = strchr(s, ' ')))
			return n;
		*s++ = '\0';
	}
}

/* A block number: decimal digits, at most SEQ_LIMIT, below maxblocks
 * when known. 0, or -1 with the reason in why. */
static int
number(struct journal *j, const char *s, uint64_t *v, char *why, size_t n)
{
	const char *p;

	*v = 0;
	if (!*s) {
		snprintf(why, n, "a block number is missing");
		return -1;
	}
	for (p = s; *p; p++) {
		if (*p < '0' || *p > '9') {
			snprintf(why, n, "block number '%.40s' is not a decimal number", s);
			return -1;
		}
		if (*v > SEQ_LIMIT) {
			snprintf(why, n, "block number %.40s out of range", s);
			return -1;
		}
		*v = *v * 10 + (*p - '0');
	}
	if (*v > SEQ_LIMIT) {
		snprintf(why, n, "block number %s out of range", s);
		return -1;
	}
	if (j->maxblocks && *v >= j->maxblocks) {
		snprintf(why, n, "block %" PRIu64 " beyond the file's %" PRIu64 " blocks"
		    " (numbered from 0)", *v, j->maxblocks);
		return -1;
	}
	return 0;
}

static int
cidfield(const char *s, struct cid *c, char *why, size_t n)
{
	if (!*s) {
		snprintf(why, n, "a CID is missing");
		return -1;
	}
	if (cid_parse(c, s) < 0) {
		snprintf(why, n, "'%.60s' is not a CID", s);
		return -1;
	}
	return 0;
}

/* Keep a line's blocks first..last, the last with CID c. */
static void
keep(struct journal *j, uint64_t first, uint64_t last, const struct cid *c, size_t line)
{
	egrow((void **)&j->spans, &j->capspans, j->nspans + 1, sizeof *j->spans);
	j->spans[j->nspans++] = (struct span){ first, last };
	egrow((void **)&j->names, &j->capnames, j->nnames + 1, sizeof *j->names);
	j->names[j->nnames++] = (struct named){ .seq = last, .line = line, .cid = *c };
	if (!j->topline || last > j->top) {
		j->top = last;
		j->topline = line;
	}
}

/* Parse line number lineno (NUL-terminated, no newline). 0, or -1 with
 * the reason in why. */
static int
parse(struct journal *j, char *s, size_t lineno, char *why, size_t n)
{
	char *f[5], c1[CID_MAXSTR], c2[CID_MAXSTR];
	uint64_t a, b;
	struct cid c;
	int nf = fields(s, f, 4);

	if (!strcmp(f[0], "b")) {
		if (nf != 3) {
			snprintf(why, n, nf < 3 ? "'b' line without its block number and CID" :
			    "junk after 'b SEQ CID'");
			return -1;
		}
		if (number(j, f[1], &a, why, n) < 0 || cidfield(f[2], &c, why, n) < 0)
			return -1;
		keep(j, a, a, &c, lineno);
		return 0;
	}
	if (!strcmp(f[0], "r")) {
		if (nf != 4) {
			snprintf(why, n, nf < 4 ? "'r' line without FIRST LAST CID" :
			    "junk after 'r FIRST LAST CID'");
			return -1;
		}
		if (number(j, f[1], &a, why, n) < 0 || number(j, f[2], &b, why, n) < 0 ||
		    cidfield(f[3], &c, why, n) < 0)
			return -1;
		if (a > b) {
			snprintf(why, n, "range %" PRIu64 "-%" PRIu64 " ends before it starts", a, b);
			return -1;
		}
		keep(j, a, b, &c, lineno);
		return 0;
	}
	if (!strcmp(f[0], "root")) {
		if (nf != 2) {
			snprintf(why, n, nf < 2 ? "'root' line without its CID" :
			    "junk after 'root CID'");
			return -1;
		}
		if (cidfield(f[1], &c, why, n) < 0)
			return -1;
		if (j->rootline && !cid_equal(&c, &j->root)) {
			snprintf(why, n, "root %s differs from root %s on line %zu",
			    cid_str(&c, c1), cid_str(&j->root, c2), j->rootline);
			return -1;
		}
		if (!j->rootline) {
			j->root = c;
			j->rootline = lineno;
		}
		return 0;
	}
	snprintf(why, n, "not a journal line (b, r or root)");
	return -1;
}

static int
byfirst(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

static int
byseq(const void *a, const void *b)
{
	const struct named *x = a, *y = b;

	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Sort and merge what the lines said; -1 when two lines name different
 * CIDs for one block. */
static int
settle(struct journal *j, char *err, size_t n)
{
	char c1[CID_MAXSTR], c2[CID_MAXSTR];
	size_t i, k;

	if (j->nspans)	/* a journal of no block lines has no array */
		qsort(j->spans, j->nspans, sizeof *j->spans, byfirst);
	for (i = k = 0; i < j->nspans; i++) {
		if (k && j->spans[i].first <= j->spans[k - 1].last + 1) {
			if (j->spans[i].last > j->spans[k - 1].last)
				j->spans[k - 1].last = j->spans[i].last;
		} else {
			j->spans[k++] = j->spans[i];
		}
	}
	j->nspans = k;
	for (i = 0; i < k; i++)
		j->loaded += j->spans[i].last - j->spans[i].first + 1;
	if (j->nnames)
		qsort(j->names, j->nnames, sizeof *j->names, byseq);
	for (i = k = 0; i < j->nnames; i++) {
		if (k && j->names[i].seq == j->names[k - 1].seq) {
			if (!cid_equal(&j->names[i].cid, &j->names[k - 1].cid)) {
				snprintf(err, n, "%s:%zu: block %" PRIu64 " is %s here but %s"
				    " on line %zu", j->path, j->names[i].line, j->names[i].seq,
				    cid_str(&j->names[i].cid, c1),
				    cid_str(&j->names[k - 1].cid, c2), j->names[k - 1].line);
				return -1;
			}
			continue;
		}
		j->names[k++] = j->names[i];
	}
	j->nnames = k;
	return 0;
}

static struct journal *
fail(struct journal *j, FILE *f, char *line)
{
	if (f)
		fclose(f);
	free(line);
	journal_close(j);
	return NULL;
}

struct journal *
journal_open(const char *path, const char *params, uint64_t maxblocks, char *err,
    size_t n)
{
	struct journal *j = ecalloc(1, sizeof *j);
	char *line = NULL, why[300];
	size_t cap = 0, lineno = 0;
	off_t off = 0, torn_at = 0;
	ssize_t len;
	FILE *f = NULL;
	int torn = 0;

	j->path = estrdup(path);
	j->maxblocks = maxblocks;
	if ((j->fd = open(path, O_RDWR | O_CREAT | O_APPEND, 0644)) < 0 ||
	    !(f = fdopen(dup(j->fd), "r"))) {
		snprintf(err, n, "%s: %s", path, strerror(errno));
		return fail(j, f, line);
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		lineno++;
		torn_at = off;
		off += len;
		/* a line cut short by a crash: ignored, its block sent again */
		if ((torn = line[len - 1] != '\n'))
			break;
		line[len - 1] = '\0';
		if (strlen(line) != (size_t)len - 1) {
			snprintf(err, n, "%s:%zu: a NUL byte in the line", path, lineno);
			return fail(j, f, line);
		}
		if (lineno == 1) {
			if (strcmp(line, magic)) {
				snprintf(err, n, "%s:1: not a chunk-put journal", path);
				return fail(j, f, line);
			}
		} else if (lineno == 2) {
			if (strncmp(line, "params ", 7) || strcmp(line + 7, params)) {
				snprintf(err, n, "%s:2: journal of an upload with other parameters"
				    " (%.200s; this one: %s)", path, line, params);
				return fail(j, f, line);
			}
		} else if (parse(j, line, lineno, why, sizeof why) < 0) {
			snprintf(err, n, "%s:%zu: %s", path, lineno, why);
			return fail(j, f, line);
		}
	}
	if (ferror(f)) {
		snprintf(err, n, "%s: %s", path, strerror(errno));
		return fail(j, f, line);
	}
	fclose(f);
	f = NULL;
	if (lineno == 1 && torn) {
		snprintf(err, n, "%s:1: not a chunk-put journal", path);
		return fail(j, f, line);
	}
	if (lineno - torn == 1) {
		snprintf(err, n, "%s: journal without its parameters line", path);
		return fail(j, f, line);
	}
	free(line);
	if (torn && ftruncate(j->fd, torn_at) < 0) {
		snprintf(err, n, "%s: %s", path, strerror(errno));
		return fail(j, NULL, NULL);
	}
	if (settle(j, err, n) < 0)
		return fail(j, NULL, NULL);
	if (lineno == 0)
		put(j, "%s\nparams %s\n", magic, params);
	return j;
}

int
journal_has(struct journal *j, uint64_t seq, const struct cid *c, char *err, size_t n)
{
	char c1[CID_MAXSTR], c2[CID_MAXSTR];
	size_t lo = 0, hi = j->nspans, mid;
	struct named *x;

	while (lo < hi) {	/* the first span ending at or after seq */
		mid = lo + (hi - lo) / 2;
		if (j->spans[mid].last < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == j->nspans || j->spans[lo].first > seq)
		return 0;
	lo = 0, hi = j->nnames;	/* the CID named for seq, if any */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (j->names[mid].seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	x = lo < j->nnames && j->names[lo].seq == seq ? &j->names[lo] : NULL;
	if (!x)
		return 1;
	if (cid_equal(&x->cid, c)) {
		j->matched = 1;
		return 1;
	}
	if (j->matched)
		snprintf(err, n, "%s:%zu: block %" PRIu64 " is %s in the journal but %s in"
		    " the file, whose earlier blocks match the journal: the line is wrong",
		    j->path, x->line, seq, cid_str(&x->cid, c1), cid_str(c, c2));
	else
		snprintf(err, n, "%s:%zu: block %" PRIu64 " is %s in the journal but %s in"
		    " the file: the file changed since the journal was written (or the"
		    " journal is another file's)", j->path, x->line, seq,
		    cid_str(&x->cid, c1), cid_str(c, c2));
	return -1;
}

int
journal_end(struct journal *j, uint64_t nblocks, const struct cid *root, char *err,
    size_t n)
{
	char c1[CID_MAXSTR], c2[CID_MAXSTR];

	if (j->topline && j->top >= nblocks) {
		snprintf(err, n, "%s:%zu: block %" PRIu64 " beyond the file's %" PRIu64
		    " blocks (numbered from 0)", j->path, j->topline, j->top, nblocks);
		return -1;
	}
	if (j->rootline && !cid_equal(&j->root, root)) {
		snprintf(err, n, "%s:%zu: root %s is not this file's root (%s)", j->path,
		    j->rootline, cid_str(&j->root, c1), cid_str(root, c2));
		return -1;
	}
	return 0;
}

void
journal_add(struct journal *j, uint64_t seq, const struct cid *c)
{
	char s[CID_MAXSTR];

	put(j, "b %" PRIu64 " %s\n", seq, cid_str(c, s));
}

void
journal_add_range(struct journal *j, uint64_t first, uint64_t last, const struct cid *c)
{
	char s[CID_MAXSTR];

	put(j, "r %" PRIu64 " %" PRIu64 " %s\n", first, last, cid_str(c, s));
}

void
journal_done(struct journal *j, const struct cid *root)
{
	char s[CID_MAXSTR];

	put(j, "root %s\n", cid_str(root, s));
}

uint64_t
journal_loaded(const struct journal *j)
{
	return j->loaded;
}

void
journal_close(struct journal *j)
{
	if (!j)
		return;
	if (j->fd >= 0)
		close(j->fd);
	free(j->spans);
	free(j->names);
	free(j->path);
	free(j);
}
