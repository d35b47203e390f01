/* net/discover.c: node discovery (flag, environment, api file, default). */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/discover.h"
#include "base/util.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* A host name: labels of letters, digits and '-', joined by dots. */
static int
hostname_ok(const char *h, size_t len)
{
	size_t label = 0;

	if (len == 0 || len > 253)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = h[i];

		if (c == '.') {
			if (label == 0)
				return 0;
			label = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-') {
			if (++label > 63)
				return 0;
		} else {
			return 0;
		}
	}
	return label > 0 || h[len - 1] == '.';
}

/* kind 4: a dotted quad; 6: an IPv6 literal; 'd': a host name. */
static int
host_ok(int kind, const char *h, size_t len)
{
	char buf[256];
	unsigned char addr[16];

	if (len == 0 || len >= sizeof buf)
		return 0;
	memcpy(buf, h, len);
	buf[len] = '\0';
	if (kind == 4)
		return inet_pton(AF_INET, buf, addr) == 1;
	if (kind == 6)
		return inet_pton(AF_INET6, buf, addr) == 1;
	return hostname_ok(buf, len);
}

static int
port_ok(const char *p, size_t len)
{
	long v = 0;

	if (len == 0 || len > 5)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		v = v * 10 + (p[i] - '0');
	}
	return v > 0 && v <= 65535;
}

/* An http(s) URL whose host is an IP literal or a host name, with at most
 * one user:password@ before it and no space or control byte anywhere:
 * where the host part begins and ends in *host, *hostlen (brackets kept). */
static int
url_parts(const char *url, const char **host, size_t *hostlen, const char **port,
    size_t *portlen)
{
	const char *a = strstr(url, "://"), *end, *at, *h, *colon;

	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f || *p == '\\')
			return -1;
	if (!a)
		return -1;
	a += 3;
	end = a + strcspn(a, "/?#");
	at = memchr(a, '@', end - a);
	if (at && memchr(at + 1, '@', end - at - 1))
		return -1;
	h = at ? at + 1 : a;
	if (*h == '[') {
		const char *rb = memchr(h, ']', end - h);

		if (!rb || !host_ok(6, h + 1, rb - h - 1))
			return -1;
		colon = rb + 1 < end ? rb + 1 : NULL;
		if (colon && *colon != ':')
			return -1;
		*hostlen = rb + 1 - h;
	} else {
		colon = memchr(h, ':', end - h);
		*hostlen = (colon ? colon : end) - h;
		if (strspn(h, "0123456789.") >= *hostlen) {
			if (!host_ok(4, h, *hostlen))
				return -1;
		} else if (!host_ok('d', h, *hostlen)) {
			return -1;
		}
	}
	*host = h;
	*port = colon ? colon + 1 : NULL;
	*portlen = colon ? (size_t)(end - colon - 1) : 0;
	if (colon && !port_ok(*port, *portlen))
		return -1;
	return 0;
}

int
addr_to_url(const char *addr, char *out, size_t outlen)
{
	char buf[512], *part[8], *save, *tok;
	const char *scheme = "http", *h, *p;
	int n = 0, kind;
	size_t len, hl, pl;

	if (!strncmp(addr, "http://", 7) || !strncmp(addr, "https://", 8)) {
		len = strlen(addr);
		while (len > 0 && addr[len - 1] == '/')
			len--;
		if (len >= outlen || len <= 8)
			return -1;
		memcpy(out, addr, len);
		out[len] = '\0';
		return url_parts(out, &h, &hl, &p, &pl);
	}
	if (addr[0] != '/' || strlen(addr) >= sizeof buf)
		return -1;
	strcpy(buf, addr);
	for (tok = strtok_r(buf, "/", &save); tok && n < 8; tok = strtok_r(NULL, "/", &save))
		part[n++] = tok;
	if (n < 4 || n > 5 || strcmp(part[2], "tcp") != 0)
		return -1;
	if (n == 5) {
		if (!strcmp(part[4], "https"))
			scheme = "https";
		else if (strcmp(part[4], "http") != 0)
			return -1;
	}
	if (!port_ok(part[3], strlen(part[3])))
		return -1;
	kind = !strcmp(part[0], "ip4") ? 4 : !strcmp(part[0], "ip6") ? 6 :
	    !strcmp(part[0], "dns") || !strcmp(part[0], "dns4") || !strcmp(part[0], "dns6") ?
	    'd' : 0;
	if (!kind || !host_ok(kind, part[1], strlen(part[1])))
		return -1;
	if (kind == 6)
		n = snprintf(out, outlen, "%s://[%s]:%s", scheme, part[1], part[3]);
	else
		n = snprintf(out, outlen, "%s://%s:%s", scheme, part[1], part[3]);
	return n > 0 && (size_t)n < outlen ? 0 : -1;
}

