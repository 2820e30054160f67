/* The plugin loader: dlopen, checks before any call, ordering, lifecycle. */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

struct entry {
	const um_plugin *desc;
	char *path;           /* file, or the origin of a linked-in plugin */
	void *handle;         /* NULL for linked-in plugins */
	size_t dir;           /* index of the directory it was found in */
	void *options;
	void *state;
	int inited;
};

struct um_plugin_set {
	struct entry *e;
	size_t n, cap;
};

/* The plugin whose code runs on this thread, for log lines. */
static __thread const char *current_plugin;

const char *um_plugin_running(void)
{
	return current_plugin;
}

um_plugin_set *um_plugin_set_new(void)
{
	return um_xcalloc(1, sizeof(um_plugin_set));
}

static void entry_free(struct entry *e)
{
	if (e->inited && e->desc->fini) {
		current_plugin = e->desc->name;
		e->desc->fini(e->state);
		current_plugin = NULL;
	}
	if (e->options) {
		um_options_free(e->desc->options, e->options);
		free(e->options);
	}
	if (e->handle)
		dlclose(e->handle);
	free(e->path);
}

void um_plugin_set_free(um_plugin_set *set)
{
	size_t i;
	if (!set)
		return;
	/* fini in reverse run order: later plugins may hold on to nothing of
	 * earlier ones, but this is the order that mirrors init. */
	for (i = set->n; i-- > 0;)
		entry_free(&set->e[i]);
	free(set->e);
	free(set);
}

static int names_valid(const char *const *list)
{
	for (; list && *list; list++)
		if (!um_layer_valid(*list))
			return 0;
	return 1;
}

static struct entry *find(um_plugin_set *set, const char *name)
{
	size_t i;
	for (i = 0; i < set->n; i++)
		if (strcmp(set->e[i].desc->name, name) == 0)
			return &set->e[i];
	return NULL;
}

/* Every check a descriptor must pass before anything of it is called. */
static int check_desc(um_plugin_set *set, const um_plugin *d, char *err,
                      size_t errlen)
{
	if (!d) {
		um_seterr(err, errlen, "um_plugin_entry returned no descriptor");
		return UM_EPLUGIN;
	}
	if (d->abi_major != UM_ABI_MAJOR) {
		um_seterr(err, errlen, "plugin ABI %u.%u is not binary compatible "
		          "with this unmine's ABI %d.%d", d->abi_major,
		          d->abi_minor, UM_ABI_MAJOR, UM_ABI_MINOR);
		return UM_EABI;
	}
	if (d->abi_minor > UM_ABI_MINOR) {
		um_seterr(err, errlen, "plugin needs ABI %u.%u, newer than this "
		          "unmine's ABI %d.%d", d->abi_major, d->abi_minor,
		          UM_ABI_MAJOR, UM_ABI_MINOR);
		return UM_EABI;
	}
	if (d->size < offsetof(um_plugin, reserved)) {
		um_seterr(err, errlen, "plugin descriptor of %u bytes is smaller "
		          "than ABI %d.%d's %zu bytes", d->size, UM_ABI_MAJOR,
		          UM_ABI_MINOR, offsetof(um_plugin, reserved));
		return UM_EABI;
	}
	if (!d->name || !um_name_valid(d->name) || strlen(d->name) > 64) {
		um_seterr(err, errlen, "plugin has no valid name");
		return UM_EPLUGIN;
	}
	if (!d->version || !d->process) {
		um_seterr(err, errlen, "plugin '%s' lacks a %s", d->name,
		          d->version ? "process function" : "version");
		return UM_EPLUGIN;
	}
	if (!names_valid(d->provides) || !names_valid(d->requires)) {
		um_seterr(err, errlen, "plugin '%s' names a layer that is not a "
		          "valid name", d->name);
		return UM_EPLUGIN;
	}
	{
		char msg[200];
		if (um_options_check_table(d->options, d->options_size, msg,
		                           sizeof(msg))) {
			um_seterr(err, errlen, "plugin '%s': %s", d->name, msg);
			return UM_EPLUGIN;
		}
	}
	if (find(set, d->name)) {
		um_seterr(err, errlen, "duplicate plugin name '%s' (already "
		          "loaded from %s)", d->name, find(set, d->name)->path);
		return UM_EEXIST;
	}
	return 0;
}

