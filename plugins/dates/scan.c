/*
 * The date grammar: a hand-written parser over the content tokens of one
 * paragraph. At each token that can start a mention it tries a range, list
 * or single date, then a relative expression, then a duration, and takes
 * the first that parses; bare years and months are
 * taken only in a context that makes them dates, and never inside a
 * resolution or document reference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

/* The scanner's own classes, beyond the lexicon's. */
enum {
	CX_ORDNUM = 100,  /* "19th", "21st": value in val */
	CX_DECADE,        /* "1950s": value 195 in val */
	CX_S,             /* the "s" of "1990's" */
	CX_CLOCK,         /* "10.30": hours * 100 + minutes in val */
	CX_NOTE_YEAR      /* "2019.4": a year, a full stop and a footnote's
	                   * number run on, the year in val */
};

struct lexicon_index {
	const struct lexicon *lex;
	uint32_t mask;
	int32_t *slot;       /* entry index, -1 when empty */
	uint8_t *len;        /* length of each entry's form */
	uint32_t lens[256];  /* by first byte: bit n set if a form has length n */
};

/* The slot of a form: its length and its first, second and last bytes,
 * which set apart the few hundred forms of a lexicon well enough, without
 * a loop over the word (n >= 1). */
static uint32_t hash(const char *s, size_t n)
{
	uint32_t v = (uint32_t)(unsigned char)s[0] |
	             (uint32_t)(unsigned char)s[n > 1] << 8 |
	             (uint32_t)(unsigned char)s[n - 1] << 16 | (uint32_t)n << 24;
	v *= 0x9E3779B1u;
	return v ^ (v >> 15);
}

struct lexicon_index *lexicon_index_new(const struct lexicon *lex)
{
	struct lexicon_index *ix = calloc(1, sizeof(*ix));
	uint32_t size = 64;
	if (!ix)
		return NULL;
	while (size < lex->count * 4)
		size *= 2;
	ix->slot = malloc(size * sizeof(*ix->slot));
	ix->len = malloc(lex->count + 1);
	if (!ix->slot || !ix->len) {
		free(ix->slot);
		free(ix->len);
		free(ix);
		return NULL;
	}
	memset(ix->slot, 0xff, size * sizeof(*ix->slot));
	ix->lex = lex;
	ix->mask = size - 1;
	for (size_t i = 0; i < lex->count; i++) {
		const char *f = lex->entries[i].form;
		uint32_t h = hash(f, strlen(f)) & ix->mask;
		ix->len[i] = (uint8_t)strlen(f);
		if (ix->len[i] < 32)
			ix->lens[(unsigned char)f[0]] |= 1u << ix->len[i];
		while (ix->slot[h] >= 0)
			h = (h + 1) & ix->mask;
		ix->slot[h] = (int32_t)i;
	}
	return ix;
}

void lexicon_index_free(struct lexicon_index *ix)
{
	if (!ix)
		return;
	free(ix->slot);
	free(ix->len);
	free(ix);
}

