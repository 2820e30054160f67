/* Tests: the annotation store and document metadata. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "testutil.h"

/* What *ret must still hold after a failure: results are set only on
 * success. */
static int sentinel_object;
#define SENTINEL ((um_annot *)(void *)&sentinel_object)

/* The(0) _ Security(2) _ Council(4) _ met(6) _ in(8) _ New(10) _ York(12) .(13) */
static const char TEXT[] = "The Security Council met in New York.";
#define NTOK 14

START_TEST(add_set_get)
{
	um_doc *doc = tu_doc(TEXT);
	um_annot *a = NULL;
	const char *k, *v;
	size_t b = 99, e = 99, n;

	um_doc_tokens(doc, &n);
	ck_assert_uint_eq(n, NTOK);
	ck_assert_int_eq(um_annot_add(doc, "org", 2, 5, &a), 0);
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(um_annot_layer(a), "org");
	ck_assert_int_eq(um_annot_span(a, &b, &e), 0);
	ck_assert_uint_eq(b, 2);
	ck_assert_uint_eq(e, 5);
	ck_assert_int_eq(um_annot_set(doc, a, "type", "body"), 0);
	ck_assert_int_eq(um_annot_set(doc, a, "name.full", "Security Council"), 0);
	ck_assert_str_eq(um_annot_get(a, "type"), "body");
	ck_assert_str_eq(um_annot_get(a, "name.full"), "Security Council");
	ck_assert_ptr_null(um_annot_get(a, "missing"));
	ck_assert_int_eq(um_annot_attr_at(a, 0, &k, &v), 0);
	ck_assert_str_eq(k, "type");
	ck_assert_str_eq(v, "body");
	ck_assert_int_eq(um_annot_attr_at(a, 1, &k, &v), 0);
	ck_assert_str_eq(k, "name.full");
	ck_assert_str_eq(v, "Security Council");
	k = v = "unset";
	ck_assert_int_eq(um_annot_attr_at(a, 2, &k, &v), UM_ENOENT);
	ck_assert_str_eq(k, "unset");
	ck_assert_str_eq(v, "unset");
	/* ret may be NULL. */
	ck_assert_int_eq(um_annot_add(doc, "org", 10, 13, NULL), 0);
	ck_assert_uint_eq(um_annot_count(doc, "org"), 2);
	um_doc_free(doc);
}
END_TEST

START_TEST(values_are_copied)
{
	um_doc *doc = tu_doc(TEXT);
	um_annot *a;
	char key[16] = "kind", value[16] = "city";
	ck_assert_int_eq(um_annot_add(doc, "place", 10, 13, &a), 0);
	ck_assert_int_eq(um_annot_set(doc, a, key, value), 0);
	strcpy(key, "xxxx");
	strcpy(value, "yyyy");
	ck_assert_str_eq(um_annot_get(a, "kind"), "city");
	um_doc_free(doc);
}
END_TEST

START_TEST(value_replaced_in_place)
{
	um_doc *doc = tu_doc(TEXT);
	um_annot *a;
	const char *k, *v;
	ck_assert_int_eq(um_annot_add(doc, "place", 10, 13, &a), 0);
	ck_assert_int_eq(um_annot_set(doc, a, "a", "1"), 0);
	ck_assert_int_eq(um_annot_set(doc, a, "b", "2"), 0);
	ck_assert_int_eq(um_annot_set(doc, a, "a", "3"), 0);
	ck_assert_str_eq(um_annot_get(a, "a"), "3");
	ck_assert_int_eq(um_annot_attr_at(a, 0, &k, &v), 0);
	ck_assert_str_eq(k, "a");
	ck_assert_str_eq(v, "3");
	ck_assert_int_eq(um_annot_attr_at(a, 1, &k, &v), 0);
	ck_assert_str_eq(k, "b");
	ck_assert_str_eq(v, "2");
	ck_assert_int_eq(um_annot_attr_at(a, 2, &k, &v), UM_ENOENT);
	/* An empty value is a value. */
	ck_assert_int_eq(um_annot_set(doc, a, "b", ""), 0);
	ck_assert_str_eq(um_annot_get(a, "b"), "");
	um_doc_free(doc);
}
END_TEST

