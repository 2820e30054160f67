/* Tests: tokens (kinds, spans, flags, folds), sentences and paragraphs. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "suites.h"
#include "testutil.h"

/* The flags the tokenizer sets; sentence flags are tested apart. */
#define LEX_FLAGS (UM_TF_CAP | UM_TF_ALLCAPS | UM_TF_DIGITS)

/* One letter per token kind, for every token (spaces included): W word,
 * N number, P punct, Y symbol, S space, L newline. */
static const char *kinds(const um_doc *doc)
{
	static char buf[1024];
	static const char letter[] = "?WNPYSL";
	size_t n, i;
	const um_token *t = um_doc_tokens(doc, &n);
	ck_assert_uint_lt(n, sizeof(buf));
	for (i = 0; i < n; i++) {
		ck_assert_uint_ge(t[i].kind, UM_TOK_WORD);
		ck_assert_uint_le(t[i].kind, UM_TOK_NEWLINE);
		buf[i] = letter[t[i].kind];
	}
	buf[n] = '\0';
	return buf;
}

static size_t ntokens(const um_doc *doc)
{
	size_t n;
	um_doc_tokens(doc, &n);
	return n;
}

static const um_token *tok(const um_doc *doc, size_t i)
{
	size_t n;
	const um_token *t = um_doc_tokens(doc, &n);
	ck_assert_uint_lt(i, n);
	return &t[i];
}

static void expect_span(const um_doc *doc, size_t i, unsigned begin,
                        unsigned end)
{
	ck_assert_uint_eq(tok(doc, i)->begin, begin);
	ck_assert_uint_eq(tok(doc, i)->end, end);
}

static unsigned lex_flags(const um_doc *doc, size_t i)
{
	return tok(doc, i)->flags & LEX_FLAGS;
}

/* The sentences (paras 0) or paragraphs (paras 1) of s, each as its
 * text, joined by '|'. */
static const char *spans_of(const char *s, int paras)
{
	static char buf[4096];
	um_doc *doc = tu_doc(s);
	const char *text = um_doc_text(doc, NULL);
	const um_token *t;
	const um_span *sp;
	size_t nt, n, i, len = 0;

	t = um_doc_tokens(doc, &nt);
	sp = paras ? um_doc_paragraphs(doc, &n) : um_doc_sentences(doc, &n);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		uint32_t b, e;
		ck_assert_uint_lt(sp[i].begin, sp[i].end);
		ck_assert_uint_le(sp[i].end, nt);
		b = t[sp[i].begin].begin;
		e = t[sp[i].end - 1].end;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%.*s",
		                        i ? "|" : "", (int)(e - b), text + b);
		ck_assert_uint_lt(len, sizeof(buf));
	}
	um_doc_free(doc);
	return buf;
}

#define SENTENCES(s) spans_of((s), 0)
#define PARAGRAPHS(s) spans_of((s), 1)

/* The tokens of doc carrying flag, joined by '|'. */
static const char *flagged(const um_doc *doc, unsigned flag)
{
	static char buf[1024];
	size_t n, i, len = 0;
	const um_token *t = um_doc_tokens(doc, &n);
	const char *text = um_doc_text(doc, NULL);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!(t[i].flags & flag))
			continue;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%.*s",
		                        len ? "|" : "", (int)(t[i].end - t[i].begin),
		                        text + t[i].begin);
		ck_assert_uint_lt(len, sizeof(buf));
	}
	return buf;
}

START_TEST(document_symbol)
{
	um_doc *doc = tu_doc("See document A/64/504.");
	const char *text = um_doc_text(doc, NULL);
	const um_token *first, *last;

	ck_assert_str_eq(kinds(doc), "WSWSWPNPNP");
	ck_assert_str_eq(tu_content(doc), "See|document|A|/|64|/|504|.");
	expect_span(doc, 4, 13, 14);
	expect_span(doc, 5, 14, 15);
	expect_span(doc, 6, 15, 17);
	expect_span(doc, 7, 17, 18);
	expect_span(doc, 8, 18, 21);
	expect_span(doc, 9, 21, 22);
	first = tok(doc, 4);
	last = tok(doc, 8);
	ck_assert_uint_eq(last->end - first->begin, 8);
	ck_assert_int_eq(strncmp(text + first->begin, "A/64/504", 8), 0);
	um_doc_free(doc);
}
END_TEST

START_TEST(reference_number)
{
	um_doc *doc = tu_doc("62/209");
	ck_assert_str_eq(kinds(doc), "NPN");
	ck_assert_str_eq(tu_content(doc), "62|/|209");
	expect_span(doc, 0, 0, 2);
	expect_span(doc, 1, 2, 3);
	expect_span(doc, 2, 3, 6);
	um_doc_free(doc);
}
END_TEST

START_TEST(numbers_with_separators)
{
	um_doc *doc = tu_doc("2,000 and 3.5 and 1.2.3");
	ck_assert_str_eq(kinds(doc), "NSWSNSWSN");
	ck_assert_str_eq(tu_content(doc), "2,000|and|3.5|and|1.2.3");
	ck_assert_uint_eq(lex_flags(doc, 0), UM_TF_DIGITS);
	ck_assert_uint_eq(lex_flags(doc, 4), UM_TF_DIGITS);
	um_doc_free(doc);
}
END_TEST

/* A comma groups thousands only before exactly three digits; superscript
 * digits are marks of their own. */
