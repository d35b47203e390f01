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
	CHECK("no credentials", discover_auth(NULL) == NULL);
	setenv("IPFS_API_AUTH", "basic:Aladdin:open sesame", 1);
	s = discover_auth(NULL);
	CHECK_STR("basic credentials (RFC 7617's example)", s, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
	free(s);
	setenv("IPFS_API_AUTH", "bearer:tok3n", 1);
	s = discover_auth(NULL);
	CHECK_STR("bearer credentials", s, "Bearer tok3n");
	free(s);
	CHECK_STR("redact user:password", url_redact("http://u:p@host:1/x"), "http://host:1/x");
	CHECK_STR("redact nothing", url_redact("http://host:1/a@b"), "http://host:1/a@b");
	TAP_DONE();
}