START_TEST(names_checked)
{
	static const char *const bad[] = {
		"", "1abc", "-x", ".x", "xml", "xmlfoo", "XMLfoo", "xMl-a", "a b",
		"a:b", "a/b", "caf\xC3\xA9", "a\n", NULL
	};
	static const char *const good[] = {
		"a", "_x", "org", "a-b.c_1", "xm", "x1", "XmX", "Acronym", NULL
	};
	size_t i;
	for (i = 0; bad[i]; i++)
		ck_assert_msg(!um_name_valid(bad[i]), "\"%s\" accepted", bad[i]);
	for (i = 0; good[i]; i++)
		ck_assert_msg(um_name_valid(good[i]), "\"%s\" refused", good[i]);
	ck_assert_int_eq(um_name_valid(NULL), 0);
}
END_TEST

START_TEST(bad_layer_refused)
{
	static const char *const bad[] = {
		"", "1abc", "-x", ".x", "xmlfoo", "XMLfoo", "a b", "a:b", NULL
	};
	um_doc *doc = tu_doc(TEXT);
	um_annot *a;
	size_t i;
	for (i = 0; bad[i]; i++) {
		a = SENTINEL;
		ck_assert_int_eq(um_annot_add(doc, bad[i], 2, 5, &a), UM_EINVAL);
		ck_assert_ptr_eq(a, SENTINEL);
		ck_assert_int_eq(um_annot_add_doc(doc, bad[i], &a), UM_EINVAL);
		ck_assert_ptr_eq(a, SENTINEL);
	}
	a = SENTINEL;
	ck_assert_int_eq(um_annot_add(doc, NULL, 2, 5, &a), UM_EINVAL);
	ck_assert_int_eq(um_annot_add_doc(doc, NULL, &a), UM_EINVAL);
	ck_assert_ptr_eq(a, SENTINEL);
	ck_assert_uint_eq(um_doc_annot_count(doc), 0);
	ck_assert_uint_eq(um_annot_count(doc, ""), 0);
	um_doc_free(doc);
}
END_TEST

START_TEST(bad_key_refused)
{
	static const char *const bad[] = {
		"", "1abc", "-x", "xmlns", "XMLkey", "a b", "a:b",
		"id", "by", "links", "layer", NULL
	};
	um_doc *doc = tu_doc(TEXT);
	um_annot *a;
	const char *k, *v;
	size_t i;
	ck_assert_int_eq(um_annot_add(doc, "org", 2, 5, &a), 0);
	for (i = 0; bad[i]; i++)
		ck_assert_int_eq(um_annot_set(doc, a, bad[i], "v"), UM_EINVAL);
	ck_assert_int_eq(um_annot_set(doc, a, NULL, "v"), UM_EINVAL);
	ck_assert_int_eq(um_annot_set(doc, a, "ok", NULL), UM_EINVAL);
	ck_assert_int_eq(um_annot_attr_at(a, 0, &k, &v), UM_ENOENT);
	/* Reserved only as a whole name. */
	ck_assert_int_eq(um_annot_set(doc, a, "ends", "v"), 0);
	ck_assert_int_eq(um_annot_set(doc, a, "ID", "v"), 0);
	ck_assert_int_eq(um_annot_set(doc, a, "layers", "v"), 0);
	/* Offsets are written apart from attributes in every format, so a
	 * range can carry its own start and end. */
	ck_assert_int_eq(um_annot_set(doc, a, "start", "2009"), 0);
	ck_assert_int_eq(um_annot_set(doc, a, "end", "2010"), 0);
	ck_assert_str_eq(um_annot_get(a, "end"), "2010");
	um_doc_free(doc);
}
END_TEST

