/* tap.h: minimal TAP output for the C unit tests. */
#ifndef TAP_H
#define TAP_H

#include <stdio.h>
#include <string.h>

static int tap_failed;

#define CHECK(name, cond) do { \
	if (cond) { printf("ok - %s\n", name); } else { \
		printf("not ok - %s\n  %s:%d: %s\n", name, __FILE__, __LINE__, #cond); \
		tap_failed++; } } while (0)

#define CHECK_STR(name, got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ && w_ && !strcmp(g_, w_)) { printf("ok - %s\n", name); } else { \
		printf("not ok - %s\n  %s:%d: got \"%s\", want \"%s\"\n", name, \
		    __FILE__, __LINE__, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
		tap_failed++; } } while (0)

#define TAP_DONE() return tap_failed ? 1 : 0

#endif
