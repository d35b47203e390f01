/* unixfs/car.c: CAR v1 headers (a fixed dag-cbor shape) and block sections. */
#include <string.h>

#include "unixfs/car.h"
#include "unixfs/pb.h"

size_t
car_header(uint8_t *out, const struct cid *root)
{
	uint8_t m[CAR_HEADER_MAX];
	size_t n = 0, h;

	/* dag-cbor sorts map keys by length: "roots" before "version" */
	m[n++] = 0xa2;				/* map(2) */
	m[n++] = 0x65;				/* text(5) */
	memcpy(m + n, "roots", 5);
	n += 5;
	m[n++] = 0x81;				/* array(1) */
	m[n++] = 0xd8;				/* tag(42): a CID */
	m[n++] = 42;
	if (root->len + 1 < 24) {
		m[n++] = 0x40 | (root->len + 1);	/* bytes, short length */
	} else {
		m[n++] = 0x58;			/* bytes, one-byte length */
		m[n++] = root->len + 1;
	}
	m[n++] = 0x00;				/* the identity multibase prefix */
	memcpy(m + n, root->b, root->len);
	n += root->len;
	m[n++] = 0x67;				/* text(7) */
	memcpy(m + n, "version", 7);
	n += 7;
	m[n++] = 0x01;
	h = varint_put(out, n);
	memcpy(out + h, m, n);
	return h + n;
}

size_t
car_section_head(uint8_t *out, const struct cid *c, size_t len)
{
	size_t h = varint_put(out, c->len + len);

	memcpy(out + h, c->b, c->len);
	return h + c->len;
}
