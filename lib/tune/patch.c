/* tune/patch.c: the change set, its backup, apply with rollback, revert (tune/patch.h). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tune/patch.h"
#include "base/sig.h"
#include "base/util.h"
#include "base/version.h"
#include "net/discover.h"

void
patch_add(struct tune_patch *p, const char *key, json_t *value, const json_t *current,
    int state, const char *rule, const char *why)
{
	struct tune_change *c;

	egrow((void **)&p->c, &p->cap, p->n + 1, sizeof *p->c);
	c = &p->c[p->n++];
	memset(c, 0, sizeof *c);
	c->key = estrdup(key);
	c->value = value;
	c->current = current ? json_deep_copy(current) : NULL;
	c->state = state;
	c->when = tune_key_when(key);
	c->rule = rule ? estrdup(rule) : NULL;
	c->why = why ? estrdup(why) : NULL;
}

void
patch_free(struct tune_patch *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->c[i].key);
		json_decref(p->c[i].value);
		json_decref(p->c[i].current);
		free(p->c[i].rule);
		free(p->c[i].why);
	}
	free(p->c);
	memset(p, 0, sizeof *p);
}

static char *
dump(const json_t *v)
{
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

	if (!s)
		eprintf("out of memory");
	return s;
}

/* s in single quotes for sh, ' as '\''. */
static void
shquote(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	fputc('\'', f);
}

/* One "# ..." comment line for sh: every control character (anything
 * below 0x20, which includes the newline, and DEL) is folded to '?', so
 * that nothing a value holds can end the comment. */