START_TEST(footnote_marks)
{
	um_doc *doc = tu_doc("1,000,000 of 1949,2 and 12,34 and 1957\xC2\xB9 and "
	                     "2000\xE2\x81\xB4\xE2\x81\xB5.");
	ck_assert_str_eq(tu_content(doc),
	                 "1,000,000|of|1949|,|2|and|12|,|34|and|1957|\xC2\xB9|and|"
	                 "2000|\xE2\x81\xB4|\xE2\x81\xB5|.");
	ck_assert_str_eq(kinds(doc), "NSWSNPNSWSNPNSWSNYSWSNYYP");
	um_doc_free(doc);
}
END_TEST

START_TEST(number_then_full_stop)
{
	um_doc *doc = tu_doc("in 1978. Then 2,000, 3.");
	ck_assert_str_eq(kinds(doc), "WSNPSWSNPSNP");
	ck_assert_str_eq(tu_content(doc), "in|1978|.|Then|2,000|,|3|.");
	expect_span(doc, 2, 3, 7);
	expect_span(doc, 3, 7, 8);
	um_doc_free(doc);
}
END_TEST

START_TEST(words_with_digits)
{
	um_doc *doc = tu_doc("1980s 19th A4");
	ck_assert_str_eq(kinds(doc), "WSWSW");
	ck_assert_str_eq(tu_content(doc), "1980s|19th|A4");
	ck_assert_uint_eq(lex_flags(doc, 0), UM_TF_DIGITS);
	ck_assert_uint_eq(lex_flags(doc, 2), UM_TF_DIGITS);
	ck_assert_uint_eq(lex_flags(doc, 4),
	                  UM_TF_CAP | UM_TF_ALLCAPS | UM_TF_DIGITS);
	um_doc_free(doc);
}
END_TEST

START_TEST(hyphens_split)
{
	um_doc *doc = tu_doc("South-South socio-economic mid-1980s");
	ck_assert_str_eq(kinds(doc), "WPWSWPWSWPW");
	ck_assert_str_eq(tu_content(doc),
	                 "South|-|South|socio|-|economic|mid|-|1980s");
	ck_assert_str_eq(tu_fold(doc, 1), "-");
	um_doc_free(doc);
}
END_TEST

START_TEST(apostrophes)
{
	um_doc *doc = tu_doc("C\xC3\xB4te d'Ivoire and C\xC3\xB4te d\xE2\x80\x99Ivoire");
	ck_assert_str_eq(kinds(doc), "WSWPWSWSWSWPW");
	ck_assert_str_eq(tu_content(doc), "C\xC3\xB4te|d|'|Ivoire|and|C\xC3\xB4te|d|"
	                 "\xE2\x80\x99|Ivoire");
	ck_assert_str_eq(tu_fold(doc, 3), "'");
	ck_assert_str_eq(tu_fold(doc, 11), "'");
	ck_assert_str_eq(tu_tok(doc, 11), "\xE2\x80\x99");
	expect_span(doc, 11, 26, 29);
	ck_assert_str_eq(tu_fold(doc, 0), "c\xC3\xB4te");
	um_doc_free(doc);
}
END_TEST

START_TEST(other_typographic_marks_fold)
{
	/* U+2018 and the double quotes U+201C/U+201D. */
	um_doc *doc = tu_doc("\xE2\x80\x98" "a\xE2\x80\x9C" "b\xE2\x80\x9D");
	ck_assert_str_eq(kinds(doc), "PWPWP");
	ck_assert_str_eq(tu_fold(doc, 0), "'");
	ck_assert_str_eq(tu_fold(doc, 2), "\"");
	ck_assert_str_eq(tu_fold(doc, 4), "\"");
	um_doc_free(doc);
}
END_TEST

START_TEST(en_dash_folds_to_hyphen)
{
	um_doc *doc = tu_doc("2008\xE2\x80\x93" "2009");
	ck_assert_str_eq(kinds(doc), "NPN");
	ck_assert_str_eq(tu_tok(doc, 1), "\xE2\x80\x93");
	ck_assert_str_eq(tu_fold(doc, 1), "-");
	expect_span(doc, 1, 4, 7);
	expect_span(doc, 2, 7, 11);
	um_doc_free(doc);
}
END_TEST

