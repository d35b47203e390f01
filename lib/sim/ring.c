/* sim/ring.c: queues of table rows in circular arrays, stale entries skipped. */
#include <stdlib.h>
#include <string.h>

#include "sim/ring.h"
#include "base/util.h"

enum { RING_MIN = 16 };

void
ring_init(struct ring *r, uint16_t q)
{
	memset(r, 0, sizeof *r);
	r->e = emalloc(RING_MIN * sizeof *r->e);
	r->mask = RING_MIN - 1;
	r->q = q;
}

void
ring_free(struct ring *r)
{
	free(r->e);
	r->e = NULL;
}

void
ring_make_room(struct ring *r, const struct objtab *t, unsigned col)
{
	uint32_t slots = r->mask + 1, w, p, i, *e;

	if (r->count <= slots / 4) {
		/* slide the rows towards the head, in order, over the stale entries */
		w = r->head;
		for (p = r->head; p-- != r->tail;) {
			if (p - r->tail >= 4 * RING_AHEAD)
				__builtin_prefetch(ot_row(t, r->e[(p - 4 * RING_AHEAD) & r->mask]));
			if (ring_live(r, t, col, p)) {
				i = r->e[p & r->mask];
				r->e[--w & r->mask] = i;
				ot_pos(t, i)[col] = w;
			}
		}
		r->tail = w;
		r->stale = 0;
		return;
	}
	if (slots > UINT32_MAX / 2)
		eprintf("more than %u objects in one queue", slots);
	e = emalloc(2 * (size_t)slots * sizeof *e);
	for (p = r->tail; p != r->head; p++)
		e[p & (2 * slots - 1)] = r->e[p & r->mask];
	free(r->e);
	r->e = e;
	r->mask = 2 * slots - 1;
}

void
ring_dump(FILE *f, const char *name, const struct ring *r, const struct objtab *t,
    unsigned col, int show, unsigned per)
{
	fprintf(f, "%s:", name);
	for (uint32_t p = r->head; p-- != r->tail;) {
		uint32_t i = r->e[p & r->mask];

		if (!ring_live(r, t, col, p))
			continue;
		fputc(' ', f);
		if (show & RING_KEY)
			fprintf(f, "%llu", (unsigned long long)ot_key(t, i));
		if (show == RING_KEY_COUNT)
			fputc('/', f);
		if (show & RING_COUNT)
			fprintf(f, "%u", ot_st(t, i)[col] / per);
	}
	fputc('\n', f);
}
