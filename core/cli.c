/* The command-line tool's helpers: usage, sizes, output files, listings. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "cli.h"

void cli_usage(FILE *f)
{
	fputs(
"Usage: unmine [OPTIONS] PATH...\n"
"       unmine plugins [OPTIONS]\n"
"\n"
"Reads UN documents (plain text, XML, HTML), runs the extractor plugins on\n"
"them and writes annotated XML. PATH is a file, a directory (read\n"
"recursively, in sorted order) or - for standard input.\n"
"\n"
"  -o, --output DIR          write one DIR/PATH.xml (.tsv for edges) per\n"
"                            input, mirroring the input tree; without it,\n"
"                            one stream on stdout\n"
"  -f, --format FORMAT       xml (inline annotations, the default), standoff,\n"
"                            jsonl (one JSON object per document per line)\n"
"                            or edges (TSV: document, cited symbol, count)\n"
"  -j, --jobs N              worker threads (default: the number of cores);\n"
"                            the output is the same for every N\n"
"      --files-from FILE     also read the paths listed in FILE, one per\n"
"                            line (- for standard input)\n"
"      --shard K/N           process only the K-th of N disjoint slices of\n"
"                            the input, by a hash of each file's path\n"
"      --resume              with -o: skip documents whose output file\n"
"                            exists (outputs are complete or absent) and\n"
"                            is not older than the input; refused if DIR's\n"
"                            files were made with other settings\n"
"      --errors FILE         also write failures to FILE as TSV: path,\n"
"                            stage (walk, read, annotate, write), reason\n"
"  -p, --plugins LIST        plugins to run, comma-separated; all (the\n"
"                            default) or none\n"
"  -P, --plugin-path DIRS    search these directories (colon-separated) for\n"
"                            plugins before UNMINE_PLUGIN_PATH and the\n"
"                            install directory; may be repeated\n"
"  -O, --option P.KEY=VALUE  set option KEY of plugin P; may be repeated\n"
"      --taxonomy FILE       the themes plugin's taxonomy (-O\n"
"                            themes.taxonomy=FILE): replaces the default,\n"
"                            or extends it if its root says mode=\"extend\"\n"
"  -i, --input-format FMT    auto (by extension, then content), txt, xml\n"
"                            or html\n"
"      --elements LIST       XML: read only the text inside these elements\n"
"                            (comma-separated local names, e.g. p,s)\n"
"      --lang CODE           language of documents that state none (en)\n"
"      --max-doc-size SIZE   refuse larger documents (default 256M; K, M, G)\n"
"      --max-memory SIZE     memory for the documents being annotated at\n"
"                            once (K, M, G; default: 3/4 of the machine's or\n"
"                            of its control group's limit; 0: no limit); a\n"
"                            document that would need more alone is\n"
"                            refused, others wait for room\n"
"      --stats               print a summary with throughput and peak memory\n"
"                            (always printed, with a progress line, when\n"
"                            standard error is a terminal)\n"
"  -q, --quiet               do not print warnings, progress or summary\n"
"  -h, --help                show this help and exit\n"
"  -V, --version             show the version and exit\n"
"\n"
"unmine plugins lists the plugins found: name, version, file, the layers\n"
"each provides and requires, options and summary.\n"
"\n"
"Exit status: 0 if every document was done, 1 if some failed (each is named\n"
"on stderr with the reason), 2 for a usage or setup error, 130 if stopped by\n"
"SIGINT and 143 by SIGTERM (after the documents being annotated, which are\n"
"written; those waiting are not begun).\n", f);
}

int cli_parse_size(const char *s, int zero_ok, size_t *ret)
{
	char *end;
	unsigned long long v;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || s[0] == '-')
		return -1;
	unsigned shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	/* a size the suffix would carry past SIZE_MAX is refused, not
	 * wrapped around */
	if (*end || (v == 0 && !zero_ok) ||
	    v > (unsigned long long)SIZE_MAX >> shift)
		return -1;
	v <<= shift;
	*ret = (size_t)v;
	return 0;
}

void cli_format_size(size_t n, char *buf, size_t len)
{
	static const char unit[] = "KMG";
	double v = (double)n;
	int u = -1;
	while (v >= 1024.0 && u < 2) {
		v /= 1024.0;
		u++;
	}
	if (u < 0)
		snprintf(buf, len, "%zuB", n);
	else
		snprintf(buf, len, "%.1f%c", v, unit[u]);
}

/* The smaller of two limits, 0 being none. */
static size_t lower_limit(size_t a, size_t b)
{
	return !a ? b : !b ? a : a < b ? a : b;
}

