/*
 * Tests: the themes plugin, loaded by the real loader: its taxonomy
 * loader on valid and broken files, stemmed phrase matching and the
 * precedence of longer phrases, the scores of document tags, and the tags
 * of the seed document with the default taxonomy.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unmine/annot.h>
#include <unmine/doc.h>
#include <unmine/loader.h>
#include <unmine/reader.h>

#include "suites.h"
#include "testutil.h"

#define THEMES TEST_TOP_BUILDDIR "/plugins/themes/.libs/themes.so"
#define TAX(f) TEST_SRCDIR "/themes/" f

/* The seed document's tags with the default taxonomy, as reviewed:
 * "concept score mentions" in rank order. */
#define SEED_TAGS \
	"south-south-cooperation 0.899 13 ; development-cooperation 0.599 4 ; " \
	"economic-development 0.499 2 ; technical-cooperation 0.374 3 ; " \
	"self-reliance 0.249 1 ; regional-integration 0.249 1 ; " \
	"millennium-development-goals 0.249 1 ; environment 0.249 1 ; " \
	"science-and-technology 0.249 1 ; decolonization 0.249 1"
#define SEED_SSC \
	"South-South cooperation (7); Buenos Aires Plan of Action (3); " \
	"cooperation among developing countries (1); South-South (1); " \
	"collective self-reliance (1)"

/* The themes plugin with settings ("themes.KEY=VALUE", NULL-terminated);
 * NULL with err filled when init fails. */
static um_plugin_set *themes(const char *const *settings, char *err,
                             size_t errlen)
{
	um_plugin_set *set = um_plugin_set_new();
	ck_assert_msg(um_plugin_set_load(set, THEMES, err, errlen) == 0, "%s", err);
	for (; settings && *settings; settings++)
		ck_assert_msg(um_plugin_set_option(set, *settings, err, errlen) == 0,
		              "%s", err);
	ck_assert_int_eq(um_plugin_set_resolve(set, 1, NULL, NULL, err, errlen), 0);
	if (um_plugin_set_init(set, err, errlen)) {
		um_plugin_set_free(set);
		return NULL;
	}
	return set;
}

/* "span|concept" of every mention, joined by " ; ". */
static void mentions(const um_doc *doc, char *buf, size_t n)
{
	size_t used = 0, na = um_annot_count(doc, "theme");
	buf[0] = 0;
	for (size_t i = 0; i < na; i++) {
		const um_annot *a = um_annot_at(doc, "theme", i);
		size_t b, e;
		if (um_annot_span(a, &b, &e))
			continue;         /* a tag */
		used += (size_t)snprintf(buf + used, n - used, "%s%s|%s",
		                         used ? " ; " : "", tu_covered(doc, a),
		                         um_annot_get(a, "concept"));
		ck_assert_uint_lt(used, n);
	}
}

/* "concept score mentions" of every tag in rank order, joined by " ; ". */
static void tags(const um_doc *doc, char *buf, size_t n)
{
	size_t used = 0, na = um_annot_count(doc, "theme");
	buf[0] = 0;
	for (size_t i = 0; i < na; i++) {
		const um_annot *a = um_annot_at(doc, "theme", i);
		size_t b, e;
		if (!um_annot_span(a, &b, &e))
			continue;
		used += (size_t)snprintf(buf + used, n - used, "%s%s %s %s",
		                         used ? " ; " : "", um_annot_get(a, "concept"),
		                         um_annot_get(a, "score"),
		                         um_annot_get(a, "mentions"));
		ck_assert_uint_lt(used, n);
	}
}

/* The tag of a concept, or NULL. */
static const um_annot *tag_of(const um_doc *doc, const char *concept)
{
	size_t na = um_annot_count(doc, "theme"), b, e;
	for (size_t i = 0; i < na; i++) {
		const um_annot *a = um_annot_at(doc, "theme", i);
		if (um_annot_span(a, &b, &e) &&
		    !strcmp(um_annot_get(a, "concept"), concept))
			return a;
	}
	return NULL;
}

/* ---- the taxonomy loader ---- */

