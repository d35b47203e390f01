/*
 * Unit tests: every cache-sim policy on small traces worked by hand.
 * Objects are letters; a key is the letter's place in the alphabet
 * (A = 1), so the dumps list queues as numbers, newest first.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "sim/cache.h"
#include "tap.h"

static struct cache *
mk(const char *spec, uint64_t cap, uint64_t disk)
{
	char err[256];
	struct cache *c = cache_new(spec, 0, cap, disk, err, sizeof err);

	if (!c) {
		printf("not ok - cache_new %s: %s\n", spec, err);
		exit(1);
	}
	return c;
}

/* Run a trace of letters; return the hit/miss string ("h" or "m" each). */
static const char *
run(struct cache *c, const char *trace)
{
	static char out[256];
	size_t n = 0;

	for (const char *p = trace; *p; p++)
		if (*p != ' ')
			out[n++] = c->pol->get(c, (uint64_t)(*p - 'A' + 1), 1, -1) ? 'h' : 'm';
	out[n] = '\0';
	return out;
}

/* Belady needs next-access times: computed here from the trace. */
static const char *
run_next(struct cache *c, const char *trace)
{
	static char out[256];
	size_t n = strlen(trace);

	for (size_t i = 0; i < n; i++) {
		int64_t next = NEVER;

		for (size_t j = i + 1; j < n; j++)
			if (trace[j] == trace[i]) {
				next = (int64_t)j;
				break;
			}
		out[i] = c->pol->get(c, (uint64_t)(trace[i] - 'A' + 1), 1, next) ? 'h' : 'm';
	}
	out[n] = '\0';
	return out;
}

static const char *
dump(struct cache *c)
{
	static char *buf;
	size_t len;
	FILE *f;

	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	c->pol->dump(c, f);
	fclose(f);
	return buf;
}

static int
misses(const char *hm)
{
	int n = 0;

	for (; *hm; hm++)
		n += *hm == 'm';
	return n;
}

/* The reference string of Silberschatz et al., Operating System Concepts. */
static const char os_string[] = "HAB CAD AEC DAD CBC ABH AB";

static void
test_textbook(void)
{
	/* 7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1 as letters A=0 ... H=7 */
	char s[64];
	size_t n = 0;
	struct cache *c;

	for (const char *p = os_string; *p; p++)
		if (*p != ' ')
			s[n++] = *p;
	s[n] = '\0';
	c = mk("fifo", 3, 0);
	CHECK("textbook: FIFO, 3 frames, 15 faults", misses(run(c, s)) == 15);
	cache_free(c);
	c = mk("lru", 3, 0);
	CHECK("textbook: LRU, 3 frames, 12 faults", misses(run(c, s)) == 12);
	cache_free(c);
	c = mk("belady", 3, 0);
	CHECK("textbook: OPT (belady), 3 frames, 9 faults", misses(run_next(c, s)) == 9);
	cache_free(c);

	/* Belady's anomaly: 1 2 3 4 1 2 5 1 2 3 4 5 */
	c = mk("fifo", 3, 0);
	CHECK("Belady's anomaly: FIFO 3 frames, 9 faults", misses(run(c, "ABCDABEABCDE")) == 9);
	cache_free(c);
	c = mk("fifo", 4, 0);
	CHECK("Belady's anomaly: FIFO 4 frames, 10 faults", misses(run(c, "ABCDABEABCDE")) == 10);
	cache_free(c);
	c = mk("lru", 4, 0);
	CHECK("no anomaly for LRU: 4 frames, 8 faults", misses(run(c, "ABCDABEABCDE")) == 8);
	cache_free(c);
}

static void
test_lru(void)
{
	struct cache *c = mk("lru", 3, 0);

	CHECK_STR("lru: fills, a hit moves to the head", run(c, "ABCA"), "mmmh");
	CHECK_STR("lru: queue after ABCA", dump(c), "q: 1 3 2\n");
	CHECK_STR("lru: D evicts the least recent, B", run(c, "DB"), "mm");
	CHECK_STR("lru: queue after D B", dump(c), "q: 2 4 1\n");
	CHECK("lru: two evictions", c->evictions == 2);
	cache_free(c);
}

