/* The HTML reader: libxml2's HTML parser, then a walk over the tree. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "internal.h"
#include "reader_impl.h"
#include "textbuild.h"

/* Elements whose content is never text. */
static const char *const skip_names[] = {
	"head", "script", "style", "noscript", "template", "svg", "math",
	"select", "button", "iframe", "object", NULL
};

static int skipped(const char *name)
{
	size_t i;
	for (i = 0; skip_names[i]; i++)
		if (!strcasecmp(name, skip_names[i]))
			return 1;
	return 0;
}

static void set_meta_once(um_doc *doc, const char *key, const char *value)
{
	if (value)
		um_reader_meta(doc, key, value);
}

/* Metadata keys for <meta name="..."> values. */
static const char *meta_name_key(const char *name)
{
	if (!strcasecmp(name, "symbol") || !strcasecmp(name, "dc.identifier") ||
	    !strcasecmp(name, "document-symbol"))
		return "symbol";
	if (!strcasecmp(name, "date") || !strcasecmp(name, "dc.date"))
		return "date";
	if (!strcasecmp(name, "language") || !strcasecmp(name, "dc.language"))
		return "language";
	if (!strcasecmp(name, "dc.title"))
		return "title";
	return NULL;
}

static void head_metadata(um_doc *doc, xmlNodePtr root)
{
	xmlNodePtr head, n;
	xmlChar *v;

	if ((v = xmlGetProp(root, BAD_CAST "lang")) != NULL) {
		set_meta_once(doc, "language", (const char *)v);
		xmlFree(v);
	}
	for (head = root->children; head; head = head->next)
		if (head->type == XML_ELEMENT_NODE &&
		    !strcasecmp((const char *)head->name, "head"))
			break;
	if (!head)
		return;
	for (n = head->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!strcasecmp((const char *)n->name, "title")) {
			xmlChar *t = xmlNodeGetContent(n);
			if (t) {
				um_textbuild tb;
				um_tb_init(&tb, 0);
				um_tb_text(&tb, (const char *)t, strlen((const char *)t));
				um_sb_addc(&tb.sb, '\0');
				set_meta_once(doc, "title", tb.sb.data);
				um_sb_free(&tb.sb);
				xmlFree(t);
			}
		} else if (!strcasecmp((const char *)n->name, "meta")) {
			xmlChar *name = xmlGetProp(n, BAD_CAST "name");
			xmlChar *content = xmlGetProp(n, BAD_CAST "content");
			const char *key = name ? meta_name_key((const char *)name) : NULL;
			if (key && content)
				set_meta_once(doc, key, (const char *)content);
			xmlFree(name);
			xmlFree(content);
		}
	}
}

/* Depth-first over the tree without recursion: hostile nesting cannot
 * exhaust the stack. */
static void walk_body(um_textbuild *tb, xmlNodePtr root)
{
	xmlNodePtr n = root;
	int pre = 0;      /* <pre> elements open around n: lines are kept */
	while (n) {
		int descend = 0;
		if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;
			if (!skipped(name)) {
				int kind = um_tb_kind(name);
				um_tb_boundary(tb, kind);
				descend = n->children != NULL;
				/* an empty one is closed as soon as it opens */
				if (descend && !strcasecmp(name, "pre"))
					tb->keep_lines = ++pre > 0;
			}
		} else if (n->type == XML_TEXT_NODE ||
		           n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				um_tb_text(tb, (const char *)n->content,
				           strlen((const char *)n->content));
		}
		if (descend) {
			n = n->children;
			continue;
		}
		/* Climb until a sibling is found, closing elements on the way. */
		while (n && n != root && !n->next) {
			n = n->parent;
			if (n && n->type == XML_ELEMENT_NODE) {
				um_tb_boundary(tb, um_tb_kind((const char *)n->name));
				if (!strcasecmp((const char *)n->name, "pre"))
					tb->keep_lines = --pre > 0;
			}
		}
		if (!n || n == root)
			break;
		n = n->next;
	}
}

/* The charset a document declares in its first 2048 bytes ("charset=" of
 * a meta element), into cs; 0 if none. */
static int declared_charset(const char *buf, size_t len, char *cs, size_t n)
{
	size_t lim = len < 2048 ? len : 2048, i, k = 0;
	for (i = 0; i + 8 <= lim; i++) {
		if (strncasecmp(buf + i, "charset=", 8) != 0)
			continue;
		i += 8;
		while (i < lim && (buf[i] == '"' || buf[i] == '\'' || buf[i] == ' '))
			i++;
		while (i < lim && k + 1 < n &&
		       (isalnum((unsigned char)buf[i]) || strchr("-_.:", buf[i])))
			cs[k++] = buf[i++];
		cs[k] = '\0';
		return k > 0;
	}
	return 0;
}

