/* Writers: inline and standoff XML, JSON Lines and citation edges for one
 * annotated document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "internal.h"
#include "xmlout.h"

int um_output_parse(const char *name, int *ret_output)
{
	if (!strcmp(name, "xml") || !strcmp(name, "inline")) {
		*ret_output = UM_OUT_XML;
		return 0;
	}
	if (!strcmp(name, "standoff")) {
		*ret_output = UM_OUT_STANDOFF;
		return 0;
	}
	if (!strcmp(name, "edges")) {
		*ret_output = UM_OUT_EDGES;
		return 0;
	}
	if (!strcmp(name, "jsonl")) {
		*ret_output = UM_OUT_JSONL;
		return 0;
	}
	return UM_EINVAL;
}

static int flush(FILE *f, um_strbuf *sb)
{
	int bad = sb->len && fwrite(sb->data, 1, sb->len, f) != sb->len;
	um_sb_free(sb);
	return bad || ferror(f) ? UM_EIO : 0;
}

int um_write_begin(FILE *f, const char *root)
{
	um_strbuf sb;
	um_sb_init(&sb);
	um_sb_adds(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (root) {
		um_sb_addf(&sb, "<%s", root);
		um_xml_attr(&sb, "generator", "unmine " PACKAGE_VERSION);
		um_sb_adds(&sb, ">\n");
	}
	return flush(f, &sb);
}

int um_write_end(FILE *f, const char *root)
{
	um_strbuf sb;
	um_sb_init(&sb);
	if (root)
		um_sb_addf(&sb, "</%s>\n", root);
	return flush(f, &sb) || fflush(f) ? UM_EIO : 0;
}

/* Document text: the fast escaper when the text is known clean. */
static void doc_text(um_strbuf *sb, const um_doc *doc, size_t b, size_t n)
{
	if (doc->xml_clean)
		um_xml_clean_text(sb, doc->text + b, n);
	else
		um_xml_text(sb, doc->text + b, n);
}

static void end_tag(um_strbuf *sb, const char *name)
{
	um_sb_adds(sb, "</");
	um_sb_adds(sb, name);
	um_sb_addc(sb, '>');
}

static void write_id(um_strbuf *sb, const char *name, size_t id)
{
	um_sb_addc(sb, ' ');
	um_sb_adds(sb, name);
	um_sb_adds(sb, "=\"a");
	um_sb_addu(sb, id);
	um_sb_addc(sb, '"');
}

/* id, by, the plugin's attributes and links, as attributes. */
static void annot_attrs(um_strbuf *sb, const um_annot *a)
{
	size_t i;
	write_id(sb, "id", a->id);
	um_xml_attr(sb, "by", a->plugin);
	for (i = 0; i < a->nattrs; i++)
		um_xml_attr(sb, a->attrs[i].key, a->attrs[i].value);
	if (a->nlinks) {
		um_sb_adds(sb, " links=\"");
		for (i = 0; i < a->nlinks; i++) {
			if (i)
				um_sb_addc(sb, ' ');
			um_sb_adds(sb, a->links[i].role);
			um_sb_adds(sb, ":a");
			um_sb_addu(sb, a->links[i].to->id);
		}
		um_sb_addc(sb, '"');
	}
}

static void write_meta(um_strbuf *sb, const um_doc *doc)
{
	size_t i;
	for (i = 0; i < doc->nmeta; i++) {
		if (!strcmp(doc->meta[i].key, "source"))
			continue;
		um_sb_adds(sb, "<meta");
		um_xml_attr(sb, "name", doc->meta[i].key);
		um_sb_addc(sb, '>');
		um_xml_text(sb, doc->meta[i].value, strlen(doc->meta[i].value));
		um_sb_adds(sb, "</meta>\n");
	}
}

struct placed {
	const um_annot *a;
	uint32_t begin;    /* byte offsets in the text */
	uint32_t end;
};

static int cmp_placed(const void *x, const void *y)
{
	const struct placed *a = x, *b = y;
	if (a->begin != b->begin)
		return a->begin < b->begin ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;      /* outer first */
	return a->a->id < b->a->id ? -1 : a->a->id > b->a->id;
}

