/*
 * tune/node.h: the node tune-conf reads and, only when asked, writes,
 * through the RPC API: /api/v0/version (which implementation), config/show,
 * repo/stat, config (get and set, typed with json=true), config/replace,
 * config/profile/list and config/profile/apply?dry-run=true. The config the
 * node shows (on js-ipfs it holds the private key) stays in memory: it is
 * never printed and never written to a file.
 */
#ifndef TUNE_NODE_H
#define TUNE_NODE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "net/http.h"

enum { IMPL_UNKNOWN, IMPL_KUBO, IMPL_JS };

struct tune_node {
	char *api;		/* base URL, credentials and all: print url_redact(api) */
	struct http_opts http;
	struct http_req req;
	int impl;		/* IMPL_* from the version reply */
	char version[64];	/* its Version */
	char name[96];		/* "js-ipfs 0.18.1", "Kubo 0.30.0" */
	json_t *config;		/* config/show, once node_state() ran */
	int64_t objects, repo_size, storage_max;	/* repo/stat; -1 unknown */
};

/* Open the API at api (with credentials auth, may be NULL; each request
 * given up after timeout seconds, 0: never) and ask its version: 0, or -1
 * with the reason in err. */
int node_open(struct tune_node *n, const char *api, const char *auth, double timeout,
    char *err, size_t len);
void node_close(struct tune_node *n);

/* Read config/show: 0 or -1 with err. */
int node_config(struct tune_node *n, char *err, size_t len);
/* Read config/show and repo/stat (js-ipfs reads every block for it). */
int node_state(struct tune_node *n, char *err, size_t len);

/* POST endpoint?query; the reply as JSON in *out (the caller frees it):
 * 0, or -1 with the node's error (HTTP status and RPC message) in err. */
int node_call(struct tune_node *n, const char *endpoint, const char *query, json_t **out,
    char *err, size_t len);

/* Value of one key through /api/v0/config?arg=KEY (*out a new reference). */
int node_get(struct tune_node *n, const char *key, json_t **out, char *err, size_t len);
/* Set one key to a typed value (json=true). */
int node_set(struct tune_node *n, const char *key, const json_t *value, char *err, size_t len);
/* Replace the whole config (config/replace, a multipart file). */
int node_replace(struct tune_node *n, const json_t *config, char *err, size_t len);

/* Does the node know the profile? 1 yes, 0 no, -1 it cannot say (Kubo has
 * no profile list over RPC: the dry run then tells). */
int node_has_profile(struct tune_node *n, const char *profile);

/* The profile's dry run: the old and new config it answers, in *old and
 * *new (new references), or -1 with err. Nothing is changed. */
int node_profile_dry_run(struct tune_node *n, const char *profile, json_t **old, json_t **new,
    char *err, size_t len);

/*
 * A dotted key ("Datastore.BloomFilterSize") in a config object: its value
 * (borrowed), or NULL when absent, with absent_from (when not NULL) set to
 * the shortest prefix of key that is absent ("Import" for
 * Import.UnixFSChunker in a config without Import).
 */
json_t *config_lookup(const json_t *config, const char *key, char *absent_from, size_t len);

/* Keys whose value tune-conf never reads out, prints, writes or sets:
 * the identity, API credentials, pinning service keys, what is inside
 * them, and the parents holding them ("API", "Pinning"); matched without
 * case, as Kubo's config keys are. */
int config_secret(const char *key);

#endif
