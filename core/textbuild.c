/* Folding markup text nodes into paragraphs of plain text. */
#include <string.h>
#include <strings.h>

#include "textbuild.h"

static const char *const inline_names[] = {
	/* HTML phrasing content */
	"a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code",
	"data", "del", "dfn", "em", "font", "i", "ins", "kbd", "mark", "q",
	"samp", "small", "span", "strike", "strong", "sub", "sup", "time",
	"tt", "u", "var", "wbr",
	/* TEI and common XML inline elements */
	"hi", "emph", "foreign", "term", "ref", "name", "persName", "placeName",
	"orgName", "date", "num", "expan", "choice", "sic", "corr", "ptr",
	"seg", "w", "c", "pc", "rs", "measure", "title", "quote", "soCalled",
	"mentioned", "gloss", "note", "fn", "footnote", "xref", "link",
	"italic", "bold", "underline", "sc",
	NULL
};

/* Elements that hold a sentence or a line inside a paragraph: UN Parallel
 * Corpus files put each sentence of a <p> in an <s>. */
static const char *const spaced_names[] = { "s", "l", "cell", NULL };

int um_tb_kind(const char *name)
{
	size_t i;
	for (i = 0; inline_names[i]; i++)
		if (strcasecmp(name, inline_names[i]) == 0)
			return UM_TB_INLINE;
	for (i = 0; spaced_names[i]; i++)
		if (strcasecmp(name, spaced_names[i]) == 0)
			return UM_TB_SPACED;
	if (strcasecmp(name, "br") == 0 || strcasecmp(name, "lb") == 0)
		return UM_TB_LINE;
	return UM_TB_BLOCK;
}

void um_tb_boundary(um_textbuild *tb, int kind)
{
	int p = kind == UM_TB_BLOCK ? 3 : kind == UM_TB_LINE ? 2 :
	        kind == UM_TB_SPACED ? 1 : 0;
	if (p > tb->pending)
		tb->pending = p;
}

void um_tb_init(um_textbuild *tb, int keep_lines)
{
	um_sb_init(&tb->sb);
	tb->keep_lines = keep_lines;
	tb->pending = 0;
}

static void flush(um_textbuild *tb)
{
	if (tb->sb.len == 0) {
		tb->pending = 0;
		return;
	}
	switch (tb->pending) {
	case 1: um_sb_addc(&tb->sb, ' '); break;
	case 2: um_sb_addc(&tb->sb, '\n'); break;
	case 3: um_sb_add(&tb->sb, "\n\n", 2); break;
	}
	tb->pending = 0;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void um_tb_text(um_textbuild *tb, const char *s, size_t n)
{
	size_t i = 0;

	for (i = 0; i < n && is_ws(s[i]); i++)
		;
	if (i == n) {
		/* A node of white space only is markup indentation between
		 * elements: at most a space, never a line break. */
		if (n && !tb->pending)
			tb->pending = 1;
		return;
	}
	i = 0;
	while (i < n) {
		size_t j = i;
		if (is_ws(s[i])) {
			int nl = 0, p;
			while (j < n && is_ws(s[j]))
				nl += s[j++] == '\n';
			p = !tb->keep_lines ? 1 : nl >= 2 ? 3 : nl == 1 ? 2 : 1;
			if (p > tb->pending)
				tb->pending = p;
		} else {
			while (j < n && !is_ws(s[j]))
				j++;
			flush(tb);
			um_sb_add(&tb->sb, s + i, j - i);
		}
		i = j;
	}
}

