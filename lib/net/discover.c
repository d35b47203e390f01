/* net/discover.c: node discovery (flag, environment, api file, default). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/discover.h"
#include "base/util.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int
addr_to_url(const char *addr, char *out, size_t outlen)
{
	char buf[512], *part[8], *save, *tok;
	const char *scheme = "http";
	int n = 0;
	size_t len;

	if (!strncmp(addr, "http://", 7) || !strncmp(addr, "https://", 8)) {
		len = strlen(addr);
		while (len > 0 && addr[len - 1] == '/')
			len--;
		if (len >= outlen || len <= 8)
			return -1;
		memcpy(out, addr, len);
		out[len] = '\0';
		return 0;
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
	if (strspn(part[3], "0123456789") != strlen(part[3]) || atoi(part[3]) <= 0 ||
	    atoi(part[3]) > 65535)
		return -1;
	if (!strcmp(part[0], "ip6"))
		n = snprintf(out, outlen, "%s://[%s]:%s", scheme, part[1], part[3]);
	else if (!strcmp(part[0], "ip4") || !strcmp(part[0], "dns") ||
	    !strcmp(part[0], "dns4") || !strcmp(part[0], "dns6"))
		n = snprintf(out, outlen, "%s://%s:%s", scheme, part[1], part[3]);
	else
		return -1;
	return n > 0 && (size_t)n < outlen ? 0 : -1;
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

char *
discover_api(const char *flag)
{
	const char *env, *repo, *home;
	char path[1024], *line, *url;

	if (flag && *flag)
		return fromaddr(flag, "--api");
	if ((env = getenv("IPFS_API")) && *env)
		return fromaddr(env, "IPFS_API");
	repo = getenv("IPFS_PATH");
	home = getenv("HOME");
	if (repo && *repo)
		snprintf(path, sizeof path, "%s/api", repo);
	else if (home && *home)
		snprintf(path, sizeof path, "%s/.ipfs/api", home);
	else
		path[0] = '\0';
	if (path[0] && (line = firstline(path))) {
		url = fromaddr(line, path);
		free(line);
		return url;
	}
	return estrdup("http://127.0.0.1:5001");
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

char *
discover_auth(const char *auth_file)
{
	return discover_auth_of("--api-auth-file", auth_file, "IPFS_API_AUTH");
}

char *
discover_auth_of(const char *flag, const char *auth_file, const char *envname)
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
