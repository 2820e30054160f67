/* The words the dates plugin knows, by class: one table per language. */
#ifndef DATES_LEXICON_H
#define DATES_LEXICON_H

#include <stddef.h>

/* What a word is to the date grammar. */
enum lex_class {
	LX_NONE = 0,
	LX_MONTH,       /* full month name; value 1-12 */
	LX_MONTH_ABBR,  /* abbreviated month, may take a full stop; 1-12 */
	LX_WEEKDAY,     /* 1-7 */
	LX_CARDINAL,    /* number word; value */
	LX_ORDINAL,     /* ordinal word; value */
	LX_UNIT,        /* unit of time, singular; value enum unit; also
	                 * quarter, century, session and "the year 2000" */
	LX_UNITS,       /* unit of time, plural; value enum unit */
	LX_DEICTIC,     /* last -1, this/current/present 0, next/coming +1 */
	LX_ANAPHORIC,   /* previous/preceding -1, following +1 */
	LX_PAST,        /* past: "past decade", "past 30 years" */
	LX_PREP,        /* a preposition that makes a bare year a date;
	                 * "on" has value 2, "at" 3 */
	LX_TO,          /* to, until, till, through: range connector */
	LX_AND,         /* and: list connector, "between ... and" */
	LX_OR,          /* or: list connector */
	LX_FROM,        /* from: opens a range */
	LX_BETWEEN,     /* between: opens a range */
	LX_MOD,         /* early, mid, late: modifier before a date; enum mod */
	LX_MOD_OF,      /* beginning, start, middle, end + "of"; enum mod */
	LX_HALF,        /* half: "the second half of 2009" */
	LX_OF,          /* of */
	LX_THE,         /* determiners before a year used as a modifier;
	                 * "the" has value 1 */
	LX_REFWORD,     /* resolution, decision: numbers after it are references */
	LX_NUMWORD,     /* paragraph, page, No.: the number after it is no year;
	                 * value 2 for approximators ("about", "over"), which
	                 * may stand before a duration */
	LX_COUNTNOUN,   /* a counted noun: the number before it is no year */
	LX_RECENT,      /* recent: "recent years" */
	LX_AGO,         /* ago */
	LX_AGE,         /* age, old: "18 years of age" is no duration */
	LX_PERIOD,      /* period: "a three-year period" */
	LX_AHEAD,       /* ahead: "the years ahead" */
	LX_PREPOST,     /* post, pre: "post-2015" */
	LX_MORE,        /* more, further, additional: "one more year" */
	LX_COMMITTEE,   /* committee: "the 1970 Committee" is a resolution's */
	LX_UNITADJ,     /* financial, working...: "five working days" */
	LX_EARLIER,     /* earlier, later: "earlier this year" */
	LX_MERIDIEM,    /* am 0, pm 12 */
	LX_M,           /* the m of "a.m." and "p.m." ("a" is LX_THE 2,
	                 * "p" LX_NUMWORD 1) */
	LX_COME,        /* come: "the years to come" */
	LX_LEVEL        /* levels, prices: "above 1990 levels" */
};

enum unit {
	U_NONE = 0, U_MINUTE, U_HOUR, U_DAY, U_WEEK, U_MONTH, U_YEAR,
	U_DECADE, U_CENTURY, U_BIENNIUM, U_QUARTER, U_SESSION
};

enum mod { MOD_NONE = 0, MOD_START, MOD_MID, MOD_END, MOD_AFTER, MOD_BEFORE };

struct lex_entry {
	const char *form;   /* case-folded */
	unsigned char cls;  /* enum lex_class */
	short value;
};

struct lexicon {
	const char *language;            /* BCP 47 tag */
	const struct lex_entry *entries;
	size_t count;
};

extern const struct lexicon dates_lexicon_en;

#endif
