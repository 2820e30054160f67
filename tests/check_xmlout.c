/* Tests: XML escaping and the inline and standoff writers, read by libxml2. */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "config.h"
#include "internal.h"
#include "xmlout.h"
#include "suites.h"
#include "testutil.h"

#define REPL "\xEF\xBF\xBD"

/* The buffer's bytes as a string, copied so the buffer can be freed. */
static const char *take(um_strbuf *sb)
{
	static char buf[2048];
	ck_assert_uint_lt(sb->len, sizeof(buf));
	if (sb->len)
		memcpy(buf, sb->data, sb->len);
	buf[sb->len] = '\0';
	um_sb_free(sb);
	return buf;
}

/* s (n bytes) escaped as character data. */
static const char *esc_text(const char *s, size_t n)
{
	um_strbuf sb;
	um_sb_init(&sb);
	um_xml_text(&sb, s, n);
	return take(&sb);
}

#define TEXT(lit) esc_text((lit), sizeof(lit) - 1)

/* ' name="value"' escaped. */
static const char *esc_attr(const char *name, const char *value)
{
	um_strbuf sb;
	um_sb_init(&sb);
	um_xml_attr(&sb, name, value);
	return take(&sb);
}

/* Parses xml; NULL if it is not well-formed. Free with xmlFreeDoc. */
static xmlDocPtr parse(const char *xml, size_t len)
{
	return xmlReadMemory(xml, (int)len, "out.xml", NULL, XML_PARSE_NONET);
}

static int well_formed(const char *xml)
{
	xmlDocPtr d = parse(xml, strlen(xml));
	if (!d)
		return 0;
	xmlFreeDoc(d);
	return 1;
}

/* The escaped text inside an element must parse. */
static int text_well_formed(const char *escaped)
{
	char buf[4096];
	snprintf(buf, sizeof(buf), "<t>%s</t>", escaped);
	return well_formed(buf);
}

/* The value of attribute name after a round trip through libxml2,
 * in a static buffer; "(malformed)" if it does not parse. */
static const char *attr_round_trip(const char *name, const char *value)
{
	static char out[2048];
	char buf[4096];
	xmlDocPtr d;
	xmlChar *v;
	snprintf(buf, sizeof(buf), "<t%s/>", esc_attr(name, value));
	d = parse(buf, strlen(buf));
	if (!d)
		return "(malformed)";
	v = xmlGetProp(xmlDocGetRootElement(d), (const xmlChar *)name);
	snprintf(out, sizeof(out), "%s", v ? (const char *)v : "(absent)");
	xmlFree(v);
	xmlFreeDoc(d);
	return out;
}

START_TEST(text_markup_escaped)
{
	ck_assert_str_eq(TEXT("a & b < c > d"), "a &amp; b &lt; c &gt; d");
	ck_assert_str_eq(TEXT("x]]>y"), "x]]&gt;y");
	ck_assert_str_eq(TEXT("&amp;"), "&amp;amp;");
	/* Quotes need no escape in character data. */
	ck_assert_str_eq(TEXT("\"q\" 'a'"), "\"q\" 'a'");
	ck_assert_int_eq(text_well_formed(TEXT("a & b < c ]]> d")), 1);
}
END_TEST

START_TEST(text_length_respected)
{
	ck_assert_str_eq(esc_text("abc<def", 4), "abc&lt;");
	ck_assert_str_eq(esc_text("abc", 0), "");
}
END_TEST

START_TEST(text_appends)
{
	um_strbuf sb;
	um_sb_init(&sb);
	um_sb_adds(&sb, "<p>");
	um_xml_text(&sb, "1 < 2", 5);
	um_sb_adds(&sb, "</p>");
	ck_assert_str_eq(take(&sb), "<p>1 &lt; 2</p>");
}
END_TEST

START_TEST(text_tab_newline_kept)
{
	ck_assert_str_eq(TEXT("a\tb\nc"), "a\tb\nc");
}
END_TEST