/* A control group's memory limit in the file at path (cgroup v2's
 * memory.max, v1's memory.limit_in_bytes); 0 if there is none. */
static size_t cgroup_file_limit(const char *path)
{
	FILE *f = fopen(path, "r");
	unsigned long long v = 0;
	if (!f)
		return 0;
	if (fscanf(f, "%llu", &v) != 1)
		v = 0;             /* "max": no limit */
	fclose(f);
	return v > SIZE_MAX ? 0 : (size_t)v;
}

/* The lowest limit in file of the control group at path under root and
 * of each group above it. */
static size_t cgroup_path_limit(const char *root, const char *path,
                                const char *file)
{
	char dir[4096], f[4200];
	size_t lim = 0, top = strlen(root), n;
	if (snprintf(dir, sizeof(dir), "%s%s", root, path) >= (int)sizeof(dir))
		return 0;
	for (n = strlen(dir);; ) {
		/* dir[0, n): the group, without a trailing '/' */
		while (n > top && dir[n - 1] == '/')
			n--;
		snprintf(f, sizeof(f), "%.*s/%s", (int)n, dir, file);
		lim = lower_limit(lim, cgroup_file_limit(f));
		if (n <= top)
			break;
		while (n > top && dir[n - 1] != '/')    /* up one group */
			n--;
	}
	return lim;
}

/* The memory limit of this process's control group, cgroup v2 ("0::PATH"
 * in /proc/self/cgroup) or v1 (the hierarchy whose controllers hold
 * "memory"), the lowest of the group and those above it; 0 if none. */
static size_t cgroup_limit(void)
{
	FILE *f = fopen("/proc/self/cgroup", "r");
	char line[4096];
	size_t lim = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *ctl = strchr(line, ':'), *path, *c;
		int memory = 0;
		if (!ctl || !(path = strchr(ctl + 1, ':')))
			continue;
		*path++ = '\0';
		path[strcspn(path, "\n")] = '\0';
		ctl++;
		if (!*ctl) {
			lim = lower_limit(lim, cgroup_path_limit("/sys/fs/cgroup", path,
			                                         "memory.max"));
			continue;
		}
		for (c = strtok(ctl, ","); c; c = strtok(NULL, ","))
			memory |= !strcmp(c, "memory");
		if (memory)
			lim = lower_limit(lim, cgroup_path_limit("/sys/fs/cgroup/memory",
			                                         path,
			                                         "memory.limit_in_bytes"));
	}
	fclose(f);
	return lim;
}

size_t cli_default_max_memory(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
	size_t mem = 0;
	if (pages > 0 && size > 0 &&
	    (unsigned long)pages <= SIZE_MAX / (unsigned long)size)
		mem = (size_t)pages * (size_t)size;
	mem = lower_limit(mem, cgroup_limit());
	return mem / 4 * 3;
}

void cli_split_path(const char *s, char ***arr, size_t *n)
{
	const char *p = s;
	while (*p) {
		const char *q = strchr(p, ':');
		size_t len = q ? (size_t)(q - p) : strlen(p);
		if (len) {
			char *item = malloc(len + 1);
			if (!item)
				abort();
			memcpy(item, p, len);
			item[len] = '\0';
			*arr = realloc(*arr, (*n + 1) * sizeof(**arr));
			if (!*arr)
				abort();
			(*arr)[(*n)++] = item;
		}
		p += len;
		if (*p == ':')
			p++;
	}
}

/* mkdir -p for the directories of path (not its last component). The
 * directory made last is remembered: consecutive files of one input
 * directory cost no system call here. */
static int make_parents(char *path, char **last)
{
	char *p, *slash = strrchr(path, '/');
	if (!slash)
		return 0;
	if (*last && strlen(*last) == (size_t)(slash - path) &&
	    !strncmp(*last, path, (size_t)(slash - path)))
		return 0;
	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	free(*last);
	*last = strndup(path, (size_t)(slash - path));
	return 0;
}

int cli_make_dir(const char *dir)
{
	/* the directories of "DIR/." are DIR and those above it */
	size_t n = strlen(dir) + 3;
	char *p = malloc(n), *last = NULL;
	int rc;
	if (!p)
		abort();
	snprintf(p, n, "%s/.", dir);
	rc = make_parents(p, &last);
	free(p);
	free(last);
	return rc;
}

static const char *extension(int output)
{
	return output == UM_OUT_EDGES ? "tsv" :
	       output == UM_OUT_JSONL ? "jsonl" : "xml";
}

