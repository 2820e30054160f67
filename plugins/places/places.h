/* The places plugin's gazetteer, generated at build time. */
#ifndef PLACES_PLACES_H
#define PLACES_PLACES_H

#include <stddef.h>

enum place_needs { PN_UNIT = 1, PN_COUNTRY = 2, PN_PLACE_WORD = 3 };

enum place_type {
	PT_COUNTRY = 1, PT_FORMER, PT_REGION, PT_CITY, PT_SUBDIVISION, PT_OTHER,
	PT_NAME               /* not a place: a name that holds some ("the
	                       * Islamic State in Iraq and the Levant") */
};

struct place {
	const char *name;     /* as written in text */
	unsigned char type;   /* enum place_type */
	const char *code;     /* alpha-3, alpha-4, "M49:002", "GN:184745", ISO 3166-2 */
	const char *m49;      /* countries: the M49 number */
	const char *country;  /* cities and subdivisions: alpha-3 */
	double lat, lon;      /* cities */
	int needs;            /* PN_UNIT: taken only before "State",
	                       * "Department"... ("Unity State"); PN_COUNTRY:
	                       * only in a document naming its country, after
	                       * a locative or in a list of places;
	                       * PN_PLACE_WORD: only after a locative or in a
	                       * list ("in Santiago", not "Santiago Irazabal") */
};

extern const struct place places_table[];
extern const size_t places_count;

#endif
