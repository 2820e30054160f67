/*
 * references: the resolutions, decisions and documents a UN text cites,
 * "resolutions 62/209 of 19 December 2007 and 63/233", "Security Council
 * resolution 1325 (2000)", "A/64/504", each with its canonical UN symbol.
 * README.md states the canonical forms and how the organ is decided.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unmine/plugin.h>

#include "refs.h"

struct options {
	int set_symbol;
};

static const um_option option_table[] = {
	{ "set-symbol", UM_OPT_BOOL, offsetof(struct options, set_symbol), "yes",
	  "record the symbol the document states for itself as its \"symbol\" "
	  "metadata" },
	{ NULL, 0, 0, NULL, NULL }
};

struct state {
	const um_core_api *api;
	struct options opt;
};

static const char *const provides[] = { "resolution", "symbol", NULL };
static const char *const requires[] = { "date", NULL };

/* Organs that number resolutions. */
enum organ { O_NONE = 0, O_GA, O_SC, O_ECOSOC, O_HRC, O_CHR, O_TC,
             O_COUNCIL, /* "the Council": the document says which */
             O_OTHER    /* a body whose symbols are not made here */ };

static const char *const organ_names[] = {
	"unknown", "GA", "SC", "ECOSOC", "HRC", "CHR", "TC", "unknown", "other"
};

/* The scanner's view of a token that is not white space. */
struct rtok {
	uint32_t tok;
	int32_t num;        /* a plain string of digits, else -1 */
	uint8_t ndig;
	uint8_t kind;
	uint8_t gap;        /* white space before */
	uint8_t para;       /* a blank line before */
	uint8_t cap, allcaps;
	const char *fold;
	uint32_t flen;
	uint32_t date;      /* 1 + the index in dates of one starting here */
};

/* A date annotation and the token that ends it. */
struct date_ref {
	const um_annot *a;
	size_t end;
};

struct scan {
	const um_core_api *api;
	um_doc *doc;
	const char *text;
	size_t tlen;
	const um_token *toks;
	struct rtok *c;
	size_t n;
	struct date_ref *dates;     /* the document's dates, by rtok.date */
	int doc_organ;
	size_t own_b, own_e;        /* the heading that states the own symbol */
	/* references resolved from the words of the text, to resolve the
	 * same numbers later ("Human Rights Council resolution 43/1 ...
	 * pursuant to resolution 43/1") */
	struct seen { long a, num; char special[4]; int organ; } seen[256];
	size_t nseen;
	/* resolutions cited with a session or year in parentheses, to give a
	 * bare number cited later its symbol ("resolution 2046 (2012) ...
	 * resolution 2046") */
	struct cited { long a; char paren[12]; int organ; const char *from; }
	    cited[256];
	size_t ncited;
};

static inline int is(const struct scan *s, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i < s->n && s->c[i].flen == n && memcmp(s->c[i].fold, w, n) == 0;
}

static int is_ch(const struct scan *s, size_t i, char ch)
{
	return i < s->n && s->c[i].flen == 1 && s->c[i].fold[0] == ch &&
	       (s->c[i].kind == UM_TOK_PUNCT || s->c[i].kind == UM_TOK_SYMBOL);
}

static int glued(const struct scan *s, size_t i)
{
	return i < s->n && i > 0 && !s->c[i].gap;
}

static int is_num(const struct scan *s, size_t i)
{
	return i < s->n && s->c[i].num >= 0;
}

/* The raw text of content token i. */
static const char *raw(const struct scan *s, size_t i, size_t *n)
{
	const um_token *t = &s->toks[s->c[i].tok];
	*n = t->end - t->begin;
	return s->text + t->begin;
}

/* The content token that ends at byte end (at_end), or begins at it, from
 * i on; n if none. */
static size_t token_at(const struct scan *s, size_t i, size_t byte,
                       int at_end)
{
	for (; i < s->n; i++) {
		const um_token *t = &s->toks[s->c[i].tok];
		size_t edge = at_end ? t->end : t->begin;
		if (edge == byte)
			return i;
		if (edge > byte)
			break;
	}
	return s->n;
}

/* Numbers of resolutions and decisions */

enum shape { SH_SLASH = 1, SH_PAREN, SH_BARE };

struct item {
	size_t b, e;          /* content tokens [b, e), with its date */
	size_t ne;            /* end of the number itself */
	int shape;
	long a;               /* before the slash: session or year; or the number */
	long num;             /* after the slash */
	char special[4];      /* "ES" or "S" before a slashed session */
	char paren[12];       /* "XXIX", "S-VI", "ES-I", "2000" */
	char part;            /* lettered part */
	const um_annot *date; /* "of 19 December 2007" */
};

/* "XXIX", "S-VI", "ES-I" or "2000" in tokens [i, k) followed by ")" at k.
 * Returns k, 0 if none. */
static size_t parse_paren(const struct scan *s, size_t i, char *out, size_t n)
{
	size_t k = i, len;
	const char *r;
	char buf[16];
	size_t used = 0;
	while (k < s->n && k < i + 3 && !is_ch(s, k, ')')) {
		if (k > i && !glued(s, k))
			return 0;
		r = raw(s, k, &len);
		if (used + len >= sizeof(buf))
			return 0;
		memcpy(buf + used, r, len);
		used += len;
		k++;
	}
	if (!is_ch(s, k, ')') || used == 0 || !refs_session_or_year(buf, used))
		return 0;
	snprintf(out, n, "%.*s", (int)used, buf);
	return k;
}

/* A lettered part: "A" to "H" standing alone ("64/222 A", "2106 A (XX)")
 * or with a footnote number glued on ("222 (IX) A36"). */
static int part_at(const struct scan *s, size_t i, char *part)
{
	size_t len;
	const char *r;
	if (i >= s->n || s->c[i].kind != UM_TOK_WORD || !s->c[i].gap ||
	    s->toks[s->c[i].tok - 1].kind != UM_TOK_SPACE)
		return 0;      /* a letter on the next line starts a sentence */
	r = raw(s, i, &len);
	if (r[0] < 'A' || r[0] > 'H')
		return 0;
	for (size_t k = 1; k < len; k++)
		if (!isdigit((unsigned char)r[k]))
			return 0;
	/* "A" opening a sentence is an article: a part is followed by
	 * punctuation or a few words of the reference */
	if (len == 1 && i + 1 < s->n && s->c[i + 1].kind == UM_TOK_WORD &&
	    !is(s, i + 1, "of") && !is(s, i + 1, "and") && !is(s, i + 1, "or") &&
	    !is(s, i + 1, "adopted") && !is(s, i + 1, "on"))
		return 0;
	*part = r[0];
	return 1;
}

