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

#endif
