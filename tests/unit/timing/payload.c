/* Unit tests: generated payloads are the same bytes however reads split them. */
#include <string.h>

#include "tap.h"
#include "timing/payload.h"

int
main(void)
{
	static unsigned char a[100003], b[100003];
	struct payload p;
	size_t off, step, n;
	int same = 1;

	payload_start(&p, 42, sizeof a, 7);
	CHECK("one read gives the whole payload", payload_read(&p, a, sizeof a + 10) == sizeof a);
	CHECK("then the end", payload_read(&p, a, 10) == 0);
	for (step = 1; step < 40; step += 3) {
		payload_start(&p, 42, sizeof b, 7);
		memset(b, 0, sizeof b);
		for (off = 0; off < sizeof b; off += n)
			if ((n = payload_read(&p, b + off, step + off % 5)) == 0)
				break;
		if (off != sizeof b || memcmp(a, b, sizeof a))
			same = 0;
	}
	CHECK("reads of odd sizes give the same bytes", same);
	payload_start(&p, 42, sizeof b, 8);
	payload_read(&p, b, sizeof b);
	CHECK("another key gives other bytes", memcmp(a, b, sizeof a) != 0);
	TAP_DONE();
}