START_TEST(scripts_make_single_words)
{
	/* Russian, Arabic (one word with vowel marks), Greek, accented Latin. */
	um_doc *doc = tu_doc(
		"\xD0\x9E\xD1\x80\xD0\xB3\xD0\xB0\xD0\xBD\xD0\xB8\xD0\xB7\xD0\xB0"
		"\xD1\x86\xD0\xB8\xD1\x8F \xD0\x9E\xD0\xB1\xD1\x8A\xD0\xB5\xD0\xB4"
		"\xD0\xB8\xD0\xBD\xD1\x91\xD0\xBD\xD0\xBD\xD1\x8B\xD1\x85 "
		"\xD8\xA7\xD9\x84\xD8\xA3\xD9\x85\xD9\x85 "
		"\xD9\x85\xD9\x8F\xD8\xAA\xD9\x8E\xD9\x91"
		"\xD8\xAD\xD9\x90\xD8\xAF\xD9\x8E\xD8\xA9 "
		"\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1 "
		"S\xC3\xA3o Tom\xC3\xA9");
	ck_assert_str_eq(kinds(doc), "WSWSWSWSWSWSW");
	ck_assert_str_eq(tu_tok(doc, 0), "\xD0\x9E\xD1\x80\xD0\xB3\xD0\xB0\xD0\xBD"
	                 "\xD0\xB8\xD0\xB7\xD0\xB0\xD1\x86\xD0\xB8\xD1\x8F");
	ck_assert_uint_eq(lex_flags(doc, 0), UM_TF_CAP);
	ck_assert_str_eq(tu_fold(doc, 0), "\xD0\xBE\xD1\x80\xD0\xB3\xD0\xB0\xD0\xBD"
	                 "\xD0\xB8\xD0\xB7\xD0\xB0\xD1\x86\xD0\xB8\xD1\x8F");
	ck_assert_str_eq(tu_tok(doc, 4), "\xD8\xA7\xD9\x84\xD8\xA3\xD9\x85\xD9\x85");
	ck_assert_uint_eq(lex_flags(doc, 4), 0);
	ck_assert_str_eq(tu_tok(doc, 6), "\xD9\x85\xD9\x8F\xD8\xAA\xD9\x8E\xD9\x91"
	                 "\xD8\xAD\xD9\x90\xD8\xAF\xD9\x8E\xD8\xA9");
	ck_assert_str_eq(tu_tok(doc, 8),
	                 "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1");
	ck_assert_str_eq(tu_tok(doc, 10), "S\xC3\xA3o");
	ck_assert_str_eq(tu_tok(doc, 12), "Tom\xC3\xA9");
	um_doc_free(doc);
}
END_TEST

START_TEST(han_one_token_each)
{
	/* 联合国大会 "United Nations General Assembly". */
	um_doc *doc = tu_doc("\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD"
	                     "\xE5\xA4\xA7\xE4\xBC\x9A");
	ck_assert_str_eq(kinds(doc), "WWWWW");
	ck_assert_str_eq(tu_content(doc), "\xE8\x81\x94|\xE5\x90\x88|\xE5\x9B\xBD|"
	                 "\xE5\xA4\xA7|\xE4\xBC\x9A");
	expect_span(doc, 0, 0, 3);
	expect_span(doc, 4, 12, 15);
	ck_assert_uint_eq(lex_flags(doc, 2), 0);
	um_doc_free(doc);
}
END_TEST

START_TEST(case_flags)
{
	um_doc *doc = tu_doc("Nations NATIONS nations UNDP iPhone A \xC3\x89TATS");
	ck_assert_uint_eq(lex_flags(doc, 0), UM_TF_CAP);
	ck_assert_uint_eq(lex_flags(doc, 2), UM_TF_CAP | UM_TF_ALLCAPS);
	ck_assert_uint_eq(lex_flags(doc, 4), 0);
	ck_assert_uint_eq(lex_flags(doc, 6), UM_TF_CAP | UM_TF_ALLCAPS);
	ck_assert_uint_eq(lex_flags(doc, 8), 0);
	ck_assert_uint_eq(lex_flags(doc, 10), UM_TF_CAP | UM_TF_ALLCAPS);
	ck_assert_uint_eq(lex_flags(doc, 12), UM_TF_CAP | UM_TF_ALLCAPS);
	/* Punctuation and spaces carry no case. */
	um_doc_free(doc);
	doc = tu_doc("A-b 42");
	ck_assert_uint_eq(lex_flags(doc, 1), 0);
	ck_assert_uint_eq(lex_flags(doc, 2), 0);
	ck_assert_uint_eq(lex_flags(doc, 3), 0);
	ck_assert_uint_eq(lex_flags(doc, 4), UM_TF_DIGITS);
	um_doc_free(doc);
}
END_TEST

START_TEST(fold_lower_cases)
{
	um_doc *doc = tu_doc("Nations \xC3\x89TATS UNITED nations "
	                     "\xEF\xAC\x81nance Stra\xC3\x9F" "e");
	ck_assert_str_eq(tu_fold(doc, 0), "nations");
	ck_assert_str_eq(tu_fold(doc, 2), "\xC3\xA9tats");
	ck_assert_str_eq(tu_fold(doc, 4), "united");
	ck_assert_str_eq(tu_fold(doc, 6), "nations");
	/* NFKC: the ligature is two letters. */
	ck_assert_str_eq(tu_fold(doc, 8), "finance");
	/* Full case folding. */
	ck_assert_str_eq(tu_fold(doc, 10), "strasse");
	/* The text itself is untouched. */
	ck_assert_str_eq(tu_tok(doc, 2), "\xC3\x89TATS");
	um_doc_free(doc);
}
END_TEST

/* The NFKC case fold of s[0, n) as token.h states it: utf8proc's, with
 * typographic apostrophes, quotes and hyphens made ASCII. Into out (room
 * for 64 bytes); its length. */
static size_t nfkc_fold(const char *s, size_t n, char *out)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s,
	                                    (utf8proc_ssize_t)n, &m,
	                                    UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	                                    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
	size_t j = 0, k = 0;
	ck_assert_int_gt(len, 0);
	while (j < (size_t)len) {
		int32_t cp;
		utf8proc_ssize_t l = utf8proc_iterate(m + j, len - (utf8proc_ssize_t)j,
		                                      &cp);
		ck_assert_int_gt(l, 0);
		ck_assert_uint_lt(k + (size_t)l, 64);
		if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x2032)
			out[k++] = '\'';
		else if (cp == 0x201C || cp == 0x201D)
			out[k++] = '"';
		else if ((cp >= 0x2010 && cp <= 0x2013) || cp == 0x2212)
			out[k++] = '-';
		else {
			memcpy(out + k, m + j, (size_t)l);
			k += (size_t)l;
		}
		j += (size_t)l;
	}
	free(m);
	return k;
}

