/*
 * tests/fuzz/tune-backup.c: a tune-conf backup (tune/patch.h: backup_load)
 * on the bytes as a file: loaded, its entries read, freed. A backup that
 * loads names only keys of the table (tune/keys.h), each once, none
 * init-only (else abort).
 */
#include "fuzz.h"
#include "tune/patch.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tune_backup b;
	json_t *list, *o;
	size_t i;

	if (backup_load(&b, fuzz_path(data, size)) < 0)
		return 0;
	list = json_object_get(b.doc, "keys");
	json_array_foreach(list, i, o) {
		const struct tune_key *k = tune_key(json_string_value(json_object_get(o, "key")));

		if (!k || k->when == WHEN_INIT)
			abort();
	}
	backup_free(&b);
	return 0;
}
