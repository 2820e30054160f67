/* Sentence and paragraph spans over the token stream. */
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

/* Folded words that a full stop follows without ending a sentence. */
static const char *const abbreviations[] = {
	"mr", "mrs", "ms", "dr", "prof", "no", "nos", "para", "paras", "art",
	"arts", "vol", "vols", "pp", "p", "op", "cf", "vs", "st", "rev", "add",
	"corr", "jan", "feb", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
	"gen", "col", "lt", "hon", "amb", "approx", "fig", "figs", "sect", "ch",
	"chap", "inc", "ltd", "co", "corp", "dept", "govt", "est", "suppl",
	"ann", "sess", "res", "doc", "mt", "jr", "sr", "sc", "ga", NULL
};

static size_t utf8_chars(const um_doc *doc, const um_token *t)
{
	size_t i, n = 0;
	for (i = t->begin; i < t->end; i++)
		n += ((unsigned char)doc->text[i] & 0xC0) != 0x80;
	return n;
}

static inline int tok_is(const um_token *t, const char *s)
{
	size_t n = strlen(s);
	return t->fold_len == n && memcmp(t->fold, s, n) == 0;
}

/* tok_is for a word of a list: most words differ in the first byte. */
static int tok_in(const um_token *t, const char *const *list)
{
	if (!t->fold_len)
		return 0;
	for (size_t i = 0; list[i]; i++)
		if (list[i][0] == t->fold[0] && tok_is(t, list[i]))
			return 1;
	return 0;
}

static int one_char(const um_doc *doc, const um_token *t)
{
	return t->end - t->begin <= 4 && utf8_chars(doc, t) == 1;
}

static int is_abbreviation(const um_doc *doc, const um_token *t)
{
	if (t->kind != UM_TOK_WORD)
		return 0;
	/* A lone letter is an initial ("J. Smith", "É. Dupont", "e.g."), but
	 * "I." closes many a heading ("Part I."). */
	if (one_char(doc, t) && !tok_is(t, "i"))
		return 1;
	return tok_in(t, abbreviations);
}

/* Terminal punctuation: 1 if it needs space after it, 2 if it does not
 * (CJK full stops). */
static int terminal(const um_token *t)
{
	if (t->kind != UM_TOK_PUNCT || !t->fold_len)
		return 0;
	switch ((unsigned char)t->fold[0]) {
	case '.':
	case '!':
	case '?':
		return t->fold_len == 1;
	case 0xE2:
		return tok_is(t, "\xE2\x80\xA6");      /* … */
	case 0xD8:
		return tok_is(t, "\xD8\x9F");          /* ؟ */
	case 0xE3:
		return tok_is(t, "\xE3\x80\x82") ? 2 : 0;   /* 。 */
	case 0xEF:
		return tok_is(t, "\xEF\xBC\x81") || tok_is(t, "\xEF\xBC\x9F") ?
		       2 : 0;
	}
	return 0;
}

static int closing(const um_token *t)
{
	if (t->kind != UM_TOK_PUNCT || !t->fold_len)
		return 0;
	switch (t->fold[0]) {
	case ')':
	case ']':
	case '"':
	case '\'':
		return t->fold_len == 1;
	case '\xC2':
		return tok_is(t, "\xC2\xBB");          /* » */
	}
	return 0;
}

