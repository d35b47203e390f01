/*
 * tests/fuzz/rpc.c: RPC replies (net/rpc.h): the error object, the add
 * stream's root, string and integer values. The first byte is the size
 * of the output buffer (0 to 255); the rest is the body.
 */
#include "fuzz.h"
#include "net/rpc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "Hash", "ID", "Message", "Code", "Size", "" };
	char out[256], *body;
	size_t n;
	int64_t v;

	if (size < 1)
		return 0;
	n = data[0];
	body = fuzz_str(data + 1, size - 1);
	rpc_error(body, out, n);
	rpc_add_root(body, out, n);
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		rpc_str(body, keys[i], out, n);
		rpc_int(body, keys[i], &v);
	}
	free(body);
	return 0;
}
