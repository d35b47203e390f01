/* base/progress.c: a one-line progress display on stderr. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/progress.h"
#include "base/clock.h"
#include "base/util.h"

static int enabled, shown, dumb;
static size_t width, prevlen;	/* terminal columns (0: unknown), last line's bytes */
static double last, start;

void
progress_init(int quiet)
{
	const char *term = getenv("TERM");
	struct winsize ws;

	enabled = !quiet && isatty(STDERR_FILENO);
	dumb = !term || !*term || !strcmp(term, "dumb");
	width = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 ? ws.ws_col : 0;
	last = 0;
	start = now_mono();
}

int
progress_due(void)
{
	return enabled && now_mono() - last >= 0.1;
}

void
progress_show(int force, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	size_t n;
	double now;

	if (!enabled)
		return;
	now = now_mono();
	if (!force && now - last < 0.1)
		return;
	last = now;
	n = (size_t)snprintf(line, sizeof line, "%s: ", argv0);
	if (n >= sizeof line)
		n = sizeof line - 1;
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - n, fmt, ap);
	va_end(ap);
	n = strlen(line);
	/* one line: a wrapped one cannot be redrawn with \r */
	if (width > 1 && n > width - 1) {
		n = width - 1;
		while (n > 0 && ((unsigned char)line[n] & 0xc0) == 0x80)
			n--;	/* not inside a UTF-8 character */
		line[n] = '\0';
	}
	if (dumb)
		fprintf(stderr, "\r%s%*s", line, prevlen > n ? (int)(prevlen - n) : 0, "");
	else
		fprintf(stderr, "\r%s\033[K", line);
	prevlen = n;
	shown = 1;
}

void
progress_end(void)
{
	if (enabled && shown) {
		if (dumb)
			fprintf(stderr, "\r%*s\r", (int)prevlen, "");
		else
			fputs("\r\033[K", stderr);
	}
	shown = 0;
	prevlen = 0;
}

/* Bytes as "512 B", "12.0 KiB", "3.4 MiB"... */
static const char *
iec(double v, char *buf, size_t len)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	int u = 0;

	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, u ? "%.1f %s" : "%.0f %s", v, unit[u]);
	return buf;
}

/* A count as "950", "9999", "12.3k", "4.5M"... */
static const char *
si(double v, char *buf, size_t len)
{
	static const char suf[] = "kMGT";
	int u = -1;

	if (v < 10000) {
		snprintf(buf, len, v < 100 && v != (double)(uint64_t)v ? "%.1f" : "%.0f", v);
		return buf;
	}
	while (v >= 1000 && u < 3) {
		v /= 1000;
		u++;
	}
	snprintf(buf, len, "%.1f%c", v, suf[u]);
	return buf;
}

/* Seconds as "0:07", "12:07" or "3:12:07". */
static const char *
clockfmt(double s, char *buf, size_t len)
{
	unsigned long t = s > 0 && s < 1e9 ? (unsigned long)(s + 0.5) : 0;

	if (t >= 3600)
		snprintf(buf, len, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, len, "%lu:%02lu", t / 60, t % 60);
	return buf;
}

char *
progress_amount(char *buf, size_t len, int kind, uint64_t done, uint64_t total)
{
	double secs = now_mono() - start, rate = secs > 0 ? (double)done / secs : 0;
	char a[32], b[32], r[48], e[32], eta[32];
	size_t n;

	if (kind == PROGRESS_BYTES) {
		iec((double)done, a, sizeof a);
		iec((double)total, b, sizeof b);
		snprintf(r, sizeof r, "%s/s", iec(rate, e, sizeof e));
	} else {
		si((double)done, a, sizeof a);
		si((double)total, b, sizeof b);
		snprintf(r, sizeof r, "%s/s", si(rate, e, sizeof e));
	}
	if (total)
		n = (size_t)snprintf(buf, len, "%s of %s (%llu%%), ", a, b,
		    (unsigned long long)(done >= total ? 100 : done * 100 / total));
	else
		n = (size_t)snprintf(buf, len, "%s, ", a);
	if (n >= len)
		return buf;
	n += (size_t)snprintf(buf + n, len - n, "%s, elapsed %s", secs > 0 ? r : "-",
	    clockfmt(secs, e, sizeof e));
	if (total && n < len)
		snprintf(buf + n, len - n, ", ETA %s", done >= total ? "0:00" : rate > 0 ?
		    clockfmt((double)(total - done) / rate, eta, sizeof eta) : "-");
	return buf;
}
