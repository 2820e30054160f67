/* Reading inputs that may be pipes (lines.c). */
#ifndef UM_LINES_H
#define UM_LINES_H

#include <stddef.h>
#include <sys/types.h>
#include <unmine/unmine.h>

struct batch;

/* Bytes of records read at a time before they are inflated. */
#define ZIN 65536

/* The lines of a list of paths or of JSON Lines records, read from a
 * file descriptor. A read blocked on a pipe would go on after SIGINT or
 * SIGTERM (the handler lets system calls restart, so that output in
 * flight is not cut short): the reader waits for input at most a tenth of
 * a second at a time and then looks whether the run was stopped. */
struct lines {
	int fd;
	char *buf;
	size_t start, len, cap;
	size_t scanned;           /* bytes after start known to hold no line
	                           * end: not searched again */
	int eof;
	int skipping;             /* in a line over the limit: dropped */
	int nul;                  /* lines end with NUL, not LF (--null) */
	/* Records: the bytes read go through zin, and are inflated if they
	 * begin like gzip data. */
	char *zin;                /* ZIN bytes, or NULL: read straight */
	size_t zstart, zlen;
	int zeof, decided;
	um_gz *gz;                /* gzip data */
	char zerr[256];           /* what is wrong with it (err -1) */
};

/* While inputs are read, b's finished documents are written before each
 * wait for input (NULL: none). */
void lines_wait_batch(struct batch *b);
/* The next line without its end (nor a '\r' before it), its length in
 * *ret_len; NULL at the end of the input, after a stop signal, or on an
 * error, whose errno goes in *err (-1: l->zerr says what is wrong with
 * the gzip data). With max nonzero, a line of more than max bytes is not
 * kept: it is returned empty, with *too_long set. */
char *next_line(struct lines *l, size_t max, size_t *ret_len, int *too_long,
                int *err);
/* Reads a stream to its end into *ret (malloc'ed, *ret_len bytes): 0;
 * 1 over max bytes (what is left is not read); -1 on a read error (errno
 * in *err); 2 when the run was stopped. */
int read_stream(int fd, size_t max, char **ret, size_t *ret_len, int *err);
/* Whether the n bytes at s are spaces and tabs only. */
int blank(const char *s, size_t n);

#endif