char *cli_output_path(const struct cli *c, const char *rel)
{
	size_t n = strlen(c->outdir) + strlen(rel) + 16;
	char *path = malloc(n);
	if (!path)
		abort();
	snprintf(path, n, "%s/%s.%s", c->outdir,
	         strcmp(rel, "-") == 0 ? "stdin" : rel, extension(c->output));
	return path;
}

int cli_write_file(const struct cli *c, const char *rel, const um_doc *doc,
                   char **last_dir, char *err, size_t errlen)
{
	char *path = cli_output_path(c, rel);
	size_t n = strlen(path) + 8;
	char *tmp = malloc(n);
	FILE *f = NULL;
	int rc = -1;

	if (!tmp)
		abort();
	/* Written under a temporary name and renamed: an interrupted run
	 * leaves no half-written output, and the name is the same in every
	 * run, so that a run resumed after a kill writes over what a killed
	 * one left. */
	snprintf(tmp, n, "%s.tmp", path);
	if (make_parents(path, last_dir) != 0) {
		snprintf(err, errlen, "cannot create the directory of %s: %s",
		         path, strerror(errno));
		goto out;
	}
	if (!(f = fopen(tmp, "w"))) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	if ((c->output == UM_OUT_EDGES ? um_write_edges_header(f) :
	     c->output == UM_OUT_JSONL ? 0 : um_write_begin(f, NULL)) ||
	    um_write_doc(f, doc, c->output) || fflush(f) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(path);
	free(tmp);
	return rc;
}

static void list_names(FILE *f, const char *label, const char *const *names)
{
	fprintf(f, "    %s:", label);
	if (!names || !*names)
		fputs(" -", f);
	for (; names && *names; names++)
		fprintf(f, " %s", *names);
	fputc('\n', f);
}

void cli_list_plugins(const um_plugin_set *set, FILE *f)
{
	static const char *const types[] = { "", "string", "int", "bool", "number" };
	size_t i;
	for (i = 0; i < um_plugin_set_count(set); i++) {
		const char *path;
		const um_plugin *p = um_plugin_set_at(set, i, &path);
		const um_option *o;
		fprintf(f, "%s %s\n    file: %s\n", p->name, p->version, path);
		list_names(f, "provides", p->provides);
		list_names(f, "requires", p->requires);
		for (o = p->options; o && o->name; o++)
			fprintf(f, "    option %s.%s (%s, default %s): %s\n", p->name,
			        o->name, o->type >= 1 && o->type <= 4 ? types[o->type] : "?",
			        o->dflt ? o->dflt : "none", o->help ? o->help : "");
		fprintf(f, "    %s\n", p->summary ? p->summary : "");
	}
	if (!um_plugin_set_count(set))
		fputs("no plugins found\n", f);
}

long cli_peak_rss_kib(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1;
	return ru.ru_maxrss;
}

/* Plugin options ("P.KEY=VALUE") in the settings: the last of a key
 * counts, one set to its default is left out, and they are sorted by key,
 * so that options that make the same output make the same text. */
static int setting_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t nx = strcspn(x, "="), ny = strcspn(y, "=");
	int r = memcmp(x, y, nx < ny ? nx : ny);
	return r ? r : (nx > ny) - (nx < ny);
}

/* Setting "P.KEY=VALUE" gives option KEY of plugin P in set its default
 * value, as written in its table. */
static int is_default(const um_plugin_set *set, const char *setting)
{
	size_t np = strcspn(setting, "."), nk;
	const char *key = setting + np + (setting[np] == '.'), *value;
	nk = strcspn(key, "=");
	value = key + nk + (key[nk] == '=');
	for (size_t i = 0; i < um_plugin_set_count(set); i++) {
		const um_plugin *p = um_plugin_set_at(set, i, NULL);
		if (strlen(p->name) != np || memcmp(p->name, setting, np))
			continue;
		for (const um_option *o = p->options; o && o->name; o++)
			if (strlen(o->name) == nk && !memcmp(o->name, key, nk))
				return o->dflt && !strcmp(o->dflt, value);
	}
	return 0;
}

