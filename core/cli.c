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

/* Opens tmp, an output's temporary name, to write it from the start,
 * holding a lock on it until it is closed: a second run writing the same
 * output directory at once is refused the file (-1, errno EBUSY) rather
 * than writing into it. A file that a killed run left there is locked by
 * no one and is taken over; a link put in its place (a symbolic one, or a
 * hard link of a copy made with cp -al), which writing would carry to the
 * file it leads to, is removed and a new file made. */
static int open_tmp(const char *tmp)
{
	for (int tries = 0; tries < 8; tries++) {
		struct stat fst, pst;
		int fd = open(tmp, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK |
		              O_CLOEXEC, 0666);
		if (fd < 0) {
			/* a symbolic link, a FIFO: removed, then made anew */
			if ((errno != ELOOP && errno != ENXIO) ||
			    (unlink(tmp) != 0 && errno != ENOENT))
				return -1;
			continue;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
			close(fd);
			errno = EBUSY;
			return -1;
		}
		/* (a file system without locks: written as it is) */
		if (fstat(fd, &fst) != 0 || lstat(tmp, &pst) != 0 ||
		    fst.st_dev != pst.st_dev || fst.st_ino != pst.st_ino) {
			/* renamed by the run that held it before the lock was
			 * taken: that is its output now, not ours to write */
			close(fd);
			continue;
		}
		if (!S_ISREG(fst.st_mode) || fst.st_nlink != 1) {
			int bad = unlink(tmp) != 0 && errno != ENOENT;
			close(fd);
			if (bad)
				return -1;
			continue;
		}
		if (ftruncate(fd, 0) != 0 ||
		    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		return fd;
	}
	errno = EBUSY;
	return -1;
}

void cli_drop_stale_tmp(const char *tmp)
{
	int fd = open(tmp, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP)
			unlink(tmp);
		return;
	}
	/* one that a run writes now is left to it */
	if (flock(fd, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK)
		unlink(tmp);
	close(fd);
}

char *cli_tmp_path(const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	size_t n = strlen(path) + 32;
	char *tmp = malloc(n);
	if (!tmp)
		abort();
	if (strlen(base) + 4 <= NAME_MAX) {
		snprintf(tmp, n, "%s.tmp", path);
	} else {
		/* a name the suffix would make too long: one of the same
		 * length for every such file, from a hash of the name (FNV-1a),
		 * the same in every run */
		uint64_t h = 0xcbf29ce484222325ULL;
		for (const char *p = base; *p; p++)
			h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
		snprintf(tmp, n, "%.*s.unmine-%016llx.tmp", (int)(base - path), path,
		         (unsigned long long)h);
	}
	return tmp;
}

int cli_write_file(const struct cli *c, const char *rel, const um_doc *doc,
                   const struct timespec *mtime, char **last_dir, char *err,
                   size_t errlen)
{
	/* Written under a temporary name and renamed: an interrupted run
	 * leaves no half-written output, and the name is the same in every
	 * run, so that a run resumed after a kill writes over what a killed
	 * one left. It stays locked until it is renamed. */
	char *path = cli_output_path(c, rel), *tmp = cli_tmp_path(path);
	FILE *f = NULL;
	int rc, fd;

	if (make_parents(path, last_dir) != 0) {
		rc = errno;
		snprintf(err, errlen, "cannot create the directory of %s: %s",
		         path, strerror(rc));
		goto out;
	}
	fd = open_tmp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		rc = errno;
		snprintf(err, errlen, "cannot write %s: %s", tmp,
		         rc == EBUSY ? "another run is writing it" : strerror(rc));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	/* the time last, once every byte is written; errno cleared, so
	 * that a failure that sets none is not told by an earlier one */
	errno = 0;
	if ((c->output == UM_OUT_EDGES ? um_write_edges_header(f) :
	     c->output == UM_OUT_JSONL ? 0 : um_write_begin(f, NULL)) ||
	    um_write_doc(f, doc, c->output) || fflush(f) != 0 ||
	    (mtime && futimens(fd, (const struct timespec[2]) {
	                       { .tv_nsec = UTIME_OMIT }, *mtime }) != 0)) {
		rc = errno ? errno : EIO;
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(rc));
		unlink(tmp);
		fclose(f);
		goto out;
	}
	/* renamed before it is closed, while it is still locked */
	if (rename(tmp, path) != 0) {
		rc = errno;
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(rc));
		unlink(tmp);
		fclose(f);
		goto out;
	}
	if (fclose(f) != 0) {
		rc = errno;
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(rc));
		unlink(path);
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

/* A value on a line of its own: control bytes and backslashes as \xHH. */
static void put_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 || ch == 0x7f || ch == '\\')
			fprintf(f, "\\x%02x", ch);
		else
			fputc(ch, f);
	}
}

/* A file named by a string option (a taxonomy): what is in it, not where
 * it is. 0 if value names no regular file. */
