/* base/clock.h: monotonic and wall clocks in seconds. */
#ifndef CLOCK_H
#define CLOCK_H

/* Seconds on the monotonic clock: for intervals. */
double now_mono(void);
/* Seconds since the epoch: for timestamps. */
double now_wall(void);
/* Sleep until due (monotonic seconds): 1, or 0 when SIGINT came first. */
int sleep_until(double due);

#endif
