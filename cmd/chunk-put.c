/* chunk-put: client-side UnixFS chunking, upload and verified retrieval. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cid.h"
#include "cli.h"
#include "dag.h"
#include "util.h"

static _Noreturn void
usage(void)
{
	printf("usage: %s [-jqvV] [-s chunk-size] [--cid-version 0|1] [--raw-leaves[=bool]]\n"
	    "       --only-hash [file | -]\n", argv0);
	exit(0);
}

enum { O_CIDV = 256, O_RAW, O_ONLYHASH };

static const struct option longopts[] = {
	{ "chunk-size", required_argument, NULL, 's' },
	{ "cid-version", required_argument, NULL, O_CIDV },
	{ "raw-leaves", optional_argument, NULL, O_RAW },
	{ "only-hash", no_argument, NULL, O_ONLYHASH },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static int
parse_bool(const char *opt, const char *arg)
{
	if (!arg || !strcmp(arg, "true") || !strcmp(arg, "1"))
		return 1;
	if (!strcmp(arg, "false") || !strcmp(arg, "0"))
		return 0;
	usageerr("%s: expected true or false, got '%s'", opt, arg);
}

int
main(int argc, char *argv[])
{
	struct dag_opts o = { .chunk = DAG_CHUNK_DEFAULT };
	struct dag_block b;
	struct dag *d;
	const char *path = "-", *why;
	char s[CID_MAXSTR];
	int ch, fd, raw = -1, onlyhash = 0, r;

	setargv0(argv[0]);
	while ((ch = getopt_long(argc, argv, "s:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 's': o.chunk = cli_size("--chunk-size", optarg); break;
		case O_CIDV:
			if (strcmp(optarg, "0") && strcmp(optarg, "1"))
				usageerr("--cid-version: expected 0 or 1, got '%s'", optarg);
			o.cidver = atoi(optarg);
			break;
		case O_RAW: raw = parse_bool("--raw-leaves", optarg); break;
		case O_ONLYHASH: onlyhash = 1; break;
		case 'h': usage();
		case 'V': cli_version();
		default: usageerr("unknown option");
		}
	}
	if (argc - optind > 1)
		usageerr("one file at a time");
	if (optind < argc)
		path = argv[optind];
	if (!onlyhash)
		usageerr("nothing to do");
	/* as ipfs add: CIDv1 means raw leaves unless asked otherwise */
	o.raw_leaves = raw >= 0 ? raw : o.cidver == 1;
	if ((why = dag_opts_check(&o)))
		usageerr("%s", why);

	if (!strcmp(path, "-"))
		fd = 0;
	else if ((fd = open(path, O_RDONLY)) < 0)
		eprintf("%s:", path);
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	d = dag_open_fd(&o, fd);
	while ((r = dag_next(d, &b)) > 0)
		if (b.root)
			printf("%s\n", cid_str(&b.cid, s));
	if (r < 0)
		eprintf("%s:", path);
	dag_close(d);
	efshut();
	return 0;
}
