/*
 * sim/trace.c: trace readers. Plain text "id [size]" lines, CSV and TSV with
 * the id and size columns chosen by header name or number, libCacheSim's
 * oracleGeneral binary records, and ipfsperf timing records (through
 * recread). Text is parsed by hand from a large read(2) buffer; ids are
 * hashed where they are read and never stored.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/trace.h"
#include "base/progress.h"
#include "base/sig.h"
#include "base/util.h"
#include "rec/fields.h"
#include "rec/read.h"
#include "sim/idhash.h"
#include "sim/oracle.h"

enum { BUFSZ = 1 << 20, DETECT = 4096 };

struct trace {
	struct source src;
	int fd, fmt, skip_bad, need_next;
	char *buf;
	size_t cap, pos, end;
	int eof;
	unsigned long lineno;
	/* text, csv, tsv */
	char delim;
	int idcol, sizecol;	/* 0-based; sizecol -1: none */
	int sized;		/* -1 until the first request says */
	/* oracleGeneral */
	uint64_t rec;
	/* timing records */
	struct recr *rr;
	const char *rid, *rsize;	/* column names */
};

void
source_progress(const struct source *s, uint64_t requests, int force)
{
	char line[160];

	if (!force && !progress_due())
		return;
	progress_amount(line, sizeof line, s->done_bytes ? PROGRESS_BYTES : PROGRESS_COUNT,
	    s->done, s->total);
	if (s->done_bytes)
		progress_show(1, "%s: %s, %.1fM requests", s->name, line, (double)requests / 1e6);
	else
		progress_show(1, "%s: requests %s", s->name, line);
}

const char *const trace_formats[] = {
	"auto", "text", "csv", "tsv", "oracle", "records", NULL,
};

/* Read more input after the unread bytes; sets eof at the end. */
static void
fill(struct trace *t)
{
	ssize_t n;

	if (t->pos > 0) {
		memmove(t->buf, t->buf + t->pos, t->end - t->pos);
		t->end -= t->pos;
		t->pos = 0;
	}
	if (t->end == t->cap) {
		t->cap *= 2;
		t->buf = erealloc(t->buf, t->cap);
	}
	for (;;) {
		n = read(t->fd, t->buf + t->end, t->cap - t->end);
		if (n >= 0)
			break;
		if (errno != EINTR)
			eprintf("%s: read error:", t->src.name);
		if (interrupted) {
			n = 0;
			break;
		}
	}
	if (n == 0)
		t->eof = 1;
	t->end += (size_t)n;
	t->src.done += (uint64_t)n;
}

/* The next line [*s, *e), without "\n" or "\r\n"; 0 at the end. */
static int
nextline(struct trace *t, char **s, char **e)
{
	for (;;) {
		char *p = t->buf + t->pos;
		char *nl = memchr(p, '\n', t->end - t->pos);

		if (nl || (t->eof && t->pos < t->end)) {
			if (!nl)
				nl = t->buf + t->end;
			t->pos = (size_t)(nl - t->buf) + (nl < t->buf + t->end);
			t->lineno++;
			if (nl > p && nl[-1] == '\r')
				nl--;
			*s = p;
			*e = nl;
			return 1;
		}
		if (t->eof)
			return 0;
		fill(t);
	}
}

/* A malformed line: exit 1, or count it with skip_bad. Returns 0. */
static int
bad(struct trace *t, const char *msg)
{
	if (!t->skip_bad)
		eprintf("%s:%lu: %s", t->src.name, t->lineno, msg);
	t->src.bad++;
	return 0;
}