static size_t skip_footnotes(const struct scan *s, size_t i)
{
	while (i < s->n && glued(s, i) && s->c[i].kind == UM_TOK_SYMBOL &&
	       s->c[i].flen == 1 && isdigit((unsigned char)s->c[i].fold[0]))
		i++;
	return i;
}

/* One number of a list: "62/209", "ES-10/2", "3251 (XXIX)", "1325 (2000)",
 * "64/222 A", "2106 A (XX)", or a bare "2046". Returns 1 and fills it. */
static int parse_item(const struct scan *s, size_t i, struct item *it)
{
	size_t k;
	memset(it, 0, sizeof(*it));
	it->b = i;
	if (i >= s->n)
		return 0;
	/* ES-10/2, S-26/2 */
	if (s->c[i].allcaps && (is(s, i, "es") || is(s, i, "s")) &&
	    is_ch(s, i + 1, '-') && glued(s, i + 1) && glued(s, i + 2) &&
	    is_num(s, i + 2) && is_ch(s, i + 3, '/') && glued(s, i + 3) &&
	    glued(s, i + 4) && is_num(s, i + 4) &&
	    !(is_ch(s, i + 5, '/') && glued(s, i + 5))) {
		it->shape = SH_SLASH;
		snprintf(it->special, sizeof(it->special), "%s",
		         s->c[i].flen == 2 ? "ES" : "S");
		it->a = s->c[i + 2].num;
		it->num = s->c[i + 4].num;
		it->e = i + 5;
		goto after;
	}
	if (!is_num(s, i) || s->c[i].ndig > 4 || glued(s, i))
		return 0;
	/* 62/209 */
	if (is_ch(s, i + 1, '/') && glued(s, i + 1) && glued(s, i + 2) &&
	    is_num(s, i + 2)) {
		if ((is_ch(s, i + 3, '/') && glued(s, i + 3)) ||
		    (is_ch(s, i + 3, '.') && glued(s, i + 3) && glued(s, i + 4) &&
		     is_num(s, i + 4)))
			return 0;     /* 12/05/2009, 1/2.5 */
		if (i + 3 < s->n && glued(s, i + 3) &&
		    (is_ch(s, i + 3, '-') || s->c[i + 3].kind == UM_TOK_WORD))
			return 0;     /* "62/209-like" */
		it->shape = SH_SLASH;
		it->a = s->c[i].num;
		it->num = s->c[i + 2].num;
		it->e = i + 3;
		goto after;
	}
	/* "1/2.5", "3.5", "2,000", "1/CP.19": numbers of other kinds or of
	 * symbols not made here */
	if (is_ch(s, i + 1, '/') && glued(s, i + 1))
		return 0;
	if ((is_ch(s, i + 1, '.') || is_ch(s, i + 1, ',')) && glued(s, i + 1) &&
	    is_num(s, i + 2))
		return 0;
	it->a = s->c[i].num;
	k = i + 1;
	if (part_at(s, k, &it->part))
		k++;
	/* 3251 (XXIX), 1325 (2000), 1325(2000) */
	if (is_ch(s, k, '(')) {
		size_t z = parse_paren(s, k + 1, it->paren, sizeof(it->paren));
		if (z) {
			it->shape = SH_PAREN;
			it->e = z + 1;
			goto after;
		}
	}
	if (it->part) {
		it->part = 0;
		k = i + 1;
	}
	it->shape = SH_BARE;
	it->e = k;
after:
	it->ne = it->e;
	it->e = skip_footnotes(s, it->e);
	if (!it->part && part_at(s, it->e, &it->part)) {
		it->ne = it->e + 1;
		it->e = skip_footnotes(s, it->e + 1);
	}
	/* of 19 December 2007 */
	if (is(s, it->e, "of") && it->e + 1 < s->n && s->c[it->e + 1].date) {
		const struct date_ref *d = &s->dates[s->c[it->e + 1].date - 1];
		size_t end = d->end, j = it->e + 1;
		it->date = d->a;
		while (j < s->n && s->c[j].tok < end)
			j++;
		it->e = skip_footnotes(s, j);
	}
	return 1;
}

static int is_trigger(const struct scan *s, size_t i)
{
	return is(s, i, "resolution") || is(s, i, "resolutions") ||
	       is(s, i, "decision") || is(s, i, "decisions");
}

/* The organ named in the few words before a trigger: "General Assembly
 * resolution", "Security Council resolutions", "its resolution". */
