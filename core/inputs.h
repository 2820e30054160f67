/* The inputs of a run (inputs.c). */
#ifndef UM_INPUTS_H
#define UM_INPUTS_H

#include <sys/types.h>
#include <time.h>
#include <unmine/unmine.h>

#include "cli.h"

struct run {
	struct cli *c;
	struct batch *batch;
	const char *prefix;       /* --files-from: the listed path, for rel */
	int prefix_dir;           /* it is a directory */
	const char *named;        /* the argument being walked */
	size_t counted;           /* counting pass: documents to do */
	struct timespec said_at;  /* when the count was last shown */
	int said;                 /* it was shown */
	int uncounted;            /* some inputs can be read only once */
	struct outputs *outputs;  /* NULL when no two inputs can meet */
	struct files *read;       /* without -o: the documents taken, when a
	                           * file can be met twice; else NULL */
	struct files *counted_files;  /* the same for the count */
	/* files this run writes, which it must not read: standard output
	 * when it is a file, the --errors file */
	struct own {
		dev_t dev;
		ino_t ino;
		const char *what;
	} own[2];
	int nown;
	char *outreal;            /* -o's directory, resolved */
	int out_above;            /* it holds the current directory */
	int list_on_stdin;        /* --files-from reads standard input */
	int stdin_known;          /* and standard input is this file: */
	dev_t stdin_dev;
	ino_t stdin_ino;
};

/* Whether path reads standard input: "-", or /dev/stdin and the like,
 * by device and inode. With streams_only, only when standard input is a
 * stream (a pipe, a terminal), which can be read once: a regular file on
 * standard input may be read twice. */
int inputs_is_stdin(const char *path, int streams_only);
/* The file open on fd is one the run writes (what: "standard output",
 * "--errors file"): never read as an input. */
void inputs_add_own(struct run *r, int fd, const char *what);
/* Whether real (a resolved path) is the directory dir or inside it. */
int inputs_under(const char *real, const char *dir);
/* um_walk_fn: counts path's documents into r->counted (ctx is r),
 * leaving out what inputs_add leaves out. */
int inputs_count(void *ctx, const char *path, const char *rel);
/* um_walk_fn: adds path's documents to r->batch. */
int inputs_add(void *ctx, const char *path, const char *rel);
/* Every input: the nargs paths args, then the paths of --files-from, one
 * per line, each walked with fn; quiet_walk: nothing said (the count). */
void inputs_walk(struct run *r, char **args, int nargs, um_walk_fn fn,
                 int quiet_walk);

#endif
