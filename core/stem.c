/*
 * Snowball stems (libstemmer) of words, for the stemmed phrase matcher:
 * "environmental", "environments" and "environment" share one key. A
 * document's keys are computed once, on first use, into its arena.
 */
#include <libstemmer.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct um_stemmer {
	struct sb_stemmer *sb;
	int english;
	char *buf;            /* a word rewritten before stemming */
	size_t cbuf;
};

um_stemmer *um_stemmer_new(const char *lang)
{
	struct sb_stemmer *sb;
	um_stemmer *s;
	if (!lang || !*lang || strlen(lang) > 15)
		return NULL;
	sb = sb_stemmer_new(lang, "UTF_8");
	if (!sb)
		return NULL;
	s = um_xcalloc(1, sizeof(*s));
	s->sb = sb;
	s->english = !strcmp(lang, "en") || !strcmp(lang, "english");
	return s;
}

void um_stemmer_free(um_stemmer *s)
{
	if (!s)
		return;
	sb_stemmer_delete(s->sb);
	free(s->buf);
	free(s);
}

static int ends_with(const char *w, size_t n, const char *suffix, size_t *at)
{
	size_t k = strlen(suffix);
	if (n <= k + 2 || memcmp(w + n - k, suffix, k))
		return 0;
	*at = n - k;
	return 1;
}

const char *um_stem(um_stemmer *s, const char *w, size_t n, size_t *ret_len)
{
	size_t at;
	int round;
	UM_GROW(s->buf, s->cbuf, n + 1);
	memcpy(s->buf, w, n);
	/* British "-isation" is American "-ization" before the Porter2
	 * stemmer, which treats them apart ("industrialisation" and
	 * "industrialization"); every English noun in "-isation" has the
	 * "-ization" spelling */
	if (s->english && (ends_with(w, n, "isation", &at) ||
	                   ends_with(w, n, "isations", &at)))
		s->buf[at + 1] = 'z';
	/* Porter2 takes off one suffix of a kind: "environmental" becomes
	 * "environment", and "environment" "environ". Stemming again until
	 * nothing changes gives a word family one key. */
	for (round = 0; round < 4; round++) {
		const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)s->buf,
		                                     (int)n);
		size_t len;
		if (!r)           /* out of memory inside libstemmer */
			return NULL;
		len = (size_t)sb_stemmer_length(s->sb);
		if (len == n && !memcmp(r, s->buf, n))
			break;
		memcpy(s->buf, r, len);
		n = len;
	}
	*ret_len = n;
	return s->buf;
}

/*
 * Stems already computed, per thread and language: documents share most
 * of their words, and Snowball is the slow part of stemmed matching. The
 * cache holds up to CACHE_MAX words between documents: it starts again
 * only before a document's keys are computed, so that the keys may point
 * into it while the document is processed; within one document it takes
 * up to CACHE_FULL words, and the stems of words past that are copied
 * into the document. A thread's cache is freed when the thread ends, the
 * main thread's when the library is unloaded or the process exits.
 */
#define CACHE_MAX (1u << 16)
#define CACHE_SLOTS (2 * CACHE_MAX)
#define CACHE_FULL (CACHE_SLOTS / 4 * 3)
/* The index starts small and doubles at half full: the vocabulary of
 * most archives is a few thousand words, whose index stays in the
 * processor's cache. */
#define MIN_SLOTS (1u << 14)

struct cached {
	const char *word;
	uint32_t wlen;
	um_key stem;
};

/* A slot of the open-addressing index: the word's hash and its entry
 * (1-based; 0 is an empty slot). The index is small enough to stay in
 * cache; the entries are read only when the hashes agree. */
struct slot {
	uint32_t tag;
	uint32_t entry;
};

struct stem_cache {
	char lang[16];
	um_stemmer *stemmer;
	struct slot *slots;       /* nslots, up to CACHE_SLOTS */
	size_t nslots;
	struct cached *tab;       /* CACHE_FULL entries, in the order seen */
	size_t n;
	um_arena *arena;          /* the words and stems */
};

static __thread struct stem_cache *tls_cache;
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void cache_free(void *p)
{
	struct stem_cache *c = p;
	if (!c)
		return;
	um_stemmer_free(c->stemmer);
	um_arena_free(c->arena);
	free(c->slots);
	free(c->tab);
	free(c);
}

static void make_key(void)
{
	if (pthread_key_create(&cache_key, cache_free) != 0)
		abort();
}

__attribute__((destructor)) static void free_main_cache(void)
{
	cache_free(tls_cache);
	tls_cache = NULL;
}

/* The calling thread's cache for lang, emptied if it was another's or
 * holds CACHE_MAX words; NULL when there is no stemmer for lang. */
static struct stem_cache *cache_for(const char *lang)
{
	struct stem_cache *c = tls_cache;
	if (c && !strcmp(c->lang, lang) && c->n < CACHE_MAX)
		return c;
	if (!c) {
		pthread_once(&cache_once, make_key);
		c = um_xcalloc(1, sizeof(*c));
		c->nslots = MIN_SLOTS;
		c->slots = um_xcalloc(c->nslots, sizeof(*c->slots));
		c->tab = um_xcalloc(CACHE_FULL, sizeof(*c->tab));
		c->arena = um_arena_new();
		tls_cache = c;
		pthread_setspecific(cache_key, c);
	} else {
		memset(c->slots, 0, c->nslots * sizeof(*c->slots));
		um_arena_free(c->arena);
		c->arena = um_arena_new();
		c->n = 0;
	}
	if (strcmp(c->lang, lang)) {
		um_stemmer_free(c->stemmer);
		c->stemmer = um_stemmer_new(lang);
		snprintf(c->lang, sizeof(c->lang), "%s", lang);
	}
	return c->stemmer ? c : NULL;
}

