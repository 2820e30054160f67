/* Tests: um_walk in byte order, hidden entries skipped, bad links reported. */
#define _GNU_SOURCE
#include <check.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "suites.h"
#include "testutil.h"

#define MAXREC 64

/* What a walk saw: files in order, problems in order. */
struct record {
	size_t nfiles;
	char *path[MAXREC];
	char *rel[MAXREC];
	size_t nproblems;
	char *origin[MAXREC];
	char *msg[MAXREC];
	size_t stop_after;      /* stop after this many files; 0: never */
};

/* The tree, made once per test case outside the forked tests (so that a
 * failing test leaves nothing behind) and only read by them; and an empty
 * directory beside it. */
static char *tmp;
static char *tmp_empty;

static int on_file(void *ctx, const char *path, const char *rel)
{
	struct record *r = ctx;
	ck_assert_uint_lt(r->nfiles, MAXREC);
	r->path[r->nfiles] = strdup(path);
	r->rel[r->nfiles] = strdup(rel);
	r->nfiles++;
	return r->stop_after && r->nfiles >= r->stop_after;
}

static void on_problem(void *ctx, const char *origin, const char *msg)
{
	struct record *r = ctx;
	ck_assert_uint_lt(r->nproblems, MAXREC);
	r->origin[r->nproblems] = strdup(origin);
	r->msg[r->nproblems] = strdup(msg);
	r->nproblems++;
}

static void record_free(struct record *r)
{
	size_t i;
	for (i = 0; i < r->nfiles; i++) {
		free(r->path[i]);
		free(r->rel[i]);
	}
	for (i = 0; i < r->nproblems; i++) {
		free(r->origin[i]);
		free(r->msg[i]);
	}
	memset(r, 0, sizeof(*r));
}

/*
 * A listing that fails midway, as one on a failing disk or network file
 * system does: this program's opendir and readdir stand in for the C
 * library's, which the library under test calls, and hand every call on
 * to them but for the directory cut_path: its listing gives one entry
 * besides "." and "..", then readdir fails with EIO.
 */
static const char *cut_path;
static DIR *cut_dir;
static int cut_entries;

DIR *opendir(const char *path)
{
	static DIR *(*real)(const char *);
	DIR *d;
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "opendir");
	d = real(path);
	if (d == cut_dir)         /* the cut one was closed, its memory reused */
		cut_dir = NULL;
	if (d && cut_path && !strcmp(path, cut_path)) {
		cut_dir = d;
		cut_entries = 0;
	}
	return d;
}

struct dirent *readdir(DIR *d)
{
	static struct dirent *(*real)(DIR *);
	struct dirent *e;
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "readdir");
	if (d == cut_dir && cut_entries >= 1) {
		errno = EIO;
		return NULL;
	}
	e = real(d);
	if (d == cut_dir && e && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
		cut_entries++;
	return e;
}

/* tmp/rel, malloc'ed. */
static char *at(const char *rel)
{
	char *p;
	ck_assert(asprintf(&p, "%s/%s", tmp, rel) > 0);
	return p;
}

static void file(const char *rel)
{
	free(tu_write(tmp, rel, "x\n", 2));
}

static void dir(const char *rel)
{
	char *p = at(rel);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	free(p);
}

static void link_to(const char *target, const char *rel)
{
	char *p = at(rel);
	ck_assert_int_eq(symlink(target, p), 0);
	free(p);
}

/*
 * The tree every test walks:
 *   A.txt a-b.txt a.txt b.txt sub.txt é.txt   files
 *   sub/z.txt sub/deeper/y.txt               a subdirectory
 *   sub/loop -> ..                           back to the top: a loop
 *   alias -> sub                             a second way into sub
 *   link.txt -> a.txt                        a link to a file
 *   broken.txt -> nowhere.txt                a dangling link
 *   ouroboros -> ouroboros                   a link to itself
 *   pipe                                     a FIFO
 *   .hidden.txt .git/config                  hidden
 */
static void make_tree(void)
{
	char *p;
	tmp = tu_tempdir();
	tmp_empty = tu_tempdir();
	file("A.txt");
	file("a-b.txt");
	file("a.txt");
	file("b.txt");
	file("sub.txt");
	file("\xC3\xA9.txt");
	file(".hidden.txt");
	dir(".git");
	file(".git/config");
	dir("sub");
	dir("sub/deeper");
	file("sub/z.txt");
	file("sub/deeper/y.txt");
	link_to("..", "sub/loop");
	link_to("sub", "alias");
	link_to("a.txt", "link.txt");
	link_to("nowhere.txt", "broken.txt");
	link_to("ouroboros", "ouroboros");
	p = at("pipe");
	ck_assert_int_eq(mkfifo(p, 0644), 0);
	free(p);
}

