/* rec/read.h: the record reader: TSV by header name, or JSON Lines. */
#ifndef RECREAD_H
#define RECREAD_H

#include <stdio.h>

struct recr;

/*
 * Open path ("-" is stdin). Lines starting with '#', blank lines and a
 * JSON Lines metadata object ({"meta":...}, rec/write.h) are skipped. The format is found from the first record line: '{' starts JSON
 * Lines, anything else is a TSV header. When plain is not NULL, input whose
 * first line has no tab and is not JSON is read as headerless lines of one
 * column named plain (a first line equal to plain is taken as its header).
 * Returns NULL and prints "file: error" when the file cannot be opened or
 * its header is bad.
 */
struct recr *recr_open(const char *path, const char *plain);
/* The same on an open stream, named name in messages; recr_close closes f. */
struct recr *recr_fopen(FILE *f, const char *name, const char *plain);

/* Column index of name, or -1 when the input does not have it. */
int recr_col(struct recr *r, const char *name);
int recr_ncols(const struct recr *r);
const char *recr_name(const struct recr *r, int col);

/*
 * Read the next record: 1 on a record, 0 at end of input, -1 on a
 * malformed line (recr_error() says why; reading may continue).
 */
int recr_next(struct recr *r);

/* Field value of the current record (unescaped), NULL when absent/"-". */
const char *recr_get(const struct recr *r, int col);
/* Numeric value, NaN when absent or not a number. */
double recr_num(const struct recr *r, int col);

/* "file:line" of the current record, and the last error text. */
const char *recr_where(const struct recr *r);
const char *recr_error(const struct recr *r);
int recr_is_json(const struct recr *r);

void recr_close(struct recr *r);

#endif
