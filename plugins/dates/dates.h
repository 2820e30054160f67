/* The dates plugin's scanner, apart from the plugin glue, so tests and the
 * plugin share one definition of a mention. */
#ifndef DATES_DATES_H
#define DATES_DATES_H

#include <stddef.h>
#include <stdint.h>

#include <unmine/token.h>

#include "lexicon.h"

/* How fine a point in time is. */
enum gran {
	G_NONE = 0,
	G_DAYONLY,     /* "1" of "1-3 December": only inside a range or list */
	G_DAY,
	G_MONTH,
	G_YEAR,
	G_DECADE,
	G_CENTURY,
	G_QUARTER,
	G_HALF
};

/* A point in time as written: y, m, d, hh and mi are -1 when not given;
 * the flags are 0. Small: a mention holds up to MAX_LIST of them, and a
 * document can hold many thousands of mentions. */
struct point {
	int16_t y;      /* year, or a decade's or century's first year */
	int8_t m, d;
	int8_t hh, mi;  /* time of day of a day */
	uint8_t gran;   /* enum gran */
	uint8_t q;      /* quarter or half */
	uint8_t mod;    /* enum mod */
	uint8_t bare;   /* a year or month standing alone: needs context */
	uint8_t bad;    /* the year is cut short ("June 202"): no value */
	uint32_t b, e;  /* content tokens [b, e) */
};

enum mention_type { MT_DATE = 1, MT_RANGE, MT_LIST, MT_DURATION, MT_RELATIVE };

enum rel_kind {
	RK_NONE = 0,
	RK_DEICTIC,    /* counted from the document date */
	RK_ANAPHORIC,  /* counted from the last date of the paragraph */
	RK_PAST_REF,
	RK_FUTURE_REF
};

#define MAX_LIST 8

struct mention {
	size_t tb, te;            /* tokens [tb, te) of the document */
	int type;                 /* enum mention_type */
	struct point p[MAX_LIST]; /* date: p[0]; range: p[0], p[1]; list */
	int np;
	int para_year;            /* last year written before, in the paragraph;
	                           * -1 none, PARA_DOC_YEAR the document's */
	int next_year;            /* else the first year written after it */
	int year_rel;             /* "5 January next" +1, "September last" -1:
	                           * the year of the next or last such day or
	                           * month from the document date; else 0 */
	/* relative */
	int rel_kind;             /* enum rel_kind */
	int unit;                 /* enum unit */
	int offset;
	int month;                /* "last November": the month named, else 0 */
	int in_month, in_day;     /* "April of this year": month and day, else 0 */
	int part, part_n;         /* "first half of this year": G_HALF, 1 */
	struct point anchor;      /* anaphoric: last date before; gran G_NONE if none */
	/* duration: ISO 8601 */
	char duration[24];
};

/* A paragraph's year after "this year": the document's. */
#define PARA_DOC_YEAR (-2)

/* The scanner's view of one content token. */
struct ctok {
	uint32_t tok;      /* index in the document's tokens */
	int32_t num;       /* value of a plain string of digits, else -1 */
	uint8_t ndig;      /* its number of digits */
	uint8_t kind;      /* enum um_token_kind */
	uint8_t cls;       /* enum lex_class, or the scanner's own classes */
	uint8_t gap;       /* white space before it */
	uint8_t cap;
	uint8_t sent;      /* first token of a sentence */
	uint8_t roman;     /* a Roman numeral or a lone capital: "XXIX", "A" */
	char ch;           /* the character of a one-byte punctuation token */
	short val;
};

struct lexicon_index;

/* Builds a lookup table of lex; NULL if memory runs out. */
struct lexicon_index *lexicon_index_new(const struct lexicon *lex);
void lexicon_index_free(struct lexicon_index *ix);

/* Finds every mention in tokens [begin, end) of one paragraph and appends
 * it to *ms (realloc'd; *nms and *cap updated). scratch must hold
 * end - begin entries. Returns 0, or -1 if memory runs out. */
int dates_scan_paragraph(const struct lexicon_index *ix, const char *text,
                         const um_token *toks, size_t begin, size_t end,
                         struct ctok *scratch, struct mention **ms,
                         size_t *nms, size_t *cap);

/* Writes the value of m into buf (size n): "" when it has none. doc is the
 * document date (gran G_NONE when unknown). Also the begin and end of a
 * range or list into begin and end ("" otherwise). */
void dates_value(const struct mention *m, const struct point *doc,
                 char *buf, size_t n, char *begin, char *end, size_t bn);

/* A day without a year and without a year earlier in its paragraph takes
 * the year of the same day written in full earlier in the document ("the
 * 23 October ceasefire" after "the 23 October 2020 ceasefire"). */
void dates_same_day(struct mention *ms, size_t nms);

/* The document date stated in its header: the first full date of the
 * first paragraphs that follows "dated", "Distr." or "adopted". */
int dates_doc_date(const struct mention *ms, size_t nms, const char *text,
                   const um_token *toks, struct point *ret);

#endif
