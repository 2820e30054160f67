/* The annotation store: layers, spans, attributes, links and authors. */
#include <string.h>

#include "internal.h"

static const char *const reserved_keys[] = {
	"id", "by", "links", "layer", NULL
};

int um_name_valid(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	if (!p || !*p)
		return 0;
	/* ASCII XML names without colons: enough for layers and keys, and
	 * safe as element and attribute names in every output. */
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_'))
		return 0;
	for (p++; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
		      *p == '.'))
			return 0;
	}
	/* Names starting with "xml" are reserved by XML itself. */
	if ((name[0] | 0x20) == 'x' && (name[1] | 0x20) == 'm' &&
	    (name[2] | 0x20) == 'l')
		return 0;
	return 1;
}

/* Element names of the output that a layer cannot take. */
static const char *const reserved_layers[] = {
	"corpus", "document", "meta", "text", "tags", "annotations",
	"annotation", "attr", "link", NULL
};

int um_layer_valid(const char *name)
{
	size_t i;
	if (!um_name_valid(name))
		return 0;
	for (i = 0; reserved_layers[i]; i++)
		if (strcmp(name, reserved_layers[i]) == 0)
			return 0;
	return 1;
}

static int key_reserved(const char *key)
{
	size_t i;
	for (i = 0; reserved_keys[i]; i++)
		if (strcmp(key, reserved_keys[i]) == 0)
			return 1;
	return 0;
}

static struct um_layer *find_layer(const um_doc *doc, const char *name)
{
	size_t i;
	for (i = 0; i < doc->nlayers; i++)
		if (strcmp(doc->layers[i].name, name) == 0)
			return &doc->layers[i];
	return NULL;
}

/* The document's layer of that name, made if it is new and the name is
 * valid; NULL for an invalid name. Names are checked once per layer. */
static struct um_layer *get_layer(um_doc *doc, const char *name)
{
	struct um_layer *l = find_layer(doc, name);
	if (l)
		return l;
	if (!um_layer_valid(name))
		return NULL;
	UM_GROW(doc->layers, doc->clayers, doc->nlayers + 1);
	l = &doc->layers[doc->nlayers++];
	l->name = um_arena_strndup(doc->arena, name, strlen(name));
	l->items = NULL;
	l->n = l->cap = 0;
	return l;
}

static um_annot *new_annot(um_doc *doc, struct um_layer *l)
{
	um_annot *a = um_arena_zalloc(doc->arena, sizeof(*a));
	a->layer = l->name;
	/* Annotations made outside any plugin belong to the host program. */
	a->plugin = doc->author ? doc->author : "host";
	UM_GROW(l->items, l->cap, l->n + 1);
	l->items[l->n++] = a;
	UM_GROW(doc->annots, doc->cannots, doc->nannots + 1);
	doc->annots[doc->nannots++] = a;
	a->id = doc->nannots;
	return a;
}

int um_annot_add(um_doc *doc, const char *layer, size_t begin, size_t end,
                 um_annot **ret)
{
	struct um_layer *l;
	um_annot *a;
	if (begin >= end || end > doc->ntokens || !(l = get_layer(doc, layer)))
		return UM_EINVAL;
	a = new_annot(doc, l);
	a->begin = (uint32_t)begin;
	a->end = (uint32_t)end;
	if (ret)
		*ret = a;
	return 0;
}

int um_annot_add_doc(um_doc *doc, const char *layer, um_annot **ret)
{
	struct um_layer *l;
	um_annot *a;
	if (!(l = get_layer(doc, layer)))
		return UM_EINVAL;
	a = new_annot(doc, l);
	a->is_doc = 1;
	if (ret)
		*ret = a;
	return 0;
}

/* The first empty slot from that of hash h in a table of interned keys. */
static size_t free_slot(const um_key *t, size_t mask, uint32_t h)
{
	size_t i = (size_t)h & mask;
	while (t[i].s)
		i = (i + 1) & mask;
	return i;
}

/*
 * The document's one copy of an attribute key, checked when first seen;
 * NULL for a key that is not a valid name or is reserved. Plugins set the
 * same few keys on thousands of annotations: each is checked and copied
 * once, and an annotation's keys compare as pointers.
 */
