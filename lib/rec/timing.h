/* rec/timing.h: the timing record every request gives (DESIGN.md's columns). */
#ifndef TIMING_H
#define TIMING_H

#include <stdint.h>
#include <stdio.h>

#include "rec/write.h"

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
	double ts;		/* wall clock at the start, seconds since the epoch */
	double t_sched, t_start;	/* intended and actual start, seconds since the run began */
	long code;		/* HTTP status, 0 when none came */
	uint64_t up, down;	/* request and response body bytes */
	double t_dns, t_connect, t_ttfb, t_total;	/* phases, from the start */
	const char *error;	/* "" or NULL when ok */
};

/* Open a timing record writer on stdout with the metadata comments; api
 * is printed as given (redact credentials first). */
struct recw *timing_open(int json, const char *tool, const char *api,
    const char *extra);
/* The same on f, for a longer list of columns that begins with timing_cols.
 * extra is "key value ..." or "key=value ..." pairs: a comment line in TSV, members of the
 * metadata object in JSON. Records are flushed live (recw_live, 100 ms). */
struct recw *timing_open_cols(FILE *f, const char *const *cols, int json,
    const char *tool, const char *api, const char *extra);

/* Write one record. */
void timing_write(struct recw *w, const struct timing *t);

#endif