/* The slot of hash h, empty or holding entry h's word. */
static size_t find_slot(const struct stem_cache *c, uint32_t h,
                        const char *w, size_t n)
{
	size_t mask = c->nslots - 1;
	size_t slot = (size_t)h & mask;
	while (c->slots[slot].entry) {
		if (c->slots[slot].tag == h) {
			const struct cached *e = &c->tab[c->slots[slot].entry - 1];
			if (e->wlen == n && um_same_bytes(e->word, w, n))
				return slot;
		}
		slot = (slot + 1) & mask;
	}
	return slot;
}

static void grow_index(struct stem_cache *c)
{
	free(c->slots);
	c->nslots *= 2;
	c->slots = um_xcalloc(c->nslots, sizeof(*c->slots));
	for (size_t i = 0; i < c->n; i++) {
		const struct cached *e = &c->tab[i];
		uint32_t h = um_word_hash(e->word, e->wlen);
		size_t slot = find_slot(c, h, e->word, e->wlen);
		c->slots[slot].tag = h;
		c->slots[slot].entry = (uint32_t)(i + 1);
	}
}

/* The key of a folded word (w, n, hash h): its stem through the cache,
 * kept in the cache or, once it is full, in arena. Returns 0, or -1 if
 * Snowball fails. */
static int cached_stem(struct stem_cache *c, const char *w, size_t n,
                       uint32_t h, um_arena *arena, um_key *ret)
{
	size_t slot = find_slot(c, h, w, n);
	const char *k;
	size_t len;
	if (c->slots[slot].entry) {
		*ret = c->tab[c->slots[slot].entry - 1].stem;
		return 0;
	}
	k = um_stem(c->stemmer, w, n, &len);
	if (!k)
		return -1;
	if (len == n && !memcmp(k, w, n)) {
		ret->s = NULL;        /* the word is its own stem */
		ret->len = 0;
		ret->hash = 0;
	} else {
		ret->s = um_arena_strndup(c->n < CACHE_FULL ? c->arena : arena,
		                          k, len);
		ret->len = (uint32_t)len;
		ret->hash = um_word_hash(k, len);
	}
	if (c->n < CACHE_FULL) {
		struct cached *e = &c->tab[c->n++];
		e->word = um_arena_strndup(c->arena, w, n);
		e->wlen = (uint32_t)n;
		e->stem = *ret;
		c->slots[slot].tag = h;
		c->slots[slot].entry = (uint32_t)c->n;
		if (c->n * 2 > c->nslots && c->nslots < CACHE_SLOTS)
			grow_index(c);
	}
	return 0;
}

/* The bit of a word's first three bytes in a filter of UM_STEM_FILTER
 * (2^14) bits: the bytes and their count, one multiplication, the high
 * bits. */
_Static_assert(UM_STEM_FILTER == 1 << 14, "filter_bit takes 14 bits");
static inline size_t filter_bit(const char *w, size_t n)
{
	const unsigned char *u = (const unsigned char *)w;
	uint32_t v = n >= 3 ? (uint32_t)u[0] | (uint32_t)u[1] << 8 |
	                      (uint32_t)u[2] << 16 | 3u << 24 :
	             n == 2 ? (uint32_t)u[0] | (uint32_t)u[1] << 8 | 2u << 24 :
	             n == 1 ? (uint32_t)u[0] | 1u << 24 : 0;
	return (size_t)((v * 0x9E3779B1u) >> 18);
}

size_t um_stem_filter_bit(const char *w, size_t n)
{
	return filter_bit(w, n);
}

const um_key *um_doc_stem_keys(const um_doc *cdoc, const char *lang,
                               const unsigned char *filter)
{
	/* The keys belong to the document, which one thread processes at a
	 * time; computing them does not change what the document holds. */
	um_doc *doc = (um_doc *)cdoc;
	struct stem_cache *c;
	const uint32_t *folds;
	um_key *keys;
	if (doc->stem_keys && doc->stem_filter == filter &&
	    !strcmp(doc->stem_lang, lang))
		return doc->stem_keys;
	folds = um_doc_fold_hashes(doc);
	c = cache_for(lang);
	keys = um_arena_alloc(doc->arena, (doc->ntokens + 1) * sizeof(*keys));
	for (size_t i = 0; i < doc->ntokens; i++) {
		const um_token *t = &doc->tokens[i];
		um_key k;
		keys[i].s = t->fold;
		keys[i].len = t->fold_len;
		keys[i].hash = folds[i];
		if (!c || t->kind != UM_TOK_WORD)
			continue;
		/* a word no phrase begins like cannot match: not stemmed */
		if (filter) {
			size_t bit = filter_bit(t->fold, t->fold_len);
			if (!(filter[bit / 8] & (1u << (bit % 8))))
				continue;
		}
		if (cached_stem(c, t->fold, t->fold_len, folds[i], doc->arena,
		                &k) == 0 && k.s)
			keys[i] = k;
	}
	snprintf(doc->stem_lang, sizeof(doc->stem_lang), "%s", lang);
	doc->stem_keys = keys;
	doc->stem_filter = filter;
	return keys;
}
