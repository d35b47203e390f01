/*
 * base/sig.h: SIGINT, SIGTERM and SIGHUP (a closed terminal or session)
 * stop new work; the tool flushes what it has and exits 130.
 */
#ifndef SIG_H
#define SIG_H

#include <signal.h>

extern volatile sig_atomic_t interrupted;

/* Install the SIGINT/SIGTERM/SIGHUP handler that sets interrupted. */
void sig_init(void);

#endif
