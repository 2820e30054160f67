/*
 * libFuzzer harness: the whole pipeline on arbitrary bytes: the reader
 * chosen by content, every plugin of the build (FUZZ_PLUGIN_PATH), then
 * every writer. Anything but a clean error or output is a finding.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unmine/unmine.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static um_plugin_set *plugins;
static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dirs = getenv("UNMINE_PLUGIN_PATH");
	char err[1024], *copy, *p, *save = NULL;
	const char *list[16];
	size_t n = 0;
	(void)argc;
	(void)argv;
	if (!dirs)
		dirs = FUZZ_PLUGIN_PATH;
	copy = strdup(dirs);
	for (p = strtok_r(copy, ":", &save); p && n < 16;
	     p = strtok_r(NULL, ":", &save))
		list[n++] = p;
	plugins = um_plugin_set_new();
	um_plugin_set_scan(plugins, list, n, NULL, NULL);
	if (um_plugin_set_select(plugins, NULL, err, sizeof(err)) ||
	    um_plugin_set_resolve(plugins, 0, NULL, NULL, err, sizeof(err)) < 0 ||
	    um_plugin_set_init(plugins, err, sizeof(err))) {
		fprintf(stderr, "fuzz_pipeline: %s\n", err);
		exit(2);
	}
	if (um_plugin_set_count(plugins) == 0) {
		fprintf(stderr, "fuzz_pipeline: no plugin found in %s\n", dirs);
		exit(2);
	}
	free(copy);
	sink = fopen("/dev/null", "w");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int outputs[] = {
		UM_OUT_XML, UM_OUT_STANDOFF, UM_OUT_JSONL, UM_OUT_EDGES
	};
	um_read_options opt;
	um_doc *doc = NULL;
	char err[1024];
	memset(&opt, 0, sizeof(opt));
	if (um_read_memory((const char *)data, size, "fuzz", &opt, &doc, err,
	                   sizeof(err)) != 0)
		return 0;
	if (um_plugin_set_run(plugins, doc, err, sizeof(err)) == 0)
		for (size_t i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++)
			um_write_doc(sink, doc, outputs[i]);
	um_doc_free(doc);
	return 0;
}
