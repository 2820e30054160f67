/*
 * A plugin against a hand-annotated gold sample: precision, recall and F1
 * of mention spans (exact and overlapping), and the share of exactly
 * found mentions whose normalised attribute is right.
 *
 *   eval_gold [-v] -l LAYER -a ATTR [-t TYPE=ATTR] -p PLUGIN.so...
 *             [-f MIN_F1] [-r MIN_P_AND_R] [-m MIN_ATTR] DIR|GOLD.txt...
 *
 * A gold file is text with every mention marked [[surface|type|value]] or
 * [[surface|type|value|mod]]; value is compared with the annotation's
 * attribute ATTR, or, for mentions of a TYPE given with -t, with that
 * attribute ("-t city=country", repeatable). Each directory is scored as a set of its
 * ".txt" files; files given by name make one set. Exits 1 when a set is
 * below a target given (-f, -r: precision and recall each, -m), 2 on a
 * bad gold file or setup; -v lists every difference.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unmine/annot.h>
#include <unmine/doc.h>
#include <unmine/loader.h>
#include <unmine/reader.h>

static const char *layer, *attr;
/* -t TYPE=ATTR: the attribute compared for mentions of that type */
static struct { char type[32]; const char *attr; } overrides[8];
static size_t noverrides;

static const char *attr_for(const char *type)
{
	for (size_t i = 0; i < noverrides; i++)
		if (type && !strcmp(type, overrides[i].type))
			return overrides[i].attr;
	return attr;
}
static double min_f1, min_pr, min_attr;

struct gold {
	size_t b, e;          /* bytes of the stripped text */
	char type[16];
	char value[64];
	int found;
};

struct totals {
	size_t gold, found, exact, overlap_gold, overlap_found, value_ok,
	       type_ok;
};

static int verbose;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = 0;
	*len = (size_t)n;
	return buf;
}

/* Strips the markup of src into text; fills g. Returns the number of
 * mentions, or -1 with a message for a malformed marker. */
static long parse_gold(const char *path, const char *src, char *text,
                       size_t *tlen, struct gold **g)
{
	size_t n = 0, cap = 0, o = 0;
	const char *p = src;
	*g = NULL;
	while (*p) {
		const char *close, *f[4];
		int nf = 0;
		if (p[0] != '[' || p[1] != '[') {
			text[o++] = *p++;
			continue;
		}
		close = strstr(p + 2, "]]");
		if (!close) {
			fprintf(stderr, "%s: unclosed [[ at byte %ld\n", path,
			        (long)(p - src));
			return -1;
		}
		f[nf++] = p + 2;
		for (const char *q = p + 2; q < close; q++)
			if (*q == '|') {
				if (nf == 4)
					break;
				f[nf++] = q + 1;
			}
		if (nf < 3) {
			fprintf(stderr, "%s: marker at byte %ld has %d fields\n",
			        path, (long)(p - src), nf);
			return -1;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			*g = realloc(*g, cap * sizeof(**g));
			if (!*g)
				abort();
		}
		struct gold *m = &(*g)[n++];
		size_t slen = (size_t)(f[1] - 1 - f[0]);
		memset(m, 0, sizeof(*m));
		m->b = o;
		memcpy(text + o, f[0], slen);
		o += slen;
		m->e = o;
		snprintf(m->type, sizeof(m->type), "%.*s", (int)(f[2] - 1 - f[1]),
		         f[1]);
		snprintf(m->value, sizeof(m->value), "%.*s",
		         (int)((nf == 4 ? f[3] - 1 : close) - f[2]), f[2]);
		p = close + 2;
	}
	text[o] = 0;
	*tlen = o;
	return (long)n;
}

static void excerpt(const char *text, size_t b, size_t e, char *buf, size_t n)
{
	size_t k = 0;
	for (size_t i = b; i < e && k + 1 < n; i++)
		buf[k++] = text[i] == '\n' ? ' ' : text[i];
	buf[k] = 0;
}

