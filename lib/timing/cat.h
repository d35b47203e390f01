/* timing/cat.h: timing content reads (/api/v0/cat, gateway GET /ipfs/...)
 * and bare RPC calls (id, version, stats/bw...), request by request. */
#ifndef CATBENCH_H
#define CATBENCH_H

#include <stdint.h>

#include "net/runner.h"
#include "timing/blocks.h"
#include "timing/options.h"
#include "rec/write.h"
#include "timing/summary.h"

enum { VIA_RPC = 1, VIA_GATEWAY = 2, VIA_MFS = 3 };

struct target {
	char *path;		/* "CID" or "CID/sub/path", without /ipfs/ */
	int64_t size;		/* expected content bytes; < 0 unknown */
	char *why;		/* why the size is unknown, for --verify */
	size_t first;		/* index of the first target with this path */
	int read;		/* a read of it has started */
	int held;		/* a read of it ended ok: later ones are warm */
	const char *access0;	/* its first read's, without --evict: cold, warm, - */
	struct blockset dag;	/* --evict: the blocks its read fetches (access.h) */
	int listed;		/* 1: dag is complete; -1: listing it failed */
	int stays;		/* --evict: some of dag is in MFS or pinned: none goes */
	int warned;		/* its --evict trouble was said */
	size_t coin;		/* rank among targets of its size: which way first */
	int rawhash;		/* a raw-block CID: --verify checks its sha2-256 */
	uint8_t digest[32];
};

struct catbench {
	struct target *t;	/* what to read... */
	size_t nt, tcap;
	char *const *calls;	/* ...or which RPC endpoints to call */
	int ncalls;
	int via[3], nvia;	/* VIA_RPC / VIA_GATEWAY / VIA_MFS, in the order given */
	char *mfsdir;		/* with VIA_MFS: the scratch MFS folder of the run */
	struct blockset mfsmade;	/* the MFS folder blocks its set-up wrote */
	struct timerun r;	/* iterations, warm-ups, label, concurrency... */
	int verify, discard;
	int evict;		/* --evict: each read is a pair, cold after block/rm, then warm */
	const char *provider;	/* --provider: swarm/connect before each cold read */
	int bitswap;		/* sample bitswap/stat around each read (sequential runs) */
	struct http_req node;	/* the untimed calls around the reads, */
	struct http_opts node_http;	/* with their own deadline */
	struct blockset local0;	/* the store before the run (without --evict) */
	struct blockset kept;	/* --evict: the blocks of MFS and the pins, */
	char mfsroot[160];	/* when MFS's root was this CID */
	size_t kept_stored;	/* and the store held this many blocks */
	int kept_said;		/* how many are kept was said */
	uint64_t blocks0, bytes0;	/* bitswap's counts, and the store's size, */
	size_t stored0;			/* before anything asked the node */
	unsigned long naccess[3];	/* records by access: cold, warm, - */
	const char *api, *gateway;
	struct recw *out;
	/* results */
	unsigned long nreq, nfail, skipped;
	struct runsum sum;	/* for the end-of-run report */
};

/*
 * Add a read of arg: a CID, optionally behind /ipfs/ or ipfs:// and with a
 * /path after it, of size bytes (-1: unknown). The CID is checked here: 0,
 * or -1 with why (a quoted, printable copy of arg) when it is not one.
 */
int catbench_add(struct catbench *b, const char *arg, int64_t size, char *why, size_t n);

/*
 * Take the operands: CIDs, files of CIDs or records, "-" for stdin (also
 * when there are none). An operand that is neither a CID nor a file is a
 * usage error; a bad line in a file ends the tool (exit 1). Then, with
 * --verify, find every target's size. Failed adds in the input are
 * reported and counted in skipped.
 */
void catbench_operands(struct catbench *b, char *const *args, int n);

/* The end-of-run report on stderr: requests, times, failures, accesses. */
void catbench_summary(const struct catbench *b);

/* Free what catbench_add, _load and _run made. */
void catbench_free(struct catbench *b);

/*
 * Read targets from path ("-": stdin): plain lines of CIDs, or timing
 * records (TSV or JSON Lines) whose cid column is read and size column
 * kept; records without a CID (failed adds) are counted in b->skipped.
 * Returns 0, or -1 after printing file:line of a malformed line.
 */
int catbench_load(struct catbench *b, const char *path);

/* With --verify: find the raw-block CIDs, checked by their own sha2-256
 * multihash, and ask the node (files/stat) the size of every other target
 * that has none yet. Not timed. */
void catbench_sizes(struct catbench *b);

/* Open b->out on stdout: the timing columns, then bitswap_blocks and
 * bitswap_bytes (what bitswap received during a read, when measured). */
void catbench_open(struct catbench *b, int json, const char *tool, const char *api,
    const char *extra);

/* Run warm-ups then measured rounds. 0, 1 when a request failed, 130. */
int catbench_run(struct catbench *b);

#endif
