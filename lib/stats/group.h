/* stats/group.h: records grouped by the values of key columns, in input
 * order or in the order of their key values. */
#ifndef GROUP_H
#define GROUP_H

#include <stddef.h>

/* The values of one metric in one group. */
struct sample {
	double *x;
	size_t n, cap;
	size_t missing;		/* successful records without a value */
};

struct group {
	char **keys;		/* one value per key column, NULL when absent */
	size_t fail;		/* failed records (ok=0) */
	size_t dedup;		/* records, failed or not, marked dedup=1 */
	struct sample *m;	/* one per metric */
};

struct groups;

struct groups *groups_new(size_t nkeys, size_t nmetrics);
/* The group with these key values (NULL for absent), added when new. */
struct group *groups_get(struct groups *gs, const char *const *keys);
/* The group with these key values, or NULL. */
struct group *groups_find(const struct groups *gs, const char *const *keys);
size_t groups_count(const struct groups *gs);
/* Groups in the order their first record came, or after groups_sort in
 * the order of their keys. */
struct group *groups_at(const struct groups *gs, size_t i);
/*
 * Order the groups by their key values, the first key first: numbers by
 * value (sizes 1024 before 65536 before 1048576) and before text, text by
 * bytes (cold before warm), an absent value or "-" last.
 */
void groups_sort(struct groups *gs);
/* The order of groups_sort: <0, 0 (the same keys) or >0. */
int groups_cmp(const struct groups *gs, const struct group *a, const struct group *b);
void groups_free(struct groups *gs);

void sample_add(struct sample *s, double v);

#endif
