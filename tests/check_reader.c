/* Tests: text, XML and HTML, plain or gzip, read into normalised documents;
 * bad input refused. */
#define _GNU_SOURCE
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "internal.h"
#include "suites.h"
#include "testutil.h"

/* A temporary directory for the tests that need files: one per test case,
 * made and removed outside the forked tests, so that a failing test leaves
 * nothing behind. Every test uses names of its own in it. */
static char *tmp;

static void make_tmp(void)
{
	tmp = tu_tempdir();
}

static void remove_tmp(void)
{
	tu_rmtree(tmp);
	free(tmp);
	tmp = NULL;
}

/* What *ret must still hold after a failure: results are set only on
 * success. */
static int sentinel_object;
#define SENTINEL ((um_doc *)(void *)&sentinel_object)

/* Reads len bytes as a document named name; the read must succeed. */
static um_doc *rd(const char *buf, size_t len, const char *name,
                  const um_read_options *opt)
{
	char err[512] = "";
	um_doc *doc = SENTINEL;
	int r = um_read_memory(buf, len, name, opt, &doc, err, sizeof(err));
	ck_assert_msg(r == 0, "reading %s: %d (%s)", name ? name : "-", r, err);
	ck_assert_ptr_ne(doc, SENTINEL);
	ck_assert_ptr_nonnull(doc);
	return doc;
}

/* The same for a string literal, which may hold NUL bytes. */
#define RD(lit, name, opt) rd((lit), sizeof(lit) - 1, (name), (opt))

/* Reads len bytes that must be refused; returns the code, err filled. */
static int rd_fail(const char *buf, size_t len, const char *name,
                   const um_read_options *opt, char *err, size_t errlen)
{
	um_doc *doc = SENTINEL;
	int r = um_read_memory(buf, len, name, opt, &doc, err, errlen);
	if (doc != SENTINEL && r == 0)
		um_doc_free(doc);
	ck_assert_msg(r != 0, "%s was not refused", name ? name : "-");
	ck_assert_ptr_eq(doc, SENTINEL);
	return r;
}

/* Reads a file that must be refused; returns the code, err filled. */
static int rf_fail(const char *path, const um_read_options *opt, char *err,
                   size_t errlen)
{
	um_doc *doc = SENTINEL;
	int r = um_read_file(path, opt, &doc, err, errlen);
	if (doc != SENTINEL && r == 0)
		um_doc_free(doc);
	ck_assert_msg(r != 0, "%s was not refused", path);
	ck_assert_ptr_eq(doc, SENTINEL);
	return r;
}

static void assert_text(const um_doc *doc, const char *want)
{
	size_t len;
	const char *text = um_doc_text(doc, &len);
	ck_assert_str_eq(text, want);
	ck_assert_uint_eq(len, strlen(want));
}

static void assert_no_warnings(const um_doc *doc)
{
	ck_assert_msg(um_doc_warning_count(doc) == 0, "unexpected warning: %s",
	              um_doc_warning_at(doc, 0));
}

/* Reads s and checks its format name and text. */
static void check_read(const char *s, const char *name, int format,
                       const char *want)
{
	um_doc *doc = rd(s, strlen(s), name, NULL);
	ck_assert_str_eq(um_doc_meta(doc, "format"), um_format_name(format));
	assert_text(doc, want);
	um_doc_free(doc);
}

/*
 * What a read gave, copied so that the document is freed before anything
 * is asserted: a failing assertion (which leaves the test at once under
 * CK_FORK=no) then loses no memory. The text is cut at the buffer's size;
 * len and last are those of the whole text.
 */
static struct snap {
	int r;
	char err[512];
	char text[8192];
	size_t len;
	char last;
	size_t nwarn;
	char warn[512];
	char title[512];
	char format[16];
} snap;

static void take_doc(um_doc *doc)
{
	const char *t = um_doc_text(doc, &snap.len), *v;
	snprintf(snap.text, sizeof(snap.text), "%s", t);
	snap.last = snap.len ? t[snap.len - 1] : '\0';
	snap.nwarn = um_doc_warning_count(doc);
	if (snap.nwarn)
		snprintf(snap.warn, sizeof(snap.warn), "%s",
		         um_doc_warning_at(doc, 0));
	if ((v = um_doc_meta(doc, "title")) != NULL)
		snprintf(snap.title, sizeof(snap.title), "%s", v);
	if ((v = um_doc_meta(doc, "format")) != NULL)
		snprintf(snap.format, sizeof(snap.format), "%s", v);
	um_doc_free(doc);
}

static void take(const char *buf, size_t len, const char *name,
                 const um_read_options *opt)
{
	um_doc *doc = SENTINEL;
	memset(&snap, 0, sizeof(snap));
	snap.r = um_read_memory(buf, len, name, opt, &doc, snap.err,
	                        sizeof(snap.err));
	if (snap.r == 0 && doc != SENTINEL)
		take_doc(doc);
}

#define TAKE(lit, name, opt) take((lit), sizeof(lit) - 1, (name), (opt))

static void take_file(const char *path)
{
	um_doc *doc = SENTINEL;
	memset(&snap, 0, sizeof(snap));
	snap.r = um_read_file(path, NULL, &doc, snap.err, sizeof(snap.err));
	if (snap.r == 0 && doc != SENTINEL)
		take_doc(doc);
}

#define ASSERT_READ() ck_assert_msg(snap.r == 0, "refused: %d (%s)", \
                                    snap.r, snap.err)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Plain text. */

START_TEST(txt_text_and_metadata)
{
	um_doc *doc = RD("The Council met.\nIt adjourned at 1 p.m.\n",
	                 "S_PV_6000.txt", NULL);
	assert_text(doc, "The Council met.\nIt adjourned at 1 p.m.\n");
	ck_assert_str_eq(um_doc_meta(doc, "source"), "S_PV_6000.txt");
	ck_assert_str_eq(um_doc_meta(doc, "format"), "txt");
	ck_assert_str_eq(um_doc_meta(doc, "language"), "en");
	ck_assert_ptr_null(um_doc_meta(doc, "symbol"));
	ck_assert_ptr_null(um_doc_meta(doc, "title"));
	ck_assert_ptr_null(um_doc_meta(doc, "date"));
	ck_assert_uint_eq(um_doc_meta_count(doc), 3);
	assert_no_warnings(doc);
	um_doc_free(doc);
}
END_TEST

START_TEST(txt_line_ends_and_controls)
{
	/* CR LF and CR become LF; form feed, vertical tab, NEL and U+2028
	 * are line ends; U+2029 separates paragraphs; other controls that
	 * XML 1.0 forbids become spaces; tab stays. */
	um_doc *doc = RD("a\r\nb\rc\x01" "d\x1B" "e\tf\fg\vh\xC2\x85i"
	                 "\xE2\x80\xA8j\xE2\x80\xA9k", "ctl.txt", NULL);
	assert_text(doc, "a\nb\nc d e\tf\ng\nh\ni\nj\n\nk");
	assert_no_warnings(doc);
	um_doc_free(doc);
}
END_TEST

START_TEST(language_default_and_option)
{
	um_read_options opt = { UM_FMT_AUTO, 0, NULL, "fr" };
	um_doc *doc = RD("Le Conseil.", "fr.txt", &opt);
	ck_assert_str_eq(um_doc_meta(doc, "language"), "fr");
	um_doc_free(doc);
	/* What the input states wins over the option. */
	doc = RD("<doc xml:lang=\"es\"><p>El Consejo.</p></doc>", "es.xml", &opt);
	ck_assert_str_eq(um_doc_meta(doc, "language"), "es");
	um_doc_free(doc);
	doc = RD("<html lang=\"ar\"><body><p>x</p></body></html>", "ar.html",
	         &opt);
	ck_assert_str_eq(um_doc_meta(doc, "language"), "ar");
	um_doc_free(doc);
	/* NULL means "en" for every format. */
	doc = RD("<doc><p>The Council.</p></doc>", "en.xml", NULL);
	ck_assert_str_eq(um_doc_meta(doc, "language"), "en");
	um_doc_free(doc);
	doc = RD("<html><body><p>x</p></body></html>", "en.html", NULL);
	ck_assert_str_eq(um_doc_meta(doc, "language"), "en");
	um_doc_free(doc);
}
END_TEST

START_TEST(format_names)
{
	int f = -1;
	ck_assert_str_eq(um_format_name(UM_FMT_AUTO), "auto");
	ck_assert_str_eq(um_format_name(UM_FMT_TXT), "txt");
	ck_assert_str_eq(um_format_name(UM_FMT_XML), "xml");
	ck_assert_str_eq(um_format_name(UM_FMT_HTML), "html");
	ck_assert_str_eq(um_format_name(UM_FMT_JSONL), "jsonl");
	ck_assert_int_eq(um_format_parse("jsonl", &f), 0);
	ck_assert_int_eq(f, UM_FMT_JSONL);
	ck_assert_ptr_null(um_format_name(5));
	ck_assert_ptr_null(um_format_name(-1));
	ck_assert_int_eq(um_format_parse("html", &f), 0);
	ck_assert_int_eq(f, UM_FMT_HTML);
	ck_assert_int_eq(um_format_parse("auto", &f), 0);
	ck_assert_int_eq(f, UM_FMT_AUTO);
	f = 42;
	ck_assert_int_eq(um_format_parse("pdf", &f), UM_EINVAL);
	ck_assert_int_eq(um_format_parse("XML", &f), UM_EINVAL);
	ck_assert_int_eq(f, 42);
}
END_TEST

START_TEST(format_by_extension)
{
	check_read("<p>x &amp; y</p>", "a.xml", UM_FMT_XML, "x & y");
	check_read("<p>x &amp; y</p>", "A.XML", UM_FMT_XML, "x & y");
	check_read("<p>x &amp; y</p>", "a.tei", UM_FMT_XML, "x & y");
	check_read("<p>x &amp; y</p>", "a.txt", UM_FMT_TXT, "<p>x &amp; y</p>");
	check_read("<p>x &amp; y</p>", "a.text", UM_FMT_TXT, "<p>x &amp; y</p>");
	check_read("<p>x &amp; y</p>", "a.htm", UM_FMT_HTML, "x & y");
	check_read("<p>x &amp; y</p>", "dir/a.html", UM_FMT_HTML, "x & y");
	check_read("<p>x &amp; y</p>", "a.xhtml", UM_FMT_HTML, "x & y");
	/* A dot in a directory name is no extension. */
	check_read("Plain <b>words</b>", "dir.xml/notes", UM_FMT_TXT,
	           "Plain <b>words</b>");
}
END_TEST

