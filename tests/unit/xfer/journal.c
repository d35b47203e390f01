/* Unit tests: the resume journal's parser (every number bounded, every
 * error naming its line) and the block count that bounds it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "tap.h"
#include "unixfs/cid.h"
#include "unixfs/dag.h"
#include "xfer/journal.h"
#include "xfer/upload.h"

#define A "QmWUdJj7TQBcFAzCp3Y9BD4MeNL2ShcKmNLMyAuTyqcu6z"
#define B "QmYJ3D4Ts8TYxTxsWCaHwmZZu8nqy3qq6nRQfvUw9Hu7Dz"
#define HEAD "chunk-put journal 1\nparams P\n"

static char err[600];
static struct cid ca, cb;

/* Write a journal with this text and open it; NULL with err. */
static struct journal *
load(const char *text, uint64_t maxblocks)
{
	FILE *f = fopen("journal", "w");

	fputs(text, f);
	fclose(f);
	err[0] = '\0';
	return journal_open("journal", "P", maxblocks, err, sizeof err);
}

/* The journal is refused, the error starting with want. */
static void
refused(const char *name, const char *text, uint64_t maxblocks, const char *want)
{
	struct journal *j = load(text, maxblocks);
	char msg[700];

	snprintf(msg, sizeof msg, "%s (%s)", name, err);
	CHECK(msg, !j && !strncmp(err, want, strlen(want)));
	journal_close(j);
}

static uint64_t
count_blocks(const struct dag_opts *o, size_t size)
{
	uint8_t *buf = calloc(1, size + 1);
	FILE *f = tmpfile();
	int fd;
	struct dag *d;
	struct dag_block b;
	uint64_t n = 0;

	fwrite(buf, 1, size, f);
	rewind(f);
	fd = fileno(f);
	d = dag_open(o, dag_fdread, &fd);
	while (dag_next(d, &b) > 0)
		n++;
	dag_close(d);
	fclose(f);
	free(buf);
	return n;
}

