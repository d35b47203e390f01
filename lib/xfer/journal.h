/* xfer/journal.h: the resume journal of an upload: which blocks were sent. */
#ifndef JOURNAL_H
#define JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "unixfs/cid.h"

struct journal;

/*
 * Open the journal at path, creating it, or reading what an earlier run
 * stored. params describes the DAG (chunk size, CID version, leaves); a
 * journal written with other params is an error. Blocks are named by
 * their sequence number in the DAG's order and, for the last block of
 * each line, its CID. maxblocks is the DAG's block count when known (the
 * file's size gives it: upload_blocks), else 0: every number read is
 * checked against it before anything is kept, and memory grows with the
 * journal's lines, never with the numbers in them. Returns NULL with the
 * reason in err ("path:line: what is wrong") when the journal cannot be
 * used.
 */
struct journal *journal_open(const char *path, const char *params, uint64_t maxblocks,
    char *err, size_t n);

/*
 * Whether the journal says block seq (with CID c) was sent: 1 yes, 0 no,
 * -1 when the journal names another CID for it (err says which line and
 * whether the file changed or the line is wrong).
 */
int journal_has(struct journal *j, uint64_t seq, const struct cid *c, char *err,
    size_t n);

/*
 * The DAG is complete: nblocks blocks, root its root. 0, or -1 when a
 * root line names another root or a line names a block beyond the last
 * (err names the line).
 */
int journal_end(struct journal *j, uint64_t nblocks, const struct cid *root, char *err,
    size_t n);

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
