/* Tests: the loader refuses bad plugins with reasons; orders and runs good ones. */
#define _GNU_SOURCE
#include <check.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "suites.h"
#include "testutil.h"

#define TP(name) TEST_PLUGIN_DIR "/" name ".so"
#define ACRONYMS TEST_TOP_BUILDDIR "/plugins/acronyms/.libs/acronyms.so"

/* One temporary directory for the refusals, made and removed outside the
 * forked tests; every test uses names of its own in it. */
static char *tmp;

static void make_tmp(void)
{
	tmp = tu_tempdir();
}

static void remove_tmp(void)
{
	tu_rmtree(tmp);
	free(tmp);
	tmp = NULL;
}

/* Copies a file into dir under name; returns the new path. */
static char *copy_file(const char *src, const char *dir, const char *name)
{
	size_t n;
	char *data = tu_slurp(src, &n), *path;
	ck_assert_msg(data != NULL, "cannot read %s", src);
	path = tu_write(dir, name, data, n);
	free(data);
	return path;
}

static char *subdir(const char *name)
{
	char *p;
	ck_assert(asprintf(&p, "%s/%s", tmp, name) > 0);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	return p;
}

#define MAXDIAG 8

struct diags {
	size_t n;
	char origin[MAXDIAG][512];
	char msg[MAXDIAG][512];
};

static void on_diag(void *ctx, const char *origin, const char *msg)
{
	struct diags *d = ctx;
	ck_assert_uint_lt(d->n, MAXDIAG);
	snprintf(d->origin[d->n], sizeof(d->origin[0]), "%s", origin);
	snprintf(d->msg[d->n], sizeof(d->msg[0]), "%s", msg);
	d->n++;
}

static void load_ok(um_plugin_set *set, const char *path)
{
	char err[512] = "";
	int r = um_plugin_set_load(set, path, err, sizeof(err));
	ck_assert_msg(r == 0, "%s: %d (%s)", path, r, err);
}

static const char *name_at(const um_plugin_set *set, size_t i)
{
	const um_plugin *p = um_plugin_set_at(set, i, NULL);
	ck_assert_ptr_nonnull(p);
	return p->name;
}

static const char *path_at(const um_plugin_set *set, size_t i)
{
	const char *path = NULL;
	ck_assert_ptr_nonnull(um_plugin_set_at(set, i, &path));
	return path;
}

static um_doc *read_doc(const char *s)
{
	char err[256] = "";
	um_doc *doc = NULL;
	ck_assert_int_eq(um_read_memory(s, strlen(s), "t.txt", NULL, &doc, err,
	                                sizeof(err)), 0);
	return doc;
}

/*
 * A plugin linked into the test: every option type, state handed from
 * init to process, a tag per document, fini counted.
 */
struct lk_options {
	long count;
	const char *label;
	int flag;
	double ratio;
};

static const um_option lk_table[] = {
	{ "count", UM_OPT_INT, offsetof(struct lk_options, count), "7",
	  "a whole number" },
	{ "label", UM_OPT_STRING, offsetof(struct lk_options, label), "none",
	  "a string" },
	{ "flag", UM_OPT_BOOL, offsetof(struct lk_options, flag), "no",
	  "yes or no" },
	{ "ratio", UM_OPT_DOUBLE, offsetof(struct lk_options, ratio), "0.5",
	  "a number" },
	{ NULL, 0, 0, NULL, NULL }
};

static const um_core_api *lk_api;
static struct lk_options lk_seen;
static int lk_state;
static int lk_fini_calls;

static int lk_init(const um_core_api *api, const void *options, void **state,
                   char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	lk_api = api;
	memcpy(&lk_seen, options, sizeof(lk_seen));
	*state = &lk_state;
	return 0;
}

static int lk_process(void *state, um_doc *doc)
{
	um_annot *a;
	int r;
	ck_assert_ptr_eq(state, &lk_state);
	if ((r = lk_api->annot_add_doc(doc, "linked", &a)) != 0)
		return r;
	/* The option string lives until fini. */
	return lk_api->annot_set(doc, a, "label", lk_seen.label);
}

static void lk_fini(void *state)
{
	ck_assert_ptr_eq(state, &lk_state);
	lk_fini_calls++;
}

static const char *const lk_provides[] = { "linked", NULL };

static const um_plugin linked = {
	.abi_major = UM_ABI_MAJOR,
	.abi_minor = UM_ABI_MINOR,
	.size = sizeof(um_plugin),
	.name = "tp-linked",
	.version = "1.0",
	.summary = "test: linked into the test program",
	.provides = lk_provides,
	.options = lk_table,
	.options_size = sizeof(struct lk_options),
	.init = lk_init,
	.process = lk_process,
	.fini = lk_fini,
};

static void reset_linked(void)
{
	lk_api = NULL;
	memset(&lk_seen, 0, sizeof(lk_seen));
	lk_fini_calls = 0;
}

