/* tune/keys.c: the config keys tune-conf knows, and their checks (tune/keys.h). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tune/keys.h"
#include "unixfs/dag.h"

/*
 * Kubo's docs/config.md: the config is read once at start, except what a
 * command reads per request: add reads Import.* from the repo's config,
 * which "ipfs config" updates. The bounds above Kubo's own are tune-conf's:
 * a bloom filter and a key cache live in RAM; a StorageMax below 1 GB
 * would have the GC run all the time. The tests are ipfs-optimize's
 * tests_for: add measures Import.*, cat and cache measure Datastore.*.
 */
static const struct tune_key keys[] = {
	{ "Import.UnixFSChunker", KT_CHUNKER, 1, 0, 0,
	  "size-N (1 <= N <= 1048576), rabin, rabin-AVG, rabin-MIN-AVG-MAX (16 <= MIN < AVG < MAX <= 1048576), buzhash",
	  "size-262144", WHEN_NOW,
	  "stored, but js-ipfs' add does not read Import.* (it chunks size-262144 unless told)", "add" },
	{ "Import.UnixFSRawLeaves", KT_FLAG, 1, 0, 1, "true, false or null", "false (true with CidVersion 1)",
	  WHEN_NOW, "stored, but js-ipfs' add does not read Import.*", "add" },
	{ "Import.CidVersion", KT_INTEGER, 1, 0, 1, "0 or 1", "0", WHEN_NOW,
	  "stored, but js-ipfs' add does not read Import.*", "add" },
	{ "Datastore.BloomFilterSize", KT_INTEGER, 0, 0, INT64_C(1) << 40, "0 (disabled) to 2^40 bytes", "0",
	  WHEN_RESTART, "stored, but js-ipfs has no blockstore bloom filter", "cat,cache" },
	{ "Datastore.BlockKeyCacheSize", KT_INTEGER, 1, 0, INT64_C(1) << 32, "0 (disabled) to 2^32", "65536",
	  WHEN_RESTART, "stored, but js-ipfs has no block key cache", "cat,cache" },
	{ "Datastore.StorageMax", KT_SIZE, 0, 1000000000, INT64_MAX,
	  "a size string, bytes or with a unit (\"10GB\", \"10737418240\"), at least 1GB", "10GB", WHEN_RESTART,
	  "js-ipfs reads it only for repo/stat (it has no automatic GC)", "cat,cache" },
	{ "Datastore.StorageGCWatermark", KT_INTEGER, 0, 0, 100, "0 to 100 (percent of StorageMax)", "90",
	  WHEN_RESTART, NULL, "cat,cache" },
	{ "Datastore.Spec", KT_OBJECT, 0, 0, 0, "an object (the datastore's layout)", "flatfs and levelds mounts",
	  WHEN_INIT, NULL, "cat,cache" },
	{ NULL, 0, 0, 0, 0, NULL, NULL, 0, NULL, NULL }
};

const struct tune_key *
tune_key(const char *key)
{
	for (size_t i = 0; keys[i].key; i++)
		if (!strcmp(keys[i].key, key))
			return &keys[i];
	return NULL;
}

const struct tune_key *
tune_key_at(size_t i)
{
	return i < sizeof keys / sizeof *keys - 1 ? &keys[i] : NULL;
}

int
tune_key_when(const char *key)
{
	const struct tune_key *k = tune_key(key);

	return k ? k->when : WHEN_RESTART;
}

const char *
tune_when_name(int when)
{
	return when == WHEN_NOW ? "now" : when == WHEN_INIT ? "init" : "restart";
}

const char *
tune_type_name(int type)
{
	static const char *const name[] = { "chunker", "flag", "integer", "size", "object" };

	return type >= 0 && type <= KT_OBJECT ? name[type] : "?";
}

