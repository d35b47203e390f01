/* unixfs/cid.h: multihash and CID (v0 and v1) in binary and text form. */
#ifndef CID_H
#define CID_H

#include <stddef.h>
#include <stdint.h>

enum {
	CODEC_RAW = 0x55,
	CODEC_DAGPB = 0x70,
	MH_IDENTITY = 0x00,
	MH_SHA2_256 = 0x12,
};

enum { CID_MAXBYTES = 80, CID_MAXSTR = 140 };

/* A CID in its binary form: CIDv0 is the bare multihash. */
struct cid {
	size_t len;
	uint8_t b[CID_MAXBYTES];
};

/* The parts of a parsed CID. digest points into the struct cid. */
struct cid_info {
	int version;
	uint64_t codec;		/* CODEC_DAGPB for v0 */
	uint64_t mhcode;
	const uint8_t *digest;
	size_t dlen;
};

/* Make a CID of a sha2-256 digest: version 0 needs CODEC_DAGPB. */
void cid_sha256(struct cid *c, int version, uint64_t codec, const uint8_t digest[32]);
/* Hash data with sha2-256 and make its CID. */
void cid_of(struct cid *c, int version, uint64_t codec, const void *data, size_t n);

/*
 * Read a binary CID from the start of p[0..n) (a CIDv0 is a 34-byte
 * sha2-256 multihash starting 0x12 0x20). Returns the bytes used, 0 when
 * malformed.
 */
size_t cid_read(struct cid *c, const uint8_t *p, size_t n);
/* Split a valid CID into its parts. */
void cid_info(const struct cid *c, struct cid_info *ci);
/* Parse the text form: "Qm..." (v0) or multibase z, b, B, f, F. 0 or -1. */
int cid_parse(struct cid *c, const char *s);
/*
 * Text form: CIDv0 in base58btc; CIDv1 in base32 ('b', as Kubo prints) or
 * base58btc ('z', as js-ipfs prints) when base is 'z'. Returns buf.
 */
char *cid_str(const struct cid *c, char buf[CID_MAXSTR]);
char *cid_str_base(const struct cid *c, int base, char buf[CID_MAXSTR]);
int cid_equal(const struct cid *a, const struct cid *b);
/*
 * Check data against c's multihash: 1 when it matches, 0 when it does not,
 * -1 when the hash function is unsupported (sha2-256 and identity are).
 */
int cid_verify(const struct cid *c, const void *data, size_t n);

#endif
