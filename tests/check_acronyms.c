/* Tests: the acronyms plugin, driven through a fake core. */
#include <check.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "testutil.h"

/*
 * The fake core: documents and annotations of its own, cast to the ABI's
 * opaque types. Text and tokens come from the real tokenizer; everything
 * the plugin adds is recorded here, so the test sees exactly the calls.
 */
struct fake_annot {
	char layer[32];
	size_t begin, end;
	char attrs[8][2][256];
	size_t nattrs;
	char link_role[32];
	const struct fake_annot *link;
};

struct fake_doc {
	um_doc *real;
	struct fake_annot annots[64];
	size_t nannots;
	void *allocs[256];
	size_t nallocs;
};

static const char *fake_text(const um_doc *d, size_t *len)
{
	return um_doc_text(((const struct fake_doc *)(const void *)d)->real, len);
}

static const um_token *fake_tokens(const um_doc *d, size_t *n)
{
	return um_doc_tokens(((const struct fake_doc *)(const void *)d)->real, n);
}

static const um_span *fake_sentences(const um_doc *d, size_t *n)
{
	return um_doc_sentences(((const struct fake_doc *)(const void *)d)->real, n);
}

static void *fake_alloc(um_doc *d, size_t n)
{
	struct fake_doc *fd = (struct fake_doc *)(void *)d;
	ck_assert_uint_lt(fd->nallocs, 256);
	return fd->allocs[fd->nallocs++] = malloc(n);
}

static int fake_add(um_doc *d, const char *layer, size_t b, size_t e,
                    um_annot **ret)
{
	struct fake_doc *fd = (struct fake_doc *)(void *)d;
	struct fake_annot *a;
	ck_assert_uint_lt(fd->nannots, 64);
	a = &fd->annots[fd->nannots++];
	memset(a, 0, sizeof(*a));
	snprintf(a->layer, sizeof(a->layer), "%s", layer);
	a->begin = b;
	a->end = e;
	*ret = (um_annot *)(void *)a;
	return 0;
}

static int fake_set(um_doc *d, um_annot *an, const char *k, const char *v)
{
	struct fake_annot *a = (struct fake_annot *)(void *)an;
	(void)d;
	ck_assert_uint_lt(a->nattrs, 8);
	snprintf(a->attrs[a->nattrs][0], 256, "%s", k);
	snprintf(a->attrs[a->nattrs][1], 256, "%s", v);
	a->nattrs++;
	return 0;
}

static int fake_link(um_doc *d, um_annot *from, const char *role,
                     const um_annot *to)
{
	struct fake_annot *a = (struct fake_annot *)(void *)from;
	(void)d;
	snprintf(a->link_role, sizeof(a->link_role), "%s", role);
	a->link = (const struct fake_annot *)(const void *)to;
	return 0;
}

static void fake_log(const um_doc *d, int level, const char *fmt, ...)
{
	(void)d;
	(void)level;
	(void)fmt;
}

static const um_core_api fake_api = {
	.abi_major = UM_ABI_MAJOR,
	.abi_minor = UM_ABI_MINOR,
	.size = sizeof(um_core_api),
	.log = fake_log,
	.doc_text = fake_text,
	.doc_tokens = fake_tokens,
	.doc_sentences = fake_sentences,
	.doc_alloc = fake_alloc,
	.annot_add = fake_add,
	.annot_set = fake_set,
	.annot_link = fake_link,
};

struct acr_options {
	long min_length;
	int mark_uses;
};

static void *handle;
static const um_plugin *plugin;

static void open_plugin(void)
{
	union { void *p; um_plugin_entry_fn fn; } sym;
	handle = dlopen(TEST_TOP_BUILDDIR "/plugins/acronyms/.libs/acronyms.so",
	                RTLD_NOW | RTLD_LOCAL);
	ck_assert_ptr_nonnull(handle);
	sym.p = dlsym(handle, UM_PLUGIN_ENTRY);
	ck_assert_ptr_nonnull(sym.p);
	plugin = sym.fn();
}

static void close_plugin(void)
{
	dlclose(handle);
}