static void
comment(FILE *f, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = emalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	fputs("# ", f);
	for (char *p = s; *p; p++)
		fputc((unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p, f);
	fputc('\n', f);
	free(s);
}

static const char *const statename[] = { "unknown", "set", "absent" };

void
patch_print(const struct tune_patch *p, int json, const char *node, FILE *f)
{
	if (!json && node) {
		comment(f, "tune-conf patch for %s: review it, then apply it with", node);
		comment(f, "tune-conf -j --patch ... > patch.jsonl; tune-conf --apply --from patch.jsonl");
		comment(f, "(a backup first, read-back, restore on failure) or pipe it to sh");
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct tune_change *c = &p->c[i];
		char *v = dump(c->value);

		if (json) {
			json_t *o = json_pack("{s:s, s:O, s:s, s:s}", "key", c->key, "value", c->value,
			    "current_state", statename[c->state], "when", tune_when_name(c->when));
			char *s;

			if (c->state == CUR_SET)
				json_object_set(o, "current", c->current);
			if (c->rule)
				json_object_set_new(o, "rule", json_string(c->rule));
			if (c->why)
				json_object_set_new(o, "why", json_string(c->why));
			s = json_dumps(o, JSON_COMPACT);
			fprintf(f, "%s\n", s);
			free(s);
			json_decref(o);
		} else {
			char *cur = c->state == CUR_SET ? dump(c->current) : NULL;

			comment(f, "%s%s%s (was %s; %s)", c->rule ? c->rule : "patch",
			    c->why ? ": " : "", c->why ? c->why : "",
			    cur ? cur : c->state == CUR_ABSENT ? "absent" : "unknown",
			    c->when == WHEN_NOW ? "takes effect now" : c->when == WHEN_INIT ?
			    "init only: tune-conf never applies it" : "takes effect after the daemon restarts");
			if (!tune_key(c->key)) {
				comment(f, "not a key tune-conf knows, left out: %s", c->key);
			} else if (c->when == WHEN_INIT) {
				comment(f, "ipfs config --json %s %s", c->key, v);
			} else {
				fputs("ipfs config --json ", f);
				shquote(f, c->key);
				fputc(' ', f);
				shquote(f, v);
				fputc('\n', f);
			}
			free(cur);
		}
		free(v);
	}
}

int
patch_read(struct tune_patch *p, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	const char *name = strcmp(path, "-") ? path : "stdin";
	char *line = NULL, why[256];
	size_t cap = 0, lineno = 0;
	unsigned long nbad = 0;
	ssize_t len;

	memset(p, 0, sizeof *p);
	if (!f) {
		weprintf("%s:", path);
		return -1;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		json_t *o, *k = NULL, *v = NULL, *cur = NULL;
		json_error_t je;
		const char *st;
		int state = CUR_UNKNOWN;

		lineno++;
		if (line[strspn(line, " \t\r\n")] == '\0' || line[0] == '#')
			continue;
		why[0] = '\0';
		if (!(o = json_loads(line, 0, &je)))
			snprintf(why, sizeof why, "not JSON (%s): give the -j --patch form", je.text);
		else if (!json_is_object(o) || !json_is_string(k = json_object_get(o, "key")) ||
		    !*json_string_value(k))
			snprintf(why, sizeof why, "no \"key\" string");
		else if (!(v = json_object_get(o, "value")))
			snprintf(why, sizeof why, "%s: no \"value\"", json_string_value(k));
		else if ((st = json_string_value(json_object_get(o, "current_state"))) &&
		    (state = !strcmp(st, "set") ? CUR_SET : !strcmp(st, "absent") ? CUR_ABSENT :
		    !strcmp(st, "unknown") ? CUR_UNKNOWN : -1) < 0)
			snprintf(why, sizeof why, "current_state: expected set, absent or unknown");
		else if (state == CUR_SET && !(cur = json_object_get(o, "current")))
			snprintf(why, sizeof why, "current_state set without \"current\"");
		if (why[0]) {
			if (++nbad <= 20)
				weprintf("%s:%zu: %s", name, lineno, why);
		} else {
			patch_add(p, json_string_value(k), json_incref(v),
			    state == CUR_SET ? cur : NULL, state,
			    json_string_value(json_object_get(o, "rule")),
			    json_string_value(json_object_get(o, "why")));
		}
		json_decref(o);
	}
	if (ferror(f)) {
		weprintf("%s: read error:", name);
		nbad++;
	}
	free(line);
	if (f != stdin)
		fclose(f);
	if (!nbad && p->n == 0) {
		weprintf("%s: no changes in the patch", name);
		nbad++;
	}
	return nbad ? -1 : 0;
}

/* ---- the backup ---- */

/* One key's old value: value, or absent (and the shortest absent prefix). */
struct entry {
	const char *key;
	json_t *value;		/* NULL: absent */
	char absent_from[256];
};

/* The node's peer ID (/api/v0/id), checked to be one word of letters and
 * digits: 0, or -1 with err. */
static int
peer_id(struct tune_node *n, char *buf, size_t len, char *err, size_t elen)
{
	json_t *r = NULL;
	const char *id;
	int rc = -1;

	if (node_call(n, "id", NULL, &r, err, elen) < 0)
		return -1;
	id = json_string_value(json_object_get(r, "ID"));
	if (!id || !*id || strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") != strlen(id) ||
	    strlen(id) >= len)
		snprintf(err, elen, "id: no peer ID (\"ID\") in the reply");
	else
		rc = snprintf(buf, len, "%s", id) < 0 ? -1 : 0;
	json_decref(r);
	return rc;
}

static json_t *
backup_doc(const struct tune_node *n, const char *peer, const struct entry *e, size_t ne)
{
	json_t *doc, *list = json_array();
	char when[32];
	time_t t = time(NULL);

	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	for (size_t i = 0; i < ne; i++) {
		json_t *o = json_pack("{s:s}", "key", e[i].key);

		if (e[i].value) {
			json_object_set(o, "value", e[i].value);
		} else {
			json_object_set_new(o, "absent", json_true());
			json_object_set_new(o, "absent_from", json_string(e[i].absent_from));
		}
		json_array_append_new(list, o);
	}
	doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "tool", "tune-conf",
	    "ipfsperf", IPFSPERF_VERSION, "created", when, "node", n->name,
	    "api", url_redact(n->api), "keys", list);
	if (peer)
		json_object_set_new(doc, "peer_id", json_string(peer));
	return doc;
}

