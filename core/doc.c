/* Documents: text, metadata, warnings and tokens, all owned by one arena. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

um_doc *um_doc_new(void)
{
	um_doc *doc = um_xcalloc(1, sizeof(*doc));
	doc->arena = um_arena_new();
	doc->text = um_arena_strndup(doc->arena, "", 0);
	doc->xml_clean = 1;
	return doc;
}

void um_doc_free(um_doc *doc)
{
	size_t i;
	if (!doc)
		return;
	for (i = 0; i < doc->nlayers; i++)
		free(doc->layers[i].items);
	free(doc->layers);
	free(doc->annots);
	free(doc->tokens);
	free(doc->sents);
	free(doc->paras);
	free(doc->meta);
	free(doc->warnings);
	free(doc->owned_text);
	um_arena_free(doc->arena);
	free(doc);
}

um_arena *um_doc_arena(um_doc *doc)
{
	return doc->arena;
}

int um_doc_set_text(um_doc *doc, const char *text, size_t len)
{
	int clean;
	if (doc->tokenized || um_text_scan(text, len, &clean) != 0)
		return UM_EINVAL;
	if (len >= UINT32_MAX)
		return UM_ETOOBIG;
	doc->text = um_arena_strndup(doc->arena, text, len);
	doc->len = len;
	doc->xml_clean = clean;
	return 0;
}

int um_doc_adopt_text(um_doc *doc, char *text, size_t len)
{
	if (doc->tokenized || len >= UINT32_MAX) {
		free(text);
		return doc->tokenized ? UM_EINVAL : UM_ETOOBIG;
	}
	free(doc->owned_text);
	doc->owned_text = doc->text = text;
	doc->len = len;
	doc->xml_clean = 1;
	return 0;
}

const char *um_doc_text(const um_doc *doc, size_t *ret_len)
{
	if (ret_len)
		*ret_len = doc->len;
	return doc->text;
}

int um_doc_meta_set(um_doc *doc, const char *key, const char *value)
{
	size_t i;
	if (!key || !value || !um_name_valid(key))
		return UM_EINVAL;
	for (i = 0; i < doc->nmeta; i++) {
		if (strcmp(doc->meta[i].key, key) == 0) {
			doc->meta[i].value = um_arena_strndup(doc->arena, value,
			                                      strlen(value));
			return 0;
		}
	}
	UM_GROW(doc->meta, doc->cmeta, doc->nmeta + 1);
	doc->meta[doc->nmeta].key = um_arena_strndup(doc->arena, key, strlen(key));
	doc->meta[doc->nmeta].value = um_arena_strndup(doc->arena, value,
	                                               strlen(value));
	doc->nmeta++;
	return 0;
}

const char *um_doc_meta(const um_doc *doc, const char *key)
{
	size_t i;
	for (i = 0; i < doc->nmeta; i++)
		if (strcmp(doc->meta[i].key, key) == 0)
			return doc->meta[i].value;
	return NULL;
}

size_t um_doc_meta_count(const um_doc *doc)
{
	return doc->nmeta;
}

int um_doc_meta_at(const um_doc *doc, size_t i, const char **ret_key,
                   const char **ret_value)
{
	if (i >= doc->nmeta)
		return UM_ENOENT;
	*ret_key = doc->meta[i].key;
	*ret_value = doc->meta[i].value;
	return 0;
}

void um_doc_warn(um_doc *doc, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	UM_GROW(doc->warnings, doc->cwarnings, doc->nwarnings + 1);
	doc->warnings[doc->nwarnings++] = um_arena_strndup(doc->arena, buf,
	                                                   strlen(buf));
}

size_t um_doc_warning_count(const um_doc *doc)
{
	return doc->nwarnings;
}

const char *um_doc_warning_at(const um_doc *doc, size_t i)
{
	return i < doc->nwarnings ? doc->warnings[i] : NULL;
}

int um_doc_tokenize(um_doc *doc)
{
	if (doc->tokenized)
		return 0;
	um_tokenize_text(doc->text, doc->len, doc->arena, &doc->tokens,
	                 &doc->ntokens, &doc->ctokens);
	um_find_sentences(doc);
	doc->tokenized = 1;
	return 0;
}

const um_token *um_doc_tokens(const um_doc *doc, size_t *ret_n)
{
	*ret_n = doc->ntokens;
	return doc->tokens;
}

const um_span *um_doc_sentences(const um_doc *doc, size_t *ret_n)
{
	*ret_n = doc->nsents;
	return doc->sents;
}

const um_span *um_doc_paragraphs(const um_doc *doc, size_t *ret_n)
{
	*ret_n = doc->nparas;
	return doc->paras;
}
