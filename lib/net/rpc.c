/* net/rpc.c: Kubo RPC API URLs and reply parsing. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "net/rpc.h"
#include "base/util.h"
#include "net/http.h"

char *
rpc_url(const char *base, const char *endpoint, const char *query)
{
	size_t n = strlen(base) + strlen(endpoint) + (query ? strlen(query) : 0) + 16;
	char *u = emalloc(n);

	while (*endpoint == '/')
		endpoint++;
	snprintf(u, n, "%s/api/v0/%s%s%s", base, endpoint,
	    query && *query ? "?" : "", query ? query : "");
	return u;
}

char *
url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = emalloc(3 * strlen(s) + 1), *o = out;

	for (; *s; s++) {
		unsigned char c = *s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c)) {
			*o++ = c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

static json_t *
parse(const char *body)
{
	if (!body || !*body)
		return NULL;
	return json_loads(body, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, NULL);
}

int
rpc_error(const char *body, char *out, size_t n)
{
	json_t *j = parse(body), *msg, *code;
	int rc = -1;

	if (j && json_is_object(j) && (msg = json_object_get(j, "Message")) &&
	    json_is_string(msg)) {
		code = json_object_get(j, "Code");
		if (json_is_integer(code))
			snprintf(out, n, "%s (Code %" JSON_INTEGER_FORMAT ")",
			    json_string_value(msg), json_integer_value(code));
		else
			snprintf(out, n, "%s", json_string_value(msg));
		rc = 0;
	}
	json_decref(j);
	return rc;
}

int
rpc_outcome(const struct http_stat *st, const char *body, char *out, size_t n)
{
	char msg[512];

	out[0] = '\0';
	if (st->curlcode != 0) {
		snprintf(out, n, "%s", st->err);
		return 0;
	}
	if (st->code < 200 || st->code > 299) {
		if (rpc_error(body, msg, sizeof msg) == 0)
			snprintf(out, n, "HTTP %ld: %s", st->code, msg);
		else
			snprintf(out, n, "HTTP %ld", st->code);
		return 0;
	}
	if (st->err[0]) {
		snprintf(out, n, "%s", st->err);
		return 0;
	}
	return 1;
}

int
rpc_add_root(const char *body, char *cid, size_t n)
{
	const char *p = body;
	json_t *j, *h;
	json_error_t e;
	int found = 0;

	while (p && *p) {
		while (*p == '\n' || *p == '\r' || *p == ' ')
			p++;
		if (!*p)
			break;
		j = json_loads(p, JSON_DISABLE_EOF_CHECK, &e);
		if (!j) {
			snprintf(cid, n, "malformed add reply: %s", e.text);
			return -1;
		}
		if (json_is_object(j) && (h = json_object_get(j, "Hash")) &&
		    json_is_string(h)) {
			snprintf(cid, n, "%s", json_string_value(h));
			found = 1;
		}
		json_decref(j);
		p += e.position;
	}
	if (!found)
		snprintf(cid, n, "add reply names no Hash");
	return found ? 0 : -1;
}

int
rpc_str(const char *body, const char *key, char *out, size_t n)
{
	json_t *j = parse(body), *v;
	int rc = -1;

	if (j && json_is_object(j) && (v = json_object_get(j, key))) {
		rc = 0;
		if (json_is_object(v) && json_object_size(v) == 1 && json_object_get(v, "/"))
			v = json_object_get(v, "/");	/* an IPLD link: its CID */
		if (json_is_string(v))
			snprintf(out, n, "%s", json_string_value(v));
		else if (json_is_integer(v))
			snprintf(out, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		else if (json_is_real(v))
			snprintf(out, n, "%g", json_real_value(v));
		else
			rc = -1;
	}
	json_decref(j);
	return rc;
}

int
rpc_int(const char *body, const char *key, int64_t *out)
{
	char buf[64], *end;

	if (rpc_str(body, key, buf, sizeof buf) < 0)
		return -1;
	*out = strtoll(buf, &end, 10);
	return *end || end == buf ? -1 : 0;
}

int
rpc_is_json(const char *body, int whole)
{
	json_t *j;

	body += strspn(body, " \t\r\n");
	if (!whole)
		return *body == '{' || *body == '[';
	if (!(j = parse(body)))
		return 0;
	json_decref(j);
	return 1;
}

/* The Kubo RPC endpoints that only read the node (its RPC reference):
 * sorted, for bsearch. */
static const char *const reading[] = {
	"bitswap/ledger", "bitswap/stat", "bitswap/wantlist", "block/get", "block/stat",
	"bootstrap/list", "cat", "cid/base32", "cid/bases", "cid/codecs", "cid/format",
	"cid/hashes", "commands", "config/show", "dag/export", "dag/get", "dag/resolve",
	"dag/stat", "dht/query", "diag/cmds", "diag/sys", "dns", "files/ls", "files/read",
	"files/stat", "filestore/dups", "filestore/ls", "filestore/verify", "get", "id",
	"key/list", "log/ls", "ls", "multibase/list", "name/pubsub/state", "name/pubsub/subs",
	"name/resolve", "object/data", "object/get", "object/links", "object/stat", "p2p/ls",
	"p2p/stream/ls", "pin/ls", "pin/remote/ls", "pin/remote/service/ls", "ping",
	"pubsub/ls", "pubsub/peers", "refs", "refs/local", "repo/stat", "repo/verify",
	"repo/version", "resolve", "routing/findpeer", "routing/findprovs", "routing/get",
	"stats/bitswap", "stats/bw", "stats/dht", "stats/provide", "stats/repo", "swarm/addrs",
	"swarm/addrs/listen", "swarm/addrs/local", "swarm/filters", "swarm/peering/ls",
	"swarm/peers", "version", "version/deps",
};

static int
bystr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
rpc_reads_only(const char *endpoint)
{
	char name[64];
	const char *key = name;
	size_t k = strcspn(endpoint, "?");

	if (k >= sizeof name)
		return 0;
	memcpy(name, endpoint, k);
	name[k] = '\0';
	return bsearch(&key, reading, sizeof reading / sizeof *reading, sizeof *reading,
	    bystr) != NULL;
}
