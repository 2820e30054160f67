/* Writers: annotated documents as inline or standoff XML. */
#ifndef UNMINE_WRITER_H
#define UNMINE_WRITER_H

#include <stdio.h>
#include <unmine/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

enum um_output {
	UM_OUT_XML = 1,        /* inline: the text with annotation elements */
	UM_OUT_STANDOFF = 2    /* the text once, then annotations by offset */
};

/* "xml" or "standoff"; UM_EINVAL for another name. */
int um_output_parse(const char *name, int *ret_output);

/*
 * Writes the XML declaration and, with root non-NULL, opens that root
 * element (for a stream of documents); um_write_end closes it. Return 0 or
 * UM_EIO if the stream reports an error.
 */
int um_write_begin(FILE *f, const char *root);
int um_write_end(FILE *f, const char *root);

/*
 * Writes one <document> element. Offsets in standoff output count Unicode
 * code points of the normalised text, end exclusive. In inline output,
 * annotations nest; one that crosses an annotation already open (starts
 * inside it and ends after it) is left out of the inline form and kept in
 * standoff. Characters that XML 1.0 forbids in metadata or attribute
 * values are written as U+FFFD. Returns 0 or UM_EIO.
 */
int um_write_doc(FILE *f, const um_doc *doc, int output);

#ifdef __cplusplus
}
#endif
#endif
