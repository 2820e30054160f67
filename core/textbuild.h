/* Building a document's text from the text nodes of a markup tree. */
#ifndef UM_TEXTBUILD_H
#define UM_TEXTBUILD_H

#include "internal.h"

/*
 * Text nodes are appended in document order. Block boundaries become a
 * blank line; white space inside a block is folded: with keep_lines, a
 * run holding two line breaks becomes a blank line, one a line break and
 * others a space (XML, where line structure often carries paragraphs);
 * without, every run becomes one space (HTML). Space at the edges of a
 * block is dropped.
 */
typedef struct um_textbuild {
	um_strbuf sb;
	int keep_lines;
	int pending;      /* 0 none, 1 space, 2 line break, 3 blank line */
} um_textbuild;

void um_tb_init(um_textbuild *tb, int keep_lines);
void um_tb_text(um_textbuild *tb, const char *s, size_t n);

/* What an element's start and end do to the text. */
enum { UM_TB_BLOCK, UM_TB_INLINE, UM_TB_SPACED, UM_TB_LINE };
/* The kind of an element by its local name: inline (HTML phrasing, TEI
 * hi/ref/...), spaced (a sentence <s>), a line break (<br>, <lb>), else a
 * block. */
int um_tb_kind(const char *name);
/* Marks an element boundary of that kind. */
void um_tb_boundary(um_textbuild *tb, int kind);

#endif
