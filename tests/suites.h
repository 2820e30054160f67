/* Every Check suite of the test runner. */
#ifndef UM_TEST_SUITES_H
#define UM_TEST_SUITES_H

#include <check.h>

Suite *text_suite(void);
Suite *tokenizer_suite(void);
Suite *matcher_suite(void);
Suite *annot_suite(void);
Suite *xmlout_suite(void);
Suite *reader_suite(void);
Suite *walk_suite(void);
Suite *loader_suite(void);
Suite *schema_suite(void);
Suite *acronyms_suite(void);
Suite *dates_suite(void);
Suite *references_suite(void);
Suite *places_suite(void);
Suite *themes_suite(void);
Suite *budget_suite(void);
Suite *mtime_suite(void);

#endif