/* Span annotations by position, outer before inner; returns the count. */
static size_t place(const um_doc *doc, struct placed **ret)
{
	struct placed *p = um_xcalloc(doc->nannots + 1, sizeof(*p));
	size_t i, n = 0;
	for (i = 0; i < doc->nannots; i++) {
		const um_annot *a = doc->annots[i];
		if (a->is_doc)
			continue;
		p[n].a = a;
		p[n].begin = doc->tokens[a->begin].begin;
		p[n].end = doc->tokens[a->end - 1].end;
		n++;
	}
	qsort(p, n, sizeof(*p), cmp_placed);
	*ret = p;
	return n;
}

/* Two crossing annotations, by their index in the placed array; also an
 * annotation's id and index, which cmp_crossing sorts in the order the
 * annotations were made. */
struct crossing {
	size_t a, b;
};

static int cmp_crossing(const void *x, const void *y)
{
	const struct crossing *a = x, *b = y;
	return a->a < b->a ? -1 : a->a > b->a;
}

/* Which of the n placed annotations the inline form leaves out (drop[i]
 * set): taken in the order they were made (by the plugin that ran first,
 * or first by one plugin), each is kept unless it crosses one kept
 * before it ("resolution 1325" of themes across the citation
 * "1325 (2000)" that references made). */
static void crossings(const struct placed *p, size_t n, unsigned char *drop)
{
	size_t *open = um_xcalloc(n + 1, sizeof(*open)), nopen = 0;
	struct crossing *c = NULL;
	size_t nc = 0, cc = 0;

	/* every crossing pair: one that starts first and ends inside the
	 * next; the ones still open are few (those that hold the next) */
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		for (size_t j = 0; j < nopen; j++) {
			const struct placed *o = &p[open[j]];
			if (o->end <= p[i].begin)
				continue;
			open[k++] = open[j];
			if (o->begin < p[i].begin && o->end < p[i].end) {
				UM_GROW(c, cc, nc + 2);
				c[nc].a = open[j];
				c[nc++].b = i;
				c[nc].a = i;
				c[nc++].b = open[j];
			}
		}
		nopen = k;
		open[nopen++] = i;
	}
	if (nc) {
		struct crossing *made = um_xcalloc(n + 1, sizeof(*made));
		for (size_t i = 0; i < n; i++) {
			made[i].a = p[i].a->id;
			made[i].b = i;
		}
		qsort(made, n, sizeof(*made), cmp_crossing);
		qsort(c, nc, sizeof(*c), cmp_crossing);
		for (size_t i = 0; i < n; i++) {
			size_t x = made[i].b, lo = 0, hi = nc;
			while (lo < hi) {          /* the first pair of x */
				size_t mid = lo + (hi - lo) / 2;
				if (c[mid].a < x)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < nc && c[lo].a == x && !drop[x]; lo++)
				if (!drop[c[lo].b] && p[c[lo].b].a->id < p[x].a->id)
					drop[x] = 1;
		}
		free(made);
	}
	free(c);
	free(open);
}

static void write_inline_text(um_strbuf *sb, const um_doc *doc)
{
	struct placed *p, **stack;
	size_t n = place(doc, &p), i, depth = 0;
	uint32_t pos = 0;
	unsigned char *drop = um_xcalloc(n + 1, 1);

	crossings(p, n, drop);
	stack = um_xcalloc(n + 1, sizeof(*stack));
	um_sb_adds(sb, "<text xml:space=\"preserve\">");
	for (i = 0; i < n; i++) {
		struct placed *a = &p[i];
		if (drop[i])
			continue;
		while (depth && stack[depth - 1]->end <= a->begin) {
			struct placed *top = stack[--depth];
			doc_text(sb, doc, pos, top->end - pos);
			pos = top->end;
			end_tag(sb, top->a->layer);
		}
		/* what crossings() kept nests */
		if (depth && a->end > stack[depth - 1]->end)
			continue;
		doc_text(sb, doc, pos, a->begin - pos);
		pos = a->begin;
		um_sb_addc(sb, '<');
		um_sb_adds(sb, a->a->layer);
		annot_attrs(sb, a->a);
		um_sb_addc(sb, '>');
		stack[depth++] = a;
	}
	while (depth) {
		struct placed *top = stack[--depth];
		doc_text(sb, doc, pos, top->end - pos);
		pos = top->end;
		end_tag(sb, top->a->layer);
	}
	doc_text(sb, doc, pos, doc->len - pos);
	um_sb_adds(sb, "</text>\n");
	free(drop);
	free(stack);
	free(p);
}