/* Decimal digits [s, e) into *v; -1 when not a number or too big. */
static int
number(const char *s, const char *e, uint64_t *v)
{
	uint64_t n = 0;

	if (s == e || e - s > 20)
		return -1;
	for (int i = 0; s < e; s++, i++) {
		unsigned d = (unsigned char)*s - '0';

		if (d > 9 || (i == 19 && n > (UINT64_MAX - d) / 10))
			return -1;	/* 19 digits cannot overflow */
		n = n * 10 + d;
	}
	*v = n;
	return 0;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Record whether requests carry sizes; 0 when this one disagrees. */
static int
sized(struct trace *t, int has)
{
	if (t->sized < 0)
		t->src.has_size = t->sized = has;
	else if (has != t->sized)
		return bad(t, has ? "a size, where the first request has none" :
		    "no size, where the first request has one");
	return 1;
}

/* One "id [size]" line into r: 1 a request, 0 none (blank, comment, bad). */
static int
text_line(struct trace *t, char *p, char *e, struct req *r)
{
	char *id, *sz = NULL;
	uint64_t size = 1;

	while (p < e && blank(*p))
		p++;
	if (p == e || *p == '#')
		return 0;
	if (memchr(p, '\0', (size_t)(e - p)))
		return bad(t, "a NUL byte in a text line (a binary oracleGeneral trace? give -f oracle)");
	id = p;
	while (p < e && !blank(*p))
		p++;
	r->key = idkey(id, (size_t)(p - id));
	while (p < e && blank(*p))
		p++;
	if (p < e) {
		sz = p;
		while (p < e && !blank(*p))
			p++;
		if (number(sz, p, &size) < 0) {
			char msg[200];

			snprintf(msg, sizeof msg, "'%.*s' is not a size in bytes (text lines are "
			    "'id [size]'%s)", (int)(p - sz > 40 ? 40 : p - sz), sz,
			    memchr(id, '\t', (size_t)(e - id)) ? "; for TSV columns by name give "
			    "--id-col NAME [--size-col NAME]" : "");
			return bad(t, msg);
		}
		while (p < e && blank(*p))
			p++;
		if (p < e)
			return bad(t, memchr(id, '\t', (size_t)(e - id)) ? "expected 'id [size]', found a "
			    "third field (for TSV columns give --id-col NAME [--size-col NAME])" :
			    "expected 'id [size]', found a third field");
	}
	if (!sized(t, sz != NULL))
		return 0;
	r->size = size;
	r->next = -1;
	return 1;
}

/*
 * The field at *p in [*p, e): its bytes [*fs, *fe), *p left on the
 * delimiter after it (or e). CSV fields may be "quoted" with "" inside;
 * the id is then the bytes between the quotes. -1 on a broken quote.
 */
static int
field(const struct trace *t, char **p, char *e, char **fs, char **fe)
{
	char *q = *p;

	if (t->delim == ',' && q < e && *q == '"') {
		*fs = ++q;
		for (;;) {
			q = memchr(q, '"', e - q);
			if (!q)
				return -1;
			if (q + 1 < e && q[1] == '"') {
				q += 2;
				continue;
			}
			break;
		}
		*fe = q++;
		if (q < e && *q != t->delim)
			return -1;
	} else {
		*fs = q;
		q = memchr(q, t->delim, e - q);
		if (!q)
			q = e;
		*fe = q;
	}
	*p = q;
	return 0;
}

static int
csv_line(struct trace *t, char *p, char *e, struct req *r)
{
	char *fs, *fe, *ids = NULL, *ide = NULL, *szs = NULL, *sze = NULL;
	int col = 0, last = t->idcol > t->sizecol ? t->idcol : t->sizecol;
	uint64_t size = 1;

	if (p == e || *p == '#')
		return 0;
	for (;;) {
		if (field(t, &p, e, &fs, &fe) < 0)
			return bad(t, "unterminated or misplaced '\"'");
		if (col == t->idcol) {
			ids = fs;
			ide = fe;
		}
		if (col == t->sizecol) {
			szs = fs;
			sze = fe;
		}
		if (col == last || p >= e)
			break;
		p++;
		col++;
	}
	if (!ids || (t->sizecol >= 0 && !szs))
		return bad(t, "too few fields");
	if (ids == ide)
		return bad(t, "empty id");
	if (szs) {
		while (szs < sze && blank(*szs))
			szs++;
		while (sze > szs && blank(sze[-1]))
			sze--;
		if (number(szs, sze, &size) < 0)
			return bad(t, "size is not a number of bytes");
	}
	if (!sized(t, szs != NULL))
		return 0;
	r->key = idkey(ids, (size_t)(ide - ids));
	r->size = size;
	r->next = -1;
	return 1;
}

static size_t
lines_read(struct source *s, struct req *r, size_t n)
{
	struct trace *t = (struct trace *)s;
	int (*parse)(struct trace *, char *, char *, struct req *) =
	    t->fmt == FMT_TEXT ? text_line : csv_line;
	char *p, *e;
	size_t k = 0;

	while (k < n && nextline(t, &p, &e))
		k += parse(t, p, e, &r[k]);
	return k;
}

static size_t
oracle_read(struct source *s, struct req *r, size_t n)
{
	struct trace *t = (struct trace *)s;
	size_t k = 0;

	while (k < n) {
		struct oracle o;
		int64_t next;

		if (t->end - t->pos < ORACLE_REC) {
			if (!t->eof) {
				fill(t);
				continue;
			}
			if (t->end > t->pos)
				eprintf("%s: truncated record %llu (%zu of %d bytes)", s->name,
				    (unsigned long long)t->rec + 1, t->end - t->pos, ORACLE_REC);
			break;
		}
		o = oracle_get((const unsigned char *)t->buf + t->pos);
		r[k].key = mix64(o.id);
		r[k].size = o.size;
		next = o.next;
		if (next == -1 || next == INT64_MAX)
			next = NEVER;
		else if (next <= (int64_t)t->rec) {
			if (t->need_next)
				eprintf("%s: record %llu: next_access_vtime %lld is not after it "
				    "(not an oracleGeneral trace?)", s->name,
				    (unsigned long long)t->rec + 1, (long long)next);
			next = -1;
		}
		r[k].next = next;
		t->pos += ORACLE_REC;
		t->rec++;
		k++;
	}
	return k;
}

/* A stdio stream over the trace's buffered bytes, then its descriptor. */
static ssize_t
cookie_read(void *arg, char *b, size_t n)
{
	struct trace *t = arg;
	ssize_t got;

	if (t->pos < t->end) {
		size_t m = t->end - t->pos < n ? t->end - t->pos : n;

		memcpy(b, t->buf + t->pos, m);
		t->pos += m;
		return (ssize_t)m;
	}
	while ((got = read(t->fd, b, n)) < 0 && errno == EINTR && !interrupted)
		;
	if (got > 0)
		t->src.done += (uint64_t)got;
	return got < 0 && errno == EINTR ? 0 : got;
}

static int
cookie_close(void *arg)
{
	(void)arg;
	return 0;
}

static int
rcol(struct trace *t, const char *name)
{
	return name ? recr_col(t->rr, name) : -1;
}

static size_t
records_read(struct source *s, struct req *r, size_t n)
{
	struct trace *t = (struct trace *)s;
	size_t k = 0;
	int rc;

	while (k < n && (rc = recr_next(t->rr)) != 0) {
		const char *id;
		char why[160];
		double size;
		int served;

		if (rc < 0) {
			if (!t->skip_bad)
				eprintf("%s: %s", recr_where(t->rr), recr_error(t->rr));
			s->bad++;
			continue;
		}
		if (rec_kind(t->rr, &served, why, sizeof why) == REC_BAD) {
			if (!t->skip_bad)
				eprintf("%s: %s", recr_where(t->rr), why);
			s->bad++;
			continue;
		}
		id = recr_get(t->rr, rcol(t, t->rid));
		if (!served || !id || !*id) {
			s->dropped++;
			continue;
		}
		if (t->rsize)
			size = recr_num(t->rr, rcol(t, t->rsize));
		else {
			size = recr_num(t->rr, rcol(t, "bytes_down"));
			if (isnan(size))
				size = recr_num(t->rr, rcol(t, "size"));
		}
		if (t->sized < 0)
			s->has_size = t->sized = !isnan(size);
		if (t->sized && !(size >= 0 && size < 0x1p63 && size == floor(size))) {
			if (!t->skip_bad)
				eprintf("%s: no size in bytes (bytes_down or size)", recr_where(t->rr));
			s->bad++;
			continue;
		}
		r[k].key = idkey(id, strlen(id));
		r[k].size = t->sized ? (uint64_t)size : 1;
		r[k].next = -1;
		k++;
	}
	return k;
}

static void
trace_close(struct source *s)
{
	struct trace *t = (struct trace *)s;

	recr_close(t->rr);
	if (t->fd > 0)
		close(t->fd);
	free(t->buf);
	free((char *)s->name);
	free(t);
}

/* Whether the first bytes look binary: a tenth or more are neither
 * printable ASCII nor whitespace nor UTF-8 (oracleGeneral's 24-byte records
 * are mostly small integers and hashes; a text with a stray NUL is not). */
static int
binary(const char *b, size_t n)
{
	size_t odd = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];

		odd += c < 0x20 && c != '\n' && c != '\r' && c != '\t';
	}
	return odd * 10 >= n;
}