START_TEST(text_carriage_return_not_raw)
{
	/* A raw CR would reach the reader as a line feed. */
	const char *out = TEXT("a\rb");
	ck_assert_ptr_null(strchr(out, '\r'));
	ck_assert_int_eq(text_well_formed(out), 1);
}
END_TEST

START_TEST(text_controls_replaced)
{
	ck_assert_str_eq(TEXT("a\x01" "b\x1B" "c\x08" "d\x7F" "e"),
	                 "a" REPL "b" REPL "c" REPL "d" REPL "e");
	ck_assert_str_eq(TEXT("\0"), REPL);
	ck_assert_int_eq(text_well_formed(TEXT("a\x01" "b\x1F" "c")), 1);
}
END_TEST

START_TEST(text_c1_controls)
{
	/* U+0085 is an XML 1.0 character; the other C1 controls are not
	 * kept. */
	ck_assert_str_eq(TEXT("a\xC2\x85" "b"), "a\xC2\x85" "b");
	ck_assert_str_eq(TEXT("a\xC2\x80" "b\xC2\x9F" "c\xC2\x9B" "d"),
	                 "a" REPL "b" REPL "c" REPL "d");
	ck_assert_int_eq(text_well_formed(TEXT("\xC2\x85\xC2\x80")), 1);
}
END_TEST

START_TEST(text_invalid_utf8_replaced)
{
	ck_assert_str_eq(TEXT("a\xFF" "b"), "a" REPL "b");
	ck_assert_str_eq(TEXT("caf\xC3(x)"), "caf" REPL "(x)");
	ck_assert_str_eq(TEXT("\x80\xBF"), REPL REPL);
	ck_assert_str_eq(TEXT("s\xED\xA0\x80"), "s" REPL REPL REPL);
	ck_assert_str_eq(TEXT("\xC0\xAF"), REPL REPL);
	ck_assert_int_eq(text_well_formed(TEXT("\xFF\xC3(\xED\xA0\x80\xE2\x82")), 1);
}
END_TEST

START_TEST(text_truncated_sequence_one_replacement)
{
	/* One policy with um_text_normalize: the maximal subpart of an
	 * ill-formed sequence is one U+FFFD. */
	ck_assert_str_eq(TEXT("a\xE2\x82" "b"), "a" REPL "b");
	ck_assert_str_eq(TEXT("\xF0\x9F\x98"), REPL);
	ck_assert_str_eq(esc_attr("v", "a\xE2\x82"), " v=\"a" REPL "\"");
}
END_TEST

START_TEST(text_noncharacters_replaced)
{
	ck_assert_str_eq(TEXT("a\xEF\xBF\xBE" "b\xEF\xBF\xBF" "c"),
	                 "a" REPL "b" REPL "c");
	/* U+FFFD itself, and characters up to U+10FFFF, are kept. */
	ck_assert_str_eq(TEXT(REPL "\xF4\x8F\xBF\xBD"), REPL "\xF4\x8F\xBF\xBD");
}
END_TEST

START_TEST(text_multibyte_kept)
{
	static const char s[] = "C\xC3\xB4te d\xE2\x80\x99Ivoire "
	                        "\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD "
	                        "\xD8\xA7\xD9\x84\xD8\xA3\xD9\x85\xD9\x85 "
	                        "\xF0\x9F\x98\x80";
	ck_assert_str_eq(TEXT(s), s);
}
END_TEST

START_TEST(attr_escaped)
{
	ck_assert_str_eq(esc_attr("note", "plain"), " note=\"plain\"");
	ck_assert_str_eq(esc_attr("note", "a \"b\" & <c> 'd'"),
	                 " note=\"a &quot;b&quot; &amp; &lt;c&gt; 'd'\"");
	ck_assert_str_eq(esc_attr("note", "x]]>y"), " note=\"x]]&gt;y\"");
	ck_assert_str_eq(esc_attr("note", ""), " note=\"\"");
}
END_TEST

