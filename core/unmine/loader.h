/* The plugin loader: finds, checks, orders, configures and runs plugins. */
#ifndef UNMINE_LOADER_H
#define UNMINE_LOADER_H

#include <stddef.h>
#include <unmine/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct um_plugin_set um_plugin_set;

/* Called once per refused file or plugin: origin is the file (or the
 * plugin's name), msg the reason in one line. */
typedef void (*um_diag_fn)(void *ctx, const char *origin, const char *msg);

/* A new empty set. Aborts if memory runs out. Free with um_plugin_set_free,
 * which runs every initialised plugin's fini and closes every file. */
um_plugin_set *um_plugin_set_new(void);
void um_plugin_set_free(um_plugin_set *set);

/*
 * Loads one shared object: a regular file, opened with
 * dlopen(RTLD_NOW | RTLD_LOCAL). Refused, with a line in err that names
 * the reason and both ABI versions where they matter, and the file closed
 * again, when the file cannot be opened, exports no um_plugin_entry,
 * speaks another ABI major or a newer minor, has a descriptor that is too
 * small or incomplete, or repeats a name already in the set.
 * Returns 0, UM_EIO, UM_EPLUGIN, UM_EABI or UM_EEXIST.
 */
int um_plugin_set_load(um_plugin_set *set, const char *path,
                       char *err, size_t errlen);

/* Adds a descriptor linked into the program (tests, built-ins), with the
 * same checks; origin names it in messages. */
int um_plugin_set_add(um_plugin_set *set, const um_plugin *desc,
                      const char *origin, char *err, size_t errlen);

/*
 * Loads every "*.so" file of each directory in order, each directory's
 * files sorted by name. A plugin whose name is already in the set from an
 * earlier directory is shadowed and skipped silently (so --plugin-path
 * overrides the installed copy); every other refusal goes to diag.
 * Missing directories are skipped. Returns the number of refusals.
 */
size_t um_plugin_set_scan(um_plugin_set *set, const char *const *dirs,
                          size_t ndirs, um_diag_fn diag, void *ctx);

/*
 * Keeps only the named plugins (comma-separated; "none" for none; NULL or
 * "all" for all). UM_ENOENT, with err naming the plugin, if a name is not
 * in the set.
 */
int um_plugin_set_select(um_plugin_set *set, const char *names,
                         char *err, size_t errlen);

/*
 * Orders the plugins so that each runs after the providers of the layers
 * it requires (ties by name). A plugin that requires a layer no plugin in
 * the set provides, or that is part of a cycle, is dropped and reported to
 * diag; with strict set (plugins the user named) that is an error instead:
 * UM_ENOENT or UM_ELOOP with err. Returns the number dropped otherwise.
 */
int um_plugin_set_resolve(um_plugin_set *set, int strict, um_diag_fn diag,
                          void *ctx, char *err, size_t errlen);

/* Records an option "PLUGIN.KEY=VALUE" for init. UM_EINVAL for a
 * malformed setting, UM_ENOENT for an unknown plugin or key (err names
 * both), UM_EINVAL for a value of the wrong type. */
int um_plugin_set_option(um_plugin_set *set, const char *setting,
                         char *err, size_t errlen);

/* Runs every plugin's init in order. On the first failure, err names the
 * plugin and its message; returns UM_EPLUGIN. */
int um_plugin_set_init(um_plugin_set *set, char *err, size_t errlen);

/* Runs every plugin on the document, tokenizing it first. On a plugin's
 * failure err names it; returns UM_EPLUGIN. Safe from several threads on
 * different documents after init. */
int um_plugin_set_run(um_plugin_set *set, um_doc *doc, char *err,
                      size_t errlen);

/* The name of the plugin whose code runs on this thread (its init,
 * process or fini), NULL when none does: for the message of a crash.
 * Safe to call from a signal handler on that thread. */
const char *um_plugin_running(void);

/* The value of option o as the plugin receives it, written one way
 * whatever way it was given ("YES", "on" and "1" are "yes"; "010" is "10";
 * "0.20" is "0.20000000000000001"; NULL is the zero value), into buf (n
 * bytes): for comparing settings. 0, or UM_EINVAL for a value of the
 * wrong type. */
int um_option_canonical(const um_option *o, const char *value, char *buf,
                        size_t n);

size_t um_plugin_set_count(const um_plugin_set *set);
/* The i-th plugin in run order and the file it came from. */
const um_plugin *um_plugin_set_at(const um_plugin_set *set, size_t i,
                                  const char **ret_path);

/* The table the core hands to init. */
const um_core_api *um_core(void);

#ifdef __cplusplus
}
#endif
#endif
