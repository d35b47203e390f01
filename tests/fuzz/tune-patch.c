/*
 * tests/fuzz/tune-patch.c: tune-conf's --from patch (tune/patch.h:
 * patch_read, patch_check) on the bytes as a file, then both printed
 * forms, checked or not: every line of the sh form must be a "# " comment
 * or "ipfs config --json 'KEY' 'VALUE'", each word quoted, no control
 * character anywhere (a DEL only inside a quoted value) (else abort).
 */
#include <stdio.h>

#include "fuzz.h"
#include "tune/patch.h"

/* One sh word made of '...' parts and \' (shquote's form): its end, or NULL. */
static const char *
word(const char *p, const char *end)
{
	const char *start = p;

	while (p < end && *p != ' ') {
		if (*p == '\'') {
			if (!(p = memchr(p + 1, '\'', (size_t)(end - p - 1))))
				return NULL;
			p++;
		} else if (*p == '\\' && p + 1 < end && p[1] == '\'') {
			p += 2;
		} else {
			return NULL;
		}
	}
	return p > start ? p : NULL;
}

/* The sh form: "# " comments and "ipfs config --json WORD WORD" lines,
 * each word quoted, no control character anywhere. */
static void
check_sh(const char *s)
{
	for (const char *l = s; *l; ) {
		const char *nl = strchr(l, '\n'), *p;

		if (!nl)
			abort();	/* every line ends */
		for (p = l; p < nl; p++)	/* DEL only inside a quoted value */
			if ((unsigned char)*p < 0x20 || (*p == 0x7f && !strncmp(l, "# ", 2)))
				abort();
		if (strncmp(l, "# ", 2)) {
			if (strncmp(l, "ipfs config --json ", 19) || !(p = word(l + 19, nl)) || *p != ' ' ||
			    !(p = word(p + 1, nl)) || p != nl)
				abort();
		}
		l = nl + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tune_patch p;
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	if (patch_read(&p, fuzz_path(data, size)) == 0) {
		patch_check(&p);
		if ((f = open_memstream(&text, &len))) {
			patch_print(&p, 0, "fuzz", f);
			fclose(f);
			check_sh(text);
			free(text);
		}
		if ((f = fopen("/dev/null", "w"))) {
			patch_print(&p, 1, NULL, f);
			fclose(f);
		}
	}
	patch_free(&p);
	return 0;
}