START_TEST(bad_span_refused)
{
	um_doc *doc = tu_doc(TEXT);
	um_annot *a = SENTINEL;
	size_t b, e;
	ck_assert_int_eq(um_annot_add(doc, "x", 3, 3, &a), UM_EINVAL);
	ck_assert_int_eq(um_annot_add(doc, "x", 5, 3, &a), UM_EINVAL);
	ck_assert_int_eq(um_annot_add(doc, "x", 0, NTOK + 1, &a), UM_EINVAL);
	ck_assert_int_eq(um_annot_add(doc, "x", NTOK, NTOK + 1, &a), UM_EINVAL);
	ck_assert_int_eq(um_annot_add(doc, "x", NTOK, NTOK, &a), UM_EINVAL);
	ck_assert_int_eq(um_annot_add(doc, "x", SIZE_MAX - 1, SIZE_MAX, &a),
	                 UM_EINVAL);
	ck_assert_ptr_eq(a, SENTINEL);
	ck_assert_uint_eq(um_doc_annot_count(doc), 0);
	ck_assert_uint_eq(um_annot_count(doc, "x"), 0);
	/* The whole document and the last token are fine. */
	ck_assert_int_eq(um_annot_add(doc, "x", 0, NTOK, &a), 0);
	ck_assert_int_eq(um_annot_span(a, &b, &e), 0);
	ck_assert_uint_eq(b, 0);
	ck_assert_uint_eq(e, NTOK);
	ck_assert_int_eq(um_annot_add(doc, "x", NTOK - 1, NTOK, &a), 0);
	ck_assert_uint_eq(um_doc_annot_count(doc), 2);
	um_doc_free(doc);
}
END_TEST

START_TEST(span_needs_tokens)
{
	/* A document never tokenized has no token to cover. */
	um_doc *doc = um_doc_new();
	um_annot *a = SENTINEL;
	ck_assert_int_eq(um_doc_set_text(doc, "Hello", 5), 0);
	ck_assert_int_eq(um_annot_add(doc, "x", 0, 1, &a), UM_EINVAL);
	ck_assert_ptr_eq(a, SENTINEL);
	ck_assert_int_eq(um_annot_add_doc(doc, "x", &a), 0);
	ck_assert_ptr_ne(a, SENTINEL);
	um_doc_free(doc);
}
END_TEST

START_TEST(document_annotation)
{
	um_doc *doc = tu_doc(TEXT);
	um_annot *a;
	size_t b = 42, e = 43;
	ck_assert_int_eq(um_annot_add_doc(doc, "topic", &a), 0);
	ck_assert_str_eq(um_annot_layer(a), "topic");
	ck_assert_int_eq(um_annot_span(a, &b, &e), UM_ENOENT);
	ck_assert_uint_eq(b, 42);
	ck_assert_uint_eq(e, 43);
	ck_assert_int_eq(um_annot_set(doc, a, "value", "security"), 0);
	ck_assert_str_eq(um_annot_get(a, "value"), "security");
	ck_assert_uint_eq(um_annot_count(doc, "topic"), 1);
	ck_assert_ptr_eq(um_annot_at(doc, "topic", 0), a);
	ck_assert_uint_eq(um_annot_id(a), 1);
	um_doc_free(doc);
}
END_TEST

START_TEST(links)
{
	um_doc *doc = tu_doc(TEXT);
	um_annot *a, *b, *c;
	const char *role = "unset";
	const um_annot *to = NULL;
	ck_assert_int_eq(um_annot_add(doc, "acronym", 2, 5, &a), 0);
	ck_assert_int_eq(um_annot_add(doc, "acronym", 10, 13, &b), 0);
	ck_assert_int_eq(um_annot_add_doc(doc, "topic", &c), 0);
	ck_assert_int_eq(um_annot_link(doc, b, "expansion", a), 0);
	ck_assert_int_eq(um_annot_link(doc, b, "topic", c), 0);
	ck_assert_int_eq(um_annot_link(doc, c, "self", c), 0);
	ck_assert_int_eq(um_annot_link_at(b, 0, &role, &to), 0);
	ck_assert_str_eq(role, "expansion");
	ck_assert_ptr_eq(to, a);
	ck_assert_int_eq(um_annot_link_at(b, 1, &role, &to), 0);
	ck_assert_str_eq(role, "topic");
	ck_assert_ptr_eq(to, c);
	role = "unset";
	to = NULL;
	ck_assert_int_eq(um_annot_link_at(b, 2, &role, &to), UM_ENOENT);
	ck_assert_str_eq(role, "unset");
	ck_assert_ptr_null(to);
	ck_assert_int_eq(um_annot_link_at(a, 0, &role, &to), UM_ENOENT);
	ck_assert_int_eq(um_annot_link_at(c, 0, &role, &to), 0);
	ck_assert_ptr_eq(to, c);
	um_doc_free(doc);
}
END_TEST