int
url_origin(const char *url, char *out, size_t n)
{
	const char *h, *p;
	size_t hl, pl;
	int https = !strncmp(url, "https://", 8), k;

	if (url_parts(url, &h, &hl, &p, &pl) < 0)
		return -1;
	k = snprintf(out, n, "%s://%.*s:%.*s", https ? "https" : "http", (int)hl, h,
	    p ? (int)pl : 3, p ? p : https ? "443" : "80");
	for (int i = 0; i < k && (size_t)i < n; i++)
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] += 'a' - 'A';
	return k > 0 && (size_t)k < n ? 0 : -1;
}

static char *
fromaddr(const char *addr, const char *source)
{
	char url[600];

	if (addr_to_url(addr, url, sizeof url) < 0)
		usageerr("%s: not a URL or /ip4|ip6|dns/HOST/tcp/PORT multiaddr: %s",
		    source, addr);
	return estrdup(url);
}

/* First line of path, or NULL when the file does not exist. */
static char *
firstline(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		return NULL;
	n = getline(&line, &cap, f);
	fclose(f);
	if (n <= 0) {
		free(line);
		return NULL;
	}
	if (memchr(line, '\0', n))
		eprintf("%s: not a line of text (it holds a NUL byte)", path);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
		line[--n] = '\0';
	return line;
}

/* The API found without --api: $IPFS_API, the api file in $IPFS_PATH or
 * ~/.ipfs, the default. With strict, a malformed one is a usage error; else
 * NULL. */
static char *
home_api(int strict)
{
	const char *env, *repo, *home;
	char path[1024], url[600], *line;
	int rc;

	if ((env = getenv("IPFS_API")) && *env)
		return strict ? fromaddr(env, "IPFS_API") :
		    addr_to_url(env, url, sizeof url) < 0 ? NULL : estrdup(url);
	repo = getenv("IPFS_PATH");
	home = getenv("HOME");
	if (repo && *repo)
		snprintf(path, sizeof path, "%s/api", repo);
	else if (home && *home)
		snprintf(path, sizeof path, "%s/.ipfs/api", home);
	else
		path[0] = '\0';
	if (path[0] && (line = firstline(path))) {
		if (strict) {
			char *u = fromaddr(line, path);

			free(line);
			return u;
		}
		rc = addr_to_url(line, url, sizeof url);
		free(line);
		return rc < 0 ? NULL : estrdup(url);
	}
	return estrdup("http://127.0.0.1:5001");
}

char *
discover_api(const char *flag)
{
	if (flag && *flag)
		return fromaddr(flag, "--api");
	return home_api(1);
}

char *
discover_gateway(const char *flag)
{
	const char *env;

	if (flag && *flag)
		return fromaddr(flag, "--gateway");
	if ((env = getenv("IPFS_GATEWAY")) && *env)
		return fromaddr(env, "IPFS_GATEWAY");
	return estrdup("http://127.0.0.1:8080");
}