START_TEST(attr_whitespace_as_references)
{
	/* Raw tab and newline would become spaces when the value is read. */
	ck_assert_str_eq(esc_attr("v", "a\tb\nc"), " v=\"a&#9;b&#10;c\"");
	ck_assert_str_eq(esc_attr("v", "a\rb"), " v=\"a&#13;b\"");
	ck_assert_str_eq(attr_round_trip("v", "a\tb\nc\rd \"e\" <&>"),
	                 "a\tb\nc\rd \"e\" <&>");
}
END_TEST

START_TEST(attr_forbidden_replaced)
{
	ck_assert_str_eq(esc_attr("v", "a\x01" "b\x1B" "c"),
	                 " v=\"a" REPL "b" REPL "c\"");
	ck_assert_str_eq(esc_attr("v", "\xFF\xEF\xBF\xBE\xC2\x80\xC2\x85"),
	                 " v=\"" REPL REPL REPL "\xC2\x85\"");
	ck_assert_str_eq(esc_attr("v", "C\xC3\xB4te d\xE2\x80\x99Ivoire"),
	                 " v=\"C\xC3\xB4te d\xE2\x80\x99Ivoire\"");
	ck_assert_str_eq(attr_round_trip("v", "\x01\xFF<\xC2\x9F>"),
	                 REPL REPL "<" REPL ">");
}
END_TEST

/* Writes doc in the given output form; the caller frees the result. */
static char *write_doc(const um_doc *doc, int output)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(um_write_doc(f, doc, output), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_eq(strlen(buf), len);
	return buf;
}

/* The inline output of doc must be want, well-formed; frees doc. */
static void assert_inline(um_doc *doc, const char *want)
{
	char *out = write_doc(doc, UM_OUT_XML);
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(well_formed(out), 1);
	free(out);
	um_doc_free(doc);
}

/*
 * The(0) _ Côte(2) _ d(4) ’(5) Ivoire(6) _ delegation(8) _ met(10) _
 * UNDP(12) _ in(14) _ Abidjan(16) .(17)
 *
 * a1 country "Côte d’Ivoire", a2 phrase "Côte d’Ivoire delegation"
 * around it, a3 word "Ivoire delegation" crossing a1, a4 org "UNDP",
 * a5 city "Abidjan" linked to a1, a6 a document tag linked to a4.
 */
static um_doc *sample_doc(void)
{
	um_doc *doc = tu_doc("The C\xC3\xB4te d\xE2\x80\x99Ivoire delegation met UNDP "
	                     "in Abidjan.");
	um_annot *a1, *a2, *a3, *a4, *a5, *a6;
	size_t n;

	um_doc_tokens(doc, &n);
	ck_assert_uint_eq(n, 18);
	ck_assert_int_eq(um_doc_meta_set(doc, "source", "mem/sample.txt"), 0);
	ck_assert_int_eq(um_doc_meta_set(doc, "symbol", "A/64/504"), 0);
	ck_assert_int_eq(um_doc_meta_set(doc, "title", "Aid & trade <2009>"), 0);
	um_doc_set_author(doc, "places");
	ck_assert_int_eq(um_annot_add(doc, "country", 2, 7, &a1), 0);
	ck_assert_int_eq(um_annot_set(doc, a1, "code", "CIV"), 0);
	um_doc_set_author(doc, "chunks");
	ck_assert_int_eq(um_annot_add(doc, "phrase", 2, 9, &a2), 0);
	ck_assert_int_eq(um_annot_add(doc, "word", 6, 9, &a3), 0);
	um_doc_set_author(doc, "orgs");
	ck_assert_int_eq(um_annot_add(doc, "org", 12, 13, &a4), 0);
	ck_assert_int_eq(um_annot_set(doc, a4, "expansion",
	                              "United Nations Development Programme"), 0);
	ck_assert_int_eq(um_annot_set(doc, a4, "note", "R&D \"lab\"\t<1>"), 0);
	um_doc_set_author(doc, "places");
	ck_assert_int_eq(um_annot_add(doc, "city", 16, 17, &a5), 0);
	ck_assert_int_eq(um_annot_link(doc, a5, "country", a1), 0);
	um_doc_set_author(doc, "tagger");
	ck_assert_int_eq(um_annot_add_doc(doc, "topic", &a6), 0);
	ck_assert_int_eq(um_annot_set(doc, a6, "value", "diplomacy"), 0);
	ck_assert_int_eq(um_annot_link(doc, a6, "about", a4), 0);
	return doc;
}

