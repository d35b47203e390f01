/* rec/write.c: the record writer (TSV with header, or JSON Lines). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rec/write.h"
#include "base/clock.h"
#include "base/util.h"

struct field {
	char *s;		/* value text, already formatted */
	size_t len, cap;
	int set, isnum;
};

struct recw {
	FILE *f;
	const char *const *cols;
	int ncols, json, header_done;
	struct field *fld;
	char *meta;		/* JSON members of the metadata object */
	size_t metalen, metacap;
	double live, flushed;	/* live: flush interval, < 0 off; last flush */
	int pending;		/* records written since the last flush */
	char *esc;		/* a TSV field escaped */
	size_t esccap;
};

static void
checkf(struct recw *w)
{
	if (ferror(w->f)) {
		if (errno == EPIPE)
			exit(0);
		eprintf("write error:");
	}
}

struct recw *
recw_open(FILE *f, const char *const *cols, int json)
{
	struct recw *w = ecalloc(1, sizeof *w);

	w->f = f;
	w->cols = cols;
	w->json = json;
	while (cols[w->ncols])
		w->ncols++;
	w->fld = ecalloc(w->ncols, sizeof *w->fld);
	w->live = -1;
	return w;
}

/* Append printf output to the metadata members. */
static void
metaf(struct recw *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	egrow((void **)&w->meta, &w->metacap, w->metalen + n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(w->meta + w->metalen, n + 1, fmt, ap);
	va_end(ap);
	w->metalen += n;
}

static void json_string(FILE *f, const char *s, size_t len);

/* The length of the valid UTF-8 sequence at s (of at most n bytes): 2 to
 * 4, or 0 when it is not one (a stray continuation byte, a sequence cut
 * short, an overlong form, a surrogate, or beyond U+10FFFF). */
static size_t
utf8_len(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
	uint32_t cp;

	if (len == 0 || len > n || s[0] > 0xf4)
		return 0;
	cp = s[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

void
recw_meta(struct recw *w, const char *key, const char *val)
{
	char *end, *buf;
	size_t len;
	FILE *m;

	if (!w->json || w->header_done)
		return;
	/* the JSON text of key and val, through json_string */
	if (!(m = open_memstream(&buf, &len)))
		eprintf("out of memory");
	fputs(w->metalen ? "," : "", m);
	json_string(m, key, strlen(key));
	fputc(':', m);
	strtod(val, &end);
	if (*val && !*end && strspn(val, "0123456789.-+eE") == strlen(val))
		fputs(val, m);
	else
		json_string(m, val, strlen(val));
	fclose(m);
	metaf(w, "%s", buf);
	free(buf);
}

void
recw_live(struct recw *w, double interval)
{
	w->live = interval;
	w->flushed = now_mono();
}

void
recw_idle(struct recw *w)
{
	if (w && w->pending && w->live >= 0 && now_mono() - w->flushed >= w->live) {
		fflush(w->f);
		checkf(w);
		w->pending = 0;
		w->flushed = now_mono();
	}
}

void
recw_comment(struct recw *w, const char *fmt, ...)
{
	va_list ap;

	if (w->json || w->header_done)
		return;
	fputs("# ", w->f);
	va_start(ap, fmt);
	vfprintf(w->f, fmt, ap);
	va_end(ap);
	fputc('\n', w->f);
	checkf(w);
}

static void
setf(struct recw *w, int col, const char *s, size_t len, int isnum)
{
	struct field *f = &w->fld[col];

	if (col < 0 || col >= w->ncols)
		eprintf("internal error: record column %d out of range", col);
	egrow((void **)&f->s, &f->cap, len + 1, 1);
	memcpy(f->s, s, len);
	f->s[len] = '\0';
	f->len = len;
	f->set = 1;
	f->isnum = isnum;
}

void
recw_str(struct recw *w, int col, const char *s)
{
	if (!s)
		return;
	setf(w, col, s, strlen(s), 0);
}

void
recw_int(struct recw *w, int col, int64_t v)
{
	char b[32];

	setf(w, col, b, snprintf(b, sizeof b, "%" PRId64, v), 1);
}

void
recw_uint(struct recw *w, int col, uint64_t v)
{
	char b[32];

	setf(w, col, b, snprintf(b, sizeof b, "%" PRIu64, v), 1);
}

/* The shortest "%g" form that reads back as v; returns its length. */
static int
shortest(char *b, size_t len, double v)
{
	int n = 0;

	for (int p = 1; p <= 17; p++)
		if ((n = snprintf(b, len, "%.*g", p, v)) > 0 && strtod(b, NULL) == v)
			break;
	return n;
}

void
recw_num(struct recw *w, int col, double v, int prec)
{
	char b[64];

	if (!isfinite(v))
		return;		/* left unset: "-" / null */
	/* from 1e15 on "%f" shows digits a double does not have */
	if (fabs(v) >= 1e15 || prec > 20)
		setf(w, col, b, shortest(b, sizeof b, v), 1);
	else
		setf(w, col, b, snprintf(b, sizeof b, "%.*f", prec, v), 1);
}

void
recw_real(struct recw *w, int col, double v)
{
	char b[64];

	if (isfinite(v))
		setf(w, col, b, shortest(b, sizeof b, v), 1);
}

void
recw_sec(struct recw *w, int col, double v)
{
	recw_num(w, col, v, 6);
}

/* The one TSV escaping: the writer's fields, and rec/write.h's callers. */
char *
tsv_escape(char *dst, const char *src, size_t len)
{
	char *d = dst;

	for (size_t i = 0; i < len; i++) {
		switch (src[i]) {
		case '\t': *d++ = '\\'; *d++ = 't'; break;
		case '\n': *d++ = '\\'; *d++ = 'n'; break;
		case '\r': *d++ = '\\'; *d++ = 'r'; break;
		case '\\': *d++ = '\\'; *d++ = '\\'; break;
		default: *d++ = src[i];
		}
	}
	*d = '\0';
	return dst;
}

size_t
tsv_unescape(char *s)
{
	char *r = s, *w = s;

	for (; *r; r++) {
		if (*r == '\\' && r[1]) {
			r++;
			switch (*r) {
			case 't': *w++ = '\t'; break;
			case 'n': *w++ = '\n'; break;
			case 'r': *w++ = '\r'; break;
			case '\\': *w++ = '\\'; break;
			default: *w++ = '\\'; *w++ = *r;
			}
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

static void
json_string(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		size_t n;

		if (c >= 0x80) {
			/* valid UTF-8 as it is; each byte of anything else as
			 * U+FFFD, so that the line stays JSON */
			if ((n = utf8_len(s + i, len - i)) > 0) {
				fwrite(s + i, 1, n, f);
				i += n - 1;
			} else {
				fputs("\\ufffd", f);
			}
			continue;
		}
		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			if (c < 0x20)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

/* A field as TSV: escaped by tsv_escape, "-" when unset or empty. */
static void
tsv_field(struct recw *w, const struct field *fl)
{
	if (!fl->set || !fl->len) {
		fputc('-', w->f);	/* an empty TSV field is easy to lose in awk/cut */
		return;
	}
	egrow((void **)&w->esc, &w->esccap, 2 * fl->len + 1, 1);
	fputs(tsv_escape(w->esc, fl->s, fl->len), w->f);
}

static void
header(struct recw *w)
{
	if (!w->json && !w->header_done) {
		for (int i = 0; i < w->ncols; i++)
			fprintf(w->f, "%s%s", i ? "\t" : "", w->cols[i]);
		fputc('\n', w->f);
	}
	if (w->json && !w->header_done && w->metalen)
		fprintf(w->f, "{\"meta\":{%s}}\n", w->meta);
	w->header_done = 1;
}

void
recw_end(struct recw *w)
{
	FILE *f = w->f;

	header(w);
	if (w->json)
		fputc('{', f);
	for (int i = 0; i < w->ncols; i++) {
		struct field *fl = &w->fld[i];

		if (w->json) {
			fprintf(f, "%s\"%s\":", i ? "," : "", w->cols[i]);
			if (!fl->set)
				fputs("null", f);
			else if (fl->isnum)
				fputs(fl->s, f);
			else
				json_string(f, fl->s, fl->len);
		} else {
			if (i)
				fputc('\t', f);
			tsv_field(w, fl);
		}
		fl->set = 0;
	}
	if (w->json)
		fputc('}', f);
	fputc('\n', f);
	checkf(w);
	w->pending++;
	recw_idle(w);
}

void
recw_close(struct recw *w)
{
	if (!w)
		return;
	header(w);	/* an empty result still names its columns */
	if (fflush(w->f) == EOF)
		checkf(w);
	checkf(w);
	for (int i = 0; i < w->ncols; i++)
		free(w->fld[i].s);
	free(w->fld);
	free(w->meta);
	free(w->esc);
	free(w);
}
