/* Tests: um_text_normalize repairs bytes into valid, XML-safe NFC text. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "suites.h"
#include "testutil.h"

#define REPL "\xEF\xBF\xBD"

/* One normalisation, copied out so the result is freed before asserting. */
struct norm {
	int rc;
	char text[512];
	size_t len;
	size_t invalid;
	size_t first;
	int terminated;
};

static struct norm normalize(const char *in, size_t len)
{
	struct norm r;
	char *out = NULL;

	memset(&r, 0, sizeof(r));
	r.len = r.invalid = r.first = (size_t)-1;
	r.rc = um_text_normalize(in, len, &out, &r.len, &r.invalid, &r.first);
	if (r.rc == 0 && out) {
		size_t n = r.len < sizeof(r.text) - 1 ? r.len : sizeof(r.text) - 1;
		memcpy(r.text, out, n);
		r.text[n] = '\0';
		r.terminated = out[r.len] == '\0';
		free(out);
	}
	return r;
}

/* Normalises the literal lit (which may hold NUL bytes). */
#define NORM(lit) normalize((lit), sizeof(lit) - 1)

/* The result must be want, with no byte replaced as invalid. */
static void expect_clean(struct norm r, const char *want)
{
	ck_assert_int_eq(r.rc, 0);
	ck_assert_str_eq(r.text, want);
	ck_assert_uint_eq(r.len, strlen(want));
	ck_assert_int_eq(r.terminated, 1);
	ck_assert_uint_eq(r.invalid, 0);
	ck_assert_uint_eq(r.first, 0);
}

static void expect_invalid(struct norm r, const char *want, size_t invalid,
                           size_t first)
{
	ck_assert_int_eq(r.rc, 0);
	ck_assert_str_eq(r.text, want);
	ck_assert_uint_eq(r.len, strlen(want));
	ck_assert_int_eq(r.terminated, 1);
	ck_assert_uint_eq(r.invalid, invalid);
	ck_assert_uint_eq(r.first, first);
}

START_TEST(empty_input)
{
	expect_clean(normalize("", 0), "");
}
END_TEST

START_TEST(bom_dropped)
{
	expect_clean(NORM("\xEF\xBB\xBFUnited Nations"), "United Nations");
	expect_clean(NORM("\xEF\xBB\xBF"), "");
	/* Only a leading byte-order mark is one. */
	expect_clean(NORM("a\xEF\xBB\xBF" "b"), "a\xEF\xBB\xBF" "b");
}
END_TEST

START_TEST(null_out_counts_allowed)
{
	char *out = NULL;
	size_t len = 0;
	ck_assert_int_eq(um_text_normalize("a\xFF", 2, &out, &len, NULL, NULL), 0);
	ck_assert_str_eq(out, "a" REPL);
	ck_assert_uint_eq(len, 4);
	free(out);
}
END_TEST

START_TEST(line_ends_become_lf)
{
	expect_clean(NORM("one\r\ntwo\rthree\nfour"), "one\ntwo\nthree\nfour");
	expect_clean(NORM("a\r\r\nb"), "a\n\nb");
	expect_clean(NORM("a\n\rb"), "a\n\nb");
	expect_clean(NORM("end\r"), "end\n");
	expect_clean(NORM("\r\n\r\n"), "\n\n");
}
END_TEST

START_TEST(form_feed_and_vertical_tab_become_lf)
{
	expect_clean(NORM("page 1\fpage 2"), "page 1\npage 2");
	expect_clean(NORM("a\vb"), "a\nb");
}
END_TEST

START_TEST(tab_kept)
{
	expect_clean(NORM("a\tb"), "a\tb");
}
END_TEST

START_TEST(c0_controls_become_space)
{
	expect_clean(NORM("a\x01" "b\x1B" "c\x1F" "d\x08" "e"), "a b c d e");
	/* A NUL byte too: the document text may never hold one. */
	expect_clean(NORM("a\0b"), "a b");
}
END_TEST

START_TEST(c1_controls_become_space)
{
	expect_clean(NORM("a\xC2\x80" "b\xC2\x9F" "c\xC2\x9B" "d"), "a b c d");
}
END_TEST

START_TEST(line_separators)
{
	expect_clean(NORM("one\xE2\x80\xA8two"), "one\ntwo");
	expect_clean(NORM("one\xE2\x80\xA9two"), "one\n\ntwo");
	expect_clean(NORM("one\xC2\x85two"), "one\ntwo");
}
END_TEST

START_TEST(noncharacters_replaced)
{
	/* Valid UTF-8, so not counted as invalid, but not XML characters. */
	expect_clean(NORM("a\xEF\xBF\xBE" "b\xEF\xBF\xBF" "c"), "a" REPL "b" REPL "c");
}
END_TEST