/* Runs the plugin on text with the given options into fd. */
static void run(struct fake_doc *fd, const char *text, long min, int uses)
{
	struct acr_options opt = { min, uses };
	char err[256];
	void *state = NULL;
	memset(fd, 0, sizeof(*fd));
	fd->real = tu_doc(text);
	ck_assert_int_eq(plugin->init(&fake_api, &opt, &state, err, sizeof(err)), 0);
	ck_assert_int_eq(plugin->process(state, (um_doc *)(void *)fd), 0);
	plugin->fini(state);
}

static void done(struct fake_doc *fd)
{
	size_t i;
	for (i = 0; i < fd->nallocs; i++)
		free(fd->allocs[i]);
	um_doc_free(fd->real);
}

/* The text an annotation covers. */
static const char *covered(const struct fake_doc *fd, const struct fake_annot *a)
{
	static char buf[512];
	size_t n;
	const um_token *t = um_doc_tokens(fd->real, &n);
	const char *text = um_doc_text(fd->real, NULL);
	snprintf(buf, sizeof(buf), "%.*s", (int)(t[a->end - 1].end - t[a->begin].begin),
	         text + t[a->begin].begin);
	return buf;
}

static const char *attr(const struct fake_annot *a, const char *k)
{
	size_t i;
	for (i = 0; i < a->nattrs; i++)
		if (!strcmp(a->attrs[i][0], k))
			return a->attrs[i][1];
	return "(none)";
}

START_TEST(descriptor)
{
	ck_assert_str_eq(plugin->name, "acronyms");
	ck_assert_str_eq(plugin->provides[0], "acronym");
	ck_assert_ptr_null(plugin->provides[1]);
	ck_assert_ptr_null(plugin->requires);
	ck_assert_uint_eq(plugin->options_size, sizeof(struct acr_options));
	ck_assert_str_eq(plugin->options[0].name, "min-length");
	ck_assert_str_eq(plugin->options[1].name, "mark-uses");
}
END_TEST

START_TEST(definition_and_use)
{
	struct fake_doc fd;
	run(&fd, "The United Nations Development Programme (UNDP) met donors. "
	         "Later UNDP reported.", 2, 1);
	ck_assert_uint_eq(fd.nannots, 3);
	ck_assert_str_eq(fd.annots[0].layer, "acronym");
	ck_assert_str_eq(covered(&fd, &fd.annots[0]),
	                 "United Nations Development Programme");
	ck_assert_str_eq(attr(&fd.annots[0], "role"), "expansion");
	ck_assert_str_eq(attr(&fd.annots[0], "short"), "UNDP");
	ck_assert_str_eq(covered(&fd, &fd.annots[1]), "UNDP");
	ck_assert_str_eq(attr(&fd.annots[1], "role"), "definition");
	ck_assert_str_eq(attr(&fd.annots[1], "long"),
	                 "United Nations Development Programme");
	ck_assert_str_eq(fd.annots[1].link_role, "expansion");
	ck_assert_ptr_eq(fd.annots[1].link, &fd.annots[0]);
	ck_assert_str_eq(covered(&fd, &fd.annots[2]), "UNDP");
	ck_assert_str_eq(attr(&fd.annots[2], "role"), "use");
	ck_assert_str_eq(fd.annots[2].link_role, "definition");
	ck_assert_ptr_eq(fd.annots[2].link, &fd.annots[1]);
	done(&fd);
}
END_TEST

START_TEST(lower_case_long_form)
{
	struct fake_doc fd;
	run(&fd, "Growth of gross domestic product (GDP) slowed.", 2, 1);
	ck_assert_uint_eq(fd.nannots, 2);
	ck_assert_str_eq(covered(&fd, &fd.annots[0]), "gross domestic product");
	done(&fd);
}
END_TEST

START_TEST(long_form_wrapped_over_a_line)
{
	struct fake_doc fd;
	/* A line wrapped as in a printed page (a short line would read as a
	 * heading and end the sentence). */
	run(&fd, "In 2009 the report of the United Nations Food and Agriculture\n"
	         "Organization (FAO) was published.", 2, 1);
	ck_assert_uint_eq(fd.nannots, 2);
	ck_assert_str_eq(attr(&fd.annots[1], "long"),
	                 "Food and Agriculture Organization");
	done(&fd);
}
END_TEST

