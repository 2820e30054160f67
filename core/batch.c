/*
 * The batch: documents read, annotated and written by worker threads
 * (-j), the output and the messages in input order whatever the number
 * of threads. The walk runs on the calling thread and hands documents to
 * the workers through a window of a few documents per worker; the caller
 * writes finished documents in order as they come, so memory holds only
 * the documents in the window. A document being annotated takes many
 * times its size; its estimate is taken from --max-memory from before it
 * is tokenized until it is freed, so that large documents wait for room
 * rather than exhaust the machine together. What waits to be written in
 * order (on standard output; with -o, nothing) is not counted.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "budget.h"

/* A growing byte buffer for what a document prints. */
struct buf {
	char *data;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->data = realloc(b->data, b->cap);
		if (!b->data)
			abort();
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = 0;
}

static void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A line of --errors: path, stage and reason, so that every line has
 * three fields whatever a file is called. */
static void error_line(struct buf *b, const char *path, const char *stage,
                       const char *reason)
{
	const char *field[3] = { path, stage, reason };
	/* a tab, a line end, a carriage return and a backslash inside a
	 * field written \t, \n, \r, \\ (PostgreSQL's text format), so
	 * that printf %b gives each name back whole */
	for (int f = 0; f < 3; f++) {
		for (const char *p = field[f]; *p; p++) {
			const char *esc = *p == '\t' ? "\\t" : *p == '\n' ? "\\n" :
			                  *p == '\r' ? "\\r" : *p == '\\' ? "\\\\" : NULL;
			if (esc)
				buf_add(b, esc, 2);
			else
				buf_add(b, p, 1);
		}
		buf_add(b, f < 2 ? "\t" : "\n", 1);
	}
}

static void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t len;
	char *line;
	va_start(ap, fmt);
	line = cli_vline(&len, fmt, ap);
	va_end(ap);
	buf_add(b, line, len);
	free(line);
}

/* One document, or one message of the walk, in input order. */
struct job {
	char *path, *rel;         /* NULL for a message */
	struct timespec mtime;    /* the input's, for its output file */
	int has_mtime;
	char *data;               /* read from memory: a record of JSON Lines, */
	size_t len;
	int whole;                /* or a whole document read from a stream */
	char *error;              /* refused before it was read */
	char *out;                /* what goes to the output stream */
	size_t outlen;
	struct buf msgs;          /* lines for stderr */
	struct buf errors;        /* lines for --errors */
	size_t bytes;
	int failed;
	int done;
	int not_started;          /* the run was stopped before it began */
};

struct batch {
	struct cli *c;
	um_plugin_set *set;
	int threads;
	pthread_t *tids;
	pthread_mutex_t lock;
	pthread_cond_t work, finished;
	struct job **ring;        /* window: seq % window */
	struct job **ready;       /* jobs being emitted, up to window */
	size_t window;
	size_t next_seq, next_claim, next_emit;
	int closing;
	char *last_dir;           /* the calling thread's, with one thread */
	struct timespec t0, last_progress;
	struct budget mem;        /* --max-memory, with several threads */
};

/* What a document takes while the plugins run, by its tokens and bytes:
 * measured with the five plugins of this tree (peak RSS) on prose, 28
 * bytes a byte of text, and on texts made to cost the most, all symbols
 * ("A/1,A/2;S/3": 174 bytes a token) or all acronyms ("Alpha Beta (AB)
 * AB": 112 bytes a byte), which these cover with room to spare; prose is
 * counted about three times what it takes. */
#define MEM_PER_TOKEN 192
#define MEM_PER_BYTE 24
/* What tokenizing takes at most: a token (24 bytes) for every byte, and
 * the text. */
#define MEM_TOKENIZE 32

static size_t doc_memory(size_t ntokens, size_t len)
{
	if (ntokens > SIZE_MAX / 2 / MEM_PER_TOKEN ||
	    len > SIZE_MAX / 2 / MEM_PER_BYTE)
		return SIZE_MAX;
	return ntokens * MEM_PER_TOKEN + len * MEM_PER_BYTE;
}