struct bad {
	const char *file;
	const char *why;      /* after "FILE:" */
};

static const struct bad bad_files[] = {
	{ "bad-xml.xml", "5: not well-formed XML: Opening and ending tag "
	  "mismatch: concept line 3 and concpt" },
	{ "no-label.xml", "3: concept 'a' has no <prefLabel>" },
	{ "dup-id.xml", "6: concept id 'a' used twice (first on line 3)" },
	{ "unknown-broader.xml", "3: concept 'a': broader concept 'b' is not "
	  "defined" },
	{ "cycle.xml", "3: concept 'a' is its own broader concept (a cycle)" },
	{ "doctype.xml", "2: a taxonomy may not have a DOCTYPE" },
	{ "bad-sdg.xml", "5: sdg goal '18' in concept 'a' is not a goal number "
	  "(1 to 17)" },
	{ "bad-id.xml", "3: concept id 'Not An Id' is not lower-case letters, "
	  "digits and hyphens" },
	{ "empty-pattern.xml", "5: empty <pattern> in concept 'a'" },
	{ "two-broader.xml", "9: concept 'b' has more than one <broader>" },
	/* what the plugin does not check itself, the schema does */
	{ "bad-attribute.xml", "5: Invalid attribute case for element pattern" },
};

/* The plugin refuses to start with setting, saying why. */
static void expect_refused(const char *setting, const char *why)
{
	char want[2048], err[1024] = "";
	const char *settings[] = { setting, NULL };
	ck_assert_ptr_null(themes(settings, err, sizeof(err)));
	snprintf(want, sizeof(want), THEMES ": plugin 'themes' failed to start: "
	         "%s", why);
	ck_assert_str_eq(err, want);
}

START_TEST(bad_taxonomy)
{
	const struct bad *b = &bad_files[_i];
	char setting[1024], why[1024];
	snprintf(setting, sizeof(setting), "themes.taxonomy=%s%s", TAX(""),
	         b->file);
	snprintf(why, sizeof(why), "%s%s:%s", TAX(""), b->file, b->why);
	expect_refused(setting, why);
}
END_TEST

START_TEST(missing_taxonomy)
{
	expect_refused("themes.taxonomy=/nonexistent/t.xml",
	               "/nonexistent/t.xml: No such file or directory");
}
END_TEST

START_TEST(bad_options)
{
	expect_refused("themes.top=-1",
	               "min-score, top and min-mentions may not be negative");
}
END_TEST

/* ---- matching, with tests/themes/small.xml ---- */

struct mcase {
	const char *text;
	const char *want;
};

static const struct mcase match_cases[] = {
	/* one stem, many words */
	{ "environmental, environments and the Environment",
	  "environmental|environment ; environments|environment ; "
	  "Environment|environment" },
	{ "ENVIRONMENTAL", "ENVIRONMENTAL|environment" },
	{ "ecosystems and an ecosystem", "ecosystems|environment ; "
	  "ecosystem|environment" },
	/* the longer phrase wins over its parts */
	{ "Environmental protection", "Environmental protection|environment" },
	{ "South-South cooperation and cooperation",
	  "South-South cooperation|south-south-cooperation ; "
	  "cooperation|cooperation" },
	{ "South-South co-operation", "South-South co-operation|south-south-cooperation" },
	{ "co-operation among developing countries",
	  "co-operation among developing countries|south-south-cooperation" },
	{ "cooperation among the developing countries",
	  "cooperation|cooperation" },
	/* British and American spellings */
	{ "industrialisation and industrialization",
	  "industrialisation|industrialization ; "
	  "industrialization|industrialization" },
	/* a case="exact" pattern is matched as written */
	{ "the LDCs and the ldcs", "LDCs|ldc" },
	{ "least developed countries", "least developed countries|ldc" },
	/* phrases do not cross a blank line */
	{ "global\n\nwarming", "" },
	{ "global\nwarming", "global\nwarming|climate-change" },
	{ "nothing of the kind", "" },
};

static um_plugin_set *small;

