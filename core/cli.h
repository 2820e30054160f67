/* The command-line tool's helpers: options, output files, listings. */
#ifndef UM_CLI_H
#define UM_CLI_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unmine/unmine.h>

struct stat;

struct cli {
	const char *outdir;
	int output;                 /* enum um_output */
	const char *plugins;        /* --plugins, NULL for all */
	char **plugin_path;         /* --plugin-path entries, in order */
	size_t nplugin_path;
	char **settings;            /* --option PLUGIN.KEY=VALUE */
	size_t nsettings;
	um_read_options read;
	char **elements;            /* --elements, NULL-terminated */
	char *taxonomy;             /* --taxonomy, as a themes setting */
	int quiet;
	int stats;
	int threads;                /* -j */
	size_t max_memory;          /* --max-memory in bytes; 0: no limit */
	int max_memory_given;
	int resume;                 /* --resume: skip complete outputs */
	long time_step;             /* --resume: the output file system's
	                             * precision of times (mtime.h) */
	int progress;               /* progress and summary on a terminal */
	unsigned shard_k, shard_n;  /* --shard K/N; 0/0 for all */
	const char *files_from;     /* --files-from FILE, or - */
	int null_list;              /* --null: its paths end with NUL */
	FILE *errors;               /* --errors FILE */
	int errors_failed;          /* a write into it failed: said once */
	int exit_zero;              /* --exit-zero */
	const char *errors_path;
	/* counters */
	size_t docs, failed, bytes, skipped, total;
	int problems;               /* refused plugins, unreadable paths */
	int write_failed;           /* the output stream reported an error */
	int write_errno;            /* its errno */
	size_t lost;                /* documents whose output was not written */
	/* nonzero once the output stream failed: as after a stop signal,
	 * documents not started are left alone */
	atomic_int out_broken;
	/* the errno of a write into -o's directory that stopped the run (a
	 * full disk): every later document would fail the same way */
	atomic_int outdir_errno;
	FILE *out;                  /* the stream without -o */
	/* nonzero once SIGINT or SIGTERM came: documents not started are
	 * left alone */
	const atomic_int *stop;
	/* nonzero once an output under -o was not written: the status is
	 * 1, even with --exit-zero */
	atomic_int outputs_lost;
};

/* The command line (args.c): the options into c, exiting 0 for --help
 * and --version and 2 on a usage error, which cli_usage_error says. */
void cli_parse_args(struct cli *c, int argc, char **argv);
void cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
/* Frees what cli_parse_args allocated. */
void cli_free(struct cli *c);

/* Stop signals (stop.c). SIGINT or SIGTERM, caught with cli_catch_stop
 * (unless ignored), lets the documents in flight finish; a second one
 * stops at once. */
void cli_catch_stop(int sig);
/* The signal that came, 0 while none did. */
int cli_stopped(void);
/* The flag a stop signal sets, for struct cli's stop. */
const atomic_int *cli_stop_flag(void);
/* The run's output stream failed when *broken is nonzero. */
void cli_watch_output(const atomic_int *broken);
/* Nothing more is to be read: a stop signal came, or the output failed. */
int cli_halted(void);

/* Prints the usage text on f. */
void cli_usage(FILE *f);
/* Parses "256M"-style sizes (0, "0K" and the like only when zero_ok); 0
 * on success. */
int cli_parse_size(const char *s, int zero_ok, size_t *ret);
/* A size as "1.5G", "340.0M", "12.0K" or "100B" (as the options that take
 * one write it) into buf, cut to len - 1 bytes. */
void cli_format_size(size_t n, char *buf, size_t len);
/* The default of --max-memory: three quarters of the memory this process
 * may use (the machine's, or a lower limit of its control group or of one
 * above it); 0, no limit, when neither can be found. */
size_t cli_default_max_memory(void);
/* FNV-1a, 64 bits, of n bytes at p, going on from h (CLI_FNV_BASIS to
 * start). */
