/*
 * libFuzzer harness: one reader (FUZZ_FORMAT: UM_FMT_TXT, UM_FMT_XML,
 * UM_FMT_HTML or UM_FMT_JSONL, a record) on arbitrary bytes, then the
 * tokenizer and sentence
 * splitter. Anything but a clean error or a document is a finding.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unmine/unmine.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	um_read_options opt;
	um_doc *doc = NULL;
	char err[256];
	memset(&opt, 0, sizeof(opt));
	opt.format = FUZZ_FORMAT;
	if (um_read_memory((const char *)data, size, "fuzz", &opt, &doc, err,
	                   sizeof(err)) == 0) {
		um_doc_tokenize(doc);
		um_doc_free(doc);
	}
	return 0;
}
