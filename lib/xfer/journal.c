/*
 * xfer/journal.c: an append-only text file, one line per stored block (or
 * range of blocks), so a killed upload resumes where it stopped:
 *
 *	chunk-put journal 1
 *	params chunk-size=262144 cid-version=0 raw-leaves=0
 *	b SEQ CID		block SEQ is stored
 *	r FIRST LAST CID	blocks FIRST..LAST are stored, LAST has CID
 *	root CID		the upload finished
 *
 * Lines are written with one write(2) each after the node confirmed the
 * block, so a kill -9 loses at most the lines of requests in flight; a
 * torn last line is removed. In memory: 4 bytes per block.
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

struct journal {
	char *path;
	int fd;
	uint32_t *fp;		/* per block: 0 unknown, 1 stored, else fingerprint */
	size_t n, cap;
	uint64_t loaded;
};

/* A CID's fingerprint (FNV-1a), never 0 or 1. */
static uint32_t
fingerprint(const struct cid *c)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < c->len; i++)
		h = (h ^ c->b[i]) * 16777619u;
	return h < 2 ? h + 2 : h;
}

static void
mark(struct journal *j, uint64_t seq, uint32_t fp)
{
	if (seq > (uint64_t)1 << 40)
		eprintf("%s: block number %" PRIu64 " out of range", j->path, seq);
	if (seq >= j->n) {
		egrow((void **)&j->fp, &j->cap, seq + 1, sizeof *j->fp);
		memset(j->fp + j->n, 0, (seq + 1 - j->n) * sizeof *j->fp);
		j->n = seq + 1;
	}
	if (!j->fp[seq])
		j->loaded++;
	if (fp > 1 || !j->fp[seq])
		j->fp[seq] = fp;
}

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

/* Parse one journal line; -1 when malformed. */
static int
parse(struct journal *j, char *s)
{
	char cidtext[CID_MAXSTR + 1];
	uint64_t a, b;
	struct cid c;

	if (sscanf(s, "b %" SCNu64 " %140s", &a, cidtext) == 2) {
		if (cid_parse(&c, cidtext) < 0)
			return -1;
		mark(j, a, fingerprint(&c));
		return 0;
	}
	if (sscanf(s, "r %" SCNu64 " %" SCNu64 " %140s", &a, &b, cidtext) == 3) {
		if (a > b || cid_parse(&c, cidtext) < 0)
			return -1;
		for (; a < b; a++)
			mark(j, a, 1);
		mark(j, b, fingerprint(&c));
		return 0;
	}
	if (sscanf(s, "root %140s", cidtext) == 1)
		return cid_parse(&c, cidtext);
	return -1;
}

struct journal *
journal_open(const char *path, const char *params)
{
	struct journal *j = ecalloc(1, sizeof *j);
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	off_t off = 0, torn_at = 0;
	ssize_t len;
	FILE *f;
	int torn = 0;

	j->path = estrdup(path);
	if ((j->fd = open(path, O_RDWR | O_CREAT | O_APPEND, 0644)) < 0)
		eprintf("%s:", path);
	if (!(f = fdopen(dup(j->fd), "r")))
		eprintf("%s:", path);
	while ((len = getline(&line, &cap, f)) > 0) {
		lineno++;
		torn = line[len - 1] != '\n';
		torn_at = off;
		off += len;
		line[strcspn(line, "\n")] = '\0';
		if (lineno == 1) {
			if (strcmp(line, magic))
				eprintf("%s:1: not a chunk-put journal", path);
		} else if (lineno == 2) {
			if (strncmp(line, "params ", 7) || strcmp(line + 7, params))
				eprintf("%s:2: journal of an upload with other parameters"
				    " (%s; this one: %s)", path, line, params);
		} else if (parse(j, line) < 0 && !torn) {
			eprintf("%s:%zu: malformed journal line", path, lineno);
		}
	}
	if (ferror(f))
		eprintf("%s:", path);
	fclose(f);
	free(line);
	if (lineno == 1)
		eprintf("%s: journal without its parameters line", path);
	/* a line cut short by a crash: drop it, the block is sent again */
	if (torn && ftruncate(j->fd, torn_at) < 0)
		eprintf("%s:", path);
	if (lineno == 0)
		put(j, "%s\nparams %s\n", magic, params);
	return j;
}

int
journal_has(struct journal *j, uint64_t seq, const struct cid *c)
{
	if (seq >= j->n || !j->fp[seq])
		return 0;
	if (j->fp[seq] > 1 && j->fp[seq] != fingerprint(c))
		eprintf("%s: block %" PRIu64 " differs from the one stored before:"
		    " the file changed since the journal was written", j->path, seq);
	return 1;
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
	close(j->fd);
	free(j->fp);
	free(j->path);
	free(j);
}
