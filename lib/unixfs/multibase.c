/* unixfs/multibase.c: base58btc, base32 and base16 text encodings of bytes. */
#include <string.h>

#include "unixfs/multibase.h"

static const char b58[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";

size_t
base58btc_encode(char *dst, size_t cap, const uint8_t *src, size_t n)
{
	uint8_t digits[256];	/* base-58 digits, least significant first */
	size_t nd = 0, zeros = 0, i, j, len;
	unsigned carry;

	if (n > 180)
		return 0;
	while (zeros < n && src[zeros] == 0)
		zeros++;
	for (i = zeros; i < n; i++) {
		carry = src[i];
		for (j = 0; j < nd; j++) {
			carry += (unsigned)digits[j] << 8;
			digits[j] = carry % 58;
			carry /= 58;
		}
		while (carry) {
			digits[nd++] = carry % 58;
			carry /= 58;
		}
	}
	len = zeros + nd;
	if (len + 1 > cap)
		return 0;
	memset(dst, '1', zeros);
	for (i = 0; i < nd; i++)
		dst[zeros + i] = b58[digits[nd - 1 - i]];
	dst[len] = '\0';
	return len;
}

long
base58btc_decode(uint8_t *dst, size_t cap, const char *s, size_t slen)
{
	uint8_t bytes[256];	/* least significant first */
	size_t nb = 0, zeros = 0, i, j;
	const char *q;
	unsigned carry;

	if (slen > 250)
		return -1;
	while (zeros < slen && s[zeros] == '1')
		zeros++;
	for (i = zeros; i < slen; i++) {
		if (!s[i] || !(q = strchr(b58, s[i])))
			return -1;
		carry = q - b58;
		for (j = 0; j < nb; j++) {
			carry += (unsigned)bytes[j] * 58;
			bytes[j] = carry & 0xff;
			carry >>= 8;
		}
		while (carry) {
			bytes[nb++] = carry & 0xff;
			carry >>= 8;
		}
	}
	if (zeros + nb > cap)
		return -1;
	memset(dst, 0, zeros);
	for (i = 0; i < nb; i++)
		dst[zeros + i] = bytes[nb - 1 - i];
	return zeros + nb;
}

size_t
base32_encode(char *dst, size_t cap, const uint8_t *src, size_t n)
{
	size_t len = (n * 8 + 4) / 5, i, o = 0;
	unsigned buf = 0, bits = 0;

	if (len + 1 > cap)
		return 0;
	for (i = 0; i < n; i++) {
		buf = buf << 8 | src[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			dst[o++] = b32[(buf >> bits) & 31];
		}
	}
	if (bits)
		dst[o++] = b32[(buf << (5 - bits)) & 31];
	dst[o] = '\0';
	return o;
}

long
base32_decode(uint8_t *dst, size_t cap, const char *s, size_t slen)
{
	unsigned buf = 0, bits = 0, v;
	size_t i, o = 0;
	int c;

	for (i = 0; i < slen; i++) {
		c = s[i];
		if (c >= 'a' && c <= 'z')
			v = c - 'a';
		else if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= '2' && c <= '7')
			v = c - '2' + 26;
		else
			return -1;
		buf = (buf << 5 | v) & 0xfff;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			if (o >= cap)
				return -1;
			dst[o++] = buf >> bits;
		}
	}
	/* Leftover bits are padding and must be zero; 5 or more is junk. */
	if (bits >= 5 || (buf & ((1u << bits) - 1)))
		return -1;
	return o;
}

static long
base16_decode(uint8_t *dst, size_t cap, const char *s, size_t slen)
{
	size_t i;
	int hi, lo;

	if (slen % 2 || slen / 2 > cap)
		return -1;
	for (i = 0; i < slen; i += 2) {
		hi = s[i] >= '0' && s[i] <= '9' ? s[i] - '0' :
		    (s[i] | 32) >= 'a' && (s[i] | 32) <= 'f' ? (s[i] | 32) - 'a' + 10 : -1;
		lo = s[i + 1] >= '0' && s[i + 1] <= '9' ? s[i + 1] - '0' :
		    (s[i + 1] | 32) >= 'a' && (s[i + 1] | 32) <= 'f' ? (s[i + 1] | 32) - 'a' + 10 : -1;
		if (hi < 0 || lo < 0)
			return -1;
		dst[i / 2] = hi << 4 | lo;
	}
	return slen / 2;
}

long
multibase_decode(uint8_t *dst, size_t cap, const char *s)
{
	size_t n = strlen(s);

	if (n < 2)
		return -1;
	switch (s[0]) {
	case 'z':
		return base58btc_decode(dst, cap, s + 1, n - 1);
	case 'b':
	case 'B':
		return base32_decode(dst, cap, s + 1, n - 1);
	case 'f':
	case 'F':
		return base16_decode(dst, cap, s + 1, n - 1);
	}
	return -1;
}
