/* sim/hashtab.c: open addressing, linear probing, backward-shift deletion. */
#include <stdlib.h>
#include <string.h>

#include "sim/hashtab.h"
#include "base/util.h"

#define EMPTY UINT64_MAX

static void
alloc_slots(struct htab *t, unsigned bits)
{
	if (bits > 31)
		eprintf("hash table too large (2^%u slots)", bits);
	t->slot = emalloc(sizeof *t->slot << bits);
	memset(t->slot, 0xff, sizeof *t->slot << bits);
	t->mask = (1U << bits) - 1;
	t->shift = 32 - bits;
}

void
ht_init(struct htab *t, size_t expect)
{
	unsigned bits = 4;

	while (bits < 31 && ((size_t)1 << bits) < 2 * expect)
		bits++;
	alloc_slots(t, bits);
	t->n = 0;
}

void
ht_free(struct htab *t)
{
	free(t->slot);
	t->slot = NULL;
}

static void
put(struct htab *t, uint64_t s)
{
	uint32_t i = (uint32_t)(s >> 32) >> t->shift;

	while (t->slot[i] != EMPTY)
		i = (i + 1) & t->mask;
	t->slot[i] = s;
}

static void
grow(struct htab *t)
{
	uint64_t *old = t->slot;
	size_t n = (size_t)t->mask + 1;

	alloc_slots(t, 33 - t->shift);
	for (size_t i = 0; i < n; i++)
		if (old[i] != EMPTY)
			put(t, old[i]);
	free(old);
}

void
ht_insert(struct htab *t, uint64_t key, uint32_t v)
{
	if (2 * ((size_t)t->n + 1) > (size_t)t->mask + 1)
		grow(t);
	put(t, (ht_hash(key) >> 32 << 32) | v);
	t->n++;
}

void
ht_delete(struct htab *t, uint64_t key, uint32_t v)
{
	uint64_t want = (ht_hash(key) >> 32 << 32) | v;
	uint32_t i = (uint32_t)(want >> 32) >> t->shift, j, home;

	while (t->slot[i] != want) {
		if (t->slot[i] == EMPTY)
			eprintf("internal error: hash table entry not found");
		i = (i + 1) & t->mask;
	}
	/* shift back the entries whose probe sequence passed through i */
	for (j = (i + 1) & t->mask; t->slot[j] != EMPTY; j = (j + 1) & t->mask) {
		home = (uint32_t)(t->slot[j] >> 32) >> t->shift;
		if (((j - home) & t->mask) >= ((j - i) & t->mask)) {
			t->slot[i] = t->slot[j];
			i = j;
		}
	}
	t->slot[i] = EMPTY;
	t->n--;
}
