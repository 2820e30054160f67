/* The inputs of a run: paths, directories, lists and records, walked in
 * order and handed to the batch, each document once. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "batch.h"
#include "cli.h"
#include "inputs.h"
#include "lines.h"
#include "taken.h"

int inputs_is_stdin(const char *path, int streams_only)
{
	struct stat a, b;
	return !strcmp(path, "-") ||
	       (fstat(STDIN_FILENO, &a) == 0 &&
	        !(streams_only && S_ISREG(a.st_mode)) && stat(path, &b) == 0 &&
	        a.st_dev == b.st_dev && a.st_ino == b.st_ino);
}

static void walk_diag(void *ctx, const char *origin, const char *msg);

static void walk_note(struct run *r, const char *origin, const char *msg,
                      const char *stage);

/* What the run writes to the file of status st, or NULL. */
static const char *own_file(const struct run *r, const struct stat *st)
{
	for (int i = 0; i < r->nown; i++)
		if (r->own[i].dev == st->st_dev && r->own[i].ino == st->st_ino)
			return r->own[i].what;
	return NULL;
}

void inputs_add_own(struct run *r, int fd, const char *what)
{
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		r->own[r->nown].dev = st.st_dev;
		r->own[r->nown].ino = st.st_ino;
		r->own[r->nown++].what = what;
	}
}

int inputs_under(const char *real, const char *dir)
{
	size_t n = strlen(dir);
	return !strncmp(real, dir, n) &&
	       (real[n] == 0 || real[n] == '/' || (n == 1 && dir[0] == '/'));
}

/* Whether path, given as an input, is -o's directory or, when that lies
 * below the current directory, inside it: the outputs are not read
 * again. A walk leaves the directory out on its way; a path named outright
 * is looked at here. Writing into a directory that holds the current one
 * (-o . or -o ..), the inputs are below it too, and only the directory
 * itself is refused. */
static int in_outdir(const struct run *r, const char *path)
{
	char *real;
	int in;
	if (!r->outreal || !strcmp(path, "-") || !(real = realpath(path, NULL)))
		return 0;
	in = r->out_above ? !strcmp(real, r->outreal) : inputs_under(real, r->outreal);
	free(real);
	return in;
}

/* The shard of a document by its name below its input, the name of its
 * output (sub/a.txt for archive/sub/a.txt given as archive/, a listed
 * path made relative, a.jsonl/3 for a record): not by the path as
 * given, so that workers that reach the archive by other paths (./a and
 * a, other mount points) split it the same way, and two inputs given one
 * output name fall in one shard, whose run finds them. FNV-1a of its
 * bytes, then mixed (the splitmix64 finaliser): the low bits of FNV-1a
 * depend only on the low bits of the bytes, so that names differing in
 * one digit ("a.jsonl/1", "a.jsonl/3") would all fall in one of two
 * shards. */
static unsigned shard_of(const char *name, unsigned n)
{
	uint64_t h = cli_fnv1a(CLI_FNV_BASIS, name, strlen(name));
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return (unsigned)(h % n) + 1;
}

/* The path below the output directory of a document of a listed path:
 * the listed path made relative ("/data/A/1.txt" is data/A/1.txt, "../x"
 * is __/x), then the walk's own part for a directory. */
static char *listed_rel(const char *listed, const char *rel, int is_dir)
{
	size_t n = strlen(listed) + strlen(rel) + 8, k = 0;
	char *out = malloc(n);
	const char *p = listed;
	if (!out)
		abort();
	while (*p) {
		size_t len = strcspn(p, "/");
		if (len == 0 || (len == 1 && p[0] == '.')) {
			/* empty or "." component */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			memcpy(out + k, "__/", 3);
			k += 3;
		} else {
			memcpy(out + k, p, len);
			k += len;
			out[k++] = '/';
		}
		p += len + (p[len] == '/');
	}
	if (k)
		k--;              /* the last slash */
	out[k] = 0;
	if (is_dir)
		snprintf(out + k, n - k, "%s%s", k ? "/" : "", rel);
	return out;
}

static int wanted(struct cli *c, const char *name)
{
	return !c->shard_n || shard_of(name, c->shard_n) == c->shard_k;
}

/* A document's name below its input (rel from the walk), as its output
 * is named: for a path of --files-from, the listed path made relative;
 * *own is what to free. */
