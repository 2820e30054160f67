/*
 * A record of JSON Lines: one document as a JSON object with its text and
 * what is known of it, or as a JSON string that is its text. Parsed with
 * jansson, which checks the UTF-8, rejects NUL characters and stops at a
 * nesting depth of its own; the text then goes through the reader of its
 * format like the bytes of a file.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "reader_impl.h"

/* The members taken as metadata, and the name each is kept under. */
static const struct {
	const char *member, *key;
} meta_members[] = {
	{ "id", "id" },
	{ "symbol", "symbol" },
	{ "title", "title" },
	{ "date", "date" },
	{ "language", "language" },
	{ "lang", "language" },
};

#define NMETA (sizeof(meta_members) / sizeof(meta_members[0]))

/* The value of a metadata member as text: a string, or for an id an
 * integer (ids are often numbers); NULL for another type. */
static const char *meta_text(json_t *v, int id, char *buf, size_t n)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (id && json_is_integer(v)) {
		snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf;
	}
	return NULL;
}

static void parse_error(const json_error_t *e, char *err, size_t errlen)
{
	/* jansson names the flag that would allow NUL: say what is wrong */
	if (strstr(e->text, "\\u0000"))
		um_seterr(err, errlen, "invalid JSON at column %d: a NUL "
		          "character (\\u0000) in a string", e->column);
	else
		um_seterr(err, errlen, "invalid JSON at column %d: %s", e->column,
		          e->text);
}

int um_read_record(const char *buf, size_t len, const char *name,
                   const um_read_options *opt, um_doc **ret, char *err,
                   size_t errlen)
{
	um_read_options inner = *opt;
	json_error_t e;
	json_t *root, *text, *v;
	const char *meta[NMETA];
	char ids[NMETA][32];
	um_doc *doc = NULL;
	size_t i;
	int r;

	/* the first line of a file written with a byte-order mark */
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		buf += 3;
		len -= 3;
	}
	root = json_loadb(buf, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		parse_error(&e, err, errlen);
		return UM_EFORMAT;
	}
	inner.format = UM_FMT_AUTO;
	memset(meta, 0, sizeof(meta));
	if (json_is_string(root)) {
		text = root;
	} else if (!json_is_object(root)) {
		um_seterr(err, errlen, "a record is a JSON object with a \"text\" "
		          "string, or a JSON string");
		r = UM_EFORMAT;
		goto out;
	} else {
		text = json_object_get(root, "text");
		if (!json_is_string(text)) {
			um_seterr(err, errlen, text ? "\"text\" is not a string" :
			          "no \"text\" member");
			r = UM_EFORMAT;
			goto out;
		}
		if ((v = json_object_get(root, "format"))) {
			if (!json_is_string(v) ||
			    um_format_parse(json_string_value(v), &inner.format) ||
			    inner.format == UM_FMT_JSONL) {
				um_seterr(err, errlen, "\"format\" is not one of auto, "
				          "txt, xml, html");
				r = UM_EFORMAT;
				goto out;
			}
		}
		for (i = 0; i < NMETA; i++) {
			if (!(v = json_object_get(root, meta_members[i].member)))
				continue;
			meta[i] = meta_text(v, i == 0, ids[i], sizeof(ids[i]));
			if (!meta[i]) {
				um_seterr(err, errlen, "\"%s\" is not a %s",
				          meta_members[i].member, i == 0 ?
				          "string or an integer" : "string");
				r = UM_EFORMAT;
				goto out;
			}
		}
	}
	r = um_read_memory(json_string_value(text), json_string_length(text),
	                   name, &inner, &doc, err, errlen);
	if (r)
		goto out;
	/* what the record says is what the caller knows of the document:
	 * it comes before what the text states */
	for (i = 0; i < NMETA; i++)
		if (meta[i])
			um_reader_meta_set(doc, meta_members[i].key, meta[i]);
	*ret = doc;
out:
	json_decref(root);
	return r;
}
