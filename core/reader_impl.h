/* The markup readers behind um_read_memory. */
#ifndef UM_READER_IMPL_H
#define UM_READER_IMPL_H

#include "internal.h"

/* Each fills doc's text and metadata; on failure writes err and returns a
 * negative code. */
int um_read_xml(const char *buf, size_t len, const um_read_options *opt,
                um_doc *doc, char *err, size_t errlen);
int um_read_html(const char *buf, size_t len, const um_read_options *opt,
                 um_doc *doc, char *err, size_t errlen);
/* Normalises built text and sets it as the document's text. */
int um_reader_set_text(um_doc *doc, um_strbuf *sb, char *err, size_t errlen);

#endif
