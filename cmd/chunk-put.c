/* chunk-put: client-side UnixFS chunking, upload and verified retrieval. */
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cli.h"
#include "base/progress.h"
#include "base/sig.h"
#include "base/util.h"
#include "net/discover.h"
#include "unixfs/cid.h"
#include "unixfs/dag.h"
#include "unixfs/sha256.h"
#include "xfer/fetch.h"
#include "xfer/record.h"
#include "xfer/upload.h"

static _Noreturn void
usage(void)
{
	printf("usage: %s [-jqvV] [-s chunk-size] [--cid-version 0|1] [--raw-leaves[=bool]]\n"
	    "       --only-hash [file | -]\n"
	    "       %s [-jqvV] [-s chunk-size] [--cid-version 0|1] [--raw-leaves[=bool]]\n"
	    "       [-m block | car] [-P parallel] [--car-size size] [--pin] [--resume journal]\n"
	    "       [--retries n] [--backoff duration] [-t timeout] [-l label] [--api url]\n"
	    "       [--api-auth-file file] [file | -]\n"
	    "       %s -g cid [-o file] [-jqvV] [-P parallel] [--retries n]\n"
	    "       [--backoff duration] [-t timeout] [-l label] [--api url]\n"
	    "       [--api-auth-file file]\n", argv0, argv0, argv0);
	exit(0);
}

enum {
	O_CIDV = 256, O_RAW, O_ONLYHASH, O_CARSIZE, O_PIN, O_RESUME, O_RETRIES,
	O_BACKOFF, O_API, O_AUTHFILE
};

