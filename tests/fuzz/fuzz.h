/*
 * tests/fuzz/fuzz.h: what the harnesses share. Each tests/fuzz/NAME.c is
 * one libFuzzer target (LLVMFuzzerTestOneInput) over one parser of
 * untrusted bytes; `make fuzz` links it with libFuzzer, `make units` with
 * replay.c, a main that feeds it files (tests/cli/fuzz-regress.sh).
 *
 * Every target links with -Wl,--wrap=exit: library code that gives up on
 * bad input (eprintf) exits, which for a parser is a correct answer, not a
 * crash. fuzz_call(fn, arg) runs fn so that such an exit returns here, and
 * closes the files it left open. What an exiting call allocated is freed
 * by the exit in a tool, so leak reports are off inside fuzz_call (and
 * such a target's libFuzzer run takes -detect_leaks=0, else every input is
 * searched for leaks again); targets that never exit call their parser
 * directly and keep them.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jmp_buf fuzz_jb;
static volatile int fuzz_catching;
static unsigned char fuzz_open[256];

_Noreturn void __real_exit(int status);
_Noreturn void __wrap_exit(int status);

_Noreturn void
__wrap_exit(int status)
{
	if (fuzz_catching) {
		fuzz_catching = 0;
		longjmp(fuzz_jb, 1);
	}
	__real_exit(status);
}

/* LeakSanitizer's switch, when it is linked in. */
void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

static __attribute__((unused)) void
fuzz_fds_mark(void)
{
	for (int fd = 3; fd < (int)sizeof fuzz_open; fd++)
		fuzz_open[fd] = fcntl(fd, F_GETFD) >= 0;
}

static __attribute__((unused)) void
fuzz_fds_close_new(void)
{
	for (int fd = 3; fd < (int)sizeof fuzz_open; fd++)
		if (!fuzz_open[fd] && fcntl(fd, F_GETFD) >= 0)
			close(fd);
}

/* Call fn(arg); an exit inside it returns here. 1 when it exited. */
static __attribute__((unused)) int
fuzz_call(void (*fn)(void *), void *arg)
{
	int exited = 0;

	fuzz_fds_mark();
	if (__lsan_disable)
		__lsan_disable();
	if (!setjmp(fuzz_jb)) {
		fuzz_catching = 1;
		fn(arg);
		fuzz_catching = 0;
	} else {
		exited = 1;
	}
	if (__lsan_enable)
		__lsan_enable();
	fuzz_fds_close_new();
	return exited;
}

/* A NUL-terminated copy of data (embedded NULs end it early). */
static __attribute__((unused)) char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A path whose file holds exactly data, for parsers that open a path: an
 * in-memory file (memfd), one a process, rewritten for each input. */
static __attribute__((unused)) const char *
fuzz_path(const uint8_t *data, size_t size)
{
	static char path[64];
	static int fd = -1;

	if (fd < 0) {
		if ((fd = memfd_create("fuzz", 0)) < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	return path;
}

#endif