static int organ_before_at(const struct scan *s, size_t t, int depth)
{
	if (depth > 3)
		return O_NONE;      /* hostile text: triggers upon triggers */
	for (size_t k = t, steps = 0; k > 0 && steps < 6; steps++) {
		k--;
		if (s->c[k].kind == UM_TOK_NUMBER || is_ch(s, k, '.') ||
		    is_ch(s, k, ';') || is_ch(s, k, ':') || s->c[k].para)
			break;
		if (is(s, k, "assembly"))
			return O_GA;
		if (s->c[k].allcaps && is(s, k, "hrc"))
			return O_HRC;
		if (s->c[k].allcaps && is(s, k, "ecosoc"))
			return O_ECOSOC;
		if (is(s, k, "council") && k >= 1 && is(s, k - 1, "governing"))
			return O_OTHER;     /* UNEP, UN-Habitat, IFAD... */
		if (is(s, k, "council")) {
			if (k >= 1 && is(s, k - 1, "security"))
				return O_SC;
			if (k >= 1 && is(s, k - 1, "social"))
				return O_ECOSOC;
			if (k >= 1 && is(s, k - 1, "rights"))
				return O_HRC;
			if (k >= 1 && is(s, k - 1, "trusteeship"))
				return O_TC;
			/* "the Human Rights Council at its fifty-ninth session, ...
			 * in accordance with Council resolution 53/30" */
			for (size_t j = k, m = 0; j > 1 && m < 120; m++) {
				if (s->c[j].para)
					break;
				j--;
				if (is(s, j, "council") &&
				    (is(s, j - 1, "security") || is(s, j - 1, "social") ||
				     is(s, j - 1, "rights") || is(s, j - 1, "trusteeship")))
					return organ_before_at(s, j + 1, depth + 1);
			}
			return O_COUNCIL;
		}
		if (is(s, k, "rights") && k >= 3 && is(s, k - 1, "human") &&
		    is(s, k - 2, "on") && is(s, k - 3, "commission"))
			return O_CHR;
		/* "Commission on Population and Development resolution 2006/2",
		 * "Economic and Social Commission for Asia and the Pacific
		 * resolution 78/2", "Conference decision": other bodies */
		if ((steps == 0 &&
		     (is(s, k, "commission") || is(s, k, "committee") ||
		      is(s, k, "conference") || is(s, k, "board") ||
		      is(s, k, "organization") || is(s, k, "union") ||
		      is(s, k, "forum") || is(s, k, "parties"))) ||
		    (steps == 0 && s->c[k].cap && !s->c[k].allcaps &&
		     !is(s, k, "its") && !is(s, k, "recalling") &&
		     s->c[k].kind == UM_TOK_WORD && !(s->toks[s->c[k].tok].flags &
		                                     UM_TF_SENT_START)))
			return O_OTHER;
		if (is(s, k, "its") || is(s, k, "this") || is(s, k, "present")) {
			/* "the Economic and Social Council, in its resolution",
			 * "the Commission on Human Rights in its resolution" */
			for (size_t j = k, m = 0; j > 0 && m < 5; m++) {
				if (s->c[j].para)
					break;
				j--;
				if (is(s, j, "council") || is(s, j, "assembly") ||
				    is(s, j, "rights") || is(s, j, "commission")) {
					int o = organ_before_at(s, j + 1, depth + 1);
					if (o != -1)
						return o;
				}
				if (is_ch(s, j, '.') || is_ch(s, j, ';'))
					break;
			}
			return -1;     /* the document's own organ */
		}
		if (s->c[k].kind != UM_TOK_WORD)
			break;
	}
	/* "Human Rights Council resolutions on ..., including resolutions
	 * 29/2": the organ of an earlier trigger of the sentence */
	for (size_t k = t, steps = 0; k > 0 && steps < 30; steps++) {
		k--;
		if (is_ch(s, k, '.') || is_ch(s, k, ';') || s->c[k + 1].para)
			break;
		if (is_trigger(s, k)) {
			int o = organ_before_at(s, k, depth + 1);
			return o == -1 ? O_NONE : o;
		}
	}
	return O_NONE;
}

static int organ_before(const struct scan *s, size_t t)
{
	return organ_before_at(s, t, 0);
}

/* "resolution 1514 (XV) of the General Assembly" */
static int organ_after(const struct scan *s, size_t e)
{
	if (!is(s, e, "of") || !is(s, e + 1, "the"))
		return O_NONE;
	if (is(s, e + 2, "general") && is(s, e + 3, "assembly"))
		return O_GA;
	if (is(s, e + 2, "security") && is(s, e + 3, "council"))
		return O_SC;
	if (is(s, e + 2, "economic") && is(s, e + 5, "council"))
		return O_ECOSOC;
	if (is(s, e + 2, "human") && is(s, e + 4, "council"))
		return O_HRC;
	if (is(s, e + 2, "commission") || is(s, e + 2, "committee") ||
	    is(s, e + 2, "conference") || is(s, e + 2, "board") ||
	    is(s, e + 2, "governing"))
		return O_OTHER;
	return O_NONE;
}

struct ref {
	char symbol[64];
	int organ;
	const char *from;      /* "text", "document", "number" */
	char session[12];
	long number;
	long year;
};

/* The organ and canonical symbol of an item. text is the organ the words
 * name (O_NONE, -1 for the document's own, or an organ). */
