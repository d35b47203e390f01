/* base/clock.c: monotonic and wall clocks in seconds. */
#include <time.h>

#include "base/clock.h"
#include "base/sig.h"

double
now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

double
now_wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
sleep_until(double due)
{
	struct timespec ts;
	double d;

	while (!interrupted && (d = due - now_mono()) > 0) {
		ts.tv_sec = (time_t)d;
		ts.tv_nsec = (long)((d - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
	}
	return !interrupted;
}