/* The run was stopped by a signal, or its output stream failed. */
static int stopping(const struct cli *c)
{
	if (atomic_load_explicit(&c->out_broken, memory_order_relaxed))
		return 1;
	return c->stop && atomic_load_explicit(c->stop, memory_order_relaxed);
}

static void take_memory(struct batch *b, size_t n)
{
	if (b->threads > 1 && b->c->max_memory)
		budget_take(&b->mem, n);
}

static void give_memory(struct batch *b, size_t n)
{
	if (b->threads > 1 && b->c->max_memory)
		budget_give(&b->mem, n);
}

static void do_job(struct batch *b, struct job *j, char **last_dir);

/* do_job, with the document's name as messages write it held for the
 * line a crash leaves. */
static void run_job(struct batch *b, struct job *j, char **last_dir)
{
	char *shown = NULL;
	size_t n;
	if (j->path) {
		shown = cli_line(&n, "%s", j->path);
		if (n && shown[n - 1] == '\n')
			shown[n - 1] = '\0';
	}
	cli_crash_doc(shown);
	do_job(b, j, last_dir);
	cli_crash_doc(NULL);
	free(shown);
}

/* Reads, annotates and writes one document; what it prints is kept in
 * the job, to be printed in order. */
static void do_job(struct batch *b, struct job *j, char **last_dir)
{
	struct cli *c = b->c;
	char err[1024], a[32], m[32];
	const char *stage = "read";
	um_doc *doc = NULL;
	size_t i, len, ntokens, need, taken = 0;

	if (stopping(c)) {
		j->not_started = 1;
		return;
	}
	if (j->error) {
		snprintf(err, sizeof(err), "%s", j->error);
		goto failed;
	}
	if (j->data) {
		um_read_options rec = c->read;
		int r;
		if (!j->whole)
			rec.format = UM_FMT_JSONL;
		r = um_read_memory(j->data, j->len, j->path, &rec, &doc, err,
		                   sizeof(err));
		free(j->data);
		j->data = NULL;
		if (r != 0)
			goto failed;
	} else if (um_read_file(j->path, &c->read, &doc, err, sizeof(err)) != 0) {
		goto failed;
	}
	if (!c->quiet)
		for (i = 0; i < um_doc_warning_count(doc); i++)
			buf_printf(&j->msgs, "unmine: %s: warning: %s\n", j->path,
			           um_doc_warning_at(doc, i));
	um_doc_text(doc, &len);
	j->bytes = len;
	stage = "annotate";
	if (c->max_memory && len > c->max_memory / MEM_TOKENIZE) {
		cli_format_size(len > SIZE_MAX / MEM_TOKENIZE ? SIZE_MAX :
		                len * MEM_TOKENIZE, a, sizeof(a));
		cli_format_size(c->max_memory, m, sizeof(m));
		snprintf(err, sizeof(err), "may need up to %s of memory to "
		         "tokenize (%zu bytes of text), over --max-memory (%s)",
		         a, len, m);
		goto failed;
	}
	/* Taken before the tokens are made, for a token a byte at most,
	 * then what the tokens do not need is given back. */
	taken = doc_memory(len, len);
	if (c->max_memory && taken > c->max_memory)
		taken = c->max_memory;
	take_memory(b, taken);
	if (stopping(c)) {
		/* stopped while it waited for room: not begun, nothing said */
		j->not_started = 1;
		j->msgs.len = 0;
		um_doc_free(doc);
		give_memory(b, taken);
		return;
	}
	um_doc_tokenize(doc);
	um_doc_tokens(doc, &ntokens);
	need = doc_memory(ntokens, len);
	if (c->max_memory && need > c->max_memory) {
		cli_format_size(need, a, sizeof(a));
		cli_format_size(c->max_memory, m, sizeof(m));
		snprintf(err, sizeof(err), "needs about %s of memory to annotate "
		         "(%zu tokens), over --max-memory (%s)", a, ntokens, m);
		goto failed;
	}
	if (need < taken) {
		give_memory(b, taken - need);
		taken = need;
	}
	if (um_plugin_set_run(b->set, doc, err, sizeof(err)) != 0)
		goto failed;
	stage = "write";
	if (c->outdir) {
		int e = cli_write_file(c, j->rel, doc,
		                       j->has_mtime ? &j->mtime : NULL, last_dir,
		                       err, sizeof(err));
		/* no room left, or no writing at all: the documents after it
		 * would be annotated only to fail the same way */
		if (e == ENOSPC || e == EDQUOT || e == EROFS) {
			int none = 0;
			atomic_compare_exchange_strong(&c->outdir_errno, &none, e);
			atomic_store_explicit(&c->out_broken, 1,
			                      memory_order_relaxed);
		}
		if (e) {
			atomic_store_explicit(&c->outputs_lost, 1,
			                      memory_order_relaxed);
			goto failed;
		}
	} else {
		j->out = um_render_doc(doc, c->output, &j->outlen);
	}
	um_doc_free(doc);
	give_memory(b, taken);
	return;
failed:
	j->failed = 1;
	buf_printf(&j->msgs, "unmine: %s: %s\n", j->path, err);
	error_line(&j->errors, j->path, stage, err);
	um_doc_free(doc);
	give_memory(b, taken);
}

