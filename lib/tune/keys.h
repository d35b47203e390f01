/*
 * tune/keys.h: the one table of the config keys tune-conf knows: their
 * type, documented range, Kubo's default (docs/config.md), when a change
 * takes effect, what js-ipfs does with them and which ipfs-profile test
 * measures them again. A patch, a backup and a proposal name only these
 * keys, by exact name (never a parent or a child of one).
 */
#ifndef TUNE_KEYS_H
#define TUNE_KEYS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

/* When a change takes effect (on Kubo). */
enum { WHEN_NOW, WHEN_RESTART, WHEN_INIT };

/* The JSON a key holds. */
enum { KT_CHUNKER, KT_FLAG, KT_INTEGER, KT_SIZE, KT_OBJECT };

struct tune_key {
	const char *key;
	int type;		/* KT_* */
	int optional;		/* null is Kubo's "use the default" */
	int64_t min, max;	/* KT_INTEGER's range; KT_SIZE's in bytes */
	const char *range;	/* the range or grammar, in words */
	const char *def;	/* Kubo's default */
	int when;		/* WHEN_* */
	const char *js;		/* what js-ipfs 0.18 does with it, or NULL */
	const char *tests;	/* the ipfs-profile tests that measure it again */
};

/* The key's entry (exact name), or NULL for a key tune-conf does not know. */
const struct tune_key *tune_key(const char *key);
/* The i-th entry of the table, NULL past its end. */
const struct tune_key *tune_key_at(size_t i);
/* When a change of key takes effect: a known key's, else WHEN_RESTART
 * (Kubo reads its config once, at start). */
int tune_key_when(const char *key);
const char *tune_when_name(int when);
const char *tune_type_name(int type);

/*
 * Is value one that key may hold? With range 0 only its JSON type is
 * checked (a backup's old value, which the node held); with range 1 also
 * the documented range or grammar (a value tune-conf proposes or applies).
 * 0, or -1 with why ("KEY: expected ..."); an unknown key is -1 too.
 */
int tune_key_check(const char *key, const json_t *value, int range, char *why, size_t n);

/* A size as Kubo's Datastore.StorageMax takes it (go-humanize's
 * ParseBytes): a decimal number, optional blanks, an optional unit B, k or
 * kB (10^3), KiB or Ki (2^10), ... to E (case-insensitive). 0 or -1. */
int tune_size_parse(const char *s, uint64_t *out);

/* The table as TSV with a header, or JSON Lines. */
void tune_keys_print(int json, FILE *f);

#endif
