/* Unit tests: CAR v1 header and sections; the resume journal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "unixfs/car.h"
#include "unixfs/cid.h"
#include "xfer/journal.h"

static char dir[] = "/tmp/ipfsperf-unit.XXXXXX";

int
main(void)
{
	uint8_t h[CAR_HEADER_MAX], s[CAR_SECTION_HEAD_MAX];
	struct cid c, d;
	struct journal *j;
	char path[256], err[600];
	size_t n;
	FILE *f;

	/* {"roots": [CID], "version": 1} in dag-cbor, after a varint length */
	cid_parse(&c, "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
	n = car_header(h, &c);
	CHECK("header length: varint + 56 bytes of CBOR", n == 57 && h[0] == 56);
	CHECK("header: map(2), \"roots\", array(1), tag 42, bytes(35), 0x00",
	    !memcmp(h + 1, "\xa2\x65roots\x81\xd8\x2a\x58\x23\x00", 13));
	CHECK("header: the CID bytes", !memcmp(h + 14, c.b, 34));
	CHECK("header: \"version\": 1", !memcmp(h + 48, "\x67version\x01", 9));
	cid_of(&d, 1, CODEC_RAW, "x", 1);
	n = car_section_head(s, &d, 1);
	CHECK("section: varint(CID + data) then the CID", n == 37 && s[0] == 37 &&
	    !memcmp(s + 1, d.b, 36));

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/j", dir);
	j = journal_open(path, "chunk-size=4", 0, err, sizeof err);
	CHECK("new journal is empty", journal_loaded(j) == 0 &&
	    !journal_has(j, 0, &c, err, sizeof err));
	journal_add(j, 0, &c);
	journal_add_range(j, 1, 3, &d);
	journal_close(j);
	/* a torn last line, as a kill -9 in the middle of a write would leave */
	f = fopen(path, "a");
	fputs("b 9 Qmb", f);
	fclose(f);
	j = journal_open(path, "chunk-size=4", 0, err, sizeof err);
	CHECK("reopened: 4 blocks, the torn line ignored", journal_loaded(j) == 4);
	CHECK("reopened: blocks 0..3 stored, 4 and 9 not",
	    journal_has(j, 0, &c, err, sizeof err) == 1 &&
	    journal_has(j, 2, &c, err, sizeof err) == 1 &&
	    journal_has(j, 3, &d, err, sizeof err) == 1 &&
	    journal_has(j, 4, &c, err, sizeof err) == 0 &&
	    journal_has(j, 9, &c, err, sizeof err) == 0);
	journal_add(j, 4, &c);
	journal_done(j, &c);
	journal_close(j);
	j = journal_open(path, "chunk-size=4", 0, err, sizeof err);
	CHECK("the torn line is gone, new lines are whole", journal_loaded(j) == 5 &&
	    !journal_has(j, 9, &c, err, sizeof err));
	journal_close(j);
	unlink(path);
	rmdir(dir);
	TAP_DONE();
}