START_TEST(bad_links_refused)
{
	um_doc *doc = tu_doc(TEXT);
	um_doc *other = tu_doc(TEXT);
	um_annot *a, *b, *x;
	const char *role;
	const um_annot *to;
	ck_assert_int_eq(um_annot_add(doc, "acronym", 2, 5, &a), 0);
	ck_assert_int_eq(um_annot_add(doc, "acronym", 10, 13, &b), 0);
	/* Same id (1) as a, but in another document. */
	ck_assert_int_eq(um_annot_add(other, "acronym", 2, 5, &x), 0);
	ck_assert_uint_eq(um_annot_id(x), um_annot_id(a));
	ck_assert_int_eq(um_annot_link(doc, b, "expansion", x), UM_EINVAL);
	ck_assert_int_eq(um_annot_link(doc, x, "expansion", a), UM_EINVAL);
	ck_assert_int_eq(um_annot_link(other, x, "expansion", a), UM_EINVAL);
	ck_assert_int_eq(um_annot_link(doc, b, "", a), UM_EINVAL);
	ck_assert_int_eq(um_annot_link(doc, b, "1st", a), UM_EINVAL);
	ck_assert_int_eq(um_annot_link(doc, b, NULL, a), UM_EINVAL);
	ck_assert_int_eq(um_annot_link(doc, b, "expansion", NULL), UM_EINVAL);
	ck_assert_int_eq(um_annot_link(doc, NULL, "expansion", a), UM_EINVAL);
	ck_assert_int_eq(um_annot_link_at(b, 0, &role, &to), UM_ENOENT);
	ck_assert_int_eq(um_annot_link_at(x, 0, &role, &to), UM_ENOENT);
	um_doc_free(other);
	um_doc_free(doc);
}
END_TEST

START_TEST(author_recorded)
{
	um_doc *doc = tu_doc(TEXT);
	um_annot *a, *b, *c;
	um_doc_set_author(doc, "dates");
	ck_assert_int_eq(um_annot_add(doc, "date", 2, 5, &a), 0);
	um_doc_set_author(doc, "acronyms");
	ck_assert_int_eq(um_annot_add(doc, "acronym", 10, 13, &b), 0);
	ck_assert_int_eq(um_annot_add_doc(doc, "topic", &c), 0);
	ck_assert_str_eq(um_annot_plugin(a), "dates");
	ck_assert_str_eq(um_annot_plugin(b), "acronyms");
	ck_assert_str_eq(um_annot_plugin(c), "acronyms");
	um_doc_free(doc);
}
END_TEST

START_TEST(host_author_and_reserved_layers)
{
	static const char *const reserved[] = {
		"corpus", "document", "meta", "text", "tags", "annotations",
		"annotation", "attr", "link", NULL
	};
	um_doc *doc = tu_doc(TEXT);
	um_annot *a = NULL;
	size_t i;
	/* Made outside any plugin: the host's, a valid name in the output. */
	ck_assert_int_eq(um_annot_add(doc, "note", 0, 1, &a), 0);
	ck_assert_str_eq(um_annot_plugin(a), "host");
	/* The output's own element names would make invalid XML as layers. */
	for (i = 0; reserved[i]; i++) {
		ck_assert_int_eq(um_annot_add(doc, reserved[i], 0, 1, &a), UM_EINVAL);
		ck_assert_int_eq(um_annot_add_doc(doc, reserved[i], &a), UM_EINVAL);
		ck_assert_int_eq(um_layer_valid(reserved[i]), 0);
		ck_assert_int_eq(um_name_valid(reserved[i]), 1);
	}
	ck_assert_uint_eq(um_doc_annot_count(doc), 1);
	um_doc_free(doc);
}
END_TEST

