/* Test plugins: one small plugin per way a shared object can be one. */
#ifndef TP_COMMON_H
#define TP_COMMON_H

#include <stdio.h>
#include <unmine/plugin.h>

/* A process function that marks the first content token of every
 * sentence in layer LAYER with attribute n = its sentence number. */
#define TP_MARK_SENTENCES(LAYER)                                           \
	static const um_core_api *tp_api;                                  \
	static int tp_init(const um_core_api *api, const void *opt,        \
	                   void **state, char *err, size_t errlen)         \
	{                                                                  \
		(void)opt; (void)err; (void)errlen;                        \
		tp_api = api;                                              \
		*state = NULL;                                             \
		return 0;                                                  \
	}                                                                  \
	static int tp_process(void *state, um_doc *doc)                    \
	{                                                                  \
		size_t n, i;                                               \
		const um_span *s = tp_api->doc_sentences(doc, &n);         \
		(void)state;                                               \
		for (i = 0; i < n; i++) {                                  \
			um_annot *a;                                       \
			char num[32];                                      \
			int r = tp_api->annot_add(doc, LAYER, s[i].begin,  \
			                          s[i].begin + 1, &a);     \
			if (r)                                             \
				return r;                                  \
			snprintf(num, sizeof(num), "%zu", i + 1);          \
			if ((r = tp_api->annot_set(doc, a, "n", num)))     \
				return r;                                  \
		}                                                          \
		return 0;                                                  \
	}

#endif
