/* Modification times for --resume: the precision of an output file
 * system, and times compared at it. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mtime.h"

#define SECOND 1000000000L

/* The precision nanoseconds ns (1 to 999999999) were cut to: the largest
 * power of ten that divides them. */
static long cut_to(long ns)
{
	long step = 1;
	while (ns % (step * 10) == 0)
		step *= 10;
	return step;
}

long mtime_step(const char *dir)
{
	/* an odd second, which FAT makes even, and nanoseconds with no
	 * zero, which a coarser file system cuts down */
	const struct timespec probe = { 1000000001, 123456789 };
	struct timespec times[2];
	struct stat st;
	size_t n = strlen(dir) + 32;
	char *path = malloc(n);
	long step = 0, ns;
	int fd;
	if (!path)
		abort();
	snprintf(path, n, "%s/.unmine-probe-XXXXXX", dir);
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0) {
		free(path);
		return 0;
	}
	times[0].tv_sec = 0;
	times[0].tv_nsec = UTIME_OMIT;
	times[1] = probe;
	if (futimens(fd, times) == 0 && fstat(fd, &st) == 0) {
		ns = st.st_mtim.tv_nsec;
		if (st.st_mtim.tv_sec != probe.tv_sec) {
			step = 2 * SECOND;
		} else if (ns == 0) {
			step = SECOND;
		} else {
			step = cut_to(ns);
		}
	}
	close(fd);
	unlink(path);
	free(path);
	return step;
}

int mtime_same(const struct timespec *in, const struct timespec *out,
               long step)
{
	time_t s = in->tv_sec, os = out->tv_sec;
	long ns = out->tv_nsec;
	if (step == 0) {
		if (ns == 0)      /* seconds, or two of them, even, on FAT */
			return os == s || (os % 2 == 0 && s == os + 1);
		step = cut_to(ns);
	}
	if (step >= 2 * SECOND)
		return os == s - (s % 2 + 2) % 2;
	if (step >= SECOND)
		return os == s;
	return os == s && in->tv_nsec - in->tv_nsec % step == ns;
}
