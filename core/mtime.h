/* Modification times of inputs and of the outputs given them, which
 * --resume compares (mtime.c). */
#ifndef UM_MTIME_H
#define UM_MTIME_H

#include <time.h>

/* The precision of the modification times that the file system of the
 * directory dir keeps, in nanoseconds: 1 when it keeps them all, 100 on
 * NTFS, 10000000 on exFAT, 1000000000 for whole seconds (ext3, ext4 with
 * small inodes, HFS+), 2000000000 on FAT, which keeps even seconds. Found
 * by giving a new file in dir a time and reading it back; 0 when that
 * cannot be done. */
long mtime_step(const char *dir);

/* Whether out, the time of an output that was given the time in, is in
 * as a file system of precision step keeps it. With step 0 (unknown) the
 * precision is guessed from out's own digits: nanoseconds that end in six
 * zeros are taken for milliseconds, and none at all for whole seconds or
 * FAT's two, so that a time one second after an even output's is the
 * same. */
int mtime_same(const struct timespec *in, const struct timespec *out,
               long step);

#endif