START_TEST(invalid_lone_continuation)
{
	expect_invalid(NORM("\x80"), REPL, 1, 0);
	expect_invalid(NORM("ok \xBF\x80!"), "ok " REPL REPL "!", 2, 3);
}
END_TEST

START_TEST(invalid_overlong)
{
	/* "/" as two bytes; C0 is never a lead byte: two replacements. */
	expect_invalid(NORM("ab\xC0\xAF" "cd"), "ab" REPL REPL "cd", 2, 2);
	/* "/" as three bytes: E0 80 can start nothing valid. */
	expect_invalid(NORM("x\xE0\x80\xAF"), "x" REPL REPL REPL, 3, 1);
}
END_TEST

START_TEST(invalid_surrogate)
{
	expect_invalid(NORM("x\xED\xA0\x80y"), "x" REPL REPL REPL "y", 3, 1);
}
END_TEST

START_TEST(invalid_other_bytes)
{
	expect_invalid(NORM("\xFF\xFE"), REPL REPL, 2, 0);
	/* Past U+10FFFF: F4 90 can start nothing valid. */
	expect_invalid(NORM("\xF4\x90\x80\x80"), REPL REPL REPL REPL, 4, 0);
	/* A two-byte lead followed by ASCII. */
	expect_invalid(NORM("caf\xC3 au lait"), "caf" REPL " au lait", 1, 3);
}
END_TEST

START_TEST(invalid_offset_counts_the_bom)
{
	/* The offset is in the input, as a hex editor shows it. */
	expect_invalid(NORM("\xEF\xBB\xBF" "ab\xFF" "c\xFF"), "ab" REPL "c" REPL, 2, 5);
}
END_TEST

START_TEST(invalid_mixed_with_valid)
{
	expect_invalid(NORM("C\xC3\xB4te \x92 d\xE2\x80\x99Ivoire"),
	               "C\xC3\xB4te " REPL " d\xE2\x80\x99Ivoire", 1, 6);
}
END_TEST

/*
 * A truncated sequence is one invalid sequence, replaced by one U+FFFD
 * (the Unicode Standard's "maximal subpart" practice, as the W3C/WHATWG
 * decoders, Python and ICU do it).
 */
START_TEST(invalid_truncated_is_one_sequence)
{
	/* The euro sign E2 82 AC cut short at the end. */
	expect_invalid(NORM("abc\xE2\x82"), "abc" REPL, 1, 3);
	/* ... and in the middle. */
	expect_invalid(NORM("\xE2\x82" "A"), REPL "A", 1, 0);
	/* A four-byte emoji cut after three bytes. */
	expect_invalid(NORM("x\xF0\x9F\x98 y"), "x" REPL " y", 1, 1);
}
END_TEST