char *cli_settings_text(const struct cli *c, const um_plugin_set *set)
{
	static const char *const outputs[] = { "", "xml", "standoff", "edges",
	                                       "jsonl" };
	const char **opts = NULL;
	size_t nopts = 0, i, j;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		abort();
	fprintf(f, "# The settings this directory's files were written with: "
	        "unmine --resume\n# refuses to add to them with others.\n");
	fprintf(f, "unmine %s\n", PACKAGE_VERSION);
	fprintf(f, "format %s\n", c->output >= 1 && c->output <= 4 ?
	        outputs[c->output] : "?");
	fprintf(f, "input-format %s\n", um_format_name(c->read.format));
	fputs("elements", f);
	for (i = 0; c->elements && c->elements[i]; i++)
		fprintf(f, "%s%s", i ? "," : " ", c->elements[i]);
	fprintf(f, "%s\nlang %s\n", c->elements ? "" : " (default)",
	        c->read.language ? c->read.language : "(default)");
	for (i = 0; i < um_plugin_set_count(set); i++) {
		const um_plugin *p = um_plugin_set_at(set, i, NULL);
		fprintf(f, "plugin %s %s\n", p->name, p->version);
	}
	if (c->nsettings && !(opts = malloc(c->nsettings * sizeof(*opts))))
		abort();
	for (i = 0; i < c->nsettings; i++) {
		for (j = i + 1; j < c->nsettings; j++)
			if (!setting_cmp(&c->settings[i], &c->settings[j]))
				break;
		if (j == c->nsettings && !is_default(set, c->settings[i]))
			opts[nopts++] = c->settings[i];
	}
	qsort(opts, nopts, sizeof(*opts), setting_cmp);
	for (i = 0; i < nopts; i++)
		fprintf(f, "option %s\n", opts[i]);
	free(opts);
	if (fclose(f) != 0)
		abort();
	return text;
}

/* DIR/.unmine-settings; free it. */
static char *settings_path(const struct cli *c)
{
	size_t n = strlen(c->outdir) + sizeof("/" CLI_SETTINGS_FILE);
	char *path = malloc(n);
	if (!path)
		abort();
	snprintf(path, n, "%s/%s", c->outdir, CLI_SETTINGS_FILE);
	return path;
}

/* Line s, without its end, cut to 200 bytes, into buf. */
static void line_of(const char *s, char *buf, size_t n)
{
	size_t len = strcspn(s, "\n");
	snprintf(buf, n, "%.*s", (int)(len < 200 ? len : 200), s);
}

/* What tells settings a (of the files) from b (of this run) apart: the
 * first line where they differ. */
static void settings_diff(const char *a, const char *b, char *buf, size_t n)
{
	char la[256], lb[256];
	while (*a && *b) {
		size_t na = strcspn(a, "\n"), nb = strcspn(b, "\n");
		if (na != nb || memcmp(a, b, na))
			break;
		a += na + (a[na] == '\n');
		b += nb + (b[nb] == '\n');
	}
	line_of(a, la, sizeof(la));
	line_of(b, lb, sizeof(lb));
	if (*a && *b)
		snprintf(buf, n, "they have \"%s\", this run \"%s\"", la, lb);
	else if (*a)
		snprintf(buf, n, "they have \"%s\", this run does not", la);
	else
		snprintf(buf, n, "this run has \"%s\", they do not", lb);
}

int cli_check_settings(const struct cli *c, const char *text, char *err,
                       size_t errlen)
{
	char *path = settings_path(c), *old = NULL;
	size_t cap = 0, len = 0;
	FILE *f = fopen(path, "r");
	int rc = 0;
	if (!f) {
		if (errno != ENOENT) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			rc = -1;
		}
		free(path);
		return rc;
	}
	/* a few hundred bytes; more than 64 KiB is not ours */
	for (;;) {
		size_t got;
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			if (!(old = realloc(old, cap)))
				abort();
		}
		got = fread(old + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0 || len > 65536)
			break;
	}
	old[len] = 0;
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	} else if (strcmp(old, text) != 0) {
		char diff[600];
		settings_diff(old, text, diff, sizeof(diff));
		snprintf(err, errlen, "%s: --resume with other settings than "
		         "the files there (%s); run without --resume, or into "
		         "another directory", path, diff);
		rc = 1;
	}
	fclose(f);
	free(old);
	free(path);
	return rc;
}

int cli_write_settings(const struct cli *c, const char *text, char *err,
                       size_t errlen)
{
	char *path = settings_path(c);
	size_t n = strlen(path) + 32;
	char *tmp = malloc(n);
	FILE *f;
	int rc = -1;
	if (!tmp)
		abort();
	/* runs of other shards may write it at the same time: each through
	 * a name of its own, renamed over the same text */
	snprintf(tmp, n, "%s.%ld.tmp", path, (long)getpid());
	if (!(f = fopen(tmp, "w"))) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (fputs(text, f) == EOF || fflush(f) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	free(path);
	return rc;
}
