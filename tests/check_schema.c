/* Tests: real output of the CLI's stages validates against the RELAX NG schema. */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "suites.h"
#include "testutil.h"

static xmlRelaxNGPtr schema;

static void load_schema(void)
{
	xmlRelaxNGParserCtxtPtr pc =
		xmlRelaxNGNewParserCtxt(TEST_TOP_SRCDIR "/schema/unmine.rng");
	ck_assert_ptr_nonnull(pc);
	schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	ck_assert_ptr_nonnull(schema);
}

static void free_schema(void)
{
	xmlRelaxNGFree(schema);
	schema = NULL;
}

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* 0 if the XML in buf validates. */
static int validate(const char *buf, size_t len)
{
	xmlDocPtr d = xmlReadMemory(buf, (int)len, "out.xml", NULL, XML_PARSE_NONET);
	xmlRelaxNGValidCtxtPtr vc;
	int r;
	ck_assert_ptr_nonnull(d);
	vc = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidErrors(vc, quiet, quiet, NULL);
	r = xmlRelaxNGValidateDoc(vc, d);
	xmlRelaxNGFreeValidCtxt(vc);
	xmlFreeDoc(d);
	return r;
}

struct run {
	um_plugin_set *set;
	FILE *f;
	int format;
	size_t docs;
};

static int write_one(void *ctx, const char *path, const char *rel)
{
	struct run *r = ctx;
	char err[512];
	um_doc *doc;
	(void)rel;
	ck_assert_int_eq(um_read_file(path, NULL, &doc, err, sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_run(r->set, doc, err, sizeof(err)), 0);
	ck_assert_int_eq(um_write_doc(r->f, doc, r->format), 0);
	um_doc_free(doc);
	r->docs++;
	return 0;
}

/* The whole corpus through the real acronyms plugin, in one format. */
static char *corpus_output(int format, size_t *len)
{
	struct run r;
	char err[512], *buf = NULL;

	r.set = um_plugin_set_new();
	r.f = open_memstream(&buf, len);
	r.format = format;
	r.docs = 0;
	ck_assert_int_eq(um_plugin_set_load(r.set, TEST_TOP_BUILDDIR
	                 "/plugins/acronyms/.libs/acronyms.so", err, sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_resolve(r.set, 1, NULL, NULL, err,
	                                       sizeof(err)), 0);
	ck_assert_int_eq(um_plugin_set_init(r.set, err, sizeof(err)), 0);
	ck_assert_int_eq(um_write_begin(r.f, "corpus"), 0);
	ck_assert_uint_eq(um_walk(TEST_TOP_SRCDIR "/corpus", write_one, &r, NULL,
	                          NULL), 0);
	ck_assert_uint_ge(r.docs, 5);
	ck_assert_int_eq(um_write_end(r.f, "corpus"), 0);
	fclose(r.f);
	um_plugin_set_free(r.set);
	return buf;
}

START_TEST(inline_corpus_validates)
{
	size_t len;
	char *out = corpus_output(UM_OUT_XML, &len);
	/* The acronyms plugin did annotate: the schema is checked on real
	 * annotation elements, not only on bare text. */
	ck_assert_ptr_nonnull(strstr(out, "<acronym id="));
	ck_assert_int_eq(validate(out, len), 0);
	free(out);
}
END_TEST

START_TEST(standoff_corpus_validates)
{
	size_t len;
	char *out = corpus_output(UM_OUT_STANDOFF, &len);
	ck_assert_ptr_nonnull(strstr(out, "<annotation id="));
	ck_assert_ptr_nonnull(strstr(out, "<link role=\"expansion\""));
	ck_assert_int_eq(validate(out, len), 0);
	free(out);
}
END_TEST

START_TEST(schema_rejects_wrong_documents)
{
	static const char *const bad[] = {
		/* no source */
		"<document><text xml:space=\"preserve\">x</text></document>",
		/* an annotation without id */
		"<document source=\"a\"><text xml:space=\"preserve\">"
		"<date by=\"dates\">x</date></text></document>",
		/* a core element used as a layer */
		"<document source=\"a\"><text xml:space=\"preserve\">"
		"<meta id=\"a1\" by=\"p\">x</meta></text></document>",
		/* standoff offsets that are not numbers */
		"<document source=\"a\"><text xml:space=\"preserve\">x</text>"
		"<annotations><annotation id=\"a1\" layer=\"l\" by=\"p\" start=\"x\""
		" end=\"1\"/></annotations></document>",
		/* a link to something that is not an annotation id */
		"<document source=\"a\"><text xml:space=\"preserve\">"
		"<l id=\"a1\" by=\"p\" links=\"date:b2\">x</l></text></document>",
		NULL
	};
	size_t i;
	for (i = 0; bad[i]; i++)
		ck_assert_msg(validate(bad[i], strlen(bad[i])) != 0,
		              "accepted: %s", bad[i]);
	{
		static const char good[] = "<document source=\"a\"><meta "
			"name=\"format\">txt</meta><text xml:space=\"preserve\">a "
			"<l id=\"a1\" by=\"p\" links=\"r:a1\" k=\"v\">b</l></text>"
			"<tags><t id=\"a2\" by=\"p\"/></tags></document>";
		ck_assert_int_eq(validate(good, strlen(good)), 0);
	}
}
END_TEST

Suite *schema_suite(void)
{
	Suite *s = suite_create("schema");
	TCase *tc = tcase_create("schema");
	tcase_add_checked_fixture(tc, load_schema, free_schema);
	tcase_add_test(tc, inline_corpus_validates);
	tcase_add_test(tc, standoff_corpus_validates);
	tcase_add_test(tc, schema_rejects_wrong_documents);
	suite_add_tcase(s, tc);
	return s;
}