START_TEST(nfd_becomes_nfc)
{
	expect_clean(NORM("e\xCC\x81"), "\xC3\xA9");
	expect_clean(NORM("Co\xCC\x82te d'Ivoire"), "C\xC3\xB4te d'Ivoire");
	expect_clean(NORM("A\xCC\x8A"), "\xC3\x85");
	/* Reordering of marks and compositions across a run of non-ASCII
	 * characters, the singleton U+212B, and marks that stay apart; the
	 * expected bytes are Python's unicodedata.normalize("NFC", ...). */
	expect_clean(NORM("Cafe\xCC\x81 \xE1\xB8\x8B\xCC\xA3 A\xCC\x8A\xCC\x81 "
	                  "\xE2\x84\xAB q\xCC\x87\xCC\xA3 \xE2\x80\x99x"),
	             "Caf\xC3\xA9 \xE1\xB8\x8D\xCC\x87 \xC7\xBA \xC3\x85 "
	             "q\xCC\xA3\xCC\x87 \xE2\x80\x99x");
	/* The Angstrom sign is a singleton: NFC is the letter. */
	expect_clean(NORM("\xE2\x84\xAB"), "\xC3\x85");
	/* Hangul jamo compose to the syllable. */
	expect_clean(NORM("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), "\xED\x95\x9C");
}
END_TEST

START_TEST(nfc_is_not_nfkc)
{
	/* Compatibility characters stay: the fi ligature, superscript two. */
	expect_clean(NORM("\xEF\xAC\x81nance x\xC2\xB2"), "\xEF\xAC\x81nance x\xC2\xB2");
}
END_TEST

START_TEST(nfc_input_unchanged)
{
	static const char s[] = "\xD0\x9E\xD1\x80\xD0\xB3\xD0\xB0\xD0\xBD\xD0\xB8"
	                        "\xD0\xB7\xD0\xB0\xD1\x86\xD0\xB8\xD1\x8F "
	                        "\xD8\xA7\xD9\x84\xD8\xA3\xD9\x85\xD9\x85 "
	                        "\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD";
	expect_clean(NORM(s), s);
}
END_TEST

/* Every character of the BMP and one in 64 past it, before and after
 * characters that compose or reorder with their neighbours (a combining
 * acute, a Hangul vowel and syllable, Oriya vowel signs, the kana voicing
 * mark) and a plain letter: the text is utf8proc's NFC of it, whether
 * the stretch is copied as already NFC or normalised. */
START_TEST(nfc_of_every_character_next_to_others)
{
	static const int32_t other[] = {
		'e', 0x0301, 0x1161, 0xAC00, 0x0B47, 0x0B3E, 0x3099
	};
	size_t checked = 0;
	for (int32_t cp = 0xA0; cp <= 0x10FFFF; cp += cp < 0x10000 ? 1 : 64) {
		if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF ||
		    cp == 0xFFFE || cp == 0xFFFF || cp == 0x2028 || cp == 0x2029)
			continue;
		for (size_t k = 0; k < 2 * sizeof(other) / sizeof(*other); k++) {
			char in[16], *out;
			size_t len = 0, olen, invalid, first;
			int32_t o = other[k / 2];
			utf8proc_uint8_t *want;
			len += (size_t)utf8proc_encode_char(k % 2 ? o : cp,
			                                   (utf8proc_uint8_t *)in + len);
			len += (size_t)utf8proc_encode_char(k % 2 ? cp : o,
			                                   (utf8proc_uint8_t *)in + len);
			in[len] = '\0';
			ck_assert_int_eq(um_text_normalize(in, len, &out, &olen, &invalid,
			                                   &first), 0);
			want = utf8proc_NFC((const utf8proc_uint8_t *)in);
			ck_assert_ptr_nonnull(want);
			if (strlen((const char *)want) != olen || memcmp(want, out, olen))
				ck_abort_msg("NFC of U+%04X next to U+%04X is wrong",
				             (unsigned)cp, (unsigned)o);
			free(want);
			free(out);
			checked++;
		}
	}
	ck_assert_uint_gt(checked, 1000000);
}
END_TEST

START_TEST(ascii_unchanged)
{
	static const char s[] =
		"Promotion of South-South cooperation (A/64/504), para. 3: "
		"\"2,000\" & <tags> ~ $5 | 100% {x} [y] `z` \\ ^ @ #\n\tend";
	expect_clean(NORM(s), s);
}
END_TEST

START_TEST(nfd_and_nfc_tokenize_alike)
{
	um_doc *nfd = tu_doc("La C\x6F\xCC\x82te d'Ivoire et l'E\xCC\x81tat");
	um_doc *nfc = tu_doc("La C\xC3\xB4te d'Ivoire et l'\xC3\x89tat");
	char a[256];
	size_t la, lc;

	snprintf(a, sizeof(a), "%s", tu_content(nfd));
	ck_assert_str_eq(a, "La|C\xC3\xB4te|d|'|Ivoire|et|l|'|\xC3\x89tat");
	ck_assert_str_eq(tu_content(nfc), a);
	ck_assert_str_eq(um_doc_text(nfd, &la), um_doc_text(nfc, &lc));
	ck_assert_uint_eq(la, lc);
	um_doc_free(nfd);
	um_doc_free(nfc);
}
END_TEST

Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("normalize");
	/* the test of every character takes seconds under the sanitizers
	 * and valgrind */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, bom_dropped);
	tcase_add_test(tc, null_out_counts_allowed);
	tcase_add_test(tc, line_ends_become_lf);
	tcase_add_test(tc, form_feed_and_vertical_tab_become_lf);
	tcase_add_test(tc, tab_kept);
	tcase_add_test(tc, c0_controls_become_space);
	tcase_add_test(tc, c1_controls_become_space);
	tcase_add_test(tc, line_separators);
	tcase_add_test(tc, noncharacters_replaced);
	tcase_add_test(tc, invalid_lone_continuation);
	tcase_add_test(tc, invalid_overlong);
	tcase_add_test(tc, invalid_surrogate);
	tcase_add_test(tc, invalid_other_bytes);
	tcase_add_test(tc, invalid_offset_counts_the_bom);
	tcase_add_test(tc, invalid_mixed_with_valid);
	tcase_add_test(tc, invalid_truncated_is_one_sequence);
	tcase_add_test(tc, nfd_becomes_nfc);
	tcase_add_test(tc, nfc_is_not_nfkc);
	tcase_add_test(tc, nfc_input_unchanged);
	tcase_add_test(tc, nfc_of_every_character_next_to_others);
	tcase_add_test(tc, ascii_unchanged);
	tcase_add_test(tc, nfd_and_nfc_tokenize_alike);
	suite_add_tcase(s, tc);
	return s;
}