START_TEST(order_and_ids)
{
	um_doc *doc = tu_doc(TEXT);
	um_annot *a1, *a2, *a3, *a4;
	ck_assert_int_eq(um_annot_add(doc, "x", 10, 13, &a1), 0);
	ck_assert_int_eq(um_annot_add(doc, "y", 0, 1, &a2), 0);
	ck_assert_int_eq(um_annot_add(doc, "x", 2, 5, &a3), 0);
	ck_assert_int_eq(um_annot_add_doc(doc, "z", &a4), 0);

	ck_assert_uint_eq(um_annot_id(a1), 1);
	ck_assert_uint_eq(um_annot_id(a2), 2);
	ck_assert_uint_eq(um_annot_id(a3), 3);
	ck_assert_uint_eq(um_annot_id(a4), 4);

	/* Per layer in the order added, not by position. */
	ck_assert_uint_eq(um_annot_count(doc, "x"), 2);
	ck_assert_ptr_eq(um_annot_at(doc, "x", 0), a1);
	ck_assert_ptr_eq(um_annot_at(doc, "x", 1), a3);
	ck_assert_ptr_null(um_annot_at(doc, "x", 2));
	ck_assert_uint_eq(um_annot_count(doc, "y"), 1);
	ck_assert_ptr_eq(um_annot_at(doc, "y", 0), a2);
	ck_assert_uint_eq(um_annot_count(doc, "z"), 1);
	ck_assert_uint_eq(um_annot_count(doc, "nope"), 0);
	ck_assert_ptr_null(um_annot_at(doc, "nope", 0));
	/* Layer names are case-sensitive. */
	ck_assert_uint_eq(um_annot_count(doc, "X"), 0);

	ck_assert_uint_eq(um_doc_annot_count(doc), 4);
	ck_assert_ptr_eq(um_doc_annot_at(doc, 0), a1);
	ck_assert_ptr_eq(um_doc_annot_at(doc, 1), a2);
	ck_assert_ptr_eq(um_doc_annot_at(doc, 2), a3);
	ck_assert_ptr_eq(um_doc_annot_at(doc, 3), a4);
	ck_assert_ptr_null(um_doc_annot_at(doc, 4));
	um_doc_free(doc);
}
END_TEST

START_TEST(many_annotations)
{
	um_doc *doc = tu_doc(TEXT);
	um_annot *a;
	size_t i, b, e;
	for (i = 0; i < 1000; i++) {
		ck_assert_int_eq(um_annot_add(doc, i % 2 ? "odd" : "even",
		                              i % NTOK, i % NTOK + 1, &a), 0);
		ck_assert_uint_eq(um_annot_id(a), i + 1);
	}
	ck_assert_uint_eq(um_annot_count(doc, "odd"), 500);
	ck_assert_uint_eq(um_annot_count(doc, "even"), 500);
	ck_assert_int_eq(um_annot_span(um_annot_at(doc, "odd", 499), &b, &e), 0);
	ck_assert_uint_eq(b, 999 % NTOK);
	ck_assert_uint_eq(e, 999 % NTOK + 1);
	ck_assert_uint_eq(um_annot_id(um_doc_annot_at(doc, 999)), 1000);
	um_doc_free(doc);
}
END_TEST

