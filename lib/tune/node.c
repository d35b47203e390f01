/* tune/node.c: the node's state and config through the RPC API (tune/node.h). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tune/node.h"
#include "base/util.h"
#include "net/discover.h"
#include "net/rpc.h"

/* POST endpoint?query, with upload (when not NULL) as the multipart file
 * "file"; the reply parsed into *out when out is not NULL. */
static int
perform(struct tune_node *n, const char *endpoint, const char *query, const char *upload,
    size_t flags, json_t **out, char *err, size_t len)
{
	char *url = rpc_url(n->api, endpoint, query), why[512];
	struct http_stat st;
	json_error_t je;
	int rc = 0;

	http_req_setup(&n->req, "POST", url, SIZE_MAX, NULL, NULL);
	if (upload) {
		curl_mimepart *part = curl_mime_addpart(http_req_mime(&n->req));

		curl_mime_name(part, "file");
		curl_mime_filename(part, "config");
		curl_mime_type(part, "application/json");
		curl_mime_data(part, upload, CURL_ZERO_TERMINATED);
	}
	http_perform(&n->req, &st);
	free(url);
	if (!rpc_outcome(&st, n->req.body, why, sizeof why)) {
		snprintf(err, len, "%s: %s", endpoint, why);
		rc = -1;
	} else if (out && !(*out = json_loads(n->req.body ? n->req.body : "", JSON_DECODE_ANY | flags, &je))) {
		snprintf(err, len, "%s: the reply is not JSON: %s", endpoint, je.text);
		rc = -1;
	}
	if (n->req.body)
		memset(n->req.body, 0, n->req.len);	/* config/show may hold a key */
	return rc;
}

int
node_call(struct tune_node *n, const char *endpoint, const char *query, json_t **out,
    char *err, size_t len)
{
	return perform(n, endpoint, query, NULL, 0, out, err, len);
}

/* A count given as a number (Kubo: up to 2^64 - 1, read as a real) or as a
 * string (js-ipfs), at most INT64_MAX: -1 when neither. */
static int64_t
jint(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	char *end;
	long long x;

	if (json_is_integer(v))
		return json_integer_value(v);
	if (json_is_real(v))
		return json_real_value(v) >= 9.2e18 ? INT64_MAX : json_real_value(v) >= 0 ?
		    (int64_t)json_real_value(v) : -1;
	if (!json_is_string(v))
		return -1;
	errno = 0;
	x = strtoll(json_string_value(v), &end, 10);
	if (errno == ERANGE && x > 0)
		return INT64_MAX;
	return *end || end == json_string_value(v) ? -1 : x;
}

int
node_open(struct tune_node *n, const char *api, const char *auth, double timeout, char *err,
    size_t len)
{
	const char *ver;
	json_t *v;

	memset(n, 0, sizeof *n);
	n->api = estrdup(api);
	n->http.timeout = timeout;
	n->http.connect_timeout = 10;
	n->http.auth = auth;
	n->objects = n->repo_size = n->storage_max = -1;
	http_req_init(&n->req, &n->http);
	if (node_call(n, "version", NULL, &v, err, len) < 0)
		return -1;
	ver = json_string_value(json_object_get(v, "Version"));
	snprintf(n->version, sizeof n->version, "%s", ver ? ver : "?");
	if (json_object_get(v, "Golang") || json_object_get(v, "System"))
		n->impl = IMPL_KUBO;
	else if (json_object_get(v, "ipfs-core"))
		n->impl = IMPL_JS;
	snprintf(n->name, sizeof n->name, "%s %s", n->impl == IMPL_KUBO ? "Kubo" :
	    n->impl == IMPL_JS ? "js-ipfs" : "an IPFS node, version", n->version);
	json_decref(v);
	return 0;
}

void
node_close(struct tune_node *n)
{
	http_req_free(&n->req);
	json_decref(n->config);
	free(n->api);
	memset(n, 0, sizeof *n);
}

int
node_config(struct tune_node *n, char *err, size_t len)
{
	json_decref(n->config);
	n->config = NULL;
	if (node_call(n, "config/show", NULL, &n->config, err, len) < 0)
		return -1;
	if (!json_is_object(n->config)) {
		snprintf(err, len, "config/show: the reply is not a JSON object");
		return -1;
	}
	return 0;
}

int
node_state(struct tune_node *n, char *err, size_t len)
{
	json_t *st;

	if (node_config(n, err, len) < 0)
		return -1;
	/* Kubo's unlimited StorageMax is 2^64 - 1: too big for an integer */
	if (perform(n, "repo/stat", NULL, NULL, JSON_DECODE_INT_AS_REAL, &st, err, len) < 0)
		return -1;
	n->objects = jint(st, "NumObjects");
	n->repo_size = jint(st, "RepoSize");
	n->storage_max = jint(st, "StorageMax");
	json_decref(st);
	return 0;
}

