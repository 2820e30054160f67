/* The annotation store, as the host (writers, tests) sees it. */
#ifndef UNMINE_ANNOT_H
#define UNMINE_ANNOT_H

#include <stddef.h>
#include <unmine/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The functions of the plugin table (plugin.h), under their library names.
 * Names must be XML names (letters, digits, "-", "_", ".", not starting
 * with a digit, "-" or "."), and attribute keys must not be reserved;
 * otherwise UM_EINVAL. Values are copied; a value set twice is replaced.
 */
int um_annot_add(um_doc *doc, const char *layer, size_t begin, size_t end,
                 um_annot **ret);
int um_annot_add_doc(um_doc *doc, const char *layer, um_annot **ret);
int um_annot_set(um_doc *doc, um_annot *a, const char *key, const char *value);
int um_annot_link(um_doc *doc, um_annot *from, const char *role,
                  const um_annot *to);
size_t um_annot_count(const um_doc *doc, const char *layer);
const um_annot *um_annot_at(const um_doc *doc, const char *layer, size_t i);
const char *um_annot_layer(const um_annot *a);
const char *um_annot_plugin(const um_annot *a);
int um_annot_span(const um_annot *a, size_t *ret_begin, size_t *ret_end);
const char *um_annot_get(const um_annot *a, const char *key);
int um_annot_link_at(const um_annot *a, size_t i, const char **ret_role,
                     const um_annot **ret_to);

/* Every annotation of the document, in the order added. */
size_t um_doc_annot_count(const um_doc *doc);
const um_annot *um_doc_annot_at(const um_doc *doc, size_t i);
/* The annotation's number in that order, from 1 ("a1" in the output). */
size_t um_annot_id(const um_annot *a);
/* The i-th attribute in the order first set; UM_ENOENT past the last. */
int um_annot_attr_at(const um_annot *a, size_t i, const char **ret_key,
                     const char **ret_value);

/* 1 if name is an XML name that unmine accepts for attribute keys and
 * metadata; um_layer_valid also refuses the output's own element names
 * (corpus, document, meta, text, tags, annotations, annotation, attr,
 * link). */
int um_name_valid(const char *name);
int um_layer_valid(const char *name);

/* Sets the author recorded for the annotations added next (the pipeline
 * does this before each plugin runs; NULL records "host"). The string must
 * outlive the doc. */
void um_doc_set_author(um_doc *doc, const char *plugin);

#ifdef __cplusplus
}
#endif
#endif
