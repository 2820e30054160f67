/*
 * A record of JSON Lines: one document as a JSON object with its text and
 * what is known of it, or as a JSON string that is its text. Parsed with
 * json-c in strict mode, which checks the UTF-8 and keeps its own stack
 * (nesting is limited, without recursion); the text then goes through
 * the reader of its format like the bytes of a file.
 */
#include <json-c/json.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader_impl.h"

/* Deeper than any record needs; json-c's stack, not the C one. */
#define RECORD_DEPTH 512

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

/* A string's bytes hold a NUL character, which none of ours may. */
static int has_nul(json_object *v)
{
	return memchr(json_object_get_string(v), 0,
	              (size_t)json_object_get_string_len(v)) != NULL;
}

/* The value of metadata member i as text: a string, or for an id an
 * integer (ids are often numbers) that json-c holds exactly; NULL for
 * another type, err set. */
static const char *meta_text(json_object *v, size_t i, char *buf, size_t n,
                             char *err, size_t errlen)
{
	if (json_object_is_type(v, json_type_string)) {
		if (!has_nul(v))
			return json_object_get_string(v);
		um_seterr(err, errlen, "a NUL character (U+0000) in \"%s\"",
		          meta_members[i].member);
		return NULL;
	}
	if (i == 0 && json_object_is_type(v, json_type_int)) {
		/* past 64 bits json-c keeps the nearest value it can hold:
		 * those two are refused, being maybe others */
		int64_t x = json_object_get_int64(v);
		uint64_t u = json_object_get_uint64(v);
		if (x < 0 && x != INT64_MIN) {
			snprintf(buf, n, "%" PRId64, x);
			return buf;
		}
		if (x >= 0 && u != UINT64_MAX) {
			snprintf(buf, n, "%" PRIu64, u);
			return buf;
		}
		um_seterr(err, errlen, "\"id\" is an integer out of range: give it "
		          "as a string");
		return NULL;
	}
	um_seterr(err, errlen, "\"%s\" is not a %s", meta_members[i].member,
	          i == 0 ? "string or an integer" : "string");
	return NULL;
}

/* The record parsed, or NULL with err set. */
static json_object *parse(const char *buf, size_t len, char *err,
                          size_t errlen)
{
	struct json_tokener *tok;
	json_object *root;
	enum json_tokener_error e;
	size_t end;

	if (len > INT32_MAX) {
		um_seterr(err, errlen, "record too large");
		return NULL;
	}
	if (!(tok = json_tokener_new_ex(RECORD_DEPTH)))
		abort();          /* as the core does when memory runs out */
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	                       JSON_TOKENER_VALIDATE_UTF8);
	root = json_tokener_parse_ex(tok, buf, (int)len);
	e = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (!root && e == json_tokener_continue) {
		/* the input ended inside a value: say so */
		root = json_tokener_parse_ex(tok, "", 1);
		e = json_tokener_get_error(tok);
		end = len;
	}
	if (!root && e == json_tokener_success) {
		/* json-c's value of null is NULL */
		um_seterr(err, errlen, "a record is a JSON object with a \"text\" "
		          "string, or a JSON string, not null");
	} else if (!root) {
		um_seterr(err, errlen, "invalid JSON at byte offset %zu: %s", end,
		          json_tokener_error_desc(e));
	} else {
		/* json-c stops at a NUL byte: what follows must be space too */
		while (end < len && (buf[end] == ' ' || buf[end] == '\t' ||
		                     buf[end] == '\r' || buf[end] == '\n'))
			end++;
		if (end < len) {
			um_seterr(err, errlen, "invalid JSON at byte offset %zu: more "
			          "after the value", end);
			json_object_put(root);
			root = NULL;
		}
	}
	json_tokener_free(tok);
	return root;
}

static int hex4(const char *p, const char *end, unsigned *v)
{
	*v = 0;
	if (end - p < 4)
		return 0;
	for (int i = 0; i < 4; i++) {
		int c = p[i], d = c >= '0' && c <= '9' ? c - '0' :
		                  c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		                  c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return 0;
		*v = *v << 4 | (unsigned)d;
	}
	return 1;
}

