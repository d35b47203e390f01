/*
 * tests/fuzz/replay.c: a main for a fuzz target without libFuzzer: feeds
 * it each file named (a directory: each file in it), one call per file,
 * and prints "replay: FILE" on stderr before each so that a crash names
 * its input. Exit 0 when every call returned.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
one(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0, r;

	if (!f) {
		perror(path);
		return -1;
	}
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			if (!(buf = realloc(buf, cap)))
				abort();
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	fprintf(stderr, "replay: %s\n", path);
	/* an exact-size copy, so that ASan sees a read past the end */
	uint8_t *exact = malloc(n ? n : 1);
	memcpy(exact, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	int rc = 0, n = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			rc = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			rc |= one(argv[i]) < 0;
			n++;
			continue;
		}
		DIR *d = opendir(argv[i]);
		struct dirent *e;
		char **names = NULL;
		size_t k = 0;

		while (d && (e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			names = realloc(names, (k + 1) * sizeof *names);
			names[k] = malloc(strlen(argv[i]) + strlen(e->d_name) + 2);
			sprintf(names[k++], "%s/%s", argv[i], e->d_name);
		}
		if (d)
			closedir(d);
		qsort(names, k, sizeof *names, cmp);
		for (size_t j = 0; j < k; j++) {
			rc |= one(names[j]) < 0;
			n++;
			free(names[j]);
		}
		free(names);
	}
	printf("%d inputs\n", n);
	return rc;
}