static int put_file(FILE *f, const char *value)
{
	unsigned char buf[65536];
	uint64_t h = CLI_FNV_BASIS, size = 0;
	struct stat st;
	size_t n;
	FILE *in;
	if (!*value || stat(value, &st) != 0 || !S_ISREG(st.st_mode) ||
	    !(in = fopen(value, "rb")))
		return 0;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		h = cli_fnv1a(h, buf, n);
		size += n;
	}
	fclose(in);
	fprintf(f, "a file of %llu bytes, FNV-1a %016llx",
	        (unsigned long long)size, (unsigned long long)h);
	return 1;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The value --option gave key of plugin p last, or NULL. */
static const char *setting_of(const struct cli *c, const char *p,
                              const char *key)
{
	size_t np = strlen(p), nk = strlen(key);
	const char *v = NULL;
	for (size_t i = 0; i < c->nsettings; i++) {
		const char *s = c->settings[i];
		if (!strncmp(s, p, np) && s[np] == '.' &&
		    !strncmp(s + np + 1, key, nk) && s[np + 1 + nk] == '=')
			v = s + np + nk + 2;
	}
	return v;
}

char *cli_settings_text(const struct cli *c, const um_plugin_set *set)
{
	static const char *const outputs[] = { "", "xml", "standoff", "edges",
	                                       "jsonl" };
	char *text = NULL, now[1024], dflt[1024];
	size_t len = 0, i, n = 0;
	const char **el = NULL;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		abort();
	fprintf(f, "# The settings this directory's files were written with: "
	        "unmine writes\n# no files of other settings here.\n");
	fprintf(f, "unmine %s\n", PACKAGE_VERSION);
	fprintf(f, "format %s\n", c->output >= 1 && c->output <= 4 ?
	        outputs[c->output] : "?");
	fprintf(f, "input-format %s\n", um_format_name(c->read.format));
	/* the elements read, as a set */
	fputs("elements", f);
	for (n = 0; c->elements && c->elements[n]; n++)
		;
	if (n && !(el = malloc(n * sizeof(*el))))
		abort();
	for (i = 0; i < n; i++)
		el[i] = c->elements[i];
	if (n)
		qsort(el, n, sizeof(*el), name_cmp);
	for (i = 0; i < n; i++)
		if (!i || strcmp(el[i], el[i - 1])) {
			fputc(i ? ',' : ' ', f);
			put_escaped(f, el[i]);
		}
	free(el);
	fputs(n ? "\nlang " : " (all)\nlang ", f);
	put_escaped(f, c->read.language ? c->read.language : "en");
	fputc('\n', f);
	/* the plugins in run order, each option that is not at its default
	 * (compared as the plugin reads it: "YES" is "yes"), in the order
	 * of the plugin's table */
	for (i = 0; i < um_plugin_set_count(set); i++) {
		const um_plugin *p = um_plugin_set_at(set, i, NULL);
		fprintf(f, "plugin %s %s\n", p->name, p->version);
		for (const um_option *o = p->options; o && o->name; o++) {
			const char *v = setting_of(c, p->name, o->name);
			if (!v || um_option_canonical(o, v, now, sizeof(now)) ||
			    (!um_option_canonical(o, o->dflt, dflt, sizeof(dflt)) &&
			     !strcmp(now, dflt)))
				continue;
			fprintf(f, "option %s.%s=", p->name, o->name);
			if (o->type != UM_OPT_STRING || !put_file(f, v))
				put_escaped(f, now);
			fputc('\n', f);
		}
	}
	if (fclose(f) != 0)
		abort();
	return text;
}

/* Line s (to its end) into buf, cut to 200 bytes, control bytes as \xHH:
 * a stray CR must not make two lines look the same. */
static void show_line(const char *s, char *buf, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; s[i] && s[i] != '\n' && i < 200 && k + 5 < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x20 || ch == 0x7f)
			k += (size_t)snprintf(buf + k, n - k, "\\x%02x", ch);
		else
			buf[k++] = (char)ch;
	}
	buf[k] = 0;
}

/* What tells settings a (of the files) from b (of this run) apart: the
 * first line where they differ. */
static void settings_diff(const char *a, const char *b, char *buf, size_t n)
{
	char la[1024], lb[1024];
	while (*a && *b) {
		size_t na = strcspn(a, "\n"), nb = strcspn(b, "\n");
		if (na != nb || memcmp(a, b, na))
			break;
		a += na + (a[na] == '\n');
		b += nb + (b[nb] == '\n');
	}
	show_line(a, la, sizeof(la));
	show_line(b, lb, sizeof(lb));
	if (*a && *b)
		snprintf(buf, n, "they have \"%s\", this run \"%s\"", la, lb);
	else if (*a)
		snprintf(buf, n, "they have \"%s\", this run does not", la);
	else
		snprintf(buf, n, "this run has \"%s\", they do not", lb);
}

/* The settings without their comment and blank lines, CR LF as LF, each
 * line ending in a line end: what is compared, so that a file edited on
 * another system, or written by a version that words its comment
 * otherwise, agrees. */