static void append(um_plugin_set *set, const um_plugin *d, const char *path,
                   void *handle, size_t dir)
{
	struct entry *e;
	UM_GROW(set->e, set->cap, set->n + 1);
	e = &set->e[set->n++];
	memset(e, 0, sizeof(*e));
	e->desc = d;
	e->path = um_xstrdup(path);
	e->handle = handle;
	e->dir = dir;
}

int um_plugin_set_add(um_plugin_set *set, const um_plugin *desc,
                      const char *origin, char *err, size_t errlen)
{
	int r = check_desc(set, desc, err, errlen);
	if (r)
		return r;
	append(set, desc, origin, NULL, 0);
	return 0;
}

/* load()'s answer for a file that an earlier directory overrides. */
#define SHADOWED 1

static int load(um_plugin_set *set, const char *path, size_t dir, char *err,
                size_t errlen)
{
	struct stat st;
	void *h;
	union { void *p; um_plugin_entry_fn fn; } sym;
	const char *msg;
	size_t plen = strlen(path);
	int r;

	if (stat(path, &st) != 0) {
		um_seterr(err, errlen, "cannot open: %s", strerror(errno));
		return UM_EIO;
	}
	if (!S_ISREG(st.st_mode)) {
		um_seterr(err, errlen, "not a regular file");
		return UM_EIO;
	}
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		msg = dlerror();
		msg = msg ? msg : "unknown error";
		/* dlerror() repeats the path; say it once. */
		if (!strncmp(msg, path, plen) && !strncmp(msg + plen, ": ", 2))
			msg += plen + 2;
		um_seterr(err, errlen, "not a loadable plugin: %s", msg);
		return UM_EPLUGIN;
	}
	sym.p = dlsym(h, UM_PLUGIN_ENTRY);
	if (!sym.p) {
		um_seterr(err, errlen, "not an unmine plugin (no %s symbol)",
		          UM_PLUGIN_ENTRY);
		dlclose(h);
		return UM_EPLUGIN;
	}
	{
		/* Shadowed by the same name from an earlier directory: the
		 * earlier directory wins, as in PATH. */
		const um_plugin *d = sym.fn();
		struct entry *prev = d && d->abi_major == UM_ABI_MAJOR && d->name ?
		                     find(set, d->name) : NULL;
		if (prev && dir > 0 && prev->dir > 0 && prev->dir < dir) {
			dlclose(h);
			return SHADOWED;
		}
	}
	r = check_desc(set, sym.fn(), err, errlen);
	if (r) {
		dlclose(h);
		return r;
	}
	append(set, sym.fn(), path, h, dir);
	return 0;
}

int um_plugin_set_load(um_plugin_set *set, const char *path, char *err,
                       size_t errlen)
{
	int r = load(set, path, 0, err, errlen);
	return r < 0 ? r : 0;
}

static int is_so(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && strcmp(name + n - 3, ".so") == 0 && name[0] != '.';
}

size_t um_plugin_set_scan(um_plugin_set *set, const char *const *dirs,
                          size_t ndirs, um_diag_fn diag, void *ctx)
{
	size_t d, refused = 0;

	for (d = 0; d < ndirs; d++) {
		char **names = NULL;
		size_t n = 0, i;

		if (um_list_dir(dirs[d], &names, &n) != 0)
			continue;
		for (i = 0; i < n; i++) {
			um_strbuf path;
			char err[512];
			int r;
			if (!is_so(names[i])) {
				free(names[i]);
				continue;
			}
			um_sb_init(&path);
			um_sb_adds(&path, dirs[d]);
			if (path.len && path.data[path.len - 1] != '/')
				um_sb_addc(&path, '/');
			um_sb_adds(&path, names[i]);
			um_sb_addc(&path, '\0');
			r = load(set, path.data, d + 1, err, sizeof(err));
			if (r < 0) {
				refused++;
				if (diag)
					diag(ctx, path.data, err);
			}
			um_sb_free(&path);
			free(names[i]);
		}
		free(names);
	}
	return refused;
}

static void drop(um_plugin_set *set, size_t i)
{
	entry_free(&set->e[i]);
	memmove(&set->e[i], &set->e[i + 1], (set->n - i - 1) * sizeof(*set->e));
	set->n--;
}

