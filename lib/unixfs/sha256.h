/* unixfs/sha256.h: SHA-256, with the x86 SHA extensions when the CPU has them. */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	uint8_t buf[64];	/* partial block */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
void sha256_final(struct sha256 *c, uint8_t out[32]);
/* One-shot hash of n bytes. */
void sha256(const void *data, size_t n, uint8_t out[32]);

/*
 * The block function in use: "sha-ni" or "portable". The SHA extensions
 * are used when CPUID reports them, unless the environment variable
 * IPFSPERF_SHA256=portable is set at the first call or sha256_use() asks.
 */
const char *sha256_impl(void);
/* Select "portable" or "sha-ni" (if the CPU has it); 0 ok, -1 unavailable. */
int sha256_use(const char *impl);

#endif
