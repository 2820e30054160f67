/* A plugin that takes a second a document and adds nothing: for tests of
 * what a run does with documents still to do when it is stopped. */
#include <time.h>

#include "tp_common.h"

static int slow_init(const um_core_api *api, const void *opt, void **state,
                     char *err, size_t errlen)
{
	(void)api; (void)opt; (void)err; (void)errlen;
	*state = NULL;
	return 0;
}

static int slow_process(void *state, um_doc *doc)
{
	struct timespec t = { 1, 0 };
	(void)state; (void)doc;
	while (nanosleep(&t, &t) != 0)
		;
	return 0;
}

UM_PLUGIN_DEFINE(.name = "tp-slow", .version = "1.0",
                 .summary = "test: a second a document",
                 .init = slow_init, .process = slow_process)