static void free_job(struct job *j)
{
	free(j->path);
	free(j->rel);
	free(j->data);
	free(j->error);
	free(j->out);
	free(j->msgs.data);
	free(j->errors.data);
	free(j);
}

static void progress(struct batch *b, int last)
{
	struct cli *c = b->c;
	double s = cli_seconds_since(&b->t0), mb = (double)c->bytes / 1e6;
	char eta[32] = "";
	if (!c->progress)
		return;
	if (!last && cli_seconds_since(&b->last_progress) < 0.25)
		return;
	clock_gettime(CLOCK_MONOTONIC, &b->last_progress);
	/* the documents already done (--resume) took no time */
	if (c->total && c->docs && c->docs + c->skipped < c->total) {
		double left = s / (double)c->docs *
		              (double)(c->total - c->docs - c->skipped);
		snprintf(eta, sizeof(eta), ", ETA %d:%02d", (int)left / 60,
		         (int)left % 60);
	}
	if (c->total)
		fprintf(stderr, "\runmine: %zu/%zu documents, %.1f MB/s, %zu failed%s  ",
		        c->docs + c->skipped, c->total, s > 0 ? mb / s : 0.0,
		        c->failed, eta);
	else
		fprintf(stderr, "\runmine: %zu documents, %.1f MB/s, %zu failed  ",
		        c->docs + c->skipped, s > 0 ? mb / s : 0.0, c->failed);
	if (last)
		fputc('\n', stderr);
}

/* Writes s to the --errors file f and flushes it, with SIGPIPE held
 * back on this thread: a pipe whose reader is gone is a failed write
 * (EPIPE), said once, and not the end of the run, as it is for standard
 * output. 0, or -1 with errno set. */
static int put_errors(const char *s, FILE *f)
{
	sigset_t pipe_set, old, pending;
	int rc, e;
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	errno = 0;
	rc = fputs(s, f) == EOF || fflush(f) != 0 ? -1 : 0;
	e = errno ? errno : EIO;
	/* the signal the failed write raised, taken off this thread
	 * before it is let through again (unless it was held already) */
	if (rc && !sigismember(&old, SIGPIPE) && sigpending(&pending) == 0 &&
	    sigismember(&pending, SIGPIPE)) {
		const struct timespec now = { 0, 0 };
		sigtimedwait(&pipe_set, NULL, &now);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc)
		errno = e;
	return rc;
}

