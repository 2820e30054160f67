/* The XML reader: text nodes in document order through xmlTextReader. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "internal.h"
#include "reader_impl.h"
#include "textbuild.h"

/* Elements whose content is metadata, not text. */
static const char *const header_names[] = {
	"teiHeader", "metadata", "docinfo", "docInfo", NULL
};

/* Never text at all. */
static const char *const skip_names[] = { "script", "style", NULL };

static int in_list(const char *const *list, const char *name)
{
	size_t i;
	for (i = 0; list && list[i]; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

/* Metadata keys for element or attribute names found in a header. */
static const char *meta_key(const char *name)
{
	if (!strcasecmp(name, "symbol") || !strcasecmp(name, "idno"))
		return "symbol";
	if (!strcasecmp(name, "date"))
		return "date";
	if (!strcasecmp(name, "title"))
		return "title";
	if (!strcasecmp(name, "language") || !strcasecmp(name, "lang"))
		return "language";
	return NULL;
}

/* libxml2 2.9 has one external entity loader for the whole process. The
 * parser options already keep every parse of ours from loading a DTD or an
 * external entity; as a second guard, the loader installed here refuses
 * whatever a parse of ours asks for, and hands any other request (a
 * program that embeds the library parsing its own files, a schema being
 * loaded) to the loader that was there before. */
static xmlExternalEntityLoader outer_loader;
static __thread int in_our_parse;

static xmlParserInputPtr guarded_loader(const char *url, const char *id,
                                        xmlParserCtxtPtr ctxt)
{
	if (in_our_parse || !outer_loader)
		return NULL;
	return outer_loader(url, id, ctxt);
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_setup(void)
{
	xmlInitParser();
	outer_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(guarded_loader);
}

void um_xml_init(void)
{
	pthread_once(&xml_once, xml_setup);
}

/* What libxml2 says outside a parser's own handler (an encoding it
 * cannot convert, an I/O error) goes to its generic handler, which
 * writes to standard error lines that name no file and interleave
 * between threads. Our parses say what failed through their own
 * handlers, so while one runs that handler is silent; the application's
 * is put back after. libxml2 keeps it per thread. */
static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static __thread xmlGenericErrorFunc saved_fn;
static __thread void *saved_ctx;

void um_xml_guard(int on)
{
	in_our_parse = on;
	if (on) {
		saved_fn = xmlGenericError;
		saved_ctx = xmlGenericErrorContext;
		xmlSetGenericErrorFunc(NULL, silent);
	} else {
		xmlSetGenericErrorFunc(saved_ctx, saved_fn);
	}
}

struct xml_state {
	char msg[256];
	int line;
	int failed;
	int huge;        /* failed on a limit that XML_PARSE_HUGE lifts */
};

static void on_error(void *arg, xmlErrorPtr e)
{
	struct xml_state *st = arg;
	size_t n;
	int depth;
	if (!e || e->level < XML_ERR_ERROR || st->failed)
		return;
	if (e->code == XML_WAR_UNDECLARED_ENTITY) {
		/* Declared, maybe, in an external subset that is never read:
		 * not an error of the document (XML 1.0, section 4.1). The
		 * reference node that follows gets the warning. */
		return;
	}
	/* "xmlSAX2Characters: huge text node", "Excessive depth in
	 * document: 256 use XML_PARSE_HUGE option": read again with it. Not
	 * "Huge input lookup" (an attribute value, a comment or a
	 * processing instruction over 10 MB), which libxml2 then reads in a
	 * time that grows with the square of its size (12 MB: 22 s). */
	if (e->message && (strstr(e->message, "huge text") ||
	                   strstr(e->message, "XML_PARSE_HUGE")))
		st->huge = 1;
	st->failed = 1;
	st->line = e->line;
	if (e->message && strstr(e->message, "Huge input lookup")) {
		snprintf(st->msg, sizeof(st->msg), "an attribute value, comment or "
		         "processing instruction over 10 MB");
		return;
	}
	if (e->message && sscanf(e->message, "Excessive depth in document: %d",
	                         &depth) == 1) {
		snprintf(st->msg, sizeof(st->msg), "elements nested more than %d "
		         "deep", depth);
		return;
	}
	if (e->code == XML_ERR_ENTITY_LOOP) {
		/* libxml2's guard against entity bombs, which says so of
		 * entities that only nest without a loop */
		snprintf(st->msg, sizeof(st->msg), "entities that refer to "
		         "entities too much (refused as a possible entity bomb)");
		return;
	}
	/* libxml2's reader says so of a file that ends with elements still
	 * open in the parser (which reads ahead of the reader), most often
	 * one cut short */
	if (e->code == XML_ERR_DOCUMENT_END && e->ctxt &&
	    ((xmlParserCtxtPtr)e->ctxt)->nameNr > 0) {
		snprintf(st->msg, sizeof(st->msg), "the document ends before its "
		         "elements are closed (a file cut short?)");
		return;
	}
	snprintf(st->msg, sizeof(st->msg), "%s", e->message ? e->message : "error");
	n = strlen(st->msg);
	while (n && (st->msg[n - 1] == '\n' || st->msg[n - 1] == ' '))
		st->msg[--n] = '\0';
}

/* The encoding the XML declaration names, into enc; 0 if none. */
static int declared_encoding(const char *buf, size_t len, char *enc, size_t n)
{
	size_t lim = len < 256 ? len : 256, i;
	const char *p;
	char q;
	if (lim < 5 || strncmp(buf, "<?xml", 5) != 0)
		return 0;
	for (i = 5; i + 8 < lim && buf[i] != '>'; i++) {
		if (strncmp(buf + i, "encoding", 8) != 0)
			continue;
		p = buf + i + 8;
		while (p < buf + lim && (*p == ' ' || *p == '='))
			p++;
		if (p >= buf + lim || (*p != '"' && *p != '\''))
			return 0;
		q = *p++;
		for (i = 0; p < buf + lim && *p != q && i + 1 < n; p++)
			enc[i++] = *p;
		enc[i] = '\0';
		return 1;
	}
	return 0;
}

struct walk {
	const um_read_options *opt;
	um_doc *doc;
	um_textbuild tb;
	int skip_depth;       /* inside a skipped or header element: its depth */
	int header;           /* that element is a header */
	int sel_depth;        /* inside a selected element: its depth */
	int cap_depth;        /* capturing a metadata element: its depth */
	const char *cap_key;
	um_strbuf cap;
	int entity_warned;
};

static void set_meta_once(um_doc *doc, const char *key, const char *value)
{
	if (key)
		um_reader_meta(doc, key, value);
}

static void root_attributes(struct walk *w, xmlTextReaderPtr r)
{
	while (xmlTextReaderMoveToNextAttribute(r) == 1) {
		const char *name = (const char *)xmlTextReaderConstLocalName(r);
		const char *value = (const char *)xmlTextReaderConstValue(r);
		const char *key = meta_key(name);
		if (key && value)
			set_meta_once(w->doc, key, value);
	}
	xmlTextReaderMoveToElement(r);
}

static void element_start(struct walk *w, xmlTextReaderPtr r, int depth)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(r);
	int empty = xmlTextReaderIsEmptyElement(r);
	const xmlChar *lang;

	if (depth == 0)
		root_attributes(w, r);
	if (!um_doc_meta(w->doc, "language") &&
	    (lang = xmlTextReaderConstXmlLang(r)) != NULL)
		set_meta_once(w->doc, "language", (const char *)lang);
	if (w->skip_depth >= 0) {
		if (w->header && w->cap_depth < 0 && !empty && meta_key(name)) {
			xmlChar *type = xmlTextReaderGetAttribute(r, BAD_CAST "type");
			xmlChar *when = xmlTextReaderGetAttribute(r, BAD_CAST "when");
			/* <idno type="symbol">, <date when="2009-10-14"> */
			if (!strcasecmp(name, "idno") && type &&
			    strcasecmp((char *)type, "symbol") != 0) {
				/* another identifier */
			} else if (when && !strcasecmp(name, "date")) {
				set_meta_once(w->doc, "date", (const char *)when);
			} else {
				w->cap_depth = depth;
				w->cap_key = meta_key(name);
				w->cap.len = 0;
			}
			xmlFree(type);
			xmlFree(when);
		}
		return;
	}
	if (in_list(header_names, name) || in_list(skip_names, name)) {
		if (!empty) {
			w->skip_depth = depth;
			w->header = in_list(header_names, name);
		}
		return;
	}
	if (w->opt->elements && w->sel_depth < 0 &&
	    in_list(w->opt->elements, name) && !empty)
		w->sel_depth = depth;
	/* An empty element is a milestone (<pb/>, <anchor/>) and breaks
	 * nothing, unless it is a line break (<lb/>, <br/>). */
	if (empty && um_tb_kind(name) != UM_TB_LINE)
		return;
	um_tb_boundary(&w->tb, um_tb_kind(name));
}

static void element_end(struct walk *w, xmlTextReaderPtr r, int depth)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(r);
	if (w->cap_depth == depth) {
		um_sb_addc(&w->cap, '\0');
		set_meta_once(w->doc, w->cap_key, w->cap.data);
		w->cap_depth = -1;
	}
	if (w->skip_depth >= 0) {
		if (w->skip_depth == depth)
			w->skip_depth = -1;
		return;
	}
	if (w->sel_depth == depth) {
		w->sel_depth = -1;
		um_tb_boundary(&w->tb, UM_TB_BLOCK);
		return;
	}
	um_tb_boundary(&w->tb, um_tb_kind(name));
}

static void text_node(struct walk *w, xmlTextReaderPtr r)
{
	const char *v = (const char *)xmlTextReaderConstValue(r);
	if (!v)
		return;
	if (w->cap_depth >= 0) {
		/* Header fields: fold white space to single spaces. */
		const char *p;
		for (p = v; *p; p++) {
			int ws = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
			if (!ws)
				um_sb_addc(&w->cap, *p);
			else if (w->cap.len && w->cap.data[w->cap.len - 1] != ' ')
				um_sb_addc(&w->cap, ' ');
		}
		while (w->cap.len && w->cap.data[w->cap.len - 1] == ' ')
			w->cap.len--;
		return;
	}
	if (w->skip_depth >= 0)
		return;
	if (w->opt->elements && w->sel_depth < 0)
		return;
	um_tb_text(&w->tb, v, strlen(v));
}

#define MAX_DEPTH 2048

/* One parse of buf; 0, or UM_EFORMAT with st describing the error. */
static int parse(struct walk *w, const char *buf, size_t len, int options,
                 const char *encoding, struct xml_state *st)
{
	xmlTextReaderPtr r;
	int ret;

	/* No XML_PARSE_NOENT, no DTD loading: entities are never expanded
	 * and nothing outside the file is read. */
	um_xml_guard(1);
	r = xmlReaderForMemory(buf, (int)len, NULL, encoding, options);
	if (!r) {
		um_xml_guard(0);
		snprintf(st->msg, sizeof(st->msg), "cannot create XML parser");
		st->failed = 1;
		return UM_EFORMAT;
	}
	xmlTextReaderSetStructuredErrorHandler(r, on_error, st);
	while ((ret = xmlTextReaderRead(r)) == 1) {
		int depth = xmlTextReaderDepth(r);
		/* read again with XML_PARSE_HUGE, libxml2 sets no depth limit
		 * here, and its time grows with the square of the depth
		 * (100,000 levels: 21 s); 2048 is its own limit elsewhere */
		if (depth >= MAX_DEPTH &&
		    xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
			snprintf(st->msg, sizeof(st->msg), "elements nested more "
			         "than %d deep", MAX_DEPTH);
			st->line = xmlTextReaderGetParserLineNumber(r);
			st->failed = 1;
			break;
		}
		switch (xmlTextReaderNodeType(r)) {
		case XML_READER_TYPE_ELEMENT:
			element_start(w, r, depth);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			element_end(w, r, depth);
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			text_node(w, r);
			break;
		case XML_READER_TYPE_ENTITY_REFERENCE:
			if (!w->entity_warned++)
				um_doc_warn(w->doc, "entity reference &%s; not expanded "
				            "(entities are never expanded)",
				            (const char *)xmlTextReaderConstName(r));
			break;
		default:
			break;
		}
		if (st->failed)
			break;
	}
	xmlFreeTextReader(r);
	um_xml_guard(0);
	if (ret != 0 && !st->failed) {
		snprintf(st->msg, sizeof(st->msg), "parse error");
		st->failed = 1;
	}
	return st->failed ? UM_EFORMAT : 0;
}

static void walk_init(struct walk *w, const um_read_options *opt, um_doc *doc)
{
	memset(w, 0, sizeof(*w));
	w->opt = opt;
	w->doc = doc;
	w->skip_depth = w->sel_depth = w->cap_depth = -1;
	um_tb_init(&w->tb, 1);
	um_sb_init(&w->cap);
}

static void walk_free(struct walk *w)
{
	um_sb_free(&w->tb.sb);
	um_sb_free(&w->cap);
}

int um_read_xml(const char *buf, size_t len, int utf8,
                const um_read_options *opt, um_doc *doc, char *err,
                size_t errlen)
{
	struct xml_state st;
	struct walk w;
	char *fixed = NULL, enc[32];
	int options = XML_PARSE_NONET | XML_PARSE_COMPACT, rc;
	size_t nwarn;

	um_xml_init();
	if (utf8 || !declared_encoding(buf, len, enc, sizeof(enc)) ||
	    um_reader_is_utf8_name(enc) || um_reader_is_wide_name(enc)) {
		/* Repair invalid UTF-8 rather than fail the document: libxml2
		 * would stop at the first bad byte. NUL bytes stay for libxml2
		 * to refuse. */
		if (!memchr(buf, '\0', len) && (fixed = um_reader_repair(doc, buf, &len)))
			buf = fixed;
		utf8 = 1;
	} else if ((fixed = um_reader_decode(doc, buf, &len, enc)) != NULL) {
		/* the same for the charset declared: a byte not of it is
		 * U+FFFD with a warning, not the end of the document */
		buf = fixed;
		utf8 = 1;
	}
	/* converted to UTF-8: what the declaration says is not read */
	if (utf8)
		options |= XML_PARSE_IGNORE_ENC;
	if (len > INT32_MAX) {
		free(fixed);
		um_seterr(err, errlen, "XML document too large");
		return UM_ETOOBIG;
	}
	if ((rc = um_reader_check_attrs(buf, len, err, errlen)) != 0) {
		free(fixed);
		return rc;
	}
	memset(&st, 0, sizeof(st));
	walk_init(&w, opt, doc);
	nwarn = doc->nwarnings;
	rc = parse(&w, buf, len, options, utf8 ? "UTF-8" : NULL, &st);
	/* libxml2 refuses text nodes and attributes over 10 MB, and
	 * nesting over 256 elements, unless told XML_PARSE_HUGE (then 2048),
	 * which also lifts its guard against entity amplification: read
	 * again with it only when the document declares no entity. */
	if (rc && st.huge && !memmem(buf, len, "<!ENTITY", 8)) {
		walk_free(&w);
		memset(&st, 0, sizeof(st));
		walk_init(&w, opt, doc);
		/* what the first parse said is said again */
		doc->nwarnings = nwarn;
		rc = parse(&w, buf, len, options | XML_PARSE_HUGE,
		           utf8 ? "UTF-8" : NULL, &st);
	}
	free(fixed);
	if (rc)
		um_seterr(err, errlen, "malformed XML at line %d: %s", st.line, st.msg);
	else
		rc = um_reader_set_text(doc, &w.tb.sb, err, errlen);
	walk_free(&w);
	return rc;
}
