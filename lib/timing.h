/* timing.h: the timing record every request gives (DESIGN.md's columns). */
#ifndef TIMING_H
#define TIMING_H

#include <stdint.h>
#include <stdio.h>

#include "http.h"
#include "recwrite.h"

enum {
	TC_TS, TC_OP, TC_VIA, TC_LABEL, TC_SIZE, TC_ITER, TC_ACCESS, TC_WARMUP,
	TC_CODE, TC_OK, TC_CID, TC_BYTES_UP, TC_BYTES_DOWN, TC_T_SCHED,
	TC_T_START, TC_T_DNS, TC_T_CONNECT, TC_T_TTFB, TC_T_TOTAL, TC_ERROR,
	TC_NCOLS
};

extern const char *const timing_cols[];

struct timing {
	const char *op, *via, *label, *access, *cid;
	int64_t size;		/* content bytes; < 0 unknown */
	long iter;
	int warmup, ok;
	const struct http_req *req;	/* ts, t_sched, t_start */
	const struct http_stat *st;	/* code, bytes, phase times */
	const char *error;	/* "" or NULL when ok */
};

/* Open a timing record writer on stdout with the metadata comments. */
struct recw *timing_open(int json, const char *tool, const char *api,
    const char *extra);
/* The same on f, for a longer list of columns that begins with timing_cols. */
struct recw *timing_open_cols(FILE *f, const char *const *cols, int json,
    const char *tool, const char *api, const char *extra);

/* Write one record. */
void timing_write(struct recw *w, const struct timing *t);

#endif
