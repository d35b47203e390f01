/* Unit tests: TSV escaping, the record writer and reader, good and bad input. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "rec/read.h"
#include "rec/write.h"
#include "tap.h"

static char dir[] = "/tmp/ipfsperf-unit.XXXXXX";

static const char *
writefile(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static void
test_escape(void)
{
	const char *s = "a\tb\nc\\d\re";
	char esc[64], back[64];

	tsv_escape(esc, s, strlen(s));
	CHECK_STR("escape", esc, "a\\tb\\nc\\\\d\\re");
	CHECK("escaped has no tab or newline", !strchr(esc, '\t') && !strchr(esc, '\n'));
	strcpy(back, esc);
	tsv_unescape(back);
	CHECK_STR("escape round trip", back, s);
}

static void
roundtrip(int json)
{
	static const char *const cols[] = { "name", "n", "t", "note", NULL };
	char path[256], label[64];
	FILE *f;
	struct recw *w;
	struct recr *r;

	snprintf(path, sizeof path, "%s/rt%d", dir, json);
	f = fopen(path, "w");
	w = recw_open(f, cols, json);
	recw_comment(w, "tool test");
	recw_str(w, 0, "x\ty\"z\\");
	recw_int(w, 1, -42);
	recw_sec(w, 2, 0.0012346);
	recw_str(w, 3, "line1\nline2");
	recw_end(w);
	recw_str(w, 0, "second");
	recw_end(w);
	recw_close(w);
	fclose(f);

	snprintf(label, sizeof label, "%s round trip", json ? "json" : "tsv");
	r = recr_open(path, NULL);
	CHECK(label, r != NULL);
	if (!r)
		return;
	CHECK("reader finds format", recr_is_json(r) == json);
	CHECK("reader finds column by name", recr_col(r, "t") == 2);
	CHECK("reader misses unknown column", recr_col(r, "nope") == -1);
	CHECK("first record", recr_next(r) == 1);
	CHECK_STR("string field", recr_get(r, 0), "x\ty\"z\\");
	CHECK("int field", recr_num(r, 1) == -42);
	CHECK("seconds field", fabs(recr_num(r, 2) - 0.001235) < 1e-9);
	CHECK_STR("newline field", recr_get(r, 3), "line1\nline2");
	CHECK("second record", recr_next(r) == 1);
	CHECK("unset field is absent", recr_get(r, 1) == NULL && isnan(recr_num(r, 1)));
	CHECK("end of input", recr_next(r) == 0);
	recr_close(r);
}

static void
test_reader_errors(void)
{
	struct recr *r;
	const char *p;

	p = writefile("bad.tsv", "# c\na\tb\n1\t2\n1\t2\t3\n4\t5\n");
	r = recr_open(p, NULL);
	CHECK("tsv open", r && recr_next(r) == 1);
	CHECK("tsv wrong field count is an error", recr_next(r) == -1);
	CHECK("error names file:line", strstr(recr_where(r), "bad.tsv:4") != NULL);
	CHECK("error says why", strstr(recr_error(r), "expected 2") != NULL);
	CHECK("reading goes on after an error", recr_next(r) == 1 && recr_num(r, 1) == 5);
	recr_close(r);

	p = writefile("bad.jsonl", "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\"}\n{\"b\":\"y\",\"c\":null,\"a\":3}\n");
	r = recr_open(p, NULL);
	CHECK("json open", r && recr_next(r) == 1 && recr_num(r, recr_col(r, "a")) == 1);
	CHECK("json malformed object", recr_next(r) == -1 && strstr(recr_where(r), ":2"));
	CHECK("json keys in any order", recr_next(r) == 1 && recr_num(r, recr_col(r, "a")) == 3);
	CHECK("json null is absent", recr_get(r, recr_col(r, "c")) == NULL);
	recr_close(r);

	p = writefile("concat.tsv", "a\tb\n1\t2\n# second file\na\tb\n3\t4\n");
	r = recr_open(p, NULL);
	CHECK("concatenated files skip the repeated header",
	    r && recr_next(r) == 1 && recr_next(r) == 1 && recr_num(r, 0) == 3 &&
	    recr_next(r) == 0);
	recr_close(r);

	p = writefile("plain", "bafyA\nbafyB\n");
	r = recr_open(p, "cid");
	CHECK("plain lines as one column", r && recr_col(r, "cid") == 0 &&
	    recr_next(r) == 1 && !strcmp(recr_get(r, 0), "bafyA") &&
	    recr_next(r) == 1 && recr_next(r) == 0);
	recr_close(r);

	p = writefile("empty", "# only a comment\n");
	r = recr_open(p, NULL);
	CHECK("empty input has no records", r && recr_next(r) == 0);
	recr_close(r);

	CHECK("missing file fails to open", recr_open("/nonexistent/x", NULL) == NULL);
}

/* A \u escape with fewer than 4 hex digits is an error, never a read or
 * write past the line's end (issue 11 point 1: an ASan heap overflow in the
 * reader of prof-diff, cache-sim and ipfs-time-cat). */
