/* Unit tests: Kubo RPC replies: error objects, add's NDJSON stream, values. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/http.h"
#include "net/rpc.h"
#include "tap.h"

int
main(void)
{
	char out[256], *u;
	int64_t v;
	struct http_stat st;

	CHECK("error object", rpc_error("{\"Message\":\"merkledag: not found\",\"Code\":0,\"Type\":\"error\"}",
	    out, sizeof out) == 0);
	CHECK_STR("error message and code", out, "merkledag: not found (Code 0)");
	CHECK("error object without Code", rpc_error("{\"Message\":\"x\"}", out, sizeof out) == 0 &&
	    !strcmp(out, "x"));
	CHECK("not an error object", rpc_error("{\"Version\":\"0.1\"}", out, sizeof out) < 0);
	CHECK("not JSON", rpc_error("<html>500</html>", out, sizeof out) < 0);
	CHECK("empty body", rpc_error("", out, sizeof out) < 0);

	CHECK("add reply with progress lines",
	    rpc_add_root("{\"Name\":\"f\",\"Bytes\":262144}\n{\"Name\":\"f\",\"Hash\":\"QmA\",\"Size\":\"10\"}\n",
	    out, sizeof out) == 0 && !strcmp(out, "QmA"));
	CHECK("add reply: the last Hash is the root",
	    rpc_add_root("{\"Name\":\"a\",\"Hash\":\"QmA\"}\n{\"Name\":\"\",\"Hash\":\"QmRoot\"}\n",
	    out, sizeof out) == 0 && !strcmp(out, "QmRoot"));
	CHECK("add reply without a Hash", rpc_add_root("{\"Name\":\"f\",\"Bytes\":1}\n", out, sizeof out) < 0);
	CHECK("malformed add reply", rpc_add_root("{\"Hash\": nope", out, sizeof out) < 0 &&
	    strstr(out, "malformed") != NULL);

	CHECK("integer as number", rpc_int("{\"Size\":1048576}", "Size", &v) == 0 && v == 1048576);
	CHECK("integer as string (js-ipfs stats)", rpc_int("{\"RepoSize\":\"211858\"}", "RepoSize", &v) == 0 &&
	    v == 211858);
	CHECK("missing key", rpc_int("{\"Size\":1}", "Nope", &v) < 0);
	CHECK("string value", rpc_str("{\"Version\":\"0.18.1\"}", "Version", out, sizeof out) == 0 &&
	    !strcmp(out, "0.18.1"));

	u = rpc_url("http://h:1", "cat", "arg=x");
	CHECK_STR("rpc url", u, "http://h:1/api/v0/cat?arg=x");
	free(u);
	u = rpc_url("http://h:1", "/stats/bw", NULL);
	CHECK_STR("rpc url without query", u, "http://h:1/api/v0/stats/bw");
	free(u);
	u = url_escape("Qm/a b&c");
	CHECK_STR("url escape", u, "Qm/a%20b%26c");
	free(u);

	memset(&st, 0, sizeof st);
	st.code = 200;
	CHECK("outcome ok", rpc_outcome(&st, "{}", out, sizeof out) == 1 && !out[0]);
	st.code = 500;
	CHECK("outcome HTTP error with message",
	    rpc_outcome(&st, "{\"Message\":\"boom\",\"Code\":0,\"Type\":\"error\"}", out, sizeof out) == 0 &&
	    !strcmp(out, "HTTP 500: boom (Code 0)"));
	CHECK("outcome HTTP error without message", rpc_outcome(&st, "oops", out, sizeof out) == 0 &&
	    !strcmp(out, "HTTP 500"));
	st.code = 200;
	strcpy(st.err, "X-Stream-Error: gone");
	CHECK("outcome stream error", rpc_outcome(&st, "", out, sizeof out) == 0 &&
	    !strcmp(out, "X-Stream-Error: gone"));
	st.curlcode = 7;
	strcpy(st.err, "Failed to connect");
	st.code = 0;
	CHECK("outcome transfer error", rpc_outcome(&st, "", out, sizeof out) == 0 &&
	    !strcmp(out, "Failed to connect"));

	CHECK("an IPLD link gives its CID (dag/resolve)",
	    rpc_str("{\"Cid\":{\"/\":\"bafyroot\"},\"RemPath\":\"\"}", "Cid", out, sizeof out) == 0 &&
	    !strcmp(out, "bafyroot"));
	CHECK("another object is no string", rpc_str("{\"Cid\":{\"a\":\"b\"}}", "Cid", out, sizeof out) < 0);

	CHECK("endpoints that only read: version, id, stats/bw, config/show, pin/ls",
	    rpc_reads_only("version") && rpc_reads_only("id") && rpc_reads_only("stats/bw") &&
	    rpc_reads_only("config/show") && rpc_reads_only("pin/ls"));
	CHECK("  the first and the last of the table, and one with a query",
	    rpc_reads_only("bitswap/ledger") && rpc_reads_only("version/deps") &&
	    rpc_reads_only("files/stat?arg=/"));
	CHECK("endpoints that change the node: repo/gc, block/rm, config, pin/add, pin/rm, shutdown",
	    !rpc_reads_only("repo/gc") && !rpc_reads_only("block/rm") && !rpc_reads_only("config") &&
	    !rpc_reads_only("pin/add") && !rpc_reads_only("pin/rm") && !rpc_reads_only("shutdown"));
	CHECK("  nor a prefix, a longer name, or nothing",
	    !rpc_reads_only("versio") && !rpc_reads_only("version/x") && !rpc_reads_only("") &&
	    !rpc_reads_only("files/rm?arg=/"));
	TAP_DONE();
}
