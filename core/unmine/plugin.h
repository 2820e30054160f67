/*
 * The plugin ABI: what an extractor exports and what the core hands it.
 *
 * A plugin is a shared object that exports one function, um_plugin_entry,
 * returning a pointer to a constant descriptor (use UM_PLUGIN_DEFINE). It
 * links nothing of unmine: it reaches the core only through the function
 * table that init receives, so the ABI version below covers everything a
 * plugin can touch, and a test can hand a plugin a fake core.
 *
 * Ownership, once for the whole ABI: everything the core hands a plugin
 * (text, tokens, annotations, strings) is owned by the core and lives as
 * long as the document it belongs to; everything a plugin passes in is
 * copied, so the plugin keeps ownership of its own memory. The exceptions
 * are the values stored in a matcher, which are the plugin's and must
 * outlive the matcher.
 *
 * ABI changelog (bump the minor for additions at the end of a structure,
 * the major for anything else):
 *   1.0  2026-11-28  first version: descriptor, core table, option table.
 *   1.1  2026-11-29  core table: matcher_new_stemmed.
 */
#ifndef UNMINE_PLUGIN_H
#define UNMINE_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>

#include <unmine/error.h>
#include <unmine/token.h>

#ifdef __cplusplus
extern "C" {
#endif

#define UM_ABI_MAJOR 1
#define UM_ABI_MINOR 1

/* The name of the one symbol a plugin exports. */
#define UM_PLUGIN_ENTRY "um_plugin_entry"

typedef struct um_doc um_doc;          /* a document being processed */
typedef struct um_annot um_annot;      /* one annotation */
typedef struct um_matcher um_matcher;  /* a phrase matcher */

enum um_log_level {
	UM_LOG_ERROR = 0,
	UM_LOG_WARNING = 1,
	UM_LOG_INFO = 2,
	UM_LOG_DEBUG = 3
};

/* One phrase found by a matcher: tokens [begin, end) of the document. */
typedef struct um_match {
	size_t begin;
	size_t end;
	const void *const *values;   /* the values added with the phrase */
	size_t nvalues;
} um_match;

/* Return nonzero to stop a scan. */
typedef int (*um_match_fn)(const um_match *m, void *ctx);

/*
 * The core's functions, handed to init. The table is constant and outlives
 * the plugin. Functions that return int return 0 or a negative UM_E* code.
 */
typedef struct um_core_api {
	uint16_t abi_major;
	uint16_t abi_minor;
	uint32_t size;              /* sizeof(um_core_api) of the core */

	/* Logging. doc may be NULL (in init). The core adds the plugin's
	 * name and the document's path to the line. */
	void (*log)(const um_doc *doc, int level, const char *fmt, ...)
		__attribute__((format(printf, 3, 4)));

	/* The normalised text (valid UTF-8, NFC), NUL-terminated. */
	const char *(*doc_text)(const um_doc *doc, size_t *ret_len);
	/* All tokens; see token.h. */
	const um_token *(*doc_tokens)(const um_doc *doc, size_t *ret_n);
	const um_span *(*doc_sentences)(const um_doc *doc, size_t *ret_n);
	const um_span *(*doc_paragraphs)(const um_doc *doc, size_t *ret_n);
	/* Document metadata ("symbol", "date", "language", "title", "source",
	 * "format"); NULL when absent. meta_set copies both strings; keys are
	 * XML names. */
	const char *(*doc_meta)(const um_doc *doc, const char *key);
	int (*doc_meta_set)(um_doc *doc, const char *key, const char *value);
	/* Scratch memory that lives as long as the document. Aborts if memory
	 * runs out, like every allocation in the core. */
	void *(*doc_alloc)(um_doc *doc, size_t n);

	/* Annotations. A span annotation covers tokens [begin, end), which
	 * must be non-empty and inside the document; a document annotation
	 * (a tag) has no span. Layers and attribute keys are ASCII XML names
	 * without colons, not beginning with "xml"; the keys "id", "by",
	 * "links" and "layer" are reserved, and so are the output's element
	 * names as layers ("corpus", "document", "meta", "text", "tags",
	 * "annotations", "annotation", "attr", "link"). The core
	 * records the calling plugin as the annotation's author. */
	int (*annot_add)(um_doc *doc, const char *layer, size_t begin,
	                 size_t end, um_annot **ret);
	int (*annot_add_doc)(um_doc *doc, const char *layer, um_annot **ret);
	int (*annot_set)(um_doc *doc, um_annot *a, const char *key,
	                 const char *value);
	int (*annot_link)(um_doc *doc, um_annot *from, const char *role,
	                  const um_annot *to);
	/* Reading: the annotations of a layer in the order they were added;
	 * NULL when i is out of range. */
	size_t (*annot_count)(const um_doc *doc, const char *layer);
	const um_annot *(*annot_at)(const um_doc *doc, const char *layer,
	                            size_t i);
	const char *(*annot_layer)(const um_annot *a);
	const char *(*annot_plugin)(const um_annot *a);
	/* UM_ENOENT for a document annotation. */
	int (*annot_span)(const um_annot *a, size_t *ret_begin, size_t *ret_end);
	const char *(*annot_get)(const um_annot *a, const char *key);
	/* The i-th link; UM_ENOENT past the last. */
	int (*annot_link_at)(const um_annot *a, size_t i, const char **ret_role,
	                     const um_annot **ret_to);

	/* Phrase matcher over folded tokens; build in init, then read-only
	 * and safe to use from several threads. */
	um_matcher *(*matcher_new)(void);
	void (*matcher_free)(um_matcher *m);
	/* Tokenizes phrase like document text and adds it with value.
	 * UM_EINVAL for a phrase with no tokens. */
	int (*matcher_add)(um_matcher *m, const char *phrase, size_t len,
	                   const void *value);
	/* Longest phrase starting at token i; UM_ENOENT if none. */
	int (*matcher_longest)(const um_matcher *m, const um_doc *doc, size_t i,
	                       um_match *ret);
	/* Leftmost-longest, non-overlapping matches in tokens [begin, end). */
	void (*matcher_scan)(const um_matcher *m, const um_doc *doc,
	                     size_t begin, size_t end, um_match_fn fn, void *ctx);

	/* 1.1: a matcher comparing words by their Snowball stem in language
	 * lang (ISO 639: "en", "fr", ...) after case folding, so that
	 * "environmental" matches "environment"; other tokens compare
	 * folded. NULL when there is no stemmer for lang. Free it with
	 * matcher_free. */
	um_matcher *(*matcher_new_stemmed)(const char *lang);
} um_core_api;

/* Declarative options: the core fills a struct of options_size bytes from
 * defaults and the user's "PLUGIN.KEY=VALUE" settings, rejecting unknown
 * keys, and hands it to init. Strings live until fini. */
enum um_option_type {
	UM_OPT_STRING = 1,   /* const char * */
	UM_OPT_INT = 2,      /* long */
	UM_OPT_BOOL = 3,     /* int: "yes"/"no", "true"/"false", "on"/"off"
	                      * in any case, or "1"/"0" */
	UM_OPT_DOUBLE = 4    /* double */
};

typedef struct um_option {
	const char *name;
	int type;
	size_t offset;        /* offsetof the field in the options struct */
	const char *dflt;     /* default as text; NULL for zero / NULL */
	const char *help;
} um_option;

/*
 * The descriptor. Its first three fields never move. provides and requires
 * are NULL-terminated lists of layer names. init runs once per run, before
 * any document: it reads the plugin's data and options and builds state
 * that is read-only afterwards; on failure it writes one line into err
 * (errlen bytes) and returns a negative code. process runs once per
 * document, possibly on several threads at once. fini frees the state.
 */
typedef struct um_plugin {
	uint16_t abi_major;
	uint16_t abi_minor;
	uint32_t size;
	const char *name;
	const char *version;
	const char *summary;
	const char *const *provides;
	const char *const *requires;
	const um_option *options;      /* terminated by a NULL name */
	size_t options_size;
	int (*init)(const um_core_api *api, const void *options, void **state,
	            char *err, size_t errlen);
	int (*process)(void *state, um_doc *doc);
	void (*fini)(void *state);
	void *reserved[4];
} um_plugin;

typedef const um_plugin *(*um_plugin_entry_fn)(void);

/*
 * For a plugin's init: nonzero when the core's table speaks another major
 * ABI or is smaller than the one the plugin was built against (it would
 * lack functions the plugin calls); err then says so, and init returns
 * UM_EABI.
 */
static inline int um_core_too_old(const um_core_api *api, char *err,
                                  size_t errlen)
{
	if (api->abi_major == UM_ABI_MAJOR && api->size >= sizeof(um_core_api))
		return 0;
	snprintf(err, errlen, "core table too old");
	return 1;
}

#define UM_PLUGIN_EXPORT __attribute__((visibility("default")))

/*
 * Defines the entry function returning a constant descriptor whose ABI
 * fields are filled in. Use once per plugin:
 *   UM_PLUGIN_DEFINE(.name = "dates", .version = "1.0", ...);
 */
#define UM_PLUGIN_DEFINE(...)                                              \
	UM_PLUGIN_EXPORT const um_plugin *um_plugin_entry(void);           \
	UM_PLUGIN_EXPORT const um_plugin *um_plugin_entry(void)            \
	{                                                                  \
		static const um_plugin desc = {                            \
			.abi_major = UM_ABI_MAJOR,                         \
			.abi_minor = UM_ABI_MINOR,                         \
			.size = sizeof(um_plugin),                         \
			__VA_ARGS__                                        \
		};                                                         \
		return &desc;                                              \
	}

#ifdef __cplusplus
}
#endif
#endif