static void resolve(const struct scan *s, const struct item *it, int text,
                    int decision, struct ref *r)
{
	int organ = O_NONE;
	const char *from = "number";
	memset(r, 0, sizeof(*r));
	r->year = -1;
	if (it->shape == SH_BARE && !decision) {
		/* a bare number cited earlier in full, by the same organ or
		 * with none named: that resolution */
		size_t cap = sizeof(s->cited) / sizeof(s->cited[0]);
		size_t kept = s->ncited < cap ? s->ncited : cap;
		/* the latest first: the table keeps the last cap of them */
		for (size_t back = 1; back <= kept; back++) {
			const struct cited *p = &s->cited[(s->ncited - back) % cap];
			struct item full;
			/* "Council" alone is a council's, not the Assembly's */
			int council = p->organ == O_SC || p->organ == O_ECOSOC ||
			              p->organ == O_HRC || p->organ == O_TC;
			if (p->a != it->a ||
			    (text == O_COUNCIL && !council) ||
			    (text != O_NONE && text != -1 && text != O_COUNCIL &&
			     text != p->organ))
				continue;
			full = *it;
			full.shape = SH_PAREN;
			memcpy(full.paren, p->paren, sizeof(full.paren));
			resolve(s, &full, p->organ, decision, r);
			if (r->organ != p->organ)
				break;
			r->from = p->from;
			return;
		}
		memset(r, 0, sizeof(*r));
		r->year = -1;
	}
	if (text == O_NONE && it->shape == SH_SLASH) {
		for (size_t k = s->nseen; k-- > 0;) {
			const struct seen *p = &s->seen[k];
			if (p->a == it->a && p->num == it->num &&
			    !strcmp(p->special, it->special)) {
				text = p->organ;
				break;
			}
		}
	}
	if (text == -1 || text == O_COUNCIL) {
		if (s->doc_organ && (text == -1 || s->doc_organ != O_GA)) {
			organ = s->doc_organ;
			from = "document";
		}
	} else if (text != O_NONE) {
		organ = text;
		from = "text";
	} else if (it->shape == SH_BARE && s->doc_organ == O_SC) {
		/* "Recalling resolution 2520": the Council cites its own
		 * resolutions by their numbers alone, others' with the organ */
		organ = O_SC;
		from = "document";
	}
	if (it->shape == SH_PAREN) {
		int year = isdigit((unsigned char)it->paren[0]);
		r->number = it->a;
		snprintf(r->session, sizeof(r->session), "%s", it->paren);
		if (organ == O_OTHER) {
			if (year) {
				r->year = atol(it->paren);
				r->session[0] = 0;
			}
		} else if (year) {
			/* Only the Security Council writes the year so */
			if (organ != O_SC)
				from = "number";
			organ = O_SC;
			r->year = atol(it->paren);
			r->session[0] = 0;
		} else if (it->paren[0] == 'S' || it->paren[0] == 'E') {
			if (organ != O_GA && organ != O_HRC) {
				organ = O_GA;
				from = "number";
			}
		} else if (organ == O_NONE || organ == O_SC || organ == O_HRC ||
		           organ == O_CHR ||
		           (organ == O_GA &&
		            refs_roman(it->paren, strlen(it->paren)) > 30)) {
			/* The Assembly numbered its sessions in Roman numerals up to
			 * the thirtieth; the Economic and Social Council went on. */
			organ = refs_roman(it->paren, strlen(it->paren)) > 30 ?
			        O_ECOSOC : O_GA;
			from = "number";
		}
		if (decision)
			organ = O_NONE;
		switch (organ) {
		case O_SC:
			snprintf(r->symbol, sizeof(r->symbol), "S/RES/%ld(%s)", it->a,
			         it->paren);
			break;
		case O_GA:
			snprintf(r->symbol, sizeof(r->symbol), "A/RES/%ld(%s)", it->a,
			         it->paren);
			break;
		case O_ECOSOC:
			snprintf(r->symbol, sizeof(r->symbol), "E/RES/%ld(%s)", it->a,
			         it->paren);
			break;
		case O_TC:
			snprintf(r->symbol, sizeof(r->symbol), "T/RES/%ld(%s)", it->a,
			         it->paren);
			break;
		default:
			break;
		}
	} else if (it->shape == SH_SLASH) {
		int yearly = it->a >= 1946 && it->a <= 2100 && !it->special[0];
		r->number = it->num;
		if (it->special[0])
			snprintf(r->session, sizeof(r->session), "%s-%ld", it->special,
			         it->a);
		else if (!yearly)
			snprintf(r->session, sizeof(r->session), "%ld", it->a);
		if (organ == O_OTHER) {
			if (yearly)
				r->year = it->a;
		} else if (yearly) {
			r->year = it->a;
			if (organ != O_ECOSOC && organ != O_CHR) {
				organ = O_ECOSOC;
				from = "number";
			}
		} else if (it->special[0]) {
			/* Special sessions of the Human Rights Council are "S-34/1"
			 * too; emergency special sessions are the Assembly's */
			if (!(organ == O_HRC && it->special[0] == 'S')) {
				if (organ != O_GA)
					from = "number";
				organ = O_GA;
			}
		} else if (organ != O_GA && organ != O_HRC) {
			/* Sessions numbered in figures: the Assembly from its
			 * thirty-first (1976); below that, no organ can be told */
			if (it->a >= 31) {
				organ = O_GA;
				from = "number";
			} else {
				organ = O_NONE;
			}
		} else if (organ == O_GA && it->a < 31) {
			organ = O_NONE;   /* the Assembly wrote no "7/1" */
		}
		const char *mid = decision ? "DEC" : "RES";
		switch (organ) {
		case O_GA:
			if (it->special[0])
				snprintf(r->symbol, sizeof(r->symbol), "A/%s/%s-%ld/%ld",
				         mid, it->special, it->a, it->num);
			else
				snprintf(r->symbol, sizeof(r->symbol), "A/%s/%ld/%ld", mid,
				         it->a, it->num);
			break;
		case O_HRC:
			snprintf(r->symbol, sizeof(r->symbol), "A/HRC/%s/%s%s%ld/%ld",
			         mid, it->special, it->special[0] ? "-" : "", it->a,
			         it->num);
			break;
		case O_ECOSOC:
			snprintf(r->symbol, sizeof(r->symbol), "E/%s/%ld/%ld", mid,
			         it->a, it->num);
			break;
		case O_CHR:
			snprintf(r->symbol, sizeof(r->symbol), "E/CN.4/%s/%ld/%ld", mid,
			         it->a, it->num);
			break;
		default:
			break;
		}
	} else {
		r->number = it->a;
		if (organ == O_COUNCIL)
			organ = O_NONE;
	}
	r->organ = organ;
	r->from = organ == O_NONE ? NULL : from;
}

static int set(const struct scan *s, um_annot *a, const char *k, const char *v)
{
	return s->api->annot_set(s->doc, a, k, v);
}

static int emit_item(struct scan *s, const struct item *it, int text,
                     int decision)
{
	struct ref r;
	um_annot *a;
	char buf[32];
	int rc;
	resolve(s, it, text, decision, &r);
	if (r.from && !strcmp(r.from, "text") && it->shape == SH_SLASH &&
	    s->nseen < sizeof(s->seen) / sizeof(s->seen[0])) {
		struct seen *p = &s->seen[s->nseen++];
		p->a = it->a;
		p->num = it->num;
		memcpy(p->special, it->special, sizeof(p->special));
		p->organ = r.organ;
	}
	if (it->shape == SH_PAREN && !decision && r.symbol[0]) {
		/* the oldest gives way when the table is full */
		struct cited *p = &s->cited[s->ncited++ %
		                            (sizeof(s->cited) / sizeof(s->cited[0]))];
		p->a = it->a;
		memcpy(p->paren, it->paren, sizeof(p->paren));
		p->organ = r.organ;
		p->from = r.from;
	}
	/* A bare number is a reference only where the organ is known. */
	if (it->shape == SH_BARE && (r.organ == O_NONE || r.organ == O_OTHER))
		return 0;
	/* the document's own heading, "Resolution 1860 (2009)" */
	if (it->b >= s->own_b && it->b < s->own_e)
		return 0;
	rc = s->api->annot_add(s->doc, "resolution", s->c[it->b].tok,
	                       s->c[it->ne - 1].tok + 1, &a);
	if (rc == 0 && r.symbol[0])
		rc = set(s, a, "symbol", r.symbol);
	if (rc == 0)
		rc = set(s, a, "kind", decision ? "decision" : "resolution");
	if (rc == 0)
		rc = set(s, a, "organ", organ_names[r.organ]);
	if (rc == 0 && r.from)
		rc = set(s, a, "organ-from", r.from);
	if (rc == 0 && r.session[0])
		rc = set(s, a, "session", r.session);
	if (rc == 0) {
		snprintf(buf, sizeof(buf), "%ld", r.number);
		rc = set(s, a, "number", buf);
	}
	if (rc == 0 && r.year < 0 && it->date) {
		const char *v = s->api->annot_get(it->date, "value");
		if (v && isdigit((unsigned char)v[0]) && strlen(v) >= 4)
			r.year = atol(v);
	}
	if (rc == 0 && r.year >= 0) {
		snprintf(buf, sizeof(buf), "%ld", r.year);
		rc = set(s, a, "year", buf);
	}
	if (rc == 0 && it->part) {
		snprintf(buf, sizeof(buf), "%c", it->part);
		rc = set(s, a, "part", buf);
	}
	if (rc == 0 && it->date)
		rc = s->api->annot_link(s->doc, a, "date", it->date);
	return rc;
}