/* Pick the format from the first bytes and the first line. */
static int
detect(struct trace *t, const struct trace_opts *o)
{
	size_t off = 0, n;
	char *p, *e, *nl;

	while (!t->eof && t->end < DETECT)
		fill(t);
	n = t->end < DETECT ? t->end : DETECT;
	if (n >= 2 && (unsigned char)t->buf[0] == 0x1f && (unsigned char)t->buf[1] == 0x8b)
		eprintf("%s: gzip data; decompress it: zcat %s | %s -", t->src.name,
		    t->src.name, argv0);
	if (n >= 4 && !memcmp(t->buf, "\x28\xb5\x2f\xfd", 4))
		eprintf("%s: zstd data; decompress it: zstdcat %s | %s -", t->src.name,
		    t->src.name, argv0);
	if (memchr(t->buf, '\0', n) && binary(t->buf, n) && n >= ORACLE_REC &&
	    (!t->src.total || t->src.total % ORACLE_REC == 0))
		return FMT_ORACLE;
	for (;;) {
		nl = memchr(t->buf + off, '\n', t->end - off);
		if (!nl && !t->eof) {
			fill(t);
			continue;
		}
		p = t->buf + off;
		e = nl ? nl : t->buf + t->end;
		while (p < e && blank(*p))
			p++;
		if (p < e && *p != '#' && *p != '\r')
			break;
		if (!nl)
			return FMT_TEXT;	/* no request at all */
		off = (size_t)(nl - t->buf) + 1;
	}
	if (*p == '{')
		return FMT_RECORDS;
	for (char *f = p; f < e;) {
		char *fe = memchr(f, '\t', e - f);

		if (!fe)
			fe = e;
		if (fe - f == 3 && !memcmp(f, "cid", 3))
			return FMT_RECORDS;
		f = fe + 1;
	}
	if (o->id_col || o->size_col)
		return memchr(p, '\t', e - p) ? FMT_TSV : FMT_CSV;
	return FMT_TEXT;
}

