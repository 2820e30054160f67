/* unmine: the command-line tool. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "cli.h"

enum { OPT_ELEMENTS = 256, OPT_LANG, OPT_MAX_SIZE, OPT_STATS, OPT_TAXONOMY };

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
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "taxonomy", required_argument, NULL, OPT_TAXONOMY },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

static void usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("unmine: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'unmine --help'.\n", stderr);
	exit(2);
}

static void diag(void *ctx, const char *origin, const char *msg)
{
	struct cli *c = ctx;
	c->problems++;
	fprintf(stderr, "unmine: %s: %s\n", origin, msg);
}

static void parse_args(struct cli *c, int argc, char **argv)
{
	int opt;
	char *list, *tok, *save;
	size_t n;

	while ((opt = getopt_long(argc, argv, "o:f:p:P:O:i:qhV", long_options,
	                          NULL)) != -1) {
		switch (opt) {
		case 'o':
			c->outdir = optarg;
			break;
		case 'f':
			if (um_output_parse(optarg, &c->output))
				usage_error("unknown output format '%s' (xml, standoff, "
				            "edges)",
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
				            "html)", optarg);
			break;
		case OPT_ELEMENTS:
			list = strdup(optarg);
			n = 0;
			save = NULL;
			for (tok = strtok_r(list, ",", &save); tok;
			     tok = strtok_r(NULL, ",", &save)) {
				c->elements = realloc(c->elements, (n + 2) * sizeof(char *));
				if (!c->elements)
					abort();
				c->elements[n++] = strdup(tok);
				c->elements[n] = NULL;
			}
			free(list);
			c->read.elements = (const char *const *)c->elements;
			break;
		case OPT_LANG:
			c->read.language = optarg;
			break;
		case OPT_MAX_SIZE:
			if (cli_parse_size(optarg, &c->read.max_size))
				usage_error("bad size '%s' (e.g. 512K, 64M, 2G)", optarg);
			break;
		case OPT_STATS:
			c->stats = 1;
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

	if (!listing && c->plugins && !strcmp(c->plugins, "none"))
		return set;
	for (i = 0; i < c->nplugin_path; i++)
		cli_split_path(c->plugin_path[i], &dirs, &ndirs);
	if (env)
		cli_split_path(env, &dirs, &ndirs);
	cli_split_path(UM_PLUGIN_DIR, &dirs, &ndirs);
	um_plugin_set_scan(set, (const char *const *)dirs, ndirs, diag, c);
	for (i = 0; i < ndirs; i++)
		free(dirs[i]);
	free(dirs);
	if (listing)
		strict = 0;
	if (um_plugin_set_select(set, listing ? NULL : c->plugins, err,
	                         sizeof(err)) ||
	    um_plugin_set_resolve(set, strict, diag, c, err, sizeof(err)) < 0)
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
	fprintf(stderr, "unmine: %s\n", err);
	um_plugin_set_free(set);
	exit(2);
}

struct run {
	struct cli *c;
	um_plugin_set *set;
};

static int process_file(void *ctx, const char *path, const char *rel)
{
	struct run *r = ctx;
	struct cli *c = r->c;
	char err[1024];
	um_doc *doc = NULL;
	size_t i, len;

	c->docs++;
	if (um_read_file(path, &c->read, &doc, err, sizeof(err)) != 0)
		goto failed;
	if (!c->quiet)
		for (i = 0; i < um_doc_warning_count(doc); i++)
			fprintf(stderr, "unmine: %s: warning: %s\n", path,
			        um_doc_warning_at(doc, i));
	um_doc_text(doc, &len);
	c->bytes += len;
	if (um_plugin_set_run(r->set, doc, err, sizeof(err)) != 0)
		goto failed;
	if (c->outdir) {
		if (cli_write_file(c, rel, doc, err, sizeof(err)) != 0)
			goto failed;
	} else if (um_write_doc(c->out, doc, c->output) != 0) {
		snprintf(err, sizeof(err), "cannot write the output");
		goto failed;
	}
	um_doc_free(doc);
	return 0;
failed:
	c->failed++;
	fprintf(stderr, "unmine: %s: %s\n", path, err);
	um_doc_free(doc);
	return 0;
}

static void cli_free(struct cli *c)
{
	size_t i;
	free(c->last_dir);
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
	struct timespec t0, t1;
	int i, status;

	memset(&c, 0, sizeof(c));
	c.output = UM_OUT_XML;
	c.out = stdout;
	parse_args(&c, argc, argv);
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
	if (optind >= argc)
		usage_error("%s", "no input paths (use - for standard input)");

	clock_gettime(CLOCK_MONOTONIC, &t0);
	run.c = &c;
	run.set = setup_plugins(&c, 0);
	if (!c.outdir && (c.output == UM_OUT_EDGES ?
	                  um_write_edges_header(c.out) :
	                  um_write_begin(c.out, "corpus")) != 0) {
		fprintf(stderr, "unmine: cannot write to standard output\n");
		return 2;
	}
	for (i = optind; i < argc; i++)
		um_walk(argv[i], process_file, &run, diag, &c);
	if (!c.outdir && (c.output == UM_OUT_EDGES ? fflush(c.out) :
	                  um_write_end(c.out, "corpus")) != 0) {
		fprintf(stderr, "unmine: cannot write to standard output\n");
		c.failed++;
	}
	um_plugin_set_free(run.set);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (c.stats) {
		double s = (double)(t1.tv_sec - t0.tv_sec) +
		           (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		fprintf(stderr, "unmine: %zu documents, %zu failed, %.3f MB of text "
		        "in %.2f s (%.1f MB/s), peak memory %.1f MB\n", c.docs,
		        c.failed, (double)c.bytes / 1e6, s,
		        s > 0 ? (double)c.bytes / 1e6 / s : 0.0,
		        (double)cli_peak_rss_kib() / 1024.0);
	}
	status = (c.failed || c.problems) ? 1 : 0;
	cli_free(&c);
	return status;
}
