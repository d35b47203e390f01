/* payload.h: seeded pseudo-random request bodies, streamed in constant
 * memory, unique per (seed, size, iteration) unless asked otherwise. */
#ifndef PAYLOAD_H
#define PAYLOAD_H

#include <stdint.h>
#include <curl/curl.h>

#include "prng.h"

struct payload {
	uint64_t seed, size, key, left;
	struct prng rng;
};

/* Begin the body of size bytes for stream key (e.g. the iteration). */
void payload_start(struct payload *p, uint64_t seed, uint64_t size, uint64_t key);

/* Fill buf with the next bytes; returns how many (0 at the end). */
size_t payload_read(struct payload *p, void *buf, size_t n);

/* Add p as a streamed multipart file part named "file" to mime. */
void payload_mime(curl_mime *mime, struct payload *p, const char *filename);

/* A seed from the system's entropy, for runs not asked to repeat. */
uint64_t payload_random_seed(void);

#endif
