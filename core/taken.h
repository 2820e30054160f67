/* What a run has taken (taken.c): the output names given, and the
 * documents read, so that none is given or read twice. */
#ifndef UM_TAKEN_H
#define UM_TAKEN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct stat;

/* The output names given so far, when two inputs could be given the
 * same one: "a/x.txt" and "b/x.txt" both become OUT/x.txt.xml. Each
 * entry holds the name (rel) and, after its NUL, the input's path, and
 * after that one's NUL, 'f' for a file, or for a file of records (whose
 * outputs, REL/LINE, are not kept one by one) 'r' and its number of
 * lines once they are read. */
struct outputs {
	char **slot;
	size_t mask, n;
};

/* The documents a run has taken, by their name below their input (rel)
 * and their file's device and inode, when a file may be met again
 * (several inputs, a list: find lists a directory and then its files):
 * one met again under the same name is the same document, read once, as
 * under -o; hard links under other names stay two documents. Kept by a
 * run without -o, and by the count of the documents to do. 24 bytes a
 * document in a table a quarter to half full. */
struct files {
	struct file_id {
		dev_t dev;
		ino_t ino;
		uint64_t name;        /* FNV-1a of rel */
	} *slot;
	size_t mask, n;
};

/* A new, empty table of output names. */
struct outputs *outputs_new(void);
/* The input that was given the output name rel, or NULL; *records set
 * when it is a file of records, and *lines to its number of lines. */
const char *output_owner(const struct outputs *o, const char *rel,
                         int *records, size_t *lines);
/* The file of records given the output name rel has lines lines. */
void output_lines(struct outputs *o, const char *rel, size_t lines);
/* Records that path's output is rel (records: path is a file of
 * records); NULL, or the path of the input that was given the name
 * first. */
const char *claim_output(struct outputs *o, const char *rel,
                         const char *path, int records);
/* A file named as a line of a file of records whose output name is its
 * directory's (rel "r.jsonl/2" beside the records of r.jsonl) would be
 * given a record's output: that record's name ("PATH:2", malloc'ed), or
 * NULL. */
char *record_named(const struct outputs *o, const char *rel);
void outputs_free(struct outputs *o);

/* A new, empty table of documents. */
struct files *files_new(void);
/* Records the document rel of the file of status st (a regular file, so
 * its inode is not 0): 1 if it was taken before, else 0. */
int taken_before(struct files *f, const struct stat *st, const char *rel);
void files_free(struct files *f);

#endif
