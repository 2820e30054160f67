/* A themes taxonomy: concepts with labels and patterns, read from XML. */
#ifndef THEMES_TAXONOMY_H
#define THEMES_TAXONOMY_H

#include <stddef.h>

struct concept;

/* A phrase that is evidence of a concept: a label or a pattern. */
struct term {
	const char *text;     /* as the taxonomy writes it */
	char lang[16];
	int exact;            /* case="exact": compared as written */
	size_t concept;       /* index into taxonomy.concepts */
};

struct label {
	char lang[16];
	const char *text;
};

struct concept {
	const char *id;
	struct label *labels; /* preferred labels, one per language */
	size_t nlabels;
	const char *broader_id;
	long broader;         /* index, or -1 */
	int *sdgs;
	size_t nsdgs;
	const char **unbis;
	size_t nunbis;
	int line;
};

struct taxonomy {
	struct concept *concepts;
	size_t nconcepts;
	struct term *terms;
	size_t nterms;
	struct tx_pool *pool;     /* the strings above */
};

/*
 * Reads a taxonomy (size bytes of XML; name is used in messages) into
 * *tx, which starts empty or holds an earlier taxonomy. A file whose root
 * says mode="extend" adds its concepts to *tx, a concept with an id
 * already there replacing it; otherwise it replaces *tx. The document is
 * checked against the RELAX NG schema (rng, rng_size bytes) and for
 * unique ids and known, acyclic broader concepts. On failure returns -1,
 * leaves *tx as it was, and writes one line into err: "NAME:LINE: what
 * is wrong".
 */
int taxonomy_load(struct taxonomy *tx, const char *xml, size_t size,
                  const char *name, const char *rng, size_t rng_size,
                  char *err, size_t errlen);
/* Reads a file with taxonomy_load; err also names unreadable files. */
int taxonomy_load_file(struct taxonomy *tx, const char *path,
                       const char *rng, size_t rng_size, char *err,
                       size_t errlen);
/* The preferred label of a concept in lang, else its first. */
const char *taxonomy_label(const struct concept *c, const char *lang);
void taxonomy_free(struct taxonomy *tx);

#endif
