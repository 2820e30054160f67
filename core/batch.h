/* The batch of documents of one run, processed by worker threads and
 * written in input order (batch.c). */
#ifndef UM_BATCH_H
#define UM_BATCH_H

#include "cli.h"

struct batch;

/* Starts c->threads workers (none for 1: documents are then processed
 * by the caller). set is read-only while the batch runs. */
struct batch *batch_new(struct cli *c, um_plugin_set *set);
/* Queues a document; may wait for room, writing finished documents in
 * order meanwhile. mtime: the input's modification time, before it is
 * read, given to its output file (NULL: none). */
void batch_add(struct batch *b, const char *path, const char *rel,
               const struct timespec *mtime);
/* Queues a record of JSON Lines (data, len: copied) as document name,
 * written as rel (mtime: its file's, as for batch_add); or, with error
 * non-NULL, a record refused before it was read, which fails with that
 * reason. */
void batch_add_record(struct batch *b, const char *name, const char *rel,
                      const struct timespec *mtime, const char *data,
                      size_t len, const char *error);
/* Queues a whole document read from a stream (standard input, a pipe) by
 * the caller, data (malloc'ed, len bytes; the batch frees it) read as the
 * file path would be; or, with error non-NULL, one that failed as it was
 * read (data NULL). */
void batch_add_stream(struct batch *b, const char *path, const char *rel,
                      char *data, size_t len, const char *error);
/* A problem of the walk (origin: the path), printed in its place in the
 * order and, with --errors, recorded with its stage; with stage NULL, a
 * note that is no failure, printed only. */
void batch_note(struct batch *b, const char *origin, const char *msg,
                const char *stage);
/* Writes the documents finished so far that are next in order, without
 * waiting; for the caller about to wait for input, so that a document is
 * not held back until the next one comes (a coprocess waits for it). */
void batch_flush(struct batch *b);
/* Waits for every document, writes what is left, stops the workers and
 * frees the batch. */
void batch_end(struct batch *b);

#endif