static void remove_tree(void)
{
	tu_rmtree(tmp);
	free(tmp);
	tmp = NULL;
	tu_rmtree(tmp_empty);
	free(tmp_empty);
	tmp_empty = NULL;
}

static void assert_file(const struct record *r, size_t i, const char *rel)
{
	char *p = at(rel);
	ck_assert_uint_lt(i, r->nfiles);
	ck_assert_str_eq(r->rel[i], rel);
	ck_assert_str_eq(r->path[i], p);
	free(p);
}

static void assert_problem(const struct record *r, size_t i, const char *rel,
                           const char *msg)
{
	char *p = at(rel);
	ck_assert_uint_lt(i, r->nproblems);
	ck_assert_str_eq(r->origin[i], p);
	ck_assert_str_eq(r->msg[i], msg);
	free(p);
}

static const char loop_msg[] = "directory loop (a link leads back to an "
                               "enclosing directory); not entered";

START_TEST(whole_tree_in_byte_order)
{
	struct record r;
	memset(&r, 0, sizeof(r));
	ck_assert_uint_eq(um_walk(tmp, on_file, &r, on_problem, &r), 5);
	/* Entry names sorted bytewise: "A" < "a-" < "a." < "al", "sub" <
	 * "sub.txt", UTF-8 after ASCII; hidden entries never. */
	ck_assert_uint_eq(r.nfiles, 11);
	assert_file(&r, 0, "A.txt");
	assert_file(&r, 1, "a-b.txt");
	assert_file(&r, 2, "a.txt");
	assert_file(&r, 3, "alias/deeper/y.txt");
	assert_file(&r, 4, "alias/z.txt");
	assert_file(&r, 5, "b.txt");
	assert_file(&r, 6, "link.txt");
	assert_file(&r, 7, "sub/deeper/y.txt");
	assert_file(&r, 8, "sub/z.txt");
	assert_file(&r, 9, "sub.txt");
	assert_file(&r, 10, "\xC3\xA9.txt");
	/* The walk went on past every problem. */
	ck_assert_uint_eq(r.nproblems, 5);
	assert_problem(&r, 0, "alias/loop", loop_msg);
	assert_problem(&r, 1, "broken.txt", "broken symbolic link");
	assert_problem(&r, 2, "ouroboros", "symbolic link loop");
	assert_problem(&r, 3, "pipe", "not a regular file or directory; skipped");
	assert_problem(&r, 4, "sub/loop", loop_msg);
	record_free(&r);
}
END_TEST

START_TEST(trailing_slash_and_subdirectory)
{
	struct record r;
	char *p = at("sub/deeper/"), *want = at("sub/deeper/y.txt");
	memset(&r, 0, sizeof(r));
	ck_assert_uint_eq(um_walk(p, on_file, &r, on_problem, &r), 0);
	ck_assert_uint_eq(r.nfiles, 1);
	ck_assert_str_eq(r.path[0], want);
	ck_assert_str_eq(r.rel[0], "y.txt");
	ck_assert_uint_eq(r.nproblems, 0);
	record_free(&r);
	free(p);
	free(want);
}
END_TEST

START_TEST(link_to_parent_of_start_is_no_loop)
{
	/* Started at sub/, the link sub/loop leads to the top directory,
	 * which the walk has not been in: it is entered, and the loops are
	 * found one level down, where sub and alias lead back to sub. */
	struct record r;
	char *p = at("sub");
	memset(&r, 0, sizeof(r));
	ck_assert_uint_eq(um_walk(p, on_file, &r, on_problem, &r), 5);
	ck_assert_uint_eq(r.nfiles, 9);
	ck_assert_str_eq(r.rel[0], "deeper/y.txt");
	ck_assert_str_eq(r.rel[1], "loop/A.txt");
	ck_assert_str_eq(r.rel[4], "loop/b.txt");
	ck_assert_str_eq(r.rel[5], "loop/link.txt");
	ck_assert_str_eq(r.rel[6], "loop/sub.txt");
	ck_assert_str_eq(r.rel[7], "loop/\xC3\xA9.txt");
	ck_assert_str_eq(r.rel[8], "z.txt");
	ck_assert_uint_eq(r.nproblems, 5);
	assert_problem(&r, 0, "sub/loop/alias", loop_msg);
	assert_problem(&r, 4, "sub/loop/sub", loop_msg);
	record_free(&r);
	free(p);
}
END_TEST

