/* Helpers shared by the test suites. */
#define _GNU_SOURCE
#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

um_doc *tu_doc(const char *s)
{
	um_doc *doc = um_doc_new();
	char *norm;
	size_t len;
	ck_assert_int_eq(um_text_normalize(s, strlen(s), &norm, &len, NULL, NULL), 0);
	ck_assert_int_eq(um_doc_set_text(doc, norm, len), 0);
	free(norm);
	um_doc_tokenize(doc);
	return doc;
}

const char *tu_covered(const um_doc *doc, const um_annot *a)
{
	static char buf[1024];
	size_t b, e, n;
	const um_token *t = um_doc_tokens(doc, &n);
	const char *text = um_doc_text(doc, NULL);
	ck_assert_int_eq(um_annot_span(a, &b, &e), 0);
	ck_assert_uint_lt(b, e);
	ck_assert_uint_le(e, n);
	snprintf(buf, sizeof(buf), "%.*s", (int)(t[e - 1].end - t[b].begin),
	         text + t[b].begin);
	return buf;
}

um_plugin_set *tu_plugins(const char *names, const char *option)
{
	char err[256], path[1024], name[64];
	um_plugin_set *set = um_plugin_set_new();
	for (const char *p = names; *p;) {
		size_t n = strcspn(p, ",");
		ck_assert_uint_lt(n, sizeof(name));
		snprintf(name, sizeof(name), "%.*s", (int)n, p);
		snprintf(path, sizeof(path), "%s/plugins/%s/.libs/%s.so",
		         TEST_TOP_BUILDDIR, name, name);
		ck_assert_msg(um_plugin_set_load(set, path, err, sizeof(err)) == 0,
		              "%s", err);
		p += n + (p[n] == ',');
	}
	if (option)
		ck_assert_int_eq(um_plugin_set_option(set, option, err,
		                                      sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_resolve(set, 1, NULL, NULL, err,
	                                       sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_init(set, err, sizeof(err)), 0);
	return set;
}

void tu_run(um_plugin_set *set, um_doc *doc)
{
	char err[256];
	ck_assert_msg(um_plugin_set_run(set, doc, err, sizeof(err)) == 0, "%s", err);
}

const char *tu_tok(const um_doc *doc, size_t i)
{
	static char buf[4096];
	size_t n;
	const um_token *t = um_doc_tokens(doc, &n);
	const char *text = um_doc_text(doc, NULL);
	ck_assert_uint_lt(i, n);
	snprintf(buf, sizeof(buf), "%.*s", (int)(t[i].end - t[i].begin),
	         text + t[i].begin);
	return buf;
}

const char *tu_fold(const um_doc *doc, size_t i)
{
	static char buf[4096];
	size_t n;
	const um_token *t = um_doc_tokens(doc, &n);
	ck_assert_uint_lt(i, n);
	snprintf(buf, sizeof(buf), "%.*s", (int)t[i].fold_len, t[i].fold);
	return buf;
}

const char *tu_content(const um_doc *doc)
{
	static char buf[16384];
	size_t n, i, len = 0;
	const um_token *t = um_doc_tokens(doc, &n);
	const char *text = um_doc_text(doc, NULL);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (um_token_is_space(&t[i]))
			continue;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%.*s",
		                        len ? "|" : "", (int)(t[i].end - t[i].begin),
		                        text + t[i].begin);
		ck_assert_uint_lt(len, sizeof(buf));
	}
	return buf;
}

char *tu_tempdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *path;
	ck_assert(asprintf(&path, "%s/unmine-test-XXXXXX", tmp ? tmp : "/tmp") > 0);
	ck_assert_ptr_nonnull(mkdtemp(path));
	return path;
}

static int rm_one(const char *path, const struct stat *st, int flag,
                  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void tu_rmtree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *tu_write(const char *dir, const char *name, const void *data, size_t n)
{
	char *path;
	FILE *f;
	ck_assert(asprintf(&path, "%s/%s", dir, name) > 0);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

char *tu_slurp(const char *path, size_t *ret_len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	if (ret_len)
		*ret_len = (size_t)n;
	return buf;
}
