/*
 * Unit tests: the config patch without a node (lib/tune/patch.c,
 * lib/tune/node.c): dotted keys in a config and the shortest absent prefix,
 * the secrets never touched, the key table and its types, the two printed
 * forms of a patch (sh quoting) and reading the JSON form back, with
 * file:line errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

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
	char why[128];
	json_t *v;

	CHECK("Import.* takes effect now", tune_key_when("Import.UnixFSChunker") == WHEN_NOW &&
	    tune_key_when("Import.CidVersion") == WHEN_NOW);
	CHECK("the datastore's keys after a restart", tune_key_when("Datastore.BloomFilterSize") == WHEN_RESTART &&
	    tune_key_when("Datastore.StorageMax") == WHEN_RESTART);
	CHECK("the datastore's spec only at init", tune_key_when("Datastore.Spec") == WHEN_INIT);
	CHECK("an unknown key: after a restart (Kubo reads its config at start)",
	    tune_key_when("Swarm.ConnMgr.HighWater") == WHEN_RESTART);
	CHECK_STR("when names", tune_when_name(WHEN_NOW), "now");

	v = json_string("size-65536");
	CHECK("a chunker is a string", tune_key_check("Import.UnixFSChunker", v, why, sizeof why) == 0);
	CHECK("not a size", tune_key_check("Datastore.BloomFilterSize", v, why, sizeof why) < 0);
	CHECK_STR("the reason", why, "Datastore.BloomFilterSize: expected a whole number >= 0");
	json_decref(v);
	v = json_integer(2);
	CHECK("CID version 2 is refused", tune_key_check("Import.CidVersion", v, why, sizeof why) < 0);
	json_decref(v);
	v = json_null();
	CHECK("raw leaves may be null (Kubo's default)", tune_key_check("Import.UnixFSRawLeaves", v, why, sizeof why) == 0);
	v = json_integer(10);
	CHECK("StorageMax is a string", tune_key_check("Datastore.StorageMax", v, why, sizeof why) < 0);
	CHECK("unknown keys are not checked", tune_key_check("Swarm.ConnMgr.HighWater", v, why, sizeof why) == 0);
	json_decref(v);
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
	patch_add(&p, "Gateway.RootRedirect", json_string("it's"), NULL, CUR_UNKNOWN, NULL, NULL);
	json_decref(cur);

	f = open_memstream(&text, &len);
	patch_print(&p, 0, "js-ipfs 0.18.1", f);
	fclose(f);
	CHECK("sh: a typed value in single quotes",
	    strstr(text, "\nipfs config --json Import.UnixFSChunker '\"size-1048576\"'\n") != NULL);
	CHECK("sh: a number", strstr(text, "\nipfs config --json Datastore.BloomFilterSize '128'\n") != NULL);
	CHECK("sh: a quote inside the value", strstr(text, "'\"it'\\''s\"'") != NULL);
	CHECK("sh: the old value and when it takes effect in the comment",
	    strstr(text, "# layout: faster (was \"size-262144\"; takes effect now)\n") != NULL);
	CHECK("sh: an absent old value", strstr(text, "(was absent; takes effect after the daemon restarts)") != NULL);
	free(text);

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
	fputs("{\"key\":\"Identity.PeerID\",\"value\":\"x\"}\n", f);
	fputs("{\"key\":\"Import.CidVersion\",\"value\":1}\n{\"key\":\"Import.CidVersion\",\"value\":0}\n", f);
	fclose(f);
	CHECK("read", patch_read(&q, path) == 0 && q.n == 3);
	CHECK("the identity and a key twice fail the checks", patch_check(&q) < 0);
	patch_free(&q);
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
