/* chunk-put: client-side UnixFS chunking, upload and verified retrieval. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cli.h"
#include "base/sig.h"
#include "base/util.h"
#include "net/discover.h"
#include "net/http.h"
#include "unixfs/cid.h"
#include "unixfs/dag.h"
#include "unixfs/sha256.h"
#include "xfer/fetch.h"
#include "xfer/hash.h"
#include "xfer/record.h"
#include "xfer/upload.h"

static const char synopsis[] =
"usage: chunk-put [-jqvV] [-s chunk-size] [--cid-version 0|1] [--raw-leaves[=bool]]\n"
"       --only-hash [file | -]\n"
"       chunk-put [-jqvV] [-s chunk-size] [--cid-version 0|1] [--raw-leaves[=bool]]\n"
"       [-m block | car] [-P parallel] [--car-size size] [--pin] [--resume journal]\n"
"       [--retries n] [--backoff duration] [-t timeout] [-l label] [-H header]\n"
"       [--api url] [--api-auth-file file] [file | -]\n"
"       chunk-put -g cid [-o file] [-jqvV] [-P parallel] [--retries n]\n"
"       [--backoff duration] [-t timeout] [-l label] [-H header] [--api url]\n"
"       [--api-auth-file file]\n";

enum {
	O_CIDV = CLI_LONG, O_RAW, O_ONLYHASH, O_CARSIZE, O_PIN, O_RESUME, O_RETRIES,
	O_BACKOFF, O_API, O_AUTHFILE, O_MAXREPLY
};

static const struct cli_opt putopts[] = {
	{ "chunk-size", 's', required_argument, "size", "fixed chunk size, 1 to 1M bytes (256k)" },
	{ "cid-version", O_CIDV, required_argument, "0|1", "CID version of the DAG (0; 1 implies raw leaves)" },
	{ "raw-leaves", O_RAW, optional_argument, "bool", "leaves as raw blocks, or not (=false)" },
	{ "only-hash", O_ONLYHASH, no_argument, NULL, "print the root CID, store nothing (no node needed)" },
	{ "mode", 'm', required_argument, "block|car", "a block/put per block, or CAR shards to dag/import" },
	{ "parallel", 'P', required_argument, "n", "requests in flight (4)" },
	{ "car-size", O_CARSIZE, required_argument, "size", "-m car: largest shard, at least 1k (64M)" },
	{ "pin", O_PIN, no_argument, NULL, "pin the root once every block is stored" },
	{ "resume", O_RESUME, required_argument, "journal", "send only what the journal lacks, note what is stored" },
	{ "retries", O_RETRIES, required_argument, "n", "further attempts of a failed request (3)" },
	{ "backoff", O_BACKOFF, required_argument, "duration", "delay before the first retry, doubling (500ms)" },
	{ "timeout", 't', required_argument, "duration", "give up on a request after it (60s; 0: never)" },
	{ "label", 'l', required_argument, "text", "copied into every record's label" },
	{ "header", 'H', required_argument, "'Name: value'", "send this header with every request" },
	{ "api", O_API, required_argument, "url", "the RPC API (URL or multiaddr)" },
	{ "api-auth-file", O_AUTHFILE, required_argument, "file", "RPC API credentials, first line" },
	{ "max-reply", O_MAXREPLY, required_argument, "size", "longest reply buffered (64M)" },
	{ "get", 'g', required_argument, "cid", "read the file under cid back, every block verified" },
	{ "output", 'o', required_argument, "file", "-g: write the file there, not to stdout" },
	{ "verbose", 'v', no_argument, NULL, "a record per request (per block with --only-hash)" },
	{ "json", 'j', no_argument, NULL, "write JSON Lines instead of TSV" },
	{ "quiet", 'q', no_argument, NULL, "no progress line; -g: no record on a terminal" },
	{ NULL, 0, 0, NULL, NULL }
};
static const struct cli_opt *const opts[] = { putopts, cli_std, NULL };

static struct recw *out;
static const char *label, *via;

/* -v: a record per request, or per block hashed. */
static void
onevent(void *arg, const struct xfer_event *e)
{
	(void)arg;
	chunkrec_event(out, via, label, e);
}

static void
add_header(struct http_opts *h, char *arg)
{
	if (!strchr(arg, ':') || *arg == ':')
		usageerr("--header: expected 'Name: value', got '%s'", arg);
	h->headers = erealloc(h->headers, (h->nheaders + 1) * sizeof *h->headers);
	h->headers[h->nheaders++] = arg;
}

static int
open_input(const char *path, uint64_t *size, int *known)
{
	struct stat st;
	int fd = 0;

	if (strcmp(path, "-") && (fd = open(path, O_RDONLY)) < 0)
		eprintf("%s:", path);
	*known = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	*size = *known ? (uint64_t)st.st_size : 0;
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	return fd;
}

/* --only-hash: the root CID, or records: with -v one per block, with -v
 * or -j the final one. */
static int
only_hash(struct hashing *h, const char *path, int records, int json)
{
	char extra[256], s[CID_MAXSTR];
	int fd, known;

	if (records) {
		upload_params(&h->dag, extra, sizeof extra);
		out = chunkrec_open(stdout, json, NULL, extra);
		recw_comment(out, "sha256 %s", sha256_impl());
	}
	fd = open_input(path, &h->size_hint, &known);
	if (hash_run(h, dag_fdread, &fd) < 0)
		eprintf("%s:", path);
	if (out) {
		chunkrec_final(out, "chunk-put", via, label, h->have_root ? &h->root : NULL,
		    &h->x, 1, NULL);
		recw_close(out);
	} else {
		printf("%s\n", cid_str(&h->root, s));
	}
	efshut();
	return 0;
}

