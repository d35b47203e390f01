/*
 * tests/fuzz/cid.c: CIDs and multibase (unixfs/cid.h, multibase.h): the
 * text forms, the binary form, and a parsed CID printed and parsed again
 * (it must be the same CID).
 */
#include "fuzz.h"
#include "unixfs/cid.h"
#include "unixfs/multibase.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), buf[CID_MAXSTR];
	uint8_t out[128];
	struct cid c, c2;
	struct cid_info ci;
	size_t cap = size ? data[0] % sizeof out : 0;

	multibase_decode(out, cap, s);
	base58btc_decode(out, cap, s, strlen(s));
	base32_decode(out, cap, s, strlen(s));
	if (cid_parse(&c, s) == 0) {
		cid_info(&c, &ci);
		if (ci.digest + ci.dlen > c.b + c.len)
			abort();
		cid_verify(&c, data, size);
		cid_str(&c, buf);
		if (cid_parse(&c2, buf) < 0 || !cid_equal(&c, &c2))
			abort();	/* a CID's own text form reads back as it */
		cid_str_base(&c, 'z', buf);
		if (cid_parse(&c2, buf) < 0 || !cid_equal(&c, &c2))
			abort();
	}
	if (cid_read(&c, data, size) > 0) {
		cid_info(&c, &ci);
		cid_verify(&c, data, size);
		cid_str(&c, buf);
		cid_str_base(&c, 'z', buf);
	}
	base58btc_encode((char *)out, cap, data, size);
	base32_encode((char *)out, cap, data, size);
	free(s);
	return 0;
}
