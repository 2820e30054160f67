/* Tests: the phrase matcher finds the longest phrase over folded tokens. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "testutil.h"

/* Values are addresses of these, so a wrong value cannot pass. */
static const int v_congo, v_drc, v_roc, v_the_congo, v_guinea, v_gb,
	v_niger, v_un, v_civ, v_other;

static void add(um_matcher *m, const char *phrase, const void *value)
{
	ck_assert_int_eq(um_matcher_add(m, phrase, strlen(phrase), value), 0);
}

/* Longest match at token i must be tokens [begin, end) with value v. */
static void expect_at(const um_matcher *m, const um_doc *doc, size_t i,
                      size_t begin, size_t end, const void *v)
{
	um_match r;
	ck_assert_int_eq(um_matcher_longest(m, doc, i, &r), 0);
	ck_assert_uint_eq(r.begin, begin);
	ck_assert_uint_eq(r.end, end);
	ck_assert_uint_eq(r.nvalues, 1);
	ck_assert_ptr_eq(r.values[0], v);
}

static void expect_none(const um_matcher *m, const um_doc *doc, size_t i)
{
	um_match r;
	r.begin = 77;
	r.end = 88;
	ck_assert_int_eq(um_matcher_longest(m, doc, i, &r), UM_ENOENT);
	/* Results are set only on success. */
	ck_assert_uint_eq(r.begin, 77);
	ck_assert_uint_eq(r.end, 88);
}

/* The text of tokens [b, e) of doc, in a static buffer. */
static const char *span_text(const um_doc *doc, size_t b, size_t e)
{
	static char buf[512];
	size_t n;
	const um_token *t = um_doc_tokens(doc, &n);
	const char *text = um_doc_text(doc, NULL);
	ck_assert_uint_lt(b, e);
	ck_assert_uint_le(e, n);
	snprintf(buf, sizeof(buf), "%.*s", (int)(t[e - 1].end - t[b].begin),
	         text + t[b].begin);
	return buf;
}

struct found {
	size_t n;
	size_t stop_after;      /* 0: never stop */
	size_t begin[16], end[16];
	const void *value[16];
};

static int collect(const um_match *m, void *ctx)
{
	struct found *f = ctx;
	ck_assert_uint_lt(f->n, 16);
	ck_assert_uint_ge(m->nvalues, 1);
	f->begin[f->n] = m->begin;
	f->end[f->n] = m->end;
	f->value[f->n] = m->values[0];
	f->n++;
	return f->stop_after && f->n >= f->stop_after;
}

static um_matcher *congo_matcher(void)
{
	um_matcher *m = um_matcher_new();
	add(m, "Congo", &v_congo);
	add(m, "Democratic Republic of the Congo", &v_drc);
	add(m, "Republic of the Congo", &v_roc);
	add(m, "the Congo", &v_the_congo);
	return m;
}