int
tune_size_parse(const char *s, uint64_t *out)
{
	static const struct { const char *u; double mul; } unit[] = {
		{ "", 1 }, { "b", 1 },
		{ "k", 1e3 }, { "kb", 1e3 }, { "ki", 0x1p10 }, { "kib", 0x1p10 },
		{ "m", 1e6 }, { "mb", 1e6 }, { "mi", 0x1p20 }, { "mib", 0x1p20 },
		{ "g", 1e9 }, { "gb", 1e9 }, { "gi", 0x1p30 }, { "gib", 0x1p30 },
		{ "t", 1e12 }, { "tb", 1e12 }, { "ti", 0x1p40 }, { "tib", 0x1p40 },
		{ "p", 1e15 }, { "pb", 1e15 }, { "pi", 0x1p50 }, { "pib", 0x1p50 },
		{ "e", 1e18 }, { "eb", 1e18 }, { "ei", 0x1p60 }, { "eib", 0x1p60 },
	};
	const char *p = s, *num;
	size_t nd = 0, nf = 0;
	char *end;
	double v;

	while (*p == ' ')
		p++;
	num = p;
	nd = strspn(p, "0123456789");
	p += nd;
	if (*p == '.') {
		nf = strspn(p + 1, "0123456789");
		p += 1 + nf;
	}
	if (nd + nf == 0 || nd > 20)
		return -1;
	errno = 0;
	v = strtod(num, &end);
	if (end != p || errno)
		return -1;
	while (*p == ' ')
		p++;
	for (size_t i = 0; i < sizeof unit / sizeof *unit; i++) {
		size_t len = strlen(unit[i].u);
		const char *q = p + len;

		if (strncasecmp(p, unit[i].u, len))
			continue;
		while (*q == ' ')
			q++;
		if (*q)
			continue;
		/* digits alone: exact, no rounding through a double */
		if (!nf && len == 0) {
			unsigned long long x;

			errno = 0;
			x = strtoull(num, &end, 10);
			if (errno)
				return -1;
			*out = x;
			return 0;
		}
		v *= unit[i].mul;
		if (!(v < 0x1p64))
			return -1;
		*out = (uint64_t)v;
		return 0;
	}
	return -1;
}

int
tune_key_check(const char *key, const json_t *v, int range, char *why, size_t n)
{
	const struct tune_key *k = tune_key(key);
	char cwhy[160];
	uint64_t bytes;
	json_int_t x;

	if (!k) {
		snprintf(why, n, "%.*s: not a key tune-conf knows (tune-conf --keys lists them)", 160, key);
		return -1;
	}
	if (json_is_null(v) && (k->optional || !range))
		return 0;
	switch (k->type) {
	case KT_CHUNKER:
		if (!json_is_string(v)) {
			snprintf(why, n, "%s: expected a string", key);
			return -1;
		}
		if (range && (!*json_string_value(v) ||
		    dag_chunker_check(json_string_value(v), cwhy, sizeof cwhy) < 0)) {
			snprintf(why, n, "%s: expected %s", key, k->range);
			return -1;
		}
		return 0;
	case KT_FLAG:
		if (!json_is_boolean(v)) {
			snprintf(why, n, "%s: expected true, false or null", key);
			return -1;
		}
		return 0;
	case KT_INTEGER:
		if (!json_is_integer(v)) {
			snprintf(why, n, "%s: expected a whole number, %s", key, k->range);
			return -1;
		}
		x = json_integer_value(v);
		if (range && (x < k->min || x > k->max)) {
			snprintf(why, n, "%s: %lld is out of range: expected %s", key, (long long)x, k->range);
			return -1;
		}
		return 0;
	case KT_SIZE:
		if (!json_is_string(v)) {
			snprintf(why, n, "%s: expected a size as a string, such as \"10737418240\" or \"10GB\"", key);
			return -1;
		}
		if (range && (tune_size_parse(json_string_value(v), &bytes) < 0 || bytes < (uint64_t)k->min)) {
			snprintf(why, n, "%s: expected %s", key, k->range);
			return -1;
		}
		return 0;
	default:
		if (!json_is_object(v)) {
			snprintf(why, n, "%s: expected an object", key);
			return -1;
		}
		return 0;
	}
}

void
tune_keys_print(int json, FILE *f)
{
	if (!json)
		fprintf(f, "key\ttype\trange\tdefault\twhen\tjs_ipfs\ttests\n");
	for (size_t i = 0; keys[i].key; i++) {
		const struct tune_key *k = &keys[i];

		if (json) {
			json_t *o = json_pack("{s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:s}", "key", k->key,
			    "type", tune_type_name(k->type), "optional", k->optional, "range", k->range,
			    "default", k->def, "when", tune_when_name(k->when), "js_ipfs", k->js ? k->js : "-",
			    "tests", k->tests);
			char *s = json_dumps(o, JSON_COMPACT);

			fprintf(f, "%s\n", s);
			free(s);
			json_decref(o);
		} else {
			fprintf(f, "%s\t%s%s\t%s\t%s\t%s\t%s\t%s\n", k->key, tune_type_name(k->type),
			    k->optional ? " or null" : "", k->range, k->def, tune_when_name(k->when),
			    k->js ? k->js : "-", k->tests);
		}
	}
}
