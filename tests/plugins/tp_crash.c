/* A plugin that crashes on a document whose text begins with "crash",
 * and overflows its stack on one that begins with "overflow", as
 * plugins with bugs do: for the line a crash leaves. */
#include <signal.h>
#include <string.h>

#include "tp_common.h"

static const um_core_api *crash_api;

static int crash_init(const um_core_api *api, const void *opt, void **state,
                      char *err, size_t errlen)
{
	(void)opt; (void)err; (void)errlen;
	crash_api = api;
	*state = NULL;
	return 0;
}

/* Deep recursion that ends long after the stack has overflowed (a
 * thread's stack holds some 16,000 of these frames). */
static int deeper(volatile char *up, int n)
{
	volatile char frame[512];
	if (n == 100000000)
		return 0;
	frame[0] = (char)n;
	frame[511] = up ? up[0] : 0;
	return deeper(frame, n + 1) + frame[511];
}

static int crash_process(void *state, um_doc *doc)
{
	const char *text = crash_api->doc_text(doc, NULL);
	(void)state;
	if (!strncmp(text, "crash", 5))
		raise(SIGSEGV);
	if (!strncmp(text, "overflow", 8))
		return deeper(NULL, 0);
	return 0;
}

UM_PLUGIN_DEFINE(.name = "tp-crash", .version = "1.0",
                 .summary = "test: crashes on a document that begins with \"crash\"",
                 .init = crash_init, .process = crash_process)