static const struct option longopts[] = {
	{ "chunk-size", required_argument, NULL, 's' },
	{ "cid-version", required_argument, NULL, O_CIDV },
	{ "raw-leaves", optional_argument, NULL, O_RAW },
	{ "only-hash", no_argument, NULL, O_ONLYHASH },
	{ "mode", required_argument, NULL, 'm' },
	{ "parallel", required_argument, NULL, 'P' },
	{ "car-size", required_argument, NULL, O_CARSIZE },
	{ "pin", no_argument, NULL, O_PIN },
	{ "resume", required_argument, NULL, O_RESUME },
	{ "retries", required_argument, NULL, O_RETRIES },
	{ "backoff", required_argument, NULL, O_BACKOFF },
	{ "timeout", required_argument, NULL, 't' },
	{ "label", required_argument, NULL, 'l' },
	{ "api", required_argument, NULL, O_API },
	{ "api-auth-file", required_argument, NULL, O_AUTHFILE },
	{ "get", required_argument, NULL, 'g' },
	{ "output", required_argument, NULL, 'o' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "json", no_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static struct recw *out;
static const char *label, *via;

static int
parse_bool(const char *opt, const char *arg)
{
	if (!arg || !strcmp(arg, "true") || !strcmp(arg, "1"))
		return 1;
	if (!strcmp(arg, "false") || !strcmp(arg, "0"))
		return 0;
	usageerr("%s: expected true or false, got '%s'", opt, arg);
}

/* An empty argument is an unset variable more often than a name. */
static const char *
nonempty(const char *what, const char *arg)
{
	if (!*arg)
		usageerr("empty %s", what);
	return arg;
}

static void
onupload(void *arg, const struct up_event *e)
{
	(void)arg;
	chunkrec_request(out, e->op, via, label, e->cid, e->size, e->blocks, e->ok, e->error,
	    e->req, e->st);
}

static void
onfetch(void *arg, const struct fetch_event *e)
{
	(void)arg;
	chunkrec_request(out, "block/get", via, label, e->cid, e->size, 1, e->ok,
	    e->error, e->req, e->st);
}

static int
open_input(const char *path, uint64_t *size)
{
	struct stat st;
	int fd = 0;

	if (strcmp(path, "-") && (fd = open(path, O_RDONLY)) < 0)
		eprintf("%s:", path);
	*size = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	return fd;
}

/* --only-hash: the root CID, or records: with -v one per block, with -v
 * or -j the final one. */
static int
only_hash(const struct dag_opts *o, const char *path, int verbose, int quiet)
{
	struct http_req r = { 0 };
	struct http_stat st = { .code = 0 };
	struct dag_block b;
	struct dag *d;
	struct cid root;
	struct xfer x;
	uint64_t size;
	char s[CID_MAXSTR], line[160];
	double t0 = now_mono();
	int fd = open_input(path, &size), ret, have_root = 0;

	xfer_start(&x);
	x.code = 0;
	st.t_dns = st.t_connect = st.t_ttfb = st.t_total = NAN;
	progress_init(quiet);
	d = dag_open_fd(o, fd);
	while ((ret = dag_next(d, &b)) > 0) {
		x.blocks++;
		r.ts = now_wall();
		if (verbose)
			chunkrec_request(out, "hash", via, label, &b.cid, b.len, 1, 1, "",
			    &r, &st);
		if (b.root) {
			root = b.cid;
			have_root = 1;
			x.size = b.filesize;
		}
		if (progress_due())
			progress_show(1, "hashed %s", progress_amount(line, sizeof line,
			    PROGRESS_BYTES, dag_bytes(d), size));
	}
	progress_end();
	if (ret < 0)
		eprintf("%s:", path);
	dag_close(d);
	x.t_total = now_mono() - t0;
	if (out)
		chunkrec_final(out, "chunk-put", "only-hash", label, have_root ? &root : NULL,
		    &x, 1, NULL);
	else
		printf("%s\n", cid_str(&root, s));
	return 0;
}

/* Upload: per-request records with -v, then the final record. */
static int
put(struct upload *u, const char *path)
{
	int fd = open_input(path, &u->size_hint), ret;

	ret = upload_run(u, dag_fdread, &fd);
	if (ret == 1)
		weprintf("%s", u->x.err);
	chunkrec_final(out, "chunk-put", via, label, u->have_root ? &u->root : NULL, &u->x,
	    ret == 0, ret == 130 ? "interrupted" : NULL);
	if (fd > 0)
		close(fd);
	return ret;
}

/* Retrieval: the file to -o or stdout, records to stdout or stderr. */
static int
get(struct fetch *f, const char *output)
{
	struct stat st;
	int ret;

	f->fd = 1;
	if (output && strcmp(output, "-")) {
		if ((f->fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0)
			eprintf("%s:", output);
	}
	f->seekable = f->fd != 1 && fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode);
	ret = fetch_run(f);
	if (ret == 1)
		weprintf("%s", f->x.err);
	if (out)
		chunkrec_final(out, "chunk-get", via, label, &f->root, &f->x, ret == 0,
		    ret == 130 ? "interrupted" : NULL);
	if (f->fd != 1 && close(f->fd) < 0)
		eprintf("%s:", output);
	/* no half file that looks whole: a failed read leaves nothing */
	if (ret == 1 && f->fd != 1 && f->seekable)
		unlink(output);
	return ret;
}

int
main(int argc, char *argv[])
{
	struct dag_opts o = { .chunk = DAG_CHUNK_DEFAULT };
	struct http_opts http = { .connect_timeout = 10 };
	struct upload u = { .mode = UP_BLOCK, .parallel = 4, .car_size = 64 << 20,
	    .retries = 3, .backoff = 0.5 };
	struct fetch f = { .parallel = 4, .retries = 3, .backoff = 0.5,
	    .window = 16 << 20 };
	const char *path = "-", *why, *api_flag = NULL, *authfile = NULL;
	const char *getcid = NULL, *output = NULL;
	char *api, extra[256];
	int ch, raw = -1, onlyhash = 0, verbose = 0, json = 0, quiet = 0, ret;
	int upload_only = 0;

	setargv0(argv[0]);
	while ((ch = getopt_long(argc, argv, "s:m:P:t:l:g:o:vjqhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 's': o.chunk = cli_size("--chunk-size", optarg); break;
		case O_CIDV:
			if (strcmp(optarg, "0") && strcmp(optarg, "1"))
				usageerr("--cid-version: expected 0 or 1, got '%s'", optarg);
			o.cidver = atoi(optarg);
			break;
		case O_RAW: raw = parse_bool("--raw-leaves", optarg); break;
		case O_ONLYHASH: onlyhash = 1; break;
		case 'm':
			if (!strcmp(optarg, "block"))
				u.mode = UP_BLOCK;
			else if (!strcmp(optarg, "car"))
				u.mode = UP_CAR;
			else
				usageerr("--mode: expected block or car, got '%s'", optarg);
			upload_only = 1;
			break;
		case 'P': u.parallel = f.parallel = cli_count("--parallel", optarg, 1); break;
		case O_CARSIZE:
			u.car_size = cli_size("--car-size", optarg);
			upload_only = 1;
			break;
		case O_PIN: u.pin = 1; upload_only = 1; break;
		case O_RESUME:
			u.journal = nonempty("journal name after --resume", optarg);
			upload_only = 1;
			break;
		case O_RETRIES:
			u.retries = f.retries = cli_count("--retries", optarg, 0);
			break;
		case O_BACKOFF:
			u.backoff = f.backoff = cli_duration("--backoff", optarg);
			break;
		case 't': http.timeout = cli_duration("--timeout", optarg); break;
		case 'l': label = optarg; break;
		case O_API: api_flag = optarg; break;
		case O_AUTHFILE: authfile = optarg; break;
		case 'g': getcid = nonempty("CID after -g", optarg); break;
		case 'o': output = nonempty("file name after -o", optarg); break;
		case 'v': verbose = 1; break;
		case 'j': json = 1; break;
		case 'q': quiet = 1; break;
		case 'h': usage();
		case 'V': cli_version();
		default: cli_badopt();
		}
	}
	if (argc - optind > 1)
		usageerr("one file at a time");
	if (optind < argc)
		path = nonempty("file name", argv[optind]);
	/* as ipfs add: CIDv1 means raw leaves unless asked otherwise */
	o.raw_leaves = raw >= 0 ? raw : o.cidver == 1;
	if ((why = dag_opts_check(&o)))
		usageerr("--chunk-size: %s", why);
	if (getcid && (onlyhash || upload_only || optind < argc))
		usageerr("-g reads a file back: it takes no file and no upload options");
	if (output && !getcid)
		usageerr("-o goes with -g");
	if (onlyhash && upload_only)
		usageerr("--only-hash stores nothing: no upload options");
	if (u.mode == UP_CAR && u.car_size < 1024)
		usageerr("--car-size: at least 1k");
	if (onlyhash) {
		via = "only-hash";
		if (verbose || json) {
			upload_params(&o, extra, sizeof extra);
			out = chunkrec_open(stdout, json, NULL, extra);
			recw_comment(out, "sha256 %s", sha256_impl());
		}
		ret = only_hash(&o, path, verbose, quiet);
		if (out)
			recw_close(out);
		efshut();
		return ret;
	}

	api = discover_api(api_flag);
	http.auth = discover_auth(authfile);
	sig_init();
	if (getcid) {
		via = "block";
		if (cid_parse(&f.root, getcid) < 0)
			eprintf("%s: not a CID", getcid);
		f.api = api;
		f.http = &http;
		f.progress = !quiet;
		/* the file may be on stdout: then records go to stderr, but
		 * with -q not to a terminal */
		if (output && strcmp(output, "-"))
			out = chunkrec_open(stdout, json, api, NULL);
		else if (!quiet || !isatty(STDERR_FILENO))
			out = chunkrec_open(stderr, json, api, NULL);
		f.onevent = verbose && out ? onfetch : NULL;
		ret = get(&f, output);
	} else {
		via = u.mode == UP_CAR ? "car" : "block";
		u.dag = o;
		u.api = api;
		u.http = &http;
		u.progress = !quiet;
		u.onevent = verbose ? onupload : NULL;
		upload_params(&o, extra, sizeof extra);
		out = chunkrec_open(stdout, json, api, extra);
		ret = put(&u, path);
	}
	if (out)
		recw_close(out);
	free(api);
	free((char *)http.auth);
	return ret;
}
