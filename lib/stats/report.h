/* stats/report.h: prof-diff's reports: summaries and comparisons of profiles. */
#ifndef PROFREPORT_H
#define PROFREPORT_H

#include <stdio.h>

#include "stats/profile.h"

enum { OUT_TEXT, OUT_TSV, OUT_JSON };

struct reportopts {
	double alpha;		/* significance level; intervals at 1 - alpha */
	int format;		/* OUT_TEXT, OUT_TSV, OUT_JSON */
	double fail_slower;	/* percent; negative: no gate */
};

/* Summarize each group of the one profile, per metric. */
void report_summary(struct profset *ps, const struct reportopts *o, FILE *f);

/*
 * Compare the first profile with each other one, group by group and per
 * metric. Returns how many groups are significantly slower by more than
 * o->fail_slower percent (each is named on stderr). A comparison in which
 * no group is on both sides is said on stderr and counted in ps->nomatch.
 * With a gate, a group whose sample counts can never reach p < alpha is
 * said on stderr: the gate cannot fire for it; a comparison in which no
 * group can is said too and counted as one: the gate cannot judge it.
 */
size_t report_compare(struct profset *ps, const struct reportopts *o, FILE *f);

#endif
