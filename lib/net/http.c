/* net/http.c: the HTTP client on libcurl. */
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "net/http.h"
#include "base/cli.h"
#include "base/util.h"
#include "base/version.h"
#include "rec/timing.h"

static size_t max_reply = HTTP_MAX_REPLY;

void
http_max_reply_opt(const char *arg)
{
	uint64_t n = cli_size("--max-reply", arg);

	if (n < 1024 || n > SIZE_MAX / 2)
		usageerr("--max-reply: from 1k, got '%s'", arg);
	max_reply = (size_t)n;
}

void
http_init(void)
{
	static int done;

	if (done++)
		return;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		eprintf("libcurl initialisation failed");
}

static size_t
onbody(char *p, size_t sz, size_t n, void *arg)
{
	struct http_req *r = arg;
	size_t len = sz * n, take;

	if (r->limit && r->nread + len > r->limit) {
		r->over = 1;
		return 0;	/* CURLE_WRITE_ERROR: the reply is cut here */
	}
	r->nread += len;
	if (r->sink)
		r->sink(r->sink_arg, p, len);
	if (r->len < r->keep) {
		take = r->keep - r->len < len ? r->keep - r->len : len;
		egrow((void **)&r->body, &r->cap, r->len + take + 1, 1);
		memcpy(r->body + r->len, p, take);
		r->len += take;
		r->body[r->len] = '\0';
	}
	return len;
}

/* Headers and trailers: keep X-Stream-Error, the RPC API's late error. */
static size_t
onheader(char *p, size_t sz, size_t n, void *arg)
{
	struct http_req *r = arg;
	size_t len = sz * n;
	static const char name[] = "X-Stream-Error:";

	if (!r->t_first)
		r->t_first = now_mono();
	if (len > sizeof name - 1 && !strncasecmp(p, name, sizeof name - 1)) {
		size_t off = sizeof name - 1, end = len;

		while (off < end && (p[off] == ' ' || p[off] == '\t'))
			off++;
		while (end > off && (p[end - 1] == '\r' || p[end - 1] == '\n'))
			end--;
		if (end > off)
			snprintf(r->stream_err, sizeof r->stream_err, "%.*s",
			    (int)(end - off), p + off);
	}
	return len;
}

/* A deadline in seconds as libcurl's milliseconds, range-checked (the
 * options bound it; a library caller may not): at most LONG_MAX / 2. */
static long
msec(double s)
{
	double ms = s * 1000;

	return ms < (double)(LONG_MAX / 2) ? (long)ms : LONG_MAX / 2;
}

