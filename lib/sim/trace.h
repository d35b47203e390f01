/* sim/trace.h: request sources: trace files in several formats. */
#ifndef TRACE_H
#define TRACE_H

#include <stdint.h>

#include "sim/cache.h"

/* The formats; trace_formats[] names them (NULL-terminated), as -f does. */
enum { FMT_AUTO, FMT_TEXT, FMT_CSV, FMT_TSV, FMT_ORACLE, FMT_RECORDS };
extern const char *const trace_formats[];

/* A stream of requests: a trace, a generated pattern, or one in memory. */
struct source {
	/* Fill up to n requests; 0 at the end. */
	size_t (*read)(struct source *s, struct req *r, size_t n);
	void (*close)(struct source *s);
	const char *name;	/* file name, "<stdin>" or the pattern */
	const char *format;	/* "text", "csv", "oracleGeneral", ... */
	int has_size;		/* requests carry sizes (set by the first read) */
	int has_next;		/* requests carry next-access times */
	uint64_t bad;		/* malformed lines skipped (skip_bad) */
	uint64_t dropped;	/* records that are not requests (ok=0, no cid) */
	/* how far the reading is, for progress: done of total (0: unknown),
	 * in bytes of the input file when done_bytes, else in requests */
	uint64_t done, total;
	int done_bytes;
};

/* Draw the progress line (progress.h) of s, which has given requests so
 * far: "NAME: 12.0 MiB of 100 MiB (12%), ..., 1.2M requests". */
void source_progress(const struct source *s, uint64_t requests, int force);

struct trace_opts {
	int format;
	const char *id_col, *size_col;	/* header names or 1-based numbers */
	int skip_bad;			/* count malformed lines, else exit 1 */
	int need_next;			/* check oracleGeneral next-access times */
};

/* Open path ("-": stdin). Exits 1 with a message when it cannot. */
struct source *trace_open(const char *path, const struct trace_opts *o);

#endif
