/*
 * tests/fuzz/tune-results.c: what tune-conf tunes from with -c (cache-sim
 * results, tiered or not, and --mrc curves; tune/evidence.h) on the bytes
 * as a file, then every rule offline and the patch printed: UBSan sees the
 * conversions of capacities, and every change proposed must pass its key's
 * range check (else abort). The record library's loader exits on some
 * bad headers (eprintf, as the tool does): run under fuzz_call.
 * fuzz-options: -detect_leaks=0 */
#include <stdio.h>

#include "fuzz.h"
#include "tune/evidence.h"
#include "tune/keys.h"
#include "tune/patch.h"
#include "tune/recommend.h"

static void
run(void *arg)
{
	char *path = arg, why[512];
	struct tune_opts o = { .alpha = 0.05, .target = 0.9, .api_factor = 10, .large = 1 << 20 };
	struct tune_evidence ev;
	struct tune_recs recs;
	struct tune_patch p;
	FILE *f;

	if (evidence_load(&ev, NULL, 0, &path, 1) == 0) {
		tune_recommend(&ev, NULL, &o, &recs);
		tune_patch_of(&recs, &p);
		for (size_t i = 0; i < p.n; i++)
			if (tune_key_check(p.c[i].key, p.c[i].value, 1, why, sizeof why) < 0)
				abort();
		if ((f = fopen("/dev/null", "w"))) {
			patch_print(&p, 0, "fuzz", f);
			tune_report(&recs, NULL, 1, f);
			tune_report(&recs, NULL, 0, f);
			fclose(f);
		}
		patch_free(&p);
		tune_recs_free(&recs);
	}
	evidence_free(&ev);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_call(run, (void *)fuzz_path(data, size));
	return 0;
}
