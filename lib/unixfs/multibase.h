/* unixfs/multibase.h: base58btc and base32 (RFC 4648, lower case, no padding). */
#ifndef MULTIBASE_H
#define MULTIBASE_H

#include <stddef.h>
#include <stdint.h>

/* Encoders write a NUL-terminated string; they return its length, or 0
 * when it does not fit in cap bytes. */
size_t base58btc_encode(char *dst, size_t cap, const uint8_t *src, size_t n);
size_t base32_encode(char *dst, size_t cap, const uint8_t *src, size_t n);

/* Decoders of slen characters return the bytes written, or -1 for a
 * character outside the alphabet or output larger than cap. base32 takes
 * either case, padding '=' is rejected (multibase never pads). */
long base58btc_decode(uint8_t *dst, size_t cap, const char *s, size_t slen);
long base32_decode(uint8_t *dst, size_t cap, const char *s, size_t slen);

/*
 * Multibase: a prefix character and the encoding: 'z' base58btc,
 * 'b' base32, 'B' base32upper, 'f'/'F' base16. multibase_decode returns
 * the bytes or -1 (unknown prefix or bad text).
 */
long multibase_decode(uint8_t *dst, size_t cap, const char *s);

#endif
