/* base/progress.h: a one-line progress display on stderr, only on a terminal. */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stddef.h>
#include <stdint.h>

/* Enable the display unless quiet or stderr is not a terminal, and start
 * the clock of progress_amount. With TERM dumb (or unset) the line is
 * redrawn with carriage returns and spaces only, no escape sequences. */
void progress_init(int quiet);

/* Redraw the line (at most ten times a second unless force); the first
 * call after progress_init draws at once. */
void progress_show(int force, const char *fmt, ...);

/* Whether progress_show(0, ...) would draw now: to skip formatting a line
 * that would not be shown. */
int progress_due(void);

/* Erase the line. */
void progress_end(void);

enum { PROGRESS_COUNT, PROGRESS_BYTES };

/*
 * done of total (0: unknown) since progress_init, into buf: with
 * PROGRESS_BYTES "12.0 MiB of 100.0 MiB (12%), 4.1 MiB/s, elapsed 0:03, ETA 0:21",
 * with PROGRESS_COUNT "120 of 2000 (6%), 40/s, elapsed 0:03, ETA 0:47"
 * (counts from 10000 up as "12.3k", "4.5M");
 * without a total, no share and no ETA. Returns buf.
 */
char *progress_amount(char *buf, size_t len, int kind, uint64_t done, uint64_t total);

#endif