START_TEST(roman_sessions_are_not_acronyms)
{
	struct fake_doc fd;
	run(&fd, "Recalling its resolutions 181 (II) and 3274 (XXIX) of 1974, "
	         "and the Conference on Disarmament (CD).", 2, 1);
	ck_assert_uint_eq(fd.nannots, 2);
	ck_assert_str_eq(covered(&fd, &fd.annots[0]), "Conference on Disarmament");
	ck_assert_str_eq(covered(&fd, &fd.annots[1]), "CD");
	done(&fd);
}
END_TEST

START_TEST(no_long_form_no_annotation)
{
	struct fake_doc fd;
	run(&fd, "We met the team (XYZ) today. A (B) c (DE).", 2, 1);
	ck_assert_uint_eq(fd.nannots, 0);
	done(&fd);
}
END_TEST

START_TEST(long_form_stays_in_its_sentence)
{
	struct fake_doc fd;
	/* "Member States" ends the first sentence; the letters of MS must not
	 * be found there. */
	run(&fd, "He spoke to Member States. Seven (MS) left.", 2, 1);
	ck_assert_uint_eq(fd.nannots, 0);
	done(&fd);
}
END_TEST

START_TEST(options_change_behaviour)
{
	struct fake_doc fd;
	run(&fd, "The Food and Agriculture Organization (FAO) and the United "
	         "Nations Development Programme (UNDP) met. FAO and UNDP agreed.",
	    4, 1);
	/* min-length 4: FAO is too short; UNDP defined and used once. */
	ck_assert_uint_eq(fd.nannots, 3);
	ck_assert_str_eq(attr(&fd.annots[0], "short"), "UNDP");
	ck_assert_str_eq(attr(&fd.annots[2], "role"), "use");
	done(&fd);
	run(&fd, "The United Nations Development Programme (UNDP) met. UNDP "
	         "agreed.", 2, 0);
	/* mark-uses no: the definition only. */
	ck_assert_uint_eq(fd.nannots, 2);
	ck_assert_str_eq(attr(&fd.annots[1], "role"), "definition");
	done(&fd);
}
END_TEST

/* The covered text, role and "long" or "short" of every annotation, as
 * one string. */
static const char *summary(const struct fake_doc *fd)
{
	static char buf[2048];
	size_t used = 0;
	buf[0] = 0;
	for (size_t i = 0; i < fd->nannots; i++) {
		const struct fake_annot *a = &fd->annots[i];
		const char *role = attr(a, "role");
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s|%s|%s",
		                         i ? " ; " : "", covered(fd, a), role,
		                         !strcmp(role, "expansion") ? attr(a, "short") :
		                         attr(a, "long"));
		ck_assert_uint_lt(used, sizeof(buf));
	}
	return buf;
}