static const char *doc_rel(const struct run *r, const char *rel, char **own)
{
	*own = NULL;
	if (!r->prefix)
		return rel;
	*own = listed_rel(r->prefix, rel, r->prefix_dir);
	return *own;
}

static int is_stream(const char *path, const struct stat *st);

/* Why a path met through a list (st its status) is not a document: the
 * list names files, and a FIFO or a device there (find without -type f)
 * would be waited on for ever, as a walk knows; standard input holds the
 * list itself (/dev/stdin, or the list's file). NULL for a document. "-"
 * is standard input, as an argument. */
static const char *not_listed(const struct run *r, const char *path,
                              const struct stat *st)
{
	if (!r->prefix || !st || !strcmp(path, "-"))
		return NULL;
	if (r->list_on_stdin && r->stdin_known && st->st_dev == r->stdin_dev &&
	    st->st_ino == r->stdin_ino)
		return "standard input holds the list of paths; not read as a "
		       "document";
	if (is_stream(path, st))
		return "not a regular file or directory; skipped";
	return NULL;
}

static size_t add_records(struct run *r, const char *path, const char *rel,
                          int counting);

/* Whether path ends with suffix, in any case. */
static int ends_with(const char *path, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && !strncasecmp(path + n - k, suffix, k);
}

/* An input read as JSON Lines, a document a line: with -i jsonl, or by
 * its name (.jsonl, .ndjson, and either with .gz). */
static int is_records(const struct cli *c, const char *path)
{
	size_t n = strlen(path);
	if (c->read.format == UM_FMT_JSONL)
		return 1;
	if (c->read.format != UM_FMT_AUTO)
		return 0;
	if (ends_with(path, n, ".gz"))
		n -= 3;
	return ends_with(path, n, ".jsonl") || ends_with(path, n, ".ndjson");
}

/* The count so far on the progress line, at most four times a second:
 * counting a large archive (a network file system, millions of files,
 * records in large files) takes a while before the first document. */
static void say_count(struct run *r)
{
	if (r->said && cli_seconds_since(&r->said_at) < 0.25)
		return;
	r->said = 1;
	clock_gettime(CLOCK_MONOTONIC, &r->said_at);
	fprintf(stderr, "\runmine: counting the documents to do: %zu  ",
	        r->counted);
}

/* Why the count and the run leave path out (st its status, NULL when
 * unknown; rel its name below its input), or NULL to take it: the line
 * to say, *stage "walk" for a problem and NULL for an input left out on
 * purpose, or "" for a document of another shard, said nowhere. taken:
 * the documents taken so far, when a file may be met twice, else NULL.
 * msg: n bytes of room for the line. */
static const char *left_out(const struct run *r, const char *path,
                            const struct stat *st, const char *rel,
                            int records, struct files *taken,
                            const char **stage, char *msg, size_t n)
{
	const char *why;
	*stage = NULL;
	if (st && (why = own_file(r, st)) != NULL) {
		snprintf(msg, n, "is this run's %s; not read", why);
		/* named as an argument, a mistake; met in a directory or a
		 * list, left out as intended */
		if (r->named && !strcmp(path, r->named))
			*stage = "walk";
		return msg;
	}
	if (!records && !wanted(r->c, rel))
		return "";
	if ((why = not_listed(r, path, st)) != NULL) {
		*stage = "walk";
		return why;
	}
	/* the same file given again, or met again in a listed directory and
	 * by its own line of the list */
	if (taken && st && S_ISREG(st->st_mode) && taken_before(taken, st, rel))
		return "given again; read once";
	return NULL;
}

/* Counts path's documents, leaving out what inputs_add leaves out, so
 * that the total is what the run does. */
int inputs_count(void *ctx, const char *path, const char *rel)
{
	struct run *r = ctx;
	struct stat st;
	char *own, msg[128];
	const char *stage;
	int records = is_records(r->c, path);
	int have = strcmp(path, "-") && stat(path, &st) == 0;
	rel = doc_rel(r, rel, &own);
	if (!left_out(r, path, have ? &st : NULL, rel, records, r->counted_files,
	              &stage, msg, sizeof(msg))) {
		if (records)
			add_records(r, path, rel, 1);
		else
			r->counted++;
	}
	free(own);
	say_count(r);
	return cli_halted();
}