START_TEST(format_by_content)
{
	check_read("<?xml version=\"1.0\"?>\n<r>Hi</r>", "notes", UM_FMT_XML,
	           "Hi");
	check_read("  \n<r>Hi</r>", "notes", UM_FMT_XML, "Hi");
	check_read("<!DOCTYPE html>\n<p>Hi</p>", "notes", UM_FMT_HTML, "Hi");
	check_read("<HTML><body>Hi</body></HTML>", "notes", UM_FMT_HTML, "Hi");
	check_read("<3 is a heart", "notes", UM_FMT_TXT, "<3 is a heart");
	check_read("Plain text", "report.pdf", UM_FMT_TXT, "Plain text");
	check_read("<r>Hi</r>", "report.doc", UM_FMT_XML, "Hi");
	/* No name: source "-", format by content. */
	{
		um_doc *doc = RD("Plain words.", NULL, NULL);
		ck_assert_str_eq(um_doc_meta(doc, "source"), "-");
		ck_assert_str_eq(um_doc_meta(doc, "format"), "txt");
		assert_text(doc, "Plain words.");
		um_doc_free(doc);
	}
}
END_TEST

START_TEST(format_forced)
{
	um_read_options opt = { UM_FMT_TXT, 0, NULL, NULL };
	um_doc *doc = RD("<p>x &amp; y</p>", "a.xml", &opt);
	ck_assert_str_eq(um_doc_meta(doc, "format"), "txt");
	assert_text(doc, "<p>x &amp; y</p>");
	um_doc_free(doc);
	opt.format = UM_FMT_HTML;
	doc = RD("<p>x &amp; y</p>", "a.txt", &opt);
	ck_assert_str_eq(um_doc_meta(doc, "format"), "html");
	assert_text(doc, "x & y");
	um_doc_free(doc);
}
END_TEST

