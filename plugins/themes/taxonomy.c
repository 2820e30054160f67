/* Reading a themes taxonomy: XML checked against its RELAX NG schema. */
#define _GNU_SOURCE 1   /* memmem */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "taxonomy.h"

/* Every string and array of a taxonomy, freed together. */
struct tx_pool {
	void **ptrs;
	size_t n, cap;
};

#define MAX_TAXONOMY (16u << 20)

static void *xalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);
	if (!p)
		abort();
	return p;
}

static void *keep(struct tx_pool *pool, void *p)
{
	if (pool->n == pool->cap) {
		pool->cap = pool->cap ? pool->cap * 2 : 64;
		pool->ptrs = realloc(pool->ptrs, pool->cap * sizeof(*pool->ptrs));
		if (!pool->ptrs)
			abort();
	}
	pool->ptrs[pool->n++] = p;
	return p;
}

static const char *keep_str(struct tx_pool *pool, const char *s)
{
	char *d = strdup(s);
	if (!d)
		abort();
	return keep(pool, d);
}

static void pool_free(struct tx_pool *pool)
{
	if (!pool)
		return;
	for (size_t i = 0; i < pool->n; i++)
		free(pool->ptrs[i]);
	free(pool->ptrs);
	free(pool);
}

void taxonomy_free(struct taxonomy *tx)
{
	if (!tx)
		return;
	free(tx->concepts);
	free(tx->terms);
	pool_free(tx->pool);
	memset(tx, 0, sizeof(*tx));
}

const char *taxonomy_label(const struct concept *c, const char *lang)
{
	for (size_t i = 0; lang && i < c->nlabels; i++)
		if (!strcmp(c->labels[i].lang, lang))
			return c->labels[i].text;
	return c->nlabels ? c->labels[0].text : c->id;
}

/* The first problem libxml2 reports, with its line. */
struct first_error {
	int line;
	char msg[200];
};

static void on_error(void *ctx, const xmlError *e)
{
	struct first_error *fe = ctx;
	size_t n;
	if (fe->msg[0] || !e || !e->message)
		return;
	fe->line = e->line;
	snprintf(fe->msg, sizeof(fe->msg), "%s", e->message);
	n = strlen(fe->msg);
	while (n && (fe->msg[n - 1] == '\n' || fe->msg[n - 1] == ' '))
		fe->msg[--n] = 0;
}

/* libxml2 2.9 declares the handler without const */
static void on_error_cb(void *ctx, xmlErrorPtr e)
{
	on_error(ctx, e);
}

