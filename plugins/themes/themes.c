/*
 * themes: what a document is about, in the themes of UN work. Labels and
 * patterns of a taxonomy (taxonomy.xml by default) are matched as phrases
 * of Snowball stems; each match is a `theme` mention, and the document
 * gets `theme` tags scored by how densely and how variously it speaks of
 * each concept (README.md gives the formula).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unmine/plugin.h>

#include "taxonomy.h"

/* taxonomy.xml and taxonomy.rng, built into the plugin (embed.py) */
extern const char themes_default_xml[];
extern const size_t themes_default_xml_size;
extern const char themes_rng[];
extern const size_t themes_rng_size;

struct options {
	const char *taxonomy;
	double min_score;
	long top;
	long min_mentions;
	int mentions;
};

static const um_option option_table[] = {
	{ "taxonomy", UM_OPT_STRING, offsetof(struct options, taxonomy), NULL,
	  "taxonomy file: replaces the default one, or extends it when its "
	  "root says mode=\"extend\"" },
	{ "min-score", UM_OPT_DOUBLE, offsetof(struct options, min_score), "0.2",
	  "lowest score of a tag written" },
	{ "top", UM_OPT_INT, offsetof(struct options, top), "10",
	  "most tags written per document (0: no limit)" },
	{ "min-mentions", UM_OPT_INT, offsetof(struct options, min_mentions),
	  "1", "fewest mentions of a tag written" },
	{ "mentions", UM_OPT_BOOL, offsetof(struct options, mentions), "yes",
	  "annotate each mention in the text" },
	{ NULL, 0, 0, NULL, NULL }
};

/* Mentions per thousand words at which density gives half the score, and
 * the fewest words a document is counted as having. */
#define HALF_DENSITY 2.0
#define MIN_WORDS 200

struct lang_matcher {
	char lang[16];
	um_matcher *m;
};

struct state {
	const um_core_api *api;
	struct options opt;
	struct taxonomy tx;
	struct lang_matcher *lm;
	size_t nlm;
};

static const char *const provides[] = { "theme", NULL };

/* Prefixes that English writes with or without a hyphen: "cooperation"
 * and "co-operation", "nonproliferation" and "non-proliferation". */
static const char *const prefixes[] = { "co", "non", "socio", "multi", NULL };

static int add_phrase(const struct state *st, um_matcher *m, const char *s,
                      const struct term *t, char *err, size_t errlen)
{
	if (st->api->matcher_add(m, s, strlen(s), t) < 0) {
		snprintf(err, errlen, "theme term '%s' of concept '%s' has no words",
		         t->text, st->tx.concepts[t->concept].id);
		return -1;
	}
	return 0;
}

/* The term and its other spelling, with the prefix hyphen or without. */
static int add_term(const struct state *st, um_matcher *m, const struct term *t,
                    char *err, size_t errlen)
{
	size_t n = strlen(t->text);
	char *v = malloc(2 * n + 2), *o = v;
	const char *p = t->text;
	int changed = 0, rc;
	if (!v)
		abort();
	if (add_phrase(st, m, t->text, t, err, errlen)) {
		free(v);
		return -1;
	}
	if (t->exact || strcmp(t->lang, "en")) {
		free(v);
		return 0;
	}
	while (*p) {
		int word_start = p == t->text || p[-1] == ' ';
		const char *const *q;
		for (q = prefixes; word_start && *q; q++) {
			size_t k = strlen(*q);
			if (!strncasecmp(p, *q, k) && p[k] == '-') {
				memcpy(o, p, k);            /* "co-operation" */
				o += k;
				p += k + 1;
				changed = 1;
				break;
			}
			/* "co" only before "o" and "e" ("coordination",
			 * "coexistence"; not "countries") */
			if (!strncasecmp(p, *q, k) && p[k] >= 'a' && p[k] <= 'z' &&
			    (k > 2 || p[k] == 'o' || p[k] == 'e') &&
			    strspn(p + k, "abcdefghijklmnopqrstuvwxyz") >= 4) {
				memcpy(o, p, k);            /* "cooperation" */
				o += k;
				*o++ = '-';
				p += k;
				changed = 1;
				break;
			}
		}
		if (!*q || !word_start)
			*o++ = *p++;
	}
	*o = 0;
	rc = changed ? add_phrase(st, m, v, t, err, errlen) : 0;
	free(v);
	return rc;
}