/* Descriptors that only need to exist for the dependency tests. */
static int nop_process(void *state, um_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

static const char *const probe2_only[] = { "probe2", NULL };
static const char *const chain_provides[] = { "chain", NULL };

static const um_plugin needs_probe2 = {
	.abi_major = UM_ABI_MAJOR, .abi_minor = UM_ABI_MINOR,
	.size = sizeof(um_plugin), .name = "tp-chain", .version = "1.0",
	.provides = chain_provides, .requires = probe2_only,
	.process = nop_process,
};

static int failing_process(void *state, um_doc *doc)
{
	(void)state;
	(void)doc;
	return UM_EINVAL;
}

static const um_plugin failing = {
	.abi_major = UM_ABI_MAJOR, .abi_minor = UM_ABI_MINOR,
	.size = sizeof(um_plugin), .name = "tp-failrun", .version = "1.0",
	.process = failing_process,
};

/* Refusals. */

START_TEST(load_good_plugin)
{
	um_plugin_set *set = um_plugin_set_new();
	const um_plugin *p;
	const char *path = NULL;
	ck_assert_uint_eq(um_plugin_set_count(set), 0);
	load_ok(set, TP("tp_good"));
	ck_assert_uint_eq(um_plugin_set_count(set), 1);
	p = um_plugin_set_at(set, 0, &path);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->name, "tp-good");
	ck_assert_str_eq(p->version, "1.0");
	ck_assert_str_eq(p->provides[0], "probe");
	ck_assert_ptr_null(p->provides[1]);
	ck_assert_str_eq(path, TP("tp_good"));
	ck_assert_ptr_null(um_plugin_set_at(set, 1, &path));
	um_plugin_set_free(set);
	um_plugin_set_free(NULL);
}
END_TEST

START_TEST(refuse_not_a_plugin)
{
	static const char text[] = "This is a text file that someone named "
	                           "x.so; it is long enough to hold an ELF "
	                           "header, but it is none.\n";
	char *path = tu_write(tmp, "x.so", text, sizeof(text) - 1);
	um_plugin_set *set = um_plugin_set_new();
	char err[512] = "";
	ck_assert_int_eq(um_plugin_set_load(set, path, err, sizeof(err)),
	                 UM_EPLUGIN);
	/* dlerror()'s own copy of the path is left out. */
	ck_assert_str_eq(err, "not a loadable plugin: invalid ELF header");
	ck_assert_uint_eq(um_plugin_set_count(set), 0);
	um_plugin_set_free(set);
	free(path);
}
END_TEST