static int same_form(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static const struct lex_entry *lookup(const struct lexicon_index *ix,
                                      const char *s, size_t n)
{
	uint32_t h;
	if (n >= 32 || !(ix->lens[(unsigned char)s[0]] >> n & 1))
		return NULL;
	h = hash(s, n) & ix->mask;
	while (ix->slot[h] >= 0) {
		const struct lex_entry *e = &ix->lex->entries[ix->slot[h]];
		if (ix->len[ix->slot[h]] == n && same_form(e->form, s, n))
			return e;
		h = (h + 1) & ix->mask;
	}
	return NULL;
}

static int all_digits(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int32_t digits_value(const char *s, size_t n)
{
	int32_t v = 0;
	if (n > 6)
		return -1;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int roman_or_letter(const char *s, size_t n)
{
	if (n == 1)
		return s[0] >= 'A' && s[0] <= 'Z';
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXLCDM", s[i]))
			return 0;
	return 1;
}

static void classify(const struct lexicon_index *ix, const char *text,
                     const um_token *t, struct ctok *c)
{
	const char *f = t->fold;
	size_t n = t->fold_len;
	const char *raw = text + t->begin;
	size_t rawn = t->end - t->begin;
	c->roman = 0;
	c->num = -1;
	c->ndig = 0;
	c->cls = LX_NONE;
	c->val = 0;
	c->ch = 0;
	c->cap = (t->flags & UM_TF_CAP) != 0;
	c->sent = (t->flags & UM_TF_SENT_START) != 0;
	c->kind = t->kind;
	if (t->kind == UM_TOK_NUMBER) {
		if (all_digits(f, n)) {
			c->num = digits_value(f, n);
			c->ndig = (uint8_t)(n > 255 ? 255 : n);
		} else if ((n == 6 || n == 7) && f[4] == '.' && all_digits(f, 4) &&
		           all_digits(f + 5, n - 5) && digits_value(f, 4) >= 1900 &&
		           digits_value(f, 4) <= 2099) {
			c->cls = CX_NOTE_YEAR;
			c->val = (short)digits_value(f, 4);
		} else if ((n == 4 || n == 5) && f[n - 3] == '.' &&
		           all_digits(f, n - 3) && all_digits(f + n - 2, 2)) {
			int h = digits_value(f, n - 3), mi = digits_value(f + n - 2, 2);
			if (h <= 24 && mi < 60) {
				c->cls = CX_CLOCK;
				c->val = (short)(h * 100 + mi);
			}
		}
		return;
	}
	if (t->kind == UM_TOK_PUNCT || t->kind == UM_TOK_SYMBOL) {
		if (n == 1)
			c->ch = f[0];
		return;
	}
	if (t->kind != UM_TOK_WORD || n > 16)
		return;
	if ((t->flags & UM_TF_ALLCAPS) && roman_or_letter(raw, rawn))
		c->roman = 1;
	if (t->flags & UM_TF_DIGITS) {
		/* "19th", "1st", "1950s" */
		size_t d = 0;
		while (d < n && f[d] >= '0' && f[d] <= '9')
			d++;
		if (d == 0)
			return;
		if (n - d == 2 && d <= 2 &&
		    (!memcmp(f + d, "st", 2) || !memcmp(f + d, "nd", 2) ||
		     !memcmp(f + d, "rd", 2) || !memcmp(f + d, "th", 2))) {
			c->cls = CX_ORDNUM;
			c->val = (short)digits_value(f, d);
		} else if (d == 4 && n == 5 && f[4] == 's' && f[3] == '0') {
			c->cls = CX_DECADE;
			c->val = (short)(digits_value(f, 3));
		}
		return;
	}
	if (n == 1 && f[0] == 's') {
		c->cls = CX_S;
		return;
	}
	const struct lex_entry *e = lookup(ix, f, n);
	if (e) {
		c->cls = e->cls;
		c->val = e->value;
	}
}


struct scan {
	const struct ctok *c;
	size_t n;
	int para_year;            /* last year seen in the paragraph */
	struct point last;        /* last date with a year in the paragraph */
	size_t last_year_end;     /* content index just past the last date, range
	                           * or list (a year may be coordinated with it) */
	size_t last_end;          /* content index just past the last mention */
};

static int cls(const struct scan *s, size_t i)
{
	return i < s->n ? s->c[i].cls : LX_NONE;
}

static int is_ch(const struct scan *s, size_t i, char ch)
{
	return i < s->n && s->c[i].ch == ch &&
	       (s->c[i].kind == UM_TOK_PUNCT || s->c[i].kind == UM_TOK_SYMBOL);
}

/* Token i touches the one before it. */
static int glued(const struct scan *s, size_t i)
{
	return i < s->n && i > 0 && !s->c[i].gap;
}

static int is_year(const struct scan *s, size_t i)
{
	return i < s->n && s->c[i].ndig == 4 && s->c[i].num >= 1000 &&
	       s->c[i].num <= 2199;
}

static int is_dash(const struct scan *s, size_t i)
{
	return is_ch(s, i, '-');
}

/* A day of the month: "19" or "19th". Returns 1 and its value. */
static int parse_day(const struct scan *s, size_t i, int *d)
{
	if (i >= s->n)
		return 0;
	if (s->c[i].num >= 1 && s->c[i].num <= 31 && s->c[i].ndig <= 2) {
		*d = s->c[i].num;
		return 1;
	}
	if (s->c[i].cls == CX_ORDNUM && s->c[i].val >= 1 && s->c[i].val <= 31) {
		*d = s->c[i].val;
		return 1;
	}
	return 0;
}

/* A month name, capitalised; an abbreviation may take a full stop.
 * Returns the index past it, 0 if none. */
static size_t parse_month(const struct scan *s, size_t i, int *m)
{
	if (i >= s->n || !s->c[i].cap)
		return 0;
	if (s->c[i].cls == LX_MONTH) {
		*m = s->c[i].val;
		return i + 1;
	}
	if (s->c[i].cls == LX_MONTH_ABBR) {
		*m = s->c[i].val;
		if (is_ch(s, i + 1, '.') && glued(s, i + 1))
			return i + 2;
		return i + 1;
	}
	return 0;
}

/* An ordinal number up to 99 in words or figures: "twenty-first", "21st".
 * Returns the index past it, 0 if none. */
static size_t parse_ordinal(const struct scan *s, size_t i, int *v)
{
	if (i >= s->n)
		return 0;
	if (s->c[i].cls == CX_ORDNUM) {
		*v = s->c[i].val;
		return i + 1;
	}
	if (s->c[i].cls == LX_ORDINAL) {
		*v = s->c[i].val;
		return i + 1;
	}
	if (s->c[i].cls == LX_CARDINAL && s->c[i].val >= 20 &&
	    s->c[i].val <= 90 && s->c[i].val % 10 == 0) {
		size_t j = i + 1;
		if (is_dash(s, j) && glued(s, j))
			j++;
		if (cls(s, j) == LX_ORDINAL && s->c[j].val < 10) {
			*v = s->c[i].val + s->c[j].val;
			return j + 1;
		}
	}
	return 0;
}

/* A count under a hundred in words: "three", "twenty-five". */
static size_t parse_tens(const struct scan *s, size_t i, int *v)
{
	int base;
	size_t j = i + 1;
	if (cls(s, i) != LX_CARDINAL || s->c[i].val >= 100)
		return 0;
	base = s->c[i].val;
	if (base >= 20 && base <= 90 && base % 10 == 0) {
		size_t k = j;
		if (is_dash(s, k) && glued(s, k))
			k++;
		if (cls(s, k) == LX_CARDINAL && s->c[k].val < 10) {
			*v = base + s->c[k].val;
			return k + 1;
		}
	}
	*v = base;
	return j;
}

/* A count in words or figures: "30", "three", "twenty-five", "two
 * hundred", "one hundred and fifty". */
static size_t parse_count(const struct scan *s, size_t i, int *v)
{
	size_t j, k;
	int rest;
	if (i >= s->n)
		return 0;
	if (s->c[i].num >= 1 && s->c[i].ndig <= 4 && !s->c[i].cls) {
		*v = s->c[i].num;
		return i + 1;
	}
	if (cls(s, i) == LX_CARDINAL && s->c[i].val == 100) {
		/* the hundred of "two hundred" is read from "two"; "a
		 * hundred years" is a hundred */
		if (i > 0 && s->c[i - 1].cls == LX_CARDINAL)
			return 0;
		*v = 100;
		j = i + 1;
	} else if ((j = parse_tens(s, i, v)) == 0) {
		return 0;
	} else if (*v < 10 && cls(s, j) == LX_CARDINAL && s->c[j].val == 100) {
		*v *= 100;
		j++;
	} else {
		return j;
	}
	/* "one hundred and fifty", "a hundred twenty" */
	k = j + (cls(s, j) == LX_AND);
	if ((k = parse_tens(s, k, &rest)) != 0) {
		*v += rest;
		j = k;
	}
	return j;
}

/* A year glued into a symbol or number: "S/2000/1234", "E.09", "2000.5". */
static int symbol_right(const struct scan *s, size_t e)
{
	if (e < s->n && glued(s, e)) {
		const struct ctok *x = &s->c[e];
		if (x->ch == '/' || x->kind == UM_TOK_NUMBER ||
		    x->kind == UM_TOK_WORD)
			return 1;
		if (x->ch == '.' && e + 1 < s->n && glued(s, e + 1) &&
		    s->c[e + 1].kind == UM_TOK_NUMBER)
			return 1;
	}
	return 0;
}

static int in_symbol(const struct scan *s, size_t i, size_t e)
{
	if (glued(s, i)) {
		const struct ctok *p = &s->c[i - 1];
		if (p->kind == UM_TOK_WORD || p->kind == UM_TOK_NUMBER ||
		    p->ch == '/' || p->ch == '.' || p->ch == '\\')
			return 1;
	}
	return symbol_right(s, e);
}

/* "June 202": a year cut short in the source, which only a reader can
 * complete. */
static int cut_year(const struct scan *s, size_t k)
{
	return k < s->n && s->c[k].ndig == 3 && s->c[k].num >= 190 &&
	       s->c[k].num <= 209 && !glued(s, k) && !symbol_right(s, k + 1);
}

/* Inside a list of references after "resolution(s)"/"decision(s)": walks
 * back over numbers, symbols, "of" + dates and list words. */
static int in_reference(const struct scan *s, size_t i)
{
	size_t steps = 0;
	while (i > 0 && steps < 80) {
		const struct ctok *p = &s->c[--i];
		steps++;
		if (p->cls == LX_REFWORD)
			return 1;
		if (p->kind == UM_TOK_NUMBER || p->cls == LX_AND ||
		    p->cls == LX_OF || p->cls == LX_MONTH || p->cls == CX_ORDNUM)
			continue;
		if (p->kind == UM_TOK_PUNCT &&
		    (p->ch == ',' || p->ch == '/' || p->ch == '(' ||
		     p->ch == ')' || p->ch == '-' || p->ch == '.'))
			continue;
		/* Roman numerals, lettered parts, "ES", "RES", "S" */
		if (p->roman && p->cls == LX_NONE)
			continue;
		if (p->kind == UM_TOK_WORD && p->cap && p->cls == LX_NONE &&
		    i + 1 < s->n && !s->c[i + 1].gap)
			continue;
		return 0;
	}
	return 0;
}

/* The number after which a year is a reference or an amount, not a date. */
static int year_excluded(const struct scan *s, size_t i)
{
	size_t e = i + 1;
	if (in_symbol(s, i, e))
		return 1;
	if (i > 0) {
		const struct ctok *p = &s->c[i - 1];
		if (p->cls == LX_NUMWORD || p->cls == LX_REFWORD ||
		    p->kind == UM_TOK_SYMBOL)
			return 1;
		if (p->ch == '.' && i > 1 && s->c[i - 2].cls == LX_NUMWORD)
			return 1;
		/* "1325 (2000)": the year of a Security Council resolution */
		if (p->ch == '(' && i > 1 && is_ch(s, e, ')')) {
			const struct ctok *q = &s->c[i - 2];
			if (q->kind == UM_TOK_NUMBER)
				return 1;
			if (q->kind == UM_TOK_WORD && q->ndig == 0 &&
			    i > 2 && !q->gap && s->c[i - 3].ch == '/')
				return 1;
		}
	}
	if (e < s->n) {
		const struct ctok *x = &s->c[e];
		if (x->cls == LX_COUNTNOUN || x->ch == '%' || x->cls == LX_COMMITTEE ||
		    x->cls == LX_UNITS ||
		    (x->cls == LX_UNIT && x->val != U_SESSION))
			return 1;
		/* "1514 (XV)", "3201 (S-VI)": a resolution of a numbered session */
		if (x->ch == '(' && e + 1 < s->n &&
		    (s->c[e + 1].roman || s->c[e + 1].cls == LX_NONE) &&
		    s->c[e + 1].kind == UM_TOK_WORD && (s->c[e + 1].roman ||
		    (is_dash(s, e + 2) && e + 3 < s->n && s->c[e + 3].roman)))
			return 1;
	}
	return in_reference(s, i);
}

/* Words before a bare year that make it a date. */
static int prep_before(const struct scan *s, size_t i)
{
	int k;
	if (i == 0)
		return 0;
	k = s->c[i - 1].cls;
	return k == LX_PREP || k == LX_FROM || k == LX_TO ||
	       k == LX_BETWEEN || k == LX_UNIT || k == LX_UNITS;
}

/* A bare year at i is a date here. */
static int year_context(const struct scan *s, size_t i)
{
	int y = s->c[i].num;
	size_t e = i + 1;
	if (year_excluded(s, i))
		return 0;
	if (prep_before(s, i))
		return 1;
	/* "1990, 1995 and 2000" */
	if (i >= 1 && s->last_year_end == i - 1 &&
	    (s->c[i - 1].ch == ',' || s->c[i - 1].cls == LX_AND ||
	     s->c[i - 1].cls == LX_OR))
		return 1;
	if (i >= 2 && s->last_year_end == i - 2 && s->c[i - 2].ch == ',' &&
	    (s->c[i - 1].cls == LX_AND || s->c[i - 1].cls == LX_OR))
		return 1;
	/* "the Hague Conventions of 1899 and 1907", "the report of 2017," */
	if (i > 0 && s->c[i - 1].cls == LX_OF && y >= 1800 && y <= 2099 &&
	    (e >= s->n || s->c[e].kind == UM_TOK_PUNCT || s->c[e].cap ||
	     s->c[e].cls == LX_AND || s->c[e].cls == LX_OR))
		return 1;
	if (y < 1900 || y > 2099)
		return 0;
	/* "post-2015", "pre-2020" */
	if (i > 1 && glued(s, i) && is_dash(s, i - 1) && glued(s, i - 1) &&
	    s->c[i - 2].cls == LX_PREPOST)
		return 1;
	/* "Agenda 2063", "Vision 2030", "the World Social Report 2023" */
	if (i > 0 && s->c[i - 1].kind == UM_TOK_WORD && s->c[i - 1].cap &&
	    s->c[i - 1].cls == LX_NONE && !s->c[i - 1].roman &&
	    s->c[i - 1].ndig == 0 && !glued(s, i))
		return 1;
	if (e < s->n) {
		const struct ctok *x = &s->c[e];
		/* "the 2023 session" */
		if (x->cls == LX_UNIT && x->val == U_SESSION)
			return 1;
		/* "above 1990 levels", "at 2015 prices" */
		if (x->cls == LX_LEVEL && !x->cap && !glued(s, e))
			return 1;
		/* "the 2005 World Summit", "the 2030 Agenda"; but "the 1267
		 * Committee" is named after a resolution */
		if (x->kind == UM_TOK_WORD && x->cap && !x->sent &&
		    x->cls != LX_COMMITTEE &&
		    x->cls != LX_MONTH && x->cls != LX_MONTH_ABBR)
			return 1;
		/* "proclaims 2019 the International Year of", "declared 2021
		 * the Year of" */
		if (e + 1 < s->n && x->cls == LX_THE && x->val == 1 &&
		    s->c[e + 1].kind == UM_TOK_WORD && s->c[e + 1].cap &&
		    !s->c[e + 1].sent)
			return 1;
		/* "the 2010 review" */
		if (i > 0 && s->c[i - 1].cls == LX_THE &&
		    x->kind == UM_TOK_WORD && !x->cap && x->ndig == 0 &&
		    x->cls != LX_AND && x->cls != LX_OR && x->cls != LX_OF &&
		    x->cls != LX_PREP && x->cls != LX_TO)
			return 1;
	}
	if (i > 0) {
		const struct ctok *p = &s->c[i - 1];
		/* "(2000)" after a title */
		if (p->ch == '(' && is_ch(s, e, ')'))
			return 1;
		/* "Official Records ..., 2009, Supplement"; the year of an
		 * instrument's title: "Domestic Workers Convention, 2011 (No.
		 * 189)" */
		if (p->ch == ',' && i > 1 && s->c[i - 2].kind == UM_TOK_WORD &&
		    (e >= s->n || is_ch(s, e, ',') || is_ch(s, e, ')') ||
		     is_ch(s, e, ';') || is_ch(s, e, '.') ||
		     (is_ch(s, e, '(') && s->c[i - 2].cap && e + 1 < s->n &&
		      s->c[e + 1].cls == LX_NUMWORD && s->c[e + 1].cap)))
			return 1;
	}
	return 0;
}

static int year_postmodifier(const struct scan *s, size_t e);

static int month_context(const struct scan *s, size_t i)
{
	int k;
	/* "of September last", "by March next" */
	if (year_postmodifier(s, i + 1))
		return 1;
	if (i == 0)
		return 0;
	k = s->c[i - 1].cls;
	if (s->c[i].val == 5 && s->c[i].sent)
		return 0;     /* "May" opening a sentence is the verb */
	return k == LX_PREP || k == LX_FROM || k == LX_TO || k == LX_BETWEEN ||
	       (k == LX_OF && i > 1 && s->c[i - 2].cls == LX_UNIT);
}

static int starts_mention(int k)
{
	switch (k) {
	case LX_MONTH: case LX_MONTH_ABBR: case LX_WEEKDAY: case LX_CARDINAL:
	case LX_ORDINAL: case LX_DEICTIC: case LX_ANAPHORIC: case LX_PAST:
	case LX_RECENT: case LX_FROM: case LX_BETWEEN: case LX_MOD:
	case LX_MOD_OF: case LX_UNITS: case CX_ORDNUM: case CX_DECADE:
	case LX_EARLIER: case LX_PREPOST: case LX_HALF:
		return 1;
	default:
		return 0;
	}
}

static void point_init(struct point *p, size_t b)
{
	p->y = p->m = p->d = -1;
	p->gran = G_NONE;
	p->q = 0;
	p->hh = p->mi = -1;
	p->bad = 0;
	p->mod = MOD_NONE;
	p->bare = 0;
	p->b = b;
	p->e = b;
}

/* The forms of one point without modifiers. allow_dayonly admits a lone
 * day number (the first day of "1-3 December"). */
static int parse_core(const struct scan *s, size_t i, struct point *p,
                      int allow_dayonly)
{
	int d, m, v = 0;
	size_t j, k;
	point_init(p, i);
	if (i >= s->n)
		return 0;
	/* 2007-12-19 */
	if (is_year(s, i) && is_dash(s, i + 1) && glued(s, i + 1) &&
	    i + 4 < s->n && glued(s, i + 2) && s->c[i + 2].ndig == 2 &&
	    is_dash(s, i + 3) && glued(s, i + 3) && glued(s, i + 4) &&
	    s->c[i + 4].ndig == 2 && s->c[i + 2].num >= 1 &&
	    s->c[i + 2].num <= 12 && s->c[i + 4].num >= 1 &&
	    !in_symbol(s, i, i + 5)) {
		p->y = s->c[i].num;
		p->m = s->c[i + 2].num;
		p->d = s->c[i + 4].num;
		p->gran = G_DAY;
		p->e = i + 5;
		return 1;
	}
	/* 19/12/2007, day first as in UN and British usage */
	if (s->c[i].num >= 1 && s->c[i].ndig <= 2 && is_ch(s, i + 1, '/') &&
	    glued(s, i + 1) && glued(s, i + 2) && i + 4 < s->n &&
	    s->c[i + 2].num >= 1 && s->c[i + 2].num <= 12 &&
	    s->c[i + 2].ndig <= 2 && is_ch(s, i + 3, '/') && glued(s, i + 3) &&
	    glued(s, i + 4) && is_year(s, i + 4) && !in_symbol(s, i, i + 5)) {
		p->d = s->c[i].num;
		p->m = s->c[i + 2].num;
		p->y = s->c[i + 4].num;
		p->gran = G_DAY;
		p->e = i + 5;
		return 1;
	}
	/* 19 December 2007, 19th December, the 3rd of May 1999 */
	if (parse_day(s, i, &d)) {
		j = i + 1;
		if (s->c[i].cls == CX_ORDNUM && cls(s, j) == LX_OF)
			j++;
		k = parse_month(s, j, &m);
		if (k) {
			p->d = d;
			p->m = m;
			p->gran = G_DAY;
			p->e = k;
			if (is_year(s, k) && !symbol_right(s, k + 1)) {
				p->y = s->c[k].num;
				p->e = k + 1;
			} else if (k < s->n && !glued(s, k + 1) &&
			           (s->c[k].ndig == 5 || s->c[k].ndig == 6) &&
			           s->c[k].num / (s->c[k].ndig == 5 ? 10 : 100) >= 1900 &&
			           s->c[k].num / (s->c[k].ndig == 5 ? 10 : 100) <= 2099) {
				/* "28 August 196156": a footnote number run on */
				p->y = s->c[k].num / (s->c[k].ndig == 5 ? 10 : 100);
				p->e = k + 1;
			} else if (cls(s, k) == CX_NOTE_YEAR && !glued(s, k + 1)) {
				/* "held on 5 May 2019.4 Then": the sentence's full
				 * stop and a footnote number run on */
				p->y = s->c[k].val;
				p->e = k + 1;
			} else if (is_ch(s, k, ',') && is_year(s, k + 1) &&
			           !in_symbol(s, k + 1, k + 2)) {
				p->y = s->c[k + 1].num;
				p->e = k + 2;
			} else if (cut_year(s, k)) {
				p->bad = 1;
				p->e = k + 1;
			}
			return 1;
		}
		if (allow_dayonly && !glued(s, i + 1) &&
		    !(glued(s, i) && s->c[i - 1].kind != UM_TOK_PUNCT)) {
			p->d = d;
			p->gran = G_DAYONLY;
			p->e = i + 1;
			return 1;
		}
		if (allow_dayonly && (is_dash(s, i + 1) || is_ch(s, i + 1, ','))) {
			p->d = d;
			p->gran = G_DAYONLY;
			p->e = i + 1;
			return 1;
		}
	}
	/* December 19, 2007; December 2009; December of 2009; December */
	j = parse_month(s, i, &m);
	if (j) {
		if (parse_day(s, j, &d) && !glued(s, j) &&
		    !(j + 1 < s->n && glued(s, j + 1) && !is_ch(s, j + 1, ','))) {
			p->m = m;
			p->d = d;
			p->gran = G_DAY;
			p->e = j + 1;
			if (is_ch(s, j + 1, ',') && is_year(s, j + 2)) {
				p->y = s->c[j + 2].num;
				p->e = j + 3;
			} else if (is_year(s, j + 1)) {
				p->y = s->c[j + 1].num;
				p->e = j + 2;
			} else if (s->c[i].cls != LX_MONTH) {
				return 0;
			}
			return 1;
		}
		k = j;
		if (cls(s, k) == LX_OF || is_ch(s, k, ','))
			k++;
		if (is_year(s, k) && !symbol_right(s, k + 1)) {
			p->m = m;
			p->y = s->c[k].num;
			p->gran = G_MONTH;
			p->e = k + 1;
			return 1;
		}
		if (k == j && cut_year(s, k) && s->c[i].cls == LX_MONTH) {
			p->m = m;
			p->gran = G_MONTH;
			p->bad = 1;
			p->e = k + 1;
			return 1;
		}
		if (s->c[i].cls == LX_MONTH) {
			p->m = m;
			p->gran = G_MONTH;
			p->bare = 1;
			p->e = j;
			return 1;
		}
		return 0;
	}
	/* the 1950s, the 1990's */
	if (s->c[i].cls == CX_DECADE) {
		p->y = s->c[i].val * 10;
		p->gran = G_DECADE;
		p->e = i + 1;
		return 1;
	}
	if (is_year(s, i) && s->c[i].num % 10 == 0 && is_ch(s, i + 1, '\'') &&
	    glued(s, i + 1) && glued(s, i + 2) && cls(s, i + 2) == CX_S) {
		p->y = s->c[i].num;
		p->gran = G_DECADE;
		p->e = i + 3;
		return 1;
	}
	/* the twenty-first century, the 19th century */
	j = parse_ordinal(s, i, &v);
	if (j && v >= 1 && v <= 30) {
		if (cls(s, j) == LX_UNIT && s->c[j].val == U_CENTURY) {
			p->y = (v - 1) * 100;
			p->gran = G_CENTURY;
			p->e = j + 1;
			return 1;
		}
	}
	/* the first six months of 2023, the last three months of 2009 */
	if ((cls(s, i) == LX_ORDINAL && s->c[i].val == 1) ||
	    (cls(s, i) == LX_DEICTIC && s->c[i].val == -1)) {
		int c;
		k = parse_count(s, i + 1, &c);
		if (k && (c == 3 || c == 6) && cls(s, k) == LX_UNITS &&
		    s->c[k].val == U_MONTH && cls(s, k + 1) == LX_OF &&
		    is_year(s, k + 2) && !in_symbol(s, k + 2, k + 3)) {
			int first = cls(s, i) == LX_ORDINAL;
			p->y = s->c[k + 2].num;
			p->gran = c == 6 ? G_HALF : G_QUARTER;
			p->q = first ? 1 : (c == 6 ? 2 : 4);
			p->e = k + 3;
			return 1;
		}
	}
	/* the first quarter of 2010, the second half of 2009 */
	if ((j && v >= 1 && v <= 4) ||
	    (cls(s, i) == LX_DEICTIC && s->c[i].val == -1)) {
		int last = !j;
		size_t u = last ? i + 1 : j;
		int quarter = cls(s, u) == LX_UNIT && s->c[u].val == U_QUARTER;
		int half = cls(s, u) == LX_HALF;
		if ((quarter || (half && (last || v <= 2))) &&
		    cls(s, u + 1) == LX_OF) {
			k = u + 2;
			if (cls(s, k) == LX_THE)
				k++;
			if (is_year(s, k) && !in_symbol(s, k, k + 1)) {
				p->y = s->c[k].num;
				p->gran = quarter ? G_QUARTER : G_HALF;
				p->q = last ? (quarter ? 4 : 2) : v;
				p->e = k + 1;
				return 1;
			}
		}
	}
	/* a year */
	if (is_year(s, i)) {
		p->y = s->c[i].num;
		p->gran = G_YEAR;
		p->bare = 1;
		p->e = i + 1;
		return 1;
	}
	return 0;
}

/* A point with its modifiers: "mid-1980s", "end of 2015", "Monday, 3 May
 * 2010". */
static int parse_point(const struct scan *s, size_t i, struct point *p,
                       int allow_dayonly)
{
	int k = cls(s, i);
	/* "post-2015", "pre-2020", "post- 2015" */
	if (k == LX_PREPOST && is_dash(s, i + 1) && glued(s, i + 1) &&
	    is_year(s, i + 2) && !symbol_right(s, i + 3)) {
		point_init(p, i);
		p->y = s->c[i + 2].num;
		p->gran = G_YEAR;
		p->mod = s->c[i].val;
		p->e = i + 3;
		return 1;
	}
	if (k == LX_MOD || k == LX_MOD_OF) {
		size_t j = i + 1;
		if (is_dash(s, j) && glued(s, j))
			j++;
		else if (k == LX_MOD_OF && cls(s, j) == LX_OF)
			j++;
		else if (k == LX_MOD_OF)
			j = 0;
		if (j && k == LX_MOD_OF && cls(s, j) == LX_THE)
			j++;
		if (j && parse_core(s, j, p, 0) && p->gran != G_DAY &&
		    p->gran != G_DAYONLY &&
		    !(p->gran == G_YEAR && year_excluded(s, j))) {
			p->mod = s->c[i].val;
			p->bare = 0;
			p->b = i;
			return 1;
		}
		point_init(p, i);
		return 0;
	}
	if (k == LX_WEEKDAY && s->c[i].cap) {
		size_t j = i + 1;
		if (is_ch(s, j, ','))
			j++;
		if (parse_core(s, j, p, 0) && p->gran == G_DAY) {
			p->b = i;
			return 1;
		}
		point_init(p, i);
		return 0;
	}
	return parse_core(s, i, p, allow_dayonly);
}

/* A bare point is a date where it stands. */
static int point_ok(const struct scan *s, const struct point *p)
{
	if (!p->bare)
		return 1;
	if (p->gran == G_YEAR)
		return year_context(s, p->b);
	if (p->gran == G_MONTH)
		return month_context(s, p->b);
	return 1;
}

static int has_year(const struct point *p)
{
	return p->y >= 0;
}

/* Completes the two ends of a range from each other; 0 if they do not
 * make one. */
static int join_range(const struct scan *s, struct point *a, struct point *b)
{
	if (b->gran == G_DAYONLY)
		return 0;
	if (a->gran == G_DAYONLY) {
		if (b->gran != G_DAY || a->d >= b->d)
			return 0;
		a->m = b->m;
		a->y = b->y;
		a->gran = G_DAY;
		return 1;
	}
	if ((a->gran == G_DAY || a->gran == G_MONTH) && !has_year(a) &&
	    has_year(b) && (b->gran == G_DAY || b->gran == G_MONTH)) {
		a->y = a->m > b->m ? b->y - 1 : b->y;
		a->bare = 0;
		return 1;
	}
	if ((b->gran == G_DAY || b->gran == G_MONTH) && !has_year(b) &&
	    has_year(a) && (a->gran == G_DAY || a->gran == G_MONTH)) {
		b->y = b->m < a->m ? a->y + 1 : a->y;
		b->bare = 0;
		return 1;
	}
	if (has_year(a) != has_year(b))
		return 0;
	if (a->gran == G_YEAR && b->gran == G_YEAR) {
		if (b->y <= a->y || b->y - a->y > 200)
			return 0;
		if (a->bare && year_excluded(s, a->b))
			return 0;
		if (b->bare && in_symbol(s, b->b, b->e))
			return 0;
		return 1;
	}
	if (a->gran == G_MONTH && b->gran == G_MONTH && !has_year(a))
		return 1;
	return has_year(a) && a->gran != G_DAYONLY;
}

/* "2010/11", "2010/2011", "2008-09": a biennium or fiscal year. */
static int parse_biennium(const struct scan *s, size_t i, struct point *a,
                          struct point *b)
{
	int y, z;
	size_t j = i + 1, k = i + 2;
	if (!is_year(s, i) || k >= s->n || !glued(s, j) || !glued(s, k))
		return 0;
	if (!is_ch(s, j, '/') && !is_dash(s, j))
		return 0;
	y = s->c[i].num;
	z = s->c[k].num;
	if (s->c[k].ndig == 2 && z == (y + 1) % 100)
		z = y + 1;
	else if (!(s->c[k].ndig == 4 && z == y + 1 && is_ch(s, j, '/')))
		return 0;
	if (glued(s, i) || (k + 1 < s->n && glued(s, k + 1) &&
	                    (s->c[k + 1].ch == '/' || s->c[k + 1].ch == '-' ||
	                     s->c[k + 1].kind != UM_TOK_PUNCT)))
		return 0;
	if (in_reference(s, i) || (i > 0 && (s->c[i - 1].cls == LX_NUMWORD ||
	                                     s->c[i - 1].cls == LX_REFWORD)))
		return 0;
	point_init(a, i);
	point_init(b, k);
	a->y = y;
	b->y = z;
	a->gran = b->gran = G_YEAR;
	a->e = i + 1;
	b->e = k + 1;
	return 1;
}

/* "last" or "next" at content token e after a day or month without its
 * year, in the older style ("on 15 November last", "from 5 to 13
 * September last", "on 5 January next"): -1 or 1, the last or next such
 * day from the document date; 0 if not ("5 January last year", "May
 * last three years"). */
static int year_postmodifier(const struct scan *s, size_t e)
{
	if (cls(s, e) != LX_DEICTIC || (s->c[e].val != -1 && s->c[e].val != 1) ||
	    s->c[e].cap || cls(s, e + 1) == LX_UNIT || cls(s, e + 1) == LX_UNITS ||
	    cls(s, e + 1) == LX_MONTH || cls(s, e + 1) == LX_MONTH_ABBR ||
	    cls(s, e + 1) == LX_CARDINAL || (e + 1 < s->n && s->c[e + 1].num >= 0))
		return 0;
	return s->c[e].val;
}

static void set_span(const struct scan *s, struct mention *m, size_t b,
                     size_t e)
{
	m->tb = s->c[b].tok;
	m->te = s->c[e - 1].tok + 1;
}

static int incomplete(const struct point *p)
{
	return p->gran == G_DAYONLY ||
	       ((p->gran == G_DAY || p->gran == G_MONTH) && !has_year(p));
}

/* "26 and 29 January 1946", "26, 27 and 29 January", "March and April
 * 2010": the first items take month and year from the last. */
static size_t parse_list(const struct scan *s, const struct point *first,
                         struct mention *m)
{
	struct point el[MAX_LIST];
	int n = 1, closed = 0;
	int full = !incomplete(first);   /* "4 July 2023 and 3 January 2024" */
	size_t k = first->e;
	el[0] = *first;
	if (full && (first->mod || first->hh >= 0 ||
	             (first->gran != G_DAY && first->gran != G_MONTH)))
		return 0;
	while (n < MAX_LIST && k < s->n) {
		int last = 0;
		if (is_ch(s, k, ',')) {
			k++;
			if (cls(s, k) == LX_AND || cls(s, k) == LX_OR) {
				k++;
				last = 1;
			}
		} else if (cls(s, k) == LX_AND || cls(s, k) == LX_OR) {
			k++;
			last = 1;
		} else if (is_ch(s, k, '/') && glued(s, k) && glued(s, k + 1) &&
		           first->gran == G_MONTH && cls(s, k + 1) == LX_MONTH) {
			k++;        /* "April/May" */
			last = 1;
		} else {
			break;
		}
		if (!parse_point(s, k, &el[n], 1) || el[n].mod)
			return 0;
		k = el[n].e;
		n++;
		if (last) {
			closed = 1;
			break;
		}
		if (full ? incomplete(&el[n - 1]) || el[n - 1].gran != first->gran
		         : !incomplete(&el[n - 1]))
			return 0;
	}
	if (!closed)
		return 0;
	struct point *z = &el[n - 1];
	if (full) {
		if (incomplete(z) || z->gran != first->gran || z->hh >= 0)
			return 0;
		goto done;
	}
	for (int i = 0; i < n - 1; i++) {
		struct point *p = &el[i];
		if (p->gran == G_DAYONLY) {
			if (z->gran != G_DAY || p->d >= z->d)
				return 0;
			p->m = z->m;
			p->gran = G_DAY;
		} else if (p->gran != z->gran || z->gran == G_DAYONLY) {
			return 0;
		}
		p->y = z->y;
		p->bare = 0;
	}
	if (z->gran == G_DAYONLY)
		return 0;
	if (z->gran == G_MONTH && !has_year(z) && !month_context(s, first->b))
		return 0;
done:
	m->type = MT_LIST;
	m->np = n;
	memcpy(m->p, el, sizeof(el[0]) * (size_t)n);
	return k;
}

/* A time of day: "10 a.m.", "3.30 p.m.", "15:00". Returns the index past
 * it, 0 if none. */
static size_t parse_time(const struct scan *s, size_t i, int *hh, int *mi)
{
	size_t j = i + 1;
	int h, m = 0, colon = 0, pm = -1;
	if (i >= s->n)
		return 0;
	if (s->c[i].cls == CX_CLOCK) {
		h = s->c[i].val / 100;
		m = s->c[i].val % 100;
	} else if (s->c[i].num >= 0 && s->c[i].ndig <= 2 && s->c[i].num <= 24) {
		h = s->c[i].num;
		if (is_ch(s, j, ':') && glued(s, j) && glued(s, j + 1) &&
		    s->c[j + 1].ndig == 2 && s->c[j + 1].num < 60) {
			m = s->c[j + 1].num;
			j += 2;
			colon = 1;
		}
	} else {
		return 0;
	}
	if (cls(s, j) == LX_MERIDIEM) {
		pm = s->c[j].val;
		j++;
	} else if (((cls(s, j) == LX_THE && s->c[j].val == 2) ||
	            (cls(s, j) == LX_NUMWORD && s->c[j].val == 1)) &&
	           is_ch(s, j + 1, '.') && glued(s, j + 1) &&
	           cls(s, j + 2) == LX_M && glued(s, j + 2)) {
		pm = s->c[j].val == 2 ? 0 : 12;
		j += 3;
		if (is_ch(s, j, '.') && glued(s, j))
			j++;
	}
	if (pm >= 0) {
		if (h < 1 || h > 12)
			return 0;
		h = h % 12 + pm;
	} else if (!colon || h > 23) {
		return 0;
	}
	*hh = h;
	*mi = m;
	return j;
}

/* A range, a list or one date starting at i; returns the index past it. */
static size_t parse_dates(const struct scan *s, size_t i, struct mention *m)
{
	struct point a, b;
	size_t j = i, k;
	int pre = cls(s, i), conn = 0;
	if (pre == LX_FROM || pre == LX_BETWEEN) {
		j++;
		if (cls(s, j) == LX_THE && s->c[j].val == 1)
			j++;
	} else {
		pre = 0;
	}
	if (!pre) {
		int hh, mi;
		k = parse_time(s, i, &hh, &mi);
		if (k && cls(s, k) == LX_PREP && s->c[k].val == 2 &&
		    parse_point(s, k + 1, &a, 0) && a.gran == G_DAY) {
			a.hh = hh;
			a.mi = mi;
			m->type = MT_DATE;
			m->p[0] = a;
			m->np = 1;
			set_span(s, m, i, a.e);
			return a.e;
		}
	}
	if (!parse_point(s, j, &a, 1))
		return 0;
	if (a.gran == G_YEAR && !a.mod && parse_biennium(s, j, &a, &b)) {
		if (pre == LX_BETWEEN)
			j = i + 1;
		m->type = MT_RANGE;
		m->p[0] = a;
		m->p[1] = b;
		m->np = 2;
		set_span(s, m, j, b.e);
		return b.e;
	}
	k = a.e;
	if (pre == LX_BETWEEN) {
		if (cls(s, k) == LX_AND)
			conn = LX_AND;
	} else if (cls(s, k) == LX_TO || is_dash(s, k)) {
		conn = cls(s, k) == LX_TO ? LX_TO : '-';
	}
	if (conn && cls(s, k + 1) == LX_THE && pre && j > i + 1)
		k++;
	if (conn && parse_point(s, k + 1, &b, 0)) {
		struct point a2 = a;
		int need_context = !pre && conn != '-' && a.bare &&
		                   !(a.gran == G_MONTH && b.gran == G_MONTH &&
		                     has_year(&b) && conn == LX_TO);
		if ((!need_context || point_ok(s, &a)) &&
		    join_range(s, &a2, &b)) {
			m->type = MT_RANGE;
			m->p[0] = a2;
			m->p[1] = b;
			m->np = 2;
			set_span(s, m, pre ? i : j, b.e);
			return b.e;
		}
	}
	if (pre)
		return 0;    /* the point alone is found from the next token */
	if (a.gran == G_DAY) {
		int hh, mi;
		k = a.e;
		if (is_ch(s, k, ','))
			k++;
		if (cls(s, k) == LX_PREP && s->c[k].val == 3 &&
		    (k = parse_time(s, k + 1, &hh, &mi)) != 0) {
			a.hh = hh;
			a.mi = mi;
			m->type = MT_DATE;
			m->p[0] = a;
			m->np = 1;
			set_span(s, m, i, k);
			return k;
		}
	}
	k = parse_list(s, &a, m);
	if (k) {
		set_span(s, m, i, k);
		return k;
	}
	if (a.gran == G_DAYONLY) {
		if (!parse_point(s, i, &a, 0))
			return 0;
	}
	if (!point_ok(s, &a))
		return 0;
	/* "April of this year", "22 May last year" */
	if ((a.gran == G_MONTH || a.gran == G_DAY) && !has_year(&a) && !a.mod) {
		size_t z = a.e;
		if (cls(s, z) == LX_OF)
			z++;
		if (cls(s, z) == LX_DEICTIC && cls(s, z + 1) == LX_UNIT &&
		    s->c[z + 1].val == U_YEAR) {
			m->type = MT_RELATIVE;
			m->rel_kind = RK_DEICTIC;
			m->unit = U_YEAR;
			m->offset = s->c[z].val;
			m->in_month = a.m;
			m->in_day = a.gran == G_DAY ? a.d : 0;
			set_span(s, m, i, z + 2);
			return z + 2;
		}
	}
	m->type = MT_DATE;
	/* "on 15 November last", "on 5 January next" */
	if ((a.gran == G_DAY || a.gran == G_MONTH) && !has_year(&a) &&
	    (m->year_rel = year_postmodifier(s, a.e)) != 0) {
		a.e++;
		a.bare = 0;
	}
	m->p[0] = a;
	m->np = 1;
	/* "the year 2000": the word belongs to the mention */
	if (a.bare && a.gran == G_YEAR && i > s->last_end &&
	    cls(s, i - 1) == LX_UNIT && s->c[i - 1].val == U_YEAR)
		i--;
	set_span(s, m, i, a.e);
	return a.e;
}

/* "last year", "the current biennium", "the previous session", "recent
 * years", "the past decade". */
static size_t parse_relative(const struct scan *s, size_t i,
                             struct mention *m)
{
	int k = cls(s, i), v;
	size_t b = i, j;
	/* "earlier this year": the word belongs to the mention */
	if (k == LX_EARLIER && cls(s, i + 1) == LX_DEICTIC &&
	    cls(s, i + 2) == LX_UNIT) {
		size_t e = parse_relative(s, i + 1, m);
		if (e)
			set_span(s, m, i, e);
		return e;
	}
	/* "the first half of this decade", "the last quarter of next year" */
	if (((j = parse_ordinal(s, i, &v)) != 0 && v <= 4) ||
	    (k == LX_DEICTIC && s->c[i].val == -1 && (j = i + 1, v = -1))) {
		int half = cls(s, j) == LX_HALF;
		int quarter = cls(s, j) == LX_UNIT && s->c[j].val == U_QUARTER;
		if ((half || quarter) && (v <= 2 || quarter) &&
		    cls(s, j + 1) == LX_OF && cls(s, j + 2) == LX_DEICTIC &&
		    cls(s, j + 3) == LX_UNIT && s->c[j + 3].val != U_SESSION) {
			m->type = MT_RELATIVE;
			m->rel_kind = RK_DEICTIC;
			m->unit = s->c[j + 3].val;
			m->offset = s->c[j + 2].val;
			m->part = half ? G_HALF : G_QUARTER;
			m->part_n = v < 0 ? (half ? 2 : 4) : v;
			set_span(s, m, b, j + 4);
			return j + 4;
		}
	}
	/* "last November", "next March" */
	if (k == LX_DEICTIC && cls(s, i + 1) == LX_MONTH && s->c[i + 1].cap &&
	    cls(s, i + 2) != CX_ORDNUM && (i + 2 >= s->n || s->c[i + 2].num < 0)) {
		m->type = MT_RELATIVE;
		m->rel_kind = RK_DEICTIC;
		m->unit = U_MONTH;
		m->month = s->c[i + 1].val;
		m->offset = s->c[i].val;
		set_span(s, m, i, i + 2);
		return i + 2;
	}
	if ((k == LX_DEICTIC || k == LX_ANAPHORIC) &&
	    cls(s, i + 1) == LX_UNITS && s->c[i + 1].val == U_SESSION) {
		/* "its forthcoming sessions" */
		m->type = MT_RELATIVE;
		m->rel_kind = k == LX_DEICTIC ? RK_DEICTIC : RK_ANAPHORIC;
		m->unit = U_SESSION;
		m->offset = s->c[i].val;
		set_span(s, m, i, i + 2);
		return i + 2;
	}
	if ((k == LX_DEICTIC || k == LX_ANAPHORIC || k == LX_PAST) &&
	    cls(s, i + 1) == LX_UNIT && s->c[i + 1].val != U_QUARTER) {
		int unit = s->c[i + 1].val;
		if (k == LX_PAST) {
			if (unit == U_SESSION || unit == U_BIENNIUM)
				return 0;
			m->type = MT_DURATION;
			m->unit = unit;
			m->offset = 1;
		} else {
			m->type = MT_RELATIVE;
			m->rel_kind = k == LX_DEICTIC ? RK_DEICTIC : RK_ANAPHORIC;
			m->unit = unit;
			m->offset = s->c[i].val;
			m->anchor = s->last;
		}
		set_span(s, m, i, i + 2);
		return i + 2;
	}
	/* "the years ahead", "the years to come"; without "the", where
	 * the phrase ends there: "for many years to come.", "in years to
	 * come, and", not "years to come up with" or "years ahead of" */
	if (k == LX_UNITS && s->c[i].val >= U_MONTH &&
	    s->c[i].val <= U_CENTURY &&
	    (cls(s, i + 1) == LX_AHEAD ||
	     (cls(s, i + 1) == LX_TO && cls(s, i + 2) == LX_COME))) {
		size_t e = cls(s, i + 1) == LX_AHEAD ? i + 2 : i + 3;
		if ((i > 0 && s->c[i - 1].cls == LX_THE) || e >= s->n ||
		    (s->c[e].kind == UM_TOK_PUNCT && !is_ch(s, e, '-')) ||
		    cls(s, e) == LX_AND || cls(s, e) == LX_OR) {
			m->type = MT_RELATIVE;
			m->rel_kind = RK_FUTURE_REF;
			set_span(s, m, i, e);
			return e;
		}
	}
	if ((k == LX_RECENT || k == LX_PAST ||
	     (k == LX_ANAPHORIC && s->c[i].val == -1) ||
	     (k == LX_DEICTIC && s->c[i].val == 1)) &&
	    cls(s, i + 1) == LX_UNITS && s->c[i + 1].val >= U_DAY &&
	    s->c[i + 1].val <= U_CENTURY) {
		m->type = MT_RELATIVE;
		m->rel_kind = k == LX_DEICTIC ? RK_FUTURE_REF : RK_PAST_REF;
		set_span(s, m, i, i + 2);
		return i + 2;
	}
	return 0;
}

static void duration_value(char *buf, size_t n, int unit, long count)
{
	char u = 'Y';
	int t = 0;
	switch (unit) {
	case U_MINUTE: u = 'M'; t = 1; break;
	case U_HOUR: u = 'H'; t = 1; break;
	case U_DAY: u = 'D'; break;
	case U_WEEK: u = 'W'; break;
	case U_MONTH: u = 'M'; break;
	case U_DECADE: count *= 10; break;
	case U_CENTURY: count *= 100; break;
	case U_BIENNIUM: count *= 2; break;
	default: break;
	}
	snprintf(buf, n, "P%s%ld%c", t ? "T" : "", count, u);
}

/* "30 years", "a three-year period", "the past two decades", "two years
 * ago" (a relative date). */
static size_t parse_duration(const struct scan *s, size_t i,
                             struct mention *m)
{
	size_t j = i, k, e, u;
	int count, unit, kk = cls(s, i);
	/* "a half-day meeting" */
	if (kk == LX_HALF && is_dash(s, i + 1) && glued(s, i + 1) &&
	    glued(s, i + 2) && cls(s, i + 2) == LX_UNIT &&
	    s->c[i + 2].val >= U_HOUR && s->c[i + 2].val <= U_MONTH) {
		static const char *const half[] = {
			[U_HOUR] = "PT0.5H", [U_DAY] = "P0.5D", [U_WEEK] = "P0.5W",
			[U_MONTH] = "P0.5M"
		};
		m->type = MT_DURATION;
		m->unit = s->c[i + 2].val;
		snprintf(m->duration, sizeof(m->duration), "%s", half[m->unit]);
		set_span(s, m, i, i + 3);
		return i + 3;
	}
	if (kk == LX_PAST || kk == LX_DEICTIC || kk == LX_ANAPHORIC)
		j++;
	k = parse_count(s, j, &count);
	if (!k)
		return 0;
	if (j > 1 && s->c[j - 1].cls == LX_OF && s->c[j - 2].cls == LX_AGE)
		return 0;
	/* "women aged 15 to 49 years", "between the ages of 15 and 24 years":
	 * the second number of an age bracket */
	for (size_t q = j, steps = 0; q > 0 && steps < 5; steps++) {
		q--;
		if (s->c[q].cls == LX_AGE)
			return 0;
		if (!(s->c[q].num >= 0 || s->c[q].cls == LX_TO ||
		      s->c[q].cls == LX_AND || s->c[q].cls == LX_OF ||
		      s->c[q].cls == LX_THE || s->c[q].cls == LX_BETWEEN ||
		      is_dash(s, q)))
			break;
	}
	if (j > 0 && (s->c[j - 1].cls == LX_AGE ||
	              (j == i && ((s->c[j - 1].cls == LX_NUMWORD &&
	                           s->c[j - 1].val != 2) ||
	                          s->c[j - 1].kind == UM_TOK_SYMBOL))))
		return 0;
	if (glued(s, j) && j > 0 && s->c[j - 1].kind != UM_TOK_PUNCT)
		return 0;
	if (is_dash(s, k) && glued(s, k) && glued(s, k + 1) &&
	    cls(s, k + 1) == LX_UNIT) {
		u = k + 1;
		unit = s->c[u].val;
		e = k + 2;
		if (cls(s, e) == LX_PERIOD)
			e++;
		if (is_dash(s, e) && cls(s, e + 1) == LX_AGE)
			return 0;
	} else if (cls(s, k) == LX_UNITADJ && (cls(s, k + 1) == LX_UNITS ||
	           (cls(s, k + 1) == LX_UNIT && count == 1))) {
		/* "five working days", "the previous five financial years" */
		u = k + 1;
		unit = s->c[u].val;
		e = k + 2;
	} else if (cls(s, k) == LX_MORE && (cls(s, k + 1) == LX_UNITS ||
	           (cls(s, k + 1) == LX_UNIT && count == 1))) {
		/* "one more year", "two further months" */
		u = k + 1;
		unit = s->c[u].val;
		e = k + 2;
	} else if (cls(s, k) == LX_UNITS ||
	           (cls(s, k) == LX_UNIT && count == 1)) {
		u = k;
		unit = s->c[u].val;
		e = k + 1;
		if (cls(s, e) == LX_AGE ||
		    (cls(s, e) == LX_OF && cls(s, e + 1) == LX_AGE) ||
		    (is_dash(s, e) && cls(s, e + 1) == LX_AGE))
			return 0;
	} else {
		return 0;
	}
	/* "one quarter of the population" is a share, not three months */
	if (unit == U_SESSION || unit == U_QUARTER || count <= 0)
		return 0;
	/* "from one year to the next": from each to the one after it */
	if (count == 1 && j > 0 && s->c[j - 1].cls == LX_FROM &&
	    cls(s, e) == LX_TO && cls(s, e + 1) == LX_THE &&
	    cls(s, e + 2) == LX_DEICTIC)
		return 0;
	/* "the three Decades for Action": names, not lengths of time */
	if (s->c[u].cap && !s->c[u].sent)
		return 0;
	if (j == i && cls(s, e) == LX_AGO) {
		m->type = MT_RELATIVE;
		m->rel_kind = RK_DEICTIC;
		m->unit = unit;
		m->offset = -count;
		set_span(s, m, i, e + 1);
		return e + 1;
	}
	m->type = MT_DURATION;
	m->unit = unit;
	m->offset = count;
	duration_value(m->duration, sizeof(m->duration), unit, count);
	set_span(s, m, i, e);
	return e;
}

static int push(struct mention **ms, size_t *nms, size_t *cap,
                const struct mention *m)
{
	if (*nms == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct mention *n = realloc(*ms, nc * sizeof(*n));
		if (!n)
			abort();    /* as the core does when memory runs out */
		*ms = n;
		*cap = nc;
	}
	(*ms)[(*nms)++] = *m;
	return 0;
}

int dates_scan_paragraph(const struct lexicon_index *ix, const char *text,
                         const um_token *toks, size_t begin, size_t end,
                         struct ctok *c, struct mention **ms, size_t *nms,
                         size_t *cap)
{
	struct scan s;
	size_t n = 0, first;
	int gap = 0, next = -1;
	for (size_t t = begin; t < end; t++) {
		if (um_token_is_space(&toks[t])) {
			gap = 1;
			continue;
		}
		classify(ix, text, &toks[t], &c[n]);
		c[n].tok = (uint32_t)t;
		c[n].gap = (uint8_t)gap;
		gap = 0;
		n++;
	}
	s.c = c;
	s.n = n;
	s.para_year = -1;
	point_init(&s.last, 0);
	s.last_year_end = (size_t)-1;
	s.last_end = 0;
	first = *nms;
	for (size_t i = 0; i < n;) {
		struct mention m;
		size_t e;
		/* Every mention starts with a number or one of a few classes
		 * of words: most tokens are let through at once. */
		if (c[i].kind != UM_TOK_NUMBER && !starts_mention(c[i].cls)) {
			i++;
			continue;
		}
		memset(&m, 0, sizeof(m));
		point_init(&m.anchor, 0);
		m.para_year = s.para_year;
		m.next_year = -1;
		e = parse_dates(&s, i, &m);
		if (!e)
			e = parse_relative(&s, i, &m);
		if (!e)
			e = parse_duration(&s, i, &m);
		if (!e) {
			i++;
			continue;
		}
		/* "on 5 January next", "from 5 to 13 September last": the
		 * next or last such day from the document date, in the older
		 * style; not "5 January last year" */
		if ((m.type == MT_RANGE || m.type == MT_LIST) &&
		    !has_year(&m.p[m.np - 1]) &&
		    (m.p[m.np - 1].gran == G_DAY || m.p[m.np - 1].gran == G_MONTH) &&
		    (m.year_rel = year_postmodifier(&s, e)) != 0) {
			m.te = s.c[e].tok + 1;
			e++;
		}
		if (m.type == MT_DURATION && !m.duration[0])
			duration_value(m.duration, sizeof(m.duration), m.unit,
			               m.offset);
		if (push(ms, nms, cap, &m) < 0)
			return -1;
		if (m.type == MT_DATE || m.type == MT_RANGE ||
		    m.type == MT_LIST) {
			const struct point *z = &m.p[m.np - 1];
			if (z->y >= 0 && z->gran != G_DECADE &&
			    z->gran != G_CENTURY) {
				s.para_year = z->y;
				s.last = *z;
			}
			s.last_year_end = e;
		} else if (m.type == MT_RELATIVE && m.rel_kind == RK_DEICTIC &&
		           m.unit == U_YEAR && m.offset == 0) {
			/* "This year has also seen elections, held on 7 March":
			 * the days after it are of the document's year, not of
			 * the last year written before, nor of the same day
			 * written in full earlier */
			s.para_year = PARA_DOC_YEAR;
		}
		s.last_end = e;
		i = e;
	}
	/* Back to front: the first year written after each mention */
	for (size_t k = *nms; k-- > first;) {
		struct mention *m = &(*ms)[k];
		m->next_year = next;
		if (m->type == MT_DATE || m->type == MT_RANGE || m->type == MT_LIST) {
			const struct point *p = &m->p[0];
			if (p->y >= 0 && p->gran != G_DECADE && p->gran != G_CENTURY)
				next = p->y;
		}
	}
	return 0;
}