static um_matcher *matcher_for(struct state *st, const char *lang)
{
	struct lang_matcher *l;
	for (size_t i = 0; i < st->nlm; i++)
		if (!strcmp(st->lm[i].lang, lang))
			return st->lm[i].m;
	st->lm = realloc(st->lm, (st->nlm + 1) * sizeof(*st->lm));
	if (!st->lm)
		abort();
	l = &st->lm[st->nlm++];
	snprintf(l->lang, sizeof(l->lang), "%s", lang);
	/* a language Snowball does not stem is matched by folded words */
	l->m = st->api->matcher_new_stemmed(lang);
	if (!l->m)
		l->m = st->api->matcher_new();
	return l->m;
}

static void fini(void *state)
{
	struct state *st = state;
	if (!st)
		return;
	for (size_t i = 0; i < st->nlm; i++)
		st->api->matcher_free(st->lm[i].m);
	free(st->lm);
	taxonomy_free(&st->tx);
	free(st);
}

static int init(const um_core_api *api, const void *options, void **state,
                char *err, size_t errlen)
{
	struct state *st;
	if (um_core_too_old(api, err, errlen))
		return UM_EABI;
	st = calloc(1, sizeof(*st));
	if (!st)
		abort();
	st->api = api;
	memcpy(&st->opt, options, sizeof(st->opt));
	if (st->opt.min_score < 0 || st->opt.top < 0 || st->opt.min_mentions < 0) {
		snprintf(err, errlen, "min-score, top and min-mentions may not be "
		         "negative");
		goto fail;
	}
	if (taxonomy_load(&st->tx, themes_default_xml, themes_default_xml_size,
	                  "taxonomy.xml (built in)", themes_rng, themes_rng_size,
	                  err, errlen))
		goto fail;
	if (st->opt.taxonomy &&
	    taxonomy_load_file(&st->tx, st->opt.taxonomy, themes_rng,
	                       themes_rng_size, err, errlen))
		goto fail;
	for (size_t i = 0; i < st->tx.nterms; i++) {
		const struct term *t = &st->tx.terms[i];
		if (add_term(st, matcher_for(st, t->lang), t, err, errlen))
			goto fail;
	}
	*state = st;
	return 0;
fail:
	fini(st);
	return UM_EINVAL;
}

struct ctx {
	const struct state *st;
	um_doc *doc;
	const char *text;
	const um_token *toks;
	size_t *mentions;     /* per concept, its own and its narrower ones' */
	size_t *term_count;   /* per term */
	size_t *hit;          /* the terms counted, in taxonomy order once
	                       * write_tags has sorted them */
	size_t nhit;
	size_t *stamp;        /* per concept: the last match counted */
	size_t nmatch;
	int rc;
};

/* A case="exact" term matches only as written: the match's text without
 * its spaces is the term's. */
static int exact_ok(const struct ctx *c, const um_match *m, const char *term)
{
	const char *p = term;
	for (size_t i = m->begin; i < m->end; i++) {
		const um_token *t = &c->toks[i];
		size_t n = t->end - t->begin;
		if (um_token_is_space(t))
			continue;
		while (*p == ' ')
			p++;
		if (strncmp(p, c->text + t->begin, n))
			return 0;
		p += n;
	}
	return *p == 0;
}

static int on_match(const um_match *m, void *arg)
{
	struct ctx *c = arg;
	const struct state *st = c->st;
	const struct taxonomy *tx = &st->tx;
	c->nmatch++;
	for (size_t v = 0; v < m->nvalues; v++) {
		const struct term *t = m->values[v];
		size_t ti = (size_t)(t - tx->terms), k;
		if (t->exact && !exact_ok(c, m, t->text))
			continue;
		/* one mention per concept, whatever the terms it matches */
		for (k = 0; k < v; k++) {
			const struct term *u = m->values[k];
			if (u->concept == t->concept &&
			    (!u->exact || exact_ok(c, m, u->text)))
				break;
		}
		if (k < v)
			continue;
		if (c->term_count[ti]++ == 0)
			c->hit[c->nhit++] = ti;
		/* the concept and its broader ones, each once per match */
		for (long a = (long)t->concept; a >= 0; a = tx->concepts[a].broader) {
			if (c->stamp[a] == c->nmatch)
				break;
			c->stamp[a] = c->nmatch;
			c->mentions[a]++;
		}
		if (st->opt.mentions) {
			um_annot *an;
			c->rc = st->api->annot_add(c->doc, "theme", m->begin, m->end, &an);
			if (c->rc == 0)
				c->rc = st->api->annot_set(c->doc, an, "concept",
				                           tx->concepts[t->concept].id);
			if (c->rc == 0)
				c->rc = st->api->annot_set(c->doc, an, "term", t->text);
			if (c->rc)
				return 1;
		}
	}
	return 0;
}