static const char *intern_key(um_doc *doc, const char *key)
{
	size_t n, i;
	uint32_t h;
	if (!key)
		return NULL;
	n = strlen(key);
	h = um_word_hash(key, n);
	if (doc->keys) {
		for (i = (size_t)h & doc->keys_mask; doc->keys[i].s;
		     i = (i + 1) & doc->keys_mask) {
			const um_key *k = &doc->keys[i];
			if (k->hash == h && k->len == n && memcmp(k->s, key, n) == 0)
				return k->s;
		}
	}
	if (!um_name_valid(key) || key_reserved(key))
		return NULL;
	if ((doc->nkeys + 1) * 2 > (doc->keys ? doc->keys_mask + 1 : 0)) {
		/* a new table in the arena, twice the size; the old one is
		 * left there */
		size_t size = doc->keys ? (doc->keys_mask + 1) * 2 : 32;
		um_key *t = um_arena_zalloc(doc->arena, size * sizeof(*t));
		for (size_t j = 0; doc->keys && j <= doc->keys_mask; j++)
			if (doc->keys[j].s)
				t[free_slot(t, size - 1, doc->keys[j].hash)] = doc->keys[j];
		doc->keys = t;
		doc->keys_mask = size - 1;
	}
	i = free_slot(doc->keys, doc->keys_mask, h);
	doc->keys[i].s = um_arena_strndup(doc->arena, key, n);
	doc->keys[i].len = (uint32_t)n;
	doc->keys[i].hash = h;
	doc->nkeys++;
	return doc->keys[i].s;
}

int um_annot_set(um_doc *doc, um_annot *a, const char *key, const char *value)
{
	size_t i;
	const char *v, *k;
	if (!a || !value || !(k = intern_key(doc, key)))
		return UM_EINVAL;
	v = um_arena_strndup(doc->arena, value, strlen(value));
	for (i = 0; i < a->nattrs; i++) {
		if (a->attrs[i].key == k) {
			a->attrs[i].value = v;
			return 0;
		}
	}
	UM_ARENA_GROW(doc->arena, a->attrs, a->nattrs, a->cattrs, a->nattrs + 1);
	a->attrs[a->nattrs].key = k;
	a->attrs[a->nattrs].value = v;
	a->nattrs++;
	return 0;
}

int um_annot_link(um_doc *doc, um_annot *from, const char *role,
                  const um_annot *to)
{
	size_t i;
	if (!from || !to || !um_name_valid(role))
		return UM_EINVAL;
	/* Only annotations of this document: a stray pointer would write a
	 * dangling id into the output. */
	if (to->id == 0 || to->id > doc->nannots || doc->annots[to->id - 1] != to ||
	    from->id == 0 || from->id > doc->nannots ||
	    doc->annots[from->id - 1] != from)
		return UM_EINVAL;
	for (i = 0; i < from->nlinks; i++)
		if (from->links[i].to == to && strcmp(from->links[i].role, role) == 0)
			return 0;
	UM_ARENA_GROW(doc->arena, from->links, from->nlinks, from->clinks,
	              from->nlinks + 1);
	from->links[from->nlinks].role = um_arena_strndup(doc->arena, role,
	                                                  strlen(role));
	from->links[from->nlinks].to = to;
	from->nlinks++;
	return 0;
}

size_t um_annot_count(const um_doc *doc, const char *layer)
{
	struct um_layer *l = find_layer(doc, layer);
	return l ? l->n : 0;
}

const um_annot *um_annot_at(const um_doc *doc, const char *layer, size_t i)
{
	struct um_layer *l = find_layer(doc, layer);
	return l && i < l->n ? l->items[i] : NULL;
}

const char *um_annot_layer(const um_annot *a)
{
	return a->layer;
}

const char *um_annot_plugin(const um_annot *a)
{
	return a->plugin;
}

int um_annot_span(const um_annot *a, size_t *ret_begin, size_t *ret_end)
{
	if (a->is_doc)
		return UM_ENOENT;
	*ret_begin = a->begin;
	*ret_end = a->end;
	return 0;
}

const char *um_annot_get(const um_annot *a, const char *key)
{
	size_t i;
	for (i = 0; i < a->nattrs; i++)
		if (strcmp(a->attrs[i].key, key) == 0)
			return a->attrs[i].value;
	return NULL;
}

int um_annot_link_at(const um_annot *a, size_t i, const char **ret_role,
                     const um_annot **ret_to)
{
	if (i >= a->nlinks)
		return UM_ENOENT;
	*ret_role = a->links[i].role;
	*ret_to = a->links[i].to;
	return 0;
}

int um_annot_attr_at(const um_annot *a, size_t i, const char **ret_key,
                     const char **ret_value)
{
	if (i >= a->nattrs)
		return UM_ENOENT;
	*ret_key = a->attrs[i].key;
	*ret_value = a->attrs[i].value;
	return 0;
}

size_t um_doc_annot_count(const um_doc *doc)
{
	return doc->nannots;
}

const um_annot *um_doc_annot_at(const um_doc *doc, size_t i)
{
	return i < doc->nannots ? doc->annots[i] : NULL;
}

size_t um_annot_id(const um_annot *a)
{
	return a->id;
}

void um_doc_set_author(um_doc *doc, const char *plugin)
{
	doc->author = plugin;
}