/* The next number of a list after a description: a written-out number
 * ("55/192", "1325 (2000)") after a comma or "and", or one with a year
 * in parentheses anywhere, before the sentence ends or another trigger
 * word comes. s->n if none. */
static size_t next_in_sentence(const struct scan *s, size_t k)
{
	for (size_t j = k; j < s->n && j < k + 40; j++) {
		struct item it;
		if (is_ch(s, j, '.') || is_ch(s, j, ';') || is_ch(s, j, ':') ||
		    s->c[j].para || is(s, j, "resolution") ||
		    is(s, j, "resolutions") || is(s, j, "decision") ||
		    is(s, j, "decisions") || is(s, j, "paragraph") ||
		    is(s, j, "paragraphs"))
			return s->n;
		if (!parse_item(s, j, &it) || it.shape == SH_BARE)
			continue;
		if (it.shape == SH_PAREN && isdigit((unsigned char)it.paren[0]))
			return j;
		if (j > 0 && (is_ch(s, j - 1, ',') || is(s, j - 1, "and")))
			return j;
	}
	return s->n;
}

/* Emits items [0, n) of a list. A bare number is taken only alone, right
 * after its trigger ("Security Council resolution 2046"), never in a
 * list: lone says whether it stands so. */
static void emit_items(struct scan *s, const struct item *items, size_t n,
                       int lone, int text, int decision, int *rc)
{
	for (size_t i = 0; i < n && *rc == 0; i++)
		if (items[i].shape != SH_BARE || lone)
			*rc = emit_item(s, &items[i], text, decision);
}

/* "resolutions 62/209 of 19 December 2007 and 63/233": every number the
 * trigger word at t governs. Returns the index past the list. */
static size_t parse_list(struct scan *s, size_t t, int *rc)
{
	struct item items[64];
	size_t n = 0, seen = 0, k = t + 1;
	int decision = s->c[t].fold[0] == 'd';
	int text = organ_before(s, t);
	struct item first;
	/* "resolutions on Iraq, in particular 1500 (2003), ...": the numbers
	 * may follow a few words later in the sentence, if written in full */
	if (!parse_item(s, k, &first)) {
		size_t j;
		if (s->c[t].fold[s->c[t].flen - 1] != 's')
			return t + 1;
		for (j = k; j < s->n && j < k + 12; j++) {
			if (is_ch(s, j, '.') || is_ch(s, j, ';') || s->c[j].para ||
			    is_trigger(s, j))
				return t + 1;   /* the words between are scanned as usual */
			if ((is_ch(s, j - 1, ',') || is(s, j - 1, "including") ||
			     is(s, j - 1, "particular") || is(s, j - 1, "notably") ||
			     is(s, j - 1, "namely") || is(s, j - 1, "especially")) &&
			    parse_item(s, j, &first) && first.shape != SH_BARE)
				break;
		}
		if (j == s->n || j == k + 12)
			return t + 1;
		k = j;
	}
	while (parse_item(s, k, &items[n])) {
		k = items[n].e;
		n++;
		seen++;
		if (n == sizeof(items) / sizeof(items[0])) {
			/* a list longer than the array: emit all but the last,
			 * which the end of the list may still need */
			emit_items(s, items, n - 1, 0, text, decision, rc);
			items[0] = items[n - 1];
			n = 1;
		}
		/* separators: ",", "and", ", and", ";" then another number */
		size_t j = k;
		if (is_ch(s, j, ',') || is_ch(s, j, ';'))
			j++;
		if (is(s, j, "and") || is(s, j, "or"))
			j++;
		struct item next;
		if (j == k || !parse_item(s, j, &next) || next.shape == SH_BARE) {
			/* "ES-11/1 of 2 March 2022 on the aggression against
			 * Ukraine, ES-11/2 of 24 March 2022 on ...": the list goes
			 * on after a description, within its sentence */
			j = next_in_sentence(s, k);
			if (j == s->n)
				break;
		}
		k = j;
	}
	if (n == 0)
		return t + 1;
	if (text == O_NONE)
		text = organ_after(s, items[n - 1].e);
	emit_items(s, items, n, seen == 1 && items[0].b == t + 1, text,
	           decision, rc);
	return items[n - 1].e;
}

/* Document symbols */

