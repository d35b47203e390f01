/*
 * tune/patch.h: the config patch: the change set of keys of tune/keys.h
 * and its two printed forms (ipfs config --json lines for sh, every value
 * and key quoted and every comment one line; JSON Lines for --apply --from),
 * the backup (the old values of exactly the changed keys, written
 * atomically, mode 0600, before anything is set), apply (set, read back,
 * and restore everything on the first failure) and revert.
 */
#ifndef TUNE_PATCH_H
#define TUNE_PATCH_H

#include <stdio.h>

#include <jansson.h>

#include "tune/keys.h"
#include "tune/node.h"

/* What the node held when the change was made. */
enum { CUR_UNKNOWN, CUR_SET, CUR_ABSENT };

struct tune_change {
	char *key;
	json_t *value;		/* the proposed value */
	json_t *current;	/* the node's value when the patch was made (CUR_SET) */
	int state;		/* CUR_* */
	int when;		/* WHEN_* */
	char *rule, *why;	/* which rule, and its evidence in a line (may be NULL) */
};

struct tune_patch {
	struct tune_change *c;
	size_t n, cap;
};

/* Append a change; value is taken over, current is copied (may be NULL). */
void patch_add(struct tune_patch *p, const char *key, json_t *value, const json_t *current,
    int state, const char *rule, const char *why);
void patch_free(struct tune_patch *p);

/* Print the patch: as "ipfs config --json KEY 'VALUE'" lines with comments
 * (json 0) or as JSON Lines (json 1); node names the node in a comment. */
void patch_print(const struct tune_patch *p, int json, const char *node, FILE *f);

/* Read a patch in its JSON Lines form ("-" is stdin): 0, or -1 after
 * naming each bad line as file:line. */
int patch_read(struct tune_patch *p, const char *path);

struct tune_applyopts {
	const char *backup;	/* backup file to create (never overwritten) */
	int restart_ok;		/* also apply keys that need a restart */
	int quiet, json;	/* messages on stderr; output form on stdout */
};

/*
 * Apply p to the node: refuse secrets, init-only keys, values of the wrong
 * type and keys the node changed since the patch was made; leave out keys
 * needing a restart unless restart_ok (naming them); write the backup of
 * exactly the keys it changes; then set and read back each key. On the
 * first rejection or different read-back every key already set is
 * restored (and read back) and the result is -1. Prints what it set on
 * stdout. Returns 0, or -1 (the reason on stderr), or -2 when it was
 * interrupted (restored too).
 */
int patch_apply(struct tune_node *n, const struct tune_patch *p, const struct tune_applyopts *o);

/* Refuse what a patch must never do: a key not in tune/keys.h's table
 * (exact names: so never a secret, nor a parent of one), init-only keys,
 * values of the wrong type or out of their documented range, a key twice:
 * 0, or -1 naming each. patch_apply checks it too. */
int patch_check(const struct tune_patch *p);

/* A backup file, read and checked (its entries point into doc). */
struct entry;
struct tune_backup {
	char *path;
	json_t *doc;
	struct entry *e;
	size_t n;
};

/* Read a backup: only keys of the table (not init-only), each with a
 * value of its type or "absent" (absent_from the key or a parent of it),
 * the node it was made on as api and peer_id: 0, or -1 naming what is
 * wrong. */
int backup_load(struct tune_backup *b, const char *path);
void backup_free(struct tune_backup *b);

/* Restore the keys of a backup and read them back: 0 or -1. Refused (-1)
 * when the node is not the one the backup was made on (another peer ID;
 * without a recorded peer ID, another API URL) unless other_node. */
int patch_revert(struct tune_node *n, const struct tune_backup *b, int other_node, int quiet);

#endif
