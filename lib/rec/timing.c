/* rec/timing.c: the timing record writer shared by the timing tools. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rec/timing.h"
#include "base/util.h"
#include "base/version.h"

const char *const timing_cols[] = {
	"ts", "op", "via", "label", "size", "iter", "access", "warmup",
	"code", "ok", "cid", "bytes_up", "bytes_down", "t_sched",
	"t_start", "t_dns", "t_connect", "t_ttfb", "t_total", "error", NULL
};

struct recw *
timing_open(int json, const char *tool, const char *api, const char *extra)
{
	return timing_open_cols(stdout, timing_cols, json, tool, api, extra);
}

struct recw *
timing_open_cols(FILE *f, const char *const *cols, int json, const char *tool,
    const char *api, const char *extra)
{
	struct recw *w = recw_open(f, cols, json);
	char when[64];
	time_t t = time(NULL);

	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	recw_comment(w, "%s ipfsperf %s", tool, IPFSPERF_VERSION);
	recw_comment(w, "start %s", when);
	if (api)
		recw_comment(w, "api %s", api);
	if (extra && *extra)
		recw_comment(w, "%s", extra);
	recw_meta(w, "tool", tool);
	recw_meta(w, "version", IPFSPERF_VERSION);
	recw_meta(w, "start", when);
	if (api)
		recw_meta(w, "api", api);
	if (extra && *extra) {
		/* "key value key value ...": the run's options */
		char *copy = estrdup(extra), *save = NULL, *k, *v;

		for (k = strtok_r(copy, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
			if ((v = strchr(k, '=')))
				*v++ = '\0';	/* key=value */
			else if (!(v = strtok_r(NULL, " ", &save)))
				break;
			recw_meta(w, k, v);
		}
		free(copy);
	}
	recw_live(w, 0.1);
	return w;
}

void
timing_write(struct recw *w, const struct timing *t)
{
	recw_num(w, TC_TS, t->ts, 6);
	recw_str(w, TC_OP, t->op);
	recw_str(w, TC_VIA, t->via);
	recw_str(w, TC_LABEL, t->label);
	if (t->size >= 0)
		recw_int(w, TC_SIZE, t->size);
	recw_int(w, TC_ITER, t->iter);
	recw_str(w, TC_ACCESS, t->access ? t->access : "-");
	recw_int(w, TC_WARMUP, t->warmup);
	recw_int(w, TC_CODE, t->code);
	recw_int(w, TC_OK, t->ok);
	recw_str(w, TC_CID, t->cid);
	recw_uint(w, TC_BYTES_UP, t->up);
	recw_uint(w, TC_BYTES_DOWN, t->down);
	recw_sec(w, TC_T_SCHED, t->t_sched);
	recw_sec(w, TC_T_START, t->t_start);
	recw_sec(w, TC_T_DNS, t->t_dns);
	recw_sec(w, TC_T_CONNECT, t->t_connect);
	recw_sec(w, TC_T_TTFB, t->t_ttfb);
	recw_sec(w, TC_T_TOTAL, t->t_total);
	if (t->error && *t->error)
		recw_str(w, TC_ERROR, t->error);
	recw_end(w);
}