START_TEST(short_forms_with_numbers_and_plurals)
{
	struct fake_doc fd;
	/* a hyphen and a number: the letters are matched; a use of it before
	 * a hyphen and a word, not "COVID" alone */
	run(&fd, "The coronavirus disease (COVID-19) pandemic. COVID-19-related "
	         "costs, not COVID.", 2, 1);
	ck_assert_str_eq(summary(&fd),
	                 "coronavirus disease|expansion|COVID-19 ; "
	                 "COVID-19|definition|coronavirus disease ; "
	                 "COVID-19|use|coronavirus disease");
	done(&fd);
	/* a plural: its uses with and without the "s" */
	run(&fd, "The Millennium Development Goals (MDGs) and each MDG; "
	         "non-governmental organizations (NGOs), an NGO and NGOs.", 2, 1);
	ck_assert_str_eq(summary(&fd),
	                 "Millennium Development Goals|expansion|MDGs ; "
	                 "MDGs|definition|Millennium Development Goals ; "
	                 "non-governmental organizations|expansion|NGOs ; "
	                 "NGOs|definition|non-governmental organizations ; "
	                 "MDG|use|Millennium Development Goals ; "
	                 "NGO|use|non-governmental organizations ; "
	                 "NGOs|use|non-governmental organizations");
	done(&fd);
	/* a short form joined by hyphens to words or to other short forms:
	 * the one defined; a non-breaking hyphen as the hyphen */
	run(&fd, "the African Union (AU), the United Nations (UN) and the "
	         "coronavirus disease (COVID\xe2\x80\x91""19): anti-AU, AU-UN, "
	         "UN-GEF, COVID\xe2\x80\x91""19 cases.", 2, 1);
	ck_assert_str_eq(summary(&fd),
	                 "African Union|expansion|AU ; AU|definition|African Union ; "
	                 "United Nations|expansion|UN ; UN|definition|United Nations ; "
	                 "coronavirus disease|expansion|COVID\xe2\x80\x91""19 ; "
	                 "COVID\xe2\x80\x91""19|definition|coronavirus disease ; "
	                 "AU|use|African Union ; AU|use|African Union ; "
	                 "UN|use|United Nations ; UN|use|United Nations ; "
	                 "COVID\xe2\x80\x91""19|use|coronavirus disease");
	done(&fd);
	/* "As", "In", "EU-led": no short forms; "EU" before a hyphen is one */
	run(&fd, "As the European Union (EU) said, In EU-led talks.", 2, 1);
	ck_assert_str_eq(summary(&fd),
	                 "European Union|expansion|EU ; "
	                 "EU|definition|European Union ; "
	                 "EU|use|European Union");
	done(&fd);
}
END_TEST

START_TEST(long_form_not_from_a_function_word)
{
	struct fake_doc fd;
	/* the first letter begins a word that is not "of", "and", "the" */
	run(&fd, "The Organization of American States (OAS) and the Office of "
	         "Internal Oversight Services (OIOS).", 2, 1);
	ck_assert_str_eq(summary(&fd),
	                 "Organization of American States|expansion|OAS ; "
	                 "OAS|definition|Organization of American States ; "
	                 "Office of Internal Oversight Services|expansion|OIOS ; "
	                 "OIOS|definition|Office of Internal Oversight Services");
	done(&fd);
}
END_TEST

START_TEST(short_form_named_again)
{
	struct fake_doc fd;
	run(&fd, "the Islamic State in Iraq and the Levant (ISIL, also known as "
	         "Da'esh) and ISIL; the team (TM also called T).", 2, 1);
	ck_assert_str_eq(summary(&fd),
	                 "Islamic State in Iraq and the Levant|expansion|ISIL ; "
	                 "ISIL|definition|Islamic State in Iraq and the Levant ; "
	                 "ISIL|use|Islamic State in Iraq and the Levant");
	done(&fd);
}
END_TEST

START_TEST(init_rejects_bad_option)
{
	struct acr_options opt = { 0, 1 };
	char err[256] = "";
	void *state = NULL;
	ck_assert_int_eq(plugin->init(&fake_api, &opt, &state, err, sizeof(err)),
	                 UM_EINVAL);
	ck_assert_str_eq(err, "min-length must be at least 1");
}
END_TEST

Suite *acronyms_suite(void)
{
	Suite *s = suite_create("acronyms");
	TCase *tc = tcase_create("acronyms");
	tcase_add_checked_fixture(tc, open_plugin, close_plugin);
	tcase_add_test(tc, descriptor);
	tcase_add_test(tc, definition_and_use);
	tcase_add_test(tc, lower_case_long_form);
	tcase_add_test(tc, long_form_wrapped_over_a_line);
	tcase_add_test(tc, roman_sessions_are_not_acronyms);
	tcase_add_test(tc, no_long_form_no_annotation);
	tcase_add_test(tc, long_form_stays_in_its_sentence);
	tcase_add_test(tc, options_change_behaviour);
	tcase_add_test(tc, init_rejects_bad_option);
	tcase_add_test(tc, short_forms_with_numbers_and_plurals);
	tcase_add_test(tc, long_form_not_from_a_function_word);
	tcase_add_test(tc, short_form_named_again);
	suite_add_tcase(s, tc);
	return s;
}