START_TEST(read_stdin_dash)
{
	char *path = tu_write(tmp, "in.txt", "From a pipe.\n", 13);
	char err[256] = "";
	um_doc *doc = NULL;
	int saved = dup(STDIN_FILENO), fd = open(path, O_RDONLY), r;
	ck_assert_int_ge(saved, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	r = um_read_file("-", NULL, &doc, err, sizeof(err));
	ck_assert_int_eq(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	ck_assert_int_eq(r, 0);
	ck_assert_str_eq(um_doc_meta(doc, "source"), "-");
	ck_assert_str_eq(um_doc_meta(doc, "format"), "txt");
	assert_text(doc, "From a pipe.\n");
	um_doc_free(doc);
	free(path);
}
END_TEST

/* XML. */

START_TEST(xml_tei_header_metadata)
{
	um_doc *doc = RD(
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<TEI xml:lang=\"fr\">\n"
		"<teiHeader>\n"
		"<fileDesc>\n"
		"<titleStmt><title>Rapport du Secr\xC3\xA9taire g\xC3\xA9n\xC3\xA9ral"
		"</title></titleStmt>\n"
		"<publicationStmt>\n"
		"<idno type=\"jobno\">N0955776</idno>\n"
		"<idno type=\"symbol\">A/64/504</idno>\n"
		"<date when=\"2009-10-14\">14 octobre 2009</date>\n"
		"</publicationStmt>\n"
		"</fileDesc>\n"
		"</teiHeader>\n"
		"<text><body>\n"
		"<p>Premier paragraphe.</p>\n"
		"<p>Second paragraphe.</p>\n"
		"</body></text>\n"
		"</TEI>\n", "A_64_504.xml", NULL);
	ck_assert_str_eq(um_doc_meta(doc, "source"), "A_64_504.xml");
	ck_assert_str_eq(um_doc_meta(doc, "format"), "xml");
	ck_assert_str_eq(um_doc_meta(doc, "language"), "fr");
	ck_assert_str_eq(um_doc_meta(doc, "title"),
	                 "Rapport du Secr\xC3\xA9taire g\xC3\xA9n\xC3\xA9ral");
	ck_assert_str_eq(um_doc_meta(doc, "symbol"), "A/64/504");
	ck_assert_str_eq(um_doc_meta(doc, "date"), "2009-10-14");
	/* Nothing of the header is text. */
	assert_text(doc, "Premier paragraphe.\n\nSecond paragraphe.");
	assert_no_warnings(doc);
	um_doc_free(doc);
}
END_TEST

START_TEST(xml_header_text_fields)
{
	/* Fields without attributes take their folded text; other header
	 * names (metadata, docinfo) are headers too. */
	um_doc *doc = RD(
		"<doc>\n"
		"<metadata>\n"
		"  <title>\n    Report of the\n    Secretary-General\n  </title>\n"
		"  <symbol>S/2012/34</symbol>\n"
		"  <date>13 January 2012</date>\n"
		"</metadata>\n"
		"<body><p>Text.</p></body>\n"
		"</doc>\n", "s.xml", NULL);
	ck_assert_str_eq(um_doc_meta(doc, "title"),
	                 "Report of the Secretary-General");
	ck_assert_str_eq(um_doc_meta(doc, "symbol"), "S/2012/34");
	ck_assert_str_eq(um_doc_meta(doc, "date"), "13 January 2012");
	ck_assert_str_eq(um_doc_meta(doc, "language"), "en");
	assert_text(doc, "Text.");
	um_doc_free(doc);
	doc = RD("<doc><docinfo><title>T</title></docinfo><p>Body.</p></doc>",
	         "d.xml", NULL);
	ck_assert_str_eq(um_doc_meta(doc, "title"), "T");
	assert_text(doc, "Body.");
	um_doc_free(doc);
}
END_TEST

START_TEST(xml_root_attributes)
{
	um_doc *doc = RD("<document symbol=\"A/RES/78/11\" date=\"2023-11-28\" "
	                 "lang=\"fr\" title=\"Le Golan syrien\" id=\"x1\">"
	                 "<p>Texte.</p></document>", "r.xml", NULL);
	ck_assert_str_eq(um_doc_meta(doc, "symbol"), "A/RES/78/11");
	ck_assert_str_eq(um_doc_meta(doc, "date"), "2023-11-28");
	ck_assert_str_eq(um_doc_meta(doc, "language"), "fr");
	ck_assert_str_eq(um_doc_meta(doc, "title"), "Le Golan syrien");
	ck_assert_ptr_null(um_doc_meta(doc, "id"));
	assert_text(doc, "Texte.");
	um_doc_free(doc);
}
END_TEST

START_TEST(xml_blocks_inline_and_whitespace)
{
	um_doc *doc = RD(
		"<doc>\n"
		"  <head>Introduction</head>\n"
		"  <p>The <hi rend=\"italic\">General</hi> Assem<hi>bly</hi>"
		" met.</p>\n"
		"  <p>It <b>adopted</b>   a\t\tdecision<!-- note -->s<?pi x?>.</p>\n"
		"  <div><p>  Nested   block.  </p></div>\n"
		"</doc>\n", "b.xml", NULL);
	assert_text(doc, "Introduction\n\nThe General Assembly met.\n\n"
	            "It adopted a decisions.\n\nNested block.");
	um_doc_free(doc);
}
END_TEST

START_TEST(xml_line_structure)
{
	/* In XML a line break inside a block is kept, a blank line separates
	 * paragraphs, <lb/> breaks a line. */
	um_doc *doc = RD("<p>line one\nline two\n\n  new para<lb/>last line</p>",
	                 "l.xml", NULL);
	assert_text(doc, "line one\nline two\n\nnew para\nlast line");
	um_doc_free(doc);
}
END_TEST

START_TEST(xml_sentences_adjacent)
{
	TAKE("<doc><p><s>First sentence.</s><s>Second one.</s></p>"
	     "<p><s>Next paragraph.</s></p></doc>", "s.xml", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "First sentence. Second one.\n\n"
	                 "Next paragraph.");
}
END_TEST

START_TEST(xml_sentences_on_lines)
{
	/* The UN Parallel Corpus layout: one <s> per line. The line breaks
	 * are indentation, not text: sentences of a paragraph are separated
	 * by one space. */
	TAKE("<doc>\n<p id=\"1\">\n<s id=\"1:1\">First sentence.</s>\n"
	     "<s id=\"1:2\">Second one.</s>\n</p>\n<p id=\"2\">\n"
	     "<s id=\"2:1\">Next paragraph.</s>\n</p>\n</doc>\n", "unpc.xml",
	     NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "First sentence. Second one.\n\n"
	                 "Next paragraph.");
}
END_TEST

START_TEST(xml_milestone_does_not_split)
{
	/* An empty element holds no text: a page break milestone inside a
	 * paragraph leaves the paragraph whole. */
	TAKE("<doc><p>the General <pb n=\"2\"/>Assembly decided</p></doc>",
	     "pb.xml", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "the General Assembly decided");
}
END_TEST

START_TEST(xml_elements_option)
{
	static const char *const only_p[] = { "p", NULL };
	um_read_options opt = { UM_FMT_AUTO, 0, only_p, NULL };
	um_doc *doc = RD(
		"<doc><teiHeader><title>T</title></teiHeader>"
		"<head>Heading</head>"
		"<p>Body <hi>one</hi>.</p>"
		"<note>A note.</note>"
		"<list><item>Item</item></list>"
		"<p>Body two.</p></doc>", "e.xml", &opt);
	assert_text(doc, "Body one.\n\nBody two.");
	/* The header is still read. */
	ck_assert_str_eq(um_doc_meta(doc, "title"), "T");
	um_doc_free(doc);
}
END_TEST

START_TEST(xml_predefined_entities_and_cdata)
{
	um_doc *doc = RD("<r><p>A &amp; B &lt;C&gt; caf&#233; &#x4E2D;</p>"
	                 "<p><![CDATA[x < y]]> and z</p></r>", "c.xml", NULL);
	assert_text(doc, "A & B <C> caf\xC3\xA9 \xE4\xB8\xAD\n\nx < y and z");
	assert_no_warnings(doc);
	um_doc_free(doc);
}
END_TEST

START_TEST(xml_metadata_nfc)
{
	/* Metadata goes out next to NFC text and is compared with it: it is
	 * NFC as well. */
	TAKE("<r><teiHeader><title>Re\xCC\x81sume\xCC\x81</title>"
	     "</teiHeader><p>Re\xCC\x81sume\xCC\x81</p></r>", "nfd.xml", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "R\xC3\xA9sum\xC3\xA9");
	ck_assert_str_eq(snap.title, "R\xC3\xA9sum\xC3\xA9");
}
END_TEST

/* HTML. */

START_TEST(html_text_and_metadata)
{
	um_doc *doc = RD(
		"<!DOCTYPE html>\n"
		"<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<title>Informe  del\n Consejo</title>\n"
		"<style>p { color: red }</style>\n"
		"<script>var x = \"<p>no</p>\";</script>\n"
		"</head>\n<body>\n"
		"<h1>Informe</h1>\n"
		"<p>El <b>Consejo</b> de Se<i>guridad</i>   se\n  reuni\xC3\xB3.</p>\n"
		"<script>document.write(\"hidden\");</script>\n"
		"<style>.a { display: none }</style>\n"
		"<p>a<br>b</p>\n"
		"<pre>line one\nline two</pre>\n"
		"</body>\n</html>\n", "informe.html", NULL);
	ck_assert_str_eq(um_doc_meta(doc, "format"), "html");
	ck_assert_str_eq(um_doc_meta(doc, "language"), "es");
	ck_assert_str_eq(um_doc_meta(doc, "title"), "Informe del Consejo");
	assert_text(doc, "Informe\n\nEl Consejo de Seguridad se reuni\xC3\xB3."
	            "\n\na\nb\n\nline one\nline two");
	assert_no_warnings(doc);
	um_doc_free(doc);
}
END_TEST

START_TEST(html_pre_keeps_its_own_lines_only)
{
	/* an empty <pre>, and one inside another: line ends are kept inside
	 * the outer one only, and folded again after it */
	um_doc *doc = RD(
		"<html><body><pre></pre><p>one\ntwo</p>"
		"<pre>a\nb<pre>c\nd</pre>e\nf</pre>"
		"<p>three\nfour</p></body></html>", "pre.html", NULL);
	assert_text(doc, "one two\n\na\nb\n\nc\nd\n\ne\nf\n\nthree four");
	um_doc_free(doc);
}
END_TEST

START_TEST(html_meta_symbol_and_date)
{
	um_doc *doc = RD(
		"<html><head><title>Letter</title>"
		"<meta name=\"symbol\" content=\"S/2012/34\">"
		"<meta name=\"date\" content=\"2012-01-13\">"
		"</head><body><p>I have the honour.</p></body></html>",
		"S_2012_34.html", NULL);
	ck_assert_str_eq(um_doc_meta(doc, "symbol"), "S/2012/34");
	ck_assert_str_eq(um_doc_meta(doc, "date"), "2012-01-13");
	ck_assert_str_eq(um_doc_meta(doc, "title"), "Letter");
	assert_text(doc, "I have the honour.");
	um_doc_free(doc);
	doc = RD("<html><head><meta name=\"DC.Identifier\" content=\"A/RES/78/11\">"
	         "<meta name=\"dc.date\" content=\"2023-11-28\">"
	         "<meta name=\"dc.language\" content=\"fr\">"
	         "</head><body>x</body></html>", "dc.html", NULL);
	ck_assert_str_eq(um_doc_meta(doc, "symbol"), "A/RES/78/11");
	ck_assert_str_eq(um_doc_meta(doc, "date"), "2023-11-28");
	ck_assert_str_eq(um_doc_meta(doc, "language"), "fr");
	um_doc_free(doc);
}
END_TEST

START_TEST(html_declared_charset)
{
	um_doc *doc = RD("<html><head><meta http-equiv=\"Content-Type\" "
	                 "content=\"text/html; charset=windows-1252\"></head>"
	                 "<body><p>\x93quoted\x94 caf\xE9</p></body></html>",
	                 "cp.html", NULL);
	assert_text(doc, "\xE2\x80\x9Cquoted\xE2\x80\x9D caf\xC3\xA9");
	assert_no_warnings(doc);
	um_doc_free(doc);
}
END_TEST

START_TEST(declared_charset_bad_bytes)
{
	/* A byte the declared charset does not have is U+FFFD with a
	 * warning, and the rest of the document is read: libxml2 would end
	 * it there, without a word. */
	TAKE("<html><head><meta charset=\"windows-1252\"></head><body><p>"
	     "\x93" "a\x94 \x81 b</p><p>second</p></body></html>", "w.html", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "\xE2\x80\x9C" "a\xE2\x80\x9D \xEF\xBF\xBD b"
	                 "\n\nsecond");
	ck_assert_uint_eq(snap.nwarn, 1);
	ck_assert_str_eq(snap.warn, "invalid windows-1252: 1 byte sequence "
	                 "replaced with U+FFFD, the first at byte offset 61");
	TAKE("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<d><p>\x82\xA0 "
	     "\xFF end</p><p>two</p></d>", "sj.xml", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "\xE3\x81\x82 \xEF\xBF\xBD end\n\ntwo");
	ck_assert_uint_eq(snap.nwarn, 1);
	ck_assert_str_eq(snap.warn, "invalid Shift_JIS: 1 byte sequence "
	                 "replaced with U+FFFD, the first at byte offset 52");
	/* labels read as browsers read them: "us-ascii" is windows-1252,
	 * "shift_jis" has Microsoft's characters ("\x87\x40" is U+2460) */
	TAKE("<html><head><meta charset=us-ascii></head><body><p>Pr\xC3\xA9s "
	     "\x80</p></body></html>", "a.html", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "Pr\xC3\x83\xC2\xA9s \xE2\x82\xAC");
	ck_assert_uint_eq(snap.nwarn, 0);
	TAKE("<html><head><meta charset='Shift_JIS'></head><body><p>\x87\x40"
	     "</p></body></html>", "s.html", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "\xE2\x91\xA0");
	/* a charset no one knows: UTF-8, said */
	TAKE("<html><head><meta charset=\"x-none\"></head><body><p>caf\xC3\xA9"
	     "</p></body></html>", "x.html", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "caf\xC3\xA9");
	ck_assert_uint_eq(snap.nwarn, 1);
	ck_assert_str_eq(snap.warn, "unknown charset x-none; read as UTF-8");
}
END_TEST

START_TEST(html_invalid_utf8_warns)
{
	/* The contract holds for every format: U+FFFD and a warning. */
	TAKE("<html><body><p>Caf\xE9 ok</p></body></html>", "bad.html", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "Caf\xEF\xBF\xBD ok");
	ck_assert_uint_eq(snap.nwarn, 1);
	ck_assert_str_eq(snap.warn, "invalid UTF-8: 1 byte sequence replaced "
	                 "with U+FFFD, the first at byte offset 18");
}
END_TEST

/* Encodings. */

START_TEST(utf8_bom_dropped)
{
	um_doc *doc = RD("\xEF\xBB\xBFHello", "bom.txt", NULL);
	assert_text(doc, "Hello");
	um_doc_free(doc);
	doc = RD("\xEF\xBB\xBF<?xml version=\"1.0\"?><r>Hi</r>", "bom", NULL);
	ck_assert_str_eq(um_doc_meta(doc, "format"), "xml");
	assert_text(doc, "Hi");
	um_doc_free(doc);
	doc = RD("\xEF\xBB\xBF<!DOCTYPE html><html><body><p>Hi</p></body></html>",
	         "bom", NULL);
	ck_assert_str_eq(um_doc_meta(doc, "format"), "html");
	assert_text(doc, "Hi");
	um_doc_free(doc);
}
END_TEST

START_TEST(utf16le_bom_converted)
{
	/* "Caf\u00e9 \u4E2D\U0001F600" */
	um_doc *doc = RD("\xFF\xFE" "C\0a\0f\0\xE9\0 \0\x2D\x4E\x3D\xD8\x00\xDE",
	                 "u16.txt", NULL);
	assert_text(doc, "Caf\xC3\xA9 \xE4\xB8\xAD\xF0\x9F\x98\x80");
	assert_no_warnings(doc);
	um_doc_free(doc);
	doc = RD("\xFF\xFE<\0r\0>\0H\0i\0<\0/\0r\0>\0", "u16.xml", NULL);
	assert_text(doc, "Hi");
	um_doc_free(doc);
}
END_TEST

START_TEST(utf16be_bom_converted)
{
	um_doc *doc = RD("\xFE\xFF\0C\0a\0f\0\xE9\0 \x4E\x2D", "u16.txt", NULL);
	assert_text(doc, "Caf\xC3\xA9 \xE4\xB8\xAD");
	um_doc_free(doc);
}
END_TEST

START_TEST(utf16_xml_with_declaration)
{
	/* How UTF-16 XML files usually start: a BOM and a declaration that
	 * says so. */
	TAKE("\xFF\xFE<\0?\0x\0m\0l\0 \0v\0e\0r\0s\0i\0o\0n\0=\0\"\0001\0.\0"
	     "0\0\"\0 \0e\0n\0c\0o\0d\0i\0n\0g\0=\0\"\0U\0T\0F\0-\0001\0006\0"
	     "\"\0?\0>\0<\0r\0>\0H\0i\0<\0/\0r\0>\0", "u16.xml", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.format, "xml");
	ck_assert_str_eq(snap.text, "Hi");
}
END_TEST

START_TEST(utf32_and_wide_xml_without_mark)
{
	char err[256] = "";
	/* UTF-32 with its byte-order mark (here little-endian) */
	TAKE("\xFF\xFE\0\0H\0\0\0\xE9\0\0\0", "u32.txt", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "H\xC3\xA9");
	/* XML in UTF-32 or UTF-16 without a mark, told by how "<" is
	 * written (XML 1.0, appendix F) */
	TAKE("\0\0\0<\0\0\0r\0\0\0>\0\0\0H\0\0\0<\0\0\0/\0\0\0r\0\0\0>",
	     "u32be.xml", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "H");
	TAKE("<\0?\0x\0m\0l\0 \0v\0e\0r\0s\0i\0o\0n\0=\0\"\0" "1\0.\0" "0\0\"\0"
	     "?\0>\0<\0r\0>\0H\0i\0<\0/\0r\0>\0", "u16le.xml", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.format, "xml");
	ck_assert_str_eq(snap.text, "Hi");
	/* the same decoder as with a mark: an unpaired surrogate is one
	 * U+FFFD, the rest read in step; a NUL at its offset in the file */
	TAKE("<\0r\0>\0H\0\x00\xDCi\0<\0/\0r\0>\0", "s.xml", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "H\xEF\xBF\xBDi");
	ck_assert_uint_eq(snap.nwarn, 1);
	ck_assert_str_eq(snap.warn, "invalid UTF-16: 1 unpaired surrogate "
	                 "replaced with U+FFFD, the first at byte offset 8");
	ck_assert_int_eq(rd_fail("<\0a\0\0\0", 6, "n.xml", NULL, err,
	                         sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "binary file (UTF-16 NUL character at byte "
	                 "offset 4)");
	/* a wide label on bytes that are not: UTF-8, as browsers read it */
	TAKE("<html><head><meta charset=\"utf-16\"></head><body><p>caf\xC3\xA9"
	     "</p></body></html>", "l.html", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "caf\xC3\xA9");
	TAKE("<?xml version=\"1.0\" encoding=\"UTF-16\"?><r>caf\xC3\xA9</r>",
	     "l.xml", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "caf\xC3\xA9");
	/* a NUL character at its offset in the file */
	ck_assert_int_eq(rd_fail("\xFF\xFE\0\0H\0\0\0\0\0\0\0", 12, "n.txt", NULL,
	                         err, sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "binary file (UTF-32LE NUL character at byte "
	                 "offset 8)");
}
END_TEST

START_TEST(utf16_unpaired_surrogate_repaired)
{
	/* An invalid UTF-16 unit is an invalid byte sequence like any other:
	 * U+FFFD with a warning, not a refused document. */
	TAKE("\xFF\xFE" "H\0\x00\xD8i\0", "u16.txt", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "H\xEF\xBF\xBDi");
	ck_assert_uint_eq(snap.nwarn, 1);
	ck_assert_str_eq(snap.warn, "invalid UTF-16: 1 unpaired surrogate "
	                 "replaced with U+FFFD, the first at byte offset 4");
	/* an odd last byte is said as what it is */
	TAKE("\xFF\xFE" "A\0B", "odd.txt", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "A\xEF\xBF\xBD");
	ck_assert_uint_eq(snap.nwarn, 1);
	ck_assert_str_eq(snap.warn, "invalid UTF-16: an odd last byte, at byte "
	                 "offset 4, replaced with U+FFFD");
}
END_TEST

START_TEST(nfd_becomes_nfc)
{
	um_doc *doc = RD("Re\xCC\x81sume\xCC\x81 A\xCC\x8A", "nfd.txt", NULL);
	assert_text(doc, "R\xC3\xA9sum\xC3\xA9 \xC3\x85");
	um_doc_free(doc);
	doc = RD("<r><p>Re\xCC\x81sume\xCC\x81</p></r>", "nfd.xml", NULL);
	assert_text(doc, "R\xC3\xA9sum\xC3\xA9");
	um_doc_free(doc);
	doc = RD("<html><body><p>Re\xCC\x81sume\xCC\x81</p></body></html>",
	         "nfd.html", NULL);
	assert_text(doc, "R\xC3\xA9sum\xC3\xA9");
	um_doc_free(doc);
}
END_TEST

START_TEST(invalid_utf8_text)
{
	/* Bytes 3, 11 and 14 are invalid. */
	um_doc *doc = RD("caf\xE9 and na\xEFve\xFF", "latin1.txt", NULL);
	assert_text(doc, "caf\xEF\xBF\xBD and na\xEF\xBF\xBDve\xEF\xBF\xBD");
	ck_assert_uint_eq(um_doc_warning_count(doc), 1);
	ck_assert_str_eq(um_doc_warning_at(doc, 0), "invalid UTF-8: 3 byte "
	                 "sequences replaced with U+FFFD, the first at byte "
	                 "offset 3");
	um_doc_free(doc);
	/* Offsets count the bytes of the file, byte-order mark included; a
	 * sequence cut off at the end is invalid. */
	doc = RD("\xEF\xBB\xBF" "ab\xC3", "cut.txt", NULL);
	assert_text(doc, "ab\xEF\xBF\xBD");
	ck_assert_uint_eq(um_doc_warning_count(doc), 1);
	ck_assert_str_eq(um_doc_warning_at(doc, 0), "invalid UTF-8: 1 byte "
	                 "sequence replaced with U+FFFD, the first at byte "
	                 "offset 5");
	um_doc_free(doc);
}
END_TEST

START_TEST(invalid_utf8_xml_repaired)
{
	um_doc *doc = RD("<r><p>caf\xE9</p></r>", "latin1.xml", NULL);
	assert_text(doc, "caf\xEF\xBF\xBD");
	ck_assert_uint_eq(um_doc_warning_count(doc), 1);
	ck_assert_str_eq(um_doc_warning_at(doc, 0), "invalid UTF-8: 1 byte "
	                 "sequence replaced with U+FFFD, the first at byte "
	                 "offset 9");
	um_doc_free(doc);
}
END_TEST

START_TEST(declared_latin1_xml_not_repaired)
{
	um_doc *doc = RD("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
	                 "<r>caf\xE9</r>", "latin1.xml", NULL);
	assert_text(doc, "caf\xC3\xA9");
	assert_no_warnings(doc);
	um_doc_free(doc);
}
END_TEST

/* Bad input. */

START_TEST(empty_txt_file)
{
	char *path = tu_write(tmp, "empty.txt", "", 0);
	char err[256] = "";
	um_doc *doc = NULL;
	size_t len = 99;
	ck_assert_int_eq(um_read_file(path, NULL, &doc, err, sizeof(err)), 0);
	ck_assert_str_eq(um_doc_text(doc, &len), "");
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(um_doc_meta(doc, "source"), path);
	ck_assert_str_eq(um_doc_meta(doc, "format"), "txt");
	ck_assert_uint_eq(um_doc_warning_count(doc), 1);
	ck_assert_str_eq(um_doc_warning_at(doc, 0), "empty document");
	um_doc_free(doc);
	free(path);
}
END_TEST

START_TEST(empty_xml_file)
{
	char *path = tu_write(tmp, "empty.xml", "", 0);
	take_file(path);
	free(path);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "");
	ck_assert_uint_eq(snap.len, 0);
	ck_assert_str_eq(snap.format, "xml");
	ck_assert_uint_eq(snap.nwarn, 1);
	ck_assert_str_eq(snap.warn, "empty document");
}
END_TEST

START_TEST(empty_html_file)
{
	char *path = tu_write(tmp, "empty.html", "", 0);
	take_file(path);
	free(path);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "");
	ck_assert_uint_eq(snap.len, 0);
	ck_assert_str_eq(snap.format, "html");
	ck_assert_uint_eq(snap.nwarn, 1);
	ck_assert_str_eq(snap.warn, "empty document");
}
END_TEST

START_TEST(binary_file)
{
	static const char pdf[] = "%PDF-1.4\n\0\x01\x02stream";
	char *path = tu_write(tmp, "scan.pdf", pdf, sizeof(pdf) - 1);
	char err[256] = "";
	ck_assert_int_eq(rf_fail(path, NULL, err, sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "binary file (NUL byte at offset 9)");
	free(path);
	ck_assert_int_eq(rd_fail("abc\0def", 7, "bin.txt", NULL, err,
	                         sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "binary file (NUL byte at offset 3)");
	/* HTML too, which libxml2 would end at the NUL byte, keeping what
	 * comes before it as a whole document */
	ck_assert_int_eq(rd_fail("<p>first</p>\0<p>second</p>", 26, "cut.html",
	                         NULL, err, sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "binary file (NUL byte at offset 12)");
	ck_assert_int_eq(rd_fail("\0\0\0", 3, "z.html", NULL, err,
	                         sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "binary file (NUL byte at offset 0)");
	/* in UTF-16, the offset is of the file, not of the text made of it
	 * (where it would be 4: "Hé" takes three bytes in UTF-8) */
	ck_assert_int_eq(rd_fail("\xFF\xFE" "H\0\xE9\0\0\0x\0", 10, "u16.txt",
	                         NULL, err, sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "binary file (UTF-16 NUL character at byte "
	                 "offset 6)");
	ck_assert_int_eq(rd_fail("\xFE\xFF" "\0<\0\0", 6, "u16.xml",
	                         NULL, err, sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "binary file (UTF-16 NUL character at byte "
	                 "offset 4)");
}
END_TEST

START_TEST(malformed_xml)
{
	static const char bad[] = "<r>\n<p>unclosed\n</r>\n";
	char *path = tu_write(tmp, "bad.xml", bad, sizeof(bad) - 1);
	char err[256] = "";
	ck_assert_int_eq(rf_fail(path, NULL, err, sizeof(err)), UM_EFORMAT);
	ck_assert_msg(!strncmp(err, "malformed XML at line 3: ", 25), "%s", err);
	ck_assert_ptr_nonnull(strstr(err, "mismatch"));
	/* The caller adds the file name. */
	ck_assert_ptr_null(strstr(err, tmp));
	free(path);
	/* cut short: said so, not "extra content" as libxml2's reader has
	 * it; content after the root is still that */
	ck_assert_int_eq(rd_fail("<r>\n<p>text</p>\n", 16, "cut.xml", NULL, err,
	                         sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "malformed XML at line 2: the document ends before "
	                 "its elements are closed (a file cut short?)");
	ck_assert_int_eq(rd_fail("<r><p>unclosed", 14, "cut.xml", NULL, err,
	                         sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "malformed XML at line 1: the document ends before "
	                 "its elements are closed (a file cut short?)");
	ck_assert_int_eq(rd_fail("<r></r>junk", 11, "more.xml", NULL, err,
	                         sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "malformed XML at line 1: Extra content at the end "
	                 "of the document");
	/* longer than what the parser reads ahead of the reader: two
	 * documents run together, and one cut short */
	{
		static char two[3 + 200 * 11 + 9];
		size_t open_len;
		strcpy(two, "<r>");
		for (int i = 0; i < 200; i++)
			strcat(two, "<p>text</p>");
		open_len = strlen(two);
		strcat(two, "</r><x/>");
		ck_assert_int_eq(rd_fail(two, strlen(two), "two.xml", NULL, err,
		                         sizeof(err)), UM_EFORMAT);
		ck_assert_str_eq(err, "malformed XML at line 1: Extra content at the "
		                 "end of the document");
		ck_assert_int_eq(rd_fail(two, open_len, "cut.xml", NULL, err,
		                         sizeof(err)), UM_EFORMAT);
		ck_assert_str_eq(err, "malformed XML at line 1: the document ends "
		                 "before its elements are closed (a file cut short?)");
	}
}
END_TEST

START_TEST(directory_is_not_a_file)
{
	char err[256] = "";
	ck_assert_int_eq(rf_fail(tmp, NULL, err, sizeof(err)), UM_EIO);
	ck_assert_str_eq(err, "not a regular file");
}
END_TEST

START_TEST(missing_file)
{
	char *path, err[256] = "";
	ck_assert(asprintf(&path, "%s/nope.txt", tmp) > 0);
	ck_assert_int_eq(rf_fail(path, NULL, err, sizeof(err)), UM_EIO);
	ck_assert_str_eq(err, "cannot open: No such file or directory");
	free(path);
}
END_TEST

/* before, then n attributes " aN" each followed by value (e.g. "=\"v\""),
 * then after; malloc'ed. */
static char *with_attrs(const char *before, const char *value, size_t n,
                        const char *after)
{
	size_t cap = strlen(before) + strlen(after) + n * (strlen(value) + 24) + 1;
	size_t len;
	char *s = malloc(cap);
	ck_assert_ptr_nonnull(s);
	len = (size_t)snprintf(s, cap, "%s", before);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, " a%zu%s", i, value);
	snprintf(s + len, cap - len, "%s", after);
	return s;
}

START_TEST(attribute_limit)
{
	/* libxml2's time grows with the square of an element's attributes:
	 * more than UM_MAX_ATTRS (1000) on one element are refused */
	static const struct {
		const char *name, *before, *value, *after;
		size_t n;
		int ok;
	} cases[] = {
		{ "a.xml", "<doc><p", "=\"v\"", ">Text.</p></doc>", 1000, 1 },
		{ "a.xml", "<doc><p", "=\"v\"", ">Text.</p></doc>", 1001, 0 },
		/* a quoted '>' does not end the tag */
		{ "a.xml", "<doc><p q=\">\"", "='v'", ">Text.</p></doc>", 1000, 0 },
		/* unquoted values, as HTML has them; names without values */
		{ "a.html", "<html><body><p", "=v", ">Text.</p></body></html>",
		  1001, 0 },
		{ "a.html", "<html><body><p", "", ">Text.</p></body></html>",
		  1001, 0 },
		{ "a.html", "<html><body><p", " = v", ">Text.</p></body></html>",
		  1000, 1 },
		/* what a comment holds is not a tag */
		{ "a.xml", "<doc><!-- <p", "=\"v\"", "> --><p>Text.</p></doc>",
		  5000, 1 },
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char *s = with_attrs(cases[k].before, cases[k].value, cases[k].n,
		                     cases[k].after);
		char err[256] = "";
		if (cases[k].ok) {
			um_doc *doc = rd(s, strlen(s), cases[k].name, NULL);
			ck_assert_str_eq(um_doc_text(doc, NULL), "Text.");
			um_doc_free(doc);
		} else {
			ck_assert_int_eq(rd_fail(s, strlen(s), cases[k].name, NULL, err,
			                         sizeof(err)), UM_EFORMAT);
			ck_assert_str_eq(err, "an element with more than 1000 attributes "
			                 "(the most read on one element)");
		}
		free(s);
	}
}
END_TEST

START_TEST(over_max_size)
{
	char data[100], err[256] = "";
	um_read_options opt = { UM_FMT_AUTO, 99, NULL, NULL };
	char *path;
	um_doc *doc = NULL;
	memset(data, 'a', sizeof(data));
	path = tu_write(tmp, "big.txt", data, sizeof(data));
	ck_assert_int_eq(rf_fail(path, &opt, err, sizeof(err)), UM_ETOOBIG);
	ck_assert_str_eq(err, "document of 100 bytes is over the size limit of "
	                 "99 bytes");
	ck_assert_int_eq(rd_fail(data, sizeof(data), "big.txt", &opt, err,
	                         sizeof(err)), UM_ETOOBIG);
	ck_assert_str_eq(err, "document of 100 bytes is over the size limit of "
	                 "99 bytes");
	/* At the limit is allowed. */
	opt.max_size = 100;
	ck_assert_int_eq(um_read_file(path, &opt, &doc, err, sizeof(err)), 0);
	ck_assert_uint_eq(strlen(um_doc_text(doc, NULL)), 100);
	um_doc_free(doc);
	free(path);
}
END_TEST

/* Hostile XML. */

START_TEST(xxe_not_read)
{
	char *secret = tu_write(tmp, "secret.txt", "TOPSECRET-4711", 14);
	char xml[8192];
	ck_assert_uint_lt((size_t)snprintf(xml, sizeof(xml),
	                  "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n"
	                  "<!ENTITY xxe SYSTEM \"file://%s\">\n]>\n"
	                  "<r>before &xxe; after</r>\n", secret), sizeof(xml));
	free(secret);
	take(xml, strlen(xml), "xxe.xml", NULL);
	if (snap.r == 0) {
		ck_assert_str_eq(snap.text, "before after");
		ck_assert_uint_eq(snap.nwarn, 1);
		ck_assert_ptr_nonnull(strstr(snap.warn, "&xxe;"));
		ck_assert_ptr_null(strstr(snap.warn, "TOPSECRET"));
	} else {
		ck_assert_int_eq(snap.r, UM_EFORMAT);
		ck_assert_ptr_nonnull(strstr(snap.err, "xxe"));
		ck_assert_ptr_null(strstr(snap.err, "TOPSECRET"));
	}
}
END_TEST

START_TEST(external_dtd_not_loaded)
{
	static const char dtd[] = "<!ATTLIST r xml:lang CDATA \"fr\">\n"
	                          "<!ENTITY ent \"SECRET-DTD\">\n";
	char *dtdpath = tu_write(tmp, "ext.dtd", dtd, sizeof(dtd) - 1);
	char xml[8192];
	um_doc *doc;
	ck_assert_uint_lt((size_t)snprintf(xml, sizeof(xml),
	                  "<?xml version=\"1.0\"?>\n"
	                  "<!DOCTYPE r SYSTEM \"file://%s\">\n"
	                  "<r>Hello there</r>\n", dtdpath), sizeof(xml));
	free(dtdpath);
	doc = rd(xml, strlen(xml), "dtd.xml", NULL);
	assert_text(doc, "Hello there");
	ck_assert_str_eq(um_doc_meta(doc, "language"), "en");
	assert_no_warnings(doc);
	um_doc_free(doc);
}
END_TEST

START_TEST(external_dtd_entity_reference_warns)
{
	/* With an external subset that is not read, an undeclared entity is
	 * no well-formedness error (XML 1.0, WFC: Entity Declared): the
	 * reference is left out with a warning. */
	static const char dtd[] = "<!ENTITY ent \"SECRET-DTD\">\n";
	char *dtdpath = tu_write(tmp, "ent.dtd", dtd, sizeof(dtd) - 1);
	char xml[8192];
	ck_assert_uint_lt((size_t)snprintf(xml, sizeof(xml),
	                  "<?xml version=\"1.0\"?>\n"
	                  "<!DOCTYPE r SYSTEM \"file://%s\">\n"
	                  "<r>Hi &ent; there</r>\n", dtdpath), sizeof(xml));
	free(dtdpath);
	take(xml, strlen(xml), "dtd.xml", NULL);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "Hi there");
	ck_assert_uint_eq(snap.nwarn, 1);
	ck_assert_ptr_nonnull(strstr(snap.warn, "&ent;"));
}
END_TEST

START_TEST(external_parameter_entity_not_loaded)
{
	/* A parameter entity in the internal subset that names a file, whose
	 * declarations would define the entity used in the body. */
	static const char ent[] = "<!ENTITY ent \"SECRET-PE\">\n";
	char *entpath = tu_write(tmp, "pe.ent", ent, sizeof(ent) - 1);
	char xml[8192];
	ck_assert_uint_lt((size_t)snprintf(xml, sizeof(xml),
	                  "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n"
	                  "<!ENTITY %% pe SYSTEM \"file://%s\">\n%%pe;\n]>\n"
	                  "<r>Hi &ent; there</r>\n", entpath), sizeof(xml));
	free(entpath);
	take(xml, strlen(xml), "pe.xml", NULL);
	if (snap.r == 0) {
		ck_assert_str_eq(snap.text, "Hi there");
		ck_assert_ptr_null(strstr(snap.warn, "SECRET"));
	} else {
		ck_assert_int_eq(snap.r, UM_EFORMAT);
		ck_assert_ptr_null(strstr(snap.err, "SECRET"));
	}
}
END_TEST

/* The text of the root of a document that the program parses itself with
 * libxml2, its external DTD loaded and its entities expanded; "" when the
 * parse fails. */
static void own_parse(const char *dtdpath, char *out, size_t n)
{
	char xml[8192];
	xmlDocPtr d;
	xmlChar *text;
	ck_assert_uint_lt((size_t)snprintf(xml, sizeof(xml),
	                  "<?xml version=\"1.0\"?>\n"
	                  "<!DOCTYPE r SYSTEM \"file://%s\">\n"
	                  "<r>Hi &ent; there</r>\n", dtdpath), sizeof(xml));
	d = xmlReadMemory(xml, (int)strlen(xml), "own.xml", NULL,
	                  XML_PARSE_DTDLOAD | XML_PARSE_NOENT |
	                  XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	out[0] = '\0';
	if (!d)
		return;
	text = xmlNodeGetContent(xmlDocGetRootElement(d));
	snprintf(out, n, "%s", text ? (const char *)text : "");
	xmlFree(text);
	xmlFreeDoc(d);
}

START_TEST(program_own_parses_keep_their_loader)
{
	/* The library refuses external entities in its own parses only: a
	 * program that embeds it still loads the DTDs it asks for, before
	 * and after the library has read XML, and on the same thread. */
	static const char dtd[] = "<!ENTITY ent \"from-the-DTD\">\n";
	char *dtdpath = tu_write(tmp, "own.dtd", dtd, sizeof(dtd) - 1);
	char text[256];
	um_doc *doc;
	doc = RD("<r>one</r>", "one.xml", NULL);
	assert_text(doc, "one");
	um_doc_free(doc);
	own_parse(dtdpath, text, sizeof(text));
	ck_assert_str_eq(text, "Hi from-the-DTD there");
	/* Inside one of the library's parses the same request is refused. */
	um_xml_guard(1);
	own_parse(dtdpath, text, sizeof(text));
	um_xml_guard(0);
	ck_assert_str_eq(text, "Hi  there");
	own_parse(dtdpath, text, sizeof(text));
	ck_assert_str_eq(text, "Hi from-the-DTD there");
	free(dtdpath);
}
END_TEST

/* The classic entity bomb: 10^9 "lol" if expanded. */
static const char lolz_dtd[] =
	"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
	"<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	"<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"
	"&lol1;\">\n"
	"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"
	"&lol2;\">\n"
	"<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"
	"&lol3;\">\n"
	"<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"
	"&lol4;\">\n"
	"<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"
	"&lol5;\">\n"
	"<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"
	"&lol6;\">\n"
	"<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"
	"&lol7;\">\n"
	"<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;"
	"&lol8;\">\n]>\n";

/* The bomb must return within a second, with an error or with text that
 * holds none of the expansion. */
static void check_bomb(const char *body)
{
	char xml[4096], err[256] = "";
	um_doc *doc = SENTINEL;
	double t0, elapsed;
	int r;
	ck_assert_uint_lt((size_t)snprintf(xml, sizeof(xml), "%s%s", lolz_dtd,
	                                   body), sizeof(xml));
	t0 = now();
	r = um_read_memory(xml, strlen(xml), "lolz.xml", NULL, &doc, err,
	                   sizeof(err));
	elapsed = now() - t0;
	if (r == 0) {
		size_t len, i;
		const char *text = um_doc_text(doc, &len);
		ck_assert_uint_lt(len, 100);
		ck_assert_ptr_null(strstr(text, "lollol"));
		for (i = 0; i < um_doc_meta_count(doc); i++) {
			const char *k, *v;
			ck_assert_int_eq(um_doc_meta_at(doc, i, &k, &v), 0);
			ck_assert_uint_lt(strlen(v), 100);
		}
		um_doc_free(doc);
	} else {
		ck_assert_int_eq(r, UM_EFORMAT);
		ck_assert_ptr_eq(doc, SENTINEL);
	}
	ck_assert_msg(elapsed < 1.0, "took %.2f s", elapsed);
}

START_TEST(billion_laughs_in_text)
{
	check_bomb("<lolz>a &lol9; b</lolz>\n");
}
END_TEST

START_TEST(billion_laughs_in_attributes)
{
	check_bomb("<lolz title=\"&lol9;\" xml:lang=\"&lol9;\">a b</lolz>\n");
	check_bomb("<lolz><teiHeader><idno type=\"&lol9;\">S</idno>"
	           "<date when=\"&lol9;\"/></teiHeader>a b</lolz>\n");
}
END_TEST

/* n elements, each inside the one before, around "x" (free() it); its
 * length in *len. */
static char *nested(size_t n, size_t *len)
{
	char *buf = malloc(n * 7 + 1), *p = buf;
	ck_assert_ptr_nonnull(buf);
	for (size_t i = 0; i < n; i++, p += 3)
		memcpy(p, "<a>", 3);
	*p++ = 'x';
	for (size_t i = 0; i < n; i++, p += 4)
		memcpy(p, "</a>", 4);
	*len = (size_t)(p - buf);
	return buf;
}

START_TEST(deep_xml_nesting)
{
	/* 2,048 levels (with text inside) are well-formed XML, which
	 * libxml2 alone refuses past 256; 2,049 or 100,000 are not read */
	static const size_t refused[] = { 100000, 2049 };
	char err[256] = "", *buf;
	size_t len;
	for (size_t k = 0; k < 2; k++) {
		buf = nested(refused[k], &len);
		ck_assert_int_eq(rd_fail(buf, len, "deep.xml", NULL, err,
		                         sizeof(err)), UM_EFORMAT);
		ck_assert_str_eq(err, "malformed XML at line 1: elements nested "
		                 "more than 2048 deep");
		free(buf);
	}
	buf = nested(2048, &len);
	take(buf, len, "deep.xml", NULL);
	free(buf);
	ASSERT_READ();
	ck_assert_str_eq(snap.text, "x");
}
END_TEST

START_TEST(huge_attribute)
{
	/* an image in a data: URL, 12 MB in one attribute: refused, said
	 * as what it is (libxml2 says "Huge input lookup", and reads it
	 * only in a time that grows with the square of its size) */
	size_t n = 12000000;
	char *buf = malloc(n + 64), *p = buf, err[256] = "";
	ck_assert_ptr_nonnull(buf);
	p += sprintf(p, "<r><img src=\"data:");
	memset(p, 'A', n);
	p += n;
	p += sprintf(p, "\"/><p>text</p></r>");
	ck_assert_int_eq(rd_fail(buf, (size_t)(p - buf), "img.xml", NULL, err,
	                         sizeof(err)), UM_EFORMAT);
	free(buf);
	ck_assert_str_eq(err, "malformed XML at line 1: an attribute value, "
	                 "comment or processing instruction over 10 MB");
}
END_TEST

START_TEST(nested_entities_message)
{
	char err[256] = "";
	static const char x[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY l \"lol\">\n"
		"<!ENTITY l2 \"&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;\">\n"
		"<!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">\n"
		"]>\n<r><p>a &l3; b</p></r>\n";
	ck_assert_int_eq(rd_fail(x, sizeof(x) - 1, "lol.xml", NULL, err,
	                         sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "malformed XML at line 1: entities that refer to "
	                 "entities too much (refused as a possible entity bomb)");
}
END_TEST

START_TEST(deep_html_nesting)
{
	/* Unclosed inline tags pile up in old HTML. Either the text is kept
	 * or the document is refused; it must not silently come out empty. */
	size_t n = 1000, i;
	char *buf = malloc(n * 6 + 64), *p = buf;
	ck_assert_ptr_nonnull(buf);
	for (i = 0; i < n; i++, p += 6)
		memcpy(p, "<font>", 6);
	memcpy(p, "The Council met.", 16);
	p += 16;
	take(buf, (size_t)(p - buf), "deep.html", NULL);
	free(buf);
	if (snap.r == 0)
		ck_assert_str_eq(snap.text, "The Council met.");
	else
		ck_assert_int_eq(snap.r, UM_EFORMAT);
}
END_TEST

/* Large input within the limits. */

START_TEST(huge_text_file)
{
	size_t n = (size_t)32 << 20, i, len;
	char *data = malloc(n), *path, err[256] = "";
	const char *text;
	um_doc *doc = NULL;
	ck_assert_ptr_nonnull(data);
	for (i = 0; i < n; i++)
		data[i] = i % 64 == 63 ? '\n' : "abcdefgh "[i % 9];
	path = tu_write(tmp, "huge.txt", data, n);
	ck_assert_int_eq(um_read_file(path, NULL, &doc, err, sizeof(err)), 0);
	text = um_doc_text(doc, &len);
	ck_assert_uint_eq(len, n);
	ck_assert(memcmp(text, data, n) == 0);
	um_doc_free(doc);
	free(path);
	free(data);
}
END_TEST

START_TEST(many_xml_paragraphs)
{
	size_t np = 100000, i, len;
	char *buf = malloc(np * 24 + 16), *p = buf;
	const char *text;
	um_doc *doc;
	ck_assert_ptr_nonnull(buf);
	p += sprintf(p, "<r>");
	for (i = 0; i < np; i++)
		p += sprintf(p, "<p>Paragraph text.</p>\n");
	p += sprintf(p, "</r>");
	doc = rd(buf, (size_t)(p - buf), "many.xml", NULL);
	text = um_doc_text(doc, &len);
	/* 15 bytes each, a blank line between. */
	ck_assert_uint_eq(len, np * 15 + (np - 1) * 2);
	ck_assert(!strncmp(text, "Paragraph text.\n\nParagraph text.\n\n", 34));
	um_doc_free(doc);
	free(buf);
}
END_TEST

/* One long text node, 12 MB (say a whole report in one <text>): well
 * within the 256 MiB default limit. */
static char *long_node(const char *open, const char *close, size_t n,
                       size_t *ret_len)
{
	size_t lo = strlen(open), lc = strlen(close), i;
	char *buf = malloc(lo + n + lc);
	ck_assert_ptr_nonnull(buf);
	memcpy(buf, open, lo);
	for (i = 0; i < n; i++)
		buf[lo + i] = i % 10 == 9 ? ' ' : 'a';
	buf[lo + n - 1] = 'z';
	memcpy(buf + lo + n, close, lc);
	*ret_len = lo + n + lc;
	return buf;
}

START_TEST(huge_xml_text_node)
{
	size_t n = (size_t)12 << 20, blen;
	char *buf = long_node("<r><p>", "</p></r>", n, &blen);
	take(buf, blen, "long.xml", NULL);
	free(buf);
	ASSERT_READ();
	ck_assert_uint_eq(snap.len, n);
	ck_assert_int_eq(snap.last, 'z');
}
END_TEST

START_TEST(huge_xml_text_node_warned_once)
{
	/* read again with XML_PARSE_HUGE: what the first read said (an
	 * entity not expanded, with an external subset that is not read) is
	 * not said twice */
	size_t n = (size_t)12 << 20, blen;
	char *buf = long_node("<!DOCTYPE r SYSTEM \"r.dtd\"><r><p>&ent; ",
	                      "</p></r>", n, &blen);
	take(buf, blen, "long.xml", NULL);
	free(buf);
	ASSERT_READ();
	ck_assert_uint_eq(snap.len, n);
	ck_assert_uint_eq(snap.nwarn, 1);
	ck_assert_str_eq(snap.warn, "entity reference &ent; not expanded "
	                 "(entities are never expanded)");
}
END_TEST

START_TEST(huge_html_text_node)
{
	size_t n = (size_t)12 << 20, blen;
	char *buf = long_node("<html><body><p>", "</p></body></html>", n, &blen);
	take(buf, blen, "long.html", NULL);
	free(buf);
	ASSERT_READ();
	/* All of it, never cut silently. */
	ck_assert_uint_eq(snap.len, n);
	ck_assert_int_eq(snap.last, 'z');
}
END_TEST

/* Records of JSON Lines */

static const um_read_options record_opt = { UM_FMT_JSONL, 0, NULL, NULL };

START_TEST(record_text_and_metadata)
{
	/* the record's metadata, with white space folded; the language it
	 * gives replaces the default */
	um_doc *doc = RD("{\"id\": \"A/64/504\", \"text\": \"The Council met "
	                 "in Nairobi.\\nIt adjourned.\", \"symbol\": \" A/64/504 "
	                 "\", \"title\": \"South-South\\ncooperation\", \"date\": "
	                 "\"2009-10-26\", \"lang\": \"fr\", \"other\": [1, {}]}",
	                 "docs.jsonl:3", &record_opt);
	assert_text(doc, "The Council met in Nairobi.\nIt adjourned.");
	ck_assert_str_eq(um_doc_meta(doc, "source"), "docs.jsonl:3");
	ck_assert_str_eq(um_doc_meta(doc, "format"), "txt");
	ck_assert_str_eq(um_doc_meta(doc, "id"), "A/64/504");
	ck_assert_str_eq(um_doc_meta(doc, "symbol"), "A/64/504");
	ck_assert_str_eq(um_doc_meta(doc, "title"), "South-South cooperation");
	ck_assert_str_eq(um_doc_meta(doc, "date"), "2009-10-26");
	ck_assert_str_eq(um_doc_meta(doc, "language"), "fr");
	ck_assert_uint_eq(um_doc_meta_count(doc), 7);
	assert_no_warnings(doc);
	um_doc_free(doc);
}
END_TEST

START_TEST(record_string_number_id_and_formats)
{
	/* a string alone, after a byte-order mark, with escapes and NFD */
	um_doc *doc = RD("\xEF\xBB\xBF\"Caf\\u0065\\u0301 \\u00e0 \\\"Gen\\u00e8ve\\\"\"",
	                 "stdin:1", &record_opt);
	assert_text(doc, "Caf\xC3\xA9 \xC3\xA0 \"Gen\xC3\xA8ve\"");
	ck_assert_str_eq(um_doc_meta(doc, "language"), "en");
	ck_assert_uint_eq(um_doc_meta_count(doc), 3);
	um_doc_free(doc);
	/* an integer id; the text as the XML its format names, whose own
	 * symbol the record's replaces */
	doc = RD("{\"id\": 42, \"format\": \"xml\", \"symbol\": \"S/RES/1\", "
	         "\"text\": \"<TEI><teiHeader><idno type=\\\"symbol\\\">A/1</idno>"
	         "</teiHeader><text><p>One.</p><p>Two.</p></text></TEI>\"}",
	         "x.jsonl:2", &record_opt);
	assert_text(doc, "One.\n\nTwo.");
	ck_assert_str_eq(um_doc_meta(doc, "format"), "xml");
	ck_assert_str_eq(um_doc_meta(doc, "id"), "42");
	ck_assert_str_eq(um_doc_meta(doc, "symbol"), "S/RES/1");
	um_doc_free(doc);
	/* without a format, by content */
	doc = RD("{\"text\": \"<html><body><p>Hi.</p></body></html>\"}",
	         "x.jsonl:3", &record_opt);
	ck_assert_str_eq(um_doc_meta(doc, "format"), "html");
	assert_text(doc, "Hi.");
	um_doc_free(doc);
	/* members that are null are absent, as exports write what they do
	 * not know: the format by content, no id or symbol */
	doc = RD("{\"id\": null, \"text\": \"<p>Hi.</p>\", \"format\": null, "
	         "\"symbol\": null, \"title\": null, \"date\": null, "
	         "\"lang\": null}", "x.jsonl:4", &record_opt);
	ck_assert_str_eq(um_doc_meta(doc, "format"), "xml");
	ck_assert_str_eq(um_doc_meta(doc, "language"), "en");
	ck_assert_ptr_null(um_doc_meta(doc, "id"));
	ck_assert_ptr_null(um_doc_meta(doc, "symbol"));
	ck_assert_uint_eq(um_doc_meta_count(doc), 3);
	assert_text(doc, "Hi.");
	um_doc_free(doc);
}
END_TEST

/* Escapes of surrogates without their pair are replaced, with a warning
 * that counts them; a pair, or an escaped backslash before "u", is none. */
START_TEST(record_lone_surrogates)
{
	um_doc *doc = RD("{\"text\": \"a \\\\ud800 \\ud83d\\ude00 b\"}",
	                 "s.jsonl:1", &record_opt);
	assert_text(doc, "a \\ud800 \xF0\x9F\x98\x80 b");
	assert_no_warnings(doc);
	um_doc_free(doc);
	doc = RD("{\"title\": \"\\uDBFF\", \"text\": \"a \\udc00\\ud800 b\"}",
	         "s.jsonl:2", &record_opt);
	assert_text(doc, "a \xEF\xBF\xBD\xEF\xBF\xBD b");
	ck_assert_uint_eq(um_doc_warning_count(doc), 1);
	ck_assert_str_eq(um_doc_warning_at(doc, 0), "invalid JSON string: 3 "
	                 "unpaired surrogate escapes replaced with U+FFFD, the "
	                 "first at byte offset 11 of the line");
	um_doc_free(doc);
}
END_TEST

/* A record that must be refused with err. */
static void record_refused(const char *rec, int code, const char *want)
{
	char err[512] = "";
	ck_assert_int_eq(rd_fail(rec, strlen(rec), "r.jsonl:1", &record_opt,
	                         err, sizeof(err)), code);
	ck_assert_str_eq(err, want);
}

START_TEST(record_refused_with_reason)
{
	char deep[20010], err[512];
	record_refused("not json", UM_EFORMAT,
	               "invalid JSON at byte offset 1: null expected");
	record_refused("{\"text\": \"a\"", UM_EFORMAT,
	               "invalid JSON at byte offset 12: unexpected end of data");
	record_refused("{\"text\": \"a\"} x", UM_EFORMAT,
	               "invalid JSON at byte offset 14: unexpected character");
	ck_assert_int_eq(rd_fail("{\"text\": \"a\"}\0x", 15, "r.jsonl:1",
	                         &record_opt, err, sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "invalid JSON at byte offset 13: more after the "
	                 "value");
	/* json-c takes the key, not the value, in single quotes */
	record_refused("{'text': 'a'}", UM_EFORMAT,
	               "invalid JSON at byte offset 9: unexpected character");
	record_refused("{\"text\": \"caf\xE9\"}", UM_EFORMAT,
	               "invalid JSON at byte offset 14: invalid utf-8 string");
	record_refused("", UM_EFORMAT,
	               "invalid JSON at byte offset 0: unexpected end of data");
	record_refused("{\"text\": \"a\\u0000b\"}", UM_EFORMAT,
	               "a NUL character (U+0000) in the text");
	record_refused("{\"text\": \"a\", \"symbol\": \"A/\\u0000\"}", UM_EFORMAT,
	               "a NUL character (U+0000) in \"symbol\"");
	record_refused("[\"text\"]", UM_EFORMAT, "a record is a JSON object with "
	               "a \"text\" string, or a JSON string");
	record_refused("true", UM_EFORMAT, "a record is a JSON object with "
	               "a \"text\" string, or a JSON string");
	record_refused("null", UM_EFORMAT, "a record is a JSON object with "
	               "a \"text\" string, or a JSON string, not null");
	record_refused("{\"id\": 1}", UM_EFORMAT, "no \"text\" member");
	record_refused("{\"text\": null}", UM_EFORMAT, "\"text\" is not a string");
	record_refused("{\"text\": \"a\", \"format\": \"pdf\"}", UM_EFORMAT,
	               "\"format\" is not one of auto, txt, xml, html");
	record_refused("{\"text\": \"a\", \"format\": \"jsonl\"}", UM_EFORMAT,
	               "\"format\" is not one of auto, txt, xml, html");
	record_refused("{\"text\": \"a\", \"id\": 1.5}", UM_EFORMAT,
	               "\"id\" is not a string or an integer");
	record_refused("{\"text\": \"a\", \"id\": 99999999999999999999}",
	               UM_EFORMAT, "\"id\" is an integer out of range: give it "
	               "as a string");
	record_refused("{\"text\": \"a\", \"date\": 2009}", UM_EFORMAT,
	               "\"date\" is not a string");
	/* the text in the format the record names is read as a file is */
	record_refused("{\"text\": \"<p>a</b>\", \"format\": \"xml\"}",
	               UM_EFORMAT, "malformed XML at line 1: Opening and ending "
	               "tag mismatch: p line 1 and b");
	/* nesting far past the parser's depth: refused, not a crash */
	memset(deep, '[', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = 0;
	record_refused(deep, UM_EFORMAT,
	               "invalid JSON at byte offset 512: nesting too deep");
}
END_TEST

START_TEST(record_member_twice_and_ids)
{
	/* a member given twice counts the last time; the largest id */
	um_doc *doc = RD("{\"text\": \"a\", \"text\": \"b\", \"id\": "
	                 "9223372036854775806, \"id\": -9223372036854775807}",
	                 "r.jsonl:1", &record_opt);
	assert_text(doc, "b");
	ck_assert_str_eq(um_doc_meta(doc, "id"), "-9223372036854775807");
	um_doc_free(doc);
	doc = RD("{\"text\": \"a\", \"id\": 9223372036854775807}", "r.jsonl:2",
	         &record_opt);
	ck_assert_str_eq(um_doc_meta(doc, "id"), "9223372036854775807");
	um_doc_free(doc);
	doc = RD("{\"text\": \"a\", \"id\": 18446744073709551614}", "r.jsonl:3",
	         &record_opt);
	ck_assert_str_eq(um_doc_meta(doc, "id"), "18446744073709551614");
	um_doc_free(doc);
}
END_TEST

/* gzip input. The data is made here by zlib's deflate, which the reader
 * does not use, and compared with the same bytes read plain. */

/* s[0, n) as one gzip member appended to *out (*len bytes, malloc'ed). */
static void gz_append(char **out, size_t *len, const char *s, size_t n)
{
	z_stream z;
	size_t room = deflateBound(NULL, (uLong)n) + 64;
	memset(&z, 0, sizeof(z));
	ck_assert_int_eq(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
	                              Z_DEFAULT_STRATEGY), Z_OK);
	*out = realloc(*out, *len + room);
	ck_assert_ptr_nonnull(*out);
	z.next_in = (unsigned char *)s;
	z.avail_in = (unsigned)n;
	z.next_out = (unsigned char *)*out + *len;
	z.avail_out = (unsigned)room;
	ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	*len += room - z.avail_out;
	deflateEnd(&z);
}

static char *gz(const char *s, size_t *ret_len)
{
	char *out = NULL;
	*ret_len = 0;
	gz_append(&out, ret_len, s, strlen(s));
	return out;
}

/* Reading gz[0, n) as name gives the format and text of reading plain as
 * plain_name, and no warning. */
static void check_same_as_plain(const char *gzbuf, size_t n, const char *name,
                                const char *plain, const char *plain_name,
                                int format)
{
	um_doc *a = rd(plain, strlen(plain), plain_name, NULL);
	um_doc *b = rd(gzbuf, n, name, NULL);
	int same_text = !strcmp(um_doc_text(a, NULL), um_doc_text(b, NULL));
	int same_title = !um_doc_meta(a, "title") == !um_doc_meta(b, "title");
	const char *fmt = um_doc_meta(b, "format");
	int fmt_ok = fmt && !strcmp(fmt, um_format_name(format));
	const char *src = um_doc_meta(b, "source");
	int src_ok = src && !strcmp(src, name ? name : "-");
	size_t warnings = um_doc_warning_count(b);
	um_doc_free(a);
	um_doc_free(b);
	ck_assert_msg(same_text && same_title, "%s: not the text of %s", name,
	              plain_name);
	ck_assert_msg(fmt_ok, "%s: format", name);
	ck_assert_msg(src_ok, "%s: source", name);
	ck_assert_uint_eq(warnings, 0);
}

static const char gz_txt[] = "Recalling its resolutions 62/209 of 19 December "
	"2007 and 63/233,\nand the report of the Secretary-General "
	"(A/64/504).\n";
static const char gz_xml[] = "<?xml version=\"1.0\"?>\n<TEI><teiHeader>"
	"<fileDesc><titleStmt><title>South-South cooperation</title>"
	"</titleStmt></fileDesc></teiHeader><text><body><p>Nairobi, "
	"1 to 3 December 2009.</p></body></text></TEI>\n";
static const char gz_html[] = "<!DOCTYPE html><html><head><title>Note"
	"</title></head><body><p>Kenya and Chile.</p></body></html>\n";

START_TEST(gzip_format_by_inner_name)
{
	size_t n;
	char *t = gz(gz_txt, &n);
	check_same_as_plain(t, n, "dir.v2/a.txt.gz", gz_txt, "a.txt", UM_FMT_TXT);
	free(t);
	t = gz(gz_xml, &n);
	check_same_as_plain(t, n, "b.XML.GZ", gz_xml, "b.xml", UM_FMT_XML);
	/* the name comes before the bytes: markup named .txt is text */
	check_same_as_plain(t, n, "b.txt.gz", gz_xml, "b.txt", UM_FMT_TXT);
	/* with no name to go by, the inflated bytes tell */
	check_same_as_plain(t, n, "b.gz", gz_xml, "b", UM_FMT_XML);
	check_same_as_plain(t, n, NULL, gz_xml, NULL, UM_FMT_XML);
	free(t);
	t = gz(gz_html, &n);
	check_same_as_plain(t, n, "c.htm.gz", gz_html, "c.htm", UM_FMT_HTML);
	free(t);
}
END_TEST

START_TEST(gzip_members_and_padding)
{
	char *t = NULL, zeros[700];
	size_t n = 0;
	um_doc *doc;
	/* three members, one of them empty, then the zeros an archiver pads
	 * with */
	gz_append(&t, &n, "Kenya ", 6);
	gz_append(&t, &n, "", 0);
	gz_append(&t, &n, "and Chile.\n", 11);
	memset(zeros, 0, sizeof(zeros));
	t = realloc(t, n + sizeof(zeros));
	ck_assert_ptr_nonnull(t);
	memcpy(t + n, zeros, sizeof(zeros));
	doc = rd(t, n + sizeof(zeros), "m.txt.gz", NULL);
	free(t);
	assert_text(doc, "Kenya and Chile.\n");
	assert_no_warnings(doc);
	um_doc_free(doc);
}
END_TEST

START_TEST(gzip_empty_and_utf16)
{
	size_t n;
	char *t = gz("", &n);
	um_doc *doc = rd(t, n, "e.txt.gz", NULL);
	free(t);
	assert_text(doc, "");
	ck_assert_uint_eq(um_doc_warning_count(doc), 1);
	ck_assert_str_eq(um_doc_warning_at(doc, 0), "empty document");
	um_doc_free(doc);
	/* the inflated bytes are read like any others: UTF-16 with a BOM */
	t = NULL;
	n = 0;
	gz_append(&t, &n, "\xFF\xFEK\0e\0n\0y\0a\0", 12);
	doc = rd(t, n, "u.txt.gz", NULL);
	free(t);
	assert_text(doc, "Kenya");
	um_doc_free(doc);
}
END_TEST

START_TEST(gzip_refused_with_reason)
{
	char err[512], *t, *u;
	size_t n, k;
	t = gz(gz_txt, &n);
	/* cut short, in the data and in the trailer */
	ck_assert_int_eq(rd_fail(t, 40, "a.txt.gz", NULL, err, sizeof(err)),
	                 UM_EFORMAT);
	ck_assert_str_eq(err, "truncated gzip data: the file ends inside it, "
	                 "after 40 bytes");
	ck_assert_int_eq(rd_fail(t, n - 1, "a.txt.gz", NULL, err, sizeof(err)),
	                 UM_EFORMAT);
	snprintf(err + 256, 256, "truncated gzip data: the file ends inside it, "
	         "after %zu bytes", n - 1);
	ck_assert_str_eq(err, err + 256);
	/* other bytes after the data, after zeros too */
	u = malloc(n + 4);
	ck_assert_ptr_nonnull(u);
	memcpy(u, t, n);
	memcpy(u + n, "\0\0x\n", 4);
	ck_assert_int_eq(rd_fail(u, n + 4, "a.txt.gz", NULL, err, sizeof(err)),
	                 UM_EFORMAT);
	snprintf(err + 256, 256, "data after the gzip data, at byte %zu of the "
	         "file", n + 2);
	ck_assert_str_eq(err, err + 256);
	/* a changed bit of the CRC-32 in the trailer (its 8 bytes: CRC-32,
	 * length): found when its 4 bytes are read */
	memcpy(u, t, n);
	k = n - 8;
	u[k] ^= 0x01;
	ck_assert_int_eq(rd_fail(u, n, "a.txt.gz", NULL, err, sizeof(err)),
	                 UM_EFORMAT);
	snprintf(err + 256, 256, "corrupt gzip data (incorrect data check), at "
	         "byte %zu of the file", n - 4);
	ck_assert_str_eq(err, err + 256);
	/* a header with flags gzip does not define */
	memcpy(u, t, n);
	u[3] = (char)0xE0;
	ck_assert_int_eq(rd_fail(u, n, "a.txt.gz", NULL, err, sizeof(err)),
	                 UM_EFORMAT);
	ck_assert_str_eq(err, "corrupt gzip data (unknown header flags set), "
	                 "at byte 4 of the file");
	/* the magic number alone, or with a method other than deflate: gzip
	 * data cut short or corrupt, not text */
	ck_assert_int_eq(rd_fail("\x1f\x8b", 2, "a.txt", NULL, err, sizeof(err)),
	                 UM_EFORMAT);
	ck_assert_str_eq(err, "truncated gzip data: the file ends inside it, "
	                 "after 2 bytes");
	ck_assert_int_eq(rd_fail("\x1f\x8b\x09\0\0\0\0\0\0\x03", 10, "a.txt",
	                         NULL, err, sizeof(err)), UM_EFORMAT);
	ck_assert_str_eq(err, "corrupt gzip data (unknown compression method), "
	                 "at byte 4 of the file");
	free(u);
	free(t);
}
END_TEST

START_TEST(gzip_size_limit_after_inflating)
{
	char *big = malloc(100001), *t, err[256];
	size_t n;
	um_read_options opt = { UM_FMT_AUTO, 100000, NULL, NULL };
	um_doc *doc;
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', 100000);
	big[100000] = 0;
	t = gz(big, &n);
	ck_assert_uint_lt(n, 1000);
	/* at the limit it is read; one byte under, it is refused */
	doc = rd(t, n, "a.txt.gz", &opt);
	ck_assert_uint_eq(strlen(um_doc_text(doc, NULL)), 100000);
	um_doc_free(doc);
	/* the largest limit, which must not wrap when one is added */
	opt.max_size = SIZE_MAX;
	doc = rd(t, n, "a.txt.gz", &opt);
	ck_assert_uint_eq(strlen(um_doc_text(doc, NULL)), 100000);
	um_doc_free(doc);
	opt.max_size = 99999;
	ck_assert_int_eq(rd_fail(t, n, "a.txt.gz", &opt, err, sizeof(err)),
	                 UM_ETOOBIG);
	ck_assert_str_eq(err, "document is over the size limit of 99999 bytes "
	                 "once decompressed");
	free(t);
	free(big);
}
END_TEST

START_TEST(gzip_file_read)
{
	size_t n;
	char *t = gz(gz_txt, &n), *path = tu_write(tmp, "f.txt.gz", t, n);
	um_doc *doc = NULL;
	char err[256] = "";
	ck_assert_int_eq(um_read_file(path, NULL, &doc, err, sizeof(err)), 0);
	assert_text(doc, gz_txt);
	ck_assert_str_eq(um_doc_meta(doc, "format"), "txt");
	um_doc_free(doc);
	free(path);
	free(t);
}
END_TEST

/* The stream inflater given a byte at a time with room for one byte:
 * inflate keeps output back, which later calls must give. */
START_TEST(gzip_stream_byte_by_byte)
{
	char *t = NULL, out[512], err[256];
	size_t n = 0, i = 0, len = 0, used, made;
	um_gz *g = um_gz_new();
	gz_append(&t, &n, gz_txt, strlen(gz_txt));
	gz_append(&t, &n, "Kenya.", 6);
	ck_assert(um_gz_magic(t, n));
	ck_assert(um_gz_magic(t, 2));
	ck_assert(!um_gz_magic(t, 1));
	ck_assert(!um_gz_magic("\x1f\x8a", 2));
	for (;;) {
		size_t give = i < n ? 1 : 0;
		ck_assert_int_eq(um_gz_inflate(g, t + i, give, &used, out + len, 1,
		                               &made, err, sizeof(err)), 0);
		i += used;
		len += made;
		ck_assert_uint_lt(len, sizeof(out));
		if (!give && !made)
			break;
	}
	out[len] = 0;
	ck_assert_int_eq(um_gz_end(g, err, sizeof(err)), 0);
	um_gz_free(g);
	um_gz_free(NULL);
	free(t);
	ck_assert_uint_eq(i, n);
	ck_assert_uint_eq(len, strlen(gz_txt) + 6);
	ck_assert(!strncmp(out, gz_txt, strlen(gz_txt)));
	ck_assert_str_eq(out + strlen(gz_txt), "Kenya.");
}
END_TEST

Suite *reader_suite(void)
{
	Suite *s = suite_create("reader");
	TCase *tc;

	tc = tcase_create("text");
	tcase_add_unchecked_fixture(tc, make_tmp, remove_tmp);
	tcase_add_test(tc, txt_text_and_metadata);
	tcase_add_test(tc, txt_line_ends_and_controls);
	tcase_add_test(tc, language_default_and_option);
	tcase_add_test(tc, format_names);
	tcase_add_test(tc, format_by_extension);
	tcase_add_test(tc, format_by_content);
	tcase_add_test(tc, format_forced);
	tcase_add_test(tc, read_stdin_dash);
	suite_add_tcase(s, tc);

	tc = tcase_create("records");
	tcase_add_test(tc, record_text_and_metadata);
	tcase_add_test(tc, record_string_number_id_and_formats);
	tcase_add_test(tc, record_refused_with_reason);
	tcase_add_test(tc, record_lone_surrogates);
	tcase_add_test(tc, record_member_twice_and_ids);
	suite_add_tcase(s, tc);

	tc = tcase_create("gzip");
	tcase_add_unchecked_fixture(tc, make_tmp, remove_tmp);
	tcase_add_test(tc, gzip_format_by_inner_name);
	tcase_add_test(tc, gzip_members_and_padding);
	tcase_add_test(tc, gzip_empty_and_utf16);
	tcase_add_test(tc, gzip_refused_with_reason);
	tcase_add_test(tc, gzip_size_limit_after_inflating);
	tcase_add_test(tc, gzip_file_read);
	tcase_add_test(tc, gzip_stream_byte_by_byte);
	suite_add_tcase(s, tc);

	tc = tcase_create("xml");
	tcase_add_test(tc, xml_tei_header_metadata);
	tcase_add_test(tc, xml_header_text_fields);
	tcase_add_test(tc, xml_root_attributes);
	tcase_add_test(tc, xml_blocks_inline_and_whitespace);
	tcase_add_test(tc, xml_line_structure);
	tcase_add_test(tc, xml_sentences_adjacent);
	tcase_add_test(tc, xml_sentences_on_lines);
	tcase_add_test(tc, xml_milestone_does_not_split);
	tcase_add_test(tc, xml_elements_option);
	tcase_add_test(tc, xml_predefined_entities_and_cdata);
	tcase_add_test(tc, xml_metadata_nfc);
	suite_add_tcase(s, tc);

	tc = tcase_create("html");
	tcase_add_test(tc, html_text_and_metadata);
	tcase_add_test(tc, html_meta_symbol_and_date);
	tcase_add_test(tc, html_pre_keeps_its_own_lines_only);
	tcase_add_test(tc, html_declared_charset);
	tcase_add_test(tc, declared_charset_bad_bytes);
	tcase_add_test(tc, html_invalid_utf8_warns);
	suite_add_tcase(s, tc);

	tc = tcase_create("encodings");
	tcase_add_test(tc, utf8_bom_dropped);
	tcase_add_test(tc, utf16le_bom_converted);
	tcase_add_test(tc, utf16be_bom_converted);
	tcase_add_test(tc, utf16_xml_with_declaration);
	tcase_add_test(tc, utf16_unpaired_surrogate_repaired);
	tcase_add_test(tc, utf32_and_wide_xml_without_mark);
	tcase_add_test(tc, nfd_becomes_nfc);
	tcase_add_test(tc, invalid_utf8_text);
	tcase_add_test(tc, invalid_utf8_xml_repaired);
	tcase_add_test(tc, declared_latin1_xml_not_repaired);
	suite_add_tcase(s, tc);

	tc = tcase_create("bad input");
	tcase_add_unchecked_fixture(tc, make_tmp, remove_tmp);
	tcase_add_test(tc, empty_txt_file);
	tcase_add_test(tc, empty_xml_file);
	tcase_add_test(tc, empty_html_file);
	tcase_add_test(tc, binary_file);
	tcase_add_test(tc, malformed_xml);
	tcase_add_test(tc, directory_is_not_a_file);
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, over_max_size);
	tcase_add_test(tc, attribute_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile");
	tcase_add_unchecked_fixture(tc, make_tmp, remove_tmp);
	tcase_add_test(tc, xxe_not_read);
	tcase_add_test(tc, external_dtd_not_loaded);
	tcase_add_test(tc, external_dtd_entity_reference_warns);
	tcase_add_test(tc, external_parameter_entity_not_loaded);
	tcase_add_test(tc, program_own_parses_keep_their_loader);
	tcase_add_test(tc, billion_laughs_in_text);
	tcase_add_test(tc, billion_laughs_in_attributes);
	tcase_add_test(tc, deep_xml_nesting);
	tcase_add_test(tc, huge_attribute);
	tcase_add_test(tc, nested_entities_message);
	tcase_add_test(tc, deep_html_nesting);
	suite_add_tcase(s, tc);

	tc = tcase_create("large");
	tcase_add_unchecked_fixture(tc, make_tmp, remove_tmp);
	/* Generous for valgrind; natively each takes well under a second. */
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, huge_text_file);
	tcase_add_test(tc, many_xml_paragraphs);
	tcase_add_test(tc, huge_xml_text_node);
	tcase_add_test(tc, huge_xml_text_node_warned_once);
	tcase_add_test(tc, huge_html_text_node);
	suite_add_tcase(s, tc);
	return s;
}
