/* Walking input paths: sorted, recursive, loop-safe. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

struct dirid {
	dev_t dev;
	ino_t ino;
};

struct walker {
	um_walk_fn fn;
	void *ctx;
	um_diag_fn diag;
	void *dctx;
	size_t problems;
	int stop;
	struct dirid *stack;      /* directories on the current path */
	size_t depth, cap;
	int has_skip;
	struct dirid skip;        /* a directory left out */
	/* and what lies below it, reached through a link: by resolved
	 * paths, worked out at the first directory (files need none) */
	const char *skip_path, *root;
	char *skip_real;
	int resolved, below;
};

/* Whether real (a resolved path) is the directory dir or inside it. */
static int under(const char *real, const char *dir)
{
	size_t n = strlen(dir);
	return !strncmp(real, dir, n) &&
	       (real[n] == 0 || real[n] == '/' || (n == 1 && dir[0] == '/'));
}

/* Whether the directory at path lies inside the skip, reached through a
 * link (the skip itself is found by device and inode). Not when the walk
 * started inside the skip: everything would be. */
static int in_skip(struct walker *w, const char *path)
{
	char *real;
	int in;
	if (!w->resolved) {
		char *root = realpath(w->root, NULL);
		w->resolved = 1;
		w->skip_real = realpath(w->skip_path, NULL);
		w->below = w->skip_real && root && !under(root, w->skip_real);
		free(root);
	}
	if (!w->below || !(real = realpath(path, NULL)))
		return 0;
	in = under(real, w->skip_real);
	free(real);
	return in;
}

static void problem(struct walker *w, const char *path, const char *msg)
{
	w->problems++;
	if (w->diag)
		w->diag(w->dctx, path, msg);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int um_list_dir(const char *path, char ***ret_names, size_t *ret_n)
{
	DIR *dp = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (!dp)
		return UM_EIO;
	/* readdir ends with NULL at the end and on an error (a disk or a
	 * network file system failing midway), told apart by errno: a
	 * listing cut short is not taken for the whole */
	for (;;) {
		errno = 0;
		if (!(de = readdir(dp)))
			break;
		if (de->d_name[0] == '.')
			continue;
		UM_GROW(names, cap, n + 1);
		names[n++] = um_xstrdup(de->d_name);
	}
	if (errno) {
		int e = errno;
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		closedir(dp);
		errno = e;
		return UM_EIO;
	}
	closedir(dp);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	*ret_names = names;
	*ret_n = n;
	return 0;
}

static void visit(struct walker *w, const char *path, const char *rel);

static void visit_dir(struct walker *w, const char *path, const char *rel,
                      const struct stat *st)
{
	char **names = NULL;
	size_t n = 0, i;

	if (w->has_skip && ((w->skip.dev == st->st_dev &&
	                     w->skip.ino == st->st_ino) || in_skip(w, path)))
		return;
	for (i = 0; i < w->depth; i++) {
		if (w->stack[i].dev == st->st_dev && w->stack[i].ino == st->st_ino) {
			problem(w, path, "directory loop (a link leads back to an "
			        "enclosing directory); not entered");
			return;
		}
	}
	if (um_list_dir(path, &names, &n) != 0) {
		char msg[160];
		snprintf(msg, sizeof(msg), "cannot read the directory: %s",
		         strerror(errno));
		problem(w, path, msg);
		return;
	}
	UM_GROW(w->stack, w->cap, w->depth + 1);
	w->stack[w->depth].dev = st->st_dev;
	w->stack[w->depth].ino = st->st_ino;
	w->depth++;
	for (i = 0; i < n; i++) {
		if (!w->stop) {
			um_strbuf p, r;
			um_sb_init(&p);
			um_sb_init(&r);
			um_sb_adds(&p, path);
			if (p.len && p.data[p.len - 1] != '/')
				um_sb_addc(&p, '/');
			um_sb_adds(&p, names[i]);
			um_sb_addc(&p, '\0');
			if (*rel) {
				um_sb_adds(&r, rel);
				um_sb_addc(&r, '/');
			}
			um_sb_adds(&r, names[i]);
			um_sb_addc(&r, '\0');
			visit(w, p.data, r.data);
			um_sb_free(&p);
			um_sb_free(&r);
		}
		free(names[i]);
	}
	w->depth--;
	free(names);
}

static void visit(struct walker *w, const char *path, const char *rel)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		struct stat lst;
		if (errno == ELOOP || (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)))
			problem(w, path, errno == ELOOP ? "symbolic link loop" :
			        "broken symbolic link");
		else
			problem(w, path, strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		visit_dir(w, path, rel, &st);
	} else if (S_ISREG(st.st_mode)) {
		if (w->fn(w->ctx, path, rel))
			w->stop = 1;
	} else {
		problem(w, path, "not a regular file or directory; skipped");
	}
}

size_t um_walk(const char *path, um_walk_fn fn, void *ctx, um_diag_fn diag,
               void *dctx)
{
	return um_walk_skip(path, NULL, fn, ctx, diag, dctx);
}

size_t um_walk_skip(const char *path, const char *skip, um_walk_fn fn,
                    void *ctx, um_diag_fn diag, void *dctx)
{
	struct walker w;
	const char *base;
	struct stat st;

	memset(&w, 0, sizeof(w));
	w.fn = fn;
	w.ctx = ctx;
	w.diag = diag;
	w.dctx = dctx;
	if (skip && stat(skip, &st) == 0 && S_ISDIR(st.st_mode)) {
		w.has_skip = 1;
		w.skip.dev = st.st_dev;
		w.skip.ino = st.st_ino;
		w.skip_path = skip;
		w.root = path;
	}
	if (strcmp(path, "-") == 0) {
		fn(ctx, path, "-");
		return 0;
	}
	/* A file argument's rel is its own name; a directory's entries are
	 * named below it. A pipe, FIFO or character device named outright
	 * is handed on as a file (found in a directory, it is skipped: it
	 * could block the walk for ever). */
	if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
		base = strrchr(path, '/');
		base = base ? base + 1 : path;
		if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))
			fn(ctx, path, base);
		else
			visit(&w, path, base);
	} else {
		visit(&w, path, "");
	}
	free(w.stack);
	free(w.skip_real);
	return w.problems;
}
