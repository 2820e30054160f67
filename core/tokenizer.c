/* The tokenizer: one pass over normalised text, Unicode character classes. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

enum cclass {
	C_SYMBOL,   /* any other character; 0, so the table's default */
	C_SPACE,    /* white space without a line break */
	C_NL,       /* a line break */
	C_LETTER,   /* letters, marks, letter-like numbers: part of words */
	C_UPPER,    /* an upper or title case letter */
	C_LOWER,    /* a lower case letter */
	C_DIGIT,    /* a decimal digit */
	C_HAN,      /* a Han ideograph: a word of its own */
	C_JOIN,     /* format characters that join inside words (ZWJ, SHY) */
	C_PUNCT
};

static const unsigned char ascii_class[128] = {
	/* Controls are replaced by the readers; a raw one is a symbol. */
	['\t'] = C_SPACE, ['\n'] = C_NL, ['\r'] = C_NL, ['\f'] = C_NL,
	['\v'] = C_NL, [' '] = C_SPACE,
	['!'] = C_PUNCT, ['"'] = C_PUNCT, ['#'] = C_PUNCT, ['$'] = C_SYMBOL,
	['%'] = C_PUNCT, ['&'] = C_PUNCT, ['\''] = C_PUNCT, ['('] = C_PUNCT,
	[')'] = C_PUNCT, ['*'] = C_PUNCT, ['+'] = C_SYMBOL, [','] = C_PUNCT,
	['-'] = C_PUNCT, ['.'] = C_PUNCT, ['/'] = C_PUNCT,
	['0' ... '9'] = C_DIGIT,
	[':'] = C_PUNCT, [';'] = C_PUNCT, ['<'] = C_SYMBOL, ['='] = C_SYMBOL,
	['>'] = C_SYMBOL, ['?'] = C_PUNCT, ['@'] = C_PUNCT,
	['A' ... 'Z'] = C_UPPER,
	['['] = C_PUNCT, ['\\'] = C_PUNCT, [']'] = C_PUNCT, ['^'] = C_SYMBOL,
	['_'] = C_PUNCT, ['`'] = C_SYMBOL,
	['a' ... 'z'] = C_LOWER,
	['{'] = C_PUNCT, ['|'] = C_SYMBOL, ['}'] = C_PUNCT, ['~'] = C_SYMBOL,
};

static int is_han(int32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

static enum cclass unicode_class(int32_t cp)
{
	if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
		return C_NL;
	if (is_han(cp))
		return C_HAN;
	if (cp == 0x200B)
		return C_SPACE;     /* zero width space: a word boundary */
	if (cp == 0x02BC)
		return C_PUNCT;     /* modifier apostrophe, used as "'" */
	/* Superscript and subscript digits are footnote marks and the like,
	 * not part of the number or word they follow: "1957¹". */
	if (cp == 0xB9 || cp == 0xB2 || cp == 0xB3 ||
	    (cp >= 0x2070 && cp <= 0x2079) || (cp >= 0x2080 && cp <= 0x2089))
		return C_SYMBOL;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return C_UPPER;
	case UTF8PROC_CATEGORY_LL:
		return C_LOWER;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return C_LETTER;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	case UTF8PROC_CATEGORY_ZS:
		return C_SPACE;
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return C_NL;
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
		return C_PUNCT;
	case UTF8PROC_CATEGORY_CF:
		return C_JOIN;
	default:
		return C_SYMBOL;
	}
}

/* The class of the character at s[i] and its length in bytes. */
static inline enum cclass char_class(const unsigned char *s, size_t n,
                                     size_t i, size_t *clen)
{
	int32_t cp;
	size_t k;
	if (s[i] < 0x80) {
		*clen = 1;
		return (enum cclass)ascii_class[s[i]];
	}
	k = um_utf8_decode(s + i, n - i, &cp);
	if (!k) {
		/* Not reached on normalised text; keep going on raw input. */
		*clen = 1;
		return C_SYMBOL;
	}
	*clen = k;
	return unicode_class(cp);
}

/* The first byte from i on that is not an ASCII lower-case letter:
 * eight bytes at a time where they can be read, so that a word's end
 * costs one test rather than a branch per letter. */