START_TEST(walk_with_skip)
{
	/* The walk of link_to_parent_of_start_is_no_loop without deeper/,
	 * named by its own path and by one through the link to the top; a
	 * skip that does not exist, or is a file, or none, leaves it in. */
	static const struct {
		const char *skip;     /* below the tree; NULL: no skip */
		size_t nfiles;
		const char *first;
	} cases[] = {
		{ "sub/deeper", 8, "loop/A.txt" },
		{ "sub/loop/sub/deeper/", 8, "loop/A.txt" },
		{ "nowhere", 9, "deeper/y.txt" },
		{ "sub/z.txt", 9, "deeper/y.txt" },
		{ NULL, 9, "deeper/y.txt" },
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct record r;
		char *p = at("sub"), *skip = cases[k].skip ? at(cases[k].skip) : NULL;
		size_t deeper = 0;
		memset(&r, 0, sizeof(r));
		ck_assert_uint_eq(um_walk_skip(p, skip, on_file, &r, on_problem, &r),
		                  5);
		ck_assert_uint_eq(r.nfiles, cases[k].nfiles);
		ck_assert_str_eq(r.rel[0], cases[k].first);
		ck_assert_str_eq(r.rel[r.nfiles - 1], "z.txt");
		for (size_t i = 0; i < r.nfiles; i++)
			deeper += strstr(r.rel[i], "deeper") != NULL;
		ck_assert_uint_eq(deeper, cases[k].nfiles - 8);   /* deeper/y.txt */
		record_free(&r);
		free(p);
		free(skip);
	}
}
END_TEST

START_TEST(hidden_directory_named_explicitly)
{
	/* Hidden entries are skipped inside a walk; a path the user names
	 * is walked. */
	struct record r;
	char *p = at(".git"), *want = at(".git/config");
	memset(&r, 0, sizeof(r));
	ck_assert_uint_eq(um_walk(p, on_file, &r, on_problem, &r), 0);
	ck_assert_uint_eq(r.nfiles, 1);
	ck_assert_str_eq(r.path[0], want);
	ck_assert_str_eq(r.rel[0], "config");
	record_free(&r);
	free(p);
	free(want);
}
END_TEST

START_TEST(file_argument_rel_is_base_name)
{
	struct record r;
	char *p = at("sub/z.txt"), cwd[PATH_MAX], *sub = at("sub");
	memset(&r, 0, sizeof(r));
	ck_assert_uint_eq(um_walk(p, on_file, &r, on_problem, &r), 0);
	ck_assert_uint_eq(r.nfiles, 1);
	ck_assert_str_eq(r.path[0], p);
	ck_assert_str_eq(r.rel[0], "z.txt");
	record_free(&r);
	free(p);
	/* A link to a file keeps its own name. */
	p = at("link.txt");
	ck_assert_uint_eq(um_walk(p, on_file, &r, on_problem, &r), 0);
	ck_assert_uint_eq(r.nfiles, 1);
	ck_assert_str_eq(r.rel[0], "link.txt");
	record_free(&r);
	free(p);
	/* A bare name. */
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(chdir(sub), 0);
	ck_assert_uint_eq(um_walk("z.txt", on_file, &r, on_problem, &r), 0);
	ck_assert_int_eq(chdir(cwd), 0);
	ck_assert_uint_eq(r.nfiles, 1);
	ck_assert_str_eq(r.path[0], "z.txt");
	ck_assert_str_eq(r.rel[0], "z.txt");
	ck_assert_uint_eq(r.nproblems, 0);
	record_free(&r);
	free(sub);
}
END_TEST

START_TEST(empty_directory)
{
	struct record r;
	memset(&r, 0, sizeof(r));
	ck_assert_uint_eq(um_walk(tmp_empty, on_file, &r, on_problem, &r), 0);
	ck_assert_uint_eq(r.nfiles, 0);
	ck_assert_uint_eq(r.nproblems, 0);
}
END_TEST

