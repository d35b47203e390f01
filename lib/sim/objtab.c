/* sim/objtab.c: rows of objects shared by the caches of one simulation. */
#include <stdlib.h>
#include <string.h>

#include "sim/objtab.h"
#include "base/util.h"

void
ot_init(struct objtab *t, unsigned ncol, int bytes)
{
	memset(t, 0, sizeof *t);
	t->ncol = ncol;
	t->bytes = bytes;
	t->posoff = (12 + 2 * (size_t)ncol + 3) & ~(size_t)3;
	t->unitoff = (t->posoff + 4 * (size_t)ncol + 7) & ~(size_t)7;
	t->rowsize = bytes ? t->unitoff + 8 * (size_t)ncol : t->unitoff;
	t->free = OT_NONE;
	ht_init(&t->ht, 1024);
}

void
ot_free(struct objtab *t)
{
	ht_free(&t->ht);
	free(t->rows);
	free(t->dying);
	t->rows = NULL;
	t->dying = NULL;
}

static void
grow(struct objtab *t)
{
	size_t want = t->cap ? 2 * (size_t)t->cap : 1024;
	void *p;

	if (want >= OT_NONE)
		want = OT_NONE - 1;
	if (want <= t->cap)
		eprintf("more than %u objects in one simulation", t->cap);
	if (posix_memalign(&p, 64, want * t->rowsize))
		eprintf("out of memory for %zu objects", want);
	if (t->n)
		memcpy(p, t->rows, (size_t)t->n * t->rowsize);
	free(t->rows);
	t->rows = p;
	t->cap = (uint32_t)want;
}

uint32_t
ot_add(struct objtab *t, uint64_t key)
{
	uint32_t i;

	if (t->free != OT_NONE) {
		i = t->free;
		t->free = ot_pos(t, i)[0];
	} else {
		if (t->n == t->cap)
			grow(t);
		i = t->n++;
	}
	*(uint64_t *)ot_row(t, i) = key;
	*ot_refs(t, i) = 1;
	memset(ot_st(t, i), 0, 2 * (size_t)t->ncol);
	ht_insert(&t->ht, key, i);
	return i;
}

void
ot_drop(struct objtab *t, uint32_t i)
{
	egrow((void **)&t->dying, &t->dyingcap, t->ndying + 1, sizeof *t->dying);
	t->dying[t->ndying++] = i;
}

void
ot_reap(struct objtab *t)
{
	size_t k;
	uint32_t i;

	for (k = 0; k < t->ndying; k++)
		ht_prefetch(&t->ht, ot_key(t, t->dying[k]));
	for (k = 0; k < t->ndying; k++) {
		i = t->dying[k];
		ht_delete(&t->ht, ot_key(t, i), i);
		ot_pos(t, i)[0] = t->free;
		t->free = i;
	}
	t->ndying = 0;
}
