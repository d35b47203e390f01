/* sim/tracewrite.c: generated patterns as text or oracleGeneral traces. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/tracewrite.h"
#include "base/sig.h"
#include "base/util.h"

static char *
utoa(char *end, uint64_t v)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

static void
put(FILE *f, const void *p, size_t n)
{
	if (fwrite(p, 1, n, f) != n)
		efshut();
}

int
emit_text(const struct pattern_opts *o, FILE *f)
{
	struct pattern *p = pattern_new(o);
	char buf[1 << 16], num[24];
	size_t n = 0;
	uint64_t id, size;
	int rc = 0;

	while (pattern_next(p, &id, &size)) {
		char *s;

		if (n > sizeof buf - 64) {
			put(f, buf, n);
			n = 0;
			if (interrupted) {
				rc = -1;
				break;
			}
		}
		s = utoa(num + sizeof num, id);
		memcpy(buf + n, s, num + sizeof num - s);
		n += num + sizeof num - s;
		if (o->size_lo) {
			buf[n++] = ' ';
			s = utoa(num + sizeof num, size);
			memcpy(buf + n, s, num + sizeof num - s);
			n += num + sizeof num - s;
		}
		buf[n++] = '\n';
	}
	put(f, buf, n);
	pattern_free(p);
	return rc;
}

static void
le(unsigned char *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++, v >>= 8)
		p[i] = (unsigned char)v;
}

int
emit_oracle(const struct pattern_opts *o, FILE *f)
{
	struct pattern *p;
	uint32_t *ids, *sizes, *next, *last;
	uint64_t id, size, n = o->nreq;
	unsigned char rec[24 * 1024];
	size_t k = 0;

	if (n >= UINT32_MAX || o->nobj >= UINT32_MAX)
		eprintf("--emit-trace=oracle: at most %u requests and objects", UINT32_MAX - 1);
	if (o->size_hi > UINT32_MAX)
		eprintf("--emit-trace=oracle: object sizes above %u bytes do not fit", UINT32_MAX);
	p = pattern_new(o);
	ids = emalloc(n * sizeof *ids);
	sizes = emalloc(n * sizeof *sizes);
	for (uint64_t i = 0; i < n && pattern_next(p, &id, &size); i++) {
		ids[i] = (uint32_t)id;
		sizes[i] = (uint32_t)size;
	}
	pattern_free(p);
	next = emalloc(n * sizeof *next);
	last = emalloc((o->nobj + 1) * sizeof *last);
	memset(last, 0xff, (o->nobj + 1) * sizeof *last);
	for (uint64_t i = n; i-- > 0;) {
		next[i] = last[ids[i]];
		last[ids[i]] = (uint32_t)i;
	}
	free(last);
	for (uint64_t i = 0; i < n; i++) {
		unsigned char *r = rec + 24 * k;

		le(r, i, 4);
		le(r + 4, ids[i], 8);
		le(r + 12, sizes[i], 4);
		le(r + 16, next[i] == UINT32_MAX ? UINT64_MAX : next[i], 8);
		if (++k == sizeof rec / 24) {
			put(f, rec, sizeof rec);
			k = 0;
			if (interrupted)
				break;
		}
	}
	put(f, rec, 24 * k);
	free(ids);
	free(sizes);
	free(next);
	return interrupted ? -1 : 0;
}
