/* unixfs/pb.c: unsigned varints and the protobuf wire format. */
#include <string.h>

#include "unixfs/pb.h"

size_t
varint_len(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

size_t
varint_put(uint8_t *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (uint8_t)v | 0x80;
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

size_t
varint_get(const uint8_t *p, size_t n, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	for (i = 0; i < n && i < 9; i++) {
		x |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			if (i > 0 && p[i] == 0)
				return 0;	/* not minimal */
			*v = x;
			return i + 1;
		}
	}
	return 0;
}

size_t
pb_put_varint(uint8_t *p, unsigned field, uint64_t v)
{
	size_t n = varint_put(p, (uint64_t)field << 3 | PB_VARINT);

	return n + varint_put(p + n, v);
}

size_t
pb_put_lenhdr(uint8_t *p, unsigned field, size_t len)
{
	size_t n = varint_put(p, (uint64_t)field << 3 | PB_LEN);

	return n + varint_put(p + n, len);
}

size_t
pb_put_bytes(uint8_t *p, unsigned field, const void *b, size_t len)
{
	size_t n = pb_put_lenhdr(p, field, len);

	if (len)
		memcpy(p + n, b, len);
	return n + len;
}

/* Protobuf varints may take 10 bytes; read those too (not minimal-checked). */
static size_t
pb_varint(const uint8_t *p, size_t n, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	for (i = 0; i < n && i < 10; i++) {
		x |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			*v = x;
			return i + 1;
		}
	}
	return 0;
}

int
pb_next(const uint8_t **p, const uint8_t *end, struct pb_field *f)
{
	uint64_t key, len;
	size_t n;

	if (*p >= end)
		return 0;
	if (!(n = pb_varint(*p, end - *p, &key)) || key >> 3 == 0 ||
	    key >> 3 > 0xffffffffu)
		return -1;
	*p += n;
	f->num = key >> 3;
	f->type = key & 7;
	switch (f->type) {
	case PB_VARINT:
		if (!(n = pb_varint(*p, end - *p, &f->v)))
			return -1;
		*p += n;
		return 1;
	case PB_LEN:
		if (!(n = pb_varint(*p, end - *p, &len)) || len > (uint64_t)(end - *p - n))
			return -1;
		f->b = *p + n;
		f->len = len;
		*p += n + len;
		return 1;
	}
	return -1;
}