/* Write doc to path atomically, mode 0600, never over an existing file:
 * a temporary file in the same folder, fsync, link to its name, fsync the
 * folder. */
static int
backup_write(const char *path, const json_t *doc)
{
	char *copy = estrdup(path), *dir = dirname(copy), *tmp, *s;
	size_t len;
	int fd, dfd, rc = -1;

	tmp = emalloc(strlen(dir) + 40);
	sprintf(tmp, "%s/.tune-conf-backup.XXXXXX", dir);
	if ((fd = mkstemp(tmp)) < 0) {
		weprintf("backup: %s:", tmp);
		goto out;
	}
	s = json_dumps(doc, JSON_INDENT(2));
	len = strlen(s);
	if (fchmod(fd, 0600) < 0 || write(fd, s, len) != (ssize_t)len || write(fd, "\n", 1) != 1 ||
	    fsync(fd) < 0) {
		weprintf("backup: %s:", tmp);
		close(fd);
		unlink(tmp);
		free(s);
		goto out;
	}
	free(s);
	close(fd);
	if (link(tmp, path) < 0) {
		if (errno == EEXIST)
			weprintf("backup: %s exists: a backup is never overwritten", path);
		else
			weprintf("backup: %s:", path);
		unlink(tmp);
		goto out;
	}
	unlink(tmp);
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
out:
	free(tmp);
	free(copy);
	return rc;
}

/* ---- restoring ---- */

/* The node's value of key differs from the entry's old one? */
static int
differs(const struct tune_node *n, const struct entry *e)
{
	json_t *v = config_lookup(n->config, e->key, NULL, 0);

	if (!e->value)
		return v != NULL && !(n->impl != IMPL_JS && json_is_null(v));
	return !v || !json_equal(v, e->value);
}

/* Remove key from cfg, then the objects it leaves empty, as long as they
 * are inside absent_from (the prefix that was absent before). */
static void
remove_key(json_t *cfg, const char *key, const char *absent_from)
{
	char *path = estrdup(key);
	size_t keep = strlen(absent_from);
	int first = 1;

	while (path[0] && strlen(path) >= keep) {
		char *dot = strrchr(path, '.');
		json_t *v = config_lookup(cfg, path, NULL, 0), *parent = cfg;

		if (!v || (!first && !(json_is_object(v) && json_object_size(v) == 0)))
			break;
		if (dot) {
			*dot = '\0';
			parent = config_lookup(cfg, path, NULL, 0);
		}
		json_object_del(parent, dot ? dot + 1 : path);
		if (!dot)
			break;
		first = 0;
	}
	free(path);
}

/*
 * Put the entries' old values back where the node differs, then read them
 * back. A key that was absent is removed: on js-ipfs by config/replace of
 * the config it shows (which is the whole config), without the key and the
 * objects only it filled, before the other keys are set; on Kubo (whose
 * config/show leaves secrets out, so a replace would lose them) it is set
 * to null, Kubo's "use the default".
 */
