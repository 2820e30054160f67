/* Readers: plain text, XML and HTML files into normalised documents. */
#ifndef UNMINE_READER_H
#define UNMINE_READER_H

#include <stddef.h>
#include <unmine/doc.h>

#ifdef __cplusplus
extern "C" {
#endif

enum um_format {
	UM_FMT_AUTO = 0,   /* by extension, then by content */
	UM_FMT_TXT = 1,
	UM_FMT_XML = 2,
	UM_FMT_HTML = 3,
	/* one record of JSON Lines: a JSON object whose "text" string is
	 * the document's text, in the format its "format" member names
	 * (auto, the default, txt, xml or html); its "id", "symbol",
	 * "title", "date" and "language" (or "lang") members are the
	 * document's metadata, before what the text states; other members
	 * are left alone. A JSON string alone is a text. Never chosen by
	 * name or content: a file of many records is split into lines by
	 * the caller. */
	UM_FMT_JSONL = 4
};

/* Default limit on a document's size in bytes: 256 MiB. */
#define UM_DEFAULT_MAX_SIZE ((size_t)256 << 20)

typedef struct um_read_options {
	int format;                      /* enum um_format */
	size_t max_size;                 /* 0: UM_DEFAULT_MAX_SIZE */
	/* XML: read only the text inside these elements (local names);
	 * NULL-terminated; NULL means every text node outside the header. */
	const char *const *elements;
	const char *language;            /* when the input states none; NULL: "en" */
} um_read_options;

/* "txt", "xml", "html", "jsonl" or "auto"; NULL for an unknown value. */
const char *um_format_name(int format);
/* The format for a name; UM_EINVAL for an unknown one. */
int um_format_parse(const char *name, int *ret_format);

/*
 * Reads a file into a new document with metadata "source" (path as given),
 * "format", and what the input states ("symbol", "date", "language",
 * "title"). gzip data is inflated first, within the size limit, and its
 * format taken from the name without ".gz" (not a record: with format
 * UM_FMT_JSONL the bytes are one line of JSON). The text is valid UTF-8
 * in NFC: a leading byte-order mark is dropped, UTF-16 with a byte-order mark is converted, invalid bytes become
 * U+FFFD with a warning that gives the byte offset of the first one, line
 * ends become LF, and control characters that XML 1.0 forbids become
 * spaces. On failure writes one line into err (without the file name) and
 * returns UM_EIO (unreadable), UM_EFORMAT (binary, malformed XML) or
 * UM_ETOOBIG. Caller owns *ret; free with um_doc_free.
 *
 * XML and HTML are read with libxml2, and nothing outside the document is
 * ever read: no DTD, no external entity, no network. The first read
 * installs libxml2's external entity loader (there is one per process),
 * which refuses what the library's own parses ask for and hands every
 * other request to the loader that was in place before, so a program's
 * own use of libxml2 is left as it was.
 */
int um_read_file(const char *path, const um_read_options *opt,
                 um_doc **ret, char *err, size_t errlen);

/* The same for bytes in memory; name is recorded as "source". */
int um_read_memory(const char *buf, size_t len, const char *name,
                   const um_read_options *opt, um_doc **ret,
                   char *err, size_t errlen);

/*
 * Text normalisation as the readers do it, on bytes of unknown quality.
 * *ret is a malloc'ed NUL-terminated string the caller frees with free();
 * *ret_invalid counts replaced invalid sequences and *ret_first_invalid is
 * the byte offset of the first (both may be NULL). Returns 0 or UM_EINVAL
 * if the input is over 4 GiB.
 */
int um_text_normalize(const char *in, size_t len, char **ret, size_t *ret_len,
                      size_t *ret_invalid, size_t *ret_first_invalid);

/*
 * gzip data (RFC 1952): one member or several one after another, with
 * zero padding allowed after the last. um_read_file and um_read_memory
 * inflate input that begins like it; these functions inflate a stream as
 * it is read, for readers of records (JSON Lines).
 */
typedef struct um_gz um_gz;
/* Whether buf begins like gzip data: its two magic bytes, which no text
 * begins with. */
int um_gz_magic(const void *buf, size_t len);
/* A stream inflater; aborts if memory runs out. um_gz_free(NULL) is a
 * no-op. */
um_gz *um_gz_new(void);
void um_gz_free(um_gz *g);
/* Inflates what it can of in[0, inlen) into out (outlen bytes): the bytes
 * taken in *ret_used, made in *ret_made, and 0; UM_EFORMAT with err for
 * corrupt data or other bytes after it (found after some output, that
 * output is returned first, and the error by the next call). Call again with the rest of the
 * input and room; when no input is left, call it with room until it makes
 * less than the room (inflate may hold output). */
int um_gz_inflate(um_gz *g, const char *in, size_t inlen, size_t *ret_used,
                  char *out, size_t outlen, size_t *ret_made, char *err,
                  size_t errlen);
/* At the end of the input: 0, or UM_EFORMAT with err if it ends inside a
 * member. */
int um_gz_end(const um_gz *g, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
