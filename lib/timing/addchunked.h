/* timing/addchunked.h: ipfs-time-add --via chunked: time chunk-put's upload path
 * (client-side chunking, block/put or CAR shards) with the records of
 * --via rpc, so prof-diff compares plain and chunked adds directly. */
#ifndef ADDCHUNKED_H
#define ADDCHUNKED_H

#include "timing/add.h"
#include "xfer/upload.h"

/*
 * Run b's warm-up and measured rounds like addbench_run, one upload at a
 * time, each with up's settings (up->parallel requests in flight). Each
 * add is one timing record: op=add, via=chunked, the root CID, the bytes
 * of all its requests, t_total from its first request to its end. Returns
 * 0, 1 when an add failed, 130 when interrupted.
 */
int addchunked_run(struct addbench *b, struct upload *up);

#endif
