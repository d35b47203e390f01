/*
 * craft: crafted UnixFS nodes, made with the project's own encoder, for
 * the tests of chunk-put -g (tests/node/chunk-put-dag.sh).
 *
 *	craft				TAP: the crafted nodes decode as asked
 *	craft node CID:SIZE...		a File node over these children, its
 *					blocksizes SIZE..., its filesize their
 *					sum (mod 2^64, as the encoder adds),
 *					as raw bytes on stdout
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "tap.h"
#include "unixfs/cid.h"
#include "unixfs/unixfs.h"

static size_t
node(uint8_t *out, struct ufs_child *c, size_t n)
{
	return ufs_node_encode(out, c, n);
}

static int
emit(int argc, char *argv[])
{
	struct ufs_child *c = ecalloc(argc, sizeof *c);
	uint8_t *out;
	size_t i, len;
	char *colon, *end;

	for (i = 0; i < (size_t)argc; i++) {
		if (!(colon = strrchr(argv[i], ':')))
			eprintf("%s: expected CID:SIZE", argv[i]);
		*colon = '\0';
		if (cid_parse(&c[i].cid, argv[i]) < 0)
			eprintf("%s: not a CID", argv[i]);
		c[i].filesize = strtoull(colon + 1, &end, 10);
		if (*end || end == colon + 1)
			eprintf("%s: not a size", colon + 1);
		c[i].tsize = c[i].filesize;
	}
	out = emalloc(ufs_node_maxlen(argc));
	len = node(out, c, argc);
	if (fwrite(out, 1, len, stdout) != len || fflush(stdout))
		eprintf("stdout:");
	free(out);
	free(c);
	return 0;
}

/* Encode children with these sizes, decode: blocksizes and filesize. */
static void
roundtrip(const char *name, const uint64_t *sizes, size_t n, uint64_t filesize)
{
	struct ufs_child c[4] = { 0 };
	struct pb_node nd = { 0 };
	struct ufs_data u = { 0 };
	uint8_t out[1024];
	const char *why = NULL;
	size_t i, len;
	int good;

	for (i = 0; i < n; i++) {
		cid_parse(&c[i].cid, "QmWUdJj7TQBcFAzCp3Y9BD4MeNL2ShcKmNLMyAuTyqcu6z");
		c[i].filesize = c[i].tsize = sizes[i];
	}
	len = node(out, c, n);
	good = pb_node_decode(&nd, out, len, &why) == 0 && nd.has_data &&
	    ufs_data_decode(&u, nd.data, nd.datalen, &why) == 0;
	CHECK(name, good && u.type == UFS_FILE && nd.nlinks == n && u.nblocksizes == n &&
	    u.has_filesize && u.filesize == filesize &&
	    !memcmp(u.blocksizes, sizes, n * sizeof *sizes));
	free(nd.links);
	free(u.blocksizes);
}

int
main(int argc, char *argv[])
{
	setargv0(argv[0]);
	if (argc > 1 && !strcmp(argv[1], "node"))
		return emit(argc - 2, argv + 2);
	if (argc > 1)
		eprintf("usage: craft [node CID:SIZE...]");
	roundtrip("craft: blocksizes [2^63+5] decode as such, filesize 2^63+5",
	    (uint64_t[]){ ((uint64_t)1 << 63) + 5 }, 1, ((uint64_t)1 << 63) + 5);
	roundtrip("craft: blocksizes [2^64-3, 8] decode as such, filesize 5",
	    (uint64_t[]){ UINT64_MAX - 2, 8 }, 2, 5);
	roundtrip("craft: blocksizes [5, 5] decode as such, filesize 10",
	    (uint64_t[]){ 5, 5 }, 2, 10);
	TAP_DONE();
}