static void write_tags(um_strbuf *sb, const um_doc *doc)
{
	size_t i, any = 0;
	for (i = 0; i < doc->nannots; i++) {
		const um_annot *a = doc->annots[i];
		if (!a->is_doc)
			continue;
		if (!any++)
			um_sb_adds(sb, "<tags>\n");
		um_sb_addc(sb, '<');
		um_sb_adds(sb, a->layer);
		annot_attrs(sb, a);
		um_sb_adds(sb, "/>\n");
	}
	if (any)
		um_sb_adds(sb, "</tags>\n");
}

/* Code point offset of every token boundary: cp[i] for token i's start,
 * cp[ntokens] for the end of the text. */
static uint32_t *codepoints(const um_doc *doc)
{
	uint32_t *cp = um_xmalloc((doc->ntokens + 1) * sizeof(*cp));
	uint32_t count = 0;
	size_t i, b;
	for (i = 0; i < doc->ntokens; i++) {
		const um_token *t = &doc->tokens[i];
		cp[i] = count;
		for (b = t->begin; b < t->end; b++)
			count += ((unsigned char)doc->text[b] & 0xC0) != 0x80;
	}
	cp[doc->ntokens] = count;
	return cp;
}

static void write_standoff(um_strbuf *sb, const um_doc *doc)
{
	uint32_t *cp = codepoints(doc);
	size_t i, j;

	um_sb_adds(sb, "<text xml:space=\"preserve\">");
	doc_text(sb, doc, 0, doc->len);
	um_sb_adds(sb, "</text>\n");
	if (doc->nannots)
		um_sb_adds(sb, "<annotations>\n");
	for (i = 0; i < doc->nannots; i++) {
		const um_annot *a = doc->annots[i];
		um_sb_adds(sb, "<annotation");
		write_id(sb, "id", a->id);
		um_xml_attr(sb, "layer", a->layer);
		um_xml_attr(sb, "by", a->plugin);
		if (!a->is_doc) {
			um_sb_adds(sb, " start=\"");
			um_sb_addu(sb, cp[a->begin]);
			um_sb_adds(sb, "\" end=\"");
			um_sb_addu(sb, cp[a->end]);
			um_sb_addc(sb, '"');
		}
		if (!a->nattrs && !a->nlinks) {
			um_sb_adds(sb, "/>\n");
			continue;
		}
		um_sb_adds(sb, ">\n");
		for (j = 0; j < a->nattrs; j++) {
			um_sb_adds(sb, "<attr");
			um_xml_attr(sb, "name", a->attrs[j].key);
			um_sb_addc(sb, '>');
			um_xml_text(sb, a->attrs[j].value, strlen(a->attrs[j].value));
			um_sb_adds(sb, "</attr>\n");
		}
		for (j = 0; j < a->nlinks; j++) {
			um_sb_adds(sb, "<link");
			um_xml_attr(sb, "role", a->links[j].role);
			write_id(sb, "target", a->links[j].to->id);
			um_sb_adds(sb, "/>\n");
		}
		um_sb_adds(sb, "</annotation>\n");
	}
	if (doc->nannots)
		um_sb_adds(sb, "</annotations>\n");
	free(cp);
}

int um_write_edges_header(FILE *f)
{
	return fputs("document\tcited\tcount\n", f) < 0 ? UM_EIO : 0;
}

