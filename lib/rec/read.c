/* rec/read.c: the record reader (TSV by header name, or flat JSON Lines). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rec/read.h"
#include "base/util.h"
#include "rec/write.h"

enum { FMT_TSV, FMT_JSON, FMT_PLAIN };

struct recr {
	FILE *f;
	char *path;
	unsigned long lineno;
	char *line;		/* current line, fields cut in place */
	size_t linecap;
	char *hdrline;		/* the TSV header as read, to skip repeats */
	char **names;
	size_t nnames, namescap;
	int *pos;		/* TSV: the column of each field of this block */
	size_t npos, poscap;
	int aftercomment;	/* comments came before the current line */
	char **val;		/* per column, NULL when absent */
	size_t valcap;
	char *jbuf;		/* unescaped JSON strings */
	size_t jbufcap;
	int fmt, pending;	/* pending: line holds an unread first record */
	char where[512], err[256];
};

static int
addname(struct recr *r, const char *name, size_t len)
{
	egrow((void **)&r->names, &r->namescap, r->nnames + 1, sizeof *r->names);
	egrow((void **)&r->val, &r->valcap, r->nnames + 1, sizeof *r->val);
	r->names[r->nnames] = emalloc(len + 1);
	memcpy(r->names[r->nnames], name, len);
	r->names[r->nnames][len] = '\0';
	r->val[r->nnames] = NULL;
	return (int)r->nnames++;
}

/* Every field absent: before a record is parsed, and after none was. */
static void
clearvals(struct recr *r)
{
	for (size_t i = 0; i < r->nnames; i++)
		r->val[i] = NULL;
}

static int
findname(const struct recr *r, const char *name, size_t len)
{
	for (size_t i = 0; i < r->nnames; i++)
		if (strlen(r->names[i]) == len && !memcmp(r->names[i], name, len))
			return (int)i;
	return -1;
}

/* A JSON Lines metadata object, {"meta":{...}}: a comment, not a record. */
static int
ismeta(const char *s)
{
	s += strspn(s, " \t");
	if (*s++ != '{')
		return 0;
	s += strspn(s, " \t");
	if (strncmp(s, "\"meta\"", 6))
		return 0;
	s += 6;
	s += strspn(s, " \t");
	return *s == ':';
}

/* Read the next line that is not a comment, a metadata object or blank;
 * 0 at EOF. */