static void
test_json_escapes(void)
{
	static char longcomment[5000];
	struct recr *r;
	const char *p;
	char text[6000];

	p = writefile("esc.jsonl", "{\"a\":\"\\u00e9\\u4e2d\\/\\\"\\t\"}\n"
	    "{\"a\":\"\\u1\n{\"a\":\"\\u12G4\"}\n{\"a\":\"\\u\"}\n{\"a\":\"x\\\n"
	    "{\"a\":\"\\u0041\\uABCD\"}\n");
	r = recr_open(p, NULL);
	CHECK("json \\u escapes are UTF-8", r && recr_next(r) == 1 &&
	    !strcmp(recr_get(r, 0), "\xc3\xa9\xe4\xb8\xad/\"\t"));
	CHECK("json \\u1 at the end of the line is an error",
	    recr_next(r) == -1 && strstr(recr_error(r), "bad \\u escape"));
	CHECK("json \\u with a non-hex digit is an error",
	    recr_next(r) == -1 && strstr(recr_error(r), "bad \\u escape"));
	CHECK("json \\u with no digit is an error",
	    recr_next(r) == -1 && strstr(recr_error(r), "bad \\u escape"));
	CHECK("json backslash at the end of the line is an error",
	    recr_next(r) == -1 && strstr(recr_error(r), "bad escape"));
	CHECK("json reading goes on after bad escapes", recr_next(r) == 1 &&
	    !strcmp(recr_get(r, 0), "A\xea\xaf\x8d") && recr_next(r) == 0);
	recr_close(r);

	/* the reproducer of the crash: a long comment line, then the escape */
	memset(longcomment, 'c', sizeof longcomment - 1);
	longcomment[0] = '#';
	snprintf(text, sizeof text, "{\"a\":\"b\"}\n%s\n{\"a\":\"\\u1\n", longcomment);
	r = recr_open(writefile("crash.jsonl", text), NULL);
	CHECK("json \\u1 after a long comment", r && recr_next(r) == 1 &&
	    recr_next(r) == -1 && recr_next(r) == 0);
	recr_close(r);
	CHECK("json \\u1 on the first line fails to open",
	    recr_open(writefile("first.jsonl", "{\"a\":\"\\u1\n"), NULL) == NULL);
}

/* After recr_next gave -1 or 0, no field of an earlier line is left: a
 * longer bad line moves the line buffer (issue 11 point 1). */
static void
test_no_stale_fields(void)
{
	static char text[9000];
	struct recr *r;

	memset(text, 0, sizeof text);
	strcpy(text, "a\tb\tc\n1\t2\t3\n");
	memset(text + strlen(text), 'x', 8000);
	strcat(text, "\n");
	r = recr_open(writefile("stale.tsv", text), NULL);
	CHECK("tsv: a record, then a malformed line", r && recr_next(r) == 1 &&
	    !strcmp(recr_get(r, 2), "3") && recr_next(r) == -1);
	CHECK("tsv: no field after a malformed line",
	    recr_get(r, 0) == NULL && recr_get(r, 1) == NULL && recr_get(r, 2) == NULL);
	CHECK("tsv: no field at the end of input", recr_next(r) == 0 && recr_get(r, 2) == NULL);
	recr_close(r);

	r = recr_open(writefile("stale.jsonl", "{\"a\":\"x\",\"b\":1}\n{\"a\":\"y\",\"b\":}\n"), NULL);
	CHECK("json: no field after a malformed line", r && recr_next(r) == 1 &&
	    recr_next(r) == -1 && recr_get(r, 0) == NULL && recr_get(r, 1) == NULL);
	recr_close(r);
}

int
main(void)
{
	if (!mkdtemp(dir))
		eprintf("mkdtemp:");
	test_escape();
	roundtrip(0);
	roundtrip(1);
	test_reader_errors();
	test_json_escapes();
	test_no_stale_fields();
	{
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			weprintf("could not remove %s", dir);
	}
	TAP_DONE();
}
