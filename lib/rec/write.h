/* rec/write.h: the record writer: TSV with a header, or JSON Lines. */
#ifndef RECWRITE_H
#define RECWRITE_H

#include <stdint.h>
#include <stdio.h>

struct recw;

/*
 * Open a writer on f for the NULL-terminated column names cols (which must
 * outlive the writer). json selects JSON Lines. The TSV header is written
 * before the first record (after any comments).
 */
struct recw *recw_open(FILE *f, const char *const *cols, int json);

/* A "# ..." metadata line (TSV only, before the header; ignored in JSON). */
void recw_comment(struct recw *w, const char *fmt, ...);

/* JSON strings: valid UTF-8 is written as it is; each byte of an invalid
 * sequence (a stray continuation, a cut sequence, an overlong form, a
 * surrogate, past U+10FFFF) as \ufffd, so that every line is JSON. TSV
 * keeps the bytes as they are. */

/* A key of the metadata object that starts JSON Lines output,
 * {"meta":{"tool":...,...}} (jq skips it with select(.meta|not)); a value
 * that is a number is written as one. Before the first record; ignored
 * in TSV, where comments say the same. */
void recw_meta(struct recw *w, const char *key, const char *val);

/* Live output: flush after a record once interval seconds have passed
 * since the last flush (0: after every record), so a pipe sees records as
 * they come without a write per record at high rates; recw_idle() flushes
 * a record still waiting once its time is up. */
void recw_live(struct recw *w, double interval);
void recw_idle(struct recw *w);

/* Set one field of the current record; unset fields print "-" / null. */
void recw_str(struct recw *w, int col, const char *s);
void recw_int(struct recw *w, int col, int64_t v);
void recw_uint(struct recw *w, int col, uint64_t v);
/* A decimal with prec digits after the point ("%.*f"); from 1e15 on, where
 * that would show digits a double does not hold, the shortest form that
 * reads back as v ("1e+70"). Not finite: left unset. */
void recw_num(struct recw *w, int col, double v, int prec);
/* Any double at full precision: the shortest "%g" form that reads back as
 * v ("7.2e-09", "0.25"). */
void recw_real(struct recw *w, int col, double v);
/* A duration in seconds, microsecond resolution ("%.6f"), as recw_num. */
void recw_sec(struct recw *w, int col, double v);

/* Write the current record and clear it. Exits on write errors. */
void recw_end(struct recw *w);


/* Flush and free; exit 1 on a write error (quietly 0 on EPIPE). */
void recw_close(struct recw *w);

/* TSV field escaping: \t \n \r \\ ; returns dst. dst holds 2*len+1 bytes. */
char *tsv_escape(char *dst, const char *src, size_t len);
/* In-place unescape of a TSV field; returns its new length. */
size_t tsv_unescape(char *s);

#endif