static int eval_file(um_plugin_set *set, const char *path, struct totals *t)
{
	size_t slen, tlen, dlen, ntok;
	char *src = slurp(path, &slen), *text;
	struct gold *g;
	long ng;
	um_doc *doc = NULL;
	um_read_options opt;
	char err[256], a[256];
	int rc = 2;
	if (!src) {
		fprintf(stderr, "%s: cannot read\n", path);
		return 2;
	}
	text = malloc(slen + 1);
	if (!text)
		abort();
	ng = parse_gold(path, src, text, &tlen, &g);
	if (ng < 0)
		goto out;
	memset(&opt, 0, sizeof(opt));
	opt.format = UM_FMT_TXT;
	if (um_read_memory(text, tlen, path, &opt, &doc, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", path, err);
		goto out;
	}
	const char *dtext = um_doc_text(doc, &dlen);
	if (dlen != tlen || memcmp(dtext, text, tlen) != 0) {
		fprintf(stderr, "%s: the text is not in normal form (NFC, LF)\n",
		        path);
		goto out;
	}
	if (um_plugin_set_run(set, doc, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", path, err);
		goto out;
	}
	const um_token *tok = um_doc_tokens(doc, &ntok);
	size_t nf = um_annot_count(doc, layer);
	t->gold += (size_t)ng;
	t->found += nf;
	for (size_t i = 0; i < nf; i++) {
		const um_annot *an = um_annot_at(doc, layer, i);
		size_t tb, te, b, e;
		const char *ty = um_annot_get(an, "type");
		const char *v = um_annot_get(an, attr_for(ty));
		int exact = 0, overlap = 0;
		um_annot_span(an, &tb, &te);
		b = tok[tb].begin;
		e = tok[te - 1].end;
		v = v ? v : "";
		ty = ty ? ty : "";
		for (long k = 0; k < ng; k++) {
			struct gold *m = &g[k];
			if (m->b == b && m->e == e) {
				exact = 1;
				m->found = 2;
				t->exact++;
				if (strcmp(m->value, v) == 0)
					t->value_ok++;
				else if (verbose) {
					excerpt(text, b, e, a, sizeof(a));
					printf("%s: value \"%s\": want %s, got %s\n", path,
					       a, m->value[0] ? m->value : "(none)",
					       v[0] ? v : "(none)");
				}
				if (strcmp(m->type, ty) == 0)
					t->type_ok++;
			} else if (m->b < e && b < m->e) {
				overlap = 1;
				if (!m->found)
					m->found = 1;
			}
		}
		if (exact || overlap)
			t->overlap_found++;
		if (!exact && verbose) {
			excerpt(text, b, e, a, sizeof(a));
			printf("%s: %s \"%s\" %s %s\n", path,
			       overlap ? "boundary" : "extra", a, ty,
			       v[0] ? v : "(none)");
		}
	}
	for (long k = 0; k < ng; k++) {
		if (g[k].found)
			t->overlap_gold++;
		if (g[k].found != 2 && verbose) {
			excerpt(text, g[k].b, g[k].e, a, sizeof(a));
			printf("%s: %s \"%s\" %s %s\n", path,
			       g[k].found ? "boundary-gold" : "missed", a,
			       g[k].type, g[k].value[0] ? g[k].value : "(none)");
		}
	}
	rc = 0;
out:
	um_doc_free(doc);
	free(g);
	free(text);
	free(src);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static double ratio(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

static double f1(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

/* The ".txt" files of dir, sorted; NULL if it cannot be read. */
static char **list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **files;
	*n = 0;
	if (!d)
		return NULL;
	files = malloc(sizeof(*files));
	if (!files)
		abort();
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".txt") != 0)
			continue;
		files = realloc(files, (*n + 1) * sizeof(*files));
		if (!files || !(files[*n] = malloc(strlen(dir) + len + 2)))
			abort();
		sprintf(files[(*n)++], "%s/%s", dir, de->d_name);
	}
	closedir(d);
	qsort(files, *n, sizeof(*files), by_name);
	return files;
}

/* Scores one set of files and prints its report; 1 below the targets, 2
 * on a bad file. */
static int eval_set(um_plugin_set *set, const char *name, char **files,
                    size_t nfiles)
{
	struct totals t;
	int rc = 0;
	memset(&t, 0, sizeof(t));
	for (size_t k = 0; k < nfiles; k++)
		if (eval_file(set, files[k], &t) != 0)
			rc = 2;
	if (rc)
		return rc;
	double p = ratio(t.exact, t.found), r = ratio(t.exact, t.gold);
	double lp = ratio(t.overlap_found, t.found), lr = ratio(t.overlap_gold, t.gold);
	double va = ratio(t.value_ok, t.exact);
	printf("%s: %zu files, %zu mentions; found %zu\n", name, nfiles, t.gold,
	       t.found);
	printf("  exact spans:   precision %.3f  recall %.3f  F1 %.3f\n", p, r,
	       f1(p, r));
	printf("  overlapping:   precision %.3f  recall %.3f  F1 %.3f\n", lp, lr,
	       f1(lp, lr));
	printf("  %s accuracy %.3f (%zu of %zu exact), type accuracy %.3f\n",
	       attr, va, t.value_ok, t.exact, ratio(t.type_ok, t.exact));
	if (f1(p, r) < min_f1 || p < min_pr || r < min_pr || va < min_attr) {
		printf("  below target (F1 %.2f, precision and recall %.2f, %s "
		       "accuracy %.2f)\n", min_f1, min_pr, attr, min_attr);
		return 1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: eval_gold [-v] -l LAYER -a ATTR [-t TYPE=ATTR] "
	        "-p PLUGIN.so... [-f MIN_F1] [-r MIN_P_AND_R] [-m MIN_ATTR] "
	        "DIR|GOLD.txt...\n");
}

int main(int argc, char **argv)
{
	char err[256];
	int i, rc = 0;
	um_plugin_set *set = um_plugin_set_new();
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "-v")) {
			verbose = 1;
			continue;
		}
		if (i + 1 >= argc || strlen(o) != 2) {
			usage();
			return 2;
		}
		const char *arg = argv[++i];
		switch (o[1]) {
		case 'l': layer = arg; break;
		case 'a': attr = arg; break;
		case 't': {
			const char *eq = strchr(arg, '=');
			if (!eq || (size_t)(eq - arg) >= sizeof(overrides[0].type) ||
			    noverrides == sizeof(overrides) / sizeof(overrides[0])) {
				usage();
				return 2;
			}
			snprintf(overrides[noverrides].type, sizeof(overrides[0].type),
			         "%.*s", (int)(eq - arg), arg);
			overrides[noverrides++].attr = eq + 1;
			break;
		}
		case 'p':
			if (um_plugin_set_load(set, arg, err, sizeof(err)) < 0) {
				fprintf(stderr, "eval_gold: %s\n", err);
				um_plugin_set_free(set);
				return 2;
			}
			break;
		case 'f': min_f1 = atof(arg); break;
		case 'r': min_pr = atof(arg); break;
		case 'm': min_attr = atof(arg); break;
		default:
			usage();
			return 2;
		}
	}
	if (!layer || !attr || i >= argc || um_plugin_set_count(set) == 0) {
		usage();
		um_plugin_set_free(set);
		return 2;
	}
	if (um_plugin_set_resolve(set, 1, NULL, NULL, err, sizeof(err)) < 0 ||
	    um_plugin_set_init(set, err, sizeof(err)) < 0) {
		fprintf(stderr, "eval_gold: %s\n", err);
		um_plugin_set_free(set);
		return 2;
	}
	struct stat st;
	if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
		for (; i < argc; i++) {
			size_t n = 0;
			char **files = list_dir(argv[i], &n);
			int r = files ? eval_set(set, argv[i], files, n) : 2;
			if (!files)
				fprintf(stderr, "eval_gold: %s: cannot open\n", argv[i]);
			for (size_t k = 0; k < n; k++)
				free(files[k]);
			free(files);
			rc = r > rc ? r : rc;
		}
	} else {
		rc = eval_set(set, "files", argv + i, (size_t)(argc - i));
	}
	um_plugin_set_free(set);
	return rc;
}