static const char *symbol_organ(const char *sym, int *organ, int *kind)
{
	*kind = 0;
	if (!strncmp(sym, "A/HRC/RES/", 10) || !strncmp(sym, "A/HRC/DEC/", 10)) {
		*organ = O_HRC;
		*kind = sym[6] == 'R' ? 1 : 2;
		return sym + 10;
	}
	if (!strncmp(sym, "A/RES/", 6) || !strncmp(sym, "A/DEC/", 6)) {
		*organ = O_GA;
		*kind = sym[2] == 'R' ? 1 : 2;
		return sym + 6;
	}
	if (!strncmp(sym, "E/CN.4/RES/", 11)) {
		*organ = O_CHR;
		*kind = 1;
		return sym + 11;
	}
	if (!strncmp(sym, "T/RES/", 6)) {
		*organ = O_TC;
		*kind = 1;
		return sym + 6;
	}
	if (!strncmp(sym, "S/RES/", 6)) {
		*organ = O_SC;
		*kind = 1;
		return sym + 6;
	}
	if (!strncmp(sym, "E/RES/", 6) || !strncmp(sym, "E/DEC/", 6)) {
		*organ = O_ECOSOC;
		*kind = sym[2] == 'R' ? 1 : 2;
		return sym + 6;
	}
	*organ = O_NONE;
	return NULL;
}

static int emit_symbol(const struct scan *s, size_t b, size_t e,
                       const struct symbol *sym)
{
	int organ, kind, rc;
	um_annot *a;
	const char *rest = symbol_organ(sym->text, &organ, &kind);
	rc = s->api->annot_add(s->doc, kind ? "resolution" : "symbol",
	                       s->c[b].tok, s->c[e - 1].tok + 1, &a);
	if (rc == 0)
		rc = set(s, a, "symbol", sym->text);
	if (rc == 0)
		rc = set(s, a, "kind", kind == 1 ? "resolution" :
		                       kind == 2 ? "decision" : "document");
	if (rc == 0 && kind) {
		char session[16] = "", number[16] = "", year[16] = "";
		const char *p = strchr(rest, '/'), *q = strchr(rest, '(');
		rc = set(s, a, "organ", organ_names[organ]);
		if (rc == 0)
			rc = set(s, a, "organ-from", "symbol");
		if (p && !q) {
			snprintf(session, sizeof(session), "%.*s", (int)(p - rest), rest);
			snprintf(number, sizeof(number), "%s", p + 1);
		} else if (q) {
			snprintf(number, sizeof(number), "%.*s", (int)(q - rest), rest);
			snprintf(session, sizeof(session), "%.*s",
			         (int)(strlen(q + 1) ? strlen(q + 1) - 1 : 0), q + 1);
		}
		if (isdigit((unsigned char)session[0]) && strlen(session) == 4 &&
		    (organ == O_SC || organ == O_ECOSOC)) {
			snprintf(year, sizeof(year), "%s", session);
			session[0] = 0;
		}
		if (rc == 0 && session[0])
			rc = set(s, a, "session", session);
		if (rc == 0 && number[0])
			rc = set(s, a, "number", number);
		if (rc == 0 && year[0])
			rc = set(s, a, "year", year);
	}
	return rc;
}

/* Parts that follow a symbol written in full and cite more documents of
 * it: "A/64/504 and Add.1", "A/10195 and Corr.1 and Add.1",
 * "E/CN.5/478 and Add.1 and Add.1/Corr.1 and 2, Add.2", "A/63/5 and
 * Add.1-3". An addendum ("Add.", and "Amend.") belongs to the symbol
 * without its addenda and corrigenda; a corrigendum or revision ("Corr.",
 * "Rev.") to the document cited last; a bare number after "and" or a comma
 * replaces the number of the last part cited. */

/* Emit the parts after the symbol sym that ends before content token i;
 * returns the content token after them. */
static size_t emit_parts(struct scan *s, size_t i, const char *sym, int *rc)
{
	char cur[sizeof(((struct symbol *)0)->text)];
	int any = 0;
	if (strchr(sym, '(') || i >= s->n)
		return i;
	snprintf(cur, sizeof(cur), "%s", sym);
	while (*rc == 0 && i < s->n) {
		const um_token *t = &s->toks[s->c[i - 1].tok];
		const char *p = s->text + t->end, *end = s->text + s->tlen;
		size_t sep = refs_part_separator(p, (size_t)(end - p)), len, nd, b, e;
		char next[sizeof(cur)];
		long v, last;
		int k;
		if (!sep)
			break;
		p += sep;
		b = (size_t)(p - s->text);
		k = refs_part_kind(p, (size_t)(end - p), &len);
		if (k >= 0) {
			/* "Add.2/Corr.1": a part with parts of its own */
			char root[sizeof(cur)];
			size_t w = len;
			snprintf(root, sizeof(root), "%s", cur);
			if (k == PART_ADD || k == PART_AMEND)
				refs_part_root(root);
			else {
				/* "Corr.2" after "Corr.1" replaces it; after
				 * "Rev.1" it is the revision's ("L.20/Rev.1 and
				 * Corr.1") */
				char *q = strrchr(root, '/');
				size_t l2;
				if (refs_part_kind(q + 1, strlen(q + 1), &l2) == k)
					*q = 0;
			}
			for (;;) {
				if (!(nd = refs_part_number(p + w, (size_t)(end - p - w), &v)))
					break;
				w += nd;
				if (p + w < end && p[w] == '/' &&
				    refs_part_kind(p + w + 1, (size_t)(end - p - w - 1), &len) >= 0) {
					w += 1 + len;
					continue;
				}
				break;
			}
			if (!nd || (size_t)snprintf(next, sizeof(next), "%s/%.*s", root,
			                            (int)w, p) >= sizeof(next))
				break;
			len = w;
		} else {
			/* "Add.1 and 2": the number of the last part, ending
			 * the list or going on with it ("Add.1 and 2, Add.3"),
			 * not a count ("Add.1, 15 Member States", "and 2 other
			 * reports") */
			char *dot = strrchr(cur, '.'), *slash = strrchr(cur, '/');
			const char *after;
			size_t l2;
			/* "A/64/504/Add.1 and 2": the symbol's own last part */
			if (!any && slash && refs_part_kind(slash + 1, strlen(slash + 1), &l2) >= 0)
				any = 1;
			if (!any || !dot || dot < slash ||
			    !(nd = refs_part_number(p, (size_t)(end - p), &v)) || v == 0)
				break;
			after = p + nd;
			if (after < end && !strchr(",;.)]", *after) &&
			    !(end - after > 5 && !memcmp(after, " and ", 5)))
				break;
			snprintf(next, sizeof(next), "%.*s%ld", (int)(dot + 1 - cur), cur, v);
			len = nd;
		}
		/* "Add.1-3", "Add.1–3": each of them, on the span of all */
		last = v;
		{
			size_t d = 0, nd2;
			long v2;
			if (p + len < end && p[len] == '-')
				d = 1;
			else if (end - (p + len) > 3 && !memcmp(p + len, "\xe2\x80\x93", 3))
				d = 3;
			if (d && (nd2 = refs_part_number(p + len + d, (size_t)(end - p - len - d),
			                            &v2)) && v2 > v && v2 <= v + 20) {
				last = v2;
				len += d + nd2;
			}
		}
		/* the part ends there: not "Add.1.5", "Add.1/x", "Add.1-30" */
		if (p + len < end && (isalnum((unsigned char)p[len]) || p[len] == '/' ||
		                      ((p[len] == '.' || p[len] == '-') &&
		                       p + len + 1 < end &&
		                       isalnum((unsigned char)p[len + 1]))))
			break;
		i = token_at(s, i, b, 0);
		e = token_at(s, i, b + len, 1);
		if (i >= s->n || e >= s->n || s->c[i].date)
			break;
		for (long n = v; n <= last && *rc == 0; n++) {
			struct symbol out;
			char *dot = strrchr(next, '.');
			memset(&out, 0, sizeof(out));
			snprintf(out.text, sizeof(out.text), "%.*s%ld",
			         (int)(dot + 1 - next), next, n);
			*rc = emit_symbol(s, i, e + 1, &out);
			snprintf(cur, sizeof(cur), "%s", out.text);
		}
		any = 1;
		i = e + 1;
	}
	return i;
}

