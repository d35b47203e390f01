/*
 * tests/fuzz/tune-results.c: what tune-conf tunes from with -c (cache-sim
 * results, tiered or not, and --mrc curves; tune/evidence.h) on the bytes
 * as a file, then every rule offline and the patch printed: UBSan sees the
 * conversions of capacities, and every change proposed must pass its key's
 * range check (else abort). The record library's loader exits on some
 * bad headers (eprintf, as the tool does): run under fuzz_call.
 * fuzz-options: -detect_leaks=0 */
#include "fuzz.h"
#include "tune-rules.h"

static void
run(void *arg)
{
	char *path = arg;
	struct tune_evidence ev;

	if (evidence_load(&ev, NULL, 0, &path, 1) == 0)
		tune_rules_offline(&ev);
	evidence_free(&ev);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_call(run, (void *)fuzz_path(data, size));
	return 0;
}
