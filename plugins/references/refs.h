/* The references plugin's parts: symbols as written, and the numbers of
 * resolutions and decisions with their canonical symbols. */
#ifndef REFS_REFS_H
#define REFS_REFS_H

#include <stddef.h>

struct symbol {
	char text[96];      /* canonical: as written, "(2000)" without a space */
	size_t len;         /* bytes of the source it covers */
	size_t series_len;  /* bytes of the first part ("A", "UNEP") */
	int nseg;
};

/* A document symbol at the start of s (n bytes): returns the number of
 * bytes it covers, 0 if s does not start with one. */
size_t refs_symbol_at(const char *s, size_t n, struct symbol *ret);

/* A Roman numeral ("XXIX"): its value, 0 if it is none. */
int refs_roman(const char *s, size_t n);

/* "XXIX", "S-VI", "ES-I" or a year "2000": the parenthesis after a
 * resolution number. */
int refs_session_or_year(const char *s, size_t n);

/* Parts that follow a symbol and cite more documents of it: "A/64/504 and
 * Add.1", "and Corr.1", "and Rev.1", "and Amend.1". The order is that of
 * part_kinds in symbol.c. */
enum part_kind { PART_ADD, PART_CORR, PART_REV, PART_AMEND };

/* The kind of the part at p (n bytes on: "Add.1"), -1 if none; *len gets
 * the length of its name with the full stop ("Add."). */
int refs_part_kind(const char *p, size_t n, size_t *len);

/* Digits at p, at most 3, as *v: their count, 0 if none or more. */
size_t refs_part_number(const char *p, size_t n, long *v);

/* The separator before a part at p: " and ", ", ", ", and "; its length,
 * 0 if none. */
size_t refs_part_separator(const char *p, size_t n);

/* Cuts sym at its first addendum or corrigendum: "A/64/504/Corr.1" is
 * "A/64/504". */
void refs_part_root(char *sym);

#endif
