/* The shared phrase matcher: a trie over folded (or stemmed) tokens in one
 * hash table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct edge {
	uint64_t hash;
	const char *s;        /* folded token, owned by the matcher's arena */
	uint32_t len;
	uint32_t parent;
	uint32_t child;       /* 0: empty slot (the root is never a child) */
};

struct node {
	const void **vals;
	uint32_t nvals, cvals;
};

#define ROOT_BYTES (1u << 16)
#define ROOT_MASK (ROOT_BYTES - 1)

struct um_matcher {
	um_arena *arena;
	struct edge *edges;
	size_t nedges, mask;
	struct node *nodes;
	size_t nnodes, cnodes;
	size_t nphrases;
	um_token *scratch;    /* tokens of the phrase being added */
	size_t cscratch;
	um_stemmer *stemmer;  /* stemmed matcher: words compared by stem */
	char lang[16];
	unsigned char *filter;   /* UM_STEM_FILTER bits: see internal.h */
	/* a bit per edge, by the high half of its hash, 8 bits per slot of
	 * the edge table: a word that continues no phrase from a node is
	 * most often answered here, without a miss in the larger table */
	unsigned char *edge_bits;
	/* a bit per hash of the first word of a phrase: most tokens begin
	 * none, and this answers without touching the edge table */
	unsigned char roots[ROOT_BYTES];
};

