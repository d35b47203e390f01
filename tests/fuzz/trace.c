/*
 * tests/fuzz/trace.c: the trace readers (sim/trace.h): text, CSV, TSV,
 * oracleGeneral and timing records, and the format detection. The first
 * byte picks the format, skip_bad, need_next and the columns; the rest is
 * the file (a memfd, read through its /proc/self/fd path). Bad input that
 * makes the reader exit 1 is a correct answer (fuzz.h).
 *
 * An input the reader rejects exits, leaking its 1 MiB buffer (fuzz.h):
 * over a few hundred thousand inputs that is libFuzzer's 2 GB limit, so
 * this target runs in fork mode, whose jobs of a few seconds each start
 * afresh (a real out-of-memory within one input is still one).
 *
 * fuzz-options: -detect_leaks=0 -fork=1 */
#include <stdio.h>
#include <sys/mman.h>

#include "fuzz.h"
#include "base/util.h"
#include "sim/trace.h"

struct arg { const char *path; uint8_t how; };

static void
run(void *p)
{
	const char *path = ((struct arg *)p)->path;
	uint8_t how = ((struct arg *)p)->how;
	static const char *const cols[4][2] = {
		{ NULL, NULL }, { "1", "2" }, { "cid", "size" }, { "id", NULL },
	};
	struct trace_opts o = {
		.format = (how & 7) % 6,
		.skip_bad = !!(how & 8),
		.need_next = !!(how & 16),
		.id_col = cols[(how >> 5) & 3][0],
		.size_col = cols[(how >> 5) & 3][1],
	};
	static struct req r[64];
	struct source *s = trace_open(path, &o);

	while (s->read(s, r, 64) > 0)
		;
	s->close(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd;

	if (size < 1)
		return 0;
	if ((fd = memfd_create("trace", 0)) < 0)
		abort();
	if (size > 1 && write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
		abort();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	fuzz_call(run, &(struct arg){ path, data[0] });
	close(fd);
	return 0;
}