START_TEST(longest_match_wins)
{
	um_matcher *m = congo_matcher();
	/* the(0) _ Democratic(2) _ Republic(4) _ of(6) _ the(8) _ Congo(10)
	 * _ and(12) _ Congo(14) . */
	um_doc *doc = tu_doc("the Democratic Republic of the Congo and Congo.");
	expect_at(m, doc, 2, 2, 11, &v_drc);
	ck_assert_str_eq(span_text(doc, 2, 11), "Democratic Republic of the Congo");
	expect_at(m, doc, 4, 4, 11, &v_roc);
	expect_at(m, doc, 8, 8, 11, &v_the_congo);
	expect_at(m, doc, 10, 10, 11, &v_congo);
	expect_at(m, doc, 14, 14, 15, &v_congo);
	expect_none(m, doc, 0);
	expect_none(m, doc, 6);
	expect_none(m, doc, 15);
	ck_assert_uint_eq(um_matcher_phrases(m), 4);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

START_TEST(guinea_and_guinea_bissau)
{
	um_matcher *m = um_matcher_new();
	um_doc *doc;
	add(m, "Guinea", &v_guinea);
	add(m, "Guinea-Bissau", &v_gb);
	/* Guinea(0) -(1) Bissau(2) _ and(4) _ Guinea(6) , */
	doc = tu_doc("Guinea-Bissau and Guinea, Guinea\xE2\x80\x93" "Bissau");
	expect_at(m, doc, 0, 0, 3, &v_gb);
	expect_at(m, doc, 6, 6, 7, &v_guinea);
	/* The en dash folds to "-". */
	expect_at(m, doc, 9, 9, 12, &v_gb);
	ck_assert_str_eq(span_text(doc, 9, 12), "Guinea\xE2\x80\x93" "Bissau");
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

START_TEST(niger_not_inside_nigeria)
{
	um_matcher *m = um_matcher_new();
	um_doc *doc;
	struct found f;
	add(m, "Niger", &v_niger);
	doc = tu_doc("Nigeria and Niger.");
	expect_none(m, doc, 0);
	expect_at(m, doc, 4, 4, 5, &v_niger);
	memset(&f, 0, sizeof(f));
	um_matcher_scan(m, doc, 0, SIZE_MAX, collect, &f);
	ck_assert_uint_eq(f.n, 1);
	ck_assert_uint_eq(f.begin[0], 4);
	ck_assert_uint_eq(f.end[0], 5);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

START_TEST(case_insensitive)
{
	um_matcher *m = um_matcher_new();
	um_doc *doc;
	add(m, "United Nations", &v_un);
	add(m, "\xC3\x89TATS-UNIS", &v_other);
	/* UNITED(0) _ NATIONS(2) , united(5) _ nations(7) _ les(9) _
	 * États(11) -(12) Unis(13) */
	doc = tu_doc("UNITED NATIONS, united nations les \xC3\x89tats-Unis");
	expect_at(m, doc, 0, 0, 3, &v_un);
	expect_at(m, doc, 5, 5, 8, &v_un);
	expect_at(m, doc, 11, 11, 14, &v_other);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

START_TEST(across_single_line_break)
{
	um_matcher *m = congo_matcher();
	um_doc *doc = tu_doc("Democratic Republic\nof the Congo");
	expect_at(m, doc, 0, 0, 9, &v_drc);
	ck_assert_str_eq(span_text(doc, 0, 9), "Democratic Republic\nof the Congo");
	um_doc_free(doc);
	doc = tu_doc("Democratic  Republic \n of\tthe Congo");
	expect_at(m, doc, 0, 0, 9, &v_drc);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

START_TEST(not_across_blank_line)
{
	um_matcher *m = congo_matcher();
	um_doc *doc = tu_doc("Democratic Republic\n\nof the Congo");
	expect_none(m, doc, 0);
	/* "Republic of the" stops at the break too. */
	expect_none(m, doc, 2);
	expect_at(m, doc, 6, 6, 9, &v_the_congo);
	um_doc_free(doc);
	doc = tu_doc("Democratic Republic of the\n \t\nCongo");
	expect_none(m, doc, 0);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

START_TEST(phrase_added_twice_keeps_both)
{
	um_matcher *m = um_matcher_new();
	um_doc *doc = tu_doc("the Congo");
	um_match r;
	add(m, "Congo", &v_congo);
	add(m, "CONGO", &v_other);
	ck_assert_uint_eq(um_matcher_phrases(m), 1);
	ck_assert_int_eq(um_matcher_longest(m, doc, 2, &r), 0);
	ck_assert_uint_eq(r.begin, 2);
	ck_assert_uint_eq(r.end, 3);
	ck_assert_uint_eq(r.nvalues, 2);
	ck_assert_ptr_eq(r.values[0], &v_congo);
	ck_assert_ptr_eq(r.values[1], &v_other);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

START_TEST(scan_leftmost_longest)
{
	um_matcher *m = congo_matcher();
	/* Democratic(0) _ Republic(2) _ of(4) _ the(6) _ Congo(8) _ and(10) _
	 * the(12) _ Congo(14) .(15) */
	um_doc *doc = tu_doc("Democratic Republic of the Congo and the Congo.");
	struct found f;

	memset(&f, 0, sizeof(f));
	um_matcher_scan(m, doc, 0, 16, collect, &f);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_uint_eq(f.begin[0], 0);
	ck_assert_uint_eq(f.end[0], 9);
	ck_assert_ptr_eq(f.value[0], &v_drc);
	ck_assert_uint_eq(f.begin[1], 12);
	ck_assert_uint_eq(f.end[1], 15);
	ck_assert_ptr_eq(f.value[1], &v_the_congo);

	/* From token 2 the leftmost match is "Republic of the Congo". */
	memset(&f, 0, sizeof(f));
	um_matcher_scan(m, doc, 2, 16, collect, &f);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_uint_eq(f.begin[0], 2);
	ck_assert_uint_eq(f.end[0], 9);
	ck_assert_ptr_eq(f.value[0], &v_roc);
	ck_assert_uint_eq(f.begin[1], 12);

	/* A match may not reach past the end of the range. */
	memset(&f, 0, sizeof(f));
	um_matcher_scan(m, doc, 0, 8, collect, &f);
	ck_assert_uint_eq(f.n, 0);
	memset(&f, 0, sizeof(f));
	um_matcher_scan(m, doc, 0, 14, collect, &f);
	ck_assert_uint_eq(f.n, 1);
	ck_assert_uint_eq(f.end[0], 9);

	/* Past the last token: clamped. */
	memset(&f, 0, sizeof(f));
	um_matcher_scan(m, doc, 13, 1000, collect, &f);
	ck_assert_uint_eq(f.n, 1);
	ck_assert_uint_eq(f.begin[0], 14);
	ck_assert_uint_eq(f.end[0], 15);
	ck_assert_ptr_eq(f.value[0], &v_congo);

	/* Empty range. */
	memset(&f, 0, sizeof(f));
	um_matcher_scan(m, doc, 5, 5, collect, &f);
	ck_assert_uint_eq(f.n, 0);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

START_TEST(scan_stops_when_asked)
{
	um_matcher *m = congo_matcher();
	um_doc *doc = tu_doc("Congo, Congo, Congo");
	struct found f;
	memset(&f, 0, sizeof(f));
	um_matcher_scan(m, doc, 0, 100, collect, &f);
	ck_assert_uint_eq(f.n, 3);
	memset(&f, 0, sizeof(f));
	f.stop_after = 2;
	um_matcher_scan(m, doc, 0, 100, collect, &f);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_uint_eq(f.begin[1], 3);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

START_TEST(empty_phrase_refused)
{
	um_matcher *m = um_matcher_new();
	ck_assert_int_eq(um_matcher_add(m, "", 0, &v_other), UM_EINVAL);
	ck_assert_int_eq(um_matcher_add(m, "   ", 3, &v_other), UM_EINVAL);
	ck_assert_int_eq(um_matcher_add(m, " \n\n\t", 4, &v_other), UM_EINVAL);
	ck_assert_int_eq(um_matcher_add(m, NULL, 0, &v_other), UM_EINVAL);
	ck_assert_uint_eq(um_matcher_phrases(m), 0);
	ck_assert_uint_eq(um_matcher_nodes(m), 1);
	um_matcher_free(m);
}
END_TEST

START_TEST(phrase_length_respected)
{
	um_matcher *m = um_matcher_new();
	um_doc *doc = tu_doc("the Congo");
	/* Only the first 5 bytes are the phrase. */
	ck_assert_int_eq(um_matcher_add(m, "Congo Basin", 5, &v_congo), 0);
	expect_at(m, doc, 2, 2, 3, &v_congo);
	ck_assert_uint_eq(um_matcher_nodes(m), 2);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

START_TEST(longest_on_space_or_past_end)
{
	um_matcher *m = congo_matcher();
	um_doc *doc = tu_doc("the Congo");
	expect_none(m, doc, 1);
	expect_none(m, doc, 3);
	expect_none(m, doc, 100);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

/* A word made of letters from k, so that phrases differ in every token. */
static void word_of(unsigned k, char *buf)
{
	size_t i = 0;
	do {
		buf[i++] = (char)('a' + k % 26);
		k /= 26;
	} while (k);
	buf[i] = '\0';
}

START_TEST(twenty_thousand_phrases)
{
	enum { N = 20000 };
	static int values[N];
	static const unsigned probes[] = { 0, 1, 7, 25, 26, 9999, 12345, 19999 };
	um_matcher *m = um_matcher_new();
	char phrase[128], w[16], w2[16], text[256];
	unsigned k;
	size_t i;

	for (k = 0; k < N; k++) {
		word_of(k, w);
		snprintf(phrase, sizeof(phrase), "Commission %u on %s", k, w);
		add(m, phrase, &values[k]);
	}
	add(m, "Commission 7", &v_other);
	ck_assert_uint_eq(um_matcher_phrases(m), N + 1);
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		um_doc *doc;
		k = probes[i];
		word_of(k, w);
		word_of(k + 1, w2);
		/* The(0) _ COMMISSION(2) _ k(4) _ ON(6) _ w(8) _ met(10) ... */
		snprintf(text, sizeof(text), "The COMMISSION %u ON %s met; "
		         "Commission %u on %s did not.", k, w, k, w2);
		doc = tu_doc(text);
		expect_at(m, doc, 2, 2, 9, &values[k]);
		/* The same number with the next one's word is no phrase. */
		if (k == 7)
			expect_at(m, doc, 13, 13, 16, &v_other);
		else
			expect_none(m, doc, 13);
		um_doc_free(doc);
	}
	um_matcher_free(m);
}
END_TEST

START_TEST(typographic_apostrophe_matches_ascii)
{
	um_matcher *m = um_matcher_new();
	um_doc *doc;
	add(m, "C\xC3\xB4te d'Ivoire", &v_civ);
	add(m, "States\xE2\x80\x99 obligations", &v_other);
	/* Côte(0) _ d(2) ’(3) Ivoire(4) _ and(6) _ States(8) '(9) _
	 * obligations(11) */
	doc = tu_doc("C\xC3\xB4te d\xE2\x80\x99Ivoire and States' obligations");
	expect_at(m, doc, 0, 0, 5, &v_civ);
	expect_at(m, doc, 8, 8, 12, &v_other);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

START_TEST(modifier_apostrophe_matches_ascii)
{
	/* U+02BC is one of the apostrophes token.h folds to "'": the text
	 * "Côte dʼIvoire" must match the ASCII phrase as a whole. */
	static const char s[] = "C\xC3\xB4te d\xCA\xBCIvoire";
	um_matcher *m = um_matcher_new();
	um_doc *doc;
	um_match r;
	const void *value = NULL;
	size_t n;
	int rc;
	add(m, "C\xC3\xB4te d'Ivoire", &v_civ);
	doc = tu_doc(s);
	um_doc_tokens(doc, &n);
	rc = um_matcher_longest(m, doc, 0, &r);
	if (rc == 0)
		value = r.values[0];
	um_doc_free(doc);
	um_matcher_free(m);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(r.begin, 0);
	ck_assert_uint_eq(r.end, n);
	ck_assert_ptr_eq(value, &v_civ);
}
END_TEST

START_TEST(nfd_phrase_matches_nfc_text)
{
	um_matcher *m = um_matcher_new();
	um_doc *doc = tu_doc("C\xC3\xB4te d'Ivoire");
	add(m, "Co\xCC\x82te d'Ivoire", &v_civ);
	expect_at(m, doc, 0, 0, 5, &v_civ);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

/* A stemmed matcher compares words by their Snowball stem, stemmed until
 * it stops changing: one phrase covers a word family. */
START_TEST(stemmed_word_families)
{
	um_matcher *m = um_matcher_new_stemmed("en");
	um_doc *doc;
	ck_assert_ptr_nonnull(m);
	add(m, "environment", &v_congo);
	add(m, "industrialization", &v_drc);
	add(m, "developing country", &v_roc);
	add(m, "South-South cooperation", &v_guinea);
	/* Porter2 alone makes "environmental" "environment" and
	 * "environment" "environ" */
	doc = tu_doc("environmental environments ENVIRONMENT industrialisation "
	             "industrializations developing countries South-South "
	             "co-operation South-South cooperatives");
	expect_at(m, doc, 0, 0, 1, &v_congo);
	expect_at(m, doc, 2, 2, 3, &v_congo);
	expect_at(m, doc, 4, 4, 5, &v_congo);
	expect_at(m, doc, 6, 6, 7, &v_drc);
	expect_at(m, doc, 8, 8, 9, &v_drc);
	expect_at(m, doc, 10, 10, 13, &v_roc);
	/* "co-operation" is three tokens: no match without the plugin's
	 * spelling variants; "cooperatives" shares the stem */
	{
		um_match r;
		ck_assert_int_eq(um_matcher_longest(m, doc, 14, &r), UM_ENOENT);
	}
	expect_at(m, doc, 22, 22, 27, &v_guinea);
	um_doc_free(doc);
	um_matcher_free(m);
	/* no Snowball stemmer for Chinese, nor for nonsense */
	ck_assert_ptr_null(um_matcher_new_stemmed("zh"));
	ck_assert_ptr_null(um_matcher_new_stemmed(""));
	ck_assert_ptr_null(um_matcher_new_stemmed(NULL));
}
END_TEST

/* A stemmed matcher in another language: Snowball's French stemmer. */
START_TEST(stemmed_french)
{
	um_matcher *m = um_matcher_new_stemmed("fr");
	um_doc *doc = tu_doc("les \xc3\xa9""cosyst\xc3\xa8mes");
	ck_assert_ptr_nonnull(m);
	add(m, "\xc3\xa9""cosyst\xc3\xa8me", &v_un);
	expect_at(m, doc, 2, 2, 3, &v_un);
	um_doc_free(doc);
	um_matcher_free(m);
}
END_TEST

/* A document of more distinct words than the stem cache holds: its
 * index grows, fills, and the stems of the words past that are kept in
 * the document; a phrase matches before, among and after them, and in
 * the next document, for which the cache starts again. */
#define MANY_WORDS 110000

START_TEST(stemmed_large_vocabulary)
{
	um_matcher *m = um_matcher_new_stemmed("en");
	size_t len = (size_t)MANY_WORDS * 10 + 64, pos = 0, mid = MANY_WORDS / 2;
	char *text = malloc(len);
	um_doc *doc;
	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(text);
	add(m, "environment", &v_congo);
	/* word k is token 2k: "environmental", then "env" and five
	 * letters, each word different, all past the filter of first
	 * bytes; "environments" in the middle and at the end */
	pos += (size_t)sprintf(text + pos, "environmental");
	for (size_t k = 1; k < MANY_WORDS; k++) {
		size_t v = k;
		if (k == mid) {
			pos += (size_t)sprintf(text + pos, " environments");
			continue;
		}
		pos += (size_t)sprintf(text + pos, " env");
		for (int d = 0; d < 5; d++, v /= 26)
			text[pos++] = (char)('a' + v % 26);
	}
	pos += (size_t)sprintf(text + pos, " environments");
	text[pos] = 0;
	doc = tu_doc(text);
	expect_at(m, doc, 0, 0, 1, &v_congo);
	expect_at(m, doc, 2 * mid, 2 * mid, 2 * mid + 1, &v_congo);
	expect_at(m, doc, 2 * MANY_WORDS, 2 * MANY_WORDS, 2 * MANY_WORDS + 1,
	          &v_congo);
	expect_none(m, doc, 2);
	expect_none(m, doc, 2 * MANY_WORDS - 2);
	um_doc_free(doc);
	doc = tu_doc("the environment of envaaaab");
	expect_at(m, doc, 2, 2, 3, &v_congo);
	expect_none(m, doc, 6);
	um_doc_free(doc);
	free(text);
	um_matcher_free(m);
}
END_TEST

START_TEST(free_null)
{
	um_matcher *m = um_matcher_new();
	um_matcher_free(NULL);
	ck_assert_uint_eq(um_matcher_phrases(m), 0);
	ck_assert_uint_eq(um_matcher_nodes(m), 1);
	um_matcher_free(m);
}
END_TEST

Suite *matcher_suite(void)
{
	Suite *s = suite_create("matcher");
	TCase *tc = tcase_create("matcher");
	tcase_add_test(tc, longest_match_wins);
	tcase_add_test(tc, stemmed_word_families);
	tcase_add_test(tc, stemmed_french);
	tcase_add_test(tc, stemmed_large_vocabulary);
	tcase_add_test(tc, guinea_and_guinea_bissau);
	tcase_add_test(tc, niger_not_inside_nigeria);
	tcase_add_test(tc, case_insensitive);
	tcase_add_test(tc, across_single_line_break);
	tcase_add_test(tc, not_across_blank_line);
	tcase_add_test(tc, phrase_added_twice_keeps_both);
	tcase_add_test(tc, scan_leftmost_longest);
	tcase_add_test(tc, scan_stops_when_asked);
	tcase_add_test(tc, empty_phrase_refused);
	tcase_add_test(tc, phrase_length_respected);
	tcase_add_test(tc, longest_on_space_or_past_end);
	tcase_add_test(tc, twenty_thousand_phrases);
	tcase_add_test(tc, typographic_apostrophe_matches_ascii);
	tcase_add_test(tc, modifier_apostrophe_matches_ascii);
	tcase_add_test(tc, nfd_phrase_matches_nfc_text);
	tcase_add_test(tc, free_null);
	suite_add_tcase(s, tc);
	return s;
}
