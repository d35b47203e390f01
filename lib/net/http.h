/* net/http.h: the HTTP client on libcurl: one reusable request slot per handle,
 * shared options, per-request phase timings, bounded or streamed bodies. */
#ifndef HTTP_H
#define HTTP_H

#include <stdint.h>
#include <curl/curl.h>

#include "base/clock.h"

/* The most bytes of one reply by default: every request stops there with
 * an error naming the limit (--max-reply); a read its own (http_req_limit). */
#define HTTP_MAX_REPLY ((size_t)64 << 20)

/* --max-reply SIZE: the limit of every reply from now on; at least 1k,
 * else a usage error. */
void http_max_reply_opt(const char *arg);

struct http_opts {
	double timeout;		/* whole request, seconds; 0 = none */
	double connect_timeout;	/* seconds; 0 = libcurl's default */
	const char *auth;	/* Authorization header value for the RPC API, or NULL */
	const char *gw_auth;	/* the gateway's own, or NULL: never the RPC API's */
	const char *cacert;	/* CA bundle for HTTPS (--cacert, $SSL_CERT_FILE), or NULL */
	char **headers;		/* more "Name: value" headers (-H), nheaders of them */
	int nheaders;
};

/* Outcome and timings of one request, as curl's --write-out reports them:
 * t_* are seconds from the request's start (cumulative), microsecond
 * resolution; up/down are body bytes sent and received. t_ttfb is taken
 * when the first response header arrives (libcurl's STARTTRANSFER marks the
 * start of an upload instead); NaN when no response came. */
struct http_stat {
	long code;		/* HTTP status, 0 when none was received */
	int curlcode;		/* CURLE_OK or the transfer error */
	double t_dns, t_connect, t_ttfb, t_total;
	uint64_t up, down;
	char err[CURL_ERROR_SIZE + 192];	/* transfer error (with what to do), X-Stream-Error or "" */
};

/* Receives body bytes as they arrive (hashing, writing to a file...). */
typedef void http_sink(void *arg, const void *p, size_t n);

struct http_req {
	CURL *h;
	struct curl_slist *hdrs;	/* fixed headers (auth, Expect) */
	struct curl_slist *hdrs_empty;	/* the same, and no Content-Type for an empty POST */
	struct curl_slist *hdrs_gw;	/* a gateway's: no RPC credentials */
	curl_mime *mime;		/* upload of the current request, if any */
	char errbuf[CURL_ERROR_SIZE];
	char stream_err[256];		/* X-Stream-Error trailer */
	char *body;			/* kept response bytes, NUL-terminated */
	size_t len, cap, keep;		/* keep: most bytes kept; the rest counted */
	uint64_t limit;			/* most bytes received, then an error; 0: none */
	int over;			/* the reply passed limit: the transfer was cut */
	int limit_own;			/* limit is the request's own (a read's size) */
	uint64_t nread;			/* body bytes received */
	http_sink *sink;
	void *sink_arg;
	void *job;			/* the caller's job in flight */
	double t_sched, t_start;	/* set by the runner: seconds since run start */
	double t_begin, t_first;	/* monotonic: request start, first response byte */
	double ts;			/* wall clock at start, seconds since the epoch */
};

struct timing;
/* Fill a timing record's start, status, byte counts and phases from a
 * finished request. */
void http_timing(struct timing *t, const struct http_req *r, const struct http_stat *st);

/* curl_global_init once per process; exits on failure. */
void http_init(void);

/* Prepare a slot with the shared options (keep-alive, TCP_NODELAY, no
 * "Expect: 100-continue", user agent, timeouts, auth when given). */
void http_req_init(struct http_req *r, const struct http_opts *o);
void http_req_free(struct http_req *r);

/*
 * Set up the next request on slot r, reusing its connection: method "GET"
 * or "POST" (an empty POST unless http_req_mime() adds parts), keep the
 * first keep bytes of the body (SIZE_MAX: all), pass every byte to sink
 * (may be NULL). A reply longer than --max-reply is cut there and fails.
 */
void http_req_setup(struct http_req *r, const char *method, const char *url,
    size_t keep, http_sink *sink, void *sink_arg);

/* The set-up request may receive at most limit body bytes (0: no limit),
 * not --max-reply: a read of known size. */
void http_req_limit(struct http_req *r, uint64_t limit);

/* Make the set-up request a gateway's: its own credentials (gw_auth) or
 * none, never the RPC API's. */
void http_req_gateway(struct http_req *r);

/* A multipart/form-data body for the current request (freed on next setup). */
curl_mime *http_req_mime(struct http_req *r);

/* Fill st after the transfer ended with rc. */
void http_req_stat(struct http_req *r, CURLcode rc, struct http_stat *st);

/* Run the set-up request to completion (blocking); returns st->code. */
long http_perform(struct http_req *r, struct http_stat *st);

#endif
