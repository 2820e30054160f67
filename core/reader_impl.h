/* The markup readers behind um_read_memory. */
#ifndef UM_READER_IMPL_H
#define UM_READER_IMPL_H

#include "internal.h"

/* Each fills doc's text and metadata; on failure writes err and returns a
 * negative code. utf8: the bytes were converted to UTF-8 whatever the XML
 * declaration or the HTML charset says. */
int um_read_xml(const char *buf, size_t len, int utf8,
                const um_read_options *opt, um_doc *doc, char *err,
                size_t errlen);
int um_read_html(const char *buf, size_t len, int utf8,
                 const um_read_options *opt, um_doc *doc, char *err,
                 size_t errlen);
/* Sets metadata key to value, normalised like text and with white space
 * folded, unless the key is set already or the value is empty. */
void um_reader_meta(um_doc *doc, const char *key, const char *value);
/* The same, replacing a value set already (not with an empty one). */
void um_reader_meta_set(um_doc *doc, const char *key, const char *value);
/* One record of JSON Lines (UM_FMT_JSONL: see um_read_memory). */
int um_read_record(const char *buf, size_t len, const char *name,
                   const um_read_options *opt, um_doc **ret, char *err,
                   size_t errlen);
/* Text or HTML holding a NUL byte is binary: UM_EFORMAT with err set
 * ("binary file (NUL byte at offset N)"), else 0. */
int um_reader_check_nul(const char *buf, size_t len, char *err,
                        size_t errlen);
/* If buf (len bytes) is not valid UTF-8, a repaired copy (free() it) with a
 * warning on doc; otherwise NULL. */
char *um_reader_repair(um_doc *doc, const char *buf, size_t *len);
/* Whether cs names UTF-8. */
int um_reader_is_utf8_name(const char *cs);
/* Whether cs names UTF-16 or UTF-32 (or UCS-2, UCS-4): a label that
 * bytes with no byte-order mark and no NUL cannot be in. They were told
 * by how "<" is written and converted before the readers see them;
 * otherwise they are UTF-8, as browsers read such a label. */
int um_reader_is_wide_name(const char *cs);
/* buf (len bytes) decoded from charset cs to UTF-8 (free() it), bytes
 * that are not of cs becoming U+FFFD with a warning on doc, as invalid
 * UTF-8 does: libxml2 would stop at the first. NULL if cs is unknown. */
char *um_reader_decode(um_doc *doc, const char *buf, size_t *len,
                       const char *cs);
/* libxml2 adds each attribute of an element at the end of a list it
 * walks, so the time for one element grows with the square of its
 * attributes (50,000 on one element: 16 s): XML or HTML in buf with an
 * element of more than UM_MAX_ATTRS is refused before it is parsed.
 * 0, or UM_EFORMAT with err set. */
#define UM_MAX_ATTRS 1000
int um_reader_check_attrs(const char *buf, size_t len, char *err,
                          size_t errlen);
/* Normalises built text and sets it as the document's text. */
int um_reader_set_text(um_doc *doc, um_strbuf *sb, char *err, size_t errlen);

#endif
