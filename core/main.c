/* unmine: the command-line tool. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
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
#include "mtime.h"

enum {
	OPT_ELEMENTS = 256, OPT_LANG, OPT_MAX_SIZE, OPT_STATS, OPT_TAXONOMY,
	OPT_FILES_FROM, OPT_SHARD, OPT_RESUME, OPT_ERRORS, OPT_MAX_MEMORY,
	OPT_EXIT_ZERO
};

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "plugins", required_argument, NULL, 'p' },
	{ "plugin-path", required_argument, NULL, 'P' },
	{ "option", required_argument, NULL, 'O' },
	{ "input-format", required_argument, NULL, 'i' },
	{ "elements", required_argument, NULL, OPT_ELEMENTS },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "max-doc-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "max-memory", required_argument, NULL, OPT_MAX_MEMORY },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "taxonomy", required_argument, NULL, OPT_TAXONOMY },
	{ "jobs", required_argument, NULL, 'j' },
	{ "files-from", required_argument, NULL, OPT_FILES_FROM },
	{ "null", no_argument, NULL, '0' },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "resume", no_argument, NULL, OPT_RESUME },
	{ "errors", required_argument, NULL, OPT_ERRORS },
	{ "exit-zero", no_argument, NULL, OPT_EXIT_ZERO },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
/* A new string (aborts when memory runs out). */
static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("unmine: ", stderr);
	va_start(ap, fmt);
	cli_vsay(fmt, ap);
	va_end(ap);
	fputs("Try 'unmine --help'.\n", stderr);
	exit(2);
}

static void diag(void *ctx, const char *origin, const char *msg)
{
	struct cli *c = ctx;
	c->problems++;
	cli_say("unmine: %s: %s\n", origin, msg);
}

/* What the scan of the plugin path said, kept until it is known whether
 * a file that did not load was needed. */
struct scan_notes {
	char **lines;
	size_t n;
};

static void scan_note(void *ctx, const char *origin, const char *msg)
{
	struct scan_notes *s = ctx;
	size_t len = strlen(origin) + strlen(msg) + 3;
	char *line = malloc(len);
	char **more = realloc(s->lines, (s->n + 1) * sizeof(*s->lines));
	if (!line || !more)
		abort();
	snprintf(line, len, "%s: %s", origin, msg);
	s->lines = more;
	s->lines[s->n++] = line;
}

/* Prints the notes: as problems, or, when -p named the plugins and all
 * were found, as warnings (a file that does not load is then not one of
 * them). */
static void scan_report(struct cli *c, struct scan_notes *s, int warn)
{
	for (size_t i = 0; i < s->n; i++) {
		if (warn) {
			cli_say("unmine: %s (not loaded; not one of the "
			        "plugins asked for)\n", s->lines[i]);
		} else {
			c->problems++;
			cli_say("unmine: %s\n", s->lines[i]);
		}
		free(s->lines[i]);
	}
	free(s->lines);
	s->lines = NULL;
	s->n = 0;
}

/* A number of digits alone, 1 to max, into *ret; -1 otherwise (signs,
 * spaces and overflow included). */
static int parse_count(const char *s, const char *end, unsigned max,
                       unsigned *ret)
{
	unsigned long v = 0;
	if (s == end || end - s > 7)
		return -1;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (v < 1 || v > max)
		return -1;
	*ret = (unsigned)v;
	return 0;
}

/* --shard K/N: 0, or -1 for anything but 1 <= K <= N <= 1000000. */
static int parse_shard(const char *s, unsigned *ret_k, unsigned *ret_n)
{
	const char *slash = strchr(s, '/');
	unsigned k, n;
	if (!slash || parse_count(s, slash, 1000000, &k) ||
	    parse_count(slash + 1, slash + strlen(slash), 1000000, &n) || k > n)
		return -1;
	*ret_k = k;
	*ret_n = n;
	return 0;
}

