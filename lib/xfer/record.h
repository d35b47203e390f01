/* xfer/record.h: chunk-put's records: the timing record's columns, then
 * blocks and mb_per_s; one per request or hashed block (-v) and one final
 * record. */
#ifndef CHUNKREC_H
#define CHUNKREC_H

#include <stdio.h>

#include "rec/write.h"
#include "unixfs/cid.h"
#include "xfer/totals.h"

enum { CR_BLOCKS = TC_NCOLS, CR_MB_PER_S, CR_NCOLS };

/* Open the writer on f with the metadata comments. */
struct recw *chunkrec_open(FILE *f, int json, const char *api, const char *extra);

/* The record of one step of a transfer: a request, or (no request) a
 * block hashed here. */
void chunkrec_event(struct recw *w, const char *via, const char *label,
    const struct xfer_event *e);

/* The record of a whole upload, retrieval or hashing x of the file cid
 * (NULL when unknown); error overrides x's error text when not NULL. */
void chunkrec_final(struct recw *w, const char *op, const char *via,
    const char *label, const struct cid *cid, const struct xfer *x, int ok,
    const char *error);

#endif
