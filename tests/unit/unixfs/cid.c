/* Unit tests: varints, protobuf fields, base58btc, base32, CIDs. */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "unixfs/cid.h"
#include "unixfs/multibase.h"
#include "unixfs/pb.h"
#include "unixfs/sha256.h"

static int
b58(const char *in, size_t len, const char *want)
{
	char s[256];
	uint8_t back[256];
	long n;

	base58btc_encode(s, sizeof s, (const uint8_t *)in, len);
	n = base58btc_decode(back, sizeof back, want, strlen(want));
	return !strcmp(s, want) && n == (long)len && !memcmp(back, in, n);
}

static int
b32(const char *in, const char *want)
{
	char s[256];
	uint8_t back[256];
	long n;

	base32_encode(s, sizeof s, (const uint8_t *)in, strlen(in));
	n = base32_decode(back, sizeof back, want, strlen(want));
	return !strcmp(s, want) && n == (long)strlen(in) && !memcmp(back, in, n);
}

int
main(void)
{
	uint8_t buf[32], d[32];
	uint64_t v;
	struct cid c, c2;
	struct cid_info ci;
	char s[CID_MAXSTR];
	const uint8_t *p;
	struct pb_field f;

	CHECK("varint 1", varint_put(buf, 1) == 1 && buf[0] == 1);
	CHECK("varint 300", varint_put(buf, 300) == 2 && buf[0] == 0xac && buf[1] == 0x02);
	CHECK("varint len", varint_len(127) == 1 && varint_len(128) == 2 &&
	    varint_len(UINT64_MAX) == 10);
	CHECK("varint get 300", varint_get(buf, 2, &v) == 2 && v == 300);
	buf[0] = 0x81; buf[1] = 0x00;
	CHECK("varint rejects non-minimal", varint_get(buf, 2, &v) == 0);
	CHECK("varint rejects truncated", varint_get((const uint8_t *)"\x80", 1, &v) == 0);

	CHECK("pb field bytes", pb_put_bytes(buf, 2, "ab", 2) == 4 &&
	    !memcmp(buf, "\x12\x02" "ab", 4));
	p = buf;
	CHECK("pb read back", pb_next(&p, buf + 4, &f) == 1 && f.num == 2 &&
	    f.type == PB_LEN && f.len == 2 && !memcmp(f.b, "ab", 2) &&
	    pb_next(&p, buf + 4, &f) == 0);
	p = buf;
	CHECK("pb rejects overlong length", pb_next(&p, buf + 3, &f) < 0);

	CHECK("base58 hello world", b58("hello world", 11, "StV1DL6CwTryKyV"));
	CHECK("base58 leading zeros", b58("\0\0abc", 5, "11ZiCa"));
	CHECK("base58 rejects 0OIl", base58btc_decode(buf, sizeof buf, "0OIl", 4) < 0);
	CHECK("base32 f", b32("f", "my"));
	CHECK("base32 fo", b32("fo", "mzxq"));
	CHECK("base32 foo", b32("foo", "mzxw6"));
	CHECK("base32 foob", b32("foob", "mzxw6yq"));
	CHECK("base32 fooba", b32("fooba", "mzxw6ytb"));
	CHECK("base32 foobar", b32("foobar", "mzxw6ytboi"));
	CHECK("base32 upper case decodes", base32_decode(buf, sizeof buf, "MZXW6YTBOI", 10) == 6);
	CHECK("base32 rejects padding", base32_decode(buf, sizeof buf, "my======", 8) < 0);
	CHECK("base32 rejects nonzero tail bits", base32_decode(buf, sizeof buf, "mz", 2) < 0);

	/* The empty file as a dag-pb node: 0a 04 08 02 18 00. */
	cid_of(&c, 0, CODEC_DAGPB, "\x0a\x04\x08\x02\x18\x00", 6);
	CHECK_STR("CIDv0 of the empty file node", cid_str(&c, s),
	    "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
	cid_of(&c, 1, CODEC_DAGPB, "\x0a\x04\x08\x02\x18\x00", 6);
	CHECK_STR("CIDv1 of the empty file node", cid_str(&c, s),
	    "bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4y");
	CHECK_STR("CIDv1 in base58btc (js-ipfs)", cid_str_base(&c, 'z', s),
	    "zdj7WiLc855B1KPRgV7Fh8ivjuAhePE1tuJafmxH5HmmSjqaD");
	cid_of(&c, 1, CODEC_RAW, "", 0);
	CHECK_STR("raw CID of nothing", cid_str(&c, s),
	    "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");

	CHECK("parse v0", cid_parse(&c, "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH") == 0 &&
	    c.len == 34);
	cid_info(&c, &ci);
	sha256("\x0a\x04\x08\x02\x18\x00", 6, d);
	CHECK("v0 info", ci.version == 0 && ci.codec == CODEC_DAGPB &&
	    ci.mhcode == MH_SHA2_256 && ci.dlen == 32 && !memcmp(ci.digest, d, 32));
	CHECK("parse v1 base32 and base58btc give the same bytes",
	    cid_parse(&c, "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku") == 0 &&
	    cid_parse(&c2, "zb2rhmy65F3REf8SZp7De11gxtECBGgUKaLdiDj7MCGCHxbDW") == 0 &&
	    cid_equal(&c, &c2));
	cid_info(&c, &ci);
	CHECK("v1 info", ci.version == 1 && ci.codec == CODEC_RAW && ci.dlen == 32);
	CHECK("parse upper-case base32",
	    cid_parse(&c2, "BAFKREIHDWDCEFGH4DQKJV67UZCMW7OJEE6XEDZDETOJUZJEVTENXQUVYKU") == 0 &&
	    cid_equal(&c, &c2));
	CHECK("verify matches", cid_verify(&c, "", 0) == 1);
	CHECK("verify mismatches", cid_verify(&c, "x", 1) == 0);
	CHECK("parse rejects junk", cid_parse(&c, "hello") < 0);
	CHECK("parse rejects a truncated CID",
	    cid_parse(&c, "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvy") < 0);
	CHECK("parse rejects a bad v0",
	    cid_parse(&c, "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQ0") < 0);
	CHECK("parse rejects CIDv2", cid_parse(&c, "f0270122000") < 0);
	/* identity multihash: the data is the digest */
	CHECK("identity CID verifies", cid_parse(&c, "f015500026869") == 0 &&
	    cid_verify(&c, "hi", 2) == 1 && cid_verify(&c, "ho", 2) == 0);
	TAP_DONE();
}