int um_plugin_set_select(um_plugin_set *set, const char *names, char *err,
                         size_t errlen)
{
	char *list, *tok, *save = NULL;
	unsigned char *keep;
	size_t i;
	int r = 0;

	if (!names || !strcmp(names, "all"))
		return 0;
	keep = um_xcalloc(set->n + 1, 1);
	list = um_xstrdup(names);
	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "none"))
			continue;
		for (i = 0; i < set->n; i++)
			if (!strcmp(set->e[i].desc->name, tok))
				break;
		if (i == set->n) {
			um_seterr(err, errlen, "no plugin named '%s' (see 'unmine "
			          "plugins')", tok);
			r = UM_ENOENT;
			goto out;
		}
		keep[i] = 1;
	}
	for (i = set->n; i-- > 0;)
		if (!keep[i])
			drop(set, i);
out:
	free(keep);
	free(list);
	return r;
}

static int provides(const struct entry *e, const char *layer)
{
	const char *const *p;
	for (p = e->desc->provides; p && *p; p++)
		if (!strcmp(*p, layer))
			return 1;
	return 0;
}

/* 1 if plugin a must run before plugin b. */
static int before(const struct entry *a, const struct entry *b)
{
	const char *const *r;
	if (a == b)
		return 0;
	for (r = b->desc->requires; r && *r; r++)
		if (provides(a, *r))
			return 1;
	return 0;
}

/* The first requirement of e that no plugin of the set provides. */
static const char *unmet(const um_plugin_set *set, const struct entry *e)
{
	const char *const *r;
	size_t i;
	for (r = e->desc->requires; r && *r; r++) {
		for (i = 0; i < set->n; i++)
			if (provides(&set->e[i], *r))
				break;
		if (i == set->n)
			return *r;
	}
	return NULL;
}

int um_plugin_set_resolve(um_plugin_set *set, int strict, um_diag_fn diag,
                          void *ctx, char *err, size_t errlen)
{
	struct entry *sorted;
	unsigned char *done;
	size_t i, j, k, nsorted = 0;
	int dropped = 0, again = 1;

	/* Drop plugins with unmet requirements until none is left: dropping
	 * one can leave another without its provider. */
	while (again) {
		again = 0;
		for (i = 0; i < set->n; i++) {
			const char *layer = unmet(set, &set->e[i]);
			char msg[256];
			if (!layer)
				continue;
			snprintf(msg, sizeof(msg), "plugin '%s' requires layer '%s', "
			         "which no loaded plugin provides",
			         set->e[i].desc->name, layer);
			if (strict) {
				um_seterr(err, errlen, "%s: %s", set->e[i].path, msg);
				return UM_ENOENT;
			}
			if (diag)
				diag(ctx, set->e[i].path, msg);
			drop(set, i);
			dropped++;
			again = 1;
			break;
		}
	}
	/* Kahn's algorithm; among the ready, the smallest name first, so the
	 * order does not depend on the order of directories. */
	sorted = um_xcalloc(set->n + 1, sizeof(*sorted));
	done = um_xcalloc(set->n + 1, 1);
	while (nsorted < set->n) {
		size_t best = set->n;
		for (i = 0; i < set->n; i++) {
			if (done[i])
				continue;
			for (j = 0; j < set->n; j++)
				if (!done[j] && before(&set->e[j], &set->e[i]))
					break;
			if (j < set->n)
				continue;
			if (best == set->n ||
			    strcmp(set->e[i].desc->name, set->e[best].desc->name) < 0)
				best = i;
		}
		if (best == set->n)
			break;
		done[best] = 1;
		sorted[nsorted++] = set->e[best];
	}
	if (nsorted < set->n) {
		um_strbuf names;
		um_sb_init(&names);
		for (i = 0; i < set->n; i++) {
			if (done[i])
				continue;
			um_sb_adds(&names, names.len ? ", " : "");
			um_sb_adds(&names, set->e[i].desc->name);
		}
		um_sb_addc(&names, '\0');
		if (strict) {
			um_seterr(err, errlen, "dependency cycle among plugins %s",
			          names.data);
			um_sb_free(&names);
			free(sorted);
			free(done);
			return UM_ELOOP;
		}
		for (i = 0; i < set->n; i++) {
			char msg[512];
			if (done[i])
				continue;
			snprintf(msg, sizeof(msg), "plugin '%s' is part of a "
			         "dependency cycle among plugins %s",
			         set->e[i].desc->name, names.data);
			if (diag)
				diag(ctx, set->e[i].path, msg);
			entry_free(&set->e[i]);
			dropped++;
		}
		um_sb_free(&names);
	}
	for (k = 0; k < nsorted; k++)
		set->e[k] = sorted[k];
	set->n = nsorted;
	free(sorted);
	free(done);
	return dropped;
}