static const char SAMPLE_HEAD[] =
	"<document source=\"mem/sample.txt\">\n"
	"<meta name=\"symbol\">A/64/504</meta>\n"
	"<meta name=\"title\">Aid &amp; trade &lt;2009&gt;</meta>\n";

START_TEST(inline_output)
{
	um_doc *doc = sample_doc();
	char *out = write_doc(doc, UM_OUT_XML);
	char want[2048];

	snprintf(want, sizeof(want), "%s%s", SAMPLE_HEAD,
		"<text xml:space=\"preserve\">The "
		"<phrase id=\"a2\" by=\"chunks\">"
		"<country id=\"a1\" by=\"places\" code=\"CIV\">"
		"C\xC3\xB4te d\xE2\x80\x99Ivoire</country> delegation</phrase> met "
		"<org id=\"a4\" by=\"orgs\" expansion=\"United Nations Development "
		"Programme\" note=\"R&amp;D &quot;lab&quot;&#9;&lt;1&gt;\">UNDP</org> in "
		"<city id=\"a5\" by=\"places\" links=\"country:a1\">Abidjan</city>."
		"</text>\n"
		"<tags>\n"
		"<topic id=\"a6\" by=\"tagger\" value=\"diplomacy\" "
		"links=\"about:a4\"/>\n"
		"</tags>\n"
		"</document>\n");
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(well_formed(out), 1);
	free(out);
	um_doc_free(doc);
}
END_TEST

START_TEST(standoff_output)
{
	um_doc *doc = sample_doc();
	char *out = write_doc(doc, UM_OUT_STANDOFF);
	char want[2048];

	/* Offsets in code points: "Côte" is 4 of them in 5 bytes, "’" one
	 * in 3, so "UNDP" starts at 33, not at byte 37. */
	snprintf(want, sizeof(want), "%s%s", SAMPLE_HEAD,
		"<text xml:space=\"preserve\">The C\xC3\xB4te d\xE2\x80\x99Ivoire "
		"delegation met UNDP in Abidjan.</text>\n"
		"<annotations>\n"
		"<annotation id=\"a1\" layer=\"country\" by=\"places\" start=\"4\" "
		"end=\"17\">\n"
		"<attr name=\"code\">CIV</attr>\n"
		"</annotation>\n"
		"<annotation id=\"a2\" layer=\"phrase\" by=\"chunks\" start=\"4\" "
		"end=\"28\"/>\n"
		"<annotation id=\"a3\" layer=\"word\" by=\"chunks\" start=\"11\" "
		"end=\"28\"/>\n"
		"<annotation id=\"a4\" layer=\"org\" by=\"orgs\" start=\"33\" "
		"end=\"37\">\n"
		"<attr name=\"expansion\">United Nations Development Programme</attr>\n"
		"<attr name=\"note\">R&amp;D \"lab\"\t&lt;1&gt;</attr>\n"
		"</annotation>\n"
		"<annotation id=\"a5\" layer=\"city\" by=\"places\" start=\"41\" "
		"end=\"48\">\n"
		"<link role=\"country\" target=\"a1\"/>\n"
		"</annotation>\n"
		"<annotation id=\"a6\" layer=\"topic\" by=\"tagger\">\n"
		"<attr name=\"value\">diplomacy</attr>\n"
		"<link role=\"about\" target=\"a4\"/>\n"
		"</annotation>\n"
		"</annotations>\n"
		"</document>\n");
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(well_formed(out), 1);
	free(out);
	um_doc_free(doc);
}
END_TEST