/* Standard input, or a pipe, FIFO or character device named as an input
 * (st its status, NULL for "-" or when unknown): read once, by the
 * walking thread, which a stop signal can interrupt. */
static int is_stream(const char *path, const struct stat *st)
{
	return !strcmp(path, "-") ||
	       (st && (S_ISFIFO(st->st_mode) || S_ISCHR(st->st_mode)));
}

/* A document from a stream: read here, then queued with its bytes. */
static void add_stream(struct run *r, const char *path, const char *rel)
{
	struct cli *c = r->c;
	size_t max = c->read.max_size ? c->read.max_size : UM_DEFAULT_MAX_SIZE;
	int from_stdin = !strcmp(path, "-"), err = 0, rc;
	int fd = from_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	char *data = NULL, msg[256];
	size_t len = 0;

	if (fd < 0) {
		snprintf(msg, sizeof(msg), "cannot open: %s", strerror(errno));
		batch_add_stream(r->batch, path, rel, NULL, 0, msg);
		return;
	}
	rc = read_stream(fd, max, &data, &len, &err);
	if (!from_stdin)
		close(fd);
	if (rc == 2)
		return;
	if (rc == 1)
		snprintf(msg, sizeof(msg), "document is over the size limit of "
		         "%zu bytes", max);
	else if (rc < 0)
		snprintf(msg, sizeof(msg), "cannot read: %s", strerror(err));
	batch_add_stream(r->batch, path, rel, data, len, rc ? msg : NULL);
}

/* The document name (a file, or a record FILE:LINE) would be given the
 * output of rel, which first has: said, a problem, nothing written; not
 * done, so taken off the total when it was counted. */
static void same_output(struct run *r, const char *name, const char *rel,
                        const char *first, int counted)
{
	struct cli *c = r->c;
	char *out = cli_output_path(c, rel);
	char *said = cli_xprintf("same output file as %s (%s); not written",
	                         first, out);
	c->problems++;
	atomic_store(&c->outputs_lost, 1);
	batch_note(r->batch, name, said, "write");
	if (c->total && counted)
		c->total--;
	free(out);
	free(said);
}

int inputs_add(void *ctx, const char *path, const char *rel)
{
	struct run *r = ctx;
	struct cli *c = r->c;
	char *own = NULL;
	int records = is_records(c, path);
	const char *why, *stage;
	char msg[128];
	/* the input's status, once, for all that follows */
	struct stat in;
	const struct stat *st = strcmp(path, "-") && stat(path, &in) == 0 ?
	                        &in : NULL;
	if (cli_halted())
		return 1;
	rel = doc_rel(r, rel, &own);
	if ((why = left_out(r, path, st, rel, records, r->read, &stage, msg,
	                    sizeof(msg))) != NULL) {
		if (*why)
			walk_note(r, path, why, stage);
		free(own);
		return 0;
	}
	if (r->outputs) {
		/* standard input's output is named stdin, as a file may be */
		const char *first = claim_output(r->outputs,
		                                 strcmp(rel, "-") ? rel : "stdin",
		                                 path, records);
		struct stat fst;
		char *line = NULL;
		if (!first && !records)
			first = line = record_named(r->outputs, rel);
		if (first && (!strcmp(first, path) ||
		              (st && stat(first, &fst) == 0 &&
		               fst.st_dev == st->st_dev && fst.st_ino == st->st_ino))) {
			/* the same file given twice (two lists that overlap,
			 * a and ./a): one document, counted once */
			walk_note(r, path, "given again; read once", NULL);
			free(own);
			free(line);
			return 0;
		}
		if (first) {
			same_output(r, path, rel, first, !records);
			free(line);
			free(own);
			return 0;
		}
	}
	if (records) {
		size_t lines = add_records(r, path, rel, 0);
		if (r->outputs)
			output_lines(r->outputs, strcmp(rel, "-") ? rel : "stdin",
			             lines);
		free(own);
		return cli_halted();
	}
	/* a stream cannot be compared with an output: it is always read */
	if (is_stream(path, st)) {
		add_stream(r, path, rel);
		free(own);
		return cli_halted();
	}
	if (c->resume && c->outdir) {
		if (cli_output_done(c, rel, st)) {
			c->skipped++;
			free(own);
			return 0;
		}
	}
	batch_add(r->batch, path, rel, st ? &st->st_mtim : NULL);
	free(own);
	return 0;
}