static void setup_small(void)
{
	char err[1024];
	const char *settings[] = { "themes.taxonomy=" TAX("small.xml"), NULL };
	small = themes(settings, err, sizeof(err));
	ck_assert_msg(small != NULL, "%s", err);
}

static void teardown_small(void)
{
	um_plugin_set_free(small);
}

START_TEST(matching)
{
	const struct mcase *c = &match_cases[_i];
	um_doc *doc = tu_doc(c->text);
	char got[2048];
	tu_run(small, doc);
	mentions(doc, got, sizeof(got));
	ck_assert_msg(strcmp(got, c->want) == 0, "case %d: \"%s\"\n  want: %s\n"
	              "  got:  %s", _i, c->text, c->want, got);
	um_doc_free(doc);
}
END_TEST

/* A mention says which term of the taxonomy it matched. */
START_TEST(mention_attributes)
{
	um_doc *doc = tu_doc("environmental protection");
	const um_annot *a;
	tu_run(small, doc);
	a = um_annot_at(doc, "theme", 0);
	ck_assert_str_eq(um_annot_get(a, "concept"), "environment");
	ck_assert_str_eq(um_annot_get(a, "term"), "environmental protection");
	ck_assert_str_eq(um_annot_plugin(a), "themes");
	um_doc_free(doc);
}
END_TEST

/* Labels carry a language: a French document matches the French ones. */
START_TEST(language)
{
	um_doc *doc = tu_doc("les \xc3\xa9""cosyst\xc3\xa8mes et l'environnement; "
	                     "ecosystem");
	char got[512];
	ck_assert_int_eq(um_doc_meta_set(doc, "language", "fr"), 0);
	tu_run(small, doc);
	mentions(doc, got, sizeof(got));
	ck_assert_str_eq(got, "\xc3\xa9""cosyst\xc3\xa8mes|environment ; "
	                 "environnement|environment");
	um_doc_free(doc);
	/* no term in the language: nothing */
	doc = tu_doc("the environment");
	ck_assert_int_eq(um_doc_meta_set(doc, "language", "ru"), 0);
	tu_run(small, doc);
	ck_assert_uint_eq(um_annot_count(doc, "theme"), 0);
	um_doc_free(doc);
}
END_TEST

/* ---- scores ---- */

/* Under 200 words a document counts as 200: three mentions are 15 per
 * thousand words, 15 / (15 + 2) = 0.882; three distinct terms,
 * 1 - 2^-3 = 0.875; score 0.772. The broader concept has its narrower
 * one's mention; climate change alone has one: 5 / 7 * 0.5 = 0.357. */
START_TEST(score_short)
{
	um_doc *doc = tu_doc("Environmental protection and ecosystems; global "
	                     "warming.");
	const um_annot *a;
	char got[512];
	tu_run(small, doc);
	tags(doc, got, sizeof(got));
	ck_assert_str_eq(got, "environment 0.772 3 ; climate-change 0.357 1");
	ck_assert_str_eq(um_annot_get(tag_of(doc, "climate-change"), "broader"),
	                 "environment");
	a = tag_of(doc, "environment");
	ck_assert_str_eq(um_annot_get(a, "label"), "Environment");
	ck_assert_str_eq(um_annot_get(a, "rank"), "1");
	ck_assert_str_eq(um_annot_get(a, "terms"), "3");
	ck_assert_str_eq(um_annot_get(a, "evidence"), "environmental protection "
	                 "(1); ecosystem (1); global warming (1)");
	ck_assert_str_eq(um_annot_get(a, "sdg"), "13 15");
	ck_assert_ptr_null(um_annot_get(a, "broader"));
	um_doc_free(doc);
}
END_TEST

/* 1000 words, two mentions of one term: 2 per thousand words gives
 * 2 / (2 + 2) = 0.5, one term 0.5: score 0.250, the default minimum. */
static char *words(size_t filler, const char *tail)
{
	size_t n = filler * 5 + strlen(tail) + 1;
	char *s = malloc(n), *p = s;
	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < filler; i++, p += 5)
		memcpy(p, "word ", 5);
	strcpy(p, tail);
	return s;
}

