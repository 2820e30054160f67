/*
 * wordcount: a plugin written outside the tree, as a user would write one.
 * It builds with `pkg-config --cflags unmine` alone and tags each document
 * with its number of words and sentences.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unmine/plugin.h>

static int init(const um_core_api *api, const void *options, void **state,
                char *err, size_t errlen)
{
	(void)options;
	(void)err;
	(void)errlen;
	*state = (void *)api;
	return 0;
}

static int process(void *state, um_doc *doc)
{
	const um_core_api *api = state;
	size_t n, i, words = 0, sentences;
	const um_token *t = api->doc_tokens(doc, &n);
	um_annot *tag;
	char buf[32];
	int r;

	api->doc_sentences(doc, &sentences);
	for (i = 0; i < n; i++)
		words += t[i].kind == UM_TOK_WORD;
	if ((r = api->annot_add_doc(doc, "stats", &tag)) != 0)
		return r;
	snprintf(buf, sizeof(buf), "%zu", words);
	if ((r = api->annot_set(doc, tag, "words", buf)) != 0)
		return r;
	snprintf(buf, sizeof(buf), "%zu", sentences);
	return api->annot_set(doc, tag, "sentences", buf);
}

static const char *const provides[] = { "stats", NULL };

UM_PLUGIN_DEFINE(
	.name = "wordcount",
	.version = "1.0",
	.summary = "counts words and sentences",
	.provides = provides,
	.init = init,
	.process = process,
)
