/* timing/add.h: timing content additions (/api/v0/add) request by request. */
#ifndef ADDBENCH_H
#define ADDBENCH_H

#include <stdint.h>

#include "net/runner.h"
#include "rec/write.h"

struct addbench {
	/* what to add: generated payloads of these sizes, or these files */
	const int64_t *sizes;
	int nsizes;
	char *const *files;
	int nfiles;
	long iterations, warmup;
	int show_warmup;	/* write warm-up records too (warmup=1) */
	uint64_t seed;
	int same;		/* identical payload every iteration */
	const char *url;	/* the add URL, query included */
	const char *label;
	struct runner_conf run;
	struct recw *out;
	int quiet;
	/* results */
	unsigned long nreq, nfail;
};

/*
 * Run the warm-up rounds then the measured rounds; each round adds every
 * size (or file) once, in order. Returns 0, 1 when a request failed, or
 * 130 when interrupted.
 */
int addbench_run(struct addbench *b);

#endif
