/* base/progress.c: a one-line progress display on stderr. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "base/progress.h"
#include "base/clock.h"
#include "base/util.h"

static int enabled, shown;
static double last;

void
progress_init(int quiet)
{
	enabled = !quiet && isatty(STDERR_FILENO);
}

void
progress_show(int force, const char *fmt, ...)
{
	va_list ap;
	double now;

	if (!enabled)
		return;
	now = now_mono();
	if (!force && now - last < 0.1)
		return;
	last = now;
	fprintf(stderr, "\r%s: ", argv0);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\033[K", stderr);
	shown = 1;
}

void
progress_end(void)
{
	if (enabled && shown)
		fputs("\r\033[K", stderr);
	shown = 0;
}