/* The organ that adopted the document, from its metadata or its opening. */
static int find_doc_organ(const struct scan *s)
{
	static const struct { const char *phrase; int organ; } openings[] = {
		{ "adopted by the Human Rights Council", O_HRC },
		{ "adopted by the Security Council", O_SC },
		{ "adopted by the General Assembly", O_GA },
		{ "adopted by the Economic and Social Council", O_ECOSOC },
		{ "The Human Rights Council,", O_HRC },
		{ "The Security Council,", O_SC },
		{ "The General Assembly,", O_GA },
		{ "The Economic and Social Council,", O_ECOSOC },
	};
	const char *sym = s->api->doc_meta(s->doc, "symbol");
	size_t n = s->tlen < 4000 ? s->tlen : 4000;
	int organ = O_NONE, kind;
	size_t nopen = sizeof(openings) / sizeof(openings[0]);
	unsigned char first[256] = { 0 };
	if (sym && symbol_organ(sym, &organ, &kind) && organ)
		return organ;
	/* the earliest opening, the first of the list where two begin at
	 * the same byte: one pass, the phrases tried only where a byte is
	 * the first letter of one */
	for (size_t i = 0; i < nopen; i++)
		first[tolower((unsigned char)openings[i].phrase[0])] = 1;
	for (size_t k = 0; k < n; k++) {
		if (!first[tolower((unsigned char)s->text[k])])
			continue;
		for (size_t i = 0; i < nopen; i++) {
			const char *ph = openings[i].phrase;
			size_t len = strlen(ph);
			if (k + len <= n &&
			    tolower((unsigned char)s->text[k + 1]) ==
			    tolower((unsigned char)ph[1]) &&
			    !strncasecmp(s->text + k, ph, len))
				return openings[i].organ;
		}
	}
	return O_NONE;
}

/* "3234 (XXIX)." beginning a paragraph of a General Assembly document. */
static int ga_heading(const struct scan *s, size_t i, struct item *it)
{
	return s->doc_organ == O_GA && parse_item(s, i, it) &&
	       it->shape == SH_PAREN && !isdigit((unsigned char)it->paren[0]) &&
	       is_ch(s, it->e, '.');
}

/* The symbol a document states for itself: "Resolution 1860 (2009)" or
 * "63/217." opening a paragraph of a resolution, or a symbol alone on one
 * of the first lines of a report. */
static void find_doc_symbol(struct scan *s, char *out, size_t n)
{
	size_t limit = s->tlen < 3000 ? s->tlen : 3000;
	out[0] = 0;
	for (size_t i = 0; i < s->n; i++) {
		const um_token *t = &s->toks[s->c[i].tok];
		struct item it;
		if (t->begin > limit)
			break;
		if (!(i == 0 || s->c[i].para || s->text[t->begin - 1] == '\n'))
			continue;
		if (s->doc_organ == O_SC && is(s, i, "resolution") &&
		    parse_item(s, i + 1, &it) && it.shape == SH_PAREN &&
		    isdigit((unsigned char)it.paren[0])) {
			snprintf(out, n, "S/RES/%ld(%s)", it.a, it.paren);
			s->own_b = i + 1;
			s->own_e = it.e;
			return;
		}
		if (s->doc_organ != O_NONE && s->doc_organ != O_SC &&
		    parse_item(s, i, &it) && it.shape == SH_SLASH &&
		    is_ch(s, i + (it.special[0] ? 5 : 3), '.')) {
			struct ref r;
			resolve(s, &it, s->doc_organ, 0, &r);
			snprintf(out, n, "%s", r.symbol);
			return;
		}
		/* the Assembly's older headings: "3234 (XXIX). International
		 * co-operation in ..."; a document that holds several
		 * resolutions has no one symbol */
		if (ga_heading(s, i, &it)) {
			struct ref r;
			for (size_t k = it.e; k < s->n; k++)
				if (s->c[k].para && ga_heading(s, k, &it))
					return;
			parse_item(s, i, &it);
			resolve(s, &it, O_GA, 0, &r);
			snprintf(out, n, "%s", r.symbol);
			return;
		}
		if (s->c[i].cap && is_ch(s, i + 1, '/')) {
			struct symbol sym;
			size_t len = refs_symbol_at(s->text + t->begin,
			                            s->tlen - t->begin, &sym);
			const char *after = s->text + t->begin + len;
			if (len && (*after == '\n' || *after == 0)) {
				snprintf(out, n, "%s", sym.text);
				return;
			}
		}
	}
	/* "... - Report of the Secretary-General (A/64/504)" on the first line */
	const char *nl = memchr(s->text, '\n', s->tlen);
	size_t first_line = nl ? (size_t)(nl - s->text) : s->tlen;
	/* a title: a line of its own, not the whole text, not a sentence */
	if (!nl || first_line > 300 || (first_line > 0 &&
	    (nl[-1] == ',' || nl[-1] == ';' || nl[-1] == '.')))
		return;
	for (size_t i = 1; i < s->n; i++) {
		const um_token *t = &s->toks[s->c[i].tok];
		if (t->begin > first_line)
			break;
		if (is_ch(s, i - 1, '(') && s->c[i].cap && is_ch(s, i + 1, '/')) {
			struct symbol sym;
			size_t len = refs_symbol_at(s->text + t->begin,
			                            s->tlen - t->begin, &sym);
			if (len && s->text[t->begin + len] == ')') {
				snprintf(out, n, "%s", sym.text);
				return;
			}
		}
	}
}

