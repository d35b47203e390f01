/* unixfs/pb.h: unsigned varints and the protobuf wire format, by hand. */
#ifndef PB_H
#define PB_H

#include <stddef.h>
#include <stdint.h>

enum { PB_VARINT = 0, PB_LEN = 2 };	/* the wire types dag-pb uses */

/* Bytes the varint of v takes (1..10). */
size_t varint_len(uint64_t v);
/* Write the varint of v at p; returns the bytes written. */
size_t varint_put(uint8_t *p, uint64_t v);
/*
 * Read a minimal varint of at most 9 bytes (as multiformats requires)
 * from p[0..n); returns the bytes read, 0 when malformed or truncated.
 */
size_t varint_get(const uint8_t *p, size_t n, uint64_t *v);

/* Writers return the bytes written at p (the caller sizes the buffer). */
size_t pb_put_varint(uint8_t *p, unsigned field, uint64_t v);
/* Key and length of a length-delimited field, without its payload. */
size_t pb_put_lenhdr(uint8_t *p, unsigned field, size_t len);
size_t pb_put_bytes(uint8_t *p, unsigned field, const void *b, size_t len);

/* A field read from a message: its number, wire type and value. */
struct pb_field {
	unsigned num, type;
	uint64_t v;		/* PB_VARINT */
	const uint8_t *b;	/* PB_LEN: payload and length */
	size_t len;
};

/*
 * Read the next field of the message at *p..end and advance *p. Returns 1
 * for a field, 0 at the end, -1 for malformed input or a wire type other
 * than varint and length-delimited.
 */
int pb_next(const uint8_t **p, const uint8_t *end, struct pb_field *f);

#endif
