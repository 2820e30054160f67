/*
 * Tokens and spans: the one token stream that every extractor reads.
 *
 * The tokenizer makes one pass over the document's normalised text (valid
 * UTF-8, NFC). Every byte of the text belongs to exactly one token, white
 * space included, so tokens tile the text: tokens[i].end ==
 * tokens[i + 1].begin. Any stretch of the text is therefore recoverable
 * exactly from a run of tokens: its bytes are text[tokens[first].begin ..
 * tokens[last].end). A document symbol such as "A/64/504" is the word "A",
 * "/", the number "64", "/", the number "504", with no space token between
 * them; a reference number such as "62/209" is number, "/", number. A
 * plugin that wants "the symbol-like string here" takes the maximal run of
 * tokens without a UM_TOK_SPACE or UM_TOK_NEWLINE between them.
 *
 * Token kinds:
 * - word: letters, combining marks and digits, starting with a letter or
 *   containing one ("Nations", "1980s", "19th", "A4"); each Han ideograph
 *   is a word of its own so that dictionaries match Chinese text;
 * - number: digits, with "," or "." between digits ("2,000", "3.5",
 *   "1.2.3"); "62/209" is three tokens;
 * - punct: one punctuation character (Unicode category P*): "-", "/", "'";
 * - symbol: one symbol or other character (S*, C*): "$", "%", "+";
 * - space: a run of white space without a line break;
 * - newline: a run of white space with at least one line break; with
 *   UM_TF_PARA_BREAK when it holds two or more (a blank line).
 *
 * The folded form is the NFKC case fold of the token (utf8proc), with the
 * typographic apostrophes and quotes U+2018/U+2019/U+02BC mapped to "'".
 * Matchers compare folded forms. It is not NUL-terminated: use fold_len.
 */
#ifndef UNMINE_TOKEN_H
#define UNMINE_TOKEN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum um_token_kind {
	UM_TOK_WORD = 1,
	UM_TOK_NUMBER = 2,
	UM_TOK_PUNCT = 3,
	UM_TOK_SYMBOL = 4,
	UM_TOK_SPACE = 5,
	UM_TOK_NEWLINE = 6
};

enum um_token_flag {
	UM_TF_CAP = 1 << 0,         /* first character is upper or title case */
	UM_TF_ALLCAPS = 1 << 1,     /* has cased letters, none lower case */
	UM_TF_DIGITS = 1 << 2,      /* contains a decimal digit */
	UM_TF_SENT_START = 1 << 3,  /* first token of a sentence */
	UM_TF_PARA_START = 1 << 4,  /* first token of a paragraph */
	UM_TF_PARA_BREAK = 1 << 5   /* newline token that ends a paragraph: a
	                             * blank line, or the end of a paragraph
	                             * written on one line */
};

typedef struct um_token {
	uint32_t begin;       /* byte offset of the first byte in the text */
	uint32_t end;         /* byte offset one past the last byte */
	const char *fold;     /* folded form, fold_len bytes, not terminated */
	uint32_t fold_len;
	uint16_t flags;       /* enum um_token_flag bits */
	uint8_t kind;         /* enum um_token_kind */
	uint8_t reserved;
} um_token;

/* A run of tokens [begin, end): sentences and paragraphs. */
typedef struct um_span {
	uint32_t begin;
	uint32_t end;
} um_span;

/* True for the kinds that carry no content (space and newline). */
static inline int um_token_is_space(const um_token *t)
{
	return t->kind == UM_TOK_SPACE || t->kind == UM_TOK_NEWLINE;
}

#ifdef __cplusplus
}
#endif
#endif
