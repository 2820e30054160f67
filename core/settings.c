/* The settings file of an output directory: the settings its files were
 * written with, made by the first run and compared by the others. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "cli.h"

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

/* A run killed while it wrote the settings leaves them under the name of
 * its own (.unmine-settings.XXXXXX): removed by the next run into the
 * directory, unless a run that is alive holds it (locked while it is
 * written, linked and removed). */
static void remove_stale_settings(const char *dir)
{
	static const char prefix[] = CLI_SETTINGS_FILE ".";
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char *path;
		if (strncmp(e->d_name, prefix, sizeof(prefix) - 1) != 0 ||
		    strlen(e->d_name) != sizeof(prefix) - 1 + 6)
			continue;
		path = cli_xprintf("%s/%s", dir, e->d_name);
		cli_drop_stale_tmp(path);
		free(path);
	}
	closedir(d);
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
	remove_stale_settings(c->outdir);
	for (int attempt = 0; attempt < 2; attempt++) {
		int held;
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
		/* held until it is removed: another run leaves it alone */
		flock(fd, LOCK_EX);
		held = dup(fd);
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
			if (held >= 0)
				close(held);
			rc = -1;
			goto out;
		}
		rc = link(tmp, path);
		saved = errno;
		unlink(tmp);
		if (held >= 0)
			close(held);
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
