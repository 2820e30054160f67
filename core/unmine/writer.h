/* Writers: annotated documents as inline or standoff XML, or the edges of
 * the citation graph as TSV. */
#ifndef UNMINE_WRITER_H
#define UNMINE_WRITER_H

#include <stdio.h>
#include <unmine/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

enum um_output {
	UM_OUT_XML = 1,        /* inline: the text with annotation elements */
	UM_OUT_STANDOFF = 2,   /* the text once, then annotations by offset */
	UM_OUT_EDGES = 3,      /* TSV: document, cited symbol, count */
	UM_OUT_JSONL = 4       /* JSON Lines: one object per document */
};

/* "xml", "standoff", "edges" or "jsonl"; UM_EINVAL for another name. */
int um_output_parse(const char *name, int *ret_output);

/*
 * Writes the XML declaration and, with root non-NULL, opens that root
 * element (for a stream of documents); um_write_end closes it. Return 0 or
 * UM_EIO if the stream reports an error.
 */
int um_write_begin(FILE *f, const char *root);
int um_write_end(FILE *f, const char *root);

/* The header line of edges output: "document\tcited\tcount". Returns 0
 * or UM_EIO. */
int um_write_edges_header(FILE *f);

/*
 * Writes one <document> element. Offsets in standoff output count Unicode
 * code points of the normalised text, end exclusive. In inline output,
 * annotations nest; of two that cross (one starts inside the other and
 * ends after it), the one made first (by the plugin that ran first, or
 * first by one plugin) is kept and the other left out of the inline form;
 * standoff keeps both. Characters that XML 1.0 forbids in metadata or attribute
 * values are written as U+FFFD.
 *
 * In edges output, every annotation with a "symbol" attribute is a
 * citation: one line per symbol the document cites, in the order of first
 * citation, with the document (its "symbol" metadata, else its "source")
 * and the number of citations, tab-separated. A document does not cite
 * itself; tabs and line breaks in names become spaces.
 *
 * In JSON Lines output, the document is one line holding one object:
 * source, meta (an object), text, annotations (spans: id, layer, by,
 * start and end in code points, text, attrs, links) and tags (the same
 * without a span), as schema/unmine.schema.json describes. Returns 0 or
 * UM_EIO.
 */
int um_write_doc(FILE *f, const um_doc *doc, int output);

/* What um_write_doc writes, in memory: a NUL-terminated string the
 * caller frees, its length in *ret_len. */
char *um_render_doc(const um_doc *doc, int output, size_t *ret_len);

#ifdef __cplusplus
}
#endif
#endif
