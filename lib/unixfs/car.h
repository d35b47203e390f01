/* unixfs/car.h: CAR v1 (content-addressed archive) headers and block sections. */
#ifndef CAR_H
#define CAR_H

#include <stddef.h>
#include <stdint.h>

#include "unixfs/cid.h"

/* Bytes a header takes at most, and a section's head at most. */
enum { CAR_HEADER_MAX = 32 + CID_MAXBYTES, CAR_SECTION_HEAD_MAX = 10 + CID_MAXBYTES };

/*
 * The header: varint length, then the dag-cbor map
 * {"roots": [root], "version": 1} with the CID as tag 42. Returns its
 * length (at most CAR_HEADER_MAX).
 */
size_t car_header(uint8_t *out, const struct cid *root);

/* A block section's head: varint(CID bytes + len), then the CID bytes;
 * the len block bytes follow. Returns the head's length. */
size_t car_section_head(uint8_t *out, const struct cid *c, size_t len);

#endif