START_TEST(score_density)
{
	char *text = words(998, "ecosystem ecosystem");
	um_doc *doc = tu_doc(text);
	char got[512];
	tu_run(small, doc);
	tags(doc, got, sizeof(got));
	ck_assert_str_eq(got, "environment 0.250 2");
	ck_assert_str_eq(um_annot_get(tag_of(doc, "environment"), "evidence"),
	                 "ecosystem (2)");
	um_doc_free(doc);
	free(text);
	/* twice as long: half the density, 1 / 3 * 0.5 = 0.167, not written */
	text = words(1998, "ecosystem ecosystem");
	doc = tu_doc(text);
	tu_run(small, doc);
	tags(doc, got, sizeof(got));
	ck_assert_str_eq(got, "");
	um_doc_free(doc);
	free(text);
}
END_TEST

/* The plugin with settings on text: its tags are want_tags, and its
 * mentions want_mentions unless that is NULL. */
static void run_with(const char *const *settings, const char *text,
                     const char *want_tags, const char *want_mentions)
{
	char err[1024], got[1024];
	um_plugin_set *set = themes(settings, err, sizeof(err));
	um_doc *doc;
	ck_assert_msg(set != NULL, "%s", err);
	doc = tu_doc(text);
	tu_run(set, doc);
	tags(doc, got, sizeof(got));
	ck_assert_str_eq(got, want_tags);
	if (want_mentions) {
		mentions(doc, got, sizeof(got));
		ck_assert_str_eq(got, want_mentions);
	}
	um_doc_free(doc);
	um_plugin_set_free(set);
}

/* Ranks by score; top, min-score and min-mentions decide what is
 * written. */
START_TEST(score_options)
{
	const char *text = "South-South cooperation, cooperation among developing "
	                   "countries, ecosystems, ecosystem, LDCs.";
	const char *top1[] = { "themes.taxonomy=" TAX("small.xml"), "themes.top=1",
	                       NULL };
	const char *above[] = { "themes.taxonomy=" TAX("small.xml"),
	                        "themes.min-score=0.4", "themes.mentions=no",
	                        NULL };
	const char *twice[] = { "themes.taxonomy=" TAX("small.xml"),
	                        "themes.min-mentions=2", NULL };
	char got[1024];
	um_doc *doc = tu_doc(text);
	/* 2 mentions in 200 words: d = 10, 10 / 12 = 0.833; two terms 0.75
	 * (0.625), one 0.5 (0.417); the broader cooperation has its narrower
	 * one's two; one LDCs, 5 / 7 * 0.5 = 0.357; equal scores in taxonomy
	 * order */
	tu_run(small, doc);
	tags(doc, got, sizeof(got));
	ck_assert_str_eq(got, "cooperation 0.625 2 ; south-south-cooperation "
	                 "0.625 2 ; environment 0.417 2 ; ldc 0.357 1");
	ck_assert_str_eq(um_annot_get(tag_of(doc, "south-south-cooperation"),
	                              "broader"), "cooperation");
	ck_assert_str_eq(um_annot_get(tag_of(doc, "ldc"), "rank"), "4");
	um_doc_free(doc);

	run_with(top1, text, "cooperation 0.625 2", NULL);
	run_with(above, text, "cooperation 0.625 2 ; south-south-cooperation "
	         "0.625 2 ; environment 0.417 2", "");
	run_with(twice, text, "cooperation 0.625 2 ; south-south-cooperation "
	         "0.625 2 ; environment 0.417 2", NULL);
}
END_TEST

/* ---- the default taxonomy ---- */

/* A file with mode="extend" adds to the default taxonomy and replaces
 * the concepts whose ids it repeats. */
