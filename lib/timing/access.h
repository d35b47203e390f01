/* timing/access.h: whether a read is cold or warm, made so and checked
 * with the node between timed reads (timing/blocks.h), and what bitswap
 * received during it. See ipfs-time-cat(1), ACCESS. */
#ifndef ACCESS_H
#define ACCESS_H

#include <stddef.h>
#include <stdint.h>

#include "timing/cat.h"

/* The root CID of a target's path ("CID/sub" -> "CID"), in buf. */
const char *access_root(const struct target *t, char *buf, size_t n);

/*
 * Before anything else asks the node (--verify's files/stat, --via mfs's
 * files/cp): open the untimed slot, connect to the provider, and with one
 * request in flight see whether bitswap/stat answers (b->bitswap) and
 * note its counts and the store's size, so that access_start can wait for
 * the counts of what those calls fetched.
 */
void access_open(struct catbench *b);

/*
 * Just before the first read: wait for bitswap to count what was fetched
 * since access_open (js-ipfs counts late); without --evict, what each
 * target's first read will be: cold when the node lacks its root block,
 * warm when it holds every block of its DAG (refs/local, then a walk of
 * the local blocks), else "-".
 */
void access_start(struct catbench *b);

/*
 * --evict, before the cold read of a pair: list the DAG (once; block/get
 * fetches what the node lacks, untimed), remove it, check it is gone.
 * Returns "cold", or "-" when a block stayed (said once per target). With
 * --provider, connects first; a failure goes to pre (the read's record is
 * then ok=0). *expect: the blocks the read must fetch (0: unknown).
 */
const char *access_cold(struct catbench *b, struct target *t, char *pre, size_t n,
    uint64_t *expect);

/* --evict, before the warm read of a pair: "warm" when the node holds every
 * block of the DAG, else "-". */
const char *access_warm(struct catbench *b, struct target *t);

/* Without --evict, before the first read of a cold target: connect to the
 * provider (a failure goes to pre). */
void access_provider(struct catbench *b, char *pre, size_t n);

/* bitswap/stat's received counts now: 0, or -1 (the sample is lost). */
int access_sample(struct catbench *b, uint64_t *blocks, uint64_t *bytes);

/*
 * After a read that started at (blocks0, bytes0): what bitswap received
 * since. js-ipfs counts up to a second after the blocks came, so when the
 * read should have fetched expect blocks, wait (50 ms polls, 2 s at most)
 * for them to show. Without --evict, a first cold read of a whole CID that
 * ended ok learns its expect here (the DAG's blocks the store lacked).
 */
int access_received(struct catbench *b, struct target *t, int cold_first, uint64_t expect,
    uint64_t blocks0, uint64_t bytes0, uint64_t *blocks, uint64_t *bytes);

/* After the run: free what access_start and the reads made. */
void access_end(struct catbench *b);
/* The line that says how many records are cold, warm and unchecked. */
void access_report(const struct catbench *b);

#endif