/* A line of the walk, said in its place in the order; with stage, a
 * problem (and a line of --errors), without, an input left out on
 * purpose (an output of this run, a file given again): no failure, and
 * nothing said under --quiet. */
static void walk_note(struct run *r, const char *origin, const char *msg,
                      const char *stage)
{
	if (stage)
		r->c->problems++;
	else if (r->c->quiet)
		return;
	if (r->batch)
		batch_note(r->batch, origin, msg, stage);
	else
		cli_say("unmine: %s: %s\n", origin, msg);
}

static void walk_diag(void *ctx, const char *origin, const char *msg)
{
	walk_note(ctx, origin, msg, "walk");
}

/* A file of JSON Lines records, or standard input: every line that is not
 * blank is a document, named PATH:LINE (stdin:LINE) and written as
 * OUT/REL/LINE.xml; --shard and --resume take each apart. Counting, only
 * the records to do are counted. */
/* Adds (or counts) the records of path; returns its number of lines. */
static size_t add_records(struct run *r, const char *path, const char *rel,
                          int counting)
{
	struct cli *c = r->c;
	int from_stdin = !strcmp(path, "-");
	size_t max = c->read.max_size ? c->read.max_size : UM_DEFAULT_MAX_SIZE;
	const char *base = from_stdin ? "stdin" : path;
	const char *rbase = from_stdin ? "stdin" : rel;
	struct lines l = { .cap = 65536 };
	struct stat in;
	const struct stat *file = NULL;
	const struct timespec *mtime = NULL;
	size_t lineno = 0, n;
	int err = 0, too_long, have_in;
	char *line;
	const char *owner;
	size_t owner_lines;
	int owner_records;

	/* a stream is read once, when the documents are added */
	if (counting) {
		have_in = !from_stdin && stat(path, &in) == 0;
		if (is_stream(path, have_in ? &in : NULL)) {
			r->uncounted = 1;
			return 0;
		}
	}
	/* not blocking: a FIFO with no writer yet is waited for by
	 * next_line's polls */
	l.fd = from_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (l.fd < 0) {
		if (!counting) {
			char msg[256];
			snprintf(msg, sizeof(msg), "cannot open: %s", strerror(errno));
			walk_note(r, path, msg, "read");
		}
		return 0;
	}
	have_in = !from_stdin && fstat(l.fd, &in) == 0;
	/* a file's time, given to the outputs of its records and compared
	 * by --resume; a stream's records are looked up by their line */
	if (have_in && S_ISREG(in.st_mode)) {
		file = &in;
		mtime = &in.st_mtim;
	}
	if (!(l.buf = malloc(l.cap)) || !(l.zin = malloc(ZIN)))
		abort();
	while ((line = next_line(&l, max, &n, &too_long, &err))) {
		char *name, *out_rel;
		lineno++;
		if (!too_long && blank(line, n))
			continue;
		if (counting && !c->shard_n) {
			if (++r->counted % 4096 == 0)
				say_count(r);
			continue;
		}
		out_rel = cli_xprintf("%s/%zu", rbase, lineno);
		if (counting || !wanted(c, out_rel)) {
			r->counted += counting && wanted(c, out_rel);
			free(out_rel);
			continue;
		}
		name = cli_xprintf("%s:%zu", base, lineno);
		if (r->outputs && (owner = output_owner(r->outputs, out_rel,
		                                        &owner_records,
		                                        &owner_lines)) != NULL &&
		    !owner_records) {
			/* a file of another input given this record's name */
			same_output(r, name, out_rel, owner, 1);
			free(name);
			free(out_rel);
			continue;
		}
		if (c->resume && c->outdir &&
		    cli_output_done(c, out_rel, file)) {
			c->skipped++;
			free(name);
			free(out_rel);
			continue;
		}
		if (too_long) {
			char msg[128];
			snprintf(msg, sizeof(msg), "record over the size limit of "
			         "%zu bytes; not read", max);
			batch_add_record(r->batch, name, out_rel, mtime, NULL, 0, msg);
		} else {
			batch_add_record(r->batch, name, out_rel, mtime, line, n,
			                 NULL);
		}
		free(name);
		free(out_rel);
	}
	if (err && !counting) {
		char msg[320];
		snprintf(msg, sizeof(msg), "cannot read: %s",
		         err == -1 ? l.zerr : strerror(err));
		/* as a file that cannot be read is, and not a walk's problem */
		walk_note(r, base, msg, "read");
	}
	free(l.buf);
	free(l.zin);
	um_gz_free(l.gz);
	if (!from_stdin)
		close(l.fd);
	return lineno;
}

