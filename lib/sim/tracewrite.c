/* sim/tracewrite.c: generated patterns as text or oracleGeneral traces. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/tracewrite.h"
#include "base/sig.h"
#include "base/util.h"
#include "sim/oracle.h"

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

int
emit_oracle(const struct pattern_opts *o, FILE *f)
{
	struct pattern *p;
	uint32_t *ids, *sizes, *next, *last;
	uint64_t id, size, n = o->nreq;
	unsigned char rec[ORACLE_REC * 1024];
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
		struct oracle r = { (uint32_t)i, ids[i], sizes[i],
		    next[i] == UINT32_MAX ? -1 : (int64_t)next[i] };

		oracle_put(rec + ORACLE_REC * k, &r);
		if (++k == sizeof rec / ORACLE_REC) {
			put(f, rec, sizeof rec);
			k = 0;
			if (interrupted)
				break;
		}
	}
	put(f, rec, ORACLE_REC * k);
	free(ids);
	free(sizes);
	free(next);
	return interrupted ? -1 : 0;
}