static char *
base64(const char *s)
{
	size_t n = strlen(s), i, o = 0;
	char *out = emalloc(4 * (n / 3 + 1) + 1);

	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned char)s[i] << 16 | (unsigned char)s[i + 1] << 8 |
		    (unsigned char)s[i + 2];
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = b64[v >> 6 & 63];
		out[o++] = b64[v & 63];
	}
	if (i < n) {
		unsigned v = (unsigned char)s[i] << 16;

		if (i + 1 < n)
			v |= (unsigned char)s[i + 1] << 8;
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return out;
}

static char *secret_header(const char *flag, const char *auth_file, const char *envname);

/*
 * The credentials of envname are for the server found without a flag
 * (home): sent to url only when url has home's origin (scheme, host and
 * port); else said once and dropped. A file's go with url, the server of
 * the command line they came with.
 */
static char *
bound(const char *flag, const char *auth_file, const char *envname, const char *url,
    char *home)
{
	char to[600], of[600];
	const char *env = getenv(envname);
	int same;

	if (auth_file || !env || !*env) {
		free(home);
		return secret_header(flag, auth_file, envname);
	}
	same = home && url_origin(url, to, sizeof to) == 0 &&
	    url_origin(home, of, sizeof of) == 0 && !strcmp(to, of);
	if (!same) {
		if (url_origin(url, to, sizeof to) < 0)
			snprintf(to, sizeof to, "%s", url_redact(url));
		if (!home || url_origin(home, of, sizeof of) < 0)
			snprintf(of, sizeof of, "the server it names (unreadable)");
		weprintf("$%s is for %s, not sent to %s: give that server's credentials with %s",
		    envname, of, to, flag);
	}
	free(home);
	return same ? secret_header(flag, NULL, envname) : NULL;
}

char *
discover_auth(const char *auth_file, const char *api)
{
	return bound("--api-auth-file", auth_file, "IPFS_API_AUTH", api, home_api(0));
}

char *
discover_gateway_auth(const char *auth_file, const char *gateway)
{
	const char *env = getenv("IPFS_GATEWAY");
	char url[600], *home = NULL;

	if (!env || !*env)
		home = estrdup("http://127.0.0.1:8080");
	else if (addr_to_url(env, url, sizeof url) == 0)
		home = estrdup(url);
	return bound("--gateway-auth-file", auth_file, "IPFS_GATEWAY_AUTH", gateway, home);
}

static char *
secret_header(const char *flag, const char *auth_file, const char *envname)
{
	char *secret = NULL, *hdr, *enc;
	const char *env;
	size_t n;

	if (auth_file) {
		if (!(secret = firstline(auth_file)))
			usageerr("%s: cannot read %s", flag, auth_file);
	} else if ((env = getenv(envname)) && *env) {
		secret = estrdup(env);
	} else {
		return NULL;
	}
	if (!strncmp(secret, "basic:", 6) && strchr(secret + 6, ':')) {
		enc = base64(secret + 6);
		n = strlen(enc) + 32;
		hdr = emalloc(n);
		snprintf(hdr, n, "Basic %s", enc);
		free(enc);
	} else if (!strncmp(secret, "bearer:", 7)) {
		n = strlen(secret) + 32;
		hdr = emalloc(n);
		snprintf(hdr, n, "Bearer %s", secret + 7);
	} else {
		free(secret);
		usageerr("%s: credentials must be basic:USER:PASSWORD or bearer:TOKEN",
		    auth_file ? flag : envname);
	}
	memset(secret, 0, strlen(secret));
	free(secret);
	return hdr;
}

const char *
url_redact(const char *url)
{
	static char buf[600];
	const char *p = strstr(url, "://"), *at, *slash;

	snprintf(buf, sizeof buf, "%s", url);
	if (!p)
		return buf;
	p += 3;
	at = strchr(p, '@');
	slash = strchr(p, '/');
	if (at && (!slash || at < slash))
		snprintf(buf, sizeof buf, "%.*s%s", (int)(p - url), url, at + 1);
	return buf;
}