int
node_get(struct tune_node *n, const char *key, json_t **out, char *err, size_t len)
{
	char *esc = url_escape(key), *q = emalloc(strlen(esc) + 8);
	json_t *r = NULL, *v;
	int rc;

	sprintf(q, "arg=%s", esc);
	rc = node_call(n, "config", q, &r, err, len);
	free(esc);
	free(q);
	if (rc < 0)
		return -1;
	if (!json_is_object(r) || !(v = json_object_get(r, "Value"))) {
		snprintf(err, len, "config %s: the reply has no Value", key);
		json_decref(r);
		return -1;
	}
	*out = json_incref(v);
	json_decref(r);
	return 0;
}

int
node_set(struct tune_node *n, const char *key, const json_t *value, char *err, size_t len)
{
	char *js = json_dumps(value, JSON_ENCODE_ANY | JSON_COMPACT), *ek, *ev, *q;
	json_t *r = NULL;
	int rc;

	if (!js)
		eprintf("out of memory");
	ek = url_escape(key);
	ev = url_escape(js);
	q = emalloc(strlen(ek) + strlen(ev) + 32);
	sprintf(q, "arg=%s&arg=%s&json=true", ek, ev);
	rc = node_call(n, "config", q, &r, err, len);
	json_decref(r);
	free(js);
	free(ek);
	free(ev);
	free(q);
	return rc;
}

int
node_replace(struct tune_node *n, const json_t *config, char *err, size_t len)
{
	char *js = json_dumps(config, JSON_COMPACT);
	int rc;

	if (!js)
		eprintf("out of memory");
	rc = perform(n, "config/replace", NULL, js, 0, NULL, err, len);
	memset(js, 0, strlen(js));
	free(js);
	return rc;
}

int
node_has_profile(struct tune_node *n, const char *profile)
{
	char err[256];
	json_t *l, *p;
	size_t i;
	int found = 0;

	if (node_call(n, "config/profile/list", NULL, &l, err, sizeof err) < 0)
		return -1;
	json_array_foreach(l, i, p) {
		const char *name = json_string_value(json_object_get(p, "Name"));

		if (name && !strcmp(name, profile))
			found = 1;
	}
	json_decref(l);
	return found;
}

int
node_profile_dry_run(struct tune_node *n, const char *profile, json_t **old, json_t **new,
    char *err, size_t len)
{
	char *esc = url_escape(profile), *q = emalloc(strlen(esc) + 24);
	json_t *r = NULL;
	int rc;

	sprintf(q, "arg=%s&dry-run=true", esc);
	rc = node_call(n, "config/profile/apply", q, &r, err, len);
	free(esc);
	free(q);
	if (rc < 0)
		return -1;
	*old = json_incref(json_object_get(r, "OldCfg"));
	*new = json_incref(json_object_get(r, "NewCfg"));
	json_decref(r);
	if (!json_is_object(*old) || !json_is_object(*new)) {
		json_decref(*old);
		json_decref(*new);
		snprintf(err, len, "config/profile/apply: no OldCfg and NewCfg in the reply");
		return -1;
	}
	return 0;
}

json_t *
config_lookup(const json_t *config, const char *key, char *absent_from, size_t len)
{
	const json_t *v = config;
	const char *p = key, *dot;
	char part[256];

	for (;;) {
		size_t n;

		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		snprintf(part, sizeof part, "%.*s", (int)n, p);
		if (!json_is_object(v) || !(v = json_object_get(v, part))) {
			if (absent_from)
				snprintf(absent_from, len, "%.*s", (int)(p + n - key), key);
			return NULL;
		}
		if (!dot)
			return (json_t *)v;
		p = dot + 1;
	}
}

int
config_secret(const char *key)
{
	static const char *const secret[] = { "Identity", "API.Authorizations",
		"Pinning.RemoteServices", NULL };
	size_t k = strlen(key);

	for (size_t i = 0; secret[i]; i++) {
		size_t n = strlen(secret[i]);

		/* the secret, a key inside it, or a parent holding it */
		if ((k >= n && !strncasecmp(key, secret[i], n) && (key[n] == '\0' || key[n] == '.')) ||
		    (k < n && k > 0 && !strncasecmp(key, secret[i], k) && secret[i][k] == '.'))
			return 1;
	}
	return 0;
}