struct tag {
	size_t concept;
	double score;
	long milli;           /* the score in thousandths, as written */
	size_t terms;
};

static int by_score(const void *a, const void *b)
{
	const struct tag *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->concept < y->concept ? -1 : x->concept > y->concept;
}

static int is_within(const struct taxonomy *tx, size_t concept, size_t of)
{
	for (long a = (long)concept; a >= 0; a = tx->concepts[a].broader)
		if ((size_t)a == of)
			return 1;
	return 0;
}

/* The number of distinct terms of the concept and its narrower ones. */
static size_t distinct_terms(const struct ctx *c, size_t concept)
{
	size_t n = 0;
	for (size_t h = 0; h < c->nhit; h++)
		n += (size_t)is_within(&c->st->tx, c->st->tx.terms[c->hit[h]].concept,
		                       concept);
	return n;
}

/* v in decimal at p, not terminated; the end of the digits. */
static char *put_count(char *p, size_t v)
{
	char tmp[24];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* "environment (5); ecosystems (2)": the distinct terms of the concept
 * and its narrower ones, most frequent first. */
static char *evidence(const struct ctx *c, size_t concept)
{
	const struct taxonomy *tx = &c->st->tx;
	size_t n = 0, len = 1, *idx;
	char *s, *p;
	idx = c->st->api->doc_alloc(c->doc, c->nhit * sizeof(*idx) + 1);
	for (size_t h = 0; h < c->nhit; h++) {
		size_t i = c->hit[h];
		if (is_within(tx, tx->terms[i].concept, concept)) {
			size_t k = n++;
			/* insertion by count, then taxonomy order */
			while (k > 0 && c->term_count[idx[k - 1]] < c->term_count[i]) {
				idx[k] = idx[k - 1];
				k--;
			}
			idx[k] = i;
			len += strlen(tx->terms[i].text) + 26;
		}
	}
	s = p = c->st->api->doc_alloc(c->doc, len);
	for (size_t k = 0; k < n; k++) {
		const char *t = tx->terms[idx[k]].text;
		size_t tl = strlen(t);
		if (k) {
			memcpy(p, "; ", 2);
			p += 2;
		}
		memcpy(p, t, tl);
		p += tl;
		memcpy(p, " (", 2);
		p = put_count(p + 2, c->term_count[idx[k]]);
		*p++ = ')';
	}
	*p = 0;
	return s;
}

/* x in thousandths, rounded as "%.3f" rounds it. The product x * 1000
 * is off by at most half a unit in its last place, which changes the
 * rounding only within a hair of a tie: those go through printf. */
static long thousandths(double x)
{
	double y = x * 1000.0, d;
	long k = (long)y;
	char buf[64], *dot;
	d = y - (double)k - 0.5;
	if (d > 1e-6 || d < -1e-6)
		return k + (d > 0);
	snprintf(buf, sizeof(buf), "%.3f", x);
	dot = strchr(buf, '.');
	return strtol(buf, NULL, 10) * 1000 + (dot ? strtol(dot + 1, NULL, 10) : 0);
}

/* "0.772": thousandths written as "%.3f" writes them. */
static void put_thousandths(char *buf, long k)
{
	char *p = put_count(buf, (size_t)(k / 1000));
	*p++ = '.';
	*p++ = (char)('0' + k % 1000 / 100);
	*p++ = (char)('0' + k % 100 / 10);
	*p++ = (char)('0' + k % 10);
	*p = 0;
}

/* The score of a concept: density d, mentions per thousand words (a
 * document counted as at least MIN_WORDS words), saturating as
 * d / (d + HALF_DENSITY), times 1 - 2^-t for t distinct terms, so that
 * one term repeated weighs less than several. */
static double score(size_t mentions, size_t words, size_t terms)
{
	double d = 1000.0 * (double)mentions /
	           (double)(words < MIN_WORDS ? MIN_WORDS : words);
	double variety = 1.0 - 1.0 / (double)(1UL << (terms < 30 ? terms : 30));
	return d / (d + HALF_DENSITY) * variety;
}

static int by_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static int write_tags(struct ctx *c, size_t words)
{
	const struct state *st = c->st;
	const um_core_api *api = st->api;
	const struct taxonomy *tx = &st->tx;
	const char *lang = api->doc_meta(c->doc, "language");
	struct tag *tags = api->doc_alloc(c->doc, tx->nconcepts * sizeof(*tags) + 1);
	size_t ntags = 0;
	char buf[64];
	int rc = 0;

	qsort(c->hit, c->nhit, sizeof(*c->hit), by_index);
	for (size_t i = 0; i < tx->nconcepts; i++) {
		size_t t;
		if (!c->mentions[i] || c->mentions[i] < (size_t)st->opt.min_mentions)
			continue;
		t = distinct_terms(c, i);
		tags[ntags].concept = i;
		tags[ntags].terms = t;
		/* rounded as written, so that the order is the one shown */
		tags[ntags].milli = thousandths(score(c->mentions[i], words, t));
		tags[ntags].score = (double)tags[ntags].milli / 1000.0;
		if (tags[ntags].score >= st->opt.min_score)
			ntags++;
	}
	qsort(tags, ntags, sizeof(*tags), by_score);
	if (st->opt.top && ntags > (size_t)st->opt.top)
		ntags = (size_t)st->opt.top;
	for (size_t k = 0; k < ntags && rc == 0; k++) {
		const struct concept *cn = &tx->concepts[tags[k].concept];
		um_annot *a;
		rc = api->annot_add_doc(c->doc, "theme", &a);
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "concept", cn->id);
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "label", taxonomy_label(cn, lang));
		put_thousandths(buf, tags[k].milli);
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "score", buf);
		*put_count(buf, k + 1) = 0;
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "rank", buf);
		*put_count(buf, c->mentions[tags[k].concept]) = 0;
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "mentions", buf);
		*put_count(buf, tags[k].terms) = 0;
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "terms", buf);
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "evidence",
			                    evidence(c, tags[k].concept));
		if (rc == 0 && cn->broader >= 0)
			rc = api->annot_set(c->doc, a, "broader",
			                    tx->concepts[cn->broader].id);
		if (rc == 0 && cn->nsdgs) {
			char sdg[128];
			size_t used = 0;
			sdg[0] = 0;
			for (size_t g = 0; g < cn->nsdgs && used < sizeof(sdg) - 4; g++)
				used += (size_t)snprintf(sdg + used, sizeof(sdg) - used,
				                         "%s%d", g ? " " : "", cn->sdgs[g]);
			rc = api->annot_set(c->doc, a, "sdg", sdg);
		}
		if (rc == 0 && cn->nunbis) {
			size_t len = 1;
			char *u, *p;
			for (size_t k2 = 0; k2 < cn->nunbis; k2++)
				len += strlen(cn->unbis[k2]) + 2;
			u = p = api->doc_alloc(c->doc, len);
			*p = 0;
			for (size_t k2 = 0; k2 < cn->nunbis; k2++)
				p += snprintf(p, len - (size_t)(p - u), "%s%s",
				              k2 ? "; " : "", cn->unbis[k2]);
			rc = api->annot_set(c->doc, a, "unbis", u);
		}
	}
	return rc;
}