/* The charset a browser reads for a label, as the WHATWG Encoding
 * Standard says: each of these labels names a charset that holds the
 * one it names ("us-ascii" and "iso-8859-1" are read as windows-1252,
 * "shift_jis" as Microsoft's, with its extra characters). */
static const char *browser_charset(const char *cs)
{
	static const struct { const char *label, *charset; } map[] = {
		{ "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
		{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
		{ "iso_8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
		{ "l1", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
		{ "x-cp1252", "WINDOWS-1252" }, { "cp819", "WINDOWS-1252" },
		{ "iso-8859-9", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" },
		{ "iso-8859-11", "CP874" }, { "tis-620", "CP874" },
		{ "shift_jis", "CP932" }, { "sjis", "CP932" },
		{ "x-sjis", "CP932" }, { "ms_kanji", "CP932" },
		{ "windows-31j", "CP932" }, { "gb2312", "GBK" }, { "gbk", "GBK" },
		{ "x-gbk", "GBK" }, { "chinese", "GBK" }, { "euc-kr", "CP949" },
		{ "ks_c_5601-1987", "CP949" }, { "big5", "BIG5-HKSCS" },
		{ "x-x-big5", "BIG5-HKSCS" }, { "iso-8859-8-i", "ISO-8859-8" },
		{ "csiso88598i", "ISO-8859-8" }, { "logical", "ISO-8859-8" },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcasecmp(cs, map[i].label))
			return map[i].charset;
	return cs;
}

int um_read_html(const char *buf, size_t len, int utf8,
                 const um_read_options *opt, um_doc *doc, char *err,
                 size_t errlen)
{
	htmlParserCtxtPtr ctxt;
	htmlDocPtr hd;
	xmlNodePtr root;
	um_textbuild tb;
	char *fixed = NULL, cs[40];
	int rc, depth_error;

	(void)opt;
	/* libxml2 ends an HTML document at a NUL byte, silently: such a file
	 * is refused, as a text file is */
	if ((rc = um_reader_check_nul(buf, len, err, errlen)) != 0)
		return rc;
	um_xml_init();
	/* Read as UTF-8 rather than libxml2's Latin-1 guess, or decoded
	 * first from the charset the document declares: either way a byte
	 * that does not belong is U+FFFD with a warning, as in text, where
	 * libxml2 would end the document there without a word. */
	if (!utf8 && declared_charset(buf, len, cs, sizeof(cs)) &&
	    !um_reader_is_utf8_name(cs) && !um_reader_is_wide_name(cs)) {
		const char *nul;
		fixed = um_reader_decode(doc, buf, &len, browser_charset(cs));
		if (!fixed) {
			um_doc_warn(doc, "unknown charset %s; read as UTF-8", cs);
		} else if ((nul = memchr(fixed, '\0', len)) != NULL) {
			/* a charset whose characters hold a zero byte: refused,
			 * as libxml2 would end the document there, at the offset
			 * in the text decoded */
			um_seterr(err, errlen, "binary file (a NUL character decoded "
			          "from %s, at byte offset %zu of the text)", cs,
			          (size_t)(nul - fixed));
			free(fixed);
			return UM_EFORMAT;
		} else {
			buf = fixed;
		}
	}
	if (!fixed && (fixed = um_reader_repair(doc, buf, &len)))
		buf = fixed;
	if (len > INT32_MAX) {
		free(fixed);
		um_seterr(err, errlen, "HTML document too large");
		return UM_ETOOBIG;
	}
	if ((rc = um_reader_check_attrs(buf, len, err, errlen)) != 0) {
		free(fixed);
		return rc;
	}
	ctxt = htmlNewParserCtxt();
	if (!ctxt) {
		free(fixed);
		um_seterr(err, errlen, "cannot create HTML parser");
		return UM_EFORMAT;
	}
	/* HTML has no entity declarations, so XML_PARSE_HUGE lifts only the
	 * limits on text size and depth. */
	um_xml_guard(1);
	hd = htmlCtxtReadMemory(ctxt, buf, (int)len, NULL, "UTF-8",
	                        HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	                        HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT |
	                        HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
	um_xml_guard(0);
	depth_error = ctxt->lastError.message &&
	              strstr(ctxt->lastError.message, "Excessive depth");
	htmlFreeParserCtxt(ctxt);
	free(fixed);
	if (!hd || depth_error) {
		xmlFreeDoc(hd);
		um_seterr(err, errlen, depth_error ? "HTML nested too deeply" :
		          "unreadable HTML");
		return UM_EFORMAT;
	}
	root = xmlDocGetRootElement(hd);
	um_tb_init(&tb, 0);
	if (root) {
		head_metadata(doc, root);
		walk_body(&tb, root);
	}
	xmlFreeDoc(hd);
	rc = um_reader_set_text(doc, &tb.sb, err, errlen);
	um_sb_free(&tb.sb);
	return rc;
}