/* A TSV field: tabs and line breaks become spaces. */
static void tsv_field(um_strbuf *sb, const char *s)
{
	for (; *s; s++)
		um_sb_addc(sb, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* The slot of sym in a table of 1 + indices in cited: its entry, or an
 * empty one. */
static size_t cited_slot(const size_t *slot, size_t mask,
                         const char *const *cited, const char *sym)
{
	size_t h = (size_t)um_word_hash(sym, strlen(sym)) & mask;
	while (slot[h] && strcmp(cited[slot[h] - 1], sym))
		h = (h + 1) & mask;
	return h;
}

static void write_edges(um_strbuf *sb, const um_doc *doc)
{
	const char *self = um_doc_meta(doc, "symbol");
	const char *name = self ? self : um_doc_meta(doc, "source");
	const char **cited = NULL;
	size_t *count = NULL, n = 0, cap = 0, i, k;
	/* the symbols seen, by hash: a slot holds 1 + the index in cited */
	size_t mask = 63, *slot = um_xcalloc(mask + 1, sizeof(*slot));

	for (i = 0; i < doc->nannots; i++) {
		const char *sym = um_annot_get(doc->annots[i], "symbol");
		size_t h, at;
		if (!sym || (self && !strcmp(sym, self)))
			continue;
		h = cited_slot(slot, mask, cited, sym);
		if (slot[h]) {
			at = slot[h] - 1;
		} else {
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				cited = um_xrealloc(cited, cap * sizeof(*cited));
				count = um_xrealloc(count, cap * sizeof(*count));
			}
			at = n++;
			cited[at] = sym;
			count[at] = 0;
			slot[h] = n;
			if (n * 2 > mask + 1) {
				/* twice the slots, the symbols put in again */
				free(slot);
				mask = mask * 2 + 1;
				slot = um_xcalloc(mask + 1, sizeof(*slot));
				for (k = 0; k < n; k++)
					slot[cited_slot(slot, mask, cited, cited[k])] = k + 1;
			}
		}
		count[at]++;
	}
	free(slot);
	for (k = 0; k < n; k++) {
		tsv_field(sb, name ? name : "-");
		um_sb_addc(sb, '\t');
		tsv_field(sb, cited[k]);
		um_sb_addf(sb, "\t%zu\n", count[k]);
	}
	free(cited);
	free(count);
}

/* A JSON string: quotes, backslashes and control characters are
 * escaped, and so are U+2028 and U+2029, which some JSON readers take
 * for line ends; bytes that are not UTF-8 become U+FFFD. */
static void json_str(um_strbuf *sb, const char *s, size_t n)
{
	size_t i, run = 0;
	um_sb_addc(sb, '"');
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		const char *esc = NULL;
		char buf[8];
		if (ch == '"')
			esc = "\\\"";
		else if (ch == '\\')
			esc = "\\\\";
		else if (ch == '\n')
			esc = "\\n";
		else if (ch == '\t')
			esc = "\\t";
		else if (ch == '\r')
			esc = "\\r";
		else if (ch < 0x20) {
			snprintf(buf, sizeof(buf), "\\u%04x", ch);
			esc = buf;
		} else if (ch >= 0x80) {
			/* a file name or a metadata value may not be UTF-8:
			 * one U+FFFD per ill-formed sequence */
			int32_t cp;
			size_t k = um_utf8_decode((const unsigned char *)s + i, n - i,
			                          &cp);
			if (k && cp != 0x2028 && cp != 0x2029) {
				run += k;
				i += k - 1;
				continue;
			}
			um_sb_add(sb, s + i - run, run);
			run = 0;
			if (k) {
				snprintf(buf, sizeof(buf), "\\u%04x", (unsigned)cp);
				um_sb_adds(sb, buf);
				i += k - 1;
			} else {
				um_sb_adds(sb, "\xEF\xBF\xBD");
				i += um_utf8_invalid_len((const unsigned char *)s + i,
				                         n - i) - 1;
			}
			continue;
		}
		if (!esc) {
			run++;
			continue;
		}
		um_sb_add(sb, s + i - run, run);
		run = 0;
		um_sb_adds(sb, esc);
	}
	um_sb_add(sb, s + n - run, run);
	um_sb_addc(sb, '"');
}

static void json_key(um_strbuf *sb, const char *key)
{
	json_str(sb, key, strlen(key));
	um_sb_addc(sb, ':');
}

/* One annotation: id, layer, by, start and end (code points) and its
 * text for a span, attrs, links. */
