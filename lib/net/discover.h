/* net/discover.h: finding the node's RPC API and gateway, and API credentials. */
#ifndef DISCOVER_H
#define DISCOVER_H

#include <stddef.h>

/*
 * The RPC API base URL (no trailing slash), in DESIGN.md's order: flag
 * (URL or multiaddr), $IPFS_API, the "api" file in $IPFS_PATH or ~/.ipfs,
 * then http://127.0.0.1:5001. Returns a new string; a malformed flag or
 * variable is a usage error naming its source.
 */
char *discover_api(const char *flag);

/* The gateway base URL: flag, $IPFS_GATEWAY, then http://127.0.0.1:8080. */
char *discover_gateway(const char *flag);

/*
 * Convert an address to a base URL: "http://h:p" stays as it is (minus a
 * trailing slash); a multiaddr /ip4|ip6|dns|dns4|dns6/HOST/tcp/PORT[/http|
 * /https] becomes http(s)://HOST:PORT. Returns 0 and writes out, or -1.
 */
int addr_to_url(const char *addr, char *out, size_t outlen);

/*
 * The RPC API credentials as an HTTP Authorization header value, from
 * $IPFS_API_AUTH or the file named by auth_file (first line), in Kubo's
 * --api-auth form "basic:USER:PASSWORD" or "bearer:TOKEN". NULL when none.
 */
char *discover_auth(const char *auth_file);
/* The same for another server: flag names the option in messages, envname
 * the variable read when auth_file is NULL ($IPFS_GATEWAY_AUTH...). */
char *discover_auth_of(const char *flag, const char *auth_file, const char *envname);

/* url with any user:password@ removed, for printing (static buffer). */
const char *url_redact(const char *url);

#endif
