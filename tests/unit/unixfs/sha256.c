/* Unit tests: SHA-256 known vectors on both block functions, split updates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/prng.h"
#include "tap.h"
#include "unixfs/sha256.h"

static const char *
hex(const uint8_t d[32])
{
	static char s[65];
	int i;

	for (i = 0; i < 32; i++)
		snprintf(s + 2 * i, 3, "%02x", d[i]);
	return s;
}

static const struct {
	const char *in;
	long repeat;
	const char *want;
} vec[] = {
	{ "", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 1,
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	{ "a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
	{ "01234567", 8, "8182cadb21af0e37c06414ece08e19c65bdb22c396d48ba7341012eea9ffdfdd" },
};

static void
vectors(const char *impl)
{
	struct sha256 c;
	uint8_t d[32];
	char name[128];
	size_t i;
	long r;

	for (i = 0; i < sizeof vec / sizeof vec[0]; i++) {
		sha256_init(&c);
		for (r = 0; r < vec[i].repeat; r++)
			sha256_update(&c, vec[i].in, strlen(vec[i].in));
		sha256_final(&c, d);
		snprintf(name, sizeof name, "%s: vector %zu (%zu bytes x %ld)", impl, i,
		    strlen(vec[i].in), vec[i].repeat);
		CHECK_STR(name, hex(d), vec[i].want);
	}
}

int
main(void)
{
	static uint8_t buf[70000];
	uint8_t a[32], b[32];
	struct prng r;
	struct sha256 c;
	size_t i, n, off, step;
	int same = 1, splits = 1;

	setenv("IPFSPERF_SHA256", "portable", 1);
	CHECK_STR("IPFSPERF_SHA256=portable forces the portable path",
	    sha256_impl(), "portable");
	CHECK("portable can be selected", sha256_use("portable") == 0 &&
	    !strcmp(sha256_impl(), "portable"));
	vectors("portable");
	if (sha256_use("sha-ni") == 0) {
		CHECK_STR("sha-ni selected", sha256_impl(), "sha-ni");
		vectors("sha-ni");
		/* Both implementations agree on every length up to 2 blocks
		 * and on random long inputs. */
		prng_seed(&r, 42);
		for (i = 0; i < sizeof buf; i++)
			buf[i] = prng_next(&r);
		for (n = 0; n < sizeof buf; n = n < 200 ? n + 1 : n * 3 + 7) {
			sha256_use("portable");
			sha256(buf, n, a);
			sha256_use("sha-ni");
			sha256(buf, n, b);
			if (memcmp(a, b, 32))
				same = 0;
		}
		CHECK("sha-ni agrees with portable on 0..200 and long lengths", same);
	} else {
		/* Not a skip: the portable path is then the one in use and it
		 * was tested above; say so. */
		printf("# this CPU has no SHA extensions; sha-ni path not run\n");
		CHECK("sha-ni refused when the CPU lacks it", sha256_use("sha-ni") < 0);
	}
	/* Updates split at every odd boundary give the one-shot digest. */
	sha256(buf, sizeof buf, a);
	for (step = 1; step < 200; step += 13) {
		sha256_init(&c);
		for (off = 0; off < sizeof buf; off += n) {
			n = step < sizeof buf - off ? step : sizeof buf - off;
			sha256_update(&c, buf + off, n);
		}
		sha256_final(&c, b);
		if (memcmp(a, b, 32))
			splits = 0;
	}
	CHECK("split updates equal one-shot", splits);
	TAP_DONE();
}