static int ensure_options(struct entry *e, char *err, size_t errlen)
{
	char msg[256];
	if (e->options || !e->desc->options_size)
		return 0;
	e->options = um_xcalloc(1, e->desc->options_size);
	if (um_options_defaults(e->desc->options, e->options, msg, sizeof(msg))) {
		um_seterr(err, errlen, "plugin '%s': bad default: %s",
		          e->desc->name, msg);
		return UM_EPLUGIN;
	}
	return 0;
}

int um_plugin_set_option(um_plugin_set *set, const char *setting, char *err,
                         size_t errlen)
{
	const char *dot = strchr(setting, '.'), *eq = strchr(setting, '=');
	char name[128], key[128], msg[256];
	struct entry *e;
	size_t nl, kl;
	int r;

	if (!dot || !eq || eq < dot || dot == setting || eq == dot + 1) {
		um_seterr(err, errlen, "option '%s' is not PLUGIN.KEY=VALUE",
		          setting);
		return UM_EINVAL;
	}
	nl = (size_t)(dot - setting);
	kl = (size_t)(eq - dot - 1);
	if (nl >= sizeof(name) || kl >= sizeof(key)) {
		um_seterr(err, errlen, "option '%s' is too long", setting);
		return UM_EINVAL;
	}
	memcpy(name, setting, nl);
	name[nl] = '\0';
	memcpy(key, dot + 1, kl);
	key[kl] = '\0';
	if (!(e = find(set, name))) {
		um_seterr(err, errlen, "option '%s': no plugin named '%s'",
		          setting, name);
		return UM_ENOENT;
	}
	if ((r = ensure_options(e, err, errlen)) != 0)
		return r;
	if (!e->options) {
		um_seterr(err, errlen, "plugin '%s' has no option '%s'", name, key);
		return UM_ENOENT;
	}
	r = um_options_set(e->desc->options, e->options, key, eq + 1, msg,
	                   sizeof(msg));
	if (r) {
		um_seterr(err, errlen, "plugin '%s': %s", name, msg);
		return r;
	}
	return 0;
}

int um_plugin_set_init(um_plugin_set *set, char *err, size_t errlen)
{
	size_t i;
	for (i = 0; i < set->n; i++) {
		struct entry *e = &set->e[i];
		char msg[512] = "";
		int r;
		if (e->inited)
			continue;
		if ((r = ensure_options(e, err, errlen)) != 0)
			return r;
		if (!e->desc->init) {
			e->inited = 1;
			continue;
		}
		current_plugin = e->desc->name;
		r = e->desc->init(um_core(), e->options, &e->state, msg, sizeof(msg));
		current_plugin = NULL;
		if (r) {
			um_seterr(err, errlen, "%s: plugin '%s' failed to start: %s",
			          e->path, e->desc->name, msg[0] ? msg : um_strerror(r));
			return UM_EPLUGIN;
		}
		e->inited = 1;
	}
	return 0;
}

int um_plugin_set_run(um_plugin_set *set, um_doc *doc, char *err,
                      size_t errlen)
{
	size_t i;
	um_doc_tokenize(doc);
	for (i = 0; i < set->n; i++) {
		struct entry *e = &set->e[i];
		int r;
		um_doc_set_author(doc, e->desc->name);
		current_plugin = e->desc->name;
		r = e->desc->process(e->state, doc);
		current_plugin = NULL;
		um_doc_set_author(doc, NULL);
		if (r) {
			um_seterr(err, errlen, "plugin '%s' failed: %s",
			          e->desc->name, um_strerror(r));
			return UM_EPLUGIN;
		}
	}
	return 0;
}

size_t um_plugin_set_count(const um_plugin_set *set)
{
	return set->n;
}

const um_plugin *um_plugin_set_at(const um_plugin_set *set, size_t i,
                                  const char **ret_path)
{
	if (i >= set->n)
		return NULL;
	if (ret_path)
		*ret_path = set->e[i].path;
	return set->e[i].desc;
}