static void parse_args(struct cli *c, int argc, char **argv)
{
	int opt;
	char *list, *tok, *save;
	size_t n;

	while ((opt = getopt_long(argc, argv, "o:f:p:P:O:i:j:qhV0", long_options,
	                          NULL)) != -1) {
		switch (opt) {
		case 'o':
			/* -o "$OUT" with OUT unset would be the root */
			if (!*optarg)
				usage_error("%s", "-o wants a directory name, not an "
				            "empty one");
			/* out/ and out name the same files: out/x.txt.xml, not
			 * out//x.txt.xml (the root stays /) */
			for (size_t k = strlen(optarg); k > 1 && optarg[k - 1] == '/'; k--)
				optarg[k - 1] = '\0';
			c->outdir = optarg;
			break;
		case 'f':
			if (um_output_parse(optarg, &c->output))
				usage_error("unknown output format '%s' (xml, standoff, "
				            "jsonl, edges)",
				            optarg);
			break;
		case 'p':
			c->plugins = optarg;
			break;
		case 'P':
			cli_split_path(optarg, &c->plugin_path, &c->nplugin_path);
			break;
		case 'O':
			c->settings = realloc(c->settings,
			                      (c->nsettings + 1) * sizeof(char *));
			if (!c->settings)
				abort();
			c->settings[c->nsettings++] = optarg;
			break;
		case 'i':
			if (um_format_parse(optarg, &c->read.format))
				usage_error("unknown input format '%s' (auto, txt, xml, "
				            "html, jsonl)", optarg);
			break;
		case OPT_ELEMENTS:
			/* given again, it adds to the list */
			list = xprintf("%s", optarg);
			for (n = 0; c->elements && c->elements[n]; n++)
				;
			save = NULL;
			for (tok = strtok_r(list, ",", &save); tok;
			     tok = strtok_r(NULL, ",", &save)) {
				c->elements = realloc(c->elements, (n + 2) * sizeof(char *));
				if (!c->elements)
					abort();
				c->elements[n++] = xprintf("%s", tok);
				c->elements[n] = NULL;
			}
			free(list);
			c->read.elements = (const char *const *)c->elements;
			break;
		case OPT_LANG:
			c->read.language = optarg;
			break;
		case OPT_MAX_SIZE:
			/* a document's text is at most 4 GiB - 1 bytes */
			if (cli_parse_size(optarg, 0, &c->read.max_size) ||
			    c->read.max_size > UINT32_MAX)
				usage_error("bad size '%s' (e.g. 512K, 64M, 2G; at most "
				            "4G - 1, the most text a document holds)",
				            optarg);
			break;
		case OPT_MAX_MEMORY:
			/* 0 (0K, 00...) is no limit */
			if (cli_parse_size(optarg, 1, &c->max_memory))
				usage_error("bad size '%s' (e.g. 512M, 8G, or 0 for no "
				            "limit)", optarg);
			c->max_memory_given = 1;
			break;
		case OPT_STATS:
			c->stats = 1;
			break;
		case 'j': {
			char *end;
			long jobs = strtol(optarg, &end, 10);
			if (*end || jobs < 1 || jobs > 1024)
				usage_error("bad number of jobs '%s' (1 to 1024)", optarg);
			c->threads = (int)jobs;
			break;
		}
		case OPT_FILES_FROM:
			if (!*optarg)
				usage_error("%s", "--files-from wants a file name (or - "
				            "for standard input), not an empty one");
			c->files_from = optarg;
			break;
		case '0':
			c->null_list = 1;
			break;
		case OPT_SHARD: {
			unsigned k, of;
			if (parse_shard(optarg, &k, &of))
				usage_error("bad shard '%s' (K/N, 1 <= K <= N, N at "
				            "most 1000000)", optarg);
			c->shard_k = k;
			c->shard_n = of;
			break;
		}
		case OPT_RESUME:
			c->resume = 1;
			break;
		case OPT_ERRORS:
			if (!strcmp(optarg, "-"))
				usage_error("%s", "--errors wants a file name; standard "
				            "output holds the documents and standard "
				            "error the messages");
			if (!*optarg)
				usage_error("%s", "--errors wants a file name, not an "
				            "empty one");
			c->errors_path = optarg;
			break;
		case OPT_EXIT_ZERO:
			c->exit_zero = 1;
			break;
		case OPT_TAXONOMY:
			/* the themes plugin's option, said the short way */
			if (c->taxonomy)
				usage_error("--taxonomy given twice");
			c->taxonomy = malloc(strlen(optarg) + sizeof("themes.taxonomy="));
			if (!c->taxonomy)
				abort();
			strcpy(c->taxonomy, "themes.taxonomy=");
			strcat(c->taxonomy, optarg);
			c->settings = realloc(c->settings,
			                      (c->nsettings + 1) * sizeof(char *));
			if (!c->settings)
				abort();
			c->settings[c->nsettings++] = c->taxonomy;
			break;
		case 'q':
			c->quiet = 1;
			um_set_log_level(UM_LOG_ERROR);
			break;
		case 'h':
			cli_usage(stdout);
			exit(0);
		case 'V':
			printf("unmine %s (plugin ABI %d.%d)\n", PACKAGE_VERSION,
			       UM_ABI_MAJOR, UM_ABI_MINOR);
			exit(0);
		default:
			fputs("Try 'unmine --help'.\n", stderr);
			exit(2);
		}
	}
}

