/*
 * sim/oracle.h: libCacheSim's oracleGeneral record, read by trace.c and
 * written by tracewrite.c: 24 bytes, little-endian, uint32 time, uint64
 * obj_id, uint32 obj_size, int64 next_access_vtime (-1 or INT64_MAX:
 * never requested again).
 */
#ifndef ORACLE_H
#define ORACLE_H

#include <stdint.h>

#define ORACLE_NAME "oracleGeneral"	/* libCacheSim's name of the format */

enum { ORACLE_REC = 24 };

struct oracle {
	uint32_t time;
	uint64_t id;
	uint32_t size;
	int64_t next;
};

static inline uint64_t
oracle_le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

static inline void
oracle_put_le(unsigned char *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++, v >>= 8)
		p[i] = (unsigned char)v;
}

static inline struct oracle
oracle_get(const unsigned char *p)
{
	return (struct oracle){
		.time = (uint32_t)oracle_le(p, 4), .id = oracle_le(p + 4, 8),
		.size = (uint32_t)oracle_le(p + 12, 4), .next = (int64_t)oracle_le(p + 16, 8),
	};
}

static inline void
oracle_put(unsigned char *p, const struct oracle *r)
{
	oracle_put_le(p, r->time, 4);
	oracle_put_le(p + 4, r->id, 8);
	oracle_put_le(p + 12, r->size, 4);
	oracle_put_le(p + 16, (uint64_t)r->next, 8);
}

#endif