void
http_req_init(struct http_req *r, const struct http_opts *o)
{
	char auth[1024];

	memset(r, 0, sizeof *r);
	http_init();
	if (!(r->h = curl_easy_init()))
		eprintf("libcurl: cannot create a handle");
	curl_easy_setopt(r->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(r->h, CURLOPT_TCP_NODELAY, 1L);
	curl_easy_setopt(r->h, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(r->h, CURLOPT_USERAGENT, "ipfsperf/" IPFSPERF_VERSION);
	curl_easy_setopt(r->h, CURLOPT_ERRORBUFFER, r->errbuf);
	curl_easy_setopt(r->h, CURLOPT_WRITEFUNCTION, onbody);
	curl_easy_setopt(r->h, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(r->h, CURLOPT_HEADERFUNCTION, onheader);
	curl_easy_setopt(r->h, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(r->h, CURLOPT_PRIVATE, r);
	/* a redirect is an answer, not followed: the credentials stay with
	 * the server they are for (libcurl's default, said here) */
	curl_easy_setopt(r->h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(r->h, CURLOPT_UNRESTRICTED_AUTH, 0L);
	if (o && o->timeout > 0)
		curl_easy_setopt(r->h, CURLOPT_TIMEOUT_MS, msec(o->timeout));
	if (o && o->connect_timeout > 0)
		curl_easy_setopt(r->h, CURLOPT_CONNECTTIMEOUT_MS, msec(o->connect_timeout));
	if (o && o->cacert)
		curl_easy_setopt(r->h, CURLOPT_CAINFO, o->cacert);
	r->hdrs = curl_slist_append(NULL, "Expect:");
	if (o && o->auth) {
		snprintf(auth, sizeof auth, "Authorization: %s", o->auth);
		r->hdrs = curl_slist_append(r->hdrs, auth);
		memset(auth, 0, sizeof auth);
	}
	for (int i = 0; o && i < o->nheaders; i++)
		r->hdrs = curl_slist_append(r->hdrs, o->headers[i]);
	r->hdrs_gw = curl_slist_append(NULL, "Expect:");
	if (o && o->gw_auth) {
		snprintf(auth, sizeof auth, "Authorization: %s", o->gw_auth);
		r->hdrs_gw = curl_slist_append(r->hdrs_gw, auth);
		memset(auth, 0, sizeof auth);
	}
	for (int i = 0; o && i < o->nheaders; i++)
		r->hdrs_gw = curl_slist_append(r->hdrs_gw, o->headers[i]);
	r->hdrs_empty = curl_slist_append(NULL, "Content-Type:");
	for (struct curl_slist *l = r->hdrs; l; l = l->next)
		r->hdrs_empty = curl_slist_append(r->hdrs_empty, l->data);
	curl_easy_setopt(r->h, CURLOPT_HTTPHEADER, r->hdrs);
}

void
http_req_free(struct http_req *r)
{
	if (r->mime)
		curl_mime_free(r->mime);
	curl_slist_free_all(r->hdrs);
	curl_slist_free_all(r->hdrs_empty);
	curl_slist_free_all(r->hdrs_gw);
	curl_easy_cleanup(r->h);
	free(r->body);
	memset(r, 0, sizeof *r);
}

void
http_req_setup(struct http_req *r, const char *method, const char *url,
    size_t keep, http_sink *sink, void *sink_arg)
{
	if (r->mime) {
		curl_easy_setopt(r->h, CURLOPT_MIMEPOST, NULL);
		curl_mime_free(r->mime);
		r->mime = NULL;
	}
	curl_easy_setopt(r->h, CURLOPT_URL, url);
	if (!strcmp(method, "POST")) {
		/* an empty body, not an empty form the server would parse */
		curl_easy_setopt(r->h, CURLOPT_POST, 1L);
		curl_easy_setopt(r->h, CURLOPT_POSTFIELDS, "");
		curl_easy_setopt(r->h, CURLOPT_POSTFIELDSIZE, 0L);
		curl_easy_setopt(r->h, CURLOPT_HTTPHEADER, r->hdrs_empty);
	} else {
		curl_easy_setopt(r->h, CURLOPT_HTTPGET, 1L);
		curl_easy_setopt(r->h, CURLOPT_HTTPHEADER, r->hdrs);
	}
	r->errbuf[0] = r->stream_err[0] = '\0';
	r->len = 0;
	if (r->body)
		r->body[0] = '\0';
	r->keep = keep;
	r->nread = 0;
	r->limit = max_reply;
	r->limit_own = r->over = 0;
	r->t_first = 0;
	r->sink = sink;
	r->sink_arg = sink_arg;
}

curl_mime *
http_req_mime(struct http_req *r)
{
	if (!r->mime) {
		r->mime = curl_mime_init(r->h);
		curl_easy_setopt(r->h, CURLOPT_MIMEPOST, r->mime);
		curl_easy_setopt(r->h, CURLOPT_HTTPHEADER, r->hdrs);
	}
	return r->mime;
}

static double
info_time(CURL *h, CURLINFO what)
{
	curl_off_t us = 0;

	curl_easy_getinfo(h, what, &us);
	return us / 1e6;
}

void
http_req_stat(struct http_req *r, CURLcode rc, struct http_stat *st)
{
	curl_off_t up = 0, down = 0;

	memset(st, 0, sizeof *st);
	st->curlcode = rc;
	curl_easy_getinfo(r->h, CURLINFO_RESPONSE_CODE, &st->code);
	st->t_dns = info_time(r->h, CURLINFO_NAMELOOKUP_TIME_T);
	st->t_connect = info_time(r->h, CURLINFO_CONNECT_TIME_T);
	st->t_total = info_time(r->h, CURLINFO_TOTAL_TIME_T);
	st->t_ttfb = NAN;
	if (r->t_first > 0) {
		st->t_ttfb = r->t_first - r->t_begin;
		if (st->t_ttfb > st->t_total)
			st->t_ttfb = st->t_total;
	}
	curl_easy_getinfo(r->h, CURLINFO_SIZE_UPLOAD_T, &up);
	curl_easy_getinfo(r->h, CURLINFO_SIZE_DOWNLOAD_T, &down);
	st->up = up;
	st->down = down;
	if (r->over && r->limit_own)
		snprintf(st->err, sizeof st->err, "the reply passed %" PRIu64 " bytes, more than "
		    "expected: cut there", r->limit);
	else if (r->over)
		snprintf(st->err, sizeof st->err, "the reply passed %" PRIu64 " bytes, the "
		    "--max-reply limit: cut there (raise it with --max-reply SIZE)", r->limit);
	else if (rc == CURLE_OUT_OF_MEMORY && st->code)
		/* a status line came, then headers libcurl refused: its limit
		 * (CURL_MAX_HTTP_HEADER, 100 KiB a header), not a lack of memory */
		snprintf(st->err, sizeof st->err, "the server sent response headers larger than "
		    "libcurl accepts (100 KiB a header): the reply was dropped");
	else if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE)
		snprintf(st->err, sizeof st->err, "the server's TLS certificate could not be "
		    "verified (%s): give the CA that signed it with --cacert or $SSL_CERT_FILE",
		    r->errbuf[0] ? r->errbuf : curl_easy_strerror(rc));
	else if (rc != CURLE_OK)
		snprintf(st->err, sizeof st->err, "%s",
		    r->errbuf[0] ? r->errbuf : curl_easy_strerror(rc));
	else if (r->stream_err[0])
		snprintf(st->err, sizeof st->err, "X-Stream-Error: %s", r->stream_err);
}

long
http_perform(struct http_req *r, struct http_stat *st)
{
	CURLcode rc;

	r->ts = now_wall();
	r->t_begin = now_mono();
	rc = curl_easy_perform(r->h);
	http_req_stat(r, rc, st);
	return st->code;
}

void
http_timing(struct timing *t, const struct http_req *r, const struct http_stat *st)
{
	t->ts = r->ts;
	t->t_sched = r->t_sched;
	t->t_start = r->t_start;
	t->code = st->code;
	t->up = st->up;
	t->down = st->down;
	t->t_dns = st->t_dns;
	t->t_connect = st->t_connect;
	t->t_ttfb = st->t_ttfb;
	t->t_total = st->t_total;
}

void
http_req_limit(struct http_req *r, uint64_t limit)
{
	r->limit = limit;
	r->limit_own = 1;
}

void
http_req_gateway(struct http_req *r)
{
	curl_easy_setopt(r->h, CURLOPT_HTTPHEADER, r->hdrs_gw);
}
