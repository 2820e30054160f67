/* Documents: normalised text, metadata, tokens and the arena that owns them. */
#ifndef UNMINE_DOC_H
#define UNMINE_DOC_H

#include <stddef.h>
#include <unmine/plugin.h>
#include <unmine/arena.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A new empty document. Aborts if memory runs out; free with um_doc_free. */
um_doc *um_doc_new(void);

/* Frees the document, its arena, tokens and annotations. NULL is a no-op. */
void um_doc_free(um_doc *doc);

/* The arena everything of this document is allocated from. */
um_arena *um_doc_arena(um_doc *doc);

/*
 * Sets the text, which must already be valid UTF-8 in NFC (the readers
 * make it so; um_text_normalize does it for other callers). The text is
 * copied. UM_EINVAL if it is not valid UTF-8 or the document already has
 * tokens; UM_ETOOBIG past 4 GiB - 1.
 */
int um_doc_set_text(um_doc *doc, const char *text, size_t len);
const char *um_doc_text(const um_doc *doc, size_t *ret_len);

/* Metadata: keys are XML names; both strings are copied. Setting a key
 * again replaces its value. UM_EINVAL for a bad key or NULL value. */
int um_doc_meta_set(um_doc *doc, const char *key, const char *value);
const char *um_doc_meta(const um_doc *doc, const char *key);
size_t um_doc_meta_count(const um_doc *doc);
/* The i-th entry in the order first set; UM_ENOENT past the end. */
int um_doc_meta_at(const um_doc *doc, size_t i, const char **ret_key,
                   const char **ret_value);

/* Warnings the reader noted (repaired bytes, entities not expanded);
 * each a line without the file name. */
void um_doc_warn(um_doc *doc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
size_t um_doc_warning_count(const um_doc *doc);
const char *um_doc_warning_at(const um_doc *doc, size_t i);

/* Tokenizes the text and finds sentences and paragraphs; a second call
 * does nothing. Returns 0. */
int um_doc_tokenize(um_doc *doc);
const um_token *um_doc_tokens(const um_doc *doc, size_t *ret_n);
const um_span *um_doc_sentences(const um_doc *doc, size_t *ret_n);
const um_span *um_doc_paragraphs(const um_doc *doc, size_t *ret_n);

#ifdef __cplusplus
}
#endif
#endif
