/* base/progress.h: a one-line progress display on stderr, only on a terminal. */
#ifndef PROGRESS_H
#define PROGRESS_H

/* Enable the display unless quiet or stderr is not a terminal. */
void progress_init(int quiet);

/* Redraw the line (at most ten times a second unless force). */
void progress_show(int force, const char *fmt, ...);

/* Erase the line. */
void progress_end(void);

#endif
