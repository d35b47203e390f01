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
 * /https] becomes http(s)://HOST:PORT. HOST must be what the protocol says:
 * a dotted quad, an IPv6 literal, a name of letters, digits, '-' and dots;
 * a URL's host likewise, after at most one user:password@, and no space or
 * control byte anywhere. Returns 0 and writes out, or -1.
 */
int addr_to_url(const char *addr, char *out, size_t outlen);

/*
 * The RPC API credentials for api (the URL in use) as an HTTP Authorization
 * header value, from the file named by auth_file (first line; they go with
 * api) or $IPFS_API_AUTH (they go with the API found without --api:
 * $IPFS_API, the api file, the default; to another origin they are not
 * sent, and a warning says so), in Kubo's --api-auth form
 * "basic:USER:PASSWORD" or "bearer:TOKEN". NULL when none.
 */
char *discover_auth(const char *auth_file, const char *api);
/* The same for the gateway: --gateway-auth-file, or $IPFS_GATEWAY_AUTH for
 * the gateway found without --gateway ($IPFS_GATEWAY, the default). */
char *discover_gateway_auth(const char *auth_file, const char *gateway);

/* "scheme://host:port" of a URL, lower case, without user:password@, the
 * port given or the scheme's: 0, or -1 when url is not one addr_to_url takes. */
int url_origin(const char *url, char *out, size_t n);

/* url with any user:password@ removed, for printing (static buffer). */
const char *url_redact(const char *url);

#endif