/* One input named outright: walked, unless it is in -o's directory. */
static void visit_input(struct run *r, const char *path, um_walk_fn fn,
                        um_diag_fn report, int quiet_walk)
{
	if (in_outdir(r, path)) {
		static const char why[] = "in the output directory; not read (the "
		                          "outputs are not read again as inputs)";
		/* a line of a list (find over the tree that holds -o) is left
		 * out as intended; an argument is a mistake */
		if (!quiet_walk)
			walk_note(r, path, why, r->prefix ? NULL : "walk");
		return;
	}
	r->named = r->prefix ? NULL : path;
	um_walk_skip(path, r->c->outdir, fn, r, report, r);
	r->named = NULL;
}

/* Every input: the arguments, then the paths of --files-from, one per
 * line. */
void inputs_walk(struct run *r, char **args, int nargs, um_walk_fn fn,
                 int quiet_walk)
{
	struct cli *c = r->c;
	um_diag_fn report = quiet_walk ? NULL : walk_diag;
	for (int i = 0; i < nargs && !cli_halted(); i++)
		visit_input(r, args[i], fn, report, quiet_walk);
	if (c->files_from) {
		int from_stdin = !strcmp(c->files_from, "-");
		struct stat st;
		struct lines l = { .cap = 65536, .nul = c->null_list };
		char *line;
		int err = 0;
		/* a list on standard input, a pipe or a FIFO is read once: it
		 * is not counted */
		if (quiet_walk && (from_stdin || stat(c->files_from, &st) != 0 ||
		                   !S_ISREG(st.st_mode))) {
			r->uncounted = 1;
			return;
		}
		/* not blocking: a FIFO with no writer yet is waited for by
		 * next_line's polls, which a stop signal ends */
		l.fd = from_stdin ? 0 : open(c->files_from, O_RDONLY | O_CLOEXEC |
		                                            O_NONBLOCK);
		if (l.fd < 0) {
			if (!quiet_walk)
				walk_diag(r, c->files_from, strerror(errno));
			return;
		}
		if (!(l.buf = malloc(l.cap)))
			abort();
		size_t len, lineno = 0;
		int too_long;
		const char *list = from_stdin ? "standard input" : c->files_from;
		char why[128];
		/* a path is at most PATH_MAX (4096) bytes, and a line of more
		 * than 65536 cannot be one: it is dropped as it is read, so
		 * that a list without line ends cannot fill the memory */
		while ((line = next_line(&l, 65536, &len, &too_long, &err))) {
			lineno++;
			if (too_long) {
				if (!quiet_walk)
					walk_diag(r, list, l.nul ? "a path of more than 65536 "
					          "bytes in the list of paths; not read" :
					          "a line of more than 65536 bytes in the list "
					          "of paths (a list of find -print0 needs -0); "
					          "not read");
				continue;
			}
			/* no path holds a NUL byte: a list of find -print0 read
			 * by lines, whose paths would be lost but the first */
			if (!l.nul && memchr(line, 0, len)) {
				if (!quiet_walk) {
					snprintf(why, sizeof(why), "line %zu of the list of "
					         "paths holds a NUL byte, as a list of find "
					         "-print0 does (give -0); not read", lineno);
					walk_diag(r, list, why);
				}
				continue;
			}
			if (!*line)
				continue;
			if (r->list_on_stdin && !strcmp(line, "-")) {
				if (!quiet_walk)
					walk_diag(r, "-", "standard input holds the list of "
					          "paths; not read as a document");
				continue;
			}
			r->prefix = line;
			r->prefix_dir = stat(line, &st) == 0 && S_ISDIR(st.st_mode);
			visit_input(r, line, fn, report, quiet_walk);
			r->prefix = NULL;
		}
		if (err && !quiet_walk)
			walk_diag(r, from_stdin ? "standard input" : c->files_from,
			          strerror(err));
		free(l.buf);
		if (!from_stdin)
			close(l.fd);
	}
}
