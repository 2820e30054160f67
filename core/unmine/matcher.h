/* The shared phrase matcher: a trie over folded tokens. */
#ifndef UNMINE_MATCHER_H
#define UNMINE_MATCHER_H

#include <stddef.h>
#include <unmine/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A phrase is tokenized like document text; its content tokens (spaces
 * and newlines left out) are folded and stored as one path of a trie whose
 * edges are looked up in one hash table keyed by (node, folded token), so
 * a lookup costs one hash probe per token whatever the number of phrases.
 * In a document, a phrase matches across spaces and single line breaks
 * but not across a blank line. Values are the caller's and must outlive
 * the matcher; a phrase added twice keeps both values.
 */
um_matcher *um_matcher_new(void);
/*
 * A matcher that compares words by their Snowball stem in language lang
 * (an ISO 639 code: "en", "fr", "es", "ru", "ar"), after case folding:
 * "environmental" matches a phrase written "environment". Other tokens
 * compare folded. NULL when Snowball has no stemmer for lang.
 */
um_matcher *um_matcher_new_stemmed(const char *lang);
void um_matcher_free(um_matcher *m);
int um_matcher_add(um_matcher *m, const char *phrase, size_t len,
                   const void *value);
int um_matcher_longest(const um_matcher *m, const um_doc *doc, size_t i,
                       um_match *ret);
void um_matcher_scan(const um_matcher *m, const um_doc *doc, size_t begin,
                     size_t end, um_match_fn fn, void *ctx);
/* Number of distinct phrases and trie nodes (for statistics). */
size_t um_matcher_phrases(const um_matcher *m);
size_t um_matcher_nodes(const um_matcher *m);

#ifdef __cplusplus
}
#endif
#endif