static int
restore(struct tune_node *n, const struct entry *e, size_t ne, int quiet)
{
	char err[768], *touched = ecalloc(ne + 1, 1);
	json_t *cfg = NULL;
	int rc = 0;

	if (node_config(n, err, sizeof err) < 0) {
		weprintf("restore: %s", err);
		free(touched);
		return -1;
	}
	for (size_t i = 0; i < ne; i++) {
		if (!(touched[i] = differs(n, &e[i])) || e[i].value || n->impl != IMPL_JS)
			continue;
		if (!cfg)
			cfg = json_deep_copy(n->config);
		remove_key(cfg, e[i].key, e[i].absent_from);
	}
	if (cfg && node_replace(n, cfg, err, sizeof err) < 0) {
		weprintf("restore: %s", err);
		rc = -1;
	}
	json_decref(cfg);
	for (size_t i = 0; i < ne; i++) {
		if (!touched[i] || (!e[i].value && n->impl == IMPL_JS))
			continue;
		if (node_set(n, e[i].key, e[i].value ? e[i].value : json_null(), err, sizeof err) < 0) {
			weprintf("restore %s: %s", e[i].key, err);
			rc = -1;
		}
	}
	if (node_config(n, err, sizeof err) < 0) {
		weprintf("restore: read back: %s", err);
		free(touched);
		return -1;
	}
	for (size_t i = 0; i < ne; i++) {
		if (differs(n, &e[i])) {
			weprintf("restore %s: reads back different from the backup", e[i].key);
			rc = -1;
		} else if (!quiet) {
			char *s = e[i].value ? dump(e[i].value) : NULL;

			weprintf("%s: %s%s", e[i].key, touched[i] ? "" : "unchanged, ",
			    s ? s : touched[i] ? "absent again" : "absent");
			free(s);
		}
	}
	free(touched);
	return rc;
}

static void
default_backup(char *buf, size_t n)
{
	time_t t = time(NULL);

	strftime(buf, n, "tune-conf-backup-%Y%m%dT%H%M%S.json", localtime(&t));
}

int
patch_check(const struct tune_patch *p)
{
	char why[512];
	int rc = 0;

	for (size_t i = 0; i < p->n; i++) {
		const char *k = p->c[i].key;
		const struct tune_key *tk = tune_key(k);

		if (!tk) {
			weprintf("%.*s: not a key tune-conf knows (exact names only: tune-conf --keys lists them)",
			    200, k);
			rc = -1;
		} else if (tk->when == WHEN_INIT || p->c[i].when == WHEN_INIT) {
			weprintf("%s: takes effect only at ipfs init: tune-conf never applies it", k);
			rc = -1;
		} else if (tune_key_check(k, p->c[i].value, 1, why, sizeof why) < 0) {
			weprintf("%s", why);
			rc = -1;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->c[j].key, k)) {
				weprintf("%s: twice in the patch", k);
				rc = -1;
			}
	}
	return rc;
}