static int starts_lower(const um_doc *doc, const um_token *t)
{
	const unsigned char *s = (const unsigned char *)doc->text + t->begin;
	int32_t cp;
	if (t->kind != UM_TOK_WORD)
		return 0;
	if (s[0] < 0x80)
		return s[0] >= 'a' && s[0] <= 'z';
	/* Scripts without case (Arabic, Chinese) never start lower. */
	return um_utf8_decode(s, t->end - t->begin, &cp) &&
	       utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Words and marks after which a line cannot end a heading. */
static const char *const continuing[] = {
	"the", "of", "and", "or", "to", "in", "for", "on", "a", "an", "by",
	"with", "from", "at", "as", "that", "which", "its", "their", "his",
	"her", "this", "these", "is", "are", "was", "were", "be", "has", "have",
	",", "-", ":", ";", "(", NULL
};

static int continues(const um_token *last)
{
	return tok_in(last, continuing);
}

struct splitter {
	um_doc *doc;
	long sent;       /* first token of the open sentence, or -1 */
	long para;
	size_t last;     /* last content token seen */
};

static void close_sentence(struct splitter *sp, size_t end)
{
	um_doc *doc = sp->doc;
	if (sp->sent < 0)
		return;
	UM_GROW(doc->sents, doc->csents, doc->nsents + 1);
	doc->sents[doc->nsents].begin = (uint32_t)sp->sent;
	doc->sents[doc->nsents].end = (uint32_t)end;
	doc->nsents++;
	sp->sent = -1;
}

static void close_paragraph(struct splitter *sp)
{
	um_doc *doc = sp->doc;
	if (sp->para < 0)
		return;
	close_sentence(sp, sp->last + 1);
	UM_GROW(doc->paras, doc->cparas, doc->nparas + 1);
	doc->paras[doc->nparas].begin = (uint32_t)sp->para;
	doc->paras[doc->nparas].end = (uint32_t)(sp->last + 1);
	doc->nparas++;
	sp->para = -1;
}

static size_t next_content(const um_doc *doc, size_t j, int *para_break)
{
	*para_break = 0;
	while (j < doc->ntokens && um_token_is_space(&doc->tokens[j])) {
		if (doc->tokens[j].flags & UM_TF_PARA_BREAK)
			*para_break = 1;
		j++;
	}
	return j;
}

/* The longest line, in bytes, and the number of lines of the paragraph
 * starting at token i. */
static size_t longest_line(const um_doc *doc, size_t i, size_t *ret_lines)
{
	size_t line_start = doc->tokens[i].begin, max = 0, len;
	*ret_lines = 1;
	for (; i < doc->ntokens; i++) {
		const um_token *t = &doc->tokens[i];
		if (t->kind != UM_TOK_NEWLINE)
			continue;
		len = t->begin - line_start;
		max = len > max ? len : max;
		if (t->flags & UM_TF_PARA_BREAK)
			return max;
		line_start = t->end;
		++*ret_lines;
	}
	len = doc->len - line_start;
	return len > max ? len : max;
}

void um_find_sentences(um_doc *doc)
{
	struct splitter sp = { doc, -1, -1, 0 };
	um_token *tk = doc->tokens;
	size_t n = doc->ntokens, i;
	size_t line_start = 0;    /* byte offset where the current line starts */
	size_t line_first = 0;    /* first content token of the current line */
	int line_has_content = 0;
	size_t para_maxline = 0;  /* longest line of the current paragraph */
	size_t line_words = 0;    /* words on the current line so far */
	size_t para_lines = 0;    /* lines of the current paragraph */

	for (i = 0; i < n; i++) {
		um_token *t = &tk[i];
		if (um_token_is_space(t)) {
			if (t->flags & UM_TF_PARA_BREAK) {
				close_paragraph(&sp);
			} else if (t->kind == UM_TOK_NEWLINE && sp.sent >= 0) {
				/* A heading line ("Sixty-fourth session") ends its
				 * sentence when the next line starts with a capital
				 * or a digit: a line much shorter than the
				 * paragraph's longest, or a line of a few words in a
				 * block of a few lines. Lines of text wrapped at a
				 * fixed width are alike, and one that stops at "the",
				 * "of" or a comma goes on. */
				int pb;
				size_t k = next_content(doc, i, &pb);
				size_t len = t->begin - line_start;
				const um_token *last = &tk[sp.last];
				if (k < n && len < 60 &&
				    (len * 10 < para_maxline * 6 ||
				     (line_words <= 6 && para_lines <= 5)) &&
				    (tk[k].flags & (UM_TF_CAP | UM_TF_DIGITS)) &&
				    !continues(last))
					close_sentence(&sp, sp.last + 1);
			}
			if (t->kind == UM_TOK_NEWLINE) {
				line_start = t->end;
				line_has_content = 0;
				line_words = 0;
			}
			continue;
		}
		if (!line_has_content) {
			line_first = i;
			line_has_content = 1;
		}
		if (t->kind == UM_TOK_WORD || t->kind == UM_TOK_NUMBER)
			line_words++;
		if (sp.para < 0) {
			sp.para = (long)i;
			t->flags |= UM_TF_PARA_START;
			para_maxline = longest_line(doc, i, &para_lines);
		}
		if (sp.sent < 0) {
			sp.sent = (long)i;
			t->flags |= UM_TF_SENT_START;
		}
		sp.last = i;
		{
			int term = terminal(t), pb;
			size_t j = i + 1, k;
			if (!term)
				continue;
			while (j < n && closing(&tk[j]))
				j++;
			if (term == 1 && j < n && !um_token_is_space(&tk[j]))
				continue;
			k = next_content(doc, j, &pb);
			if (term == 1 && k < n && !pb && tok_is(t, ".")) {
				const um_token *prev = i > 0 ? &tk[i - 1] : NULL;
				if (prev && is_abbreviation(doc, prev))
					continue;
				/* "1." numbering a paragraph or line, not a year
				 * that a wrapped line starts with */
				if (prev && prev->kind == UM_TOK_NUMBER &&
				    i - 1 == line_first && (long)(i - 1) == sp.sent)
					continue;
			}
			if (term == 1 && k < n && starts_lower(doc, &tk[k]))
				continue;
			sp.last = j - 1;
			i = j - 1;
			close_sentence(&sp, j);
		}
	}
	close_paragraph(&sp);
}
