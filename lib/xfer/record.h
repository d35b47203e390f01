/* xfer/record.h: chunk-put's records: the timing record's columns, then
 * blocks and mb_per_s; one per request (-v) and one final record. */
#ifndef CHUNKREC_H
#define CHUNKREC_H

#include <stdint.h>
#include <stdio.h>

#include "net/http.h"
#include "rec/timing.h"
#include "rec/write.h"
#include "unixfs/cid.h"
#include "xfer/totals.h"

enum { CR_BLOCKS = TC_NCOLS, CR_MB_PER_S, CR_NCOLS };

/* Open the writer on f with the metadata comments. */
struct recw *chunkrec_open(FILE *f, int json, const char *api, const char *extra);

/* A record of one request (block/put, dag/import, block/get...) of size
 * bytes carrying blocks blocks (0: none, as pin/add). */
void chunkrec_request(struct recw *w, const char *op, const char *via,
    const char *label, const struct cid *c, uint64_t size, uint64_t blocks, int ok,
    const char *error, const struct http_req *r, const struct http_stat *st);

/* The record of a whole upload or retrieval x of the file cid (NULL when
 * unknown); error overrides x's error text when not NULL. */
void chunkrec_final(struct recw *w, const char *op, const char *via,
    const char *label, const struct cid *cid, const struct xfer *x, int ok,
    const char *error);

#endif