/* Loads, selects, orders, configures and starts the plugins; exits 2 on a
 * setup error. */
static um_plugin_set *setup_plugins(struct cli *c, int listing)
{
	um_plugin_set *set = um_plugin_set_new();
	char **dirs = NULL, err[1024];
	size_t ndirs = 0, i;
	const char *env = getenv("UNMINE_PLUGIN_PATH");
	int strict = c->plugins && strcmp(c->plugins, "all") != 0;
	struct scan_notes notes = { NULL, 0 };

	if (!listing && c->plugins && !strcmp(c->plugins, "none"))
		return set;
	for (i = 0; i < c->nplugin_path; i++)
		cli_split_path(c->plugin_path[i], &dirs, &ndirs);
	if (env)
		cli_split_path(env, &dirs, &ndirs);
	cli_split_path(UM_PLUGIN_DIR, &dirs, &ndirs);
	um_plugin_set_scan(set, (const char *const *)dirs, ndirs, scan_note,
	                   &notes);
	for (i = 0; i < ndirs; i++)
		free(dirs[i]);
	free(dirs);
	if (listing)
		strict = 0;
	if (um_plugin_set_select(set, listing ? NULL : c->plugins, err,
	                         sizeof(err))) {
		scan_report(c, &notes, 0);
		goto fail;
	}
	scan_report(c, &notes, strict);
	if (um_plugin_set_resolve(set, strict, diag, c, err, sizeof(err)) < 0)
		goto fail;
	if (listing)
		return set;
	for (i = 0; i < c->nsettings; i++)
		if (um_plugin_set_option(set, c->settings[i], err, sizeof(err)))
			goto fail;
	if (um_plugin_set_init(set, err, sizeof(err)))
		goto fail;
	return set;
fail:
	cli_say("unmine: %s\n", err);
	um_plugin_set_free(set);
	exit(2);
}

/* The signal that stops the run (SIGINT or SIGTERM), 0 while none came:
 * an atomic, lock-free int, which the handler may set and the workers
 * read from other threads. */
static atomic_int interrupted;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a signal handler sets it");

static void on_stop_signal(int sig)
{
	static const char now[] = "\nunmine: stopped at once (a second "
	                          "signal); the documents in flight are lost\n";
	/* a second one: the user will not wait for the documents in
	 * flight (--resume does them); the signal's own death, so that the
	 * status says which */
	if (atomic_load_explicit(&interrupted, memory_order_relaxed)) {
		ssize_t w = write(STDERR_FILENO, now, sizeof(now) - 1);
		(void)w;
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	atomic_store_explicit(&interrupted, sig, memory_order_relaxed);
}

/* Stops on sig with on_stop_signal, system calls restarted (output in
 * flight is not cut short), unless the signal is ignored, as a shell
 * leaves SIGINT for a job it starts in the background. */
static void catch_stop(int sig)
{
	struct sigaction sa, old;
	if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static int stopped(void)
{
	return atomic_load_explicit(&interrupted, memory_order_relaxed);
}

/* The run's output stream failed (set by the batch): what is left is not
 * read. */
static const atomic_int *out_broken;

/* Nothing more is to be read: a stop signal came, or the output failed. */
static int halted(void)
{
	return stopped() ||
	       (out_broken && atomic_load_explicit(out_broken,
	                                           memory_order_relaxed));
}

/* The output names given so far, when two inputs could be given the
 * same one: "a/x.txt" and "b/x.txt" both become OUT/x.txt.xml. Each
 * entry holds the name (rel) and, after its NUL, the input's path, and
 * after that one's NUL, 'f' for a file, or for a file of records (whose
 * outputs, REL/LINE, are not kept one by one) 'r' and its number of
 * lines once they are read. */
struct outputs {
	char **slot;
	size_t mask, n;
};

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
static int is_stdin(const char *path, int streams_only)
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

static void add_own(struct run *r, int fd, const char *what)
{
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		r->own[r->nown].dev = st.st_dev;
		r->own[r->nown].ino = st.st_ino;
		r->own[r->nown++].what = what;
	}
}

/* Whether real (a resolved path) is the directory dir or inside it. */
static int under(const char *real, const char *dir)
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
	in = r->out_above ? !strcmp(real, r->outreal) : under(real, r->outreal);
	free(real);
	return in;
}

