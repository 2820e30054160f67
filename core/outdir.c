/* The output directory: output names, files written through locked
 * temporary files, and what --resume finds done there. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "mtime.h"

/* mkdir -p for the directories of path (not its last component). The
 * directory made last is remembered: consecutive files of one input
 * directory cost no system call here. */
static int make_parents(char *path, char **last)
{
	char *p, *slash = strrchr(path, '/');
	if (!slash)
		return 0;
	if (*last && strlen(*last) == (size_t)(slash - path) &&
	    !strncmp(*last, path, (size_t)(slash - path)))
		return 0;
	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	free(*last);
	*last = strndup(path, (size_t)(slash - path));
	return 0;
}

int cli_make_dir(const char *dir)
{
	/* the directories of "DIR/." are DIR and those above it */
	size_t n = strlen(dir) + 3;
	char *p = malloc(n), *last = NULL;
	struct stat st;
	int rc;
	if (!p)
		abort();
	snprintf(p, n, "%s/.", dir);
	rc = make_parents(p, &last);
	free(p);
	free(last);
	/* a file of that name was there: mkdir said EEXIST */
	if (rc == 0 && stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return rc;
}

static const char *extension(int output)
{
	return output == UM_OUT_EDGES ? "tsv" :
	       output == UM_OUT_JSONL ? "jsonl" : "xml";
}

char *cli_output_path(const struct cli *c, const char *rel)
{
	size_t n = strlen(c->outdir) + strlen(rel) + 16;
	char *path = malloc(n);
	if (!path)
		abort();
	snprintf(path, n, "%s/%s.%s", c->outdir,
	         strcmp(rel, "-") == 0 ? "stdin" : rel, extension(c->output));
	return path;
}

/* Whether path still names the file open on fd (not renamed away, nor
 * made anew), whose status goes into *st. */
static int still_named(int fd, const char *path, struct stat *st)
{
	struct stat pst;
	return fstat(fd, st) == 0 && lstat(path, &pst) == 0 &&
	       st->st_dev == pst.st_dev && st->st_ino == pst.st_ino;
}

/* Opens tmp, an output's temporary name, to write it from the start,
 * holding a lock on it until it is closed: a second run writing the same
 * output directory at once is refused the file (-1, errno EBUSY) rather
 * than writing into it. A file that a killed run left there is locked by
 * no one and is taken over; a link put in its place (a symbolic one, or a
 * hard link of a copy made with cp -al), which writing would carry to the
 * file it leads to, is removed and a new file made. */
static int open_tmp(const char *tmp)
{
	for (int tries = 0; tries < 8; tries++) {
		struct stat fst;
		int fd = open(tmp, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK |
		              O_CLOEXEC, 0666);
		if (fd < 0) {
			/* a symbolic link, a FIFO, a file left by another user:
			 * removed, then made anew (EACCES with nothing there is
			 * the directory's) */
			int e = errno;
			if (e != ELOOP && e != ENXIO && e != EACCES)
				return -1;
			if (unlink(tmp) != 0 && (errno != ENOENT || e == EACCES)) {
				errno = e;
				return -1;
			}
			continue;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
			close(fd);
			errno = EBUSY;
			return -1;
		}
		/* (a file system without locks: written as it is) */
		if (!still_named(fd, tmp, &fst)) {
			/* renamed by the run that held it before the lock was
			 * taken: that is its output now, not ours to write */
			close(fd);
			continue;
		}
		if (!S_ISREG(fst.st_mode) || fst.st_nlink != 1) {
			int bad = unlink(tmp) != 0 && errno != ENOENT;
			close(fd);
			if (bad)
				return -1;
			continue;
		}
		if (ftruncate(fd, 0) != 0 ||
		    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		return fd;
	}
	errno = EBUSY;
	return -1;
}

void cli_drop_stale_tmp(const char *tmp)
{
	/* open to write, as an exclusive lock on NFS needs */
	int fd = open(tmp, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat fst;
	if (fd < 0) {
		/* a symbolic link, a FIFO, a file left by another user */
		if (errno == ELOOP || errno == ENXIO || errno == EACCES)
			unlink(tmp);
		return;
	}
	/* one that a run writes now is left to it; a file system without
	 * locks has none to say so */
	if ((flock(fd, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK) &&
	    still_named(fd, tmp, &fst))
		unlink(tmp);
	close(fd);
}

char *cli_tmp_path(const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	size_t n = strlen(path) + 32;
	char *tmp = malloc(n);
	if (!tmp)
		abort();
	if (strlen(base) + 4 <= NAME_MAX) {
		snprintf(tmp, n, "%s.tmp", path);
	} else {
		/* a name the suffix would make too long: one of the same
		 * length for every such file, from a hash of the name (FNV-1a),
		 * the same in every run */
		uint64_t h = cli_fnv1a(CLI_FNV_BASIS, base, strlen(base));
		snprintf(tmp, n, "%.*s.unmine-%016llx.tmp", (int)(base - path), path,
		         (unsigned long long)h);
	}
	return tmp;
}

int cli_write_file(const struct cli *c, const char *rel, const um_doc *doc,
                   const struct timespec *mtime, char **last_dir, char *err,
                   size_t errlen)
{
	/* Written under a temporary name and renamed: an interrupted run
	 * leaves no half-written output, and the name is the same in every
	 * run, so that a run resumed after a kill writes over what a killed
	 * one left. It stays locked until it is renamed. */
	char *path = cli_output_path(c, rel), *tmp = cli_tmp_path(path);
	FILE *f = NULL;
	int rc, fd;

	if (make_parents(path, last_dir) != 0) {
		rc = errno;
		snprintf(err, errlen, "cannot create the directory of %s: %s",
		         path, strerror(rc));
		goto out;
	}
	fd = open_tmp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		rc = errno;
		snprintf(err, errlen, "cannot write %s: %s", tmp,
		         rc == EBUSY ? "another run is writing it" : strerror(rc));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	/* the time last, once every byte is written; errno cleared, so
	 * that a failure that sets none is not told by an earlier one */
	errno = 0;
	if ((c->output == UM_OUT_EDGES ? um_write_edges_header(f) :
	     c->output == UM_OUT_JSONL ? 0 : um_write_begin(f, NULL)) ||
	    um_write_doc(f, doc, c->output) || fflush(f) != 0 ||
	    (mtime && futimens(fd, (const struct timespec[2]) {
	                       { .tv_nsec = UTIME_OMIT }, *mtime }) != 0)) {
		rc = errno ? errno : EIO;
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(rc));
		unlink(tmp);
		fclose(f);
		goto out;
	}
	/* renamed before it is closed, while it is still locked */
	if (rename(tmp, path) != 0) {
		rc = errno;
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(rc));
		unlink(tmp);
		fclose(f);
		goto out;
	}
	if (fclose(f) != 0) {
		rc = errno;
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(rc));
		unlink(path);
		goto out;
	}
	rc = 0;
out:
	free(path);
	free(tmp);
	return rc;
}

/* Whether the file open on fd ends as a whole output of the format does:
 * a file renamed into place is complete while the system runs, but after
 * a machine crash it may be empty or cut short, its data not yet on disk
 * when the rename was. */
static int ends_whole(int fd, const struct stat *st, int format)
{
	const char *end = format == UM_OUT_JSONL ? "}\n" :
	                  format == UM_OUT_EDGES ? "\n" : "</document>\n";
	size_t n = strlen(end);
	char tail[16];
	return st->st_size >= (off_t)n &&
	       pread(fd, tail, n, st->st_size - (off_t)n) == (ssize_t)n &&
	       !memcmp(tail, end, n);
}

int cli_output_done(const struct cli *c, const char *rel,
                    const struct stat *in)
{
	char *out = cli_output_path(c, rel);
	struct stat st;
	int fd = open(out, O_RDONLY | O_CLOEXEC), done = 0;
	if (fd >= 0) {
		done = fstat(fd, &st) == 0 &&
		       (!in || mtime_same(&in->st_mtim, &st.st_mtim,
		                          c->time_step)) &&
		       ends_whole(fd, &st, c->output);
		close(fd);
	}
	/* what a run killed while it wrote the file again left beside it */
	if (done) {
		char *tmp = cli_tmp_path(out);
		cli_drop_stale_tmp(tmp);
		free(tmp);
	}
	free(out);
	return done;
}
