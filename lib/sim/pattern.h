/* sim/pattern.h: synthetic request patterns. */
#ifndef PATTERN_H
#define PATTERN_H

#include <stdint.h>

#include "sim/trace.h"

enum { PAT_SEQUENTIAL, PAT_RANDOM, PAT_REPEATED, PAT_ZIPF, PAT_SCAN };

struct pattern_opts {
	int kind;
	double alpha;		/* zipf: popularity of rank r is r^-alpha */
	double hotfrac;		/* scan: share of requests going to the hot set */
	uint64_t nobj;		/* objects, ids 1..nobj */
	uint64_t nreq;		/* requests */
	uint64_t hot;		/* repeated, scan: hot set size */
	uint64_t seed;
	uint64_t size_lo, size_hi;	/* sizes uniform in [lo, hi]; 0: none */
};

/* Parse "zipf:1.0", "scan:0.5"... into o->kind and its parameter; 0 or -1. */
int pattern_parse(const char *s, struct pattern_opts *o);

struct pattern;
struct pattern *pattern_new(const struct pattern_opts *o);
/* The next request's object id and size; 0 after the last. */
int pattern_next(struct pattern *p, uint64_t *id, uint64_t *size);
void pattern_free(struct pattern *p);

/* The pattern as a request source, keyed as a trace of its ids would be. */
struct source *pattern_source(const struct pattern_opts *o, const char *name);

#endif