/* Tokenizes text and compares the fold of every token that is not white
 * space (with single, only those of one character) with the one token.h
 * states; the number compared. */
static size_t folds_checked(const char *text, int single)
{
	um_doc *doc = tu_doc(text);
	size_t n, checked = 0;
	const um_token *t = um_doc_tokens(doc, &n);
	const char *s = um_doc_text(doc, NULL);
	for (size_t i = 0; i < n; i++) {
		char want[64];
		size_t m, len = t[i].end - t[i].begin;
		int32_t cp;
		if (um_token_is_space(&t[i]) ||
		    (single && utf8proc_iterate((const utf8proc_uint8_t *)s + t[i].begin,
		                                (utf8proc_ssize_t)len, &cp) !=
		                (utf8proc_ssize_t)len))
			continue;
		m = nfkc_fold(s + t[i].begin, len, want);
		if (m != t[i].fold_len || memcmp(want, t[i].fold, m))
			ck_abort_msg("fold of \"%.*s\" is \"%.*s\", not \"%.*s\"",
			             (int)len, s + t[i].begin, (int)t[i].fold_len,
			             t[i].fold, (int)m, want);
		checked++;
	}
	um_doc_free(doc);
	return checked;
}

/* Words of two characters, every letter and mark of two UTF-8 bytes
 * followed by a sample of letters and marks (combining ones, ASCII,
 * Latin, Greek, Cyrillic, three-byte letters): each word's fold is the
 * one token.h states ("ŉ" is "'n"), whether the tokenizer folds it by its
 * table of two-byte characters or through utf8proc. */
START_TEST(fold_of_two_byte_letters_is_utf8procs)
{
	static const int32_t second[] = {
		'a', 'Z', 0x00C0, 0x00DF, 0x0130, 0x0149, 0x017F, 0x01C5,
		0x0300, 0x0301, 0x0308, 0x0327, 0x0345, 0x0390, 0x03A3,
		0x03C2, 0x0401, 0x0419, 0x0439, 0x04C0, 0x0531, 0x0587,
		0x1E00, 0x1E9E, 0x1F08, 0x1F88, 0x2126, 0xFB00
	};
	size_t cap = 1 << 20, len = 0;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	for (int32_t cp = 0x80; cp < 0x800; cp++) {
		utf8proc_category_t cat = utf8proc_category(cp);
		if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_ME)
			continue;
		for (size_t k = 0; k < sizeof(second) / sizeof(*second); k++) {
			ck_assert_uint_lt(len + 16, cap);
			len += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)text + len);
			len += (size_t)utf8proc_encode_char(second[k],
			                                   (utf8proc_uint8_t *)text + len);
			text[len++] = ' ';
		}
	}
	text[len] = '\0';
	/* the letters and marks of the range (1,651 in this utf8proc's
	 * tables) that make tokens with the sample */
	ck_assert_uint_gt(folds_checked(text, 0), 30000);
	free(text);
}
END_TEST

/* Every character of the BMP and one in 64 past it, alone between
 * spaces: the fold of each one-character token is the one token.h
 * states, whether it is the character itself (no decomposition, no case
 * fold), a typographic mark made ASCII or utf8proc's. */
START_TEST(fold_of_single_characters_is_utf8procs)
{
	size_t cap = 8 << 20, len = 0;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	for (int32_t cp = 0x80; cp <= 0x10FFFF; cp += cp < 0x10000 ? 1 : 64) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		ck_assert_uint_lt(len + 8, cap);
		len += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)text + len);
		text[len++] = ' ';
	}
	text[len] = '\0';
	/* most of the 63,360 characters of the BMP outside ASCII and
	 * surrogates, and of the 16,384 sampled past it, are tokens alone */
	ck_assert_uint_gt(folds_checked(text, 1), 70000);
	free(text);
}
END_TEST

START_TEST(tokens_tile_the_text)
{
	static const char s[] =
		"  Promotion of South\xE2\x80\x93South cooperation (A/64/504):\n"
		"\t2,000 \xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD $5 + 3.5%\n\n"
		"C\xC3\xB4te d\xE2\x80\x99Ivoire "
		"\xD8\xA7\xD9\x84\xD8\xA3\xD9\x85\xD9\x85.  ";
	um_doc *doc = tu_doc(s);
	size_t n, i, len;
	const um_token *t = um_doc_tokens(doc, &n);
	um_doc_text(doc, &len);

	ck_assert_uint_eq(len, sizeof(s) - 1);
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_eq(t[0].begin, 0);
	for (i = 0; i < n; i++) {
		ck_assert_uint_lt(t[i].begin, t[i].end);
		if (i + 1 < n)
			ck_assert_uint_eq(t[i].end, t[i + 1].begin);
	}
	ck_assert_uint_eq(t[n - 1].end, len);
	ck_assert_str_eq(tu_tok(doc, 0), "  ");
	ck_assert_str_eq(tu_tok(doc, n - 1), "  ");
	um_doc_free(doc);
}
END_TEST

