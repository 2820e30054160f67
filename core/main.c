/* unmine: the command-line tool. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "batch.h"
#include "cli.h"
#include "inputs.h"
#include "lines.h"
#include "mtime.h"
#include "taken.h"

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

	if (c->plugins && !strcmp(c->plugins, "none"))
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
	if (um_plugin_set_select(set, c->plugins, err, sizeof(err))) {
		scan_report(c, &notes, 0);
		goto fail;
	}
	scan_report(c, &notes, strict);
	if (um_plugin_set_resolve(set, strict, diag, c, err, sizeof(err)) < 0)
		goto fail;
	/* a listing of every plugin found lists them, whatever their options
	 * or their start; a listing of -p stops where that run would */
	if (listing && !strict)
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

/* Whether path names the file of st. */
static int same_file(const char *path, const struct stat *st)
{
	struct stat ps;
	return stat(path, &ps) == 0 && ps.st_dev == st->st_dev &&
	       ps.st_ino == st->st_ino;
}

/* Whether --errors names the --files-from list or an input named on the
 * command line, which opening it would empty before they are read; says
 * so. */
static int errors_file_is_input(const struct cli *c, int argc, char **argv)
{
	struct stat es;
	const char *hit = NULL;
	if (stat(c->errors_path, &es) != 0 || !S_ISREG(es.st_mode))
		return 0;
	if (c->files_from && strcmp(c->files_from, "-") &&
	    same_file(c->files_from, &es))
		hit = c->files_from;
	for (int i = optind; !hit && i < argc; i++)
		if (same_file(argv[i], &es))
			hit = argv[i];
	if (hit)
		cli_say("unmine: --errors %s is %s %s; opening it would empty it "
		        "before it is read\n", c->errors_path,
		        hit == c->files_from ? "the list of paths" : "the input",
		        hit);
	return hit != NULL;
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
	cli_parse_args(&c, argc, argv);
	/* a plugin that crashes names itself and the document; not under
	 * AddressSanitizer, whose own report says more (gcc says so by a
	 * macro, clang by a feature) */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UM_UNDER_ASAN 1
#endif
#endif
#if !defined(__SANITIZE_ADDRESS__) && !defined(UM_UNDER_ASAN)
	cli_catch_crash();
#endif
	if (!c.max_memory_given)
		c.max_memory = cli_default_max_memory();
	if (optind < argc && !strcmp(argv[optind], "plugins")) {
		um_plugin_set *set;
		if (optind + 1 != argc)
			cli_usage_error("'plugins' takes no paths: %s", argv[optind + 1]);
		set = setup_plugins(&c, 1);
		cli_list_plugins(set, c.plugins && strcmp(c.plugins, "all"), stdout);
		um_plugin_set_free(set);
		cli_free(&c);
		return c.problems ? 1 : 0;
	}
	if (optind >= argc && !c.files_from)
		cli_usage_error("%s", "no input paths (use - for standard input)");
	if (c.null_list && !c.files_from)
		cli_usage_error("%s", "--null is for the list of --files-from");
	{
		int from_stdin = 0;
		for (int i = optind; i < argc; i++)
			from_stdin += inputs_is_stdin(argv[i], 1);
		if (from_stdin && c.files_from && inputs_is_stdin(c.files_from, 0))
			cli_usage_error("%s", "standard input can hold a document (-) or "
			                "the list of paths (--files-from -), not both");
		if (from_stdin > 1)
			cli_usage_error("%s", "standard input is named twice (- or "
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
	run.list_on_stdin = c.files_from && inputs_is_stdin(c.files_from, 0);
	if (run.list_on_stdin) {
		struct stat s0;
		run.stdin_known = fstat(STDIN_FILENO, &s0) == 0;
		run.stdin_dev = run.stdin_known ? s0.st_dev : 0;
		run.stdin_ino = run.stdin_known ? s0.st_ino : 0;
	}
	if (c.resume && !c.outdir)
		cli_usage_error("%s", "--resume needs -o DIR");
	if (!c.threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		c.threads = n > 0 ? (int)(n < 64 ? n : 64) : 1;
	}
	c.progress = !c.quiet && isatty(STDERR_FILENO);
	/* opening it empties it: not when it is the list or an input named */
	if (c.errors_path && errors_file_is_input(&c, argc, argv)) {
		cli_free(&c);
		return 2;
	}
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
		inputs_add_own(&run, STDOUT_FILENO, "standard output");
	if (c.errors)
		inputs_add_own(&run, fileno(c.errors), "--errors file");
	if (c.outdir && (run.outreal = realpath(c.outdir, NULL)) != NULL) {
		char *here = realpath(".", NULL);
		run.out_above = here && inputs_under(here, run.outreal);
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
	cli_catch_stop(SIGINT);
	cli_catch_stop(SIGTERM);
	if (c.progress) {
		/* the documents to do, for the progress line's total */
		if (argc - optind > 1 || c.files_from)
			run.counted_files = files_new();
		inputs_walk(&run, argv + optind, argc - optind, inputs_count, 1);
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
		run.outputs = outputs_new();
	} else if (argc - optind > 1 || c.files_from) {
		run.read = files_new();
	}
	c.stop = cli_stop_flag();
	cli_watch_output(&c.out_broken);
	run.batch = batch_new(&c, plugins);
	lines_wait_batch(run.batch);
	inputs_walk(&run, argv + optind, argc - optind, inputs_add, 0);
	lines_wait_batch(NULL);
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
	if (cli_stopped()) {
		int sig = cli_stopped();
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