/* A column given by 1-based number: its index, or -1 when it is a name. */
static int
colnum(const char *spec)
{
	uint64_t v;

	if (!spec || number(spec, spec + strlen(spec), &v) < 0)
		return -1;
	if (v < 1 || v > 1000)
		eprintf("column number %s out of range 1..1000", spec);
	return (int)v - 1;
}

/* CSV and TSV: columns by number, or by name from a header line. */
static void
csv_setup(struct trace *t, const struct trace_opts *o)
{
	const char *want[2] = { o->id_col ? o->id_col : "1", o->size_col };
	int idx[2] = { colnum(want[0]), colnum(want[1]) };
	char *p, *e, *fs, *fe;
	int col = 0;

	if (!o->size_col && idx[0] >= 0)
		idx[1] = 1;	/* by number: "id,size" unless told */
	if ((idx[0] < 0 || (want[1] && idx[1] < 0))) {
		do
			if (!nextline(t, &p, &e))
				eprintf("%s: no header line with column '%s'", t->src.name,
				    idx[0] < 0 ? want[0] : want[1]);
		while (p == e || *p == '#');
		if (!want[1])
			want[1] = "size";	/* by name: a "size" column, if any */
		for (;;) {
			if (field(t, &p, e, &fs, &fe) < 0)
				eprintf("%s:%lu: bad quoting in the header", t->src.name, t->lineno);
			for (int i = 0; i < 2; i++)
				if (idx[i] < 0 && want[i] && strlen(want[i]) == (size_t)(fe - fs) &&
				    !memcmp(want[i], fs, fe - fs))
					idx[i] = col;
			if (p >= e)
				break;
			p++;
			col++;
		}
		if (idx[0] < 0)
			eprintf("%s:%lu: no column '%s' in the header", t->src.name, t->lineno,
			    want[0]);
		if (idx[1] < 0 && o->size_col)
			eprintf("%s:%lu: no column '%s' in the header", t->src.name, t->lineno,
			    want[1]);
	}
	t->idcol = idx[0];
	t->sizecol = idx[1];
}