static uint64_t fnv1a(const char *s)
{
	return cli_fnv1a(CLI_FNV_BASIS, s, strlen(s));
}

/* The slot of output name rel: its entry, or an empty one. */
static size_t output_slot(const struct outputs *o, const char *rel)
{
	size_t i = (size_t)fnv1a(rel) & o->mask;
	while (o->slot[i] && strcmp(o->slot[i], rel))
		i = (i + 1) & o->mask;
	return i;
}

/* The input that was given the output name rel, or NULL; *records set
 * when it is a file of records, and *lines to its number of lines. */
static const char *output_owner(const struct outputs *o, const char *rel,
                                int *records, size_t *lines)
{
	const char *e = o->slot[output_slot(o, rel)], *path, *kind;
	*records = 0;
	*lines = 0;
	if (!e)
		return NULL;
	path = e + strlen(e) + 1;
	kind = path + strlen(path) + 1;
	if (*kind == 'r') {
		*records = 1;
		*lines = (size_t)strtoull(kind + 1, NULL, 10);
	}
	return path;
}

/* The file of records given the output name rel has lines lines. */
static void output_lines(struct outputs *o, const char *rel, size_t lines)
{
	char *e = o->slot[output_slot(o, rel)], *kind;
	if (!e)
		return;
	kind = e + strlen(e) + 1;
	kind += strlen(kind) + 1;
	if (*kind == 'r')
		snprintf(kind + 1, 21, "%zu", lines);
}

/* Records that path's output is rel (records: path is a file of
 * records); NULL, or the path of the input that was given the name
 * first. */
static const char *claim_output(struct outputs *o, const char *rel,
                                const char *path, int records)
{
	size_t i = output_slot(o, rel), nr = strlen(rel) + 1, np = strlen(path) + 1;
	if (o->slot[i])
		return o->slot[i] + strlen(o->slot[i]) + 1;
	if (!(o->slot[i] = malloc(nr + np + (records ? 22 : 2))))
		abort();
	memcpy(o->slot[i], rel, nr);
	memcpy(o->slot[i] + nr, path, np);
	o->slot[i][nr + np] = records ? 'r' : 'f';
	o->slot[i][nr + np + 1] = '\0';
	if (++o->n * 2 > o->mask + 1) {
		struct outputs g = { calloc((o->mask + 1) * 2, sizeof(char *)),
		                     (o->mask + 1) * 2 - 1, o->n };
		if (!g.slot)
			abort();
		for (size_t k = 0; k <= o->mask; k++)
			if (o->slot[k])
				g.slot[output_slot(&g, o->slot[k])] = o->slot[k];
		free(o->slot);
		*o = g;
	}
	return NULL;
}

/* A file named as a line of a file of records whose output name is its
 * directory's (rel "r.jsonl/2" beside the records of r.jsonl) would be
 * given a record's output: that record's name ("PATH:2", malloc'ed), or
 * NULL. */
static char *record_named(const struct outputs *o, const char *rel)
{
	const char *slash = strrchr(rel, '/'), *d, *owner;
	char *dir;
	size_t lines;
	int records;
	if (!slash || slash[1] < '1' || slash[1] > '9' || strlen(slash + 1) > 19)
		return NULL;
	for (d = slash + 1; *d; d++)
		if (*d < '0' || *d > '9')
			return NULL;
	dir = xprintf("%.*s", (int)(slash - rel), rel);
	owner = output_owner(o, dir, &records, &lines);
	free(dir);
	return owner && records && strtoull(slash + 1, NULL, 10) <= lines ?
	       xprintf("%s:%s", owner, slash + 1) : NULL;
}

static void outputs_free(struct outputs *o)
{
	if (!o)
		return;
	for (size_t k = 0; k <= o->mask; k++)
		free(o->slot[k]);
	free(o->slot);
	free(o);
}

/* The documents a run has taken, by their name below their input (rel)
 * and their file's device and inode, when a file may be met again
 * (several inputs, a list: find lists a directory and then its files):
 * one met again under the same name is the same document, read once, as
 * under -o; hard links under other names stay two documents. Kept by a
 * run without -o, and by the count of the documents to do. 24 bytes a
 * document in a table a quarter to half full. */
struct files {
	struct file_id {
		dev_t dev;
		ino_t ino;
		uint64_t name;        /* FNV-1a of rel */
	} *slot;
	size_t mask, n;
};

