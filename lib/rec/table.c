/* rec/table.c: aligned text tables. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rec/table.h"
#include "base/util.h"

struct row {
	char **cell;
	size_t n, cap;
	int line;		/* a free-standing line in cell[0] */
};

struct table {
	char *align;
	struct row *rows;
	size_t n, cap;
	int open;		/* the last row takes more cells */
};

static char *
vfmt(const char *fmt, va_list ap)
{
	va_list aq;
	int len;
	char *s;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	s = emalloc(len + 1);
	vsnprintf(s, len + 1, fmt, ap);
	return s;
}

static struct row *
newrow(struct table *t)
{
	egrow((void **)&t->rows, &t->cap, t->n + 1, sizeof *t->rows);
	memset(&t->rows[t->n], 0, sizeof *t->rows);
	return &t->rows[t->n++];
}

static size_t
width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

struct table *
table_new(const char *align)
{
	struct table *t = ecalloc(1, sizeof *t);

	t->align = estrdup(align);
	return t;
}

void
table_cell(struct table *t, const char *fmt, ...)
{
	struct row *r;
	va_list ap;

	r = t->open ? &t->rows[t->n - 1] : newrow(t);
	t->open = 1;
	egrow((void **)&r->cell, &r->cap, r->n + 1, sizeof *r->cell);
	va_start(ap, fmt);
	r->cell[r->n++] = vfmt(fmt, ap);
	va_end(ap);
}

void
table_endrow(struct table *t)
{
	t->open = 0;
}

void
table_line(struct table *t, const char *fmt, ...)
{
	struct row *r;
	va_list ap;

	t->open = 0;
	r = newrow(t);
	r->line = 1;
	r->cell = emalloc(sizeof *r->cell);
	va_start(ap, fmt);
	r->cell[0] = vfmt(fmt, ap);
	va_end(ap);
	r->n = 1;
}

void
table_print(struct table *t, FILE *f)
{
	size_t ncols = 0, *w, i, c;

	for (i = 0; i < t->n; i++)
		if (!t->rows[i].line && t->rows[i].n > ncols)
			ncols = t->rows[i].n;
	w = ecalloc(ncols, sizeof *w);
	for (i = 0; i < t->n; i++)
		for (c = 0; !t->rows[i].line && c < t->rows[i].n; c++)
			if (width(t->rows[i].cell[c]) > w[c])
				w[c] = width(t->rows[i].cell[c]);
	for (i = 0; i < t->n; i++) {
		struct row *r = &t->rows[i];
		size_t last = r->n;

		if (r->line) {
			fprintf(f, "%s\n", r->cell[0]);
			continue;
		}
		while (last > 0 && !*r->cell[last - 1])
			last--;
		for (c = 0; c < last; c++) {
			int right = c < strlen(t->align) && t->align[c] == 'r';
			size_t pad = w[c] - width(r->cell[c]);

			if (c > 0)
				fputs("  ", f);
			if (right)
				fprintf(f, "%*s", (int)pad, "");
			fputs(r->cell[c], f);
			if (!right && c + 1 < last)
				fprintf(f, "%*s", (int)pad, "");
		}
		fputc('\n', f);
	}
	for (i = 0; i < t->n; i++) {
		for (c = 0; c < t->rows[i].n; c++)
			free(t->rows[i].cell[c]);
		free(t->rows[i].cell);
	}
	free(t->rows);
	free(t->align);
	free(w);
	free(t);
}
