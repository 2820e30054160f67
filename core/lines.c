/* Reading inputs that may be pipes: lines of a list or of records
 * (inflated when they are gzip data), and whole streams, a stop signal
 * looked at every tenth of a second. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"
#include "lines.h"

/* The run's batch while inputs are read: poll_read writes its finished
 * documents when it is about to wait. */
static struct batch *waiting_batch;

void lines_wait_batch(struct batch *b)
{
	waiting_batch = b;
}

/* Polls a tenth of a second, then reads into dst: the count, 0 at the end
 * of the input, -1 on error (errno in *err), -2 when nothing came. */
static ssize_t poll_read(int fd, char *dst, size_t room, int *err)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int ready = poll(&p, 1, 0);
	ssize_t n;
	/* no input yet: what is done is written first, for a reader who
	 * waits for it before it sends more */
	if (ready == 0 && waiting_batch) {
		batch_flush(waiting_batch);
		ready = poll(&p, 1, 100);
	} else if (ready == 0) {
		ready = poll(&p, 1, 100);
	}
	if (ready < 0 && errno != EINTR) {
		*err = errno;
		return -1;
	}
	if (ready <= 0)
		return -2;
	n = read(fd, dst, room);
	if (n < 0) {
		if (errno == EINTR || errno == EAGAIN)
			return -2;
		*err = errno;
		return -1;
	}
	return n;
}

/* The next bytes of the input into dst (room > 0 bytes), inflated if they
 * are gzip data: as poll_read, with *err -1 for corrupt gzip data. */
static ssize_t fill(struct lines *l, char *dst, size_t room, int *err)
{
	ssize_t n;
	if (!l->zin)
		return poll_read(l->fd, dst, room, err);
	for (;;) {
		size_t avail = l->zlen - l->zstart, used, made;
		if (!l->decided && (avail >= 2 || l->zeof)) {
			l->decided = 1;
			if (um_gz_magic(l->zin + l->zstart, avail))
				l->gz = um_gz_new();
		}
		if (l->decided && (avail || l->gz)) {
			if (!l->gz) {
				used = made = avail < room ? avail : room;
				memcpy(dst, l->zin + l->zstart, made);
			} else if (um_gz_inflate(l->gz, l->zin + l->zstart, avail,
			                         &used, dst, room, &made, l->zerr,
			                         sizeof(l->zerr)) != 0) {
				*err = -1;
				return -1;
			}
			l->zstart += used;
			if (made)
				return (ssize_t)made;
		}
		if (l->zeof) {
			if (l->gz && um_gz_end(l->gz, l->zerr, sizeof(l->zerr))) {
				*err = -1;
				return -1;
			}
			return 0;
		}
		memmove(l->zin, l->zin + l->zstart, l->zlen - l->zstart);
		l->zlen -= l->zstart;
		l->zstart = 0;
		n = poll_read(l->fd, l->zin + l->zlen, ZIN - l->zlen, err);
		if (n < 0)
			return n;
		if (n == 0)
			l->zeof = 1;
		l->zlen += (size_t)n;
	}
}

char *next_line(struct lines *l, size_t max, size_t *ret_len, int *too_long,
                int *err)
{
	*too_long = 0;
	for (;;) {
		/* what was searched before the last read is not searched
		 * again: a line of a gigabyte costs one pass, not one a read */
		char *nl = memchr(l->buf + l->start + l->scanned, l->nul ? 0 : '\n',
		                  l->len - l->start - l->scanned);
		char *line = l->buf + l->start;
		ssize_t n;
		if (nl || (l->eof && (l->len > l->start || l->skipping))) {
			char *end = nl ? nl : l->buf + l->len;
			l->start = nl ? (size_t)(nl - l->buf) + 1 : l->len;
			l->scanned = 0;
			while (!l->nul && end > line && end[-1] == '\r')
				end--;
			if (l->skipping || (max && (size_t)(end - line) > max)) {
				l->skipping = 0;
				*too_long = 1;
				end = line;
			}
			*end = 0;
			*ret_len = (size_t)(end - line);
			return line;
		}
		if (l->eof || cli_halted())
			return NULL;
		/* over max, and over max with the CR of a CR LF, which may be
		 * all the read has brought of the line end yet */
		if (max && l->len - l->start > max + 1) {
			l->skipping = 1;      /* what there is of it goes */
			l->start = l->len;
		}
		/* keep the partial line, at the front, with room after it */
		memmove(l->buf, l->buf + l->start, l->len - l->start);
		l->len -= l->start;
		l->start = 0;
		l->scanned = l->len;
		if (l->cap - l->len < 4096) {
			l->cap *= 2;
			if (!(l->buf = realloc(l->buf, l->cap)))
				abort();
		}
		n = fill(l, l->buf + l->len, l->cap - l->len - 1, err);
		if (n == -2)
			continue;
		if (n < 0)
			return NULL;
		if (n == 0)
			l->eof = 1;
		l->len += (size_t)n;
	}
}

int read_stream(int fd, size_t max, char **ret, size_t *ret_len, int *err)
{
	size_t cap = 65536, len = 0;
	char *buf = malloc(cap);
	if (!buf)
		abort();
	for (;;) {
		ssize_t n;
		if (cli_halted()) {
			free(buf);
			return 2;
		}
		if (cap - len < 4096) {
			cap *= 2;
			if (!(buf = realloc(buf, cap)))
				abort();
		}
		n = poll_read(fd, buf + len, cap - len, err);
		if (n == -2)
			continue;
		if (n < 0) {
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			free(buf);
			return 1;
		}
	}
	*ret = buf;
	*ret_len = len;
	return 0;
}

int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}