START_TEST(extend_default)
{
	const char *settings[] = { "themes.taxonomy=" TAX("extend.xml"),
	                           "themes.mentions=no", NULL };
	char err[1024], got[1024];
	um_plugin_set *set = themes(settings, err, sizeof(err));
	um_doc *doc;
	ck_assert_msg(set != NULL, "%s", err);
	doc = tu_doc("Whales and poorest countries; least developed "
	             "countries, LDCs.");
	tu_run(set, doc);
	tags(doc, got, sizeof(got));
	/* equal scores in taxonomy order: the default's concepts, then the
	 * file's, the replaced one among them */
	ck_assert_str_eq(got, "environment 0.357 1 ; whaling 0.357 1 ; "
	                 "least-developed-countries 0.357 1");
	ck_assert_str_eq(um_annot_get(tag_of(doc, "whaling"), "broader"),
	                 "environment");
	ck_assert_str_eq(um_annot_get(tag_of(doc, "least-developed-countries"),
	                              "label"), "Poorest countries");
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

/* The concepts of the Organization itself: its reform, and its budget;
 * "appropriate" is none. Two mentions of two terms each, W counted as
 * 200: d = 10, 10 / 12 x 0.75 = 0.625. */
START_TEST(un_reform_and_budget)
{
	const char *settings[] = { "themes.mentions=no", NULL };
	char err[1024], got[1024];
	um_plugin_set *set = themes(settings, err, sizeof(err));
	um_doc *doc;
	ck_assert_msg(set != NULL, "%s", err);
	doc = tu_doc("The right of veto and the enlargement of the Security "
	             "Council. The scale of assessments and the assessed "
	             "contributions. Appropriate measures.");
	tu_run(set, doc);
	tags(doc, got, sizeof(got));
	ck_assert_str_eq(got, "un-reform 0.625 2 ; un-budget 0.625 2");
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

/* The seed document, A/64/504: South-South cooperation first, and with
 * technical cooperation, self-reliance and the environment among its
 * tags, each with the words that made it. */
START_TEST(seed_document)
{
	um_plugin_set *set = tu_plugins("themes", NULL);
	um_read_options opt;
	um_doc *doc;
	char err[256], got[2048];
	memset(&opt, 0, sizeof(opt));
	ck_assert_int_eq(um_read_file(TEST_TOP_SRCDIR "/corpus/A_64_504.txt",
	                              &opt, &doc, err, sizeof(err)), 0);
	tu_run(set, doc);
	tags(doc, got, sizeof(got));
	ck_assert_str_eq(got, SEED_TAGS);
	ck_assert_str_eq(um_annot_get(tag_of(doc, "south-south-cooperation"),
	                              "evidence"), SEED_SSC);
	ck_assert_str_eq(um_annot_get(tag_of(doc, "technical-cooperation"),
	                              "evidence"),
	                 "technical cooperation among developing countries (3)");
	ck_assert_str_eq(um_annot_get(tag_of(doc, "self-reliance"), "evidence"),
	                 "collective self-reliance (1)");
	ck_assert_str_eq(um_annot_get(tag_of(doc, "environment"), "evidence"),
	                 "environmental problems (1)");
	um_doc_free(doc);
	um_plugin_set_free(set);
}
END_TEST

Suite *themes_suite(void)
{
	Suite *s = suite_create("themes");
	TCase *tc = tcase_create("taxonomy");
	tcase_add_loop_test(tc, bad_taxonomy, 0,
	                    (int)(sizeof(bad_files) / sizeof(bad_files[0])));
	tcase_add_test(tc, missing_taxonomy);
	tcase_add_test(tc, bad_options);
	suite_add_tcase(s, tc);
	tc = tcase_create("matching");
	tcase_add_unchecked_fixture(tc, setup_small, teardown_small);
	tcase_add_loop_test(tc, matching, 0,
	                    (int)(sizeof(match_cases) / sizeof(match_cases[0])));
	tcase_add_test(tc, mention_attributes);
	tcase_add_test(tc, language);
	tcase_add_test(tc, score_short);
	tcase_add_test(tc, score_density);
	tcase_add_test(tc, score_options);
	suite_add_tcase(s, tc);
	tc = tcase_create("default");
	tcase_add_test(tc, extend_default);
	tcase_add_test(tc, un_reform_and_budget);
	tcase_add_test(tc, seed_document);
	suite_add_tcase(s, tc);
	return s;
}