/* The escapes of UTF-16 surrogates without their pair in a record that
 * parsed ("\ud800" alone), which the parser replaced with U+FFFD: their
 * count, and the byte offset of the first in *first. */
static size_t lone_surrogates(const char *buf, size_t len, size_t *first)
{
	const char *p = buf, *end = buf + len;
	size_t n = 0;
	while ((p = memchr(p, '\\', (size_t)(end - p))) && end - p > 1) {
		unsigned v, w;
		const char *at = p;
		if (p[1] != 'u' || !hex4(p + 2, end, &v)) {
			p += 2;     /* "\\", "\n", "\"" */
			continue;
		}
		p += 6;
		if (v < 0xD800 || v > 0xDFFF)
			continue;
		if (v <= 0xDBFF && end - p >= 2 && p[0] == '\\' && p[1] == 'u' &&
		    hex4(p + 2, end, &w) && w >= 0xDC00 && w <= 0xDFFF) {
			p += 6;
			continue;
		}
		if (n++ == 0)
			*first = (size_t)(at - buf);
	}
	return n;
}

int um_read_record(const char *buf, size_t len, const char *name,
                   const um_read_options *opt, um_doc **ret, char *err,
                   size_t errlen)
{
	um_read_options inner = *opt;
	json_object *root, *text, *v;
	const char *meta[NMETA];
	char ids[NMETA][32];
	um_doc *doc = NULL;
	size_t i;
	int r = UM_EFORMAT;

	/* the first line of a file written with a byte-order mark */
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		buf += 3;
		len -= 3;
	}
	if (!(root = parse(buf, len, err, errlen)))
		return UM_EFORMAT;
	inner.format = UM_FMT_AUTO;
	memset(meta, 0, sizeof(meta));
	if (json_object_is_type(root, json_type_string)) {
		text = root;
	} else if (!json_object_is_type(root, json_type_object)) {
		um_seterr(err, errlen, "a record is a JSON object with a \"text\" "
		          "string, or a JSON string");
		goto out;
	} else {
		if (!json_object_object_get_ex(root, "text", &text)) {
			um_seterr(err, errlen, "no \"text\" member");
			goto out;
		}
		/* a member that is null is absent (exports write null for
		 * what they do not know) */
		if (json_object_object_get_ex(root, "format", &v) && v) {
			if (!json_object_is_type(v, json_type_string) || has_nul(v) ||
			    um_format_parse(json_object_get_string(v), &inner.format) ||
			    inner.format == UM_FMT_JSONL) {
				um_seterr(err, errlen, "\"format\" is not one of auto, "
				          "txt, xml, html");
				goto out;
			}
		}
		for (i = 0; i < NMETA; i++)
			if (json_object_object_get_ex(root, meta_members[i].member,
			                              &v) && v &&
			    !(meta[i] = meta_text(v, i, ids[i], sizeof(ids[i]), err,
			                          errlen)))
				goto out;
	}
	if (!json_object_is_type(text, json_type_string)) {
		um_seterr(err, errlen, "\"text\" is not a string");
		goto out;
	}
	if (has_nul(text)) {
		um_seterr(err, errlen, "a NUL character (U+0000) in the text");
		goto out;
	}
	r = um_read_memory(json_object_get_string(text),
	                   (size_t)json_object_get_string_len(text), name, &inner,
	                   &doc, err, errlen);
	if (r)
		goto out;
	{
		size_t first = 0, lone = lone_surrogates(buf, len, &first);
		if (lone)
			um_doc_warn(doc, "invalid JSON string: %zu unpaired surrogate "
			            "escape%s replaced with U+FFFD, the first at byte "
			            "offset %zu of the line", lone, lone == 1 ? "" : "s",
			            first);
	}
	/* what the record says is what the caller knows of the document:
	 * it comes before what the text states */
	for (i = 0; i < NMETA; i++)
		if (meta[i])
			um_reader_meta_set(doc, meta_members[i].key, meta[i]);
	*ret = doc;
out:
	json_object_put(root);
	return r;
}