static void
test_clock(void)
{
	struct cache *c = mk("clock", 3, 0);

	/* A B C enter with bit 0; A's hit sets its bit. D: the tail A has its
	 * bit set: cleared and reinserted at the head; B goes. */
	CHECK_STR("clock: A hit sets its bit", run(c, "ABCA"), "mmmh");
	CHECK_STR("clock: bits after ABCA", dump(c), "q: 3 2 1\nbits: 0 0 1\n");
	run(c, "D");
	CHECK_STR("clock: second chance for A, B evicted", dump(c), "q: 4 1 3\nbits: 0 0 0\n");
	run(c, "E");
	CHECK_STR("clock: then C goes", dump(c), "q: 5 4 1\nbits: 0 0 0\n");
	run(c, "F");
	CHECK_STR("clock: A, reinserted but not hit again, goes next", dump(c),
	    "q: 6 5 4\nbits: 0 0 0\n");
	cache_free(c);

	c = mk("clock:bits=2", 2, 0);
	run(c, "ABAAA");
	CHECK_STR("clock:bits=2 counts to 3", dump(c), "q: 2 1\nbits: 0 3\n");
	run(c, "C");
	CHECK_STR("clock:bits=2: A survives with 2 (one decrement), B goes", dump(c),
	    "q: 3 1\nbits: 0 2\n");
	cache_free(c);
}

static void
test_sieve(void)
{
	struct cache *c = mk("sieve", 3, 0);

	/* Same trace as clock: SIEVE does not move A; its hand walks on. */
	CHECK_STR("sieve: A hit marks it", run(c, "ABCA"), "mmmh");
	CHECK_STR("sieve: marks after ABCA", dump(c), "q: 3 2 1\nbits: 0 0 1\nhand: 0\n");
	run(c, "D");
	CHECK_STR("sieve: hand clears A, evicts B, stops at C", dump(c),
	    "q: 4 3 1\nbits: 0 0 0\nhand: 3\n");
	run(c, "E");
	CHECK_STR("sieve: C goes, the hand moves to D", dump(c),
	    "q: 5 4 1\nbits: 0 0 0\nhand: 4\n");
	run(c, "F");
	CHECK_STR("sieve: D goes; A stays in place (CLOCK evicted it here)", dump(c),
	    "q: 6 5 1\nbits: 0 0 0\nhand: 5\n");
	run(c, "AG");
	CHECK_STR("sieve: A hit again keeps its mark; the hand takes E", dump(c),
	    "q: 7 6 1\nbits: 0 0 1\nhand: 6\n");
	cache_free(c);
}

static void
test_lfu(void)
{
	struct cache *c = mk("lfu", 3, 0);

	CHECK_STR("lfu: counts", run(c, "AAABBC"), "mhhmhm");
	CHECK_STR("lfu: buckets", dump(c), "f1: 3\nf2: 2\nf3: 1\n");
	run(c, "D");
	CHECK_STR("lfu: D evicts the least frequent, C", dump(c), "f1: 4\nf2: 2\nf3: 1\n");
	cache_free(c);

	/* ties: the one that reached the count first (least recent) goes */
	c = mk("lfu", 2, 0);
	CHECK_STR("lfu tie: C evicts A, the older of two at 1", run(c, "ABCA"), "mmmm");
	CHECK_STR("lfu tie: then A evicts B", dump(c), "f1: 1 3\n");
	run(c, "CCAD");
	CHECK_STR("lfu: A (2) goes before C (3)", dump(c), "f1: 4\nf3: 3\n");
	CHECK_STR("lfu: A comes back", run(c, "A"), "m");
	CHECK_STR("lfu: its count was forgotten at eviction", dump(c), "f1: 1\nf3: 3\n");
	cache_free(c);
}