static size_t file_slot(const struct files *f, const struct file_id *id)
{
	uint64_t h = ((uint64_t)id->dev * 0x9E3779B97F4A7C15ULL) ^
	             (uint64_t)id->ino ^ id->name;
	size_t i;
	h = (h ^ (h >> 31)) * 0xbf58476d1ce4e5b9ULL;
	for (i = (size_t)(h ^ (h >> 29)) & f->mask;
	     f->slot[i].ino && (f->slot[i].dev != id->dev ||
	                        f->slot[i].ino != id->ino ||
	                        f->slot[i].name != id->name);
	     i = (i + 1) & f->mask)
		;
	return i;
}

static struct files *files_new(void)
{
	struct files *f = calloc(1, sizeof(*f));
	if (!f || !(f->slot = calloc(1024, sizeof(*f->slot))))
		abort();
	f->mask = 1023;
	return f;
}

/* Records the document rel of the file of status st (a regular file, so
 * its inode is not 0): 1 if it was taken before, else 0. */
static int taken_before(struct files *f, const struct stat *st,
                        const char *rel)
{
	struct file_id id = { st->st_dev, st->st_ino, fnv1a(rel) };
	size_t i = file_slot(f, &id);
	if (f->slot[i].ino)
		return 1;
	f->slot[i] = id;
	if (++f->n * 2 > f->mask + 1) {
		struct files g = { calloc((f->mask + 1) * 2, sizeof(*g.slot)),
		                   (f->mask + 1) * 2 - 1, f->n };
		if (!g.slot)
			abort();
		for (size_t k = 0; k <= f->mask; k++)
			if (f->slot[k].ino)
				g.slot[file_slot(&g, &f->slot[k])] = f->slot[k];
		free(f->slot);
		*f = g;
	}
	return 0;
}

