/* sim/prepass.h: a trace read into memory, with its working set and next accesses. */
#ifndef PREPASS_H
#define PREPASS_H

#include <stdint.h>

#include "sim/trace.h"

/*
 * Read all of in (and close it) into a source in memory, 24 bytes a
 * request. Count the distinct objects and their bytes (each object once,
 * at the size of its last request); with want_next, set each request's next field to
 * the index of the next request for the same key, or NEVER. Progress of
 * the reading on stderr when progress is set and stderr is a terminal.
 */
struct source *prepass_load(struct source *in, int want_next,
    uint64_t *objects, uint64_t *bytes, int progress);

#endif