static void
test_arc(void)
{
	struct cache *c = mk("arc", 2, 0);

	/* Megiddo & Modha's cases, c = 2, p = 0:
	 * A B: T1 = B A. A hit (case I): T2 = A. C: case IV-B, REPLACE moves
	 * B (T1's LRU) to B1. B: ghost hit in B1 (case II): p = 0 + 1 = 1;
	 * |T1| = 1 = p, so REPLACE takes T2's LRU, A, to B2; B enters T2.
	 * A: ghost hit in B2 (case III): p = 1 - max(0/1, 1) = 0; |T1| = 1 > 0:
	 * C goes to B1; A enters T2. D: |T1| = 0, so T2's LRU, B, goes to B2. */
	CHECK_STR("arc: hits and misses", run(c, "ABACB"), "mmhmm");
	CHECK_STR("arc: B1 hit raises p", dump(c), "T1: 3\nT2: 2\nB1:\nB2: 1\np: 1\n");
	CHECK_STR("arc: B2 hit", run(c, "A"), "m");
	CHECK_STR("arc: B2 hit lowers p", dump(c), "T1:\nT2: 1 2\nB1: 3\nB2:\np: 0\n");
	run(c, "D");
	CHECK_STR("arc: REPLACE takes T2's LRU when T1 is empty", dump(c),
	    "T1: 4\nT2: 1\nB1: 3\nB2: 2\np: 0\n");
	cache_free(c);

	/* case IV-A with |T1| = c: T1's LRU leaves without a ghost */
	c = mk("arc", 2, 0);
	run(c, "ABC");
	CHECK_STR("arc: |T1| = c, no ghost kept", dump(c), "T1: 3 2\nT2:\nB1:\nB2:\np: 0\n");
	cache_free(c);

	/* bytes: a ghost hit moves p by the object's size (step=size) */
	char err[256];
	c = cache_new("arc", 1, 100, 0, err, sizeof err);
	c->pol->get(c, 1, 40, -1);
	c->pol->get(c, 1, 40, -1);	/* T2 = 1 */
	c->pol->get(c, 2, 30, -1);	/* T1 = 2 */
	c->pol->get(c, 3, 30, -1);	/* T1 = 3 2: full */
	c->pol->get(c, 4, 30, -1);	/* REPLACE: 2 to B1 */
	c->pol->get(c, 2, 30, -1);	/* B1 hit: p += 1 x 30 */
	CHECK("arc bytes: p moves by the object's size", strstr(dump(c), "p: 30\n") != NULL);
	cache_free(c);
	c = cache_new("arc:step=1", 1, 100, 0, err, sizeof err);
	c->pol->get(c, 1, 40, -1);
	c->pol->get(c, 1, 40, -1);
	c->pol->get(c, 2, 30, -1);
	c->pol->get(c, 3, 30, -1);
	c->pol->get(c, 4, 30, -1);
	c->pol->get(c, 2, 30, -1);
	CHECK("arc:step=1: p moves by 1 (libCacheSim)", strstr(dump(c), "p: 1\n") != NULL);
	cache_free(c);
}

static void
test_2q(void)
{
	/* c = 4: Kin = 1, Kout = 2. A B C D fill A1in (free slots). */
	struct cache *c = mk("2q", 4, 0);

	CHECK_STR("2q: fill", run(c, "ABCD"), "mmmm");
	CHECK_STR("2q: all in A1in", dump(c), "A1in: 4 3 2 1\nAm:\nA1out:\n");
	run(c, "EF");
	CHECK_STR("2q: |A1in| > Kin: A1in's tail goes to A1out", dump(c),
	    "A1in: 6 5 4 3\nAm:\nA1out: 2 1\n");
	CHECK_STR("2q: a miss found in A1out", run(c, "A"), "m");
	CHECK_STR("2q: enters Am; A1out keeps Kout = 2", dump(c),
	    "A1in: 6 5 4\nAm: 1\nA1out: 3 2\n");
	run(c, "B");
	CHECK_STR("2q: B from A1out to Am", dump(c), "A1in: 6 5\nAm: 2 1\nA1out: 4 3\n");
	CHECK_STR("2q: hit in Am, hit in A1in", run(c, "AF"), "hh");
	CHECK_STR("2q: Am is LRU, A1in a FIFO", dump(c), "A1in: 6 5\nAm: 1 2\nA1out: 4 3\n");
	run(c, "C");
	CHECK_STR("2q: C from A1out to Am; E from A1in to A1out", dump(c),
	    "A1in: 6\nAm: 3 1 2\nA1out: 5 4\n");
	run(c, "D");
	CHECK_STR("2q: |A1in| = Kin: Am's LRU (B) goes, not to A1out", dump(c),
	    "A1in: 6\nAm: 4 3 1\nA1out: 5\n");
	cache_free(c);
}