static int init(const um_core_api *api, const void *options, void **state,
                char *err, size_t errlen)
{
	struct state *st;
	if (um_core_too_old(api, err, errlen))
		return UM_EABI;
	st = calloc(1, sizeof(*st));
	if (!st) {
		snprintf(err, errlen, "out of memory");
		return UM_EINVAL;
	}
	st->api = api;
	memcpy(&st->opt, options, sizeof(st->opt));
	*state = st;
	return 0;
}

static void fini(void *state)
{
	free(state);
}

/* The scanner's index of document token t, or s->n if t is white space
 * or past the end: the scanner's tokens are in the document's order. */
static size_t rtok_at(const struct scan *s, size_t t)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->c[mid].tok < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->c[lo].tok == t ? lo : s->n;
}

static int process(void *state, um_doc *doc)
{
	struct state *st = state;
	const um_core_api *api = st->api;
	struct scan s;
	size_t ntok, nd;
	int gap = 0, para = 1, rc = 0;
	char own[128];
	memset(&s, 0, sizeof(s));
	s.api = api;
	s.doc = doc;
	s.text = api->doc_text(doc, &s.tlen);
	s.toks = api->doc_tokens(doc, &ntok);
	if (ntok == 0)
		return 0;
	for (size_t t = 0; t < ntok; t++)
		s.n += !um_token_is_space(&s.toks[t]);
	s.c = api->doc_alloc(doc, (s.n + 1) * sizeof(*s.c));
	s.n = 0;
	for (size_t t = 0; t < ntok; t++) {
		const um_token *tk = &s.toks[t];
		struct rtok *c;
		if (um_token_is_space(tk)) {
			gap = 1;
			if (tk->flags & UM_TF_PARA_BREAK)
				para = 1;
			continue;
		}
		c = &s.c[s.n++];
		c->tok = (uint32_t)t;
		c->kind = tk->kind;
		c->gap = (uint8_t)gap;
		c->para = (uint8_t)para;
		c->cap = (tk->flags & UM_TF_CAP) != 0;
		c->allcaps = (tk->flags & UM_TF_ALLCAPS) != 0;
		c->fold = tk->fold;
		c->flen = tk->fold_len;
		c->num = -1;
		c->ndig = 0;
		c->date = 0;
		if (tk->kind == UM_TOK_NUMBER && tk->fold_len <= 6) {
			size_t k;
			for (k = 0; k < tk->fold_len && isdigit((unsigned char)tk->fold[k]); k++)
				;
			if (k == tk->fold_len) {
				/* the fold is not NUL-terminated */
				c->num = 0;
				for (k = 0; k < tk->fold_len; k++)
					c->num = c->num * 10 + (tk->fold[k] - '0');
				c->ndig = (uint8_t)k;
			}
		}
		gap = para = 0;
	}
	nd = api->annot_count(doc, "date");
	s.dates = api->doc_alloc(doc, (nd + 1) * sizeof(*s.dates));
	for (size_t i = 0; i < nd; i++) {
		const um_annot *a = api->annot_at(doc, "date", i);
		size_t b, e, k;
		if (api->annot_span(a, &b, &e) == 0 &&
		    (k = rtok_at(&s, b)) < s.n && !s.c[k].date) {
			s.dates[i].a = a;
			s.dates[i].end = e;
			s.c[k].date = (uint32_t)(i + 1);
		}
	}
	s.doc_organ = find_doc_organ(&s);
	find_doc_symbol(&s, own, sizeof(own));
	if (own[0] && st->opt.set_symbol && !api->doc_meta(doc, "symbol"))
		rc = api->doc_meta_set(doc, "symbol", own);
	for (size_t i = 0; i < s.n && rc == 0;) {
		const struct rtok *c = &s.c[i];
		if (c->kind == UM_TOK_WORD && c->cap && is_ch(&s, i + 1, '/') &&
		    glued(&s, i + 1) &&
		    (!glued(&s, i) || (s.c[i - 1].kind == UM_TOK_PUNCT &&
		                       !is_ch(&s, i - 1, '/') && !is_ch(&s, i - 1, '.') &&
		                       (!is_ch(&s, i - 1, '-') ||
		                        (i > 1 && is_num(&s, i - 2)))))) {
			const um_token *t = &s.toks[c->tok];
			struct symbol sym;
			size_t len = refs_symbol_at(s.text + t->begin,
			                            s.tlen - t->begin, &sym);
			if (len) {
				size_t e = token_at(&s, i, t->begin + len, 1);
				if (e < s.n) {
					rc = emit_symbol(&s, i, e + 1, &sym);
					i = emit_parts(&s, e + 1, sym.text, &rc);
					continue;
				}
			}
		}
		if ((c->fold[0] == 'r' || c->fold[0] == 'd') &&
		    (is(&s, i, "resolution") || is(&s, i, "resolutions") ||
		     is(&s, i, "decision") || is(&s, i, "decisions"))) {
			i = parse_list(&s, i, &rc);
			continue;
		}
		i++;
	}
	return rc;
}

UM_PLUGIN_DEFINE(
	.name = "references",
	.version = "1.0",
	.summary = "resolutions, decisions and document symbols cited, with "
	           "their canonical UN symbols",
	.provides = provides,
	.requires = requires,
	.options = option_table,
	.options_size = sizeof(struct options),
	.init = init,
	.process = process,
	.fini = fini,
)
