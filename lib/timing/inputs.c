/* timing/inputs.c: stage the files to add (timing/inputs.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "timing/inputs.h"
#include "base/util.h"

static char **staged;	/* temporary copies, removed at exit */
static int nstaged;

static void
unstage(void)
{
	for (int i = 0; i < nstaged; i++) {
		unlink(staged[i]);
		free(staged[i]);
	}
	free(staged);
}

/* Copy what fd gives into a new temporary file; its path. */
static char *
stage(int fd, const char *name)
{
	const char *dir = getenv("TMPDIR");
	char *path = emalloc(strlen(dir && *dir ? dir : "/tmp") + 32), buf[65536];
	ssize_t n;
	int out;

	sprintf(path, "%s/ipfs-time-add.XXXXXX", dir && *dir ? dir : "/tmp");
	if ((out = mkstemp(path)) < 0)
		eprintf("%s:", path);
	if (!nstaged)
		atexit(unstage);
	staged = erealloc(staged, (nstaged + 1) * sizeof *staged);
	staged[nstaged++] = estrdup(path);	/* its own copy: the caller frees path */
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			eprintf("%s:", name);
		}
		for (ssize_t off = 0, w; off < n; off += w)
			if ((w = write(out, buf + off, n - off)) < 0)
				eprintf("%s:", path);
	}
	if (close(out) < 0)
		eprintf("%s:", path);
	return path;
}

char **
inputs_stage(char *const *files, int n)
{
	char **paths = ecalloc(n ? n : 1, sizeof *paths);
	int fd;

	for (int i = 0; i < n; i++) {
		const char *f = files[i];
		struct stat st;

		if (!strcmp(f, "-")) {
			paths[i] = stage(0, "<stdin>");
			continue;
		}
		if (stat(f, &st) < 0)
			eprintf("%s:", f);
		if (S_ISDIR(st.st_mode))
			usageerr("%s: is a directory: ipfs-time-add times files "
			    "(name its files, as in %s/*)", f, f);
		if (S_ISREG(st.st_mode)) {
			if (access(f, R_OK) < 0)
				eprintf("%s:", f);
			paths[i] = estrdup(f);
			continue;
		}
		if ((fd = open(f, O_RDONLY)) < 0)
			eprintf("%s:", f);
		paths[i] = stage(fd, f);
		close(fd);
	}
	return paths;
}
