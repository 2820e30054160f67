/* Helpers shared by the test suites. */
#ifndef UM_TESTUTIL_H
#define UM_TESTUTIL_H

#include <stddef.h>
#include <unmine/unmine.h>

/* A tokenized document holding s, normalised as the readers do. */
um_doc *tu_doc(const char *s);

/* The plugins of this build named in names ("dates,references"), loaded
 * by the real loader, with option ("P.KEY=VALUE") or NULL, resolved and
 * initialised; fails the test otherwise. Free with um_plugin_set_free. */
um_plugin_set *tu_plugins(const char *names, const char *option);

/* Runs the set on doc; fails the test if a plugin fails. */
void tu_run(um_plugin_set *set, um_doc *doc);
/* The text of token i of doc, in a static buffer. */
const char *tu_tok(const um_doc *doc, size_t i);
/* The folded form of token i, in a static buffer. */
const char *tu_fold(const um_doc *doc, size_t i);
/* The text an annotation with a span covers, in a static buffer; fails
 * the test if it has no span. */
const char *tu_covered(const um_doc *doc, const um_annot *a);
/* The content tokens of doc (spaces left out), joined by '|', in a static
 * buffer: "A|/|64|/|504". */
const char *tu_content(const um_doc *doc);
/* A new empty directory under TMPDIR (or /tmp); free the result. */
char *tu_tempdir(void);
/* Removes a directory tree made by the tests. */
void tu_rmtree(const char *path);
/* Writes n bytes to dir/name; returns the malloc'ed path. */
char *tu_write(const char *dir, const char *name, const void *data, size_t n);
/* The whole content of a file (malloc'ed, NUL-terminated), or NULL. */
char *tu_slurp(const char *path, size_t *ret_len);

#endif