START_TEST(metadata)
{
	um_doc *doc = um_doc_new();
	const char *k = "unset", *v = "unset";
	char value[16] = "A/64/504";

	ck_assert_uint_eq(um_doc_meta_count(doc), 0);
	ck_assert_ptr_null(um_doc_meta(doc, "symbol"));
	ck_assert_int_eq(um_doc_meta_set(doc, "symbol", value), 0);
	strcpy(value, "changed");
	ck_assert_int_eq(um_doc_meta_set(doc, "date", "2009-10-28"), 0);
	ck_assert_int_eq(um_doc_meta_set(doc, "language", "en"), 0);
	ck_assert_str_eq(um_doc_meta(doc, "symbol"), "A/64/504");
	ck_assert_int_eq(um_doc_meta_set(doc, "symbol", "A/64/504/Corr.1"), 0);
	ck_assert_str_eq(um_doc_meta(doc, "symbol"), "A/64/504/Corr.1");
	ck_assert_uint_eq(um_doc_meta_count(doc), 3);

	/* In the order first set; replacing keeps the place. */
	ck_assert_int_eq(um_doc_meta_at(doc, 0, &k, &v), 0);
	ck_assert_str_eq(k, "symbol");
	ck_assert_str_eq(v, "A/64/504/Corr.1");
	ck_assert_int_eq(um_doc_meta_at(doc, 1, &k, &v), 0);
	ck_assert_str_eq(k, "date");
	ck_assert_str_eq(v, "2009-10-28");
	ck_assert_int_eq(um_doc_meta_at(doc, 2, &k, &v), 0);
	ck_assert_str_eq(k, "language");
	ck_assert_str_eq(v, "en");
	k = v = "unset";
	ck_assert_int_eq(um_doc_meta_at(doc, 3, &k, &v), UM_ENOENT);
	ck_assert_str_eq(k, "unset");
	ck_assert_str_eq(v, "unset");

	ck_assert_int_eq(um_doc_meta_set(doc, "", "x"), UM_EINVAL);
	ck_assert_int_eq(um_doc_meta_set(doc, "1st", "x"), UM_EINVAL);
	ck_assert_int_eq(um_doc_meta_set(doc, "xmlns", "x"), UM_EINVAL);
	ck_assert_int_eq(um_doc_meta_set(doc, "a b", "x"), UM_EINVAL);
	ck_assert_int_eq(um_doc_meta_set(doc, NULL, "x"), UM_EINVAL);
	ck_assert_int_eq(um_doc_meta_set(doc, "title", NULL), UM_EINVAL);
	ck_assert_uint_eq(um_doc_meta_count(doc), 3);
	ck_assert_ptr_null(um_doc_meta(doc, "title"));
	um_doc_free(doc);
}
END_TEST

START_TEST(doc_text)
{
	um_doc *doc = um_doc_new();
	size_t len = 99;
	ck_assert_str_eq(um_doc_text(doc, &len), "");
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(um_doc_set_text(doc, "Hello world", 5), 0);
	ck_assert_str_eq(um_doc_text(doc, &len), "Hello");
	ck_assert_uint_eq(len, 5);
	/* Not valid UTF-8, or holding a NUL byte: refused, text kept. */
	ck_assert_int_eq(um_doc_set_text(doc, "a\xFF", 2), UM_EINVAL);
	ck_assert_int_eq(um_doc_set_text(doc, "a\0b", 3), UM_EINVAL);
	ck_assert_str_eq(um_doc_text(doc, &len), "Hello");
	ck_assert_uint_eq(len, 5);
	um_doc_free(doc);
}
END_TEST

START_TEST(free_null)
{
	um_doc *doc = um_doc_new();
	um_doc_free(NULL);
	ck_assert_uint_eq(um_doc_annot_count(doc), 0);
	ck_assert_uint_eq(um_doc_meta_count(doc), 0);
	um_doc_free(doc);
}
END_TEST

Suite *annot_suite(void)
{
	Suite *s = suite_create("annot");
	TCase *tc = tcase_create("annot");
	TCase *td = tcase_create("doc");
	tcase_add_test(tc, add_set_get);
	tcase_add_test(tc, values_are_copied);
	tcase_add_test(tc, value_replaced_in_place);
	tcase_add_test(tc, names_checked);
	tcase_add_test(tc, bad_layer_refused);
	tcase_add_test(tc, bad_key_refused);
	tcase_add_test(tc, bad_span_refused);
	tcase_add_test(tc, span_needs_tokens);
	tcase_add_test(tc, document_annotation);
	tcase_add_test(tc, links);
	tcase_add_test(tc, bad_links_refused);
	tcase_add_test(tc, author_recorded);
	tcase_add_test(tc, host_author_and_reserved_layers);
	tcase_add_test(tc, order_and_ids);
	tcase_add_test(tc, many_annotations);
	suite_add_tcase(s, tc);
	tcase_add_test(td, metadata);
	tcase_add_test(td, doc_text);
	tcase_add_test(td, free_null);
	suite_add_tcase(s, td);
	return s;
}