static void json_annot(um_strbuf *sb, const um_doc *doc, const um_annot *a,
                       const uint32_t *cp)
{
	size_t i;
	um_sb_addf(sb, "{\"id\":\"a%zu\",", a->id);
	json_key(sb, "layer");
	json_str(sb, a->layer, strlen(a->layer));
	um_sb_addc(sb, ',');
	json_key(sb, "by");
	json_str(sb, a->plugin, strlen(a->plugin));
	if (!a->is_doc) {
		size_t b = doc->tokens[a->begin].begin;
		size_t e = doc->tokens[a->end - 1].end;
		um_sb_addf(sb, ",\"start\":%u,\"end\":%u,", cp[a->begin],
		           cp[a->end]);
		json_key(sb, "text");
		json_str(sb, doc->text + b, e - b);
	}
	um_sb_adds(sb, ",\"attrs\":{");
	for (i = 0; i < a->nattrs; i++) {
		if (i)
			um_sb_addc(sb, ',');
		json_key(sb, a->attrs[i].key);
		json_str(sb, a->attrs[i].value, strlen(a->attrs[i].value));
	}
	um_sb_addc(sb, '}');
	if (a->nlinks) {
		um_sb_adds(sb, ",\"links\":[");
		for (i = 0; i < a->nlinks; i++) {
			um_sb_adds(sb, i ? ",{" : "{");
			json_key(sb, "role");
			json_str(sb, a->links[i].role, strlen(a->links[i].role));
			um_sb_addf(sb, ",\"to\":\"a%zu\"}", a->links[i].to->id);
		}
		um_sb_addc(sb, ']');
	}
	um_sb_addc(sb, '}');
}

/* The document as one line of JSON (schema/unmine.schema.json). */
static void write_jsonl(um_strbuf *sb, const um_doc *doc)
{
	const char *src = um_doc_meta(doc, "source");
	uint32_t *cp = codepoints(doc);
	size_t i, n;
	um_sb_addc(sb, '{');
	json_key(sb, "source");
	json_str(sb, src ? src : "-", strlen(src ? src : "-"));
	um_sb_adds(sb, ",\"meta\":{");
	for (i = 0, n = 0; i < doc->nmeta; i++) {
		if (!strcmp(doc->meta[i].key, "source"))
			continue;
		if (n++)
			um_sb_addc(sb, ',');
		json_key(sb, doc->meta[i].key);
		json_str(sb, doc->meta[i].value, strlen(doc->meta[i].value));
	}
	um_sb_adds(sb, "},");
	json_key(sb, "text");
	json_str(sb, doc->text, doc->len);
	um_sb_adds(sb, ",\"annotations\":[");
	for (i = 0, n = 0; i < doc->nannots; i++) {
		if (doc->annots[i]->is_doc)
			continue;
		if (n++)
			um_sb_addc(sb, ',');
		json_annot(sb, doc, doc->annots[i], cp);
	}
	um_sb_adds(sb, "],\"tags\":[");
	for (i = 0, n = 0; i < doc->nannots; i++) {
		if (!doc->annots[i]->is_doc)
			continue;
		if (n++)
			um_sb_addc(sb, ',');
		json_annot(sb, doc, doc->annots[i], cp);
	}
	um_sb_adds(sb, "]}\n");
	free(cp);
}

static void render(um_strbuf *sb, const um_doc *doc, int output)
{
	const char *src = um_doc_meta(doc, "source");

	if (output == UM_OUT_EDGES) {
		write_edges(sb, doc);
		return;
	}
	if (output == UM_OUT_JSONL) {
		write_jsonl(sb, doc);
		return;
	}
	um_sb_adds(sb, "<document");
	um_xml_attr(sb, "source", src ? src : "-");
	um_sb_adds(sb, ">\n");
	write_meta(sb, doc);
	if (output == UM_OUT_STANDOFF) {
		write_standoff(sb, doc);
	} else {
		write_inline_text(sb, doc);
		write_tags(sb, doc);
	}
	um_sb_adds(sb, "</document>\n");
}

int um_write_doc(FILE *f, const um_doc *doc, int output)
{
	um_strbuf sb;
	um_sb_init(&sb);
	render(&sb, doc, output);
	return flush(f, &sb);
}

char *um_render_doc(const um_doc *doc, int output, size_t *ret_len)
{
	um_strbuf sb;
	um_sb_init(&sb);
	/* about the size of the output, so that it grows once or twice;
	 * edges are a few lines */
	if (output != UM_OUT_EDGES)
		um_grow((void **)&sb.data, &sb.cap, doc->len + doc->len / 2 + 256,
		        1);
	render(&sb, doc, output);
	return um_sb_steal(&sb, ret_len);
}
