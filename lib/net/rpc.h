/* net/rpc.h: Kubo RPC API URLs and replies (success objects, NDJSON streams,
 * and the {"Message","Code","Type":"error"} error object), with jansson. */
#ifndef RPC_H
#define RPC_H

#include <stddef.h>
#include <stdint.h>

struct http_stat;

/* base + "/api/v0/" + endpoint, then "?" query when query is not empty. */
char *rpc_url(const char *base, const char *endpoint, const char *query);

/* Percent-encode s for a query value (unreserved and '/' kept). New string. */
char *url_escape(const char *s);

/*
 * Message of an RPC error object in body ("Message (Code N)"), written to
 * out. Returns 0, or -1 when body is not such an object.
 */
int rpc_error(const char *body, char *out, size_t n);

/*
 * The outcome of a request as one error text in out ("" when it succeeded):
 * a transfer error, an HTTP status with the RPC error message when the body
 * holds one, or an X-Stream-Error trailer. Returns 1 when ok, else 0.
 */
int rpc_outcome(const struct http_stat *st, const char *body, char *out, size_t n);

/*
 * The root of an /api/v0/add reply: an NDJSON stream of objects; the last
 * one with "Hash" names the added root. Writes the CID to cid; returns 0,
 * or -1 (with the reason in cid) when the reply has none.
 */
int rpc_add_root(const char *body, char *cid, size_t n);

/* Whether a reply body is JSON: its first value parses (NDJSON streams
 * count); when not whole (only its start was kept), whether it starts an
 * object or an array. */
int rpc_is_json(const char *body, int whole);

/* String value of key in a JSON object (numbers are printed; an IPLD link
 * {"/": CID} gives its CID). 0 or -1. */
int rpc_str(const char *body, const char *key, char *out, size_t n);

/* Integer value of key in a JSON object, given as number or string. 0 or -1. */
int rpc_int(const char *body, const char *key, int64_t *out);

/* Whether a Kubo RPC endpoint (before any "?query") only reads the node:
 * version, id, stats/bw, repo/stat, config/show, pin/ls...; not repo/gc,
 * block/rm, config, pin/add, shutdown... */
int rpc_reads_only(const char *endpoint);

#endif