/* Prints a finished job: its output, its messages, its error lines. */
static void emit(struct batch *b, struct job *j)
{
	struct cli *c = b->c;
	if (j->path && !j->not_started) {
		c->docs++;
		/* the text done: a document refused (too large for
		 * --max-memory) is read but not counted in the MB/s */
		if (!j->failed)
			c->bytes += j->bytes;
		c->failed += j->failed;
	}
	if (j->out && j->outlen) {
		/* in flight when the output failed, or failing now */
		int lost = c->write_failed;
		if (!lost && (fwrite(j->out, 1, j->outlen, c->out) != j->outlen ||
		              fflush(c->out) != 0)) {
			/* flushed a document at a time: one that was not
			 * written is known as such */
			/* a full disk or a closed reader: every later document
			 * would be lost the same way */
			c->write_failed = 1;
			c->write_errno = errno;
			atomic_store_explicit(&c->out_broken, 1,
			                      memory_order_relaxed);
			lost = 1;
		}
		if (lost) {
			char why[256];
			snprintf(why, sizeof(why), "not written: cannot write to "
			         "standard output: %s", strerror(c->write_errno));
			c->lost++;
			c->failed++;
			buf_printf(&j->msgs, "unmine: %s: %s\n", j->path, why);
			error_line(&j->errors, j->path, "write", why);
		}
	}
	if (j->msgs.len && !j->not_started) {
		if (c->progress)
			fputs("\r\033[K", stderr);
		fputs(j->msgs.data, stderr);
	}
	/* a line at a time (line-buffered): a write that fails is known at
	 * once, and said once */
	if (j->errors.len && c->errors && !c->errors_failed &&
	    put_errors(j->errors.data, c->errors) != 0) {
		c->errors_failed = 1;
		c->problems++;
		if (c->progress)
			fputs("\r\033[K", stderr);
		cli_say("unmine: %s: cannot write: %s; the failures after it are "
		        "on standard error only\n", c->errors_path, strerror(errno));
	}
	progress(b, 0);
	free_job(j);
}

/* Emits the finished jobs at the front of the window; called with the
 * lock held, which it lets go while it writes, so that workers finishing
 * other documents do not wait for the output. Returns the number of jobs
 * emitted: a caller about to wait calls it until it returns 0, since a job
 * may have finished while the lock was free. */
static size_t emit_ready(struct batch *b)
{
	struct job **ready = b->ready;
	size_t n = 0;
	for (;;) {
		struct job *j = b->ring[b->next_emit % b->window];
		if (b->next_emit == b->next_seq || !j || !j->done)
			break;
		b->ring[b->next_emit % b->window] = NULL;
		b->next_emit++;
		/* a message is done when queued and may be written before a
		 * worker reaches it: workers never go back to it */
		if (b->next_claim < b->next_emit)
			b->next_claim = b->next_emit;
		ready[n++] = j;
	}
	if (!n)
		return 0;
	/* the jobs taken out are the emitting thread's alone, and only it
	 * emits: the order holds */
	pthread_mutex_unlock(&b->lock);
	for (size_t k = 0; k < n; k++)
		emit(b, ready[k]);
	pthread_mutex_lock(&b->lock);
	return n;
}

static void *worker(void *arg)
{
	struct batch *b = arg;
	char *last_dir = NULL;
	void *alt = cli_crash_stack();
	pthread_mutex_lock(&b->lock);
	for (;;) {
		struct job *j;
		while (b->next_claim == b->next_seq && !b->closing)
			pthread_cond_wait(&b->work, &b->lock);
		if (b->next_claim == b->next_seq)
			break;
		j = b->ring[b->next_claim % b->window];
		b->next_claim++;
		if (!j->path)
			continue;     /* a message of the walk: nothing to do */
		pthread_mutex_unlock(&b->lock);
		run_job(b, j, &last_dir);
		pthread_mutex_lock(&b->lock);
		j->done = 1;
		pthread_cond_broadcast(&b->finished);
	}
	pthread_mutex_unlock(&b->lock);
	free(last_dir);
	cli_crash_stack_free(alt);
	return NULL;
}

struct batch *batch_new(struct cli *c, um_plugin_set *set)
{
	struct batch *b = calloc(1, sizeof(*b));
	if (!b)
		abort();
	b->c = c;
	b->set = set;
	b->threads = c->threads > 0 ? c->threads : 1;
	b->window = (size_t)b->threads * 4;
	b->ring = calloc(b->window, sizeof(*b->ring));
	b->ready = calloc(b->window, sizeof(*b->ready));
	if (!b->ring || !b->ready)
		abort();
	clock_gettime(CLOCK_MONOTONIC, &b->t0);
	b->last_progress = b->t0;
	if (b->threads > 1) {
		pthread_mutex_init(&b->lock, NULL);
		pthread_cond_init(&b->work, NULL);
		pthread_cond_init(&b->finished, NULL);
		budget_init(&b->mem, c->max_memory);
		b->tids = calloc((size_t)b->threads, sizeof(*b->tids));
		if (!b->tids)
			abort();
		for (int i = 0; i < b->threads; i++)
			if (pthread_create(&b->tids[i], NULL, worker, b) != 0) {
				fprintf(stderr, "unmine: cannot start a worker thread\n");
				exit(2);
			}
	}
	return b;
}