START_TEST(symbols_and_punctuation)
{
	um_doc *doc = tu_doc("$5 + 10% (b)");
	ck_assert_str_eq(kinds(doc), "YNSYSNPSPWP");
	um_doc_free(doc);
}
END_TEST

START_TEST(space_and_newline_tokens)
{
	um_doc *doc = tu_doc("a  b\nc \n \t\n d\n\n\n\ne");
	ck_assert_str_eq(kinds(doc), "WSWLWLWLW");
	ck_assert_str_eq(tu_tok(doc, 1), "  ");
	ck_assert_str_eq(tu_tok(doc, 3), "\n");
	ck_assert_uint_eq(tok(doc, 3)->flags & UM_TF_PARA_BREAK, 0);
	ck_assert_str_eq(tu_tok(doc, 5), " \n \t\n ");
	ck_assert_uint_eq(tok(doc, 5)->flags & UM_TF_PARA_BREAK, UM_TF_PARA_BREAK);
	ck_assert_str_eq(tu_tok(doc, 7), "\n\n\n\n");
	ck_assert_uint_eq(tok(doc, 7)->flags & UM_TF_PARA_BREAK, UM_TF_PARA_BREAK);
	ck_assert_uint_eq(tok(doc, 1)->flags & UM_TF_PARA_BREAK, 0);
	um_doc_free(doc);
}
END_TEST

START_TEST(zero_width_space_separates_words)
{
	/* U+200B marks a word boundary (common in text taken from HTML). */
	um_doc *doc = tu_doc("Security\xE2\x80\x8B" "Council");
	char first[64], last[64];
	snprintf(first, sizeof(first), "%s", tu_tok(doc, 0));
	snprintf(last, sizeof(last), "%s", tu_tok(doc, ntokens(doc) - 1));
	um_doc_free(doc);
	ck_assert_str_eq(first, "Security");
	ck_assert_str_eq(last, "Council");
}
END_TEST

START_TEST(soft_hyphen_joins_a_word)
{
	um_doc *doc = tu_doc("inter\xC2\xAD" "national law");
	ck_assert_str_eq(kinds(doc), "WSW");
	ck_assert_str_eq(tu_tok(doc, 0), "inter\xC2\xAD" "national");
	um_doc_free(doc);
}
END_TEST

