/*
 * rec/fields.h: what the shared columns of a record mean. Every tool that
 * reads records (prof-diff, cache-sim, ipfs-time-cat, tune-conf) asks here,
 * so that one record means one thing everywhere.
 *
 *   ok        1 or true: the request succeeded; 0 or false: it failed.
 *             Absent (no column, "-", null): ok, as in a plain CID list.
 *   warmup    1 or true: a warm-up, not a measurement; 0, false or absent: not.
 *   size      the content's size in bytes, a whole number >= 0; absent:
 *             unknown.
 *   cid       the content's CID (or /ipfs/ path) as the node printed it.
 *   bytes_down  response body bytes.
 *   t_*       times in seconds: non-negative decimal numbers (digits, an
 *             optional fraction and exponent: "0.012", "1.5e-3"); a sign,
 *             hexadecimal, inf or nan is malformed.
 *   dedup     1 or true: the node already held the run's content before the
 *             run (ipfs-time-add with --seed), so the record times a
 *             deduplicated add, not a fresh one; 0, false or absent: not.
 *             prof-diff flags every group with such records (rec_flag).
 *
 * Which records count: a record that was served (ok) is an access of its
 * content: cache-sim replays it and ipfs-time-cat reads its CID again. A
 * served record that is not a warm-up is a measurement: prof-diff takes its
 * sample. A failed one that is not a warm-up is a failure. Anything else in
 * ok, warmup or dedup is malformed: an error naming file:line and the value.
 */
#ifndef REC_FIELDS_H
#define REC_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "rec/read.h"

/* A flag column (ok, warmup) of the current record, by name: 1 or 0;
 * absent when missing; -1 when malformed. */
int rec_flag(struct recr *r, const char *name, int absent);

enum rec_kind { REC_BAD = -1, REC_FAILED, REC_WARMUP, REC_MEASURED };

/*
 * What the current record is: measured (ok, not a warm-up), failed (not
 * ok, not a warm-up), a warm-up (either outcome), or malformed (REC_BAD,
 * the reason in why). *served (when not NULL) is its ok. Columns are found
 * by name on every call: a JSON Lines record may bring a key late.
 */
enum rec_kind rec_kind(struct recr *r, int *served, char *why, size_t whylen);

/* Column name of the current record as a size in bytes: 1 with *size set,
 * 0 when absent, -1 when not a whole number of bytes. */
int rec_size(struct recr *r, const char *name, int64_t *size);

/* A field (s, NULL when absent) as a finite decimal number: an optional
 * '-', digits with an optional fraction, an optional exponent; no '+',
 * hexadecimal, inf or nan. 1 with *v set, 0 when absent, -1 malformed. */
int rec_decimal(const char *s, double *v);
/* The same for a time (a t_* column): also -1 when negative. */
int rec_time(const char *s, double *v);

#endif