/* Upload: per-request records with -v, then the final record. */
static int
put(struct upload *u, const char *path, int json)
{
	char extra[256];
	int fd, ret;

	upload_params(&u->dag, extra, sizeof extra);
	out = chunkrec_open(stdout, json, u->api, extra);
	fd = open_input(path, &u->size_hint, &u->have_size);
	ret = upload_run(u, dag_fdread, &fd);
	if (ret == 1)
		weprintf("%s", u->x.err);
	chunkrec_final(out, "chunk-put", via, label, u->have_root ? &u->root : NULL, &u->x,
	    ret == 0, ret == 130 ? "interrupted" : NULL);
	recw_close(out);
	if (fd > 0)
		close(fd);
	return ret;
}

/* Retrieval: the file to -o or stdout, records to stdout or stderr. */
static int
get(struct fetch *f, const char *output, int json, int quiet)
{
	struct stat st;
	int ret;

	/* the file may be on stdout: then records go to stderr, but with -q
	 * not to a terminal */
	if (output && strcmp(output, "-"))
		out = chunkrec_open(stdout, json, f->api, NULL);
	else if (!quiet || !isatty(STDERR_FILENO))
		out = chunkrec_open(stderr, json, f->api, NULL);
	if (!out)
		f->onevent = NULL;
	f->fd = 1;
	if (output && strcmp(output, "-")) {
		if ((f->fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0)
			eprintf("%s:", output);
	}
	f->seekable = f->fd != 1 && fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode);
	ret = fetch_run(f);
	if (ret == 1)
		weprintf("%s", f->x.err);
	if (out) {
		chunkrec_final(out, "chunk-get", via, label, &f->root, &f->x, ret == 0,
		    ret == 130 ? "interrupted" : NULL);
		recw_close(out);
	}
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
	static const char *const cidversions[] = { "0", "1", NULL };
	static const char *const modes[] = { "block", "car", NULL };	/* UP_BLOCK, UP_CAR */
	struct dag_opts o = { .chunk = DAG_CHUNK_DEFAULT };
	struct http_opts http = { .connect_timeout = 10, .timeout = 60 };	/* -t 0: none */
	struct upload u = { .mode = UP_BLOCK, .parallel = 4, .car_size = 64 << 20,
	    .retries = 3, .backoff = 0.5 };
	struct fetch f = { .parallel = 4, .retries = 3, .backoff = 0.5,
	    .window = 16 << 20 };
	const char *path = "-", *why, *api_flag = NULL, *authfile = NULL;
	const char *getcid = NULL, *output = NULL;
	char *api;
	int ch, raw = -1, onlyhash = 0, verbose = 0, json = 0, quiet = 0, ret;
	int upload_only = 0;

	setargv0(argv[0]);
	cli_usage(synopsis);
	while ((ch = cli_next(argc, argv, opts)) != -1) {
		switch (ch) {
		case 's': o.chunk = cli_size("--chunk-size", optarg); break;
		case O_CIDV: o.cidver = cli_choice("--cid-version", optarg, cidversions); break;
		case O_RAW: raw = cli_bool("--raw-leaves", optarg); break;
		case O_ONLYHASH: onlyhash = 1; break;
		case 'm': u.mode = cli_choice("--mode", optarg, modes); upload_only = 1; break;
		case 'P': u.parallel = f.parallel = cli_count("--parallel", optarg, 1); break;
		case O_CARSIZE:
			u.car_size = cli_size("--car-size", optarg);
			upload_only = 1;
			break;
		case O_PIN: u.pin = 1; upload_only = 1; break;
		case O_RESUME:
			u.journal = cli_nonempty("--resume", optarg);
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
		case 'H': add_header(&http, optarg); break;
		case O_API: api_flag = optarg; break;
		case O_AUTHFILE: authfile = optarg; break;
		case O_MAXREPLY: http_max_reply_opt(optarg); break;
		case 'g':
			if (!*optarg)	/* an unset variable, most often */
				usageerr("empty CID after -g");
			getcid = optarg;
			break;
		case 'o': output = cli_nonempty("--output", optarg); break;
		case 'v': verbose = 1; break;
		case 'j': json = 1; break;
		case 'q': quiet = 1; break;
		default: cli_badopt();
		}
	}
	if (argc - optind > 1)
		usageerr("one file at a time");
	if (optind < argc)
		path = cli_nonempty("file", argv[optind]);
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
		struct hashing h = { .dag = o, .progress = !quiet,
		    .onevent = verbose ? onevent : NULL };

		via = "only-hash";
		return only_hash(&h, path, verbose || json, json);
	}
	api = discover_api(api_flag);
	http.auth = discover_auth(authfile, api);
	sig_init();
	if (getcid) {
		via = "block";
		if (cid_parse(&f.root, getcid) < 0)
			eprintf("%s: not a CID", getcid);
		f.api = api;
		f.http = &http;
		f.progress = !quiet;
		f.onevent = verbose ? onevent : NULL;
		ret = get(&f, output, json, quiet);
	} else {
		via = u.mode == UP_CAR ? "car" : "block";
		u.dag = o;
		u.api = api;
		u.http = &http;
		u.progress = !quiet;
		u.onevent = verbose ? onevent : NULL;
		ret = put(&u, path, json);
	}
	free(api);
	free((char *)http.auth);
	free(http.headers);
	return ret;
}
