/* sim/tracewrite.h: write a generated pattern as a trace other simulators can replay. */
#ifndef EMIT_H
#define EMIT_H

#include <stdio.h>

#include "sim/pattern.h"

/* "id size" lines (or "id" lines without sizes); 0, or -1 when interrupted. */
int emit_text(const struct pattern_opts *o, FILE *f);
/*
 * libCacheSim oracleGeneral records, next_access_vtime included (so the
 * trace is held in memory, 12 bytes a request); without sizes each
 * object is 1 byte. 0, or -1 when interrupted.
 */
int emit_oracle(const struct pattern_opts *o, FILE *f);

#endif