int
patch_apply(struct tune_node *n, const struct tune_patch *p, const struct tune_applyopts *o)
{
	struct entry *e = ecalloc(p->n ? p->n : 1, sizeof *e);
	const struct tune_change **c = ecalloc(p->n ? p->n : 1, sizeof *c);
	char err[768], defname[64], peer[128];
	const char *backup = o->backup;
	size_t ne = 0, done = 0;
	json_t *doc;
	int rc = 0;

	if (patch_check(p) < 0) {
		rc = -1;
		goto out;
	}
	if (node_config(n, err, sizeof err) < 0) {
		weprintf("%s", err);
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct tune_change *ch = &p->c[i];
		json_t *cur = config_lookup(n->config, ch->key, e[ne].absent_from, sizeof e[ne].absent_from);

		if ((ch->state == CUR_SET && (!cur || !json_equal(cur, ch->current))) ||
		    (ch->state == CUR_ABSENT && cur)) {
			weprintf("%s: the node changed it since the patch was made: not applying", ch->key);
			rc = -1;
			continue;
		}
		if (cur && json_equal(cur, ch->value)) {
			if (!o->quiet)
				weprintf("%s: already so, left alone", ch->key);
			continue;
		}
		if (ch->when == WHEN_RESTART && !o->restart_ok) {
			weprintf("%s: takes effect after the daemon restarts: left out (apply it with --restart-ok)",
			    ch->key);
			continue;
		}
		e[ne].key = ch->key;
		e[ne].value = cur ? json_deep_copy(cur) : NULL;
		c[ne++] = ch;
	}
	if (rc < 0)
		goto out;
	if (ne == 0) {
		if (!o->quiet)
			weprintf("nothing to apply: the node is left as it is");
		goto out;
	}
	if (!backup) {
		default_backup(defname, sizeof defname);
		backup = defname;
	}
	if (peer_id(n, peer, sizeof peer, err, sizeof err) < 0) {
		if (!o->quiet)
			weprintf("the node's peer ID is unknown (%s): the backup records its API URL alone", err);
		peer[0] = '\0';
	}
	doc = backup_doc(n, peer[0] ? peer : NULL, e, ne);
	rc = backup_write(backup, doc);
	json_decref(doc);
	if (rc < 0)
		goto out;

	for (done = 0; done < ne && !interrupted; done++) {
		json_t *back = NULL;

		if (node_set(n, c[done]->key, c[done]->value, err, sizeof err) < 0) {
			weprintf("%s: the node refused it: %s", c[done]->key, err);
		} else if (node_get(n, c[done]->key, &back, err, sizeof err) < 0) {
			weprintf("%s: set, but reading it back failed: %s", c[done]->key, err);
		} else if (!json_equal(back, c[done]->value)) {
			char *s = dump(back);

			weprintf("%s: set, but reads back as %s", c[done]->key, s);
			free(s);
		} else {
			json_decref(back);
			continue;
		}
		json_decref(back);
		rc = -1;
		done++;		/* the failed key may have changed too */
		break;
	}
	if (interrupted && rc == 0 && done < ne)
		rc = -2;
	if (rc < 0) {
		weprintf("restoring the %zu key%s touched", done, done == 1 ? "" : "s");
		if (restore(n, e, done, o->quiet) < 0)
			weprintf("the node may be half-changed: run tune-conf --revert %s", backup);
		else
			weprintf("the node is as it was (backup %s)", backup);
		goto out;
	}
	{
		struct tune_patch applied = { 0 };

		for (size_t i = 0; i < ne; i++)
			patch_add(&applied, c[i]->key, json_incref(c[i]->value), e[i].value,
			    e[i].value ? CUR_SET : CUR_ABSENT, c[i]->rule, c[i]->why);
		patch_print(&applied, o->json, NULL, stdout);
		patch_free(&applied);
	}
	if (!o->quiet) {
		weprintf("%zu key%s set and read back; backup %s (undo: tune-conf --revert %s)",
		    ne, ne == 1 ? "" : "s", backup, backup);
		for (size_t i = 0; i < ne; i++)
			if (c[i]->when == WHEN_RESTART)
				weprintf("%s takes effect after the daemon restarts", c[i]->key);
	}
out:
	for (size_t i = 0; i < ne; i++)
		json_decref(e[i].value);
	free(e);
	free(c);
	return rc;
}

/* A word for a message: plain printable text, else "?". */
static int
printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

