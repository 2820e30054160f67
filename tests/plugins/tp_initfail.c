/* A plugin whose init fails with a message. */
#include "tp_common.h"

static int fail_init(const um_core_api *api, const void *opt, void **state,
                     char *err, size_t errlen)
{
	(void)api;
	(void)opt;
	(void)state;
	snprintf(err, errlen, "cannot read data file /nonexistent/list.txt");
	return UM_EIO;
}

static int no_process(void *state, um_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

UM_PLUGIN_DEFINE(.name = "tp-initfail", .version = "1.0",
                 .summary = "test: init fails", .init = fail_init,
                 .process = no_process)
