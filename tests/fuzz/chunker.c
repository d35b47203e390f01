/*
 * tests/fuzz/chunker.c: the chunker spec (unixfs/dag.h: dag_chunker_check)
 * on the bytes as one string, with room for the reason and with none.
 */
#include "fuzz.h"
#include "unixfs/dag.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), why[128];

	if (dag_chunker_check(s, why, sizeof why) < 0)
		(void)strlen(why);
	dag_chunker_check(s, why, 1);
	free(s);
	return 0;
}