static size_t settings_lines(const char *s, size_t len, char *out)
{
	size_t k = 0, i = 0;
	while (i < len) {
		size_t n = 0, m;
		while (i + n < len && s[i + n] != '\n')
			n++;
		m = n;
		while (m && s[i + m - 1] == '\r')
			m--;
		if (m && s[i] != '#') {
			memcpy(out + k, s + i, m);
			k += m;
			out[k++] = '\n';
		}
		i += n + 1;
	}
	out[k] = 0;
	return k;
}

/* Compares the settings file at path with text: 0 the same, 1 not (err
 * says how), -1 when it cannot be read (errno ENOENT: there is none). */
static int compare_settings(const char *path, const char *text, char *err,
                            size_t errlen)
{
	char *old, *a, *b, diff[2600];
	size_t cap = 65536 + 2, len = 0, got, na;
	FILE *f = fopen(path, "rb");
	int rc = 0, e;
	if (!f) {
		e = errno;
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(e));
		errno = e;
		return -1;
	}
	if (!(old = malloc(cap)))
		abort();
	/* a few hundred bytes: more than 64 KiB is not one of ours */
	while (len < cap - 1 && (got = fread(old + len, 1, cap - 1 - len, f)) > 0)
		len += got;
	if (ferror(f)) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		fclose(f);
		free(old);
		errno = EIO;
		return -1;
	}
	fclose(f);
	if (!(a = malloc(len + 2)) || !(b = malloc(strlen(text) + 2)))
		abort();
	na = settings_lines(old, len, a);
	settings_lines(text, strlen(text), b);
	if (memchr(a, 0, na)) {
		snprintf(err, errlen, "%s: not a settings file (a NUL byte); "
		         "write into another directory", path);
		rc = 1;
	} else if (strcmp(a, b)) {
		settings_diff(a, b, diff, sizeof(diff));
		snprintf(err, errlen, "%s: the files there were made with other "
		         "settings (%s); write into another directory, or empty "
		         "this one first", path, diff);
		rc = 1;
	}
	free(old);
	free(a);
	free(b);
	return rc;
}

/* Writes text as a new file at path, which must not exist: 0, or -1 with
 * errno (EEXIST: another run made it first). */
static int write_new(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	size_t len = strlen(text), done = 0;
	if (fd < 0)
		return -1;
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;
			close(fd);
			unlink(path);
			errno = e;
			return -1;
		}
		done += (size_t)w;
	}
	return close(fd);
}

int cli_claim_settings(const struct cli *c, const char *text, char *err,
                       size_t errlen)
{
	size_t n = strlen(c->outdir) + sizeof("/" CLI_SETTINGS_FILE ".XXXXXX");
	char *path = malloc(n), *tmp = malloc(n);
	int rc = -1, fd, saved, bad;
	mode_t mask = umask(0);   /* no other thread runs yet */
	FILE *f;
	umask(mask);
	if (!path || !tmp)
		abort();
	snprintf(path, n, "%s/%s", c->outdir, CLI_SETTINGS_FILE);
	/* Made once, by the first run into the directory, and never changed:
	 * written under a name of its own and linked into place, which fails
	 * if another run (a shard on another machine) was first; then it is
	 * that one's that counts. */
	for (int attempt = 0; attempt < 2; attempt++) {
		rc = compare_settings(path, text, err, errlen);
		if (rc >= 0 || errno != ENOENT)
			goto out;
		snprintf(tmp, n, "%s/%s.XXXXXX", c->outdir, CLI_SETTINGS_FILE);
		if ((fd = mkstemp(tmp)) < 0) {
			snprintf(err, errlen, "cannot write in %s: %s", c->outdir,
			         strerror(errno));
			rc = -1;
			goto out;
		}
		/* mkstemp makes it for its owner alone; outputs are not */
		fchmod(fd, 0666 & ~mask);
		/* closed whatever fails */
		if (!(f = fdopen(fd, "w"))) {
			bad = errno;
			close(fd);
		} else {
			errno = 0;
			bad = fputs(text, f) == EOF ? (errno ? errno : EIO) : 0;
			errno = 0;
			if (fclose(f) != 0 && !bad)
				bad = errno ? errno : EIO;
		}
		if (bad) {
			snprintf(err, errlen, "cannot write %s: %s", tmp,
			         strerror(bad));
			unlink(tmp);
			rc = -1;
			goto out;
		}
		rc = link(tmp, path);
		saved = errno;
		unlink(tmp);
		/* a file system without hard links: created in place, still
		 * by one run alone (a run killed while it writes those few
		 * hundred bytes may leave it short) */
		if (rc != 0 && saved != EEXIST) {
			rc = write_new(path, text, 0666 & ~mask);
			saved = errno;
		}
		if (rc == 0)
			goto out;
		if (saved != EEXIST) {
			snprintf(err, errlen, "cannot write %s: %s", path,
			         strerror(saved));
			goto out;
		}
		/* another run made it first: compare with that one */
	}
	/* made and gone again twice while it was being read */
	snprintf(err, errlen, "%s was made and removed again by another run "
	         "meanwhile; try again", path);
	rc = -1;
out:
	free(path);
	free(tmp);
	return rc;
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

void cli_say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vsay(fmt, ap);
	va_end(ap);
}
