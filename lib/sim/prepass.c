/* sim/prepass.c: load a trace, then one backward pass for next accesses and the working set. */
#include <stdlib.h>
#include <string.h>

#include "sim/prepass.h"
#include "base/progress.h"
#include "base/sig.h"
#include "base/util.h"
#include "sim/hashtab.h"

struct loaded {
	struct source src;
	struct req *r;
	size_t n, pos;
};

static size_t
mem_read(struct source *s, struct req *r, size_t n)
{
	struct loaded *l = (struct loaded *)s;

	if (n > l->n - l->pos)
		n = l->n - l->pos;
	memcpy(r, l->r + l->pos, n * sizeof *r);
	l->pos += n;
	s->done = l->pos;
	return n;
}

static void
mem_close(struct source *s)
{
	struct loaded *l = (struct loaded *)s;

	free(l->r);
	free((char *)s->name);
	free(l);
}

struct source *
prepass_load(struct source *in, int want_next, uint64_t *objects, uint64_t *bytes,
    int progress)
{
	struct loaded *l = ecalloc(1, sizeof *l);
	size_t cap = 0, got;
	struct htab ht;
	struct { uint64_t key; int64_t last; } *seen = NULL;
	size_t nseen = 0, seencap = 0;

	progress_init(!progress);
	for (;;) {
		egrow((void **)&l->r, &cap, l->n + 65536, sizeof *l->r);
		got = in->read(in, l->r + l->n, cap - l->n);
		if (got == 0 || interrupted)
			break;
		l->n += got;
		source_progress(in, l->n, 0);
	}
	progress_end();
	l->src = *in;
	l->src.name = estrdup(in->name);
	l->src.done = 0;
	l->src.total = l->n;
	l->src.done_bytes = 0;
	l->src.read = mem_read;
	l->src.close = mem_close;
	in->close(in);

	*objects = *bytes = 0;
	ht_init(&ht, 1024);
	for (size_t i = l->n; i-- > 0;) {
		struct req *r = &l->r[i];
		uint32_t k = nseen ? ht_find(&ht, r->key, &seen[0].key, 2) : HT_NONE;

		if (k == HT_NONE) {
			egrow((void **)&seen, &seencap, nseen + 1, sizeof *seen);
			k = (uint32_t)nseen++;
			seen[k].key = r->key;
			ht_insert(&ht, r->key, k);
			++*objects;
			*bytes += r->size;
			if (want_next)
				r->next = NEVER;
		} else if (want_next) {
			r->next = seen[k].last;
		}
		seen[k].last = (int64_t)i;
	}
	if (want_next)
		l->src.has_next = 1;
	ht_free(&ht);
	free(seen);
	return &l->src;
}