static int fail(char *err, size_t errlen, const char *name, int line,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int fail(char *err, size_t errlen, const char *name, int line,
                const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, errlen, "%s:%d: ", name, line);
	if (n < 0 || (size_t)n >= errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Concepts by id: an open-addressing table of 1 + the index of each
 * concept in an array, so that checking ids, finding broader concepts and
 * merging an extension take time in proportion to the concepts, not to
 * their square (a thesaurus may have tens of thousands). */
struct id_index {
	size_t *slot;
	size_t mask;
};

static size_t id_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;     /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (size_t)h;
}

/* The slot of id among concepts c: its concept's, or an empty one. */
static size_t id_slot(const struct id_index *ix, const struct concept *c,
                      const char *id)
{
	size_t i = id_hash(id) & ix->mask;
	while (ix->slot[i] && strcmp(c[ix->slot[i] - 1].id, id))
		i = (i + 1) & ix->mask;
	return i;
}

/* The index of the concept with id in c, or -1. */
static long id_find(const struct id_index *ix, const struct concept *c,
                    const char *id)
{
	size_t i;
	if (!ix->slot)
		return -1;        /* nothing put yet */
	i = id_slot(ix, c, id);
	return ix->slot[i] ? (long)ix->slot[i] - 1 : -1;
}

/* Adds concept k of c, whose id is not there: the table holds concepts
 * 0 to k - 1. */
static void id_put(struct id_index *ix, const struct concept *c, size_t k)
{
	if ((k + 1) * 2 > ix->mask + 1) {
		size_t size = ix->mask ? (ix->mask + 1) * 2 : 64;
		free(ix->slot);
		ix->slot = xalloc(size * sizeof(*ix->slot));
		ix->mask = size - 1;
		for (size_t j = 0; j < k; j++)
			ix->slot[id_slot(ix, c, c[j].id)] = j + 1;
	}
	ix->slot[id_slot(ix, c, c[k].id)] = k + 1;
}

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* Text of an element with white space runs made single spaces. */
static const char *text_of(struct tx_pool *pool, xmlNode *n)
{
	xmlChar *s = xmlNodeGetContent(n);
	char *d, *p;
	const char *q;
	int space = 0;
	if (!s)
		abort();
	d = keep(pool, xalloc(strlen((const char *)s) + 1));
	p = d;
	for (q = (const char *)s; *q; q++) {
		if (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r') {
			space = p != d;
			continue;
		}
		if (space)
			*p++ = ' ';
		space = 0;
		*p++ = *q;
	}
	*p = 0;
	xmlFree(s);
	return d;
}

static void lang_of(xmlNode *n, char *out, size_t outlen)
{
	xmlChar *l = xmlNodeGetLang(n);
	snprintf(out, outlen, "%s", l ? (const char *)l : "en");
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	xmlFree(l);
}

struct parsed {
	struct concept *c;
	size_t n;
	struct term *t;
	size_t nt, ct;        /* terms, and room for them */
	int extend;
};

static void add_term(struct parsed *p, struct tx_pool *pool, xmlNode *e,
                     size_t ci, int exact)
{
	struct term *t;
	if (p->nt == p->ct) {
		p->ct = p->ct ? p->ct * 2 : 64;
		p->t = realloc(p->t, p->ct * sizeof(*p->t));
		if (!p->t)
			abort();
	}
	t = &p->t[p->nt++];
	memset(t, 0, sizeof(*t));
	t->text = text_of(pool, e);
	lang_of(e, t->lang, sizeof(t->lang));
	t->exact = exact;
	t->concept = ci;
}

static int valid_id(const char *s)
{
	if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(s);
}

static int blank(xmlNode *n)
{
	xmlChar *s = xmlNodeGetContent(n);
	int empty = 1;
	for (const xmlChar *p = s; p && *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			empty = 0;
	xmlFree(s);
	return empty;
}

/* The mistakes people make, each said plainly; the schema catches the
 * rest, in libxml2's words. */
static int check_tree(xmlNode *root, const char *name, char *err, size_t errlen)
{
	static const char *const known[] = {
		"prefLabel", "altLabel", "pattern", "broader", "sdg", "unbis", NULL
	};
	if (!root || strcmp((const char *)root->name, "taxonomy"))
		return fail(err, errlen, name, root ? (int)xmlGetLineNo(root) : 0,
		            "the root element must be <taxonomy>");
	for (xmlNode *cn = root->children; cn; cn = cn->next) {
		xmlChar *id;
		int ok, labels = 0, broader = 0;
		if (cn->type != XML_ELEMENT_NODE || is(cn, "description"))
			continue;
		if (!is(cn, "concept"))
			return fail(err, errlen, name, (int)xmlGetLineNo(cn),
			            "unknown element <%s> in <taxonomy>", cn->name);
		id = xmlGetProp(cn, (const xmlChar *)"id");
		ok = valid_id((const char *)id);
		if (!ok) {
			fail(err, errlen, name, (int)xmlGetLineNo(cn),
			     id ? "concept id '%s' is not lower-case letters, digits "
			          "and hyphens" : "concept without an id%s", id ?
			     (const char *)id : "");
			xmlFree(id);
			return -1;
		}
		for (xmlNode *e = cn->children; e; e = e->next) {
			const char *const *k;
			int line = (int)xmlGetLineNo(e);
			if (e->type != XML_ELEMENT_NODE)
				continue;
			for (k = known; *k && !is(e, *k); k++)
				;
			if (!*k) {
				fail(err, errlen, name, line, "unknown element <%s> in "
				     "concept '%s'", e->name, id);
				break;
			}
			labels += is(e, "prefLabel");
			if (is(e, "broader") && ++broader > 1) {
				fail(err, errlen, name, line, "concept '%s' has more than "
				     "one <broader>", id);
				break;
			}
			if ((is(e, "prefLabel") || is(e, "altLabel") ||
			     is(e, "pattern") || is(e, "unbis")) && blank(e)) {
				fail(err, errlen, name, line, "empty <%s> in concept '%s'",
				     e->name, id);
				break;
			}
			if (is(e, "sdg")) {
				xmlChar *g = xmlGetProp(e, (const xmlChar *)"goal");
				char *end = NULL;
				long v = g ? strtol((const char *)g, &end, 10) : 0;
				int bad = !g || *end || v < 1 || v > 17;
				if (bad)
					fail(err, errlen, name, line, "sdg goal '%s' in concept "
					     "'%s' is not a goal number (1 to 17)",
					     g ? (const char *)g : "", id);
				xmlFree(g);
				if (bad)
					break;
			}
		}
		if (err[0]) {
			xmlFree(id);
			return -1;
		}
		if (!labels) {
			fail(err, errlen, name, (int)xmlGetLineNo(cn),
			     "concept '%s' has no <prefLabel>", id);
			xmlFree(id);
			return -1;
		}
		xmlFree(id);
	}
	return 0;
}

/* The concepts of a valid document. */
static int read_concepts(xmlNode *root, struct parsed *p, struct tx_pool *pool,
                         struct id_index *ix, const char *name, char *err,
                         size_t errlen)
{
	size_t cap = 0;
	xmlChar *mode = xmlGetProp(root, (const xmlChar *)"mode");
	p->extend = mode && !strcmp((const char *)mode, "extend");
	xmlFree(mode);
	for (xmlNode *cn = root->children; cn; cn = cn->next) {
		struct concept *c;
		xmlChar *id;
		long first;
		if (!is(cn, "concept"))
			continue;
		if (p->n == cap) {
			cap = cap ? cap * 2 : 64;
			p->c = realloc(p->c, cap * sizeof(*p->c));
			if (!p->c)
				abort();
		}
		c = &p->c[p->n];
		memset(c, 0, sizeof(*c));
		c->broader = -1;
		c->line = (int)xmlGetLineNo(cn);
		id = xmlGetProp(cn, (const xmlChar *)"id");
		c->id = keep_str(pool, (const char *)id);
		xmlFree(id);
		if ((first = id_find(ix, p->c, c->id)) >= 0)
			return fail(err, errlen, name, c->line,
			            "concept id '%s' used twice (first on line %d)",
			            c->id, p->c[first].line);
		id_put(ix, p->c, p->n);
		for (xmlNode *e = cn->children; e; e = e->next) {
			if (is(e, "prefLabel")) {
				struct label l;
				lang_of(e, l.lang, sizeof(l.lang));
				l.text = text_of(pool, e);
				for (size_t k = 0; k < c->nlabels; k++)
					if (!strcmp(c->labels[k].lang, l.lang)) {
						free(c->labels);
						free(c->sdgs);
						free(c->unbis);
						return fail(err, errlen, name,
						            (int)xmlGetLineNo(e),
						            "concept '%s' has two preferred "
						            "labels in '%s'", c->id, l.lang);
					}
				c->labels = realloc(c->labels,
				                    (c->nlabels + 1) * sizeof(l));
				if (!c->labels)
					abort();
				c->labels[c->nlabels++] = l;
				add_term(p, pool, e, p->n, 0);
			} else if (is(e, "altLabel")) {
				add_term(p, pool, e, p->n, 0);
			} else if (is(e, "pattern")) {
				xmlChar *cs = xmlGetProp(e, (const xmlChar *)"case");
				add_term(p, pool, e, p->n,
				         cs && !strcmp((const char *)cs, "exact"));
				xmlFree(cs);
			} else if (is(e, "broader")) {
				xmlChar *r = xmlGetProp(e, (const xmlChar *)"ref");
				c->broader_id = keep_str(pool, (const char *)r);
				xmlFree(r);
			} else if (is(e, "sdg")) {
				xmlChar *g = xmlGetProp(e, (const xmlChar *)"goal");
				c->sdgs = realloc(c->sdgs, (c->nsdgs + 1) * sizeof(int));
				if (!c->sdgs)
					abort();
				c->sdgs[c->nsdgs++] = atoi((const char *)g);
				xmlFree(g);
			} else if (is(e, "unbis")) {
				c->unbis = realloc(c->unbis,
				                   (c->nunbis + 1) * sizeof(char *));
				if (!c->unbis)
					abort();
				c->unbis[c->nunbis++] = text_of(pool, e);
			}
		}
		/* the arrays move into the pool once the concept is whole */
		keep(pool, c->labels);
		keep(pool, c->sdgs);
		keep(pool, c->unbis);
		p->n++;
	}
	return 0;
}

/* Broader concepts: known, and no concept its own ancestor. */
static int link_broader(struct concept *c, size_t n, const char *name,
                        size_t first_new, char *err, size_t errlen)
{
	struct id_index ix = { NULL, 0 };
	for (size_t i = 0; i < n; i++)
		id_put(&ix, c, i);
	for (size_t i = 0; i < n; i++) {
		c[i].broader = -1;
		if (!c[i].broader_id)
			continue;
		c[i].broader = id_find(&ix, c, c[i].broader_id);
		if (c[i].broader < 0) {
			free(ix.slot);
			return fail(err, errlen, name, c[i].line,
			            "concept '%s': broader concept '%s' is not defined",
			            c[i].id, c[i].broader_id);
		}
	}
	free(ix.slot);
	for (size_t i = 0; i < n; i++) {
		long k = c[i].broader;
		size_t steps = 0;
		while (k >= 0 && steps++ <= n) {
			if ((size_t)k == i)
				return fail(err, errlen, name,
				            i >= first_new ? c[i].line : 0,
				            "concept '%s' is its own broader concept "
				            "(a cycle)", c[i].id);
			k = c[k].broader;
		}
	}
	return 0;
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int taxonomy_load(struct taxonomy *tx, const char *xml, size_t size,
                  const char *name, const char *rng, size_t rng_size,
                  char *err, size_t errlen)
{
	struct first_error fe = { 0, "" };
	xmlDoc *doc = NULL;
	xmlRelaxNGParserCtxt *pc = NULL;
	xmlRelaxNG *schema = NULL;
	xmlRelaxNGValidCtxt *vc = NULL;
	struct parsed p = { NULL, 0, NULL, 0, 0, 0 };
	struct tx_pool *pool = xalloc(sizeof(*pool));
	struct taxonomy out = { NULL, 0, NULL, 0, NULL };
	size_t first_new = 0;
	struct id_index ids = { NULL, 0 };
	int rc = -1;

	if (size > MAX_TAXONOMY) {
		fail(err, errlen, name, 0, "larger than %u MB", MAX_TAXONOMY >> 20);
		goto out;
	}
	/* libxml2 writes what it cannot convert to its generic handler,
	 * lines that name no file: the error below says it */
	xmlGenericErrorFunc saved_fn = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, silent);
	doc = xmlReadMemory(xml, (int)size, name, NULL,
	                    XML_PARSE_NONET | XML_PARSE_NOERROR |
	                    XML_PARSE_NOWARNING);
	xmlSetGenericErrorFunc(saved_ctx, saved_fn);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		fail(err, errlen, name, e ? e->line : 0, "not well-formed XML: %s",
		     e && e->message ? e->message : "parse error");
		/* the message ends with a newline */
		if (errlen && strlen(err) && err[strlen(err) - 1] == '\n')
			err[strlen(err) - 1] = 0;
		goto out;
	}
	/* no DTD, so no entities to expand, bomb or fetch */
	if (doc->intSubset || doc->extSubset) {
		const char *d = memmem(xml, size, "<!DOCTYPE", 9);
		int line = 1;
		for (const char *q = xml; d && q < d; q++)
			line += *q == '\n';
		fail(err, errlen, name, line, "a taxonomy may not have a DOCTYPE");
		goto out;
	}
	if (errlen)
		err[0] = 0;
	if (check_tree(xmlDocGetRootElement(doc), name, err, errlen))
		goto out;
	pc = xmlRelaxNGNewMemParserCtxt(rng, (int)rng_size);
	schema = pc ? xmlRelaxNGParse(pc) : NULL;
	vc = schema ? xmlRelaxNGNewValidCtxt(schema) : NULL;
	if (!vc) {
		snprintf(err, errlen, "%s: the taxonomy schema does not compile", name);
		goto out;
	}
	xmlRelaxNGSetValidStructuredErrors(vc, on_error_cb, &fe);
	if (xmlRelaxNGValidateDoc(vc, doc) != 0) {
		fail(err, errlen, name, fe.line, "%s",
		     fe.msg[0] ? fe.msg : "does not match the taxonomy schema");
		goto out;
	}
	if (read_concepts(xmlDocGetRootElement(doc), &p, pool, &ids, name, err,
	                  errlen))
		goto out;

	/* merge: an extending file adds to (and overrides) what is there */
	if (p.extend && tx->nconcepts) {
		size_t n = 0;
		out.concepts = xalloc((tx->nconcepts + p.n) * sizeof(struct concept));
		long *map = xalloc(tx->nconcepts * sizeof(long));
		for (size_t i = 0; i < tx->nconcepts; i++) {
			int replaced = id_find(&ids, p.c, tx->concepts[i].id) >= 0;
			map[i] = replaced ? -1 : (long)n;
			if (!replaced)
				out.concepts[n++] = tx->concepts[i];
		}
		first_new = n;
		memcpy(out.concepts + n, p.c, p.n * sizeof(struct concept));
		out.nconcepts = n + p.n;
		out.terms = xalloc((tx->nterms + p.nt) * sizeof(struct term));
		for (size_t i = 0; i < tx->nterms; i++) {
			long m = map[tx->terms[i].concept];
			if (m < 0)
				continue;
			out.terms[out.nterms] = tx->terms[i];
			out.terms[out.nterms++].concept = (size_t)m;
		}
		for (size_t i = 0; i < p.nt; i++) {
			out.terms[out.nterms] = p.t[i];
			out.terms[out.nterms++].concept = p.t[i].concept + first_new;
		}
		free(map);
	} else {
		out.concepts = p.c;
		out.nconcepts = p.n;
		out.terms = p.t;
		out.nterms = p.nt;
		p.c = NULL;
		p.t = NULL;
	}
	if (link_broader(out.concepts, out.nconcepts, name, first_new, err,
	                 errlen)) {
		if (out.concepts != p.c)
			free(out.concepts);
		if (out.terms != p.t)
			free(out.terms);
		goto out;
	}
	/* the old pool lives on in the new one */
	out.pool = pool;
	if (p.extend && tx->pool) {
		for (size_t i = 0; i < tx->pool->n; i++)
			keep(pool, tx->pool->ptrs[i]);
		tx->pool->n = 0;
	}
	pool = NULL;
	taxonomy_free(tx);
	*tx = out;
	rc = 0;
out:
	free(ids.slot);
	free(p.c);
	free(p.t);
	pool_free(pool);
	xmlRelaxNGFreeValidCtxt(vc);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pc);
	xmlFreeDoc(doc);
	return rc;
}

int taxonomy_load_file(struct taxonomy *tx, const char *path,
                       const char *rng, size_t rng_size, char *err,
                       size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n = 0, cap = 1 << 16;
	int rc;
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf = xalloc(cap);
	for (;;) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > MAX_TAXONOMY) {
			fclose(f);
			free(buf);
			snprintf(err, errlen, "%s: larger than %u MB", path,
			         MAX_TAXONOMY >> 20);
			return -1;
		}
		if (got == 0)
			break;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	rc = taxonomy_load(tx, buf, n, path, rng, rng_size, err, errlen);
	free(buf);
	return rc;
}
