/*
 * Unit tests: the config patch without a node (lib/tune/patch.c,
 * lib/tune/node.c): dotted keys in a config and the shortest absent prefix,
 * the secrets never touched, the key table and its types, the two printed
 * forms of a patch (sh quoting) and reading the JSON form back, with
 * file:line errors.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "tune/keys.h"
#include "tune/node.h"
#include "tune/patch.h"
#include "tap.h"

static void
test_lookup(void)
{
	json_t *cfg = json_loads("{\"Datastore\":{\"BloomFilterSize\":0,\"Spec\":{}},"
	    "\"Swarm\":{\"ConnMgr\":{\"HighWater\":200}}}", 0, NULL);
	char from[64];
	json_t *v;

	v = config_lookup(cfg, "Datastore.BloomFilterSize", from, sizeof from);
	CHECK("a nested key", json_is_integer(v) && json_integer_value(v) == 0);
	CHECK("a whole object", json_is_object(config_lookup(cfg, "Datastore.Spec", NULL, 0)));
	CHECK("an absent leaf", !config_lookup(cfg, "Datastore.StorageMax", from, sizeof from));
	CHECK_STR("absent from the leaf itself", from, "Datastore.StorageMax");
	CHECK("an absent section", !config_lookup(cfg, "Import.UnixFSChunker", from, sizeof from));
	CHECK_STR("absent from the section", from, "Import");
	CHECK("through a number", !config_lookup(cfg, "Swarm.ConnMgr.HighWater.Bad", from, sizeof from));
	CHECK_STR("absent from the part under the number", from, "Swarm.ConnMgr.HighWater.Bad");
	CHECK("no config", !config_lookup(NULL, "Datastore", NULL, 0));
	json_decref(cfg);

	CHECK("the identity is secret", config_secret("Identity") && config_secret("Identity.PrivKey") &&
	    config_secret("identity.peerid"));
	CHECK("API credentials are secret", config_secret("API.Authorizations.alice.AuthSecret"));
	CHECK("pinning service keys are secret", config_secret("Pinning.RemoteServices.x.API.Key"));
	CHECK("a prefix of a name is not a match", !config_secret("IdentityX") && !config_secret("API.HTTPHeaders"));
	CHECK("datastore keys are not secret", !config_secret("Datastore.BloomFilterSize"));
}

static void
test_keys(void)
{
	static const char *const good[][2] = {
		{ "Import.UnixFSChunker", "\"size-65536\"" }, { "Import.UnixFSChunker", "\"rabin-16-32-64\"" },
		{ "Import.UnixFSChunker", "\"buzhash\"" }, { "Import.UnixFSChunker", "null" },
		{ "Import.UnixFSRawLeaves", "null" }, { "Import.CidVersion", "1" },
		{ "Datastore.BloomFilterSize", "0" }, { "Datastore.BlockKeyCacheSize", "200000" },
		{ "Datastore.StorageMax", "\"10GB\"" }, { "Datastore.StorageMax", "\"10737418240\"" },
		{ "Datastore.StorageMax", "\"1.5 TiB\"" }, { "Datastore.StorageGCWatermark", "90" },
	};
	static const char *const bad[][2] = {
		{ "Import.UnixFSChunker", "\"size-1T\"" }, { "Import.UnixFSChunker", "\"rabin-1-1-1\"" },
		{ "Import.UnixFSChunker", "\"rabin-16-32--1\"" }, { "Import.UnixFSChunker", "\"size-0\"" },
		{ "Import.UnixFSChunker", "\"\"" }, { "Import.CidVersion", "2" }, { "Import.CidVersion", "-1" },
		{ "Datastore.BloomFilterSize", "\"big\"" }, { "Datastore.BloomFilterSize", "-1" },
		{ "Datastore.BlockKeyCacheSize", "-9223372036854775808" },
		{ "Datastore.BlockKeyCacheSize", "9000000000000000000" }, { "Datastore.StorageMax", "\"1\"" },
		{ "Datastore.StorageMax", "\"10XB\"" }, { "Datastore.StorageMax", "10" },
		{ "Datastore.StorageMax", "\"999MB\"" }, { "Datastore.StorageGCWatermark", "101" },
		{ "Datastore.BloomFilterSize", "null" },
		{ "Swarm.ConnMgr.HighWater", "1" }, { "Datastore", "{}" }, { "API", "{}" },
		{ "Import.UnixFSChunker.X", "\"size-1\"" },
	};
	char why[256];
	uint64_t u;
	json_t *v;
	int ok;

	CHECK("Import.* takes effect now", tune_key_when("Import.UnixFSChunker") == WHEN_NOW &&
	    tune_key_when("Import.CidVersion") == WHEN_NOW);
	CHECK("the datastore's keys after a restart", tune_key_when("Datastore.BloomFilterSize") == WHEN_RESTART &&
	    tune_key_when("Datastore.StorageMax") == WHEN_RESTART);
	CHECK("the datastore's spec only at init", tune_key_when("Datastore.Spec") == WHEN_INIT);
	CHECK("an unknown key: after a restart (Kubo reads its config at start)",
	    tune_key_when("Swarm.ConnMgr.HighWater") == WHEN_RESTART);
	CHECK("exact names only: no parent, no child, no other case", !tune_key("Datastore") &&
	    !tune_key("Datastore.StorageMax.X") && !tune_key("datastore.storagemax") && !tune_key(""));
	CHECK_STR("when names", tune_when_name(WHEN_NOW), "now");
	for (size_t i = 0; tune_key_at(i); i++)
		CHECK(tune_key_at(i)->key, !config_secret(tune_key_at(i)->key) && tune_key_at(i)->range &&
		    tune_key_at(i)->def && tune_key_at(i)->tests);

	ok = 1;
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		v = json_loads(good[i][1], JSON_DECODE_ANY, NULL);
		if (tune_key_check(good[i][0], v, 1, why, sizeof why) < 0) {
			printf("# refused: %s %s: %s\n", good[i][0], good[i][1], why);
			ok = 0;
		}
		json_decref(v);
	}
	CHECK("values in range pass", ok);
	ok = 1;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		v = json_loads(bad[i][1], JSON_DECODE_ANY, NULL);
		if (tune_key_check(bad[i][0], v, 1, why, sizeof why) == 0) {
			printf("# accepted: %s %s\n", bad[i][0], bad[i][1]);
			ok = 0;
		}
		json_decref(v);
	}
	CHECK("values out of range, of the wrong type, and unknown keys are refused", ok);
	v = json_string("size-1T");
	CHECK("a backup's old value: its type alone", tune_key_check("Import.UnixFSChunker", v, 0, why, sizeof why) == 0);
	json_decref(v);
	v = json_integer(5);
	tune_key_check("Import.UnixFSChunker", v, 1, why, sizeof why);
	CHECK_STR("the reason", why, "Import.UnixFSChunker: expected a string");
	json_decref(v);

	CHECK("size: 10GB", tune_size_parse("10GB", &u) == 0 && u == 10000000000ULL);
	CHECK("size: 10 GiB", tune_size_parse("10 GiB", &u) == 0 && u == 10737418240ULL);
	CHECK("size: bytes, exactly", tune_size_parse("18446744073709551615", &u) == 0 && u == UINT64_MAX);
	CHECK("size: 1.5kb", tune_size_parse("1.5kb", &u) == 0 && u == 1500);
	CHECK("size: refused", tune_size_parse("", &u) < 0 && tune_size_parse("GB", &u) < 0 &&
	    tune_size_parse("-1GB", &u) < 0 && tune_size_parse("1e9", &u) < 0 &&
	    tune_size_parse("20EB", &u) < 0 && tune_size_parse("18446744073709551616", &u) < 0 &&
	    tune_size_parse("1 G B", &u) < 0);
}

static void
test_print_read(void)
{
	char path[] = "/tmp/tune-patch-test.XXXXXX", *text = NULL;
	struct tune_patch p = { 0 }, q;
	json_t *cur = json_string("size-262144");
	size_t len = 0;
	FILE *f;
	int fd;

	patch_add(&p, "Import.UnixFSChunker", json_string("size-1048576"), cur, CUR_SET, "layout", "faster");
	patch_add(&p, "Datastore.BloomFilterSize", json_integer(128), NULL, CUR_ABSENT, "datastore", NULL);
	patch_add(&p, "Datastore.StorageMax", json_string("20GB"), NULL, CUR_UNKNOWN, NULL, NULL);
	json_decref(cur);

	f = open_memstream(&text, &len);
	patch_print(&p, 0, "js-ipfs 0.18.1", f);
	fclose(f);
	CHECK("sh: a typed value in single quotes",
	    strstr(text, "\nipfs config --json 'Import.UnixFSChunker' '\"size-1048576\"'\n") != NULL);
	CHECK("sh: a number", strstr(text, "\nipfs config --json 'Datastore.BloomFilterSize' '128'\n") != NULL);
	CHECK("sh: the old value and when it takes effect in the comment",
	    strstr(text, "# layout: faster (was \"size-262144\"; takes effect now)\n") != NULL);
	CHECK("sh: an absent old value", strstr(text, "(was absent; takes effect after the daemon restarts)") != NULL);
	free(text);
	{
		struct tune_patch x = { 0 };
		char *t = NULL;
		size_t tl = 0;
		FILE *g;

		patch_add(&x, "Datastore.StorageMax", json_string("it's"), NULL, CUR_UNKNOWN, "r\nx",
		    "w\rhy\x7f\x01\n");
		patch_add(&x, "A'b\n$(c)", json_integer(1), NULL, CUR_UNKNOWN, NULL, NULL);
		g = open_memstream(&t, &tl);
		patch_print(&x, 0, "node\nid", g);
		fclose(g);
		CHECK("sh: the key and the value quoted, quotes inside too",
		    strstr(t, "\nipfs config --json 'Datastore.StorageMax' '\"it'\\''s\"'\n") != NULL);
		CHECK("sh: a key not in the table only in a comment",
		    strstr(t, "\n# not a key tune-conf knows, left out: A'b?$(c)\n") != NULL);
		CHECK("sh: control characters in comments folded",
		    strstr(t, "# tune-conf patch for node?id:") && strstr(t, "\n# r?x: w?hy???") &&
		    !strstr(t, "\nx") && !strstr(t, "\r"));
		free(t);
		patch_free(&x);
	}

	fd = mkstemp(path);
	f = fdopen(fd, "w");
	patch_print(&p, 1, NULL, f);
	fputs("# a comment line\n\n", f);
	fclose(f);
	CHECK("the JSON form reads back", patch_read(&q, path) == 0 && q.n == 3);
	CHECK("key, value, state", q.n == 3 && !strcmp(q.c[0].key, "Import.UnixFSChunker") &&
	    json_equal(q.c[0].value, p.c[0].value) && q.c[0].state == CUR_SET &&
	    json_equal(q.c[0].current, p.c[0].current));
	CHECK("absent and unknown states", q.n == 3 && q.c[1].state == CUR_ABSENT && q.c[2].state == CUR_UNKNOWN);
	CHECK("typed values", q.n == 3 && json_is_integer(q.c[1].value) && json_integer_value(q.c[1].value) == 128);
	CHECK("a clean patch passes the checks", patch_check(&q) == 0);
	patch_free(&q);

	f = fopen(path, "w");
	fputs("{\"key\":\"Import.CidVersion\",\"value\":1,\"current_state\":\"maybe\"}\n", f);
	fputs("{\"key\":\"Datastore.BloomFilterSize\",\"value\":1,\"current_state\":\"set\"}\n", f);
	fclose(f);
	CHECK("a bad state and a set state without its value are refused", patch_read(&q, path) < 0);
	patch_free(&q);

	f = fopen(path, "w");
	fputs("{\"key\":\"Import.CidVersion\",\"value\":1}\n{\"key\":\"Import.CidVersion\",\"value\":0}\n", f);
	fclose(f);
	CHECK("read", patch_read(&q, path) == 0 && q.n == 2);
	CHECK("a key twice fails the checks", patch_check(&q) < 0);
	patch_free(&q);
	{
		static const char *const refused[] = {
			"{\"key\":\"Identity.PeerID\",\"value\":\"x\"}",
			"{\"key\":\"API\",\"value\":{\"HTTPHeaders\":{}}}",
			"{\"key\":\"api\",\"value\":{}}",
			"{\"key\":\"Datastore\",\"value\":{\"Spec\":{}}}",
			"{\"key\":\"Datastore.Spec\",\"value\":{}}",
			"{\"key\":\"Datastore.Spec.mounts\",\"value\":[]}",
			"{\"key\":\"Pinning\",\"value\":{}}",
			"{\"key\":\"Datastore.X$(touch${IFS}/tmp/PWNED2)\",\"value\":1}",
			"{\"key\":\"Datastore.StorageMax\",\"value\":\"1\"}",
			"{\"key\":\"Import.UnixFSChunker\",\"value\":\"size-1T\"}",
		};

		for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
			f = fopen(path, "w");
			fprintf(f, "%s\n", refused[i]);
			fclose(f);
			CHECK(refused[i], patch_read(&q, path) == 0 && patch_check(&q) < 0);
			patch_free(&q);
		}
	}
	f = fopen(path, "w");
	fclose(f);
	CHECK("an empty patch is an error", patch_read(&q, path) < 0);
	patch_free(&q);
	unlink(path);
	patch_free(&p);
}

int
main(void)
{
	test_lookup();
	test_keys();
	test_print_read();
	TAP_DONE();
}
