/*
 * tests/fuzz/journal.c: the resume journal (xfer/journal.h): the bytes as a
 * journal file (a memfd, opened by its /proc/self/fd path) for an upload
 * of chunk-size=262144 cid-version=0 raw-leaves=0, then which blocks it
 * holds. A malformed journal exits 1, a correct answer (fuzz.h).
 */
#include <stdio.h>
#include <sys/mman.h>

#include "fuzz.h"
#include "base/util.h"
#include "xfer/journal.h"

static void
run(void *path)
{
	struct journal *j = journal_open(path, "chunk-size=262144 cid-version=0 raw-leaves=0");
	struct cid c;
	uint64_t n = journal_loaded(j);

	cid_of(&c, 0, CODEC_DAGPB, "", 0);
	for (uint64_t seq = 0; seq < 64 && seq <= n; seq++)
		journal_has(j, seq, &c);
	journal_close(j);
}

/*
 * Issue 11 point 4 (open): a block number up to 2^40 is allocated for
 * before it is checked against the upload, so "b 500000000 CID" asks for
 * 2 GB. Until the journal bounds them, inputs with a number of more than
 * 7 digits are skipped.
 */
static int
huge(const uint8_t *d, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++)
		if ((run = d[i] >= '0' && d[i] <= '9' ? run + 1 : 0) > 7)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd;

	if (huge(data, size))
		return 0;
	if ((fd = memfd_create("journal", 0)) < 0)
		abort();
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	fuzz_call(run, path);
	close(fd);
	return 0;
}
