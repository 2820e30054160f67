/* Library internals shared between the core's files; not installed. */
#ifndef UM_INTERNAL_H
#define UM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#include "unmine/unmine.h"

/* Allocation that aborts when memory runs out (mem.c). */
void *um_xmalloc(size_t n);
void *um_xcalloc(size_t n, size_t size);
void *um_xrealloc(void *p, size_t n);
char *um_xstrdup(const char *s);
char *um_xstrndup(const char *s, size_t n);
/* Makes room for need elements of elsize bytes in a malloc'ed array. */
void um_grow(void **arr, size_t *cap, size_t need, size_t elsize);
#define UM_GROW(arr, cap, need) \
	um_grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))
/* The same for an array in an arena (the old block is abandoned). */
void um_arena_grow(um_arena *a, void **arr, size_t n, size_t *cap,
                   size_t need, size_t elsize);
#define UM_ARENA_GROW(a, arr, n, cap, need) \
	um_arena_grow((a), (void **)&(arr), (n), &(cap), (need), sizeof(*(arr)))

/* snprintf into err, if err is not NULL. */
void um_seterr(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A growable byte buffer (strbuf.c). */
typedef struct um_strbuf um_strbuf;
struct um_strbuf {
	char *data;
	size_t len;
	size_t cap;
};
void um_sb_init(um_strbuf *sb);
void um_sb_free(um_strbuf *sb);
/* Room for n more bytes: where to write them; the caller adds what it
 * wrote to len. */
char *um_sb_room(um_strbuf *sb, size_t n);
void um_sb_add(um_strbuf *sb, const char *s, size_t n);
void um_sb_addc(um_strbuf *sb, char c);
void um_sb_adds(um_strbuf *sb, const char *s);
/* The decimal digits of v. */
void um_sb_addu(um_strbuf *sb, uint64_t v);
void um_sb_addf(um_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Hands the NUL-terminated data to the caller (free with free()). */
char *um_sb_steal(um_strbuf *sb, size_t *ret_len);

/* UTF-8 decoding of one code point at s (n bytes left); returns its length
 * and sets *cp, or returns 0 if the bytes there are not valid UTF-8. */
size_t um_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* Appends the utf8proc normalisation (options) of valid UTF-8 s to out,
 * using *buf (*cap code points, grown as needed) as scratch. 0 or
 * UM_EINVAL. */
int um_nfc_append(const char *s, size_t n, int32_t **buf, size_t *cap,
                  struct um_strbuf *out, int options);
/* The length of the ill-formed sequence at s, replaced by one U+FFFD. */
size_t um_utf8_invalid_len(const unsigned char *s, size_t n);
/* UM_EINVAL if s is not valid UTF-8 or holds a NUL; otherwise 0, with
 * *ret_clean 1 when it holds nothing that XML 1.0 output must replace
 * (controls other than tab and line feed, C1 controls, U+FFFE, U+FFFF). */
int um_text_scan(const char *s, size_t n, int *ret_clean);
/* The offset of the first byte that is not valid UTF-8, or n. */
size_t um_utf8_check(const char *s, size_t n);

struct um_attr {
	const char *key;
	const char *value;
};

struct um_link {
	const char *role;
	const um_annot *to;
};

struct um_annot {
	const char *layer;
	const char *plugin;
	size_t id;
	uint32_t begin;
	uint32_t end;
	int is_doc;
	struct um_attr *attrs;
	size_t nattrs, cattrs;
	struct um_link *links;
	size_t nlinks, clinks;
};

struct um_layer {
	const char *name;
	um_annot **items;
	size_t n, cap;
};

struct um_doc {
	um_arena *arena;
	char *text;
	size_t len;
	int tokenized;
	int xml_clean;        /* the text needs no replacement in XML */
	char *owned_text;     /* text adopted from a reader, freed with the doc */
	um_token *tokens;
	size_t ntokens, ctokens;
	um_span *sents;
	size_t nsents, csents;
	um_span *paras;
	size_t nparas, cparas;
	struct um_attr *meta;
	size_t nmeta, cmeta;
	char **warnings;
	size_t nwarnings, cwarnings;
	um_annot **annots;
	size_t nannots, cannots;
	struct um_layer *layers;
	size_t nlayers, clayers;
	const char *author;
	const uint32_t *fold_hashes;      /* matcher.c: of folded forms */
	const struct um_key *stem_keys;   /* stem.c: cache for stem_lang */
	const unsigned char *stem_filter; /* and this filter */
	char stem_lang[16];
	struct um_key *keys;  /* annot.c: attribute keys, interned */
	size_t nkeys, keys_mask;
};

/*
 * The tokenizer on a string (tokenizer.c). Appends tokens with offsets
 * relative to text to *toks (a malloc'ed array); folded forms that differ
 * from the text are allocated from arena. Does not set sentence flags.
 */
void um_tokenize_text(const char *text, size_t len, um_arena *arena,
                      um_token **toks, size_t *ntoks, size_t *ctoks);

/* Makes text (malloc'ed, NUL-terminated, from um_text_normalize and so
 * valid and clean) the document's text without copying or checking it
 * again; the document frees it. UM_EINVAL if it already has tokens,
 * UM_ETOOBIG past 4 GiB - 1 (text is freed in both cases). */
int um_doc_adopt_text(um_doc *doc, char *text, size_t len);

/* Snowball stemming (stem.c). A stemmer is for one thread at a time. */
typedef struct um_stemmer um_stemmer;
/* A form as a stemmed matcher compares it (one for every token of a
 * document), or an interned attribute key: 16 bytes. */
typedef struct um_key {
	const char *s;
	uint32_t len;
	uint32_t hash;        /* um_word_hash of s */
} um_key;
/* The hash of a token's form that matchers compare: every byte and the
 * length mixed into 64 bits, of which the low 32 (matcher.c). */
uint32_t um_word_hash(const char *s, size_t n);
/* Whether n bytes at a and b are the same: for the short words of the
 * matchers' tables, without a call. */
static inline int um_same_bytes(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}
/* Per token of the document: the um_word_hash of its folded form (0 for
 * white space); computed on first use and kept with the document. */
const uint32_t *um_doc_fold_hashes(const um_doc *doc);
/* NULL when Snowball has no stemmer for lang (an ISO 639 code). */
um_stemmer *um_stemmer_new(const char *lang);
void um_stemmer_free(um_stemmer *s);
/* The stem of a case-folded word, valid until the next call; NULL when
 * the stemmer fails. */
const char *um_stem(um_stemmer *s, const char *word, size_t len,
                    size_t *ret_len);
/* A filter of the words a stemmed matcher can match: a bit per hash of
 * a word's first three bytes, set for the folded form and the stem of
 * every word of its phrases. */
#define UM_STEM_FILTER 16384
size_t um_stem_filter_bit(const char *word, size_t len);
/* Per token of the document: the stem of a word, the folded form of
 * anything else and of a word whose bit is not set in filter (NULL: all
 * words); computed on first use and kept with the document. Words keep
 * their first three bytes when stemmed, but for a few irregular forms
 * ("skies", "dying"), which the filter can miss. */
const um_key *um_doc_stem_keys(const um_doc *doc, const char *lang,
                               const unsigned char *filter);

/* Sentence and paragraph spans and flags over a token array (sentences.c). */
void um_find_sentences(um_doc *doc);

/* The entries of a directory, hidden ones left out, sorted bytewise
 * (walk.c). Caller frees each name and the array. UM_EIO with errno set if
 * it cannot be read. */
int um_list_dir(const char *path, char ***ret_names, size_t *ret_n);

/* Option tables (options.c). */
int um_options_check_table(const um_option *tab, size_t size, char *err,
                           size_t errlen);
int um_options_set(const um_option *tab, void *dst, const char *key,
                   const char *value, char *err, size_t errlen);
int um_options_defaults(const um_option *tab, void *dst, char *err,
                        size_t errlen);
void um_options_free(const um_option *tab, void *dst);

/* libxml2 set up once (reader_xml.c), with an external entity loader that
 * refuses every request made while this thread is inside one of our
 * parses and passes the others to the loader installed before. */
void um_xml_init(void);
/* Marks this thread as inside (on != 0) or outside one of our parses. */
void um_xml_guard(int on);

/* The whole of gzip data (see unmine/reader.h) in[0, inlen), inflated
 * into *ret (malloc'ed, NUL-terminated, *ret_len bytes without the NUL;
 * the caller frees it) (gzip.c): 0; UM_ETOOBIG past max bytes; UM_EFORMAT
 * for corrupt or truncated data, err saying which. */
int um_gunzip(const char *in, size_t inlen, size_t max, char **ret,
              size_t *ret_len, char *err, size_t errlen);

#endif