#define CLI_FNV_BASIS 0xcbf29ce484222325ULL
uint64_t cli_fnv1a(uint64_t h, const void *p, size_t n);
/* A new string, as printf writes it (aborts when memory runs out). */
char *cli_xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Splits "a:b:c" into the array (appending). */
void cli_split_path(const char *s, char ***arr, size_t *n);
/* The output directory (outdir.c). */
/* mkdir -p: 0, or -1 with errno set. */
int cli_make_dir(const char *dir);
/* DIR/REL.xml (.tsv, .jsonl): the output file of a document; free it. */
char *cli_output_path(const struct cli *c, const char *rel);
/* Writes one document to its output file through a temporary file
 * (cli_tmp_path, locked while it is written): 0, or the errno of
 * the failure with err saying what failed; EBUSY when another run writes
 * the same temporary file. The file is given the modification time mtime
 * (the input's when it was read, for --resume; NULL: the time of
 * writing). *last_dir caches the directory made last (one per thread). */
int cli_write_file(const struct cli *c, const char *rel, const um_doc *doc,
                   const struct timespec *mtime, char **last_dir, char *err,
                   size_t errlen);
/* The temporary name of the output file path (malloc'ed): the name with
 * ".tmp" added, or, for a name that would then be too long for a file
 * system (NAME_MAX), ".unmine-HASH.tmp" in its directory. */
char *cli_tmp_path(const char *path);
/* Removes tmp, a temporary file (an output's, the settings') that a
 * killed run left, unless a run writes it now (holds its lock). */
void cli_drop_stale_tmp(const char *tmp);
/* --resume: the output of rel is there, whole, and has the modification
 * time the input had when it was read, which the output was given; the
 * input's status is in (NULL when unknown: standard input). An input
 * changed since has another time, whatever it is: edited after it was
 * read, or put back with an older time (rsync -a, cp -p, tar). A
 * temporary file beside a done output, which a run killed while it wrote
 * the file again left, is removed. */
int cli_output_done(const struct cli *c, const char *rel,
                    const struct stat *in);

/* The settings file of an output directory (settings.c). */
/* The file in an output directory that holds the settings its files were
 * written with. */
#define CLI_SETTINGS_FILE ".unmine-settings"
/* The settings that shape the output files of this run, as the text of
 * CLI_SETTINGS_FILE: version, format, the reading options that shape the
 * text, plugins with their versions, and plugin options not at their
 * defaults (a file an option names by what is in it); free it. */
char *cli_settings_text(const struct cli *c, const um_plugin_set *set);
/* Compares text with the output directory's CLI_SETTINGS_FILE, which the
 * first run into the directory writes (atomically, even with runs on other
 * machines at the same time): 0 when they agree or it was just written, 1
 * when they differ and -1 when it cannot be read or written, with err
 * set. */
int cli_claim_settings(const struct cli *c, const char *text, char *err,
                       size_t errlen);
/* On a crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT), one line naming
 * the document and the plugin, then the signal's own death; the calling
 * thread gets its stack for the handler (cli_crash_stack) until exit. */
void cli_catch_crash(void);
/* An alternate signal stack for the calling thread, so that the line is
 * written after a stack overflow too (NULL if none could be made), and
 * its release (before the thread ends). */
void *cli_crash_stack(void);
void cli_crash_stack_free(void *stack);
/* The document this thread annotates, as messages write its name (NULL:
 * none), for that line. */
void cli_crash_doc(const char *shown);
/* The listing of "unmine plugins"; selected: -p named the plugins. */
void cli_list_plugins(const um_plugin_set *set, int selected, FILE *f);
/* Peak resident memory of this process in KiB. */
long cli_peak_rss_kib(void);
/* Seconds since t0, a time of CLOCK_MONOTONIC. */
double cli_seconds_since(const struct timespec *t0);
/* fmt and its arguments as one line of a message, malloc'd: the control
 * characters of the text (a line end or an escape in a file name; C1
 * controls too) written \n, \r, \t or \xHH, and so the bytes that are
 * not UTF-8 (a Latin-1 name), so that it stays one line and cannot drive
 * a terminal; one line end after it, the format's own last "\n" being
 * that. Its length in *ret_len. */
char *cli_vline(size_t *ret_len, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* cli_vline with its arguments. */
char *cli_line(size_t *ret_len, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same, written to stderr. */
void cli_vsay(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
