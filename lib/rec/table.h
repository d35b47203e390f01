/* rec/table.h: aligned text tables for people, built cell by cell. */
#ifndef TABLE_H
#define TABLE_H

#include <stdio.h>

struct table;

/* align holds one 'l' or 'r' per column; later columns align left. */
struct table *table_new(const char *align);
/* Append a cell to the current row (printf format). */
void table_cell(struct table *t, const char *fmt, ...);
void table_endrow(struct table *t);
/* A line printed as is between rows (a title, a footnote). */
void table_line(struct table *t, const char *fmt, ...);
/* Print with columns two spaces apart (widths in UTF-8 characters) and free. */
void table_print(struct table *t, FILE *f);

#endif
