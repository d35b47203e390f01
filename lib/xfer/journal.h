/* xfer/journal.h: the resume journal of an upload: which blocks the node holds. */
#ifndef JOURNAL_H
#define JOURNAL_H

#include <stdint.h>

#include "unixfs/cid.h"

struct journal;

/*
 * Open the journal at path, creating it, or reading what an earlier run
 * stored. params describes the DAG (chunk size, CID version, leaves); a
 * journal written with other params is an error (exit 1). Blocks are
 * named by their sequence number in the DAG's order, with a fingerprint
 * of their CID to notice a file that changed.
 */
struct journal *journal_open(const char *path, const char *params);

/*
 * Whether block seq with CID c is stored: 1 yes, 0 no; a block the
 * journal holds with another CID means the file changed: exit 1.
 */
int journal_has(struct journal *j, uint64_t seq, const struct cid *c);

/* Record block seq stored; or blocks first..last, the last with CID c. */
void journal_add(struct journal *j, uint64_t seq, const struct cid *c);
void journal_add_range(struct journal *j, uint64_t first, uint64_t last,
    const struct cid *c);
/* Record the upload complete with this root. */
void journal_done(struct journal *j, const struct cid *root);

/* Blocks the journal held when opened. */
uint64_t journal_loaded(const struct journal *j);
void journal_close(struct journal *j);

#endif
