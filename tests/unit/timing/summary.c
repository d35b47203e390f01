/* Unit tests: the end-of-run report counts the measured requests' time, not
 * the warm-ups' before them (issue 21: 10). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "tap.h"
#include "timing/summary.h"

/* The report of s, as runsum_print writes it on stderr. */
static const char *
report(const struct runsum *s, const char *what)
{
	static char buf[4096];
	FILE *f = tmpfile();
	int fd = dup(2);
	size_t n;

	fflush(stderr);
	dup2(fileno(f), 2);
	runsum_print(s, what);
	fflush(stderr);
	dup2(fd, 2);
	close(fd);
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

int
main(void)
{
	struct timing warm = { .op = "cat", .warmup = 1, .ok = 1, .t_total = 99.5 };
	struct timing one = { .op = "cat", .ok = 1, .t_total = 0.25 };
	struct runsum s;
	const char *r;

	setargv0("ipfs-time-cat");
	runsum_start(&s);
	/* the run began 100 s ago, and its warm-up took 99.5 s of them */
	s.t0 -= 100;
	runsum_add(&s, &warm, NULL);
	runsum_add(&s, &one, NULL);
	r = report(&s, "requests");
	CHECK("1 request in 0.25 s: the warm-up's 99.5 s left out",
	    !strncmp(r, "ipfs-time-cat: 1 requests in 0.25 s (4.0/s), 0 failed (and 1 warm-up, 0 failed)\n",
	    strlen("ipfs-time-cat: 1 requests in 0.25 s (4.0/s), 0 failed (and 1 warm-up, 0 failed)\n")));
	if (tap_failed)
		printf("  got: %s", r);
	runsum_free(&s);
	runsum_start(&s);
	runsum_add(&s, &warm, NULL);
	r = report(&s, "requests");
	CHECK("warm-ups only: 0 requests in 0.00 s", !strncmp(r, "ipfs-time-cat: 0 requests in 0.00 s", 35));
	runsum_free(&s);
	TAP_DONE();
}