static void
test_s3fifo(void)
{
	/* c = 10: S holds 1, M 9, G 9 */
	struct cache *c = mk("s3fifo", 10, 0);

	run(c, "ABCDEFGHIJ");
	CHECK_STR("s3fifo: hits only count", run(c, "AAB"), "hhh");
	CHECK_STR("s3fifo: all in S while the cache fills", dump(c),
	    "S: 10/0 9/0 8/0 7/0 6/0 5/0 4/0 3/0 2/1 1/2\nM:\nG:\n");
	run(c, "K");
	CHECK_STR("s3fifo: A (2 hits) moves to M, B (1) leaves to G", dump(c),
	    "S: 11/0 10/0 9/0 8/0 7/0 6/0 5/0 4/0 3/0\nM: 1/0\nG: 2\n");
	CHECK_STR("s3fifo: B is a miss", run(c, "B"), "m");
	CHECK_STR("s3fifo: a ghost hit enters M; C leaves to G", dump(c),
	    "S: 11/0 10/0 9/0 8/0 7/0 6/0 5/0 4/0\nM: 2/0 1/0\nG: 3\n");
	run(c, "AAAA");
	CHECK_STR("s3fifo: the counter stops at 3", dump(c),
	    "S: 11/0 10/0 9/0 8/0 7/0 6/0 5/0 4/0\nM: 2/0 1/3\nG: 3\n");
	cache_free(c);

	/* S's tail moves to M until one leaves S; M evicts lazily */
	c = mk("s3fifo", 10, 0);
	run(c, "ABCDEFGHIJ AABBCCDDEEFFGGHHII K");
	CHECK_STR("s3fifo: A..I move to M, J leaves to G", dump(c),
	    "S: 11/0\nM: 9/0 8/0 7/0 6/0 5/0 4/0 3/0 2/0 1/0\nG: 10\n");
	run(c, "KKA L");
	CHECK_STR("s3fifo: K's move takes M over its share; M's tail A (1 hit) is "
	    "reinserted with 0, B leaves", dump(c),
	    "S: 12/0\nM: 1/0 11/0 9/0 8/0 7/0 6/0 5/0 4/0 3/0\nG: 10\n");
	cache_free(c);

	c = mk("s3fifo:move=1", 10, 0);
	run(c, "ABCDEFGHIJ AB K");
	CHECK_STR("s3fifo:move=1: one hit is enough", dump(c),
	    "S: 11/0 10/0 9/0 8/0 7/0 6/0 5/0 4/0\nM: 2/0 1/0\nG: 3\n");
	cache_free(c);
}

static void
test_belady(void)
{
	struct cache *c = mk("belady", 2, 0);

	/* A B C A B: at C, A comes back at 3 and B at 4: B goes (furthest) */
	CHECK_STR("belady: evicts the furthest next use", run_next(c, "ABCAB"), "mmmhm");
	cache_free(c);
	c = mk("belady", 2, 0);
	c->pol->get(c, 1, 1, 3);
	c->pol->get(c, 2, 1, 4);
	c->pol->get(c, 3, 1, NEVER);
	CHECK_STR("belady: B (next at 4) goes before A (at 3)", dump(c), "heap: 3@never 1@3\n");
	cache_free(c);
}

static void
test_tiered(void)
{
	/* memory LRU of 2 over a disk LRU of 2, exclusive */
	struct cache *c = mk("tiered:lru/lru", 2, 2);
	const char *trace = "ABCADBEB";
	struct req r[8];
	struct tiers t;

	for (int i = 0; i < 8; i++)
		r[i] = (struct req){ (uint64_t)(trace[i] - 'A' + 1), 1, -1 };
	c->pol->run(c, r, 8);
	cache_tiers(c, &t);
	CHECK("tiered: A and B come back from disk, then B from memory",
	    c->hits == 3 && t.disk_hits == 2 && t.mem_hits == 1);
	CHECK_STR("tiered: promoted on a disk hit, demoted on eviction", dump(c),
	    "mem (lru)\nq: 2 5\ndisk (lru)\nq: 4 1\n");
	CHECK("tiered: one object left the cache (C)", c->evictions == 1);
	cache_free(c);
	c = mk("tiered:s3fifo:move=1/fifo", 10, 5);
	CHECK("tiered: policies with parameters", c != NULL);
	cache_free(c);
}

static void
test_specs(void)
{
	char err[256];
	const char *bad[] = {
		"lruu", "lru:x=1", "clock:bits=9", "2q:in=2", "s3fifo:move=0",
		"arc:step=2", "tiered:lru", "tiered:tiered/lru", "tiered:lru/nope", NULL,
	};

	for (int i = 0; bad[i]; i++) {
		char name[64];
		struct cache *c = cache_new(bad[i], 0, 10, 10, err, sizeof err);

		snprintf(name, sizeof name, "spec '%s' refused", bad[i]);
		CHECK(name, c == NULL && *err);
		cache_free(c);
	}
}

int
main(void)
{
	test_textbook();
	test_lru();
	test_clock();
	test_sieve();
	test_lfu();
	test_arc();
	test_2q();
	test_s3fifo();
	test_belady();
	test_tiered();
	test_specs();
	TAP_DONE();
}