static inline uint64_t load32(const char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

static inline uint64_t load64(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* The finaliser of splitmix64: every bit of v moves every bit out. */
static inline uint64_t mix64(uint64_t v)
{
	v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ULL;
	v = (v ^ (v >> 27)) * 0x94d049bb133111ebULL;
	return v ^ (v >> 31);
}

static inline uint64_t word_hash(const char *s, size_t n)
{
	/* Words are short. Up to eight bytes are read as one 64-bit value
	 * without a loop (two overlapping loads of four bytes from both
	 * ends; three single bytes below four), which holds every byte, so
	 * that words of one length differ in it; the length is multiplied
	 * in apart ("20" and "201"), then one finaliser. Longer words are
	 * read sixteen bytes at a time and their last sixteen, and mixed
	 * in two more rounds. Equal hashes are always checked against the
	 * bytes by those who compare words; a collision costs time only. */
	uint64_t a, b;
	uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ULL;
	if (n <= 8) {
		if (n >= 4)
			a = load32(s) | load32(s + n - 4) << 32;
		else if (n > 0)
			a = (uint64_t)(unsigned char)s[0] << 16 |
			    (uint64_t)(unsigned char)s[n >> 1] << 8 |
			    (unsigned char)s[n - 1];
		else
			a = 0;
		return mix64(h ^ a);
	}
	h ^= 0xff51afd7ed558ccdULL;
	if (n <= 16) {
		a = load64(s);
		b = load64(s + n - 8);
	} else {
		size_t i = n;
		const char *p = s;
		while (i > 16) {
			h = (h ^ load64(p)) * 0xbf58476d1ce4e5b9ULL;
			h ^= h >> 29;
			h = (h ^ load64(p + 8)) * 0x94d049bb133111ebULL;
			p += 16;
			i -= 16;
		}
		a = load64(p + i - 16);
		b = load64(p + i - 8);
	}
	h = (h ^ a) * 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 31;
	h = (h ^ b) * 0x94d049bb133111ebULL;
	return mix64(h);
}

uint32_t um_word_hash(const char *s, size_t n)
{
	return (uint32_t)word_hash(s, n);
}

/* An edge's slot: the word's hash and the parent node, mixed. */
static uint64_t edge_hash(uint32_t parent, uint32_t word)
{
	uint64_t h = word ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ULL);
	h = (h ^ (h >> 32)) * 0xd6e8feb86659fd93ULL;
	return h ^ (h >> 32);
}

const uint32_t *um_doc_fold_hashes(const um_doc *cdoc)
{
	/* The hashes belong to the document, which one thread processes at
	 * a time; computing them does not change what the document holds. */
	um_doc *doc = (um_doc *)cdoc;
	uint32_t *h;
	if (doc->fold_hashes)
		return doc->fold_hashes;
	h = um_arena_alloc(doc->arena, (doc->ntokens + 1) * sizeof(*h));
	for (size_t i = 0; i < doc->ntokens; i++) {
		const um_token *t = &doc->tokens[i];
		h[i] = um_token_is_space(t) ? 0 :
		       (uint32_t)word_hash(t->fold, t->fold_len);
	}
	doc->fold_hashes = h;
	return h;
}

um_matcher *um_matcher_new(void)
{
	um_matcher *m = um_xcalloc(1, sizeof(*m));
	m->arena = um_arena_new();
	m->mask = 1023;
	m->edges = um_xcalloc(m->mask + 1, sizeof(struct edge));
	m->edge_bits = um_xcalloc(m->mask + 1, 1);
	UM_GROW(m->nodes, m->cnodes, 1);
	memset(&m->nodes[0], 0, sizeof(struct node));
	m->nnodes = 1;
	return m;
}

um_matcher *um_matcher_new_stemmed(const char *lang)
{
	um_stemmer *st = um_stemmer_new(lang);
	um_matcher *m;
	if (!st)
		return NULL;
	m = um_matcher_new();
	m->stemmer = st;
	m->filter = um_xcalloc(UM_STEM_FILTER / 8, 1);
	snprintf(m->lang, sizeof(m->lang), "%s", lang);
	return m;
}

void um_matcher_free(um_matcher *m)
{
	size_t i;
	if (!m)
		return;
	um_stemmer_free(m->stemmer);
	free(m->filter);
	for (i = 0; i < m->nnodes; i++)
		free(m->nodes[i].vals);
	free(m->nodes);
	free(m->edges);
	free(m->edge_bits);
	free(m->scratch);
	um_arena_free(m->arena);
	free(m);
}

/* The bit of an edge hash in edge_bits: (mask + 1) * 8 bits. */
static size_t edge_bit(const um_matcher *m, uint64_t h)
{
	return (size_t)(h >> 32) & ((m->mask << 3) | 7);
}

static uint32_t find_child(const um_matcher *m, uint32_t parent,
                           uint32_t word, const char *s, size_t n)
{
	uint64_t h = edge_hash(parent, word);
	size_t i = (size_t)h & m->mask, bit = edge_bit(m, h);
	if (!(m->edge_bits[bit >> 3] & (1u << (bit & 7))))
		return 0;
	for (;;) {
		const struct edge *e = &m->edges[i];
		if (!e->child)
			return 0;
		if (e->hash == h && e->parent == parent && e->len == n &&
		    um_same_bytes(e->s, s, n))
			return e->child;
		i = (i + 1) & m->mask;
	}
}

static void insert_edge(um_matcher *m, struct edge e)
{
	size_t i = (size_t)e.hash & m->mask, bit = edge_bit(m, e.hash);
	while (m->edges[i].child)
		i = (i + 1) & m->mask;
	m->edges[i] = e;
	m->edge_bits[bit >> 3] |= (unsigned char)(1u << (bit & 7));
}

static void rehash(um_matcher *m)
{
	struct edge *old = m->edges;
	size_t oldn = m->mask + 1, i;
	m->mask = oldn * 2 - 1;
	m->edges = um_xcalloc(m->mask + 1, sizeof(struct edge));
	free(m->edge_bits);
	m->edge_bits = um_xcalloc(m->mask + 1, 1);
	for (i = 0; i < oldn; i++)
		if (old[i].child)
			insert_edge(m, old[i]);
	free(old);
}

static uint32_t add_child(um_matcher *m, uint32_t parent, const char *s,
                          size_t n)
{
	uint32_t word = um_word_hash(s, n);
	uint32_t child = find_child(m, parent, word, s, n);
	struct edge e;
	if (parent == 0)      /* the first words of phrases */
		m->roots[(word >> 3) & ROOT_MASK] |= (unsigned char)(1u << (word & 7));
	if (child)
		return child;
	if ((m->nedges + 1) * 2 > m->mask + 1)
		rehash(m);
	UM_GROW(m->nodes, m->cnodes, m->nnodes + 1);
	memset(&m->nodes[m->nnodes], 0, sizeof(struct node));
	child = (uint32_t)m->nnodes++;
	e.hash = edge_hash(parent, word);
	e.s = um_arena_strndup(m->arena, s, n);
	e.len = (uint32_t)n;
	e.parent = parent;
	e.child = child;
	insert_edge(m, e);
	m->nedges++;
	return child;
}

int um_matcher_add(um_matcher *m, const char *phrase, size_t len,
                   const void *value)
{
	size_t n = 0, i;
	uint32_t node = 0;
	int any = 0;
	struct node *nd;

	if (!phrase || len >= UINT32_MAX)
		return UM_EINVAL;
	um_tokenize_text(phrase, len, m->arena, &m->scratch, &n, &m->cscratch);
	for (i = 0; i < n; i++) {
		const um_token *t = &m->scratch[i];
		const char *k = t->fold;
		size_t klen = t->fold_len;
		if (um_token_is_space(t))
			continue;
		if (m->stemmer && t->kind == UM_TOK_WORD) {
			size_t bit = um_stem_filter_bit(t->fold, t->fold_len);
			m->filter[bit / 8] |= (unsigned char)(1u << (bit % 8));
			if (!(k = um_stem(m->stemmer, t->fold, t->fold_len, &klen))) {
				k = t->fold;
				klen = t->fold_len;
			}
			bit = um_stem_filter_bit(k, klen);
			m->filter[bit / 8] |= (unsigned char)(1u << (bit % 8));
		}
		node = add_child(m, node, k, klen);
		any = 1;
	}
	if (!any)
		return UM_EINVAL;
	nd = &m->nodes[node];
	if (nd->nvals == 0)
		m->nphrases++;
	if (nd->nvals == nd->cvals) {
		size_t cap = nd->cvals;
		um_grow((void **)&nd->vals, &cap, nd->nvals + 1, sizeof(*nd->vals));
		nd->cvals = (uint32_t)cap;
	}
	nd->vals[nd->nvals++] = value;
	return 0;
}

/* The keys the matcher compares: stems, or the folded forms of the
 * tokens with their hashes. */
struct keys {
	const uint32_t *folds;    /* NULL for a stemmed matcher */
	const um_key *stems;
};

static struct keys doc_keys(const um_matcher *m, const um_doc *doc)
{
	struct keys k;
	k.stems = m->stemmer ? um_doc_stem_keys(doc, m->lang, m->filter) : NULL;
	k.folds = k.stems ? NULL : um_doc_fold_hashes(doc);
	return k;
}

/* Whether a phrase may begin at token i: a word whose key has its bit
 * in the first-word filter. Most tokens fail here. */
static inline int may_begin(const um_matcher *m, const um_token *tk,
                            const struct keys *k, size_t i)
{
	uint32_t h = k->folds ? k->folds[i] : k->stems[i].hash;
	return !um_token_is_space(&tk[i]) &&
	       (m->roots[(h >> 3) & ROOT_MASK] & (1u << (h & 7)));
}

/* Longest phrase from token i, which may begin one, not reaching past
 * token limit. */
static int longest_from(const um_matcher *m, const um_doc *doc,
                        const struct keys *k, size_t i, size_t limit,
                        um_match *ret)
{
	const um_token *tk = doc->tokens;
	uint32_t node = 0, best = 0;
	size_t j = i, best_end = 0;

	while (j < limit) {
		const um_token *t = &tk[j];
		if (um_token_is_space(t)) {
			if (t->flags & UM_TF_PARA_BREAK)
				break;
			j++;
			continue;
		}
		if (k->folds)
			node = find_child(m, node, k->folds[j], t->fold, t->fold_len);
		else
			node = find_child(m, node, k->stems[j].hash, k->stems[j].s,
			                  k->stems[j].len);
		if (!node)
			break;
		j++;
		if (m->nodes[node].nvals) {
			best = node;
			best_end = j;
		}
	}
	if (!best)
		return UM_ENOENT;
	ret->begin = i;
	ret->end = best_end;
	ret->values = m->nodes[best].vals;
	ret->nvalues = m->nodes[best].nvals;
	return 0;
}

int um_matcher_longest(const um_matcher *m, const um_doc *doc, size_t i,
                       um_match *ret)
{
	struct keys k;
	if (i >= doc->ntokens)
		return UM_ENOENT;
	k = doc_keys(m, doc);
	if (!may_begin(m, doc->tokens, &k, i))
		return UM_ENOENT;
	return longest_from(m, doc, &k, i, doc->ntokens, ret);
}

void um_matcher_scan(const um_matcher *m, const um_doc *doc, size_t begin,
                     size_t end, um_match_fn fn, void *ctx)
{
	struct keys k = doc_keys(m, doc);
	size_t i = begin;
	um_match r;
	if (end > doc->ntokens)
		end = doc->ntokens;
	while (i < end) {
		if (may_begin(m, doc->tokens, &k, i) &&
		    longest_from(m, doc, &k, i, end, &r) == 0) {
			if (fn(&r, ctx))
				return;
			i = r.end;
		} else {
			i++;
		}
	}
}

size_t um_matcher_phrases(const um_matcher *m)
{
	return m->nphrases;
}

size_t um_matcher_nodes(const um_matcher *m)
{
	return m->nnodes;
}
