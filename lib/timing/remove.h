/* timing/remove.h: what runs of ipfs-time-add put on a node, taken off it
 * again (ipfs-time-add --remove): the pins of what they added, then the
 * blocks of those DAGs that nothing else on the node keeps. See
 * ipfs-time-add(1), REMOVING WHAT WAS ADDED. */
#ifndef REMOVE_H
#define REMOVE_H

#include "net/http.h"

/*
 * Read the add records of files (op=add, ok=1, a cid); the content of a
 * record with dedup=0 is the run's own: its root is unpinned (pin/rm),
 * then, once every root is unpinned, the blocks of its DAG the node holds
 * and that neither MFS nor any pin left keeps (timing/blocks.h,
 * blocks_kept) are removed (block/rm) and checked gone. A record with
 * dedup=1 (the node held the content before the run) or without dedup
 * (files the user named: their content may be the node's own) is left,
 * and said. A line per node on stderr says what was removed and what was
 * left (quiet: only what was left, and errors). Returns 0, 1 when a call
 * failed or a block stayed, 2 on bad input (a file:line error).
 */
int remove_added(const char *api, const struct http_opts *o, char *const *files, int nfiles,
    int quiet);

#endif