START_TEST(standoff_text_round_trips)
{
	um_doc *doc = sample_doc();
	char *out = write_doc(doc, UM_OUT_STANDOFF);
	xmlDocPtr d = parse(out, strlen(out));
	xmlNodePtr n;
	xmlChar *content = NULL;

	ck_assert_ptr_nonnull(d);
	n = xmlDocGetRootElement(d);
	ck_assert_str_eq((const char *)n->name, "document");
	for (n = n->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)n->name, "text"))
			break;
	ck_assert_ptr_nonnull(n);
	content = xmlNodeGetContent(n);
	ck_assert_str_eq((const char *)content, um_doc_text(doc, NULL));
	xmlFree(content);
	xmlFreeDoc(d);
	free(out);
	um_doc_free(doc);
}
END_TEST

START_TEST(no_annotations)
{
	um_doc *doc = tu_doc("Hello & bye");
	char *out = write_doc(doc, UM_OUT_XML);
	static const char want[] = "<document source=\"-\">\n"
		"<text xml:space=\"preserve\">Hello &amp; bye</text>\n"
		"</document>\n";
	ck_assert_str_eq(out, want);
	free(out);
	out = write_doc(doc, UM_OUT_STANDOFF);
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(well_formed(out), 1);
	free(out);
	um_doc_free(doc);
}
END_TEST

START_TEST(same_span_nests_in_id_order)
{
	um_doc *doc = tu_doc("UN Charter");
	um_annot *a;
	um_doc_set_author(doc, "p");
	ck_assert_int_eq(um_annot_add(doc, "b", 0, 1, &a), 0);
	ck_assert_int_eq(um_annot_add(doc, "a", 0, 1, &a), 0);
	/* Ends where the next one starts: siblings, not crossing. */
	ck_assert_int_eq(um_annot_add(doc, "c", 1, 3, &a), 0);
	assert_inline(doc, "<document source=\"-\">\n"
		"<text xml:space=\"preserve\"><b id=\"a1\" by=\"p\">"
		"<a id=\"a2\" by=\"p\">UN</a></b><c id=\"a3\" by=\"p\"> Charter</c>"
		"</text>\n"
		"</document>\n");
}
END_TEST

START_TEST(crossing_keeps_the_one_added_first)
{
	/* resolution(0) _ 1325(2) _ ((4) 2000(5) )(6) _ and(8) _ more(10):
	 * a citation made first, then a theme mention that starts before it
	 * and ends inside it, with a word inside the mention; the mention
	 * goes, the word inside it stays */
	um_doc *doc = tu_doc("resolution 1325 (2000) and more");
	um_annot *a;
	um_doc_set_author(doc, "refs");
	ck_assert_int_eq(um_annot_add(doc, "resolution", 2, 7, &a), 0);
	um_doc_set_author(doc, "themes");
	ck_assert_int_eq(um_annot_add(doc, "theme", 0, 3, &a), 0);
	ck_assert_int_eq(um_annot_add(doc, "w", 0, 1, &a), 0);
	assert_inline(doc, "<document source=\"-\">\n"
		"<text xml:space=\"preserve\"><w id=\"a3\" by=\"themes\">resolution"
		"</w> <resolution id=\"a1\" by=\"refs\">1325 (2000)</resolution> and "
		"more</text>\n"
		"</document>\n");
}
END_TEST

START_TEST(crossing_decided_in_the_order_made)
{
	/* tK is token 2K. A [8,19) made first; X [0,9) crosses it and goes;
	 * Z [6,25), made last, crosses X only, which is gone, and holds A:
	 * it stays */
	um_doc *doc = tu_doc("t0 t1 t2 t3 t4 t5 t6 t7 t8 t9 t10 t11 t12 t13");
	um_annot *a;
	um_doc_set_author(doc, "p1");
	ck_assert_int_eq(um_annot_add(doc, "A", 8, 19, &a), 0);
	um_doc_set_author(doc, "p2");
	ck_assert_int_eq(um_annot_add(doc, "X", 0, 9, &a), 0);
	um_doc_set_author(doc, "p3");
	ck_assert_int_eq(um_annot_add(doc, "Z", 6, 25, &a), 0);
	assert_inline(doc, "<document source=\"-\">\n"
		"<text xml:space=\"preserve\">t0 t1 t2 <Z id=\"a3\" by=\"p3\">t3 "
		"<A id=\"a1\" by=\"p1\">t4 t5 t6 t7 t8 t9</A> t10 t11 t12</Z> t13"
		"</text>\n"
		"</document>\n");
}
END_TEST

