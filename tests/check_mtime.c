/* Tests: the times --resume compares, at the precision of the output's
 * file system (core/mtime.c). */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mtime.h"
#include "suites.h"
#include "testutil.h"

/* An input's time (s, ns), its output's (os, ons), the precision the
 * output's file system keeps (0: unknown), and whether they are the same
 * time. */
static const struct tcase {
	time_t s;
	long ns;
	time_t os;
	long ons, step;
	int same;
} cases[] = {
	/* every nanosecond kept: an input with a whole second, edited a
	 * second later, is not the same, as two seconds of FAT would have
	 * it */
	{ 1600000000, 0, 1600000000, 0, 1, 1 },
	{ 1600000001, 0, 1600000000, 0, 1, 0 },
	{ 7, 123456789, 7, 123456789, 1, 1 },
	{ 7, 123456789, 7, 123456788, 1, 0 },
	{ 7, 123456789, 7, 0, 1, 0 },
	{ 6, 0, 7, 0, 1, 0 },
	/* NTFS: hundreds of nanoseconds */
	{ 7, 123456789, 7, 123456700, 100, 1 },
	{ 7, 123456889, 7, 123456700, 100, 0 },
	/* exFAT: hundredths */
	{ 7, 123456789, 7, 120000000, 10000000, 1 },
	{ 7, 133456789, 7, 120000000, 10000000, 0 },
	/* whole seconds */
	{ 7, 123456789, 7, 0, 1000000000, 1 },
	{ 8, 0, 7, 0, 1000000000, 0 },
	{ 6, 999999999, 7, 0, 1000000000, 0 },
	/* FAT: even seconds, an odd one cut down */
	{ 7, 123456789, 6, 0, 2000000000, 1 },
	{ 6, 0, 6, 0, 2000000000, 1 },
	{ 8, 0, 6, 0, 2000000000, 0 },
	{ 5, 0, 6, 0, 2000000000, 0 },
	{ -3, 0, -4, 0, 2000000000, 1 },
	/* unknown, guessed from the output's own digits: milliseconds,
	 * whole seconds, FAT */
	{ 7, 123456789, 7, 123000000, 0, 1 },
	{ 7, 124456789, 7, 123000000, 0, 0 },
	{ 7, 123456789, 7, 0, 0, 1 },
	{ 7, 0, 6, 0, 0, 1 },
	{ 8, 0, 6, 0, 0, 0 },
	{ 7, 123456789, 7, 123456789, 0, 1 },
};

START_TEST(times_compared)
{
	const struct tcase *t = &cases[_i];
	struct timespec in = { t->s, t->ns }, out = { t->os, t->ons };
	ck_assert_msg(mtime_same(&in, &out, t->step) == t->same,
	              "case %d: %ld.%09ld against %ld.%09ld at %ld: want %d", _i,
	              (long)t->s, t->ns, (long)t->os, t->ons, t->step, t->same);
}
END_TEST

START_TEST(step_of_a_directory)
{
	char *dir = tu_tempdir(), missing[4096];
	DIR *d;
	struct dirent *e;
	size_t n = 0;
	/* Linux's own file systems for temporary files (ext4, tmpfs,
	 * btrfs, xfs, overlayfs over them) keep every nanosecond */
	ck_assert_int_eq(mtime_step(dir), 1);
	/* the probe file is gone */
	ck_assert_ptr_nonnull(d = opendir(dir));
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	ck_assert_uint_eq(n, 0);
	snprintf(missing, sizeof(missing), "%s/missing", dir);
	ck_assert_int_eq(mtime_step(missing), 0);
	tu_rmtree(dir);
	free(dir);
}
END_TEST

Suite *mtime_suite(void)
{
	Suite *s = suite_create("mtime");
	TCase *tc = tcase_create("mtime");
	tcase_add_loop_test(tc, times_compared, 0,
	                    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, step_of_a_directory);
	suite_add_tcase(s, tc);
	return s;
}