static void files_free(struct files *f)
{
	if (f)
		free(f->slot);
	free(f);
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
	uint64_t h = fnv1a(name);
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

/* Counts path's documents, leaving out what add_file leaves out, so
 * that the total is what the run does. */
static int count_file(void *ctx, const char *path, const char *rel)
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
	return halted();
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

/* --resume: the output of rel is there, whole, and has the modification
 * time the input had when it was read, which the output was given; the
 * input's status is in (NULL when unknown: standard input). An input
 * changed since has another time, whatever it is: edited after it was
 * read, or put back with an older time (rsync -a, cp -p, tar). */
static int output_done(const struct cli *c, const char *rel,
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

static ssize_t poll_read(int fd, char *dst, size_t room, int *err);
/* The run's batch while inputs are read: poll_read writes its finished
 * documents when it is about to wait. */
static struct batch *waiting_batch;

/* Standard input, or a pipe, FIFO or character device named as an input
 * (st its status, NULL for "-" or when unknown): read once, by the
 * walking thread, which a stop signal can interrupt. */
static int is_stream(const char *path, const struct stat *st)
{
	return !strcmp(path, "-") ||
	       (st && (S_ISFIFO(st->st_mode) || S_ISCHR(st->st_mode)));
}

/* Reads a stream to its end into *ret (malloc'ed, *ret_len bytes): 0;
 * 1 over max bytes (what is left is not read); -1 on a read error (errno
 * in *err); 2 when the run was stopped. */
static int read_stream(int fd, size_t max, char **ret, size_t *ret_len,
                       int *err)
{
	size_t cap = 65536, len = 0;
	char *buf = malloc(cap);
	if (!buf)
		abort();
	for (;;) {
		ssize_t n;
		if (halted()) {
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

static int add_file(void *ctx, const char *path, const char *rel)
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
	if (halted())
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
			char *out = cli_output_path(c, rel);
			char *said = xprintf("same output file as %s (%s); not written",
			                     first, out);
			free(out);
			free(line);
			c->problems++;
			atomic_store(&c->outputs_lost, 1);
			batch_note(r->batch, path, said, "write");
			free(said);
			free(own);
			if (c->total && !records)
				c->total--;       /* counted, not done */
			return 0;
		}
	}
	if (records) {
		size_t lines = add_records(r, path, rel, 0);
		if (r->outputs)
			output_lines(r->outputs, strcmp(rel, "-") ? rel : "stdin",
			             lines);
		free(own);
		return halted();
	}
	/* a stream cannot be compared with an output: it is always read */
	if (is_stream(path, st)) {
		add_stream(r, path, rel);
		free(own);
		return halted();
	}
	if (c->resume && c->outdir) {
		if (output_done(c, rel, st)) {
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

/* The lines of a list of paths or of JSON Lines records, read from a
 * file descriptor. A read blocked on a pipe would go on after SIGINT or
 * SIGTERM (the handler lets system calls restart, so that output in
 * flight is not cut short): the reader waits for input at most a tenth of
 * a second at a time and then looks whether the run was stopped. */
struct lines {
	int fd;
	char *buf;
	size_t start, len, cap;
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

#define ZIN 65536

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
		if (!l->decided && (avail >= 3 || l->zeof)) {
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

/* The next line without its end (nor a '\r' before it), its length in
 * *ret_len; NULL at the end of the input, after a stop signal, or on an
 * error, whose errno goes in *err (-1: l->zerr says what is wrong with
 * the gzip data). With max nonzero, a line of more than
 * max bytes is not kept: it is returned empty, with *too_long set. */
static char *next_line(struct lines *l, size_t max, size_t *ret_len,
                       int *too_long, int *err)
{
	*too_long = 0;
	for (;;) {
		char *nl = memchr(l->buf + l->start, l->nul ? 0 : '\n',
		                  l->len - l->start);
		char *line = l->buf + l->start;
		ssize_t n;
		if (nl || (l->eof && (l->len > l->start || l->skipping))) {
			char *end = nl ? nl : l->buf + l->len;
			l->start = nl ? (size_t)(nl - l->buf) + 1 : l->len;
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
		if (l->eof || halted())
			return NULL;
		/* over max, and over max with the CR of a CR LF, which may be
		 * all the read has brought of the line end yet */
		if (max && l->len - l->start > max + 1) {
			l->skipping = 1;      /* what there is of it goes */
			l->start = l->len;
		}
		/* keep the partial line, at the front, with room after it */
		memmove(l->buf, line, l->len - l->start);
		l->len -= l->start;
		l->start = 0;
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

static char *xprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(s = malloc((size_t)n + 1)))
		abort();
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
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
		out_rel = xprintf("%s/%zu", rbase, lineno);
		if (counting || !wanted(c, out_rel)) {
			r->counted += counting && wanted(c, out_rel);
			free(out_rel);
			continue;
		}
		name = xprintf("%s:%zu", base, lineno);
		if (r->outputs && (owner = output_owner(r->outputs, out_rel,
		                                        &owner_records,
		                                        &owner_lines)) != NULL &&
		    !owner_records) {
			/* a file of another input given this record's name */
			char *out = cli_output_path(c, out_rel);
			char *said = xprintf("same output file as %s (%s); not written",
			                     owner, out);
			c->problems++;
			atomic_store(&c->outputs_lost, 1);
			batch_note(r->batch, name, said, "write");
			if (c->total)
				c->total--;
			free(out);
			free(said);
			free(name);
			free(out_rel);
			continue;
		}
		if (c->resume && c->outdir &&
		    output_done(c, out_rel, file)) {
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
static void walk_inputs(struct run *r, char **args, int nargs,
                        um_walk_fn fn, int quiet_walk)
{
	struct cli *c = r->c;
	um_diag_fn report = quiet_walk ? NULL : walk_diag;
	for (int i = 0; i < nargs && !halted(); i++)
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

static void cli_free(struct cli *c)
{
	size_t i;
	for (i = 0; i < c->nplugin_path; i++)
		free(c->plugin_path[i]);
	free(c->plugin_path);
	free(c->settings);
	free(c->taxonomy);
	if (c->elements) {
		for (i = 0; c->elements[i]; i++)
			free(c->elements[i]);
		free(c->elements);
	}
}

int main(int argc, char **argv)
{
	struct cli c;
	struct run run;
	um_plugin_set *plugins;
	struct timespec t0;
	int status;

	memset(&c, 0, sizeof(c));
	c.output = UM_OUT_XML;
	c.out = stdout;
	parse_args(&c, argc, argv);
	if (!c.max_memory_given)
		c.max_memory = cli_default_max_memory();
	if (optind < argc && !strcmp(argv[optind], "plugins")) {
		um_plugin_set *set;
		if (optind + 1 != argc)
			usage_error("'plugins' takes no paths: %s", argv[optind + 1]);
		set = setup_plugins(&c, 1);
		cli_list_plugins(set, stdout);
		um_plugin_set_free(set);
		cli_free(&c);
		return c.problems ? 1 : 0;
	}
	if (optind >= argc && !c.files_from)
		usage_error("%s", "no input paths (use - for standard input)");
	if (c.null_list && !c.files_from)
		usage_error("%s", "--null is for the list of --files-from");
	{
		int from_stdin = 0;
		for (int i = optind; i < argc; i++)
			from_stdin += is_stdin(argv[i], 1);
		if (from_stdin && c.files_from && is_stdin(c.files_from, 0))
			usage_error("%s", "standard input can hold a document (-) or "
			            "the list of paths (--files-from -), not both");
		if (from_stdin > 1)
			usage_error("%s", "standard input is named twice (- or "
			            "/dev/stdin): it can be read once");
	}

	/* a list that cannot be read is a mistake in the command, as a bad
	 * option is: found before anything is done (a FIFO is not opened,
	 * which would let its writer go on to an end already closed) */
	if (c.files_from && strcmp(c.files_from, "-")) {
		struct stat st;
		int fd = -1;
		const char *why = stat(c.files_from, &st) != 0 ? strerror(errno) :
		                  S_ISDIR(st.st_mode) ? strerror(EISDIR) : NULL;
		if (!why && S_ISREG(st.st_mode)) {
			if ((fd = open(c.files_from, O_RDONLY | O_CLOEXEC)) < 0)
				why = strerror(errno);
			else
				close(fd);
		}
		if (why) {
			cli_say("unmine: %s: cannot read the list of paths: %s\n",
			        c.files_from, why);
			cli_free(&c);
			return 2;
		}
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&run, 0, sizeof(run));
	run.c = &c;
	run.list_on_stdin = c.files_from && is_stdin(c.files_from, 0);
	if (run.list_on_stdin) {
		struct stat s0;
		run.stdin_known = fstat(STDIN_FILENO, &s0) == 0;
		run.stdin_dev = run.stdin_known ? s0.st_dev : 0;
		run.stdin_ino = run.stdin_known ? s0.st_ino : 0;
	}
	if (c.resume && !c.outdir)
		usage_error("%s", "--resume needs -o DIR");
	if (!c.threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		c.threads = n > 0 ? (int)(n < 64 ? n : 64) : 1;
	}
	c.progress = !c.quiet && isatty(STDERR_FILENO);
	plugins = setup_plugins(&c, 0);
	/* made now, so that a walk through an input that holds it leaves it
	 * out (the outputs are not read again as inputs) */
	if (c.outdir && cli_make_dir(c.outdir) != 0) {
		cli_say("unmine: cannot create %s: %s\n", c.outdir,
		        strerror(errno));
		um_plugin_set_free(plugins);
		cli_free(&c);
		return 2;
	}
	/* An output directory holds files of one set of settings: a run
	 * with others (a resumed one, or one over part of the inputs) would
	 * leave files of two kinds side by side. */
	if (c.outdir) {
		char *text = cli_settings_text(&c, plugins), err[2048];
		int rc = cli_claim_settings(&c, text, err, sizeof(err));
		free(text);
		if (rc != 0) {
			cli_say("unmine: %s\n", err);
			um_plugin_set_free(plugins);
			cli_free(&c);
			return 2;
		}
	}
	/* the times the outputs were given are kept at this precision */
	if (c.resume)
		c.time_step = mtime_step(c.outdir);
	/* opened (emptied) once nothing can stop the run before it starts */
	if (c.errors_path && !(c.errors = fopen(c.errors_path, "w"))) {
		cli_say("unmine: %s: %s\n", c.errors_path, strerror(errno));
		um_plugin_set_free(plugins);
		cli_free(&c);
		return 2;
	}
	/* a line at a time, so that it can be followed, and holds what was
	 * said when the run is killed */
	if (c.errors)
		setvbuf(c.errors, NULL, _IOLBF, 0);
	if (!c.outdir)
		add_own(&run, STDOUT_FILENO, "standard output");
	if (c.errors)
		add_own(&run, fileno(c.errors), "--errors file");
	if (c.outdir && (run.outreal = realpath(c.outdir, NULL)) != NULL) {
		char *here = realpath(".", NULL);
		run.out_above = here && under(here, run.outreal);
		free(here);
	}
	if (!c.outdir && (c.output == UM_OUT_EDGES ?
	                  um_write_edges_header(c.out) :
	                  c.output == UM_OUT_JSONL ? 0 :
	                  um_write_begin(c.out, "corpus")) != 0) {
		fprintf(stderr, "unmine: cannot write to standard output\n");
		if (c.errors)
			fclose(c.errors);
		free(run.outreal);
		um_plugin_set_free(plugins);
		cli_free(&c);
		return 2;
	}
	/* Ctrl-C, and the polite stop of batch systems and service managers
	 * before they kill: both finish the documents in flight */
	catch_stop(SIGINT);
	catch_stop(SIGTERM);
	if (c.progress) {
		/* the documents to do, for the progress line's total */
		if (argc - optind > 1 || c.files_from)
			run.counted_files = files_new();
		walk_inputs(&run, argv + optind, argc - optind, count_file, 1);
		c.total = run.uncounted ? 0 : run.counted;
		files_free(run.counted_files);
		run.counted_files = NULL;
		if (run.said)
			fputs("\r\033[K", stderr);
	}
	/* one directory or file alone gives every document its own name;
	 * more inputs, or a list, may give a file twice (a and ./a; find
	 * lists a directory, then its files): what was taken is kept, the
	 * output names under -o, else the files, and each is read once */
	if (c.outdir && (argc - optind > 1 || c.files_from)) {
		if (!(run.outputs = calloc(1, sizeof(*run.outputs))) ||
		    !(run.outputs->slot = calloc(1024, sizeof(char *))))
			abort();
		run.outputs->mask = 1023;
	} else if (argc - optind > 1 || c.files_from) {
		run.read = files_new();
	}
	c.stop = &interrupted;
	out_broken = &c.out_broken;
	run.batch = batch_new(&c, plugins);
	waiting_batch = run.batch;
	walk_inputs(&run, argv + optind, argc - optind, add_file, 0);
	waiting_batch = NULL;
	batch_end(run.batch);
	outputs_free(run.outputs);
	files_free(run.read);
	free(run.outreal);
	run.batch = NULL;
	if (atomic_load(&c.outdir_errno)) {
		/* said after the document whose output failed */
		cli_say("unmine: cannot write into %s: %s; the documents not yet "
		        "begun were not read (--resume does them)\n", c.outdir,
		        strerror(atomic_load(&c.outdir_errno)));
	} else if (c.write_failed) {
		/* it stopped the run: what was read after it was not begun;
		 * the documents whose output was lost count as failed */
		cli_say("unmine: cannot write to standard output: %s; "
		        "%zu document%s not written, the rest not read\n",
		        strerror(c.write_errno), c.lost, c.lost == 1 ? "" : "s");
	} else if (!c.outdir && (c.output == UM_OUT_EDGES ||
	                         c.output == UM_OUT_JSONL ? fflush(c.out) :
	                         um_write_end(c.out, "corpus")) != 0) {
		cli_say("unmine: cannot write to standard output: %s\n",
		        strerror(errno));
		c.write_failed = 1;
		c.failed++;
	}
	um_plugin_set_free(plugins);
	if (c.errors && fclose(c.errors) != 0 && !c.errors_failed) {
		cli_say("unmine: %s: %s\n", c.errors_path, strerror(errno));
		c.errors_failed = 1;
		c.problems++;
	}
	if (c.stats || c.progress) {
		double s = cli_seconds_since(&t0);
		fprintf(stderr, "unmine: %zu documents, %zu failed, %.3f MB of text "
		        "in %.2f s (%.1f MB/s), peak memory %.1f MB", c.docs,
		        c.failed, (double)c.bytes / 1e6, s,
		        s > 0 ? (double)c.bytes / 1e6 / s : 0.0,
		        (double)cli_peak_rss_kib() / 1024.0);
		if (c.skipped)
			fprintf(stderr, "; %zu already done", c.skipped);
		/* what failed that is not a document: said above, and in the
		 * exit status */
		if (c.problems)
			fprintf(stderr, "; %d other problem%s (above)", c.problems,
			        c.problems == 1 ? "" : "s");
		fputc('\n', stderr);
	}
	if (stopped()) {
		int sig = stopped();
		fprintf(stderr, "unmine: %s: %zu documents done, the rest "
		        "not started\n", sig == SIGTERM ? "terminated" : "interrupted",
		        c.docs);
		cli_free(&c);
		return 128 + sig;
	}
	/* --exit-zero: failed documents are said, but the run is not; what
	 * it wrote is whole */
	if (c.exit_zero)
		status = c.write_failed || atomic_load(&c.outdir_errno) ||
		         atomic_load(&c.outputs_lost) || c.errors_failed ? 1 : 0;
	else
		status = (c.failed || c.problems) ? 1 : 0;
	cli_free(&c);
	return status;
}
