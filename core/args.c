/* The command line: options into struct cli. */
#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "cli.h"

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

void cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("unmine: ", stderr);
	va_start(ap, fmt);
	cli_vsay(fmt, ap);
	va_end(ap);
	fputs("Try 'unmine --help'.\n", stderr);
	exit(2);
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

void cli_parse_args(struct cli *c, int argc, char **argv)
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
				cli_usage_error("%s", "-o wants a directory name, not an "
				                "empty one");
			/* out/ and out name the same files: out/x.txt.xml, not
			 * out//x.txt.xml (the root stays /) */
			for (size_t k = strlen(optarg); k > 1 && optarg[k - 1] == '/'; k--)
				optarg[k - 1] = '\0';
			c->outdir = optarg;
			break;
		case 'f':
			if (um_output_parse(optarg, &c->output))
				cli_usage_error("unknown output format '%s' (xml, standoff, "
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
				cli_usage_error("unknown input format '%s' (auto, txt, xml, "
				                "html, jsonl)", optarg);
			break;
		case OPT_ELEMENTS:
			/* given again, it adds to the list */
			list = cli_xprintf("%s", optarg);
			for (n = 0; c->elements && c->elements[n]; n++)
				;
			save = NULL;
			for (tok = strtok_r(list, ",", &save); tok;
			     tok = strtok_r(NULL, ",", &save)) {
				c->elements = realloc(c->elements, (n + 2) * sizeof(char *));
				if (!c->elements)
					abort();
				c->elements[n++] = cli_xprintf("%s", tok);
				c->elements[n] = NULL;
			}
			free(list);
			c->read.elements = (const char *const *)c->elements;
			break;
		case OPT_LANG: {
			/* a BCP 47 tag: it goes into the output as it is */
			size_t k, len = strlen(optarg);
			for (k = 0; k < len; k++)
				if (!isalnum((unsigned char)optarg[k]) && optarg[k] != '-')
					break;
			if (len < 2 || len > 35 || k < len ||
			    !isalpha((unsigned char)optarg[0]))
				cli_usage_error("bad language code '%s' (a BCP 47 tag, "
				                "such as en, fr or zh-Hans)", optarg);
			c->read.language = optarg;
			break;
		}
		case OPT_MAX_SIZE:
			/* a document's text is at most 4 GiB - 1 bytes */
			if (cli_parse_size(optarg, 0, &c->read.max_size) ||
			    c->read.max_size > UINT32_MAX)
				cli_usage_error("bad size '%s' (e.g. 512K, 64M, 2G; at most "
				                "4G - 1, the most text a document holds)",
				                optarg);
			break;
		case OPT_MAX_MEMORY:
			/* 0 (0K, 00...) is no limit */
			if (cli_parse_size(optarg, 1, &c->max_memory))
				cli_usage_error("bad size '%s' (e.g. 512M, 8G, or 0 for no "
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
				cli_usage_error("bad number of jobs '%s' (1 to 1024)", optarg);
			c->threads = (int)jobs;
			break;
		}
		case OPT_FILES_FROM:
			if (!*optarg)
				cli_usage_error("%s", "--files-from wants a file name (or - "
				                "for standard input), not an empty one");
			c->files_from = optarg;
			break;
		case '0':
			c->null_list = 1;
			break;
		case OPT_SHARD: {
			unsigned k, of;
			if (parse_shard(optarg, &k, &of))
				cli_usage_error("bad shard '%s' (K/N, 1 <= K <= N, N at "
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
				cli_usage_error("%s", "--errors wants a file name; standard "
				                "output holds the documents and standard "
				                "error the messages");
			if (!*optarg)
				cli_usage_error("%s", "--errors wants a file name, not an "
				                "empty one");
			c->errors_path = optarg;
			break;
		case OPT_EXIT_ZERO:
			c->exit_zero = 1;
			break;
		case OPT_TAXONOMY:
			/* the themes plugin's option, said the short way */
			if (c->taxonomy)
				cli_usage_error("--taxonomy given twice");
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

void cli_free(struct cli *c)
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