void batch_flush(struct batch *b)
{
	if (b->threads == 1)
		return;       /* every document is written as it is done */
	pthread_mutex_lock(&b->lock);
	while (emit_ready(b))
		;
	pthread_mutex_unlock(&b->lock);
}

/* Puts a job in the window, waiting for room. */
static void enqueue(struct batch *b, struct job *j)
{
	if (b->threads == 1) {
		if (j->path)
			run_job(b, j, &b->last_dir);
		emit(b, j);
		return;
	}
	pthread_mutex_lock(&b->lock);
	for (;;) {
		while (emit_ready(b))
			;
		if (b->next_seq - b->next_emit < b->window)
			break;
		pthread_cond_wait(&b->finished, &b->lock);
	}
	if (!j->path)
		j->done = 1;
	b->ring[b->next_seq % b->window] = j;
	b->next_seq++;
	pthread_cond_signal(&b->work);
	pthread_mutex_unlock(&b->lock);
}

/* A document's job, named path and written as rel, its output file given
 * mtime (NULL: none). */
static struct job *new_job(const char *path, const char *rel,
                           const struct timespec *mtime)
{
	struct job *j = calloc(1, sizeof(*j));
	if (!j || !(j->path = strdup(path)) || !(j->rel = strdup(rel)))
		abort();
	if (mtime) {
		j->mtime = *mtime;
		j->has_mtime = 1;
	}
	return j;
}

void batch_add(struct batch *b, const char *path, const char *rel,
               const struct timespec *mtime)
{
	enqueue(b, new_job(path, rel, mtime));
}

void batch_add_record(struct batch *b, const char *name, const char *rel,
                      const struct timespec *mtime, const char *data,
                      size_t len, const char *error)
{
	struct job *j = new_job(name, rel, mtime);
	if (error) {
		if (!(j->error = strdup(error)))
			abort();
	} else {
		/* the run's only copy: the caller's line is read over next */
		if (!(j->data = malloc(len ? len : 1)))
			abort();
		memcpy(j->data, data, len);
		j->len = len;
	}
	enqueue(b, j);
}

void batch_add_stream(struct batch *b, const char *path, const char *rel,
                      char *data, size_t len, const char *error)
{
	struct job *j = new_job(path, rel, NULL);
	j->whole = 1;
	if (error) {
		if (!(j->error = strdup(error)))
			abort();
		free(data);
	} else {
		j->data = data;
		j->len = len;
	}
	enqueue(b, j);
}

void batch_note(struct batch *b, const char *origin, const char *msg,
                const char *stage)
{
	struct job *j = calloc(1, sizeof(*j));
	if (!j)
		abort();
	buf_printf(&j->msgs, "unmine: %s: %s\n", origin, msg);
	if (stage)
		error_line(&j->errors, origin, stage, msg);
	enqueue(b, j);
}

void batch_end(struct batch *b)
{
	if (b->threads > 1) {
		pthread_mutex_lock(&b->lock);
		b->closing = 1;
		pthread_cond_broadcast(&b->work);
		while (b->next_emit < b->next_seq) {
			while (emit_ready(b))
				;
			if (b->next_emit < b->next_seq)
				pthread_cond_wait(&b->finished, &b->lock);
		}
		pthread_mutex_unlock(&b->lock);
		for (int i = 0; i < b->threads; i++)
			pthread_join(b->tids[i], NULL);
		pthread_mutex_destroy(&b->lock);
		pthread_cond_destroy(&b->work);
		pthread_cond_destroy(&b->finished);
		budget_destroy(&b->mem);
		free(b->tids);
	}
	progress(b, 1);
	free(b->last_dir);
	free(b->ring);
	free(b->ready);
	free(b);
}
