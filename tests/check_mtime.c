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

/* in at (s, ns), out at (os, ons), compared at step */
static int same(time_t s, long ns, time_t os, long ons, long step)
{
	struct timespec in = { s, ns }, out = { os, ons };
	return mtime_same(&in, &out, step);
}

START_TEST(every_nanosecond_kept)
{
	/* an input with a whole second, edited a second later: not the
	 * same, as two seconds of FAT would have it */
	ck_assert_int_eq(same(1600000000, 0, 1600000000, 0, 1), 1);
	ck_assert_int_eq(same(1600000001, 0, 1600000000, 0, 1), 0);
	ck_assert_int_eq(same(7, 123456789, 7, 123456789, 1), 1);
	ck_assert_int_eq(same(7, 123456789, 7, 123456788, 1), 0);
	ck_assert_int_eq(same(7, 123456789, 7, 0, 1), 0);
	ck_assert_int_eq(same(6, 0, 7, 0, 1), 0);
}
END_TEST

START_TEST(coarser_file_systems)
{
	/* NTFS: hundreds of nanoseconds */
	ck_assert_int_eq(same(7, 123456789, 7, 123456700, 100), 1);
	ck_assert_int_eq(same(7, 123456889, 7, 123456700, 100), 0);
	/* exFAT: hundredths */
	ck_assert_int_eq(same(7, 123456789, 7, 120000000, 10000000), 1);
	ck_assert_int_eq(same(7, 133456789, 7, 120000000, 10000000), 0);
	/* whole seconds */
	ck_assert_int_eq(same(7, 123456789, 7, 0, 1000000000), 1);
	ck_assert_int_eq(same(8, 0, 7, 0, 1000000000), 0);
	ck_assert_int_eq(same(6, 999999999, 7, 0, 1000000000), 0);
	/* FAT: even seconds, an odd one cut down */
	ck_assert_int_eq(same(7, 123456789, 6, 0, 2000000000), 1);
	ck_assert_int_eq(same(6, 0, 6, 0, 2000000000), 1);
	ck_assert_int_eq(same(8, 0, 6, 0, 2000000000), 0);
	ck_assert_int_eq(same(5, 0, 6, 0, 2000000000), 0);
	ck_assert_int_eq(same(-3, 0, -4, 0, 2000000000), 1);
}
END_TEST

START_TEST(precision_unknown_guessed)
{
	/* the output's own digits: milliseconds, whole seconds, FAT */
	ck_assert_int_eq(same(7, 123456789, 7, 123000000, 0), 1);
	ck_assert_int_eq(same(7, 124456789, 7, 123000000, 0), 0);
	ck_assert_int_eq(same(7, 123456789, 7, 0, 0), 1);
	ck_assert_int_eq(same(7, 0, 6, 0, 0), 1);
	ck_assert_int_eq(same(8, 0, 6, 0, 0), 0);
	ck_assert_int_eq(same(7, 123456789, 7, 123456789, 0), 1);
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
	tcase_add_test(tc, every_nanosecond_kept);
	tcase_add_test(tc, coarser_file_systems);
	tcase_add_test(tc, precision_unknown_guessed);
	tcase_add_test(tc, step_of_a_directory);
	suite_add_tcase(s, tc);
	return s;
}
