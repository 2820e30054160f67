/* A plugin that holds each document and adds nothing: for tests of what
 * a run does with documents still to do when it is stopped. With
 * TP_SLOW_DIR set, it writes DIR/started.N as it begins its N-th
 * document and waits until DIR/go exists; without, it takes a second. */
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "tp_common.h"

static atomic_int begun;

static int slow_init(const um_core_api *api, const void *opt, void **state,
                     char *err, size_t errlen)
{
	(void)api; (void)opt; (void)err; (void)errlen;
	*state = NULL;
	return 0;
}

static void pause_for(long ns)
{
	struct timespec t = { ns / 1000000000L, ns % 1000000000L };
	while (nanosleep(&t, &t) != 0)
		;
}

static int slow_process(void *state, um_doc *doc)
{
	const char *dir = getenv("TP_SLOW_DIR");
	char path[4096];
	FILE *f;
	(void)state; (void)doc;
	if (!dir) {
		pause_for(1000000000L);
		return 0;
	}
	snprintf(path, sizeof(path), "%s/started.%d", dir,
	         atomic_fetch_add(&begun, 1) + 1);
	if ((f = fopen(path, "w")) != NULL)
		fclose(f);
	snprintf(path, sizeof(path), "%s/go", dir);
	while (access(path, F_OK) != 0)
		pause_for(10000000L);
	return 0;
}

UM_PLUGIN_DEFINE(.name = "tp-slow", .version = "1.0",
                 .summary = "test: holds each document",
                 .init = slow_init, .process = slow_process)
