/*
 * tests/fuzz/pb.c: dag-pb and UnixFS decoding (unixfs/pb.h, unixfs.h): the
 * bytes as a PBNode, its Data as UnixFS, and the bytes as UnixFS Data and
 * as a run of protobuf fields and varints. Decoders reuse their arrays.
 */
#include "fuzz.h"
#include "unixfs/pb.h"
#include "unixfs/unixfs.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pb_node nd;
	static struct ufs_data u;
	const uint8_t *p = data, *end = data + size;
	struct pb_field f;
	const char *why;
	uint64_t v;

	if (pb_node_decode(&nd, data, size, &why) == 0) {
		for (size_t i = 0; i < nd.nlinks; i++)
			cid_verify(&nd.links[i].cid, data, 0);
		if (nd.has_data && ufs_data_decode(&u, nd.data, nd.datalen, &why) == 0) {
			if (u.nblocksizes > u.cap || (u.datalen && !u.data))
				abort();
		}
	}
	ufs_data_decode(&u, data, size, &why);
	while (pb_next(&p, end, &f) > 0)
		if (p > end)
			abort();
	for (p = data; p < end;) {
		size_t k = varint_get(p, end - p, &v);

		if (!k)
			break;
		p += k;
	}
	return 0;
}