/* Whether spans [b1, e1) and [b2, e2) cross. */
static int cross(int b1, int e1, int b2, int e2)
{
	return (b1 < b2 && b2 < e1 && e1 < e2) || (b2 < b1 && b1 < e2 && e2 < e1);
}

START_TEST(crossing_random_spans)
{
	/* Spans over the words of "w0 w1 ... w19" (word k is token 2k), made
	 * in a random order: the output is well-formed and keeps exactly the
	 * spans that cross none kept before them in the order made. */
	unsigned seed = 12345;
	for (int round = 0; round < 300; round++) {
		um_doc *doc = tu_doc("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 "
		                     "w13 w14 w15 w16 w17 w18 w19");
		int b[24], e[24], n = 4 + round % 20, kept = 0, found = 0;
		char *out, *at;
		um_annot *a;
		um_doc_set_author(doc, "r");
		for (int i = 0; i < n; i++) {
			int x, y;
			seed = seed * 1103515245u + 12345u;
			x = (int)(seed >> 16) % 20;
			seed = seed * 1103515245u + 12345u;
			y = (int)(seed >> 16) % 20;
			b[i] = 2 * (x < y ? x : y);
			e[i] = 2 * (x < y ? y : x) + 1;
			ck_assert_int_eq(um_annot_add(doc, "s", (size_t)b[i],
			                              (size_t)e[i], &a), 0);
		}
		/* e[j] < 0: j was left out */
		for (int i = 0; i < n; i++) {
			int keep = 1;
			for (int j = 0; j < i && keep; j++)
				keep = !(e[j] >= 0 && cross(b[i], e[i], b[j], e[j]));
			if (!keep)
				e[i] = -1 - e[i];
			kept += keep;
		}
		out = write_doc(doc, UM_OUT_XML);
		ck_assert_int_eq(well_formed(out), 1);
		for (at = out; (at = strstr(at, "<s ")) != NULL; at++)
			found++;
		ck_assert_int_eq(found, kept);
		free(out);
		um_doc_free(doc);
	}
}
END_TEST

START_TEST(hostile_content_stays_well_formed)
{
	/* Text set without normalisation: controls, a C1 control, U+FFFE. */
	static const char text[] = "a\x01" "b\xC2\x80" "c\xEF\xBF\xBE" "]]> d";
	um_doc *doc = um_doc_new();
	um_annot *a;
	char *out;
	ck_assert_int_eq(um_doc_set_text(doc, text, sizeof(text) - 1), 0);
	um_doc_tokenize(doc);
	ck_assert_int_eq(um_doc_meta_set(doc, "title", "t\x1B\xFF"), 0);
	um_doc_set_author(doc, "p");
	ck_assert_int_eq(um_annot_add_doc(doc, "tag", &a), 0);
	ck_assert_int_eq(um_annot_set(doc, a, "v", "\x01\xFF\n"), 0);

	out = write_doc(doc, UM_OUT_XML);
	ck_assert_str_eq(out, "<document source=\"-\">\n"
		"<meta name=\"title\">t" REPL REPL "</meta>\n"
		"<text xml:space=\"preserve\">"
		"a" REPL "b" REPL "c" REPL "]]&gt; d</text>\n"
		"<tags>\n"
		"<tag id=\"a1\" by=\"p\" v=\"" REPL REPL "&#10;\"/>\n"
		"</tags>\n"
		"</document>\n");
	ck_assert_int_eq(well_formed(out), 1);
	free(out);

	out = write_doc(doc, UM_OUT_STANDOFF);
	ck_assert_str_eq(out, "<document source=\"-\">\n"
		"<meta name=\"title\">t" REPL REPL "</meta>\n"
		"<text xml:space=\"preserve\">"
		"a" REPL "b" REPL "c" REPL "]]&gt; d</text>\n"
		"<annotations>\n"
		"<annotation id=\"a1\" layer=\"tag\" by=\"p\">\n"
		"<attr name=\"v\">" REPL REPL "\n</attr>\n"
		"</annotation>\n"
		"</annotations>\n"
		"</document>\n");
	ck_assert_int_eq(well_formed(out), 1);
	free(out);
	um_doc_free(doc);
}
END_TEST