int
backup_load(struct tune_backup *b, const char *path)
{
	json_error_t je;
	json_t *list, *o;
	const char *tool, *peer, *api;
	char why[512];
	size_t i;

	memset(b, 0, sizeof *b);
	if (!(b->doc = json_load_file(path, 0, &je))) {
		weprintf("%s:%d: not a tune-conf backup: %s", path, je.line, je.text);
		return -1;
	}
	tool = json_string_value(json_object_get(b->doc, "tool"));
	if (!tool || strcmp(tool, "tune-conf") || !json_is_array(list = json_object_get(b->doc, "keys"))) {
		weprintf("%s: not a tune-conf backup (no \"tool\": \"tune-conf\" and \"keys\")", path);
		goto bad;
	}
	peer = json_string_value(json_object_get(b->doc, "peer_id"));
	api = json_string_value(json_object_get(b->doc, "api"));
	if ((json_object_get(b->doc, "peer_id") && (!peer || !*peer ||
	    strspn(peer, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") != strlen(peer))) ||
	    (json_object_get(b->doc, "api") && (!api || !printable(api)))) {
		weprintf("%s: peer_id or api: expected a peer ID and a URL", path);
		goto bad;
	}
	b->e = ecalloc(json_array_size(list) + 1, sizeof *b->e);
	json_array_foreach(list, i, o) {
		const char *k = json_string_value(json_object_get(o, "key"));
		const char *from = json_string_value(json_object_get(o, "absent_from"));
		json_t *v = json_object_get(o, "value");
		const struct tune_key *tk = k ? tune_key(k) : NULL;
		size_t fl = from ? strlen(from) : 0;

		for (size_t j = 0; tk && j < b->n; j++)
			if (!strcmp(b->e[j].key, k))
				tk = NULL;
		if (!tk || tk->when == WHEN_INIT) {
			weprintf("%s: keys[%zu]: expected a key tune-conf sets, once (tune-conf --keys lists them)",
			    path, i);
			goto bad;
		}
		if (!v && !json_is_true(json_object_get(o, "absent"))) {
			weprintf("%s: keys[%zu]: %s: expected a value or \"absent\": true", path, i, k);
			goto bad;
		}
		if (v && tune_key_check(k, v, 0, why, sizeof why) < 0) {
			weprintf("%s: keys[%zu]: %s", path, i, why);
			goto bad;
		}
		/* the part of the key that was absent: the key or a parent of it */
		if (from && (fl == 0 || fl >= sizeof b->e[b->n].absent_from || strncmp(from, k, fl) ||
		    (k[fl] != '\0' && k[fl] != '.'))) {
			weprintf("%s: keys[%zu]: %s: absent_from: expected the key or a parent of it", path, i, k);
			goto bad;
		}
		b->e[b->n].key = k;
		b->e[b->n].value = v;
		snprintf(b->e[b->n].absent_from, sizeof b->e[b->n].absent_from, "%s", from ? from : k);
		b->n++;
	}
	b->path = estrdup(path);
	return 0;
bad:
	backup_free(b);
	return -1;
}

void
backup_free(struct tune_backup *b)
{
	free(b->e);
	free(b->path);
	json_decref(b->doc);
	memset(b, 0, sizeof *b);
}

/* Is the node the one the backup was made on? Its peer ID when the backup
 * has one, else its API URL (credentials left out): 0, or -1 saying why. */
static int
same_node(struct tune_node *n, const struct tune_backup *b)
{
	const char *bpeer = json_string_value(json_object_get(b->doc, "peer_id"));
	const char *bapi = json_string_value(json_object_get(b->doc, "api"));
	char peer[128], err[512], api[512];

	snprintf(api, sizeof api, "%s", url_redact(n->api));
	if (bpeer) {
		if (peer_id(n, peer, sizeof peer, err, sizeof err) < 0) {
			weprintf("%s was made on the node with peer ID %s; the node at %s does not say its own (%s)",
			    b->path, bpeer, api, err);
			return -1;
		}
		if (strcmp(peer, bpeer)) {
			weprintf("%s was made on the node with peer ID %s, not on the node at %s (peer ID %s)",
			    b->path, bpeer, api, peer);
			return -1;
		}
		return 0;
	}
	if (!bapi || strcmp(bapi, api)) {
		weprintf("%s was made on the node at %s, not at %s (and records no peer ID)", b->path,
		    bapi ? bapi : "(unknown)", api);
		return -1;
	}
	return 0;
}

int
patch_revert(struct tune_node *n, const struct tune_backup *b, int other_node, int quiet)
{
	int rc;

	if (same_node(n, b) < 0) {
		if (!other_node) {
			weprintf("not reverting: --other-node reverts a backup on another node anyway");
			return -1;
		}
		weprintf("reverting anyway (--other-node)");
	}
	rc = restore(n, b->e, b->n, quiet);
	if (rc == 0 && !quiet)
		weprintf("%zu key%s restored from %s and read back", b->n, b->n == 1 ? "" : "s", b->path);
	return rc;
}
