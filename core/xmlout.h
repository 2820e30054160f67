/* XML escaping helpers for the writers. */
#ifndef UM_XMLOUT_H
#define UM_XMLOUT_H

#include "internal.h"

/*
 * Appends s escaped as XML 1.0 character data: markup characters become
 * entities, and a carriage return &#13; (so that parsers keep it); each
 * ill-formed UTF-8 sequence, control characters other than tab, line feed
 * and carriage return, C1 controls and U+FFFE/U+FFFF become U+FFFD, so the
 * output is well-formed whatever the input.
 */
void um_xml_text(um_strbuf *sb, const char *s, size_t n);
/* The same for text known to be valid UTF-8 without anything XML 1.0
 * forbids (a document's text once um_doc_xml_clean says so): faster. */
void um_xml_clean_text(um_strbuf *sb, const char *s, size_t n);
/* Appends ' name="value"' with the value escaped for an attribute. */
void um_xml_attr(um_strbuf *sb, const char *name, const char *value);

#endif
