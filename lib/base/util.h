/* base/util.h: error reporting and checked allocation, in the suckless style. */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>

extern const char *argv0;	/* program name for messages, set by main() */

/* Exit statuses shared by every tool (see the man pages' EXIT STATUS). */
enum { EXIT_RUNTIME = 1, EXIT_USAGE = 2, EXIT_INTERRUPTED = 130 };

/* "argv0: message" on stderr; a trailing ':' in fmt appends strerror(errno). */
void weprintf(const char *fmt, ...);
/* weprintf then exit(1). */
_Noreturn void eprintf(const char *fmt, ...);
/* weprintf then exit(2): bad flags or arguments. */
_Noreturn void usageerr(const char *fmt, ...);

void *emalloc(size_t n);
void *ecalloc(size_t n, size_t m);
void *erealloc(void *p, size_t n);
char *estrdup(const char *s);

/* Grow *p (of *cap elements of size sz) to hold at least need elements. */
void egrow(void **p, size_t *cap, size_t need, size_t sz);

/* Set argv0 from argv[0] without its directory. */
void setargv0(const char *a0);

/* Flush stdout; on a write error print it and exit 1 (EPIPE exits quietly). */
void efshut(void);

#endif