START_TEST(empty_text_has_no_tokens)
{
	um_doc *doc = tu_doc("");
	size_t n;
	ck_assert_uint_eq(ntokens(doc), 0);
	um_doc_sentences(doc, &n);
	ck_assert_uint_eq(n, 0);
	um_doc_paragraphs(doc, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(um_doc_tokenize(doc), 0);
	um_doc_free(doc);
}
END_TEST

START_TEST(tokenize_twice_is_a_no_op)
{
	um_doc *doc = tu_doc("One. Two.");
	size_t n1, n2, s1, s2;
	const um_token *t1 = um_doc_tokens(doc, &n1), *t2;
	um_doc_sentences(doc, &s1);
	ck_assert_int_eq(um_doc_tokenize(doc), 0);
	t2 = um_doc_tokens(doc, &n2);
	um_doc_sentences(doc, &s2);
	ck_assert_uint_eq(n1, 5);
	ck_assert_uint_eq(n2, 5);
	ck_assert_ptr_eq(t1, t2);
	ck_assert_uint_eq(s1, 2);
	ck_assert_uint_eq(s2, 2);
	/* Text is frozen once tokens exist. */
	ck_assert_int_eq(um_doc_set_text(doc, "x", 1), UM_EINVAL);
	um_doc_free(doc);
}
END_TEST

START_TEST(sentences_split_before_capital)
{
	ck_assert_str_eq(SENTENCES("The Council met. It decided to act."),
	                 "The Council met.|It decided to act.");
	ck_assert_str_eq(SENTENCES("Why? Because it can! Next."),
	                 "Why?|Because it can!|Next.");
	ck_assert_str_eq(SENTENCES("He said \"stop.\" Then (he left.) Done"),
	                 "He said \"stop.\"|Then (he left.)|Done");
}
END_TEST

START_TEST(sentence_spans_are_exact)
{
	um_doc *doc = tu_doc("The Council met. It decided.");
	size_t n;
	const um_span *s = um_doc_sentences(doc, &n);
	/* The(0) _ Council(2) _ met(4) .(5) _ It(7) _ decided(9) .(10) */
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(s[0].begin, 0);
	ck_assert_uint_eq(s[0].end, 6);
	ck_assert_uint_eq(s[1].begin, 7);
	ck_assert_uint_eq(s[1].end, 11);
	um_doc_free(doc);
}
END_TEST

START_TEST(no_split_after_abbreviations)
{
	ck_assert_str_eq(SENTENCES("Mr. Smith spoke. Mrs. Jones replied."),
	                 "Mr. Smith spoke.|Mrs. Jones replied.");
	ck_assert_str_eq(SENTENCES("See No. 5 of the list. Then stop."),
	                 "See No. 5 of the list.|Then stop.");
	ck_assert_str_eq(SENTENCES("Several States, e.g. Canada and Chile, agreed."),
	                 "Several States, e.g. Canada and Chile, agreed.");
	ck_assert_str_eq(SENTENCES("See para. 12 and Dr. Who."),
	                 "See para. 12 and Dr. Who.");
}
END_TEST

START_TEST(no_split_after_initials)
{
	ck_assert_str_eq(SENTENCES("It was signed by J. K. Smith on Monday. He left."),
	                 "It was signed by J. K. Smith on Monday.|He left.");
}
END_TEST

START_TEST(no_split_after_non_ascii_initials)
{
	/* An initial is one letter, whatever its UTF-8 length: "É. Dupont",
	 * Russian "В. Небензя". */
	ck_assert_str_eq(SENTENCES("Le rapport de \xC3\x89. Dupont est paru."),
	                 "Le rapport de \xC3\x89. Dupont est paru.");
	ck_assert_str_eq(SENTENCES("\xD0\x92\xD1\x8B\xD1\x81\xD1\x82\xD1\x83\xD0\xBF"
	                           "\xD0\xB8\xD0\xBB \xD0\x92. \xD0\x9D\xD0\xB5\xD0\xB1"
	                           "\xD0\xB5\xD0\xBD\xD0\xB7\xD1\x8F."),
	                 "\xD0\x92\xD1\x8B\xD1\x81\xD1\x82\xD1\x83\xD0\xBF"
	                 "\xD0\xB8\xD0\xBB \xD0\x92. \xD0\x9D\xD0\xB5\xD0\xB1"
	                 "\xD0\xB5\xD0\xBD\xD0\xB7\xD1\x8F.");
}
END_TEST

START_TEST(no_split_before_lower_case)
{
	ck_assert_str_eq(SENTENCES("It covers apples, pears, etc. and plums. It ends."),
	                 "It covers apples, pears, etc. and plums.|It ends.");
}
END_TEST

START_TEST(split_before_uncased_script)
{
	/* Arabic has no case: a full stop before an Arabic word ends the
	 * sentence. "The Council met. And it decided to continue." */
	ck_assert_str_eq(SENTENCES("\xD8\xA7\xD8\xAC\xD8\xAA\xD9\x85\xD8\xB9 "
	                           "\xD8\xA7\xD9\x84\xD9\x85\xD8\xAC\xD9\x84\xD8\xB3. "
	                           "\xD9\x88\xD9\x82\xD8\xB1\xD8\xB1 \xD8\xA3\xD9\x86 "
	                           "\xD9\x8A\xD9\x88\xD8\xA7\xD8\xB5\xD9\x84."),
	                 "\xD8\xA7\xD8\xAC\xD8\xAA\xD9\x85\xD8\xB9 "
	                 "\xD8\xA7\xD9\x84\xD9\x85\xD8\xAC\xD9\x84\xD8\xB3.|"
	                 "\xD9\x88\xD9\x82\xD8\xB1\xD8\xB1 \xD8\xA3\xD9\x86 "
	                 "\xD9\x8A\xD9\x88\xD8\xA7\xD8\xB5\xD9\x84.");
}
END_TEST

START_TEST(cjk_full_stop)
{
	/* "会议。大会。": the CJK full stop needs no space after it. */
	ck_assert_str_eq(SENTENCES("\xE4\xBC\x9A\xE8\xAE\xAE\xE3\x80\x82"
	                           "\xE5\xA4\xA7\xE4\xBC\x9A\xE3\x80\x82"),
	                 "\xE4\xBC\x9A\xE8\xAE\xAE\xE3\x80\x82|"
	                 "\xE5\xA4\xA7\xE4\xBC\x9A\xE3\x80\x82");
}
END_TEST

START_TEST(paragraphs_across_blank_lines)
{
	static const char s[] = "First one. Second one.\n\nThird one.\n \n\nFourth";
	ck_assert_str_eq(PARAGRAPHS(s), "First one. Second one.|Third one.|Fourth");
	ck_assert_str_eq(SENTENCES(s), "First one.|Second one.|Third one.|Fourth");
}
END_TEST

/* Speeches and converted documents write a paragraph on one line: the end
 * of a line of more than 250 bytes, or before one, ends a paragraph where
 * the line ends a sentence and the next does not go on in lower case. */
START_TEST(paragraphs_on_one_line)
{
	static const char fill[] = "The Assembly met and spoke at length of "
	                           "the questions before it. ";
	char s[4096], want[4096], *p = s, *q = want;
	/* one long line, two short ones, three long lines of one paragraph
	 * (wrapped after "on" and before lower case) and short lines */
	static const char *const parts[] = {
		"", "End.\n5\nGeneral Assembly\n",
		"", "on\n22 January 2014, ", "", "then\nwent on: ", "", "\"so.\"\n",
		"Last one.\nshort\nlines", NULL
	};
	for (int k = 0; parts[k]; k++) {
		if (parts[k][0])
			p += sprintf(p, "%s", parts[k]);
		else
			for (int i = 0; i < 5; i++)
				p += sprintf(p, "%s", fill);
	}
	for (int k = 0; parts[k]; k++) {
		if (!parts[k][0]) {
			for (int i = 0; i < 5; i++)
				q += sprintf(q, "%s", fill);
		} else if (k == 1) {
			/* "5" and "General Assembly" are one paragraph of short
			 * lines, the long line after them another */
			q += sprintf(q, "End.|5\nGeneral Assembly|");
		} else if (k == 7) {
			/* a sentence ends inside closing quotes */
			q += sprintf(q, "\"so.\"|");
		} else {
			q += sprintf(q, "%s", parts[k]);
		}
	}
	ck_assert_str_eq(PARAGRAPHS(s), want);
	/* a line of prose wrapped mid-sentence before a long one is not a
	 * heading: one paragraph */
	p = s;
	p += sprintf(p, "278.\tOur position has always been clear. We were the "
	             "first to recognize the Saharan Arab\nDemocratic Republic. ");
	for (int i = 0; i < 5; i++)
		p += sprintf(p, "%s", fill);
	p[-1] = '\0';       /* the space at the end is no paragraph's */
	ck_assert_str_eq(PARAGRAPHS(s), s);
	/* lower case in any script goes on: "\u00e0 l'unanimit\u00e9" */
	p = s;
	p += sprintf(p, "Le Conseil d\xC3\xA9" "cide.\n\xC3\xA0 l'unanimit\xC3\xA9 ");
	for (int i = 0; i < 5; i++)
		p += sprintf(p, "%s", fill);
	p[-1] = '\0';
	ck_assert_str_eq(PARAGRAPHS(s), s);
	/* a long line of Chinese ends its paragraph at the ideographic
	 * full stop; 250 characters, not bytes */
	p = s;
	for (int i = 0; i < 260; i++)
		p += sprintf(p, "\xE4\xBC\x9A");
	p += sprintf(p, "\xE3\x80\x82\n\xE5\xA4\xA7");
	q = want;
	for (int i = 0; i < 260; i++)
		q += sprintf(q, "\xE4\xBC\x9A");
	q += sprintf(q, "\xE3\x80\x82|\xE5\xA4\xA7");
	ck_assert_str_eq(PARAGRAPHS(s), want);
	/* 130 Cyrillic letters take 260 bytes, a line wrapped at a width:
	 * no paragraph of its own */
	p = s;
	for (int i = 0; i < 130; i++)
		p += sprintf(p, "\xD0\x94");
	p += sprintf(p, ".\n\xD0\x94");
	ck_assert_str_eq(PARAGRAPHS(s), s);
}
END_TEST

START_TEST(paragraph_break_ends_sentence)
{
	/* No full stop, but a blank line: a new sentence in a new paragraph. */
	ck_assert_str_eq(SENTENCES("The Security Council\n\ndecides to remain seized"),
	                 "The Security Council|decides to remain seized");
}
END_TEST

START_TEST(numbered_paragraph_one_sentence)
{
	ck_assert_str_eq(SENTENCES("1. In a volatile world, the Organization must "
	                           "adapt. It will."),
	                 "1. In a volatile world, the Organization must adapt.|"
	                 "It will.");
	ck_assert_str_eq(SENTENCES("Intro text here.\n\n12. The Assembly decided."),
	                 "Intro text here.|12. The Assembly decided.");
}
END_TEST

START_TEST(year_at_line_start_ends_sentence)
{
	/* Text wrapped so that a year starts a line: "1978." closes the
	 * sentence; only a number that starts its sentence numbers it. */
	ck_assert_str_eq(SENTENCES("The Conference was held in Buenos Aires in\n"
	                           "1978. The Nairobi Conference will review it."),
	                 "The Conference was held in Buenos Aires in\n1978.|"
	                 "The Nairobi Conference will review it.");
}
END_TEST

START_TEST(sentence_and_paragraph_flags)
{
	um_doc *doc = tu_doc("  First one. Second one.\n\nThird one.");
	size_t n, i;
	const um_token *t = um_doc_tokens(doc, &n);
	ck_assert_str_eq(flagged(doc, UM_TF_SENT_START), "First|Second|Third");
	ck_assert_str_eq(flagged(doc, UM_TF_PARA_START), "First|Third");
	/* The first content token, not the leading space. */
	ck_assert_uint_eq(t[0].flags & (UM_TF_SENT_START | UM_TF_PARA_START), 0);
	ck_assert_uint_eq(t[1].flags & (UM_TF_SENT_START | UM_TF_PARA_START),
	                  UM_TF_SENT_START | UM_TF_PARA_START);
	for (i = 0; i < n; i++)
		if (um_token_is_space(&t[i]))
			ck_assert_uint_eq(t[i].flags & (UM_TF_SENT_START |
			                                UM_TF_PARA_START), 0);
	um_doc_free(doc);
}
END_TEST

START_TEST(flags_match_spans)
{
	um_doc *doc = tu_doc("A first. A second.\n\nB first. B second.\n\nC.");
	size_t nt, ns, np, i, j;
	const um_token *t = um_doc_tokens(doc, &nt);
	const um_span *s = um_doc_sentences(doc, &ns);
	const um_span *p = um_doc_paragraphs(doc, &np);
	ck_assert_uint_eq(ns, 5);
	ck_assert_uint_eq(np, 3);
	for (i = 0, j = 0; i < nt; i++) {
		int start = j < ns && s[j].begin == i;
		ck_assert_int_eq(!!(t[i].flags & UM_TF_SENT_START), start);
		j += start;
	}
	for (i = 0, j = 0; i < nt; i++) {
		int start = j < np && p[j].begin == i;
		ck_assert_int_eq(!!(t[i].flags & UM_TF_PARA_START), start);
		j += start;
	}
	um_doc_free(doc);
}
END_TEST

START_TEST(headings_then_body)
{
	/* The heading block of A/64/504, in the paragraph of its body. */
	ck_assert_str_eq(SENTENCES("Sixty-fourth session\nAgenda item 58 (b)\n"
	                           "Operational activities for development:\n"
	                           "South-South cooperation for development\n"
	                           "The present report responds to resolutions 62/209 "
	                           "of 19 December 2007 and 63/233 of 19 December 2008."),
	                 "Sixty-fourth session|Agenda item 58 (b)|"
	                 "Operational activities for development:\n"
	                 "South-South cooperation for development|"
	                 "The present report responds to resolutions 62/209 "
	                 "of 19 December 2007 and 63/233 of 19 December 2008.");
}
END_TEST

START_TEST(headings_block_splits)
{
	/* A block of short lines without punctuation, a paragraph of its own:
	 * each line is a heading. */
	ck_assert_str_eq(SENTENCES("General Assembly\nSixty-fourth session\n"
	                           "Agenda item 53\n\n"
	                           "The present report responds to resolutions."),
	                 "General Assembly|Sixty-fourth session|Agenda item 53|"
	                 "The present report responds to resolutions.");
}
END_TEST

START_TEST(wrapped_prose_does_not_split)
{
	ck_assert_str_eq(SENTENCES("The General Assembly decided to convene a "
	                           "High-level United Nations\nConference on "
	                           "South-South Cooperation in Nairobi in 2009."),
	                 "The General Assembly decided to convene a High-level "
	                 "United Nations\nConference on South-South Cooperation "
	                 "in Nairobi in 2009.");
}
END_TEST

START_TEST(narrow_wrapped_prose_does_not_split)
{
	/* Lines 72-77 of corpus/MHL_57_2002.txt, wrapped at about 55
	 * columns: a line of six words ending in "developing" is not a
	 * heading because the next one starts with "States". */
	ck_assert_str_eq(SENTENCES("I therefore stand here, at the fifty-seventh "
	                           "session\nof the General Assembly, to advocate "
	                           "for a new\ninternational paradigm: one that "
	                           "recognizes both the\nunique challenges facing "
	                           "small island developing\nStates such as the "
	                           "Marshall Islands, as well as the\nunique "
	                           "resources and gifts that such nations possess."),
	                 "I therefore stand here, at the fifty-seventh session\n"
	                 "of the General Assembly, to advocate for a new\n"
	                 "international paradigm: one that recognizes both the\n"
	                 "unique challenges facing small island developing\n"
	                 "States such as the Marshall Islands, as well as the\n"
	                 "unique resources and gifts that such nations possess.");
}
END_TEST

Suite *tokenizer_suite(void)
{
	Suite *s = suite_create("tokenizer");
	TCase *tc = tcase_create("tokens");
	TCase *ts = tcase_create("sentences");

	/* the tests of every character take seconds under the sanitizers
	 * and valgrind */
	tcase_set_timeout(tc, 120);

	tcase_add_test(tc, document_symbol);
	tcase_add_test(tc, reference_number);
	tcase_add_test(tc, numbers_with_separators);
	tcase_add_test(tc, footnote_marks);
	tcase_add_test(tc, number_then_full_stop);
	tcase_add_test(tc, words_with_digits);
	tcase_add_test(tc, hyphens_split);
	tcase_add_test(tc, apostrophes);
	tcase_add_test(tc, other_typographic_marks_fold);
	tcase_add_test(tc, en_dash_folds_to_hyphen);
	tcase_add_test(tc, scripts_make_single_words);
	tcase_add_test(tc, han_one_token_each);
	tcase_add_test(tc, case_flags);
	tcase_add_test(tc, fold_lower_cases);
	tcase_add_test(tc, fold_of_two_byte_letters_is_utf8procs);
	tcase_add_test(tc, fold_of_single_characters_is_utf8procs);
	tcase_add_test(tc, tokens_tile_the_text);
	tcase_add_test(tc, symbols_and_punctuation);
	tcase_add_test(tc, space_and_newline_tokens);
	tcase_add_test(tc, zero_width_space_separates_words);
	tcase_add_test(tc, soft_hyphen_joins_a_word);
	tcase_add_test(tc, empty_text_has_no_tokens);
	tcase_add_test(tc, tokenize_twice_is_a_no_op);
	suite_add_tcase(s, tc);

	tcase_add_test(ts, sentences_split_before_capital);
	tcase_add_test(ts, sentence_spans_are_exact);
	tcase_add_test(ts, no_split_after_abbreviations);
	tcase_add_test(ts, no_split_after_initials);
	tcase_add_test(ts, no_split_after_non_ascii_initials);
	tcase_add_test(ts, no_split_before_lower_case);
	tcase_add_test(ts, split_before_uncased_script);
	tcase_add_test(ts, cjk_full_stop);
	tcase_add_test(ts, paragraphs_across_blank_lines);
	tcase_add_test(ts, paragraphs_on_one_line);
	tcase_add_test(ts, paragraph_break_ends_sentence);
	tcase_add_test(ts, numbered_paragraph_one_sentence);
	tcase_add_test(ts, year_at_line_start_ends_sentence);
	tcase_add_test(ts, sentence_and_paragraph_flags);
	tcase_add_test(ts, flags_match_spans);
	tcase_add_test(ts, headings_then_body);
	tcase_add_test(ts, headings_block_splits);
	tcase_add_test(ts, wrapped_prose_does_not_split);
	tcase_add_test(ts, narrow_wrapped_prose_does_not_split);
	suite_add_tcase(s, ts);
	return s;
}
