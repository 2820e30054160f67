/* The table of core functions handed to plugins, and their log lines. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static int log_threshold = UM_LOG_WARNING;

void um_set_log_level(int level)
{
	log_threshold = level;
}

static void core_log(const um_doc *doc, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void core_log(const um_doc *doc, int level, const char *fmt, ...)
{
	static const char *const names[] = { "error", "warning", "info", "debug" };
	const char *plugin = um_plugin_running();
	const char *src = doc ? um_doc_meta(doc, "source") : NULL;
	char msg[1024];
	va_list ap;

	if (level > log_threshold)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* One write per line, so lines of parallel workers do not mix. */
	fprintf(stderr, "unmine: %s%s%s%s%s: %s\n", src ? src : "",
	        src ? ": " : "", plugin ? plugin : "core",
	        level >= 0 && level <= UM_LOG_DEBUG ? ": " : "",
	        level >= 0 && level <= UM_LOG_DEBUG ? names[level] : "", msg);
}

static const char *api_doc_text(const um_doc *doc, size_t *ret_len)
{
	return um_doc_text(doc, ret_len);
}

static void *api_doc_alloc(um_doc *doc, size_t n)
{
	return um_arena_alloc(doc->arena, n);
}

static const um_core_api core_api = {
	.abi_major = UM_ABI_MAJOR,
	.abi_minor = UM_ABI_MINOR,
	.size = sizeof(um_core_api),
	.log = core_log,
	.doc_text = api_doc_text,
	.doc_tokens = um_doc_tokens,
	.doc_sentences = um_doc_sentences,
	.doc_paragraphs = um_doc_paragraphs,
	.doc_meta = um_doc_meta,
	.doc_meta_set = um_doc_meta_set,
	.doc_alloc = api_doc_alloc,
	.annot_add = um_annot_add,
	.annot_add_doc = um_annot_add_doc,
	.annot_set = um_annot_set,
	.annot_link = um_annot_link,
	.annot_count = um_annot_count,
	.annot_at = um_annot_at,
	.annot_layer = um_annot_layer,
	.annot_plugin = um_annot_plugin,
	.annot_span = um_annot_span,
	.annot_get = um_annot_get,
	.annot_link_at = um_annot_link_at,
	.matcher_new = um_matcher_new,
	.matcher_free = um_matcher_free,
	.matcher_add = um_matcher_add,
	.matcher_longest = um_matcher_longest,
	.matcher_scan = um_matcher_scan,
	.matcher_new_stemmed = um_matcher_new_stemmed,
};

const um_core_api *um_core(void)
{
	return &core_api;
}