static int process(void *state, um_doc *doc)
{
	const struct state *st = state;
	const um_core_api *api = st->api;
	const char *lang = api->doc_meta(doc, "language");
	const um_matcher *m = NULL;
	struct ctx c;
	size_t ntok, words = 0, n = st->tx.nconcepts;
	if (!lang)
		lang = "en";
	for (size_t i = 0; i < st->nlm; i++)
		if (!strcmp(st->lm[i].lang, lang))
			m = st->lm[i].m;
	if (!m)
		return 0;       /* the taxonomy has no terms in this language */
	memset(&c, 0, sizeof(c));
	c.st = st;
	c.doc = doc;
	c.text = api->doc_text(doc, NULL);
	c.toks = api->doc_tokens(doc, &ntok);
	c.mentions = api->doc_alloc(doc, (n + 1) * sizeof(size_t));
	c.stamp = api->doc_alloc(doc, (n + 1) * sizeof(size_t));
	c.term_count = api->doc_alloc(doc, (st->tx.nterms + 1) * sizeof(size_t));
	c.hit = api->doc_alloc(doc, (st->tx.nterms + 1) * sizeof(size_t));
	memset(c.mentions, 0, (n + 1) * sizeof(size_t));
	memset(c.stamp, 0, (n + 1) * sizeof(size_t));
	memset(c.term_count, 0, (st->tx.nterms + 1) * sizeof(size_t));
	for (size_t i = 0; i < ntok; i++)
		words += c.toks[i].kind == UM_TOK_WORD;
	api->matcher_scan(m, doc, 0, ntok, on_match, &c);
	if (c.rc)
		return c.rc;
	return write_tags(&c, words);
}

UM_PLUGIN_DEFINE(
	.name = "themes",
	.version = "1.0",
	.summary = "themes of UN work from a taxonomy (Snowball-stemmed phrases), "
	           "with scored document tags and their evidence",
	.provides = provides,
	.options = option_table,
	.options_size = sizeof(struct options),
	.init = init,
	.process = process,
	.fini = fini,
)