START_TEST(dot_is_walked)
{
	struct record r;
	char cwd[PATH_MAX], *p = at("sub/deeper");
	size_t n;
	memset(&r, 0, sizeof(r));
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(chdir(p), 0);
	free(p);
	n = um_walk(".", on_file, &r, on_problem, &r);
	ck_assert_int_eq(chdir(cwd), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(r.nfiles, 1);
	ck_assert_str_eq(r.path[0], "./y.txt");
	ck_assert_str_eq(r.rel[0], "y.txt");
	record_free(&r);
}
END_TEST

START_TEST(dash_passed_through)
{
	struct record r;
	memset(&r, 0, sizeof(r));
	ck_assert_uint_eq(um_walk("-", on_file, &r, on_problem, &r), 0);
	ck_assert_uint_eq(r.nfiles, 1);
	ck_assert_str_eq(r.path[0], "-");
	ck_assert_str_eq(r.rel[0], "-");
	ck_assert_uint_eq(r.nproblems, 0);
	record_free(&r);
}
END_TEST

START_TEST(missing_and_broken_arguments)
{
	struct record r;
	char *p = at("nope");
	memset(&r, 0, sizeof(r));
	ck_assert_uint_eq(um_walk(p, on_file, &r, on_problem, &r), 1);
	ck_assert_uint_eq(r.nfiles, 0);
	ck_assert_uint_eq(r.nproblems, 1);
	assert_problem(&r, 0, "nope", "No such file or directory");
	record_free(&r);
	free(p);
	p = at("broken.txt");
	ck_assert_uint_eq(um_walk(p, on_file, &r, on_problem, &r), 1);
	ck_assert_uint_eq(r.nfiles, 0);
	assert_problem(&r, 0, "broken.txt", "broken symbolic link");
	record_free(&r);
	free(p);
}
END_TEST

START_TEST(callback_stops_walk)
{
	struct record r;
	memset(&r, 0, sizeof(r));
	r.stop_after = 4;
	/* Stopped inside alias/: its loop and everything after are never
	 * reached. */
	ck_assert_uint_eq(um_walk(tmp, on_file, &r, on_problem, &r), 0);
	ck_assert_uint_eq(r.nfiles, 4);
	assert_file(&r, 3, "alias/deeper/y.txt");
	ck_assert_uint_eq(r.nproblems, 0);
	record_free(&r);
}
END_TEST

START_TEST(listing_cut_short)
{
	/* sub/deeper cannot be listed to its end: it is said, with the
	 * error, and none of its entries is taken (the part read is not
	 * taken for the whole); the walk goes on, and alias/deeper, the
	 * same directory by another path, is listed whole */
	struct record r;
	char *deeper = at("sub/deeper"), eio[160];
	memset(&r, 0, sizeof(r));
	cut_path = deeper;
	ck_assert_uint_eq(um_walk(tmp, on_file, &r, on_problem, &r), 6);
	cut_path = NULL;
	cut_dir = NULL;
	ck_assert_uint_eq(r.nfiles, 10);
	assert_file(&r, 3, "alias/deeper/y.txt");
	assert_file(&r, 7, "sub/z.txt");
	ck_assert_uint_eq(r.nproblems, 6);
	assert_problem(&r, 3, "pipe", "not a regular file or directory; skipped");
	snprintf(eio, sizeof(eio), "cannot read the directory: %s",
	         strerror(EIO));
	assert_problem(&r, 4, "sub/deeper", eio);
	assert_problem(&r, 5, "sub/loop", loop_msg);
	free(deeper);
	record_free(&r);
}
END_TEST

START_TEST(no_diag_still_counts)
{
	struct record r;
	memset(&r, 0, sizeof(r));
	ck_assert_uint_eq(um_walk(tmp, on_file, &r, NULL, NULL), 5);
	ck_assert_uint_eq(r.nfiles, 11);
	record_free(&r);
}
END_TEST

Suite *walk_suite(void)
{
	Suite *s = suite_create("walk");
	TCase *tc = tcase_create("walk");
	tcase_add_unchecked_fixture(tc, make_tree, remove_tree);
	tcase_add_test(tc, whole_tree_in_byte_order);
	tcase_add_test(tc, trailing_slash_and_subdirectory);
	tcase_add_test(tc, link_to_parent_of_start_is_no_loop);
	tcase_add_test(tc, walk_with_skip);
	tcase_add_test(tc, hidden_directory_named_explicitly);
	tcase_add_test(tc, file_argument_rel_is_base_name);
	tcase_add_test(tc, empty_directory);
	tcase_add_test(tc, dot_is_walked);
	tcase_add_test(tc, dash_passed_through);
	tcase_add_test(tc, missing_and_broken_arguments);
	tcase_add_test(tc, callback_stops_walk);
	tcase_add_test(tc, listing_cut_short);
	tcase_add_test(tc, no_diag_still_counts);
	suite_add_tcase(s, tc);
	return s;
}
