/* unixfs/cid.c: multihash and CID encoding, parsing and verification. */
#include <string.h>

#include "unixfs/cid.h"
#include "unixfs/multibase.h"
#include "unixfs/pb.h"
#include "unixfs/sha256.h"

void
cid_sha256(struct cid *c, int version, uint64_t codec, const uint8_t digest[32])
{
	size_t n = 0;

	if (version == 1) {
		c->b[n++] = 1;
		n += varint_put(c->b + n, codec);
	}
	c->b[n++] = MH_SHA2_256;
	c->b[n++] = 32;
	memcpy(c->b + n, digest, 32);
	c->len = n + 32;
}

void
cid_of(struct cid *c, int version, uint64_t codec, const void *data, size_t n)
{
	uint8_t d[32];

	sha256(data, n, d);
	cid_sha256(c, version, codec, d);
}

size_t
cid_read(struct cid *c, const uint8_t *p, size_t n)
{
	uint64_t ver, codec, mh, dlen;
	size_t i = 0, k;

	if (n >= 34 && p[0] == MH_SHA2_256 && p[1] == 32) {
		i = 34;
		goto done;
	}
	if (!(k = varint_get(p, n, &ver)) || ver != 1)
		return 0;
	i += k;
	if (!(k = varint_get(p + i, n - i, &codec)))
		return 0;
	i += k;
	if (!(k = varint_get(p + i, n - i, &mh)))
		return 0;
	i += k;
	if (!(k = varint_get(p + i, n - i, &dlen)) || dlen > n - i - k)
		return 0;
	i += k + dlen;
done:
	if (i > CID_MAXBYTES)
		return 0;
	memcpy(c->b, p, i);
	c->len = i;
	return i;
}

void
cid_info(const struct cid *c, struct cid_info *ci)
{
	uint64_t v;
	size_t i;

	if (c->b[0] == MH_SHA2_256) {
		ci->version = 0;
		ci->codec = CODEC_DAGPB;
		ci->mhcode = MH_SHA2_256;
		ci->digest = c->b + 2;
		ci->dlen = 32;
		return;
	}
	ci->version = 1;
	i = 1;
	i += varint_get(c->b + i, c->len - i, &ci->codec);
	i += varint_get(c->b + i, c->len - i, &ci->mhcode);
	i += varint_get(c->b + i, c->len - i, &v);
	ci->digest = c->b + i;
	ci->dlen = v;
}

int
cid_parse(struct cid *c, const char *s)
{
	uint8_t b[CID_MAXBYTES];
	long n;

	if (strlen(s) == 46 && s[0] == 'Q' && s[1] == 'm')
		n = base58btc_decode(b, sizeof b, s, 46);
	else
		n = multibase_decode(b, sizeof b, s);
	if (n <= 0 || cid_read(c, b, n) != (size_t)n)
		return -1;
	/* A CIDv1 of a bare sha2-256 multihash would read as v0 above; a
	 * v0 only ever comes from the "Qm" form. */
	if (c->b[0] == MH_SHA2_256 && s[0] != 'Q')
		return -1;
	return 0;
}

char *
cid_str_base(const struct cid *c, int base, char buf[CID_MAXSTR])
{
	if (c->b[0] == MH_SHA2_256) {
		base58btc_encode(buf, CID_MAXSTR, c->b, c->len);
		return buf;
	}
	buf[0] = base;
	if (base == 'z')
		base58btc_encode(buf + 1, CID_MAXSTR - 1, c->b, c->len);
	else
		base32_encode(buf + 1, CID_MAXSTR - 1, c->b, c->len);
	return buf;
}

char *
cid_str(const struct cid *c, char buf[CID_MAXSTR])
{
	return cid_str_base(c, 'b', buf);
}

int
cid_equal(const struct cid *a, const struct cid *b)
{
	return a->len == b->len && !memcmp(a->b, b->b, a->len);
}

int
cid_verify(const struct cid *c, const void *data, size_t n)
{
	struct cid_info ci;
	uint8_t d[32];

	cid_info(c, &ci);
	switch (ci.mhcode) {
	case MH_SHA2_256:
		if (ci.dlen != 32)
			return 0;
		sha256(data, n, d);
		return !memcmp(d, ci.digest, 32);
	case MH_IDENTITY:
		return ci.dlen == n && !memcmp(ci.digest, data, n);
	}
	return -1;
}