static inline size_t lower_run(const unsigned char *s, size_t i, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (i + 8 <= len) {
		uint64_t x, t, lower;
		memcpy(&x, s + i, 8);
		/* the high bit of each byte of lower: the byte is ASCII,
		 * at least 'a' (t + 0x1F carries into it) and not above 'z'
		 * (t + 0x05 does not) */
		t = x & 0x7F7F7F7F7F7F7F7FULL;
		lower = (t + 0x1F1F1F1F1F1F1F1FULL) & ~(t + 0x0505050505050505ULL) &
		        ~x & 0x8080808080808080ULL;
		if (lower != 0x8080808080808080ULL)
			return i + ((size_t)__builtin_ctzll(~lower &
			                                    0x8080808080808080ULL) >> 3);
		i += 8;
	}
#endif
	while (i < len && s[i] >= 'a' && s[i] <= 'z')
		i++;
	return i;
}

/* A comma at s[i] followed by a group of exactly three digits. */
static int thousands(const unsigned char *s, size_t len, size_t i)
{
	size_t k;
	for (k = 1; k <= 3; k++)
		if (i + k >= len || s[i + k] < '0' || s[i + k] > '9')
			return 0;
	return i + 4 >= len || s[i + 4] < '0' || s[i + 4] > '9';
}

static int is_wordish(enum cclass c)
{
	return c == C_LETTER || c == C_UPPER || c == C_LOWER || c == C_DIGIT;
}

#define FOLD_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | \
                      UTF8PROC_CASEFOLD)

/* The ASCII fold of typographic apostrophes, quotes and hyphens, so that
 * "Côte d’Ivoire" and "Côte d'Ivoire" match one entry; NULL otherwise. */
static const char *ascii_fold(int32_t cp)
{
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x2032)
		return "'";
	if (cp == 0x201C || cp == 0x201D)
		return "\"";
	if ((cp >= 0x2010 && cp <= 0x2013) || cp == 0x2212)
		return "-";
	return NULL;
}

/*
 * The folds of the Latin letters and signs of two UTF-8 bytes (U+0080 to
 * U+07FF, which hold Latin-1, the Latin Extended blocks, Greek and
 * Cyrillic): the code point utf8proc folds each to, or 0 when the fold
 * is not one code point ("ß" is "ss") or the character combines with its
 * neighbours (marks). A word of ASCII and such characters folds one
 * character at a time, the same as utf8proc folds it whole: each folds to
 * a precomposed letter and two letters never compose.
 */
#define TWO_BYTE_FIRST 0x80
#define TWO_BYTE_END 0x800
static int32_t two_byte_fold[TWO_BYTE_END - TWO_BYTE_FIRST];
static pthread_once_t two_byte_once = PTHREAD_ONCE_INIT;

static void two_byte_init(void)
{
	for (int32_t cp = TWO_BYTE_FIRST; cp < TWO_BYTE_END; cp++) {
		utf8proc_uint8_t in[4], *out = NULL;
		utf8proc_ssize_t n = utf8proc_encode_char(cp, in), m;
		const utf8proc_property_t *p = utf8proc_get_property(cp);
		int32_t f;
		if (p->combining_class != 0 ||
		    p->category == UTF8PROC_CATEGORY_MN ||
		    p->category == UTF8PROC_CATEGORY_MC ||
		    p->category == UTF8PROC_CATEGORY_ME ||
		    p->category == UTF8PROC_CATEGORY_CN)
			continue;
		m = utf8proc_map(in, n, &out, FOLD_OPTIONS);
		if (m > 0 && (size_t)m == (size_t)utf8proc_iterate(out, m, &f) &&
		    f > 0 && utf8proc_get_property(f)->combining_class == 0)
			two_byte_fold[cp - TWO_BYTE_FIRST] = f;
		free(out);
	}
}

/* The fold of s[0, n), ASCII and two-byte characters of the table, into
 * f (room for 2 n bytes: a fold takes up to 4 bytes); its length, or 0 if
 * a character is not one of them. */
static size_t fold_two_byte(const unsigned char *s, size_t n, char *f)
{
	size_t i = 0, k = 0;
	while (i < n) {
		int32_t cp, g;
		if (s[i] < 0x80) {
			f[k++] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
			i++;
			continue;
		}
		if (um_utf8_decode(s + i, n - i, &cp) != 2 ||
		    !(g = two_byte_fold[cp - TWO_BYTE_FIRST]) || ascii_fold(g))
			return 0;
		k += (size_t)utf8proc_encode_char(g, (utf8proc_uint8_t *)f + k);
		i += 2;
	}
	return k;
}

