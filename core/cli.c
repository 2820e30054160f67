/* The command-line tool's helpers: usage, sizes, output files, listings. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

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
"  -o, --output DIR          write one DIR/PATH.xml (.jsonl, .tsv with -f\n"
"                            jsonl, edges) per input, mirroring the input\n"
"                            tree; DIR holds files of one set of settings,\n"
"                            which its first run records; without it, one\n"
"                            stream on stdout\n"
"  -f, --format FORMAT       xml (inline annotations, the default), standoff,\n"
"                            jsonl (one JSON object per document per line)\n"
"                            or edges (TSV: document, cited symbol, count)\n"
"  -j, --jobs N              worker threads (default: the number of cores,\n"
"                            at most 64); the output is the same for\n"
"                            every N\n"
"      --files-from FILE     also read the paths listed in FILE, one per\n"
"                            line (- for standard input; a pipe or FIFO\n"
"                            too)\n"
"  -0, --null                the paths of --files-from end with a NUL\n"
"                            byte, not a line end (find -print0)\n"
"      --shard K/N           process only the K-th of N (at most 1000000)\n"
"                            disjoint slices of the input, by a hash of\n"
"                            each document's name below its input (the\n"
"                            name of its output)\n"
"      --resume              with -o: skip documents whose output file\n"
"                            exists, ends whole (outputs are complete or\n"
"                            absent) and has the modification time the\n"
"                            input had when it was read\n"
"      --errors FILE         also write failures to FILE as TSV: path,\n"
"                            stage (walk, read, annotate, write), reason\n"
"      --exit-zero           exit 0 when documents fail (each is still\n"
"                            named): for mappers whose job a status of 1\n"
"                            would fail; an output not written is still 1\n"
"  -p, --plugins LIST        plugins to run, comma-separated; all (the\n"
"                            default) or none\n"
"  -P, --plugin-path DIRS    search these directories (colon-separated) for\n"
"                            plugins before UNMINE_PLUGIN_PATH and the\n"
"                            install directory; may be repeated\n"
"  -O, --option P.KEY=VALUE  set option KEY of plugin P; may be repeated\n"
"      --taxonomy FILE       the themes plugin's taxonomy (-O\n"
"                            themes.taxonomy=FILE): replaces the default,\n"
"                            or extends it if its root says mode=\"extend\"\n"
"  -i, --input-format FMT    auto (by extension, then content), txt, xml,\n"
"                            html, or jsonl: a document a line, as a JSON\n"
"                            object with its \"text\" (files named .jsonl\n"
"                            or .ndjson are read so by default); gzip\n"
"                            input is read inflated (a.txt.gz)\n"
"      --elements LIST       XML: read only the text inside these elements\n"
"                            (comma-separated local names, e.g. p,s;\n"
"                            given again, it adds to them)\n"
"      --lang CODE           language of documents that state none (en)\n"
"      --max-doc-size SIZE   refuse larger documents, and longer lines of\n"
"                            records (default 256M; K, M, G; below 4G)\n"
"      --max-memory SIZE     memory for the documents being annotated at\n"
"                            once (K, M, G; default: 3/4 of the machine's or\n"
"                            of its control group's limit; 0: no limit); a\n"
"                            document that would need more alone is\n"
"                            refused, others wait for room\n"
"      --stats               print a summary with throughput and peak memory\n"
"                            (always printed, with a progress line, when\n"
"                            standard error is a terminal)\n"
"  -q, --quiet               do not print warnings, notes on inputs left\n"
"                            out on purpose or progress, nor the summary\n"
"                            unless --stats asks for it (failures are\n"
"                            still printed)\n"
"  -h, --help                show this help and exit\n"
"  -V, --version             show the version and exit\n"
"\n"
"unmine plugins lists the plugins found: name, version, file, the layers\n"
"each provides and requires, options and summary.\n"
"\n"
"Exit status: 0 if every document was done, 1 if some failed (each is named\n"
"on stderr with the reason), 2 for a usage or setup error, 130 if stopped by\n"
"SIGINT and 143 by SIGTERM (after the documents being annotated, which are\n"
"written; those waiting are not begun). With --exit-zero, 0 when documents\n"
"failed.\n", f);
}

int cli_parse_size(const char *s, int zero_ok, size_t *ret)
{
	char *end;
	unsigned long long v;
	/* digits first: strtoull would take " -1" (a space, a sign) for
	 * the largest size */
	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
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

uint64_t cli_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *u = p;
	for (size_t i = 0; i < n; i++) {
		h ^= u[i];
		h *= 0x100000001b3ULL;
	}
	return h;
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

static void list_names(FILE *f, const char *label, const char *const *names)
{
	fprintf(f, "    %s:", label);
	if (!names || !*names)
		fputs(" -", f);
	for (; names && *names; names++)
		fprintf(f, " %s", *names);
	fputc('\n', f);
}

void cli_list_plugins(const um_plugin_set *set, int selected, FILE *f)
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
		fputs(selected ? "no plugins selected\n" : "no plugins found\n", f);
}

long cli_peak_rss_kib(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1;
	return ru.ru_maxrss;
}

/* The length of the UTF-8 sequence at s (n bytes left, s[0] not ASCII)
 * if it is valid (utf8proc refuses overlong forms, surrogates and values
 * past U+10FFFF) and not a C1 control (U+0080 to U+009F, which some
 * terminals obey as escapes); 0 otherwise. */
static size_t printable_utf8(const unsigned char *s, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)n, &cp);
	return k > 1 && cp > 0x9F ? (size_t)k : 0;
}

double cli_seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	       (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

char *cli_vline(size_t *ret_len, const char *fmt, va_list ap)
{
	static const char hex[] = "0123456789abcdef";
	va_list aq;
	char *text, *line;
	size_t n, len = 0;
	int r;

	va_copy(aq, ap);
	r = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	n = r > 0 ? (size_t)r : 0;
	text = malloc(n + 1);
	line = malloc(4 * n + 2);
	if (!text || !line)
		abort();
	if (vsnprintf(text, n + 1, fmt, ap) < 0)
		n = 0;
	if (n && text[n - 1] == '\n')
		n--;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)text[i];
		size_t k;
		if (ch >= 0x20 && ch < 0x7f && ch != '\\') {
			line[len++] = (char)ch;
			continue;
		}
		if (ch >= 0x80 &&
		    (k = printable_utf8((const unsigned char *)text + i, n - i))) {
			memcpy(line + len, text + i, k);
			len += k;
			i += k - 1;
			continue;
		}
		line[len++] = '\\';
		if (ch == '\\') {
			line[len++] = '\\';  /* a name's "\\n" is not a line end's */
		} else if (ch == '\n' || ch == '\r' || ch == '\t') {
			line[len++] = ch == '\n' ? 'n' : ch == '\r' ? 'r' : 't';
		} else {
			line[len++] = 'x';
			line[len++] = hex[ch >> 4];
			line[len++] = hex[ch & 15];
		}
	}
	line[len++] = '\n';
	line[len] = 0;
	free(text);
	*ret_len = len;
	return line;
}

void cli_vsay(const char *fmt, va_list ap)
{
	size_t len;
	char *line = cli_vline(&len, fmt, ap);
	fwrite(line, 1, len, stderr);
	free(line);
}

char *cli_line(size_t *ret_len, const char *fmt, ...)
{
	va_list ap;
	char *line;
	va_start(ap, fmt);
	line = cli_vline(ret_len, fmt, ap);
	va_end(ap);
	return line;
}

void cli_say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vsay(fmt, ap);
	va_end(ap);
}

char *cli_xprintf(const char *fmt, ...)
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
