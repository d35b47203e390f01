/*
 * tests/fuzz/tune-rules.h: the tune-conf targets' common step: every rule
 * run offline on loaded evidence, every change proposed checked against its
 * key's range (abort if out), the patch and both reports printed to
 * /dev/null, all freed. Included by tune-compare.c and tune-results.c.
 */
#ifndef FUZZ_TUNE_RULES_H
#define FUZZ_TUNE_RULES_H

#include <stdio.h>
#include <stdlib.h>

#include "tune/evidence.h"
#include "tune/keys.h"
#include "tune/patch.h"
#include "tune/recommend.h"

static void
tune_rules_offline(struct tune_evidence *ev)
{
	struct tune_opts o = { .alpha = 0.05, .target = 0.9, .api_factor = 10, .large = 1 << 20 };
	struct tune_recs recs;
	struct tune_patch p;
	char why[512];
	FILE *f;

	tune_recommend(ev, NULL, &o, &recs);
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

#endif
