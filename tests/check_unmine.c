/* The test runner: every suite of the library and plugins. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(text_suite());
	int failed;

	srunner_add_suite(sr, tokenizer_suite());
	srunner_add_suite(sr, matcher_suite());
	srunner_add_suite(sr, annot_suite());
	srunner_add_suite(sr, xmlout_suite());
	srunner_add_suite(sr, reader_suite());
	srunner_add_suite(sr, walk_suite());
	srunner_add_suite(sr, loader_suite());
	srunner_add_suite(sr, schema_suite());
	srunner_add_suite(sr, acronyms_suite());
	srunner_add_suite(sr, dates_suite());
	srunner_add_suite(sr, references_suite());
	srunner_add_suite(sr, places_suite());
	srunner_add_suite(sr, themes_suite());
	srunner_add_suite(sr, budget_suite());
	srunner_add_suite(sr, mtime_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