int
main(void)
{
	char dir[] = "/tmp/journal-test.XXXXXX", name[200], text[600];
	struct journal *j;
	struct dag_opts o = { .chunk = 10, .maxlinks = 3 };
	size_t sizes[] = { 0, 1, 10, 11, 30, 31, 90, 91, 271, 1000 }, i;
	FILE *f;
	long len;

	setargv0("journal");
	if (!mkdtemp(dir) || chdir(dir) < 0)
		eprintf("%s:", dir);
	cid_parse(&ca, A);
	cid_parse(&cb, B);

	/* what a real run writes */
	j = load(HEAD "b 0 " A "\nr 1 3 " B "\nb 7 " A "\nroot " B "\n", 8);
	CHECK("a good journal opens", j != NULL);
	if (j) {
		CHECK("loaded: blocks 0-3 and 7", journal_loaded(j) == 5);
		CHECK("block 0 with its CID: sent", journal_has(j, 0, &ca, err, sizeof err) == 1);
		CHECK("block 2 inside a range: sent", journal_has(j, 2, &ca, err, sizeof err) == 1);
		CHECK("block 4: not sent", journal_has(j, 4, &ca, err, sizeof err) == 0);
		CHECK("block 8: not sent", journal_has(j, 8, &ca, err, sizeof err) == 0);
		CHECK("block 7 with another CID after a match: the line is wrong",
		    journal_has(j, 7, &cb, err, sizeof err) == -1 &&
		    !strncmp(err, "journal:5: block 7 is " A " in the journal but " B, 60) &&
		    strstr(err, "the line is wrong"));
		CHECK("the end with its root: fine", journal_end(j, 8, &cb, err, sizeof err) == 0);
		CHECK("the end with another root: the root line named",
		    journal_end(j, 8, &ca, err, sizeof err) == -1 &&
		    !strncmp(err, "journal:6: root " B " is not this file's root (" A ")", 200));
		CHECK("the end with 7 blocks: block 7 named on its line",
		    journal_end(j, 7, &cb, err, sizeof err) == -1 &&
		    !strncmp(err, "journal:5: block 7 beyond the file's 7 blocks", 45));
		journal_close(j);
	}
	j = load(HEAD "b 3 " A "\n", 0);
	CHECK("another file: the first block differs, said so with the line",
	    j && journal_has(j, 3, &cb, err, sizeof err) == -1 &&
	    !strncmp(err, "journal:3: block 3 is " A, 30) &&
	    strstr(err, "the file changed since the journal was written"));
	journal_close(j);

	/* numbers bounded before anything is kept */
	refused("b 500000000 in a file of 805 blocks", HEAD "b 500000000 " A "\n", 805,
	    "journal:3: block 500000000 beyond the file's 805 blocks");
	refused("r 0 1099511627775 in a file of 805 blocks",
	    HEAD "b 0 " A "\nr 0 1099511627775 " A "\n", 805,
	    "journal:4: block 1099511627775 beyond the file's 805 blocks");
	refused("r 0 2^64 + 1: out of range", HEAD "r 0 18446744073709551617 " A "\n", 0,
	    "journal:3: block number 18446744073709551617 out of range");
	refused("b 2^40 + 1: out of range", HEAD "b 1099511627777 " A "\n", 0,
	    "journal:3: block number 1099511627777 out of range");
	j = load(HEAD "r 0 1099511627775 " A "\n", 0);
	CHECK("size unknown: a huge range costs one line, then the end names it",
	    j && journal_end(j, 805, &ca, err, sizeof err) == -1 &&
	    !strncmp(err, "journal:3: block 1099511627775 beyond the file's 805 blocks", 50));
	journal_close(j);
	refused("b 805 in a file of 805 blocks", HEAD "b 805 " A "\n", 805,
	    "journal:3: block 805 beyond the file's 805 blocks");
	j = load(HEAD "b 804 " A "\n", 805);
	CHECK("b 804 in a file of 805 blocks: fine", j != NULL);
	journal_close(j);

	/* decimal numbers only */
	refused("b -1", HEAD "b -1 " A "\n", 0,
	    "journal:3: block number '-1' is not a decimal number");
	refused("b +1", HEAD "b +1 " A "\n", 0, "journal:3: block number '+1' is not a decimal");
	refused("b 0x10", HEAD "b 0x10 " A "\n", 0, "journal:3: block number '0x10' is not");
	refused("r 1 -3", HEAD "r 1 -3 " A "\n", 0, "journal:3: block number '-3' is not");
	refused("r 3 1: backwards", HEAD "r 3 1 " A "\n", 0,
	    "journal:3: range 3-1 ends before it starts");

	/* fields exact: no trailing junk, no missing parts */
	refused("b with trailing junk", HEAD "b 1 " A " junk\n", 0,
	    "journal:3: junk after 'b SEQ CID'");
	refused("b with a trailing space", HEAD "b 1 " A " \n", 0, "journal:3: junk after");
	refused("r with trailing junk", HEAD "r 1 2 " A " x\n", 0,
	    "journal:3: junk after 'r FIRST LAST CID'");
	refused("root with trailing junk", HEAD "root " A " x\n", 0,
	    "journal:3: junk after 'root CID'");
	refused("b without a CID", HEAD "b 1\n", 0, "journal:3: 'b' line without");
	refused("b with a bad CID", HEAD "b 1 Qmnotacid\n", 0,
	    "journal:3: 'Qmnotacid' is not a CID");
	refused("b with an empty number", HEAD "b  " A "\n", 0,
	    "journal:3: a block number is missing");
	refused("an unknown line", HEAD "b 0 " A "\nx 1 2\n", 0,
	    "journal:4: not a journal line (b, r or root)");
	f = fopen("journal", "w");
	fwrite(HEAD "b 0 " A "\nb 1\0 x\n", 1, sizeof HEAD "b 0 " A "\nb 1\0 x\n" - 1, f);
	fclose(f);
	j = journal_open("journal", "P", 0, err, sizeof err);
	CHECK("a NUL byte: the line named", !j && !strncmp(err, "journal:4: a NUL byte", 21));
	journal_close(j);

	/* lines that contradict each other */
	refused("block 3 with two CIDs", HEAD "b 3 " A "\nb 3 " B "\n", 0,
	    "journal:4: block 3 is " B " here but " A " on line 3");
	refused("a range's last block with another CID", HEAD "b 3 " A "\nr 1 3 " B "\n", 0,
	    "journal:4: block 3 is " B " here but " A " on line 3");
	refused("two roots", HEAD "root " A "\nroot " B "\n", 0,
	    "journal:4: root " B " differs from root " A " on line 3");
	j = load(HEAD "b 3 " A "\nb 3 " A "\n", 0);
	CHECK("block 3 twice with one CID (sent again): fine",
	    j && journal_loaded(j) == 1);
	journal_close(j);

	/* header */
	refused("not a journal", "hello\n", 0, "journal:1: not a chunk-put journal");
	refused("not a journal, no newline", "hello", 0, "journal:1: not a chunk-put journal");
	refused("other parameters", "chunk-put journal 1\nparams Q\n", 0,
	    "journal:2: journal of an upload with other parameters");
	refused("no parameters line", "chunk-put journal 1\n", 0,
	    "journal: journal without its parameters line");

	/* a torn last line: ignored and removed */
	j = load(HEAD "b 0 " A "\nb 1 QmWUdJj7TQBcFAzCp3Y9BD4Me", 0);
	f = fopen("journal", "r");
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fclose(f);
	CHECK("torn last line: ignored", j && journal_loaded(j) == 1 &&
	    journal_has(j, 1, &ca, err, sizeof err) == 0);
	CHECK("torn last line: removed from the file",
	    len == (long)strlen(HEAD "b 0 " A "\n"));
	journal_close(j);

	/* a new journal gets its header */
	unlink("journal");
	j = journal_open("journal", "P", 0, err, sizeof err);
	journal_add(j, 0, &ca);
	journal_add_range(j, 1, 4, &cb);
	journal_done(j, &cb);
	journal_close(j);
	f = fopen("journal", "r");
	len = fread(text, 1, sizeof text - 1, f);
	text[len] = '\0';
	fclose(f);
	CHECK_STR("written as read", text, HEAD "b 0 " A "\nr 1 4 " B "\nroot " B "\n");

	/* the block count that bounds the numbers: as the builder makes them */
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		snprintf(name, sizeof name, "upload_blocks: %zu bytes, chunks of 10, 3 links",
		    sizes[i]);
		CHECK(name, upload_blocks(&o, sizes[i]) == count_blocks(&o, sizes[i]));
	}
	o = (struct dag_opts){ .chunk = 1000 };
	CHECK("upload_blocks: 200000 bytes of 1000, 174 links: 203",
	    upload_blocks(&o, 200000) == count_blocks(&o, 200000) &&
	    upload_blocks(&o, 200000) == 203);

	unlink("journal");
	if (chdir("/") == 0)
		rmdir(dir);
	TAP_DONE();
}