/* The ASCII bytes s[0, n) in lower case, in arena. */
static const char *ascii_lower(const unsigned char *s, size_t n,
                               um_arena *arena)
{
	char *f = um_arena_alloc(arena, n);
	for (size_t i = 0; i < n; i++)
		f[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
	return f;
}

/*
 * The folded form of text[b, e). Pure ASCII without upper case is its own
 * fold and costs nothing; otherwise the fold goes into the arena.
 */
static void fold_token(um_token *t, const char *text, um_arena *arena)
{
	const unsigned char *s = (const unsigned char *)text + t->begin;
	size_t n = t->end - t->begin, i;
	int upper = 0, ascii = 1;
	utf8proc_uint8_t *out = NULL;
	const unsigned char *mapped = NULL;
	utf8proc_int32_t local[256];
	char two[128];
	utf8proc_ssize_t m;
	int32_t cp0;
	char *f;
	size_t j, k;

	for (i = 0; i < n; i++) {
		if (s[i] >= 0x80) {
			ascii = 0;
			break;
		}
		if (s[i] >= 'A' && s[i] <= 'Z')
			upper = 1;
	}
	t->fold = text + t->begin;
	t->fold_len = (uint32_t)n;
	if (ascii) {
		if (upper)
			t->fold = ascii_lower(s, n, arena);
		return;
	}
	/* One typographic mark, the commonest non-ASCII token of English
	 * UN text, folds without a call into utf8proc; so does one character
	 * without a decomposition or a case fold (a Han ideograph, a dash, a
	 * currency sign), which is its own fold. */
	if (n <= 4 && um_utf8_decode(s, n, &cp0) == n) {
		const char *f1 = ascii_fold(cp0);
		const utf8proc_property_t *p = utf8proc_get_property(cp0);
		if (f1) {
			t->fold = f1;
			t->fold_len = 1;
			return;
		}
		if (p->decomp_seqindex == UINT16_MAX &&
		    p->casefold_seqindex == UINT16_MAX)
			return;
	}
	/* Words of accented Latin, Greek or Cyrillic letters: by a table. */
	if (n <= sizeof(two) / 2) {
		pthread_once(&two_byte_once, two_byte_init);
		if ((k = fold_two_byte(s, n, two)) != 0) {
			if (k == n && memcmp(two, s, n) == 0)
				return;
			f = um_arena_alloc(arena, k);
			memcpy(f, two, k);
			t->fold = f;
			t->fold_len = (uint32_t)k;
			return;
		}
	}
	if (n <= 48) {
		/* Short tokens fold in a local buffer, without allocating. */
		m = utf8proc_decompose(s, (utf8proc_ssize_t)n, local,
		                       (utf8proc_ssize_t)(sizeof(local) / sizeof(*local)) - 1,
		                       FOLD_OPTIONS);
		if (m >= 0 && (size_t)m < sizeof(local) / sizeof(*local)) {
			m = utf8proc_reencode(local, m, FOLD_OPTIONS);
			mapped = (const unsigned char *)local;
		}
	}
	if (!mapped) {
		m = utf8proc_map(s, (utf8proc_ssize_t)n, &out, FOLD_OPTIONS);
		mapped = out;
	}
	if (m < 0) {
		free(out);
		return;
	}
	f = um_arena_alloc(arena, (size_t)m);
	for (j = 0, k = 0; j < (size_t)m;) {
		int32_t cp;
		const char *a;
		size_t l = um_utf8_decode(mapped + j, (size_t)m - j, &cp);
		if (!l) {
			f[k++] = (char)mapped[j++];
			continue;
		}
		if ((a = ascii_fold(cp)) != NULL) {
			f[k++] = *a;
		} else {
			memcpy(f + k, mapped + j, l);
			k += l;
		}
		j += l;
	}
	free(out);
	if (k == n && memcmp(f, s, n) == 0)
		return;
	t->fold = f;
	t->fold_len = (uint32_t)k;
}

/* A line this long, in characters, is not text wrapped at a fixed
 * width: it is a paragraph written on one line, as many speeches and
 * converted documents are. */
#define PARA_LINE 250

/* The characters of s[a, b): its bytes that begin one. */
static size_t chars(const unsigned char *s, size_t a, size_t b)
{
	size_t n = 0;
	for (; a < b; a++)
		n += (s[a] & 0xC0) != 0x80;
	return n;
}

/* The last character of the line [line, e), its first byte in *at; -1
 * for none. */
static int32_t last_char(const unsigned char *s, size_t line, size_t e,
                         size_t *at)
{
	size_t b = e;
	int32_t cp;
	if (e == line)
		return -1;
	while (b > line && (s[b - 1] & 0xC0) == 0x80 && e - b < 3)
		b--;
	if (b > line)
		b--;
	if (um_utf8_decode(s + b, e - b, &cp) != e - b)
		return -1;
	*at = b;
	return cp;
}

/* Whether the line [line, b) ends a sentence: its last mark, before
 * closing quotes and brackets, ends one in a script UN documents are
 * written in (".", "!", "?", ":", ";", the ideographic full stop, the
 * Arabic question mark and full stop, the danda). */
static int ends_sentence(const unsigned char *s, size_t line, size_t b)
{
	size_t at = b;
	int32_t cp = last_char(s, line, b, &at);
	while (cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	       cp == 0x2019 || cp == 0x201D || cp == 0xBB || cp == 0x300D ||
	       cp == 0x300F || cp == 0xFF09)
		cp = last_char(s, line, at, &at);
	return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' ||
	       cp == 0x3002 || cp == 0xFF0E || cp == 0xFF01 || cp == 0xFF1F ||
	       cp == 0x061F || cp == 0x06D4 || cp == 0x0964;
}

/* The words of the line [line, b), counted up to limit. */
static size_t line_words(const unsigned char *s, size_t line, size_t b,
                         size_t limit)
{
	size_t n = 0;
	for (size_t i = line; i < b && n < limit; i++)
		if (s[i] != ' ' && s[i] != '\t' && (i == line || s[i - 1] == ' ' ||
		                                     s[i - 1] == '\t'))
			n++;
	return n;
}

/* Whether a line [a, b) is longer than PARA_LINE characters. */
static int long_line(const unsigned char *s, size_t a, size_t b)
{
	return b - a > PARA_LINE && chars(s, a, b) > PARA_LINE;
}

/* Whether the single line end between the line [line, b) and the one
 * that starts at i ends a paragraph, the second line not going on in
 * lower case: after a paragraph written on one line (PARA_LINE) that
 * ends a sentence, or before one after a line that ends a sentence or is
 * a heading of a few words. "launched in Monteux on\n22 January 2014"
 * and "We were the first to recognize the Saharan Arab\nDemocratic
 * Republic. ..." are each one paragraph wrapped, "at any cost.\n242.
 * After" two, and so are "General Assembly\n" and the paragraph on one
 * line after it. */
static int line_ends_paragraph(const unsigned char *s, size_t len,
                               size_t line, size_t b, size_t i)
{
	const unsigned char *nl;
	size_t clen;
	if (i >= len || char_class(s, len, i, &clen) == C_LOWER)
		return 0;
	if (long_line(s, line, b))
		return ends_sentence(s, line, b);
	nl = memchr(s + i, '\n', len - i);
	if (!long_line(s, i, nl ? (size_t)(nl - s) : len))
		return 0;
	return ends_sentence(s, line, b) || line_words(s, line, b, 9) <= 8;
}

void um_tokenize_text(const char *text, size_t len, um_arena *arena,
                      um_token **toks, size_t *ntoks, size_t *ctoks)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, clen, nt, cap, line = 0;
	um_token *tk;

	/* about two tokens for every three bytes of running text (words and
	 * the spaces between them), so that the array rarely grows */
	UM_GROW(*toks, *ctoks, *ntoks + len / 3 * 2 + 16);
	/* kept in registers: the stores into tokens could alias them */
	tk = *toks;
	nt = *ntoks;
	cap = *ctoks;
	while (i < len) {
		um_token *tp;
		enum cclass c;
		size_t b = i;
		int plain = 0;      /* a token that is its own fold */
		int caps = 0;       /* ASCII with capitals: folds to lower case */

		/* The token is built in its slot: a copy from the stack would
		 * stall on store forwarding after fold_token's narrow writes. */
		if (nt == cap) {
			UM_GROW(*toks, *ctoks, nt + 1);
			tk = *toks;
			cap = *ctoks;
		}
		tp = &tk[nt];
		tp->flags = 0;
		tp->reserved = 0;
		/* One space before a word or a mark, the commonest token. */
		if (s[i] == ' ' && (i + 1 == len ||
		                    (s[i + 1] < 0x80 && ascii_class[s[i + 1]] != C_SPACE &&
		                     ascii_class[s[i + 1]] != C_NL))) {
			tp->kind = UM_TOK_SPACE;
			tp->begin = (uint32_t)i;
			tp->end = (uint32_t)(i + 1);
			tp->fold = text + i;
			tp->fold_len = 1;
			nt++;
			i++;
			continue;
		}
		c = char_class(s, len, i, &clen);
		if (c == C_SPACE || c == C_NL) {
			int nls = 0;
			while (i < len) {
				c = char_class(s, len, i, &clen);
				if (c == C_NL) {
					/* "\r\n" in raw strings is one break. */
					if (!(s[i] == '\n' && i > b && s[i - 1] == '\r'))
						nls++;
				} else if (c != C_SPACE) {
					break;
				}
				i += clen;
			}
			tp->kind = nls ? UM_TOK_NEWLINE : UM_TOK_SPACE;
			if (nls >= 2 ||
			    (nls == 1 && line_ends_paragraph(s, len, line, b, i)))
				tp->flags |= UM_TF_PARA_BREAK;
			if (nls)
				line = i;
		} else if (c == C_HAN) {
			i += clen;
			tp->kind = UM_TOK_WORD;
		} else if (is_wordish(c)) {
			int letters = 0, lower = 0, upper = 0, digits = 0;
			int wide = s[b] >= 0x80;
			int numeric = (c == C_DIGIT);
			if (c == C_UPPER)
				tp->flags |= UM_TF_CAP;
			while (i < len) {
				enum cclass d;
				if (s[i] >= 'a' && s[i] <= 'z') {
					/* a run of ASCII lower case, most of every word */
					i = lower_run(s, i + 1, len);
					lower = letters = 1;
					numeric = 0;
					continue;
				}
				if (s[i] < 0x80) {
					/* most words end at an ASCII space or mark */
					d = (enum cclass)ascii_class[s[i]];
					clen = 1;
					if (d == C_SYMBOL || d == C_SPACE || d == C_NL ||
					    (d == C_PUNCT && !numeric))
						break;
				} else {
					d = char_class(s, len, i, &clen);
				}
				if (d == C_DIGIT) {
					digits = 1;
				} else if (d == C_UPPER) {
					upper = letters = 1;
					numeric = 0;
				} else if (d == C_LOWER) {
					lower = letters = 1;
					numeric = 0;
				} else if (d == C_LETTER) {
					letters = 1;
					numeric = 0;
				} else if (d == C_JOIN && i > b) {
					/* joins only between word characters */
					size_t l2;
					if (i + clen >= len ||
					    !is_wordish(char_class(s, len, i + clen, &l2)))
						break;
				} else if (numeric && s[i] == '.' && i + 1 < len &&
				           s[i + 1] >= '0' && s[i + 1] <= '9') {
					/* "3.5" stays one number */
				} else if (numeric && s[i] == ',' && thousands(s, len, i)) {
					/* "2,000" too, but "1949,2" is a year and a
					 * footnote mark */
				} else {
					break;
				}
				wide |= s[i] >= 0x80;
				i += clen;
			}
			tp->kind = numeric ? UM_TOK_NUMBER : UM_TOK_WORD;
			/* ASCII without capitals: its own fold, no second look */
			plain = !wide && !upper;
			caps = !wide && upper;
			if (digits)
				tp->flags |= UM_TF_DIGITS;
			if (letters && upper && !lower)
				tp->flags |= UM_TF_ALLCAPS;
		} else {
			i += clen;
			tp->kind = (c == C_PUNCT) ? UM_TOK_PUNCT : UM_TOK_SYMBOL;
		}
		tp->begin = (uint32_t)b;
		tp->end = (uint32_t)i;
		if (tp->kind == UM_TOK_SPACE || tp->kind == UM_TOK_NEWLINE || plain) {
			tp->fold = text + b;
			tp->fold_len = (uint32_t)(i - b);
		} else if (caps) {
			tp->fold = ascii_lower(s + b, i - b, arena);
			tp->fold_len = (uint32_t)(i - b);
		} else {
			fold_token(tp, text, arena);
		}
		nt++;
	}
	*ntoks = nt;
}