START_TEST(refuse_non_files)
{
	um_plugin_set *set = um_plugin_set_new();
	char err[512] = "", direrr[512] = "", *path;
	int r, dr;
	size_t n;
	ck_assert(asprintf(&path, "%s/nope.so", tmp) > 0);
	r = um_plugin_set_load(set, path, err, sizeof(err));
	free(path);
	/* A directory cannot be opened as a plugin any more than as a
	 * document: the same code as um_read_file gives for it. */
	dr = um_plugin_set_load(set, tmp, direrr, sizeof(direrr));
	n = um_plugin_set_count(set);
	um_plugin_set_free(set);
	ck_assert_int_eq(r, UM_EIO);
	ck_assert_str_eq(err, "cannot open: No such file or directory");
	ck_assert_int_eq(dr, UM_EIO);
	ck_assert_str_eq(direrr, "not a regular file");
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(refuse_no_entry_symbol)
{
	um_plugin_set *set = um_plugin_set_new();
	char err[512] = "";
	ck_assert_int_eq(um_plugin_set_load(set, TP("tp_noentry"), err,
	                                    sizeof(err)), UM_EPLUGIN);
	ck_assert_str_eq(err, "not an unmine plugin (no um_plugin_entry symbol)");
	ck_assert_uint_eq(um_plugin_set_count(set), 0);
	um_plugin_set_free(set);
}
END_TEST

START_TEST(refuse_abi_major)
{
	um_plugin_set *set = um_plugin_set_new();
	char err[512] = "", want[512];
	ck_assert_int_eq(um_plugin_set_load(set, TP("tp_abi_major"), err,
	                                    sizeof(err)), UM_EABI);
	snprintf(want, sizeof(want), "plugin ABI %d.0 is not binary compatible "
	         "with this unmine's ABI %d.%d", UM_ABI_MAJOR + 1, UM_ABI_MAJOR,
	         UM_ABI_MINOR);
	ck_assert_str_eq(err, want);
	ck_assert_uint_eq(um_plugin_set_count(set), 0);
	um_plugin_set_free(set);
}
END_TEST

START_TEST(refuse_abi_minor)
{
	um_plugin_set *set = um_plugin_set_new();
	char err[512] = "", want[512];
	ck_assert_int_eq(um_plugin_set_load(set, TP("tp_abi_minor"), err,
	                                    sizeof(err)), UM_EABI);
	snprintf(want, sizeof(want), "plugin needs ABI %d.%d, newer than this "
	         "unmine's ABI %d.%d", UM_ABI_MAJOR, UM_ABI_MINOR + 1,
	         UM_ABI_MAJOR, UM_ABI_MINOR);
	ck_assert_str_eq(err, want);
	ck_assert_uint_eq(um_plugin_set_count(set), 0);
	um_plugin_set_free(set);
}
END_TEST

START_TEST(refuse_small_descriptor)
{
	um_plugin_set *set = um_plugin_set_new();
	char err[512] = "", want[512];
	ck_assert_int_eq(um_plugin_set_load(set, TP("tp_small"), err,
	                                    sizeof(err)), UM_EABI);
	snprintf(want, sizeof(want), "plugin descriptor of 16 bytes is smaller "
	         "than ABI %d.%d's ", UM_ABI_MAJOR, UM_ABI_MINOR);
	ck_assert_msg(!strncmp(err, want, strlen(want)), "%s", err);
	ck_assert_uint_eq(um_plugin_set_count(set), 0);
	um_plugin_set_free(set);
}
END_TEST

START_TEST(refuse_duplicate_load)
{
	um_plugin_set *set = um_plugin_set_new();
	char err[512] = "";
	load_ok(set, TP("tp_good"));
	ck_assert_int_eq(um_plugin_set_load(set, TP("tp_good"), err,
	                                    sizeof(err)), UM_EEXIST);
	ck_assert_str_eq(err, "duplicate plugin name 'tp-good' (already loaded "
	                 "from " TP("tp_good") ")");
	ck_assert_uint_eq(um_plugin_set_count(set), 1);
	um_plugin_set_free(set);
}
END_TEST

START_TEST(scan_duplicate_in_one_directory)
{
	char *d = subdir("dup");
	char *a = copy_file(TP("tp_good"), d, "a.so");
	char *b = copy_file(TP("tp_good"), d, "b.so");
	const char *dirs[] = { d };
	um_plugin_set *set = um_plugin_set_new();
	struct diags dg;
	char want[1024];
	memset(&dg, 0, sizeof(dg));
	ck_assert_uint_eq(um_plugin_set_scan(set, dirs, 1, on_diag, &dg), 1);
	ck_assert_uint_eq(dg.n, 1);
	ck_assert_str_eq(dg.origin[0], b);
	snprintf(want, sizeof(want), "duplicate plugin name 'tp-good' (already "
	         "loaded from %s)", a);
	ck_assert_str_eq(dg.msg[0], want);
	ck_assert_uint_eq(um_plugin_set_count(set), 1);
	ck_assert_str_eq(path_at(set, 0), a);
	um_plugin_set_free(set);
	free(a);
	free(b);
	free(d);
}
END_TEST

START_TEST(scan_earlier_directory_shadows)
{
	char *d1 = subdir("user"), *d2 = subdir("system");
	char *g1 = copy_file(TP("tp_good"), d1, "good.so");
	char *g2 = copy_file(TP("tp_good"), d2, "good.so");
	char *n2 = copy_file(TP("tp_needs"), d2, "needs.so");
	char *missing;
	const char *dirs[3];
	um_plugin_set *set = um_plugin_set_new();
	struct diags dg;
	ck_assert(asprintf(&missing, "%s/missing", tmp) > 0);
	dirs[0] = missing;
	dirs[1] = d1;
	dirs[2] = d2;
	memset(&dg, 0, sizeof(dg));
	/* Silent: no refusal, nothing reported. */
	ck_assert_uint_eq(um_plugin_set_scan(set, dirs, 3, on_diag, &dg), 0);
	ck_assert_uint_eq(dg.n, 0);
	ck_assert_uint_eq(um_plugin_set_count(set), 2);
	ck_assert_str_eq(name_at(set, 0), "tp-good");
	ck_assert_str_eq(path_at(set, 0), g1);
	ck_assert_str_eq(name_at(set, 1), "tp-needs");
	ck_assert_str_eq(path_at(set, 1), n2);
	um_plugin_set_free(set);
	free(missing);
	free(g1);
	free(g2);
	free(n2);
	free(d1);
	free(d2);
}
END_TEST

START_TEST(scan_directories_without_plugins)
{
	char *empty = subdir("empty"), *docs = subdir("docs");
	char *readme = tu_write(docs, "README.txt", "no plugins here\n", 16);
	const char *dirs[] = { empty, docs };
	um_plugin_set *set = um_plugin_set_new();
	struct diags dg;
	size_t refused, n;
	memset(&dg, 0, sizeof(dg));
	refused = um_plugin_set_scan(set, dirs, 2, on_diag, &dg);
	n = um_plugin_set_count(set);
	um_plugin_set_free(set);
	free(readme);
	free(empty);
	free(docs);
	ck_assert_uint_eq(refused, 0);
	ck_assert_uint_eq(dg.n, 0);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(scan_reports_each_refusal)
{
	static const char text[] = "This is a text file that someone named "
	                           "x.so; it is long enough to hold an ELF "
	                           "header, but it is none.\n";
	char *d = subdir("mixed");
	char *x = tu_write(d, "x.so", text, sizeof(text) - 1);
	char *noentry = copy_file(TP("tp_noentry"), d, "noentry.so");
	char *good = copy_file(TP("tp_good"), d, "good.so");
	char *hidden = copy_file(TP("tp_needs"), d, ".hidden.so");
	char *other = copy_file(TP("tp_needs"), d, "needs.so.txt");
	const char *dirs[] = { d };
	um_plugin_set *set = um_plugin_set_new();
	struct diags dg;
	memset(&dg, 0, sizeof(dg));
	ck_assert_uint_eq(um_plugin_set_scan(set, dirs, 1, on_diag, &dg), 2);
	/* In name order; hidden files and other names are not looked at. */
	ck_assert_uint_eq(dg.n, 2);
	ck_assert_str_eq(dg.origin[0], noentry);
	ck_assert_str_eq(dg.msg[0],
	                 "not an unmine plugin (no um_plugin_entry symbol)");
	ck_assert_str_eq(dg.origin[1], x);
	ck_assert_str_eq(dg.msg[1], "not a loadable plugin: invalid ELF header");
	ck_assert_uint_eq(um_plugin_set_count(set), 1);
	ck_assert_str_eq(path_at(set, 0), good);
	um_plugin_set_free(set);
	free(x);
	free(noentry);
	free(good);
	free(hidden);
	free(other);
	free(d);
}
END_TEST

/* Dependencies. */

START_TEST(resolve_orders_by_requirement)
{
	um_plugin_set *set = um_plugin_set_new();
	struct diags dg;
	char err[512] = "";
	memset(&dg, 0, sizeof(dg));
	/* Loaded in the wrong order on purpose. */
	load_ok(set, TP("tp_needs"));
	load_ok(set, TP("tp_initfail"));
	load_ok(set, TP("tp_good"));
	ck_assert_int_eq(um_plugin_set_resolve(set, 1, on_diag, &dg, err,
	                                       sizeof(err)), 0);
	ck_assert_uint_eq(dg.n, 0);
	ck_assert_uint_eq(um_plugin_set_count(set), 3);
	/* tp-needs after tp-good; ties by name. */
	ck_assert_str_eq(name_at(set, 0), "tp-good");
	ck_assert_str_eq(name_at(set, 1), "tp-initfail");
	ck_assert_str_eq(name_at(set, 2), "tp-needs");
	ck_assert_str_eq(path_at(set, 0), TP("tp_good"));
	ck_assert_str_eq(path_at(set, 2), TP("tp_needs"));
	um_plugin_set_free(set);

	set = um_plugin_set_new();
	load_ok(set, TP("tp_good"));
	load_ok(set, TP("tp_needs"));
	ck_assert_int_eq(um_plugin_set_resolve(set, 0, on_diag, &dg, err,
	                                       sizeof(err)), 0);
	ck_assert_str_eq(name_at(set, 0), "tp-good");
	ck_assert_str_eq(name_at(set, 1), "tp-needs");
	um_plugin_set_free(set);
}
END_TEST

START_TEST(resolve_missing_requirement)
{
	um_plugin_set *set = um_plugin_set_new();
	struct diags dg;
	char err[512] = "";
	memset(&dg, 0, sizeof(dg));
	load_ok(set, TP("tp_missing"));
	load_ok(set, TP("tp_good"));
	ck_assert_int_eq(um_plugin_set_resolve(set, 0, on_diag, &dg, err,
	                                       sizeof(err)), 1);
	ck_assert_uint_eq(dg.n, 1);
	ck_assert_str_eq(dg.origin[0], TP("tp_missing"));
	ck_assert_str_eq(dg.msg[0], "plugin 'tp-missing' requires layer "
	                 "'nobody-provides-this', which no loaded plugin "
	                 "provides");
	ck_assert_uint_eq(um_plugin_set_count(set), 1);
	ck_assert_str_eq(name_at(set, 0), "tp-good");
	um_plugin_set_free(set);

	set = um_plugin_set_new();
	memset(&dg, 0, sizeof(dg));
	load_ok(set, TP("tp_missing"));
	load_ok(set, TP("tp_good"));
	ck_assert_int_eq(um_plugin_set_resolve(set, 1, on_diag, &dg, err,
	                                       sizeof(err)), UM_ENOENT);
	ck_assert_uint_eq(dg.n, 0);
	ck_assert_str_eq(err, TP("tp_missing") ": plugin 'tp-missing' requires "
	                 "layer 'nobody-provides-this', which no loaded plugin "
	                 "provides");
	um_plugin_set_free(set);
}
END_TEST

START_TEST(resolve_drops_in_cascade)
{
	/* tp-needs lacks "probe"; once it is gone tp-chain lacks "probe2". */
	um_plugin_set *set = um_plugin_set_new();
	struct diags dg;
	char err[512] = "";
	memset(&dg, 0, sizeof(dg));
	ck_assert_int_eq(um_plugin_set_add(set, &needs_probe2, "test:chain", err,
	                                   sizeof(err)), 0);
	load_ok(set, TP("tp_needs"));
	load_ok(set, TP("tp_initfail"));
	ck_assert_int_eq(um_plugin_set_resolve(set, 0, on_diag, &dg, err,
	                                       sizeof(err)), 2);
	ck_assert_uint_eq(dg.n, 2);
	ck_assert_str_eq(dg.origin[0], TP("tp_needs"));
	ck_assert_str_eq(dg.msg[0], "plugin 'tp-needs' requires layer 'probe', "
	                 "which no loaded plugin provides");
	ck_assert_str_eq(dg.origin[1], "test:chain");
	ck_assert_str_eq(dg.msg[1], "plugin 'tp-chain' requires layer 'probe2', "
	                 "which no loaded plugin provides");
	ck_assert_uint_eq(um_plugin_set_count(set), 1);
	ck_assert_str_eq(name_at(set, 0), "tp-initfail");
	um_plugin_set_free(set);
}
END_TEST

START_TEST(resolve_cycle)
{
	um_plugin_set *set = um_plugin_set_new();
	struct diags dg;
	char err[512] = "";
	memset(&dg, 0, sizeof(dg));
	load_ok(set, TP("tp_cycle_a"));
	load_ok(set, TP("tp_cycle_b"));
	load_ok(set, TP("tp_good"));
	ck_assert_int_eq(um_plugin_set_resolve(set, 1, on_diag, &dg, err,
	                                       sizeof(err)), UM_ELOOP);
	ck_assert_str_eq(err, "dependency cycle among plugins tp-cycle-a, "
	                 "tp-cycle-b");
	ck_assert_uint_eq(dg.n, 0);
	um_plugin_set_free(set);

	set = um_plugin_set_new();
	load_ok(set, TP("tp_cycle_a"));
	load_ok(set, TP("tp_cycle_b"));
	load_ok(set, TP("tp_good"));
	ck_assert_int_eq(um_plugin_set_resolve(set, 0, on_diag, &dg, err,
	                                       sizeof(err)), 2);
	ck_assert_uint_eq(dg.n, 2);
	ck_assert_str_eq(dg.origin[0], TP("tp_cycle_a"));
	ck_assert_str_eq(dg.msg[0], "plugin 'tp-cycle-a' is part of a dependency "
	                 "cycle among plugins tp-cycle-a, tp-cycle-b");
	ck_assert_str_eq(dg.origin[1], TP("tp_cycle_b"));
	ck_assert_str_eq(dg.msg[1], "plugin 'tp-cycle-b' is part of a dependency "
	                 "cycle among plugins tp-cycle-a, tp-cycle-b");
	ck_assert_uint_eq(um_plugin_set_count(set), 1);
	ck_assert_str_eq(name_at(set, 0), "tp-good");
	um_plugin_set_free(set);
}
END_TEST

/* Selection. */

START_TEST(select_plugins)
{
	um_plugin_set *set = um_plugin_set_new();
	char err[512] = "";
	load_ok(set, TP("tp_good"));
	load_ok(set, TP("tp_needs"));
	load_ok(set, TP("tp_initfail"));
	ck_assert_int_eq(um_plugin_set_select(set, "tp-good,nosuch", err,
	                                      sizeof(err)), UM_ENOENT);
	ck_assert_str_eq(err, "no plugin named 'nosuch' (see 'unmine plugins')");
	ck_assert_uint_eq(um_plugin_set_count(set), 3);
	ck_assert_int_eq(um_plugin_set_select(set, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_select(set, "all", err, sizeof(err)), 0);
	ck_assert_uint_eq(um_plugin_set_count(set), 3);
	ck_assert_int_eq(um_plugin_set_select(set, "tp-needs,tp-good", err,
	                                      sizeof(err)), 0);
	ck_assert_uint_eq(um_plugin_set_count(set), 2);
	ck_assert_str_eq(name_at(set, 0), "tp-good");
	ck_assert_str_eq(name_at(set, 1), "tp-needs");
	ck_assert_int_eq(um_plugin_set_select(set, "none", err, sizeof(err)), 0);
	ck_assert_uint_eq(um_plugin_set_count(set), 0);
	um_plugin_set_free(set);
}
END_TEST

/* Options. */

START_TEST(option_settings)
{
	um_plugin_set *set = um_plugin_set_new();
	static const char *const malformed[] = {
		"bad", "acronyms.min-length", "=3", ".min-length=3",
		"acronyms.=3", "min-length=3.acronyms", NULL
	};
	char err[512] = "", want[512];
	size_t i;
	load_ok(set, ACRONYMS);
	load_ok(set, TP("tp_good"));
	ck_assert_int_eq(um_plugin_set_option(set, "acronyms.min-length=3", err,
	                                      sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_option(set, "acronyms.mark-uses=no", err,
	                                      sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_option(set, "acronyms.nope=1", err,
	                                      sizeof(err)), UM_ENOENT);
	ck_assert_str_eq(err, "plugin 'acronyms': unknown option 'nope'");
	ck_assert_int_eq(um_plugin_set_option(set, "acronyms.min-length=abc", err,
	                                      sizeof(err)), UM_EINVAL);
	ck_assert_str_eq(err, "plugin 'acronyms': option 'min-length' takes a "
	                 "whole number, not 'abc'");
	ck_assert_int_eq(um_plugin_set_option(set, "acronyms.min-length=", err,
	                                      sizeof(err)), UM_EINVAL);
	ck_assert_int_eq(um_plugin_set_option(set, "acronyms.min-length="
	                                      "99999999999999999999999", err,
	                                      sizeof(err)), UM_EINVAL);
	ck_assert_int_eq(um_plugin_set_option(set, "acronyms.mark-uses=maybe",
	                                      err, sizeof(err)), UM_EINVAL);
	ck_assert_str_eq(err, "plugin 'acronyms': option 'mark-uses' takes yes "
	                 "or no, not 'maybe'");
	for (i = 0; malformed[i]; i++) {
		err[0] = '\0';
		ck_assert_int_eq(um_plugin_set_option(set, malformed[i], err,
		                                      sizeof(err)), UM_EINVAL);
		snprintf(want, sizeof(want), "option '%s' is not PLUGIN.KEY=VALUE",
		         malformed[i]);
		ck_assert_str_eq(err, want);
	}
	ck_assert_int_eq(um_plugin_set_option(set, "nosuch.x=1", err,
	                                      sizeof(err)), UM_ENOENT);
	ck_assert_str_eq(err, "option 'nosuch.x=1': no plugin named 'nosuch'");
	/* A plugin without options has no key at all. */
	ck_assert_int_eq(um_plugin_set_option(set, "tp-good.x=1", err,
	                                      sizeof(err)), UM_ENOENT);
	ck_assert_str_eq(err, "plugin 'tp-good' has no option 'x'");
	um_plugin_set_free(set);
}
END_TEST

/* The acronyms found in s with the given settings. */
static size_t acronyms_with(const char *setting, const char *s)
{
	um_plugin_set *set = um_plugin_set_new();
	um_doc *doc = read_doc(s);
	char err[512] = "";
	size_t n, i;
	load_ok(set, ACRONYMS);
	if (setting)
		ck_assert_int_eq(um_plugin_set_option(set, setting, err,
		                                      sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_init(set, err, sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_run(set, doc, err, sizeof(err)), 0);
	n = um_annot_count(doc, "acronym");
	for (i = 0; i < n; i++)
		ck_assert_str_eq(um_annot_plugin(um_annot_at(doc, "acronym", i)),
		                 "acronyms");
	if (n == 2) {
		ck_assert_str_eq(tu_covered(doc, um_annot_at(doc, "acronym", 0)),
		                 "Food and Agriculture Organization");
		ck_assert_str_eq(tu_covered(doc, um_annot_at(doc, "acronym", 1)),
		                 "FAO");
	}
	um_doc_free(doc);
	um_plugin_set_free(set);
	return n;
}

START_TEST(options_reach_the_plugin)
{
	static const char s[] = "The Food and Agriculture Organization (FAO) "
	                        "met in Rome.";
	ck_assert_uint_eq(acronyms_with(NULL, s), 2);
	ck_assert_uint_eq(acronyms_with("acronyms.min-length=3", s), 2);
	ck_assert_uint_eq(acronyms_with("acronyms.min-length=4", s), 0);
}
END_TEST

/* Init. */

START_TEST(init_failure_names_plugin)
{
	um_plugin_set *set = um_plugin_set_new();
	char err[512] = "";
	load_ok(set, TP("tp_good"));
	load_ok(set, TP("tp_initfail"));
	ck_assert_int_eq(um_plugin_set_init(set, err, sizeof(err)), UM_EPLUGIN);
	ck_assert_str_eq(err, TP("tp_initfail") ": plugin 'tp-initfail' failed "
	                 "to start: cannot read data file /nonexistent/list.txt");
	um_plugin_set_free(set);

	/* A bad option value caught by the plugin's own init. */
	set = um_plugin_set_new();
	load_ok(set, ACRONYMS);
	ck_assert_int_eq(um_plugin_set_option(set, "acronyms.min-length=0", err,
	                                      sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_init(set, err, sizeof(err)), UM_EPLUGIN);
	ck_assert_str_eq(err, ACRONYMS ": plugin 'acronyms' failed to start: "
	                 "min-length must be at least 1");
	um_plugin_set_free(set);
}
END_TEST

/* Running. */

START_TEST(run_marks_every_sentence)
{
	static const char *const first[] = { "The", "It", "The" };
	um_plugin_set *set = um_plugin_set_new();
	um_doc *doc = read_doc("The Council met. It adopted a resolution.\n\n"
	                       "The meeting rose.");
	const um_span *sents;
	char err[512] = "", num[8];
	size_t n, i, b, e;
	load_ok(set, TP("tp_good"));
	ck_assert_int_eq(um_plugin_set_resolve(set, 1, NULL, NULL, err,
	                                       sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_init(set, err, sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_run(set, doc, err, sizeof(err)), 0);
	sents = um_doc_sentences(doc, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(um_annot_count(doc, "probe"), 3);
	ck_assert_uint_eq(um_doc_annot_count(doc), 3);
	for (i = 0; i < 3; i++) {
		const um_annot *a = um_annot_at(doc, "probe", i);
		ck_assert_ptr_nonnull(a);
		ck_assert_str_eq(um_annot_layer(a), "probe");
		ck_assert_str_eq(um_annot_plugin(a), "tp-good");
		ck_assert_int_eq(um_annot_span(a, &b, &e), 0);
		ck_assert_uint_eq(b, sents[i].begin);
		ck_assert_uint_eq(e, sents[i].begin + 1);
		ck_assert_str_eq(tu_covered(doc, a), first[i]);
		snprintf(num, sizeof(num), "%zu", i + 1);
		ck_assert_str_eq(um_annot_get(a, "n"), num);
		ck_assert_ptr_null(um_annot_get(a, "m"));
	}
	ck_assert_ptr_null(um_annot_at(doc, "probe", 3));
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

START_TEST(run_in_resolved_order)
{
	um_plugin_set *set = um_plugin_set_new();
	um_doc *doc = read_doc("One sentence. Another one.");
	char err[512] = "";
	load_ok(set, TP("tp_needs"));
	load_ok(set, TP("tp_good"));
	ck_assert_int_eq(um_plugin_set_resolve(set, 1, NULL, NULL, err,
	                                       sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_init(set, err, sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_run(set, doc, err, sizeof(err)), 0);
	ck_assert_uint_eq(um_doc_annot_count(doc), 4);
	ck_assert_str_eq(um_annot_layer(um_doc_annot_at(doc, 0)), "probe");
	ck_assert_str_eq(um_annot_plugin(um_doc_annot_at(doc, 1)), "tp-good");
	ck_assert_str_eq(um_annot_layer(um_doc_annot_at(doc, 2)), "probe2");
	ck_assert_str_eq(um_annot_plugin(um_doc_annot_at(doc, 3)), "tp-needs");
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

START_TEST(run_failure_names_plugin)
{
	um_plugin_set *set = um_plugin_set_new();
	um_doc *doc = read_doc("Text.");
	char err[512] = "";
	load_ok(set, TP("tp_good"));
	ck_assert_int_eq(um_plugin_set_add(set, &failing, "test:failing", err,
	                                   sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_resolve(set, 1, NULL, NULL, err,
	                                       sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_init(set, err, sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_run(set, doc, err, sizeof(err)),
	                 UM_EPLUGIN);
	ck_assert_str_eq(err, "plugin 'tp-failrun' failed: invalid argument");
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

/* Linked-in descriptors. */

START_TEST(add_linked_plugin)
{
	um_plugin_set *set = um_plugin_set_new();
	um_doc *doc = read_doc("Text.");
	const um_annot *a;
	char err[512] = "";
	size_t b = 99, e = 99;
	reset_linked();
	ck_assert_int_eq(um_plugin_set_add(set, &linked, "test:linked", err,
	                                   sizeof(err)), 0);
	ck_assert_uint_eq(um_plugin_set_count(set), 1);
	ck_assert_str_eq(path_at(set, 0), "test:linked");
	ck_assert_ptr_eq(um_plugin_set_at(set, 0, NULL), &linked);
	ck_assert_int_eq(um_plugin_set_add(set, &linked, "test:again", err,
	                                   sizeof(err)), UM_EEXIST);
	ck_assert_str_eq(err, "duplicate plugin name 'tp-linked' (already "
	                 "loaded from test:linked)");
	ck_assert_int_eq(um_plugin_set_option(set, "tp-linked.count=42", err,
	                                      sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_option(set, "tp-linked.label=first", err,
	                                      sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_option(set, "tp-linked.label=hello", err,
	                                      sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_option(set, "tp-linked.flag=yes", err,
	                                      sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_option(set, "tp-linked.ratio=2.5", err,
	                                      sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_option(set, "tp-linked.ratio=x", err,
	                                      sizeof(err)), UM_EINVAL);
	ck_assert_str_eq(err, "plugin 'tp-linked': option 'ratio' takes a "
	                 "number, not 'x'");
	ck_assert_int_eq(um_plugin_set_init(set, err, sizeof(err)), 0);
	ck_assert_ptr_eq(lk_api, um_core());
	ck_assert_int_eq(lk_seen.count, 42);
	ck_assert_str_eq(lk_seen.label, "hello");
	ck_assert_int_eq(lk_seen.flag, 1);
	ck_assert_double_eq(lk_seen.ratio, 2.5);
	ck_assert_int_eq(um_plugin_set_run(set, doc, err, sizeof(err)), 0);
	ck_assert_uint_eq(um_annot_count(doc, "linked"), 1);
	a = um_annot_at(doc, "linked", 0);
	ck_assert_str_eq(um_annot_plugin(a), "tp-linked");
	ck_assert_str_eq(um_annot_get(a, "label"), "hello");
	ck_assert_int_eq(um_annot_span(a, &b, &e), UM_ENOENT);
	ck_assert_uint_eq(b, 99);
	ck_assert_uint_eq(e, 99);
	um_doc_free(doc);
	ck_assert_int_eq(lk_fini_calls, 0);
	um_plugin_set_free(set);
	ck_assert_int_eq(lk_fini_calls, 1);
}
END_TEST

START_TEST(linked_plugin_defaults)
{
	um_plugin_set *set = um_plugin_set_new();
	char err[512] = "";
	reset_linked();
	ck_assert_int_eq(um_plugin_set_add(set, &linked, "test:linked", err,
	                                   sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_init(set, err, sizeof(err)), 0);
	ck_assert_int_eq(lk_seen.count, 7);
	ck_assert_str_eq(lk_seen.label, "none");
	ck_assert_int_eq(lk_seen.flag, 0);
	ck_assert_double_eq(lk_seen.ratio, 0.5);
	um_plugin_set_free(set);
	ck_assert_int_eq(lk_fini_calls, 1);
}
END_TEST

START_TEST(add_refuses_bad_descriptors)
{
	static const char *const bad_layer[] = { "no spaces", NULL };
	static const um_option outside[] = {
		{ "x", UM_OPT_DOUBLE, 0, NULL, NULL },
		{ NULL, 0, 0, NULL, NULL }
	};
	um_plugin major = linked, minor = linked, small = linked;
	um_plugin noname = linked, noproc = linked, layer = linked, opts = linked;
	um_plugin_set *set = um_plugin_set_new();
	char err[512] = "", want[512];

	major.abi_major = UM_ABI_MAJOR + 1;
	ck_assert_int_eq(um_plugin_set_add(set, &major, "test:major", err,
	                                   sizeof(err)), UM_EABI);
	snprintf(want, sizeof(want), "plugin ABI %d.%d is not binary compatible "
	         "with this unmine's ABI %d.%d", UM_ABI_MAJOR + 1, UM_ABI_MINOR,
	         UM_ABI_MAJOR, UM_ABI_MINOR);
	ck_assert_str_eq(err, want);

	minor.abi_minor = UM_ABI_MINOR + 1;
	ck_assert_int_eq(um_plugin_set_add(set, &minor, "test:minor", err,
	                                   sizeof(err)), UM_EABI);

	small.size = offsetof(um_plugin, process);
	ck_assert_int_eq(um_plugin_set_add(set, &small, "test:small", err,
	                                   sizeof(err)), UM_EABI);

	noname.name = "bad name";
	ck_assert_int_eq(um_plugin_set_add(set, &noname, "test:noname", err,
	                                   sizeof(err)), UM_EPLUGIN);
	ck_assert_str_eq(err, "plugin has no valid name");

	noproc.name = "tp-noproc";
	noproc.process = NULL;
	ck_assert_int_eq(um_plugin_set_add(set, &noproc, "test:noproc", err,
	                                   sizeof(err)), UM_EPLUGIN);
	ck_assert_str_eq(err, "plugin 'tp-noproc' lacks a process function");

	layer.name = "tp-badlayer";
	layer.provides = bad_layer;
	ck_assert_int_eq(um_plugin_set_add(set, &layer, "test:layer", err,
	                                   sizeof(err)), UM_EPLUGIN);
	ck_assert_str_eq(err, "plugin 'tp-badlayer' names a layer that is not "
	                 "a valid name");

	opts.name = "tp-badopt";
	opts.options = outside;
	opts.options_size = 4;
	ck_assert_int_eq(um_plugin_set_add(set, &opts, "test:opts", err,
	                                   sizeof(err)), UM_EPLUGIN);
	ck_assert_str_eq(err, "plugin 'tp-badopt': option 'x' lies outside the "
	                 "options struct of 4 bytes");

	ck_assert_uint_eq(um_plugin_set_count(set), 0);
	um_plugin_set_free(set);
}
END_TEST

START_TEST(core_table)
{
	const um_core_api *api = um_core();
	ck_assert_ptr_nonnull(api);
	ck_assert_ptr_eq(um_core(), api);
	ck_assert_uint_eq(api->abi_major, UM_ABI_MAJOR);
	ck_assert_uint_eq(api->abi_minor, UM_ABI_MINOR);
	ck_assert_uint_eq(api->size, sizeof(um_core_api));
	ck_assert_ptr_nonnull(api->log);
	ck_assert_ptr_nonnull(api->annot_add);
	ck_assert_ptr_nonnull(api->matcher_scan);
}
END_TEST

Suite *loader_suite(void)
{
	Suite *s = suite_create("loader");
	TCase *tc;

	tc = tcase_create("refusals");
	tcase_add_unchecked_fixture(tc, make_tmp, remove_tmp);
	tcase_add_test(tc, load_good_plugin);
	tcase_add_test(tc, refuse_not_a_plugin);
	tcase_add_test(tc, refuse_non_files);
	tcase_add_test(tc, refuse_no_entry_symbol);
	tcase_add_test(tc, refuse_abi_major);
	tcase_add_test(tc, refuse_abi_minor);
	tcase_add_test(tc, refuse_small_descriptor);
	tcase_add_test(tc, refuse_duplicate_load);
	tcase_add_test(tc, scan_duplicate_in_one_directory);
	tcase_add_test(tc, scan_earlier_directory_shadows);
	tcase_add_test(tc, scan_reports_each_refusal);
	tcase_add_test(tc, scan_directories_without_plugins);
	tcase_add_test(tc, add_refuses_bad_descriptors);
	suite_add_tcase(s, tc);

	tc = tcase_create("dependencies");
	tcase_add_test(tc, resolve_orders_by_requirement);
	tcase_add_test(tc, resolve_missing_requirement);
	tcase_add_test(tc, resolve_drops_in_cascade);
	tcase_add_test(tc, resolve_cycle);
	tcase_add_test(tc, select_plugins);
	suite_add_tcase(s, tc);

	tc = tcase_create("lifecycle");
	tcase_add_test(tc, option_settings);
	tcase_add_test(tc, options_reach_the_plugin);
	tcase_add_test(tc, init_failure_names_plugin);
	tcase_add_test(tc, run_marks_every_sentence);
	tcase_add_test(tc, run_in_resolved_order);
	tcase_add_test(tc, run_failure_names_plugin);
	tcase_add_test(tc, add_linked_plugin);
	tcase_add_test(tc, linked_plugin_defaults);
	tcase_add_test(tc, core_table);
	suite_add_tcase(s, tc);
	return s;
}
