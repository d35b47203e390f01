/* timing/payload.c: seeded pseudo-random request bodies, streamed. */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "timing/payload.h"

void
payload_start(struct payload *p, uint64_t seed, uint64_t size, uint64_t key)
{
	p->seed = seed;
	p->size = size;
	p->key = key;
	p->left = size;
	p->ntail = 0;
	prng_seed3(&p->rng, seed, size, key);
}

size_t
payload_read(struct payload *p, void *buf, size_t n)
{
	uint8_t *b = buf;
	size_t k, whole;
	uint64_t x;

	if (n > p->left)
		n = p->left;
	p->left -= n;
	k = n < p->ntail ? n : p->ntail;
	memcpy(b, p->tail + 8 - p->ntail, k);
	p->ntail -= k;
	b += k;
	n -= k;
	whole = n / 8 * 8;
	prng_fill(&p->rng, b, whole);
	if (n > whole) {
		x = prng_next(&p->rng);
		memcpy(p->tail, &x, 8);
		memcpy(b + whole, p->tail, n - whole);
		p->ntail = 8 - (n - whole);
	}
	return k + n;
}

static size_t
onread(char *buf, size_t sz, size_t n, void *arg)
{
	return payload_read(arg, buf, sz * n);
}

static int
onseek(void *arg, curl_off_t off, int origin)
{
	struct payload *p = arg;

	if (origin != SEEK_SET || off != 0)
		return CURL_SEEKFUNC_CANTSEEK;
	payload_start(p, p->seed, p->size, p->key);
	return CURL_SEEKFUNC_OK;
}

void
payload_mime(curl_mime *mime, struct payload *p, const char *filename)
{
	curl_mimepart *part = curl_mime_addpart(mime);

	curl_mime_name(part, "file");
	curl_mime_filename(part, filename);
	/* js-ipfs refuses parts without a Content-Type */
	curl_mime_type(part, "application/octet-stream");
	curl_mime_data_cb(part, (curl_off_t)p->size, onread, onseek, NULL, p);
}

uint64_t
payload_random_seed(void)
{
	uint64_t s;

	if (getrandom(&s, sizeof s, 0) != sizeof s)
		s = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	return s;
}
