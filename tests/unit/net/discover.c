/* Unit tests: node discovery (URLs, multiaddrs, the api file, precedence)
 * and API credentials. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "net/discover.h"
#include "tap.h"

static void
url(const char *in, const char *want)
{
	char out[256], name[300];
	int rc = addr_to_url(in, out, sizeof out);

	snprintf(name, sizeof name, "addr_to_url %s", in);
	if (want)
		CHECK_STR(name, rc == 0 ? out : "(error)", want);
	else
		CHECK(name, rc < 0);
}

int
main(void)
{
	char dir[] = "/tmp/ipfsperf-disc.XXXXXX", path[300];
	char *s;
	FILE *f;

	url("http://127.0.0.1:5001", "http://127.0.0.1:5001");
	url("http://127.0.0.1:5001/", "http://127.0.0.1:5001");
	url("https://node.example:443", "https://node.example:443");
	url("/ip4/127.0.0.1/tcp/5001", "http://127.0.0.1:5001");
	url("/ip4/10.0.0.2/tcp/5001/http", "http://10.0.0.2:5001");
	url("/ip6/::1/tcp/5001", "http://[::1]:5001");
	url("/dns/node.example/tcp/443/https", "https://node.example:443");
	url("/dns4/localhost/tcp/8080", "http://localhost:8080");
	url("/ip4/127.0.0.1/udp/5001", NULL);
	url("/ip4/127.0.0.1/tcp/99999", NULL);
	url("/ip4/127.0.0.1/tcp/50x1", NULL);
	url("/ip4/127.0.0.1", NULL);
	url("/unix/tmp/sock/tcp/1", NULL);
	url("localhost:5001", NULL);
	url("http://", NULL);
	/* the host is what the protocol says, nothing else (issue 20, 10) */
	url("/ip4/a@evil/tcp/5001", NULL);
	url("/ip4/127.0.0.1@evil/tcp/5001", NULL);
	url("/ip4/256.0.0.1/tcp/5001", NULL);
	url("/ip4/node.example/tcp/5001", NULL);
	url("/ip6/evil/tcp/5001", NULL);
	url("/ip6/::1]:1@evil[/tcp/5001", NULL);
	url("/dns/a@evil/tcp/5001", NULL);
	url("/dns/a:1/tcp/5001", NULL);
	url("/dns/a..b/tcp/5001", NULL);
	url("/dns/a%2fb/tcp/5001", NULL);
	url("/dns4/a b/tcp/5001", NULL);
	url("http://a@b@evil:5001", NULL);
	url("http://good\\@evil:5001", NULL);
	url("http://evil:5001 x", NULL);
	url("http://evil:5001/\x01", NULL);
	url("http://ev_il:5001", NULL);
	url("http://1.2.3.999:5001", NULL);
	url("http://[zz::1]:5001", NULL);
	url("http://[::1]x:5001", NULL);
	url("http://host:0", NULL);
	url("http://host:65536", NULL);
	url("http://host:50a1", NULL);
	url("http://u:p@host:1/x", "http://u:p@host:1/x");
	url("http://[::1]:5001", "http://[::1]:5001");
	url("http://127.0.0.1:5001/FAULT", "http://127.0.0.1:5001/FAULT");
	url("https://Node-1.example", "https://Node-1.example");

	if (!mkdtemp(dir))
		eprintf("mkdtemp:");
	unsetenv("IPFS_API");
	unsetenv("IPFS_GATEWAY");
	setenv("IPFS_PATH", dir, 1);
	s = discover_api(NULL);
	CHECK_STR("default api without an api file", s, "http://127.0.0.1:5001");
	free(s);
	snprintf(path, sizeof path, "%s/api", dir);
	f = fopen(path, "w");
	fputs("/ip4/127.0.0.1/tcp/45005\n", f);
	fclose(f);
	s = discover_api(NULL);
	CHECK_STR("api file in IPFS_PATH", s, "http://127.0.0.1:45005");
	free(s);
	setenv("IPFS_API", "/ip4/127.0.0.1/tcp/6001", 1);
	s = discover_api(NULL);
	CHECK_STR("IPFS_API over the api file", s, "http://127.0.0.1:6001");
	free(s);
	s = discover_api("http://127.0.0.1:7001/");
	CHECK_STR("--api over IPFS_API", s, "http://127.0.0.1:7001");
	free(s);
	s = discover_gateway(NULL);
	CHECK_STR("default gateway", s, "http://127.0.0.1:8080");
	free(s);
	setenv("IPFS_GATEWAY", "/ip4/127.0.0.1/tcp/9090", 1);
	s = discover_gateway(NULL);
	CHECK_STR("IPFS_GATEWAY multiaddr", s, "http://127.0.0.1:9090");
	free(s);
	unlink(path);
	rmdir(dir);

	unsetenv("IPFS_API_AUTH");
	CHECK("no credentials", discover_auth(NULL, "http://127.0.0.1:6001") == NULL);
	setenv("IPFS_API_AUTH", "basic:Aladdin:open sesame", 1);
	s = discover_auth(NULL, "http://127.0.0.1:6001");
	CHECK_STR("basic credentials (RFC 7617's example)", s, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
	free(s);
	setenv("IPFS_API_AUTH", "bearer:tok3n", 1);
	s = discover_auth(NULL, "http://127.0.0.1:6001");
	CHECK_STR("bearer credentials", s, "Bearer tok3n");
	free(s);
	s = discover_auth(NULL, "http://127.0.0.1:7001");
	CHECK("$IPFS_API_AUTH is not sent to another port", s == NULL);
	s = discover_auth(NULL, "http://localhost:6001");
	CHECK("  nor another host", s == NULL);
	s = discover_auth(NULL, "https://127.0.0.1:6001");
	CHECK("  nor another scheme", s == NULL);
	s = discover_auth(NULL, "http://u:p@127.0.0.1:6001/sub");
	CHECK_STR("  but goes to its own origin, any path", s, "Bearer tok3n");
	free(s);
	{
		char tmpl[] = "/tmp/ipfsperf-auth.XXXXXX";
		int fd = mkstemp(tmpl);

		if (fd < 0 || write(fd, "bearer:fromfile\n", 16) != 16)
			eprintf("mkstemp:");
		close(fd);
		s = discover_auth(tmpl, "http://127.0.0.1:7001");
		CHECK_STR("--api-auth-file goes with the --api given", s, "Bearer fromfile");
		free(s);
		unlink(tmpl);
	}
	unsetenv("IPFS_GATEWAY");
	setenv("IPFS_GATEWAY_AUTH", "bearer:gw", 1);
	s = discover_gateway_auth(NULL, "http://127.0.0.1:8080");
	CHECK_STR("$IPFS_GATEWAY_AUTH to the default gateway", s, "Bearer gw");
	free(s);
	s = discover_gateway_auth(NULL, "http://127.0.0.1:9999");
	CHECK("  not to another", s == NULL);
	{
		char o[100];

		CHECK_STR("origin: default port, lower case, no user", url_origin("HTTP://u:p@Host.Example/x", o, sizeof o) == 0 ? o : "(error)", "http://host.example:80");
		CHECK_STR("origin: https", url_origin("https://[::1]/x", o, sizeof o) == 0 ? o : "(error)", "https://[::1]:443");
	}
	CHECK_STR("redact user:password", url_redact("http://u:p@host:1/x"), "http://host:1/x");
	CHECK_STR("redact nothing", url_redact("http://host:1/a@b"), "http://host:1/a@b");
	TAP_DONE();
}