struct source *
trace_open(const char *path, const struct trace_opts *o)
{
	struct trace *t = ecalloc(1, sizeof *t);
	struct stat st;

	if (!strcmp(path, "-")) {
		t->fd = 0;
		t->src.name = estrdup("<stdin>");
	} else {
		if ((t->fd = open(path, O_RDONLY)) < 0)
			eprintf("%s:", path);
		t->src.name = estrdup(path);
	}
	if (fstat(t->fd, &st) == 0 && S_ISREG(st.st_mode))
		t->src.total = (uint64_t)st.st_size;
	t->src.done_bytes = 1;
	t->cap = BUFSZ;
	t->buf = emalloc(t->cap);
	t->skip_bad = o->skip_bad;
	t->need_next = o->need_next;
	t->sized = -1;
	t->fmt = o->format == FMT_AUTO ? detect(t, o) : o->format;
	t->src.format = t->fmt == FMT_ORACLE ? ORACLE_NAME : trace_formats[t->fmt];
	t->src.close = trace_close;
	switch (t->fmt) {
	case FMT_TEXT:
		t->src.read = lines_read;
		break;
	case FMT_CSV:
	case FMT_TSV:
		t->delim = t->fmt == FMT_CSV ? ',' : '\t';
		csv_setup(t, o);
		t->src.read = lines_read;
		break;
	case FMT_ORACLE:
		t->src.read = oracle_read;
		t->src.has_size = t->src.has_next = 1;
		t->sized = 1;
		break;
	case FMT_RECORDS: {
		cookie_io_functions_t io = { cookie_read, NULL, NULL, cookie_close };
		FILE *f = fopencookie(t, "r", io);

		if (!f)
			eprintf("%s: fopencookie:", t->src.name);
		if (!(t->rr = recr_fopen(f, t->src.name, NULL)))
			exit(EXIT_RUNTIME);
		t->rid = o->id_col ? o->id_col : "cid";
		t->rsize = o->size_col;
		if (colnum(t->rid) >= 0 || colnum(t->rsize) >= 0)
			eprintf("%s: timing records name their columns: give --id-col and "
			    "--size-col as names", t->src.name);
		if (!recr_is_json(t->rr) && recr_ncols(t->rr) > 0 && recr_col(t->rr, t->rid) < 0)
			eprintf("%s: no column '%s' in the header", t->src.name, t->rid);
		if (!recr_is_json(t->rr) && t->rsize && recr_col(t->rr, t->rsize) < 0)
			eprintf("%s: no column '%s' in the header", t->src.name, t->rsize);
		t->src.read = records_read;
		break;
	}
	}
	return &t->src;
}
