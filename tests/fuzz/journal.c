/*
 * tests/fuzz/journal.c: the resume journal (xfer/journal.h): the bytes
 * after the first as a journal file (a memfd, opened by its /proc/self/fd
 * path) for an upload of chunk-size=262144 cid-version=0 raw-leaves=0; the
 * first byte is the DAG's block count (0: unknown, else 4 per unit). Then
 * which blocks it holds and whether it fits a DAG of that many blocks.
 * Every number read is bounded before it is kept: no input may make it
 * allocate more than its lines need, nor leak, nor exit.
 */
#include <stdio.h>
#include <sys/mman.h>

#include "fuzz.h"
#include "xfer/journal.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], err[256];
	struct journal *j;
	struct cid c;
	uint64_t max, n;
	int fd;

	if (size < 1)
		return 0;
	max = (uint64_t)data[0] * 4;
	if ((fd = memfd_create("journal", 0)) < 0)
		abort();
	if (size > 1 && write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
		abort();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	j = journal_open(path, "chunk-size=262144 cid-version=0 raw-leaves=0", max, err, sizeof err);
	if (j) {
		cid_of(&c, 0, CODEC_DAGPB, "", 0);
		n = journal_loaded(j);
		for (uint64_t seq = 0; seq < 64 && seq <= n; seq++)
			journal_has(j, seq, &c, err, sizeof err);
		journal_end(j, max ? max : n + 1, &c, err, sizeof err);
		journal_close(j);
	} else {
		(void)strlen(err);
	}
	close(fd);
	return 0;
}