static int
readline(struct recr *r)
{
	ssize_t n;

	for (;;) {
		errno = 0;
		n = getline(&r->line, &r->linecap, r->f);
		if (n < 0) {
			if (ferror(r->f))
				eprintf("%s: read error:", r->path);
			return 0;
		}
		r->lineno++;
		while (n > 0 && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r'))
			r->line[--n] = '\0';
		if (n == 0)
			continue;
		if (r->line[0] == '#' || ismeta(r->line)) {
			r->aftercomment = 1;
			continue;
		}
		snprintf(r->where, sizeof r->where, "%s:%lu", r->path, r->lineno);
		return 1;
	}
}

static int
fail(struct recr *r, const char *msg)
{
	snprintf(r->err, sizeof r->err, "%s", msg);
	return -1;
}

static char *
skipws(char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Four hex digits at s, the code point of a \u escape; -1 when fewer. */
static long
hex4(const char *s)
{
	long cp = 0;

	for (int i = 0; i < 4; i++) {
		int c = (unsigned char)s[i];

		if (c >= '0' && c <= '9')
			cp = cp << 4 | (c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			cp = cp << 4 | ((c | 0x20) - 'a' + 10);
		else
			return -1;	/* the NUL ending the line stops here too */
	}
	return cp;
}

/* The escape after a backslash at *s, unescaped to *d; *s is left on its
 * last character. */
static int
jescape(struct recr *r, char **s, char **d)
{
	static const char from[] = "ntrbf/\\\"", to[] = "\n\t\r\b\f/\\\"";
	const char *e;
	long cp;

	if (**s && (e = strchr(from, **s))) {
		*(*d)++ = to[e - from];
		return 0;
	}
	if (**s != 'u')
		return fail(r, "bad escape in JSON string");
	if ((cp = hex4(*s + 1)) < 0)
		return fail(r, "bad \\u escape in JSON string");
	*s += 4;
	if (cp < 0x80) {
		*(*d)++ = cp;
	} else if (cp < 0x800) {
		*(*d)++ = 0xc0 | cp >> 6;
		*(*d)++ = 0x80 | (cp & 0x3f);
	} else {
		*(*d)++ = 0xe0 | cp >> 12;
		*(*d)++ = 0x80 | ((cp >> 6) & 0x3f);
		*(*d)++ = 0x80 | (cp & 0x3f);
	}
	return 0;
}

/* The JSON string at *p (after its quote), unescaped to *d with a NUL. */
static int
jstring(struct recr *r, char **p, char **d)
{
	char *s;

	for (s = *p; *s && *s != '"'; s++) {
		if (*s != '\\')
			*(*d)++ = *s;
		else if (s++, jescape(r, &s, d) < 0)
			return -1;
	}
	if (*s != '"')
		return fail(r, "unterminated JSON string");
	*(*d)++ = '\0';
	*p = s + 1;
	return 0;
}

/* A value that is not a string (a number, true, false) at *p, its text
 * copied to *d; *val is NULL for null. */
static int
jbare(struct recr *r, char **p, char **d, char **val)
{
	char *e = *p;
	size_t len;

	while (*e && *e != ',' && *e != '}' && *e != ' ')
		e++;
	if (e == *p)
		return fail(r, "malformed JSON object");
	len = e - *p;
	*val = NULL;
	if (len != 4 || strncmp(*p, "null", 4)) {
		*val = memcpy(*d, *p, len);
		*d += len;
		*(*d)++ = '\0';
	}
	*p = e;
	return 0;
}

/* One "key": value member at *p; the value goes to its column. */
static int
jmember(struct recr *r, char **p, char **d)
{
	char *key = *d, *val = NULL;
	int col, rc;

	if (*(*p = skipws(*p)) != '"')
		return fail(r, "malformed JSON object");
	++*p;
	if (jstring(r, p, d) < 0)
		return -1;
	if (*(*p = skipws(*p)) != ':')
		return fail(r, "malformed JSON object");
	*p = skipws(*p + 1);
	if (**p == '{' || **p == '[')
		return fail(r, "nested JSON values are not records");
	if (**p == '"') {
		val = *d;
		++*p;
		rc = jstring(r, p, d);
	} else {
		rc = jbare(r, p, d, &val);
	}
	if (rc < 0)
		return -1;
	if ((col = findname(r, key, strlen(key))) < 0)
		col = addname(r, key, strlen(key));
	r->val[col] = val;
	return 0;
}

/*
 * Parse one flat JSON object. Keys and values are cut into jbuf, sized to
 * the line at once: unescaped, no key or value is longer than its JSON text.
 */
static int
parse_json(struct recr *r)
{
	char *p = skipws(r->line), *d;

	clearvals(r);
	egrow((void **)&r->jbuf, &r->jbufcap, strlen(p) + 1, 1);
	d = r->jbuf;
	if (*p++ != '{')
		return fail(r, "expected a JSON object");
	if (*(p = skipws(p)) == '}')
		return 1;
	for (;;) {
		if (jmember(r, &p, &d) < 0)
			return -1;
		if (*(p = skipws(p)) == '}')
			return 1;
		if (*p++ != ',')
			return fail(r, "malformed JSON object");
	}
}

/* A header field: a lowercase snake_case name. */
static int
isname(const char *s, size_t len)
{
	if (len == 0 || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (size_t i = 1; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/*
 * Take line as the header of a TSV block: each field's column, by name
 * (names new to the reader are added; the columns of earlier blocks keep
 * their indexes). 0, or -1 on an empty name.
 */
static int
header(struct recr *r, const char *line)
{
	const char *p = line;

	r->npos = 0;
	for (;;) {
		const char *t = strchr(p, '\t');
		size_t len = t ? (size_t)(t - p) : strlen(p);
		int c;

		if (len == 0)
			return -1;
		if ((c = findname(r, p, len)) < 0)
			c = addname(r, p, len);
		egrow((void **)&r->pos, &r->poscap, r->npos + 1, sizeof *r->pos);
		r->pos[r->npos++] = c;
		if (!t)
			return 0;
		p = t + 1;
	}
}

/*
 * A new block's header: after comment lines (the start of another tool's
 * output, as `cat a.tsv b.tsv` gives), a line of names only, at least one
 * of them a column already known.
 */
static int
newheader(struct recr *r)
{
	const char *p = r->line;
	int known = 0;

	if (!r->aftercomment)
		return 0;
	for (;;) {
		const char *t = strchr(p, '\t');
		size_t len = t ? (size_t)(t - p) : strlen(p);

		if (!isname(p, len))
			return 0;
		known |= findname(r, p, len) >= 0;
		if (!t)
			return known;
		p = t + 1;
	}
}

static int
parse_tsv(struct recr *r)
{
	char *p = r->line;
	size_t n = 0;

	if (r->hdrline && !strcmp(r->line, r->hdrline))
		return 0;	/* a repeated header: concatenated files */
	if (newheader(r)) {
		r->aftercomment = 0;
		if (header(r, r->line) < 0)
			return fail(r, "empty column name in header");
		return 0;
	}
	r->aftercomment = 0;
	clearvals(r);
	for (;;) {
		char *t = strchr(p, '\t');

		if (t)
			*t = '\0';
		if (n < r->npos) {
			tsv_unescape(p);
			r->val[r->pos[n]] = (p[0] == '-' && !p[1]) ? NULL : p;
		}
		n++;
		if (!t)
			break;
		p = t + 1;
	}
	if (n != r->npos) {
		clearvals(r);
		snprintf(r->err, sizeof r->err, "expected %zu tab-separated fields, found %zu",
		    r->npos, n);
		return -1;
	}
	return 1;
}

struct recr *
recr_open(const char *path, const char *plain)
{
	FILE *f;

	if (!strcmp(path, "-"))
		return recr_fopen(stdin, "<stdin>", plain);
	if (!(f = fopen(path, "r"))) {
		weprintf("%s:", path);
		return NULL;
	}
	return recr_fopen(f, path, plain);
}

struct recr *
recr_fopen(FILE *f, const char *name, const char *plain)
{
	struct recr *r = ecalloc(1, sizeof *r);
	char *p;

	r->f = f;
	r->path = estrdup(name);
	if (!readline(r)) {
		r->fmt = FMT_TSV;	/* empty input: no columns, no records */
		return r;
	}
	p = skipws(r->line);
	if (*p == '{') {
		r->fmt = FMT_JSON;
		r->pending = 1;
		if (parse_json(r) < 0) {
			weprintf("%s: %s", r->where, r->err);
			recr_close(r);
			return NULL;
		}
		return r;
	}
	if (plain && !strchr(r->line, '\t')) {
		r->fmt = FMT_PLAIN;
		addname(r, plain, strlen(plain));
		r->pending = strcmp(r->line, plain) != 0;
		if (r->pending)
			r->val[0] = r->line;
		return r;
	}
	r->fmt = FMT_TSV;
	r->hdrline = estrdup(r->line);
	r->aftercomment = 0;
	if (header(r, r->line) < 0) {
		weprintf("%s: empty column name in header", r->where);
		recr_close(r);
		return NULL;
	}
	return r;
}

int
recr_next(struct recr *r)
{
	int rc;

	if (r->pending) {
		r->pending = 0;
		return 1;
	}
	do {
		if (!readline(r)) {
			rc = 0;
			break;
		}
		if (r->fmt == FMT_JSON) {
			rc = parse_json(r);
		} else if (r->fmt == FMT_PLAIN) {
			r->val[0] = r->line;
			rc = 1;
		} else {
			rc = parse_tsv(r);
		}
	} while (rc == 0);
	if (rc != 1)
		clearvals(r);	/* no stale field of a line that was not a record */
	return rc;
}

int
recr_col(struct recr *r, const char *name)
{
	return findname(r, name, strlen(name));
}

int
recr_ncols(const struct recr *r)
{
	return (int)r->nnames;
}

const char *
recr_name(const struct recr *r, int col)
{
	return col >= 0 && (size_t)col < r->nnames ? r->names[col] : NULL;
}

/* After recr_next gave 0 or -1 every field is absent (clearvals), never a
 * stale pointer into a line that was not a record. */
const char *
recr_get(const struct recr *r, int col)
{
	if (col < 0 || (size_t)col >= r->nnames)
		return NULL;
	return r->val[col];
}

double
recr_num(const struct recr *r, int col)
{
	const char *s = recr_get(r, col);
	char *end;
	double v;

	if (!s || !*s)
		return NAN;
	v = strtod(s, &end);
	return *end ? NAN : v;
}

const char *
recr_where(const struct recr *r)
{
	return r->where;
}

const char *
recr_error(const struct recr *r)
{
	return r->err;
}

int
recr_is_json(const struct recr *r)
{
	return r->fmt == FMT_JSON;
}

void
recr_close(struct recr *r)
{
	if (!r)
		return;
	if (r->f && r->f != stdin)
		fclose(r->f);
	for (size_t i = 0; i < r->nnames; i++)
		free(r->names[i]);
	free(r->names);
	free(r->val);
	free(r->line);
	free(r->hdrline);
	free(r->pos);
	free(r->jbuf);
	free(r->path);
	free(r);
}