START_TEST(stream_begin_and_end)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	um_doc *doc = tu_doc("x");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(um_write_begin(f, "corpus"), 0);
	ck_assert_int_eq(um_write_doc(f, doc, UM_OUT_XML), 0);
	ck_assert_int_eq(um_write_doc(f, doc, UM_OUT_STANDOFF), 0);
	ck_assert_int_eq(um_write_end(f, "corpus"), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_str_eq(buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<corpus generator=\"unmine " PACKAGE_VERSION "\">\n"
		"<document source=\"-\">\n<text xml:space=\"preserve\">x</text>\n"
		"</document>\n"
		"<document source=\"-\">\n<text xml:space=\"preserve\">x</text>\n"
		"</document>\n"
		"</corpus>\n");
	ck_assert_int_eq(well_formed(buf), 1);
	free(buf);

	buf = NULL;
	f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(um_write_begin(f, NULL), 0);
	ck_assert_int_eq(um_write_doc(f, doc, UM_OUT_XML), 0);
	ck_assert_int_eq(um_write_end(f, NULL), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_str_eq(buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<document source=\"-\">\n<text xml:space=\"preserve\">x</text>\n"
		"</document>\n");
	ck_assert_int_eq(well_formed(buf), 1);
	free(buf);
	um_doc_free(doc);
}
END_TEST

START_TEST(output_names)
{
	int out = -1;
	ck_assert_int_eq(um_output_parse("xml", &out), 0);
	ck_assert_int_eq(out, UM_OUT_XML);
	ck_assert_int_eq(um_output_parse("standoff", &out), 0);
	ck_assert_int_eq(out, UM_OUT_STANDOFF);
	out = -1;
	ck_assert_int_eq(um_output_parse("html", &out), UM_EINVAL);
	ck_assert_int_eq(um_output_parse("", &out), UM_EINVAL);
	ck_assert_int_eq(um_output_parse("XML", &out), UM_EINVAL);
	ck_assert_int_eq(out, -1);
}
END_TEST

Suite *xmlout_suite(void)
{
	Suite *s = suite_create("xmlout");
	TCase *te = tcase_create("escape");
	TCase *tw = tcase_create("writer");

	tcase_add_test(te, text_markup_escaped);
	tcase_add_test(te, text_length_respected);
	tcase_add_test(te, text_appends);
	tcase_add_test(te, text_tab_newline_kept);
	tcase_add_test(te, text_carriage_return_not_raw);
	tcase_add_test(te, text_controls_replaced);
	tcase_add_test(te, text_c1_controls);
	tcase_add_test(te, text_invalid_utf8_replaced);
	tcase_add_test(te, text_truncated_sequence_one_replacement);
	tcase_add_test(te, text_noncharacters_replaced);
	tcase_add_test(te, text_multibyte_kept);
	tcase_add_test(te, attr_escaped);
	tcase_add_test(te, attr_whitespace_as_references);
	tcase_add_test(te, attr_forbidden_replaced);
	suite_add_tcase(s, te);

	tcase_add_test(tw, inline_output);
	tcase_add_test(tw, standoff_output);
	tcase_add_test(tw, standoff_text_round_trips);
	tcase_add_test(tw, no_annotations);
	tcase_add_test(tw, same_span_nests_in_id_order);
	tcase_add_test(tw, crossing_keeps_the_one_added_first);
	tcase_add_test(tw, crossing_decided_in_the_order_made);
	tcase_add_test(tw, crossing_random_spans);
	tcase_add_test(tw, hostile_content_stays_well_formed);
	tcase_add_test(tw, stream_begin_and_end);
	tcase_add_test(tw, output_names);
	suite_add_tcase(s, tw);
	return s;
}
