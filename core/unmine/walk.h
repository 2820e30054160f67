/* Input walking: files and directory trees in a stable order. */
#ifndef UNMINE_WALK_H
#define UNMINE_WALK_H

#include <stddef.h>
#include <unmine/loader.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Called for each regular file, and for the path itself when it is a pipe,
 * FIFO or character device: path to open, and rel, the path below the
 * argument the walk started from (the file's own name for a file
 * argument). Return nonzero to stop the walk. */
typedef int (*um_walk_fn)(void *ctx, const char *path, const char *rel);

/*
 * Visits path: a file, or a directory recursively with entries sorted by
 * name (bytewise) and hidden entries (starting with ".") skipped.
 * Symbolic links are followed; a directory reached again through a link
 * (a loop) is reported, not entered. Every entry that cannot be read, and
 * every one that is neither a regular file nor a directory (a FIFO found
 * in a directory could block the walk), is reported to diag. Returns the
 * number of problems reported.
 */
size_t um_walk(const char *path, um_walk_fn fn, void *ctx, um_diag_fn diag,
               void *dctx);

/*
 * The same, leaving out the directory skip wherever the walk meets it,
 * whatever the path that leads there (directories are compared by device
 * and inode), and the directories inside it that a link leads to (by
 * resolved paths; not when path itself lies inside skip): the output
 * directory of a run that lies inside its input. A skip that does not
 * exist, or NULL, leaves nothing out.
 */
size_t um_walk_skip(const char *path, const char *skip, um_walk_fn fn,
                    void *ctx, um_diag_fn diag, void *dctx);

#ifdef __cplusplus
}
#endif
#endif
