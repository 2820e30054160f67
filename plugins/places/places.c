/*
 * places: countries, former states, regions, cities and subdivisions named
 * in UN documents, with ISO 3166, M49 and GeoNames codes. The gazetteer is
 * generated at build time (gen-gazetteer.py) and loaded into the core's
 * phrase matcher; the rules here decide which matches are places.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unmine/plugin.h>

#include "places.h"

struct state {
	const um_core_api *api;
	um_matcher *matcher;
};

static const char *const provides[] = { "place", NULL };

static const char *const type_names[] = {
	NULL, "country", "former-country", "region", "city", "subdivision",
	"other", NULL
};

static int init(const um_core_api *api, const void *options, void **state,
                char *err, size_t errlen)
{
	struct state *st;
	(void)options;
	if (um_core_too_old(api, err, errlen))
		return UM_EABI;
	st = calloc(1, sizeof(*st));
	if (!st) {
		snprintf(err, errlen, "out of memory");
		return UM_EINVAL;
	}
	st->api = api;
	st->matcher = api->matcher_new();
	for (size_t i = 0; i < places_count; i++) {
		const struct place *p = &places_table[i];
		if (api->matcher_add(st->matcher, p->name, strlen(p->name), p) < 0) {
			snprintf(err, errlen, "gazetteer entry '%s' has no tokens",
			         p->name);
			api->matcher_free(st->matcher);
			free(st);
			return UM_EINVAL;
		}
	}
	*state = st;
	return 0;
}

static void fini(void *state)
{
	struct state *st = state;
	if (!st)
		return;
	st->api->matcher_free(st->matcher);
	free(st);
}

struct ctx {
	const struct state *st;
	um_doc *doc;
	const char *text;
	const um_token *toks;
	size_t ntok;
	/* the matches kept, in order */
	/* unit: a city's name that names the unit around it ("Donetsk
	 * region"), written as a subdivision */
	struct hit { size_t b, e; const struct place *p; int kept, unit; } *hits;
	size_t nhits, cap;
	uint32_t *lower;      /* common_word: the words in lower case */
	size_t lower_mask;
	/* in_heading: the answer for the line of the last question */
	size_t heading_at, heading_line;
	int heading;
};

static inline int tok_is(const struct ctx *c, size_t i, const char *w)
{
	const um_token *t;
	size_t n;
	if (i >= c->ntok)
		return 0;
	t = &c->toks[i];
	/* the first byte first: most words of a list are not the token */
	if (t->fold_len && t->fold[0] != w[0])
		return 0;
	n = strlen(w);
	return t->fold_len == n && !memcmp(t->fold, w, n);
}

static int in_list(const struct ctx *c, size_t i, const char *const *list)
{
	char first;
	if (i >= c->ntok || !c->toks[i].fold_len)
		return 0;
	/* the first byte first, read once: most words of a list are not
	 * the token */
	first = c->toks[i].fold[0];
	for (; *list; list++)
		if ((*list)[0] == first && tok_is(c, i, *list))
			return 1;
	return 0;
}

/* The content token before i (skipping white space), or ntok. */
static size_t prev(const struct ctx *c, size_t i)
{
	while (i > 0) {
		i--;
		if (!um_token_is_space(&c->toks[i]))
			return i;
	}
	return c->ntok;
}

/* The word before token i within the name being made longer: not across
 * a paragraph break, and not below token floor (the end of the place
 * before it, "Republic of Korea" before "Republic of Viet-Nam"); ntok
 * when there is none. */
static size_t prev_in(const struct ctx *c, size_t i, size_t floor)
{
	while (i > floor) {
		i--;
		if (c->toks[i].flags & UM_TF_PARA_BREAK)
			return c->ntok;
		if (!um_token_is_space(&c->toks[i]))
			return i;
	}
	return c->ntok;
}

static size_t next(const struct ctx *c, size_t i)
{
	for (; i < c->ntok; i++)
		if (!um_token_is_space(&c->toks[i]))
			return i;
	return c->ntok;
}

static const char *const small_words[] = {
	"of", "the", "and", "de", "d", "la", "le", "el", "al", "da", "des", "du",
	"y", "et", "-", "'", "(", ")", ".", "s", NULL
};

/* Heads of organisation, body, document and event names: a place inside
 * such a name is part of it ("Economic Commission for Africa", "the
 * Nairobi Conference", "Buenos Aires Plan of Action"). */
static const char *const org_heads[] = {
	"commission", "committee", "conference", "organization", "organisation",
	"union", "mission", "office", "bank", "council", "programme", "program",
	"fund", "agency", "plan", "framework", "declaration", "convention",
	"conventions", "charter", "agreement", "agreements", "accord", "accords",
	"court", "tribunal", "forum", "summit", "strategy", "force", "forces",
	"group", "institute", "university", "centre", "center", "federation",
	"corporation", "company", "party", "movement", "army", "front",
	"protocol", "treaty", "process", "initiative", "consensus",
	"principles", "rules", "platform", "agenda", "statute", "compact",
	"pact", "round", "communiqué", "communique", "roadmap", "commitment",
	"commitments", "outcome", "authority", "secretariat", "police",
	"airport", "committees", "board", "assembly", "parliament",
	"congress", "ministry", "department", "school", "college", "foundation",
	"association", "society", "alliance", "coalition", "network",
	"partnership", "cooperation", "community", "league", "club",
	"corridor", "consultations", "talks", "peace", "action", "plans",
	"report", "act", "law", "code", "regulations", "guidelines", "vision",
	"dialogue", "proclamation", "resolution", "ministerial",
	"observatory", "hospital", "stadium", "panel", "mechanism", NULL
};

/* Connectors inside a name: "Commission for Africa", "Mission in South
 * Sudan", "Conference on Environment and Development". */
static const char *const name_links[] = {
	"for", "of", "in", "on", "and", "the", "to", NULL
};
/* The prepositions among them, which follow the head of the name. */
static const char *const head_links[] = {
	"for", "of", "in", "on", "to", "from", NULL
};

/* The principal organs, whose names end there: "the resolutions adopted
 * by the Security Council on Namibia" name Namibia. */
static const char *const organ_firsts[] = {
	"security", "general", "social", "trusteeship", "rights", NULL
};

static const char *const unit_words[] = {
	"state", "department", "province", "governorate", "region", "district",
	"county", "oblast", NULL
};
static const char *const units_words[] = {
	"states", "departments", "provinces", "governorates", "regions",
	"districts", "counties", "oblasts", NULL
};

/* "in Kayin and northern Shan States" */
static const char *const directions[] = {
	"northern", "southern", "eastern", "western", "central", "north",
	"south", "east", "west", NULL
};

/* Inside a name of a post: "the Office of my Special Envoy for the
 * Sahel", "... of the Secretary-General for the Sahel" */
static const char *const name_glue[] = { "my", "his", "her", "-", NULL };

static int capitalised(const struct ctx *c, size_t i)
{
	return i < c->ntok && (c->toks[i].flags & UM_TF_CAP) &&
	       c->toks[i].kind == UM_TOK_WORD;
}

/* A small word written with a capital inside a sentence marks a title in
 * title case: "the Agreement Between the United States of America and
 * the Republic of Iraq On the Withdrawal of ...". */
static const char *const small_title_words[] = {
	"between", "on", "of", "for", "and", "in", "during", "their", "to",
	"with", "from", "concerning", "regarding", NULL
};

/* The word begins a sentence, a line or a numbered paragraph ("23.	In
 * Europe"), where any word has a capital. */
static int starts_clause(const struct ctx *c, size_t i)
{
	size_t p = prev(c, i);
	if ((c->toks[i].flags & UM_TF_SENT_START) || p >= c->ntok)
		return 1;
	for (size_t k = p + 1; k < i; k++)
		if (c->toks[k].kind == UM_TOK_NEWLINE)
			return 1;
	return tok_is(c, p, ".") || tok_is(c, p, ":") || tok_is(c, p, ";") ||
	       tok_is(c, p, ")") || tok_is(c, p, "?") || tok_is(c, p, "!");
}

static int title_word(const struct ctx *c, size_t i)
{
	return !starts_clause(c, i) &&
	       !(c->toks[i].flags & UM_TF_ALLCAPS) &&
	       in_list(c, i, small_title_words);
}

/* Walks the capitalised name around the match: an organisation head in it
 * makes the match part of that name. */
static int inside_name(const struct ctx *c, size_t b, size_t e,
                       const struct place *p)
{
	size_t i = next(c, e), steps = 0;
	/* "Afghanistan's Central Bank": a place that owns what follows is no
	 * part of it (but "the New Partnership for Africa's Development" is
	 * of the name before it) */
	if (i < c->ntok && c->toks[i].begin == c->toks[e - 1].end &&
	    (tok_is(c, i, "'") || tok_is(c, i, "\xe2\x80\x99")) &&
	    tok_is(c, i + 1, "s"))
		steps = 8;
	/* "Artibonite Department", "Upper Nile State": a subdivision's unit */
	if (p->type == PT_SUBDIVISION && in_list(c, i, unit_words))
		i = next(c, i + 1);
	/* after: "Nairobi Conference", "Kenya Defence Forces" */
	while (i < c->ntok && steps++ < 8) {
		if (capitalised(c, i)) {
			um_match other;
			/* another place begins: "Nigeria, Poland", "Sweden, Union
			 * of Soviet Socialist Republics" */
			if (c->st->api->matcher_longest(c->st->matcher, c->doc, i,
			                                &other) == 0 &&
			    !((const struct place *)other.values[0])->needs)
				break;
			if (in_list(c, i, org_heads) || title_word(c, i))
				return 1;
		} else if (tok_is(c, i, "'") || (tok_is(c, i, "s") &&
		                                 tok_is(c, prev(c, i), "'"))) {
			/* "South Sudan People's Defence Forces" */
		} else if ((!in_list(c, i, name_links) && !tok_is(c, i, ",")) ||
		           !capitalised(c, next(c, i + 1))) {
			break;      /* ", Demobilization and Reintegration Commission" */
		}
		i = next(c, i + 1);
	}
	/* before: "Economic Commission for Africa", "Mission in South Sudan";
	 * a place found before ends the walk ("the West Bank and the Gaza
	 * Strip") */
	i = prev(c, b);
	steps = 0;
	while (i < c->ntok && steps++ < 8) {
		if (c->nhits && i < c->hits[c->nhits - 1].e &&
		    i >= c->hits[c->nhits - 1].b)
			break;
		if (capitalised(c, i)) {
			if (in_list(c, i, org_heads) || title_word(c, i))
				return 1;
		} else if (in_list(c, i, head_links)) {
			/* "Mission in South Sudan", "Commission for Asia": the
			 * word before a preposition must be a head, else the name
			 * stops here ("Police Station in Juba", "the African Union
			 * to South Sudan" are places) */
			size_t h = prev(c, i), u = next(c, e);
			/* but bodies are named after countries and regions: a
			 * city, or a subdivision before its unit in lower case,
			 * after "in" is where the body sits or meets ("the Somali
			 * Police Force in Mogadishu", "the World Conference on
			 * Human Rights in Vienna", "the Police Force in the
			 * Banaadir region") */
			if (tok_is(c, i, "in") &&
			    (p->type == PT_CITY ||
			     (p->type == PT_SUBDIVISION && u < c->ntok &&
			      !capitalised(c, u) && in_list(c, u, unit_words))))
				return 0;
			if (h < c->ntok && capitalised(c, h) && in_list(c, h, org_heads))
				return !tok_is(c, i, "to") &&
				       !((tok_is(c, h, "council") ||
				          tok_is(c, h, "assembly")) &&
				         in_list(c, prev(c, h), organ_firsts));
			/* a title in title case: "... of Their Activities during
			 * Their Temporary Presence in Iraq"; or a name whose head
			 * comes before another preposition: "Agency for
			 * Palestine Refugees in the Near East", "Panel of
			 * Experts on Libya" ("the Police Station in Juba" has
			 * none) */
			for (steps = 0; h < c->ntok && steps++ < 10 &&
			     (capitalised(c, h) || in_list(c, h, name_links) ||
			      in_list(c, h, name_glue));
			     h = prev(c, h)) {
				size_t g;
				if (capitalised(c, h) && title_word(c, h))
					return 1;
				if (!capitalised(c, h) && in_list(c, h, head_links) &&
				    (g = prev(c, h)) < c->ntok && capitalised(c, g) &&
				    in_list(c, g, org_heads) && !tok_is(c, h, "to") &&
				    !((tok_is(c, g, "council") ||
				       tok_is(c, g, "assembly")) &&
				      in_list(c, prev(c, g), organ_firsts)))
					return 1;
			}
			return 0;
		} else if (!in_list(c, i, name_links) &&
		           c->toks[i].kind != UM_TOK_NUMBER) {
			break;      /* "Group of 77 and China" walks over 77 */
		}
		i = prev(c, i);
	}
	return 0;
}

/* Names that are also first names: "Georgia", "Jordan", "Chad" before a
 * surname or after a title are people. */
static const char *const person_names[] = {
	"georgia", "jordan", "chad", "israel", "kenya", "lima", "victoria",
	"niger", "india", "china", "paris", "sydney", "orlando", NULL
};
static const char *const titles[] = {
	"mr", "mrs", "ms", "dr", "president", "minister", "ambassador", "king",
	"queen", "prince", "princess", "sheikh", "judge", "professor", "sir",
	"lord", "general", NULL
};
static const char *const place_words[] = {
	"river", "valley", "basin", "lake", "sea", "republic", "government",
	"state", "region", "border", "city", "province", "coast", NULL
};

/* Forms of address: whatever follows is a person ("Mr. Lusaka
 * (Zambia)"). */
static const char *const address[] = {
	"mr", "mrs", "ms", "dr", "sir", "madam", "mme", "messrs", NULL
};

static int person(const struct ctx *c, size_t b, size_t e)
{
	size_t p = prev(c, b), n = next(c, e);
	if (p < c->ntok && (in_list(c, p, address) ||
	                    (tok_is(c, p, ".") && in_list(c, prev(c, p), address))))
		return 1;
	if (e - b != 1 || !in_list(c, b, person_names))
		return 0;
	if (p < c->ntok && (in_list(c, p, titles) ||
	                    (c->toks[p].kind == UM_TOK_PUNCT &&
	                     p > 0 && in_list(c, prev(c, p), titles))))
		return 1;
	return n < c->ntok && capitalised(c, n) &&
	       !(c->toks[n].flags & UM_TF_SENT_START) &&
	       !in_list(c, n, place_words) && !in_list(c, n, org_heads);
}

/* The name writes this word in lower case too ("former", "sub",
 * "au"). */
static int lower_in_name(const struct ctx *c, size_t i, const char *name)
{
	const um_token *t = &c->toks[i];
	size_t n = t->end - t->begin;
	const char *w = c->text + t->begin;
	for (const char *p = name; *p; p++) {
		if (strncmp(p, w, n) == 0 &&
		    (p == name || p[-1] == ' ' || p[-1] == '-' || p[-1] == '(') &&
		    (p[n] == 0 || p[n] == ' ' || p[n] == '-' || p[n] == ')' ||
		     p[n] == '\''))
			return 1;
	}
	return 0;
}

static const char *const state_forms[] = {
	"republic", "kingdom", "sultanate", "emirate", "principality",
	"commonwealth", "federation", "union", NULL
};
/* Inside the quoted title of a document or agenda item: the item
 * entitled "The situation in the Middle East" names an item, not a
 * place. */
static int in_title(const struct ctx *c, size_t b)
{
	size_t i = b, steps = 0;
	while ((i = prev(c, i)) < c->ntok && steps++ < 16) {
		const um_token *t = &c->toks[i];
		if (t->kind == UM_TOK_NEWLINE || tok_is(c, i, ".") ||
		    tok_is(c, i, ";"))
			return 0;
		if (tok_is(c, i, "\"")) {
			size_t w = prev(c, i);
			/* the fold of both typographic quotes is '"': an
			 * opening one follows the word that introduces it */
			return w < c->ntok && (tok_is(c, w, "entitled") ||
			                       tok_is(c, w, "titled") ||
			                       tok_is(c, w, "item"));
		}
	}
	return 0;
}

/* On the title line of a resolution, "79/184. Situation of human rights
 * in the temporarily occupied territories of Ukraine": the title names
 * the resolution, as a quoted agenda item does. */
static int in_heading(struct ctx *c, size_t b)
{
	size_t i = b, first = c->ntok, steps = 0;
	/* the same line as the last question: the same answer */
	if (c->heading_at && c->heading_at <= b) {
		size_t k;
		for (k = c->heading_at; k < b; k++)
			if (c->toks[k].kind == UM_TOK_NEWLINE)
				break;
		if (k == b) {
			c->heading_at = b;
			return c->heading;
		}
	}
	c->heading_at = b;
	c->heading = 0;
	while (i > 0 && steps++ < 200) {
		i--;
		if (c->toks[i].kind == UM_TOK_NEWLINE)
			break;
		if (!um_token_is_space(&c->toks[i]))
			first = i;
	}
	if (steps > 200 || first >= c->ntok)
		return 0;
	i = first;
	if (c->toks[i].kind != UM_TOK_NUMBER || !tok_is(c, i + 1, "/") ||
	    i + 2 >= c->ntok || c->toks[i + 2].kind != UM_TOK_NUMBER)
		return 0;
	c->heading = tok_is(c, i + 3, ".");
	return c->heading;
}

/* The token of the plural word of a unit (one of words) that ends the
 * list of names from token i on: ", Zaporizhzhia and Donetsk oblasts";
 * c->ntok when there is none. */
static size_t units_after(const struct ctx *c, size_t i,
                          const char *const *words)
{
	size_t u = next(c, i), steps = 0;
	while (u < c->ntok && steps++ < 12 &&
	       (capitalised(c, u) || tok_is(c, u, ",") || tok_is(c, u, "and")) &&
	       !in_list(c, u, words))
		u = next(c, u + 1);
	return u < c->ntok && in_list(c, u, words) ? u : c->ntok;
}

/* The units a city names by its name: not "State", of which "New York,
 * United States" and "Geneva, Member States" are no unit. */
static const char *const city_unit[] = {
	"province", "region", "governorate", "district", "oblast", "county", NULL
};
static const char *const city_units[] = {
	"provinces", "regions", "governorates", "districts", "oblasts",
	"counties", NULL
};

/* Whether a city's name ending at token e names the unit around it:
 * before the unit's word, "Kabul province", "Herat Province" (the span
 * then takes a capitalised word, as "Upper Nile State" does: *end is set
 * past it), or in a list of such names before the unit's plural in lower
 * case, "the Kherson, Zaporizhzhia and Donetsk oblasts". */
static int names_unit(const struct ctx *c, size_t e, size_t *end)
{
	size_t u = next(c, e);
	if (u < c->ntok && in_list(c, u, city_unit)) {
		if (capitalised(c, u))
			*end = u + 1;
		return 1;
	}
	u = units_after(c, e, city_units);
	return u < c->ntok && !capitalised(c, u);
}

/* Whether token t's folded form ends with suffix. */
static int fold_ends(const um_token *t, const char *suffix)
{
	size_t n = strlen(suffix);
	return t->fold_len >= n && !memcmp(t->fold + t->fold_len - n, suffix, n);
}

/* "Euro-Asia", "Afro-Eurasia", "Indo-China", "Austro-Hungary": a place
 * glued by a hyphen to a combining form before it (a capitalised word
 * ending in "o" that is no place: "Congo-Brazzaville" and "Kosovo-Serbia"
 * are two) is part of another name. */
static int combining_form_before(const struct ctx *c, size_t b)
{
	const um_token *h, *w;
	if (b < 2)
		return 0;
	h = &c->toks[b - 1];
	w = &c->toks[b - 2];
	return h->end == c->toks[b].begin && w->end == h->begin &&
	       tok_is(c, b - 1, "-") && w->kind == UM_TOK_WORD &&
	       (w->flags & UM_TF_CAP) && w->fold_len >= 4 && fold_ends(w, "o") &&
	       !(c->nhits && c->hits[c->nhits - 1].e == b - 1);
}

/* Currencies named after a country: "United States dollars", "Hong Kong
 * dollars" name no place. */
static const char *const currency_words[] = {
	"dollar", "dollars", "franc", "francs", "pound", "pounds", "shilling",
	"shillings", "rupee", "rupees", "peso", "pesos", "dinar", "dinars",
	"yen", "yuan", "rand", "krona", "kronor", "krone", "kroner", "rouble",
	"roubles", "ruble", "rubles", "lira", "lire", NULL
};

/* The kinds of seas, rivers and the like (see water_bodies). */
static const char *const water_words[] = {
	"sea", "ocean", "river", "strait", "straits", "gulf", "bay", "lake",
	"channel", "canal", "valley", "basin", "peninsula", "desert", NULL
};

/* "Pacific Island Developing Countries", "Atlantic Charter": a region of
 * one word that is an adjective ("Pacific", "Caribbean", "Mediterranean":
 * ending in "ic" or "an"), without "the", before a capitalised word that
 * begins no place and no sentence, is part of a name ("in Europe Member
 * States" names Europe). */
static int region_as_adjective(const struct ctx *c, const um_match *m,
                               const struct place *p)
{
	size_t n = next(c, m->end), w = prev(c, m->begin);
	const um_token *t = &c->toks[m->begin];
	um_match other;
	if (p->type != PT_REGION || m->end != m->begin + 1 ||
	    !(fold_ends(t, "ic") || fold_ends(t, "an")) ||
	    (w < c->ntok && tok_is(c, w, "the")) || n >= c->ntok ||
	    !capitalised(c, n) || (c->toks[n].flags & UM_TF_SENT_START) ||
	    in_list(c, n, water_words))
		return 0;
	return c->st->api->matcher_longest(c->st->matcher, c->doc, n, &other) != 0;
}

static int on_match(const um_match *m, void *arg)
{
	struct ctx *c = arg;
	const struct place *p = m->values[0];
	int name = p->type == PT_NAME;
	/* Places are proper names: every word of the match that the name
	 * does not write in lower case is capitalised ("turkey" is a bird). */
	for (size_t i = m->begin; i < m->end && !name; i++) {
		const um_token *t = &c->toks[i];
		if (t->kind == UM_TOK_WORD && !(t->flags & UM_TF_CAP) &&
		    !in_list(c, i, small_words) && !lower_in_name(c, i, p->name))
			return 0;
	}
	if (!name && (combining_form_before(c, m->begin) ||
	              (p->type == PT_COUNTRY &&
	               in_list(c, next(c, m->end), currency_words)) ||
	              region_as_adjective(c, m, p) ||
	              inside_name(c, m->begin, m->end, p) ||
	              person(c, m->begin, m->end) || in_title(c, m->begin) ||
	              in_heading(c, m->begin)))
		return 0;
	if (c->nhits == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->hits = realloc(c->hits, c->cap * sizeof(*c->hits));
		if (!c->hits)
			abort();
	}
	size_t b = m->begin, e = m->end;
	size_t floor = c->nhits ? c->hits[c->nhits - 1].e : 0;
	/* the name of a group or an instrument ("the Islamic State in Iraq
	 * and the Levant"): kept as a hit, never written, so that no later
	 * rule finds a place inside it */
	if (name)
		goto keep;
	/* "the Hashimite Kingdom of Jordan", "the Republic of Togo": the
	 * state's long form belongs to it */
	if (p->type == PT_COUNTRY && in_list(c, b, state_forms)) {
		/* "the Democratic Republic of Madagascar" */
		for (size_t k = prev_in(c, b, floor); k < c->ntok &&
		     capitalised(c, k) && !in_list(c, k, org_heads) &&
		     !(c->toks[k].flags & UM_TF_SENT_START);
		     k = prev_in(c, k, floor))
			b = k;
	} else if (p->type == PT_COUNTRY || p->type == PT_SUBDIVISION) {
		/* "the Republic of Iraq"; "the Autonomous Republic of
		 * Crimea" */
		size_t of = prev_in(c, b, floor);
		size_t h = of < c->ntok ? prev_in(c, of, floor) : c->ntok;
		if (of < c->ntok && tok_is(c, of, "of") && h < c->ntok &&
		    capitalised(c, h) && in_list(c, h, state_forms)) {
			b = h;
			for (size_t k = prev_in(c, h, floor); k < c->ntok &&
			     capitalised(c, k) && !in_list(c, k, org_heads) &&
			     !(c->toks[k].flags & UM_TF_SENT_START);
			     k = prev_in(c, k, floor))
				b = k;
		}
	}
	/* "Upper Nile State", "Artibonite Department" */
	if (p->type == PT_SUBDIVISION) {
		size_t n = next(c, e);
		if (n < c->ntok && capitalised(c, n) && in_list(c, n, unit_words)) {
			e = n + 1;
		} else if (p->needs == PN_UNIT) {
			/* "Warrap, Lakes and Unity States" */
			size_t k = n, steps = 0;
			while (k < c->ntok && steps++ < 8 &&
			       (capitalised(c, k) || tok_is(c, k, ",") ||
			        tok_is(c, k, "and") || in_list(c, k, directions)) &&
			       !in_list(c, k, units_words))
				k = next(c, k + 1);
			if (!(k < c->ntok && in_list(c, k, units_words)))
				return 0;
		}
	}
keep:
	c->hits[c->nhits].b = b;
	c->hits[c->nhits].e = e;
	c->hits[c->nhits].p = p;
	c->hits[c->nhits].kept = 0;
	c->hits[c->nhits].unit = 0;
	c->nhits++;
	return 0;
}

static int emit(struct ctx *c, const struct hit *h)
{
	const um_core_api *api = c->st->api;
	const struct place *p = h->p;
	um_annot *a;
	char buf[32];
	int rc = api->annot_add(c->doc, "place", h->b, h->e, &a);
	if (h->unit) {
		/* as the subdivisions of data/names.tsv without an ISO code:
		 * the country's code */
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "type", "subdivision");
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "code", p->country);
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "country", p->country);
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "name", p->name);
		return rc;
	}
	if (rc == 0)
		rc = api->annot_set(c->doc, a, "type", type_names[p->type]);
	if (rc == 0 && p->code[0])
		rc = api->annot_set(c->doc, a, "code", p->code);
	if (rc == 0 && p->m49[0])
		rc = api->annot_set(c->doc, a, "m49", p->m49);
	if (rc == 0 && p->country[0])
		rc = api->annot_set(c->doc, a, "country", p->country);
	if (rc == 0 && p->type == PT_CITY) {
		snprintf(buf, sizeof(buf), "%.5f", p->lat);
		rc = api->annot_set(c->doc, a, "lat", buf);
		snprintf(buf, sizeof(buf), "%.5f", p->lon);
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "lon", buf);
	}
	if (rc == 0)
		rc = api->annot_set(c->doc, a, "name", p->name);
	return rc;
}


static const char *const town_words[] = {
	"city", "town", "village", "port", "capital", "municipality", NULL
};

static const char *const locatives[] = {
	"in", "at", "from", "to", "near", "around", "outside", "visited",
	"between", NULL
};

/* Words that begin a capitalised phrase before a place without naming a
 * town: "In March, Upper Nile State", "the Government (Syria)". */
static const char *const not_towns[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "monday",
	"tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"government", "governments", "president", "minister", "state",
	"states", "republic", "kingdom", "city", "town", "village", "north",
	"south", "east", "west", "northern", "southern", "eastern", "western",
	"central", "upper", "lower", "greater", "new", "old", "members",
	"member", "headquarters", "secretariat", "nations", "united", "i",
	"we", "it", "this", "that", "these", "those", "there", "here", "in",
	"at", "from", "and", "the", "a", "an", "on", "by", NULL
};

/* The word is written in lower case somewhere in the document, so it is
 * a common word ("Access", "Camp"), not part of a town's name. */
static uint64_t fold_hash(const um_token *t)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < t->fold_len; i++) {
		h ^= (unsigned char)t->fold[i];
		h *= 0x100000001b3ULL;
	}
	return h ^ (h >> 29);
}

static int common_word(struct ctx *c, size_t w)
{
	const um_token *t = &c->toks[w];
	size_t slot;
	if (!c->lower) {
		/* the document's words in lower case, once: token index + 1
		 * in an open-addressing table */
		size_t n = 0;
		for (size_t i = 0; i < c->ntok; i++)
			n += c->toks[i].kind == UM_TOK_WORD;
		for (c->lower_mask = 64; c->lower_mask < 2 * n; c->lower_mask <<= 1)
			;
		c->lower = c->st->api->doc_alloc(c->doc, c->lower_mask *
		                                 sizeof(*c->lower));
		memset(c->lower, 0, c->lower_mask * sizeof(*c->lower));
		c->lower_mask--;
		for (size_t i = 0; i < c->ntok; i++) {
			const um_token *u = &c->toks[i];
			if (u->kind != UM_TOK_WORD || (u->flags & UM_TF_CAP))
				continue;
			slot = (size_t)fold_hash(u) & c->lower_mask;
			while (c->lower[slot]) {
				const um_token *v = &c->toks[c->lower[slot] - 1];
				if (v->fold_len == u->fold_len &&
				    !memcmp(v->fold, u->fold, u->fold_len))
					break;
				slot = (slot + 1) & c->lower_mask;
			}
			c->lower[slot] = (uint32_t)(i + 1);
		}
	}
	slot = (size_t)fold_hash(t) & c->lower_mask;
	while (c->lower[slot]) {
		const um_token *v = &c->toks[c->lower[slot] - 1];
		if (v->fold_len == t->fold_len && !memcmp(v->fold, t->fold, t->fold_len))
			return 1;
		slot = (slot + 1) & c->lower_mask;
	}
	return 0;
}

/* A town the gazetteer does not know, located by the place after it:
 * "in Pagak, Upper Nile State", "Petit-Goâve (West Department)",
 * "Yarmouk (Damascus)". UN reports locate the small places they name
 * this way. The name is one to four capitalised words (joined by
 * hyphens, apostrophes or the particles of place names) right before the
 * comma or parenthesis, none of them written in lower case elsewhere in
 * the document; in parentheses, the place is a subdivision or a city
 * (a country there is a person's nationality); after a comma, a
 * subdivision or a country, and a locative or a list comes before the
 * name. The town
 * gets its country from that place, and no code or coordinates. */
static int located_town(struct ctx *c, size_t hi)
{
	const struct hit *q = &c->hits[hi];
	const struct place *qp = q->p;
	const char *cc = qp->type == PT_COUNTRY ? qp->code : qp->country;
	size_t sep = prev(c, q->b), e, b, w, words = 0, k;
	int paren;
	if (!cc || !cc[0] || sep >= c->ntok)
		return 0;
	paren = tok_is(c, sep, "(");
	if (paren) {
		/* "Derek Plumbly (United Kingdom)" is a person and a
		 * nationality: in parentheses, only a subdivision or a city
		 * locates a town */
		if (!tok_is(c, next(c, q->e), ")") || qp->type == PT_COUNTRY)
			return 0;
	} else if (!tok_is(c, sep, ",") ||
	           (qp->type != PT_SUBDIVISION && qp->type != PT_COUNTRY)) {
		return 0;
	}
	w = prev(c, sep);
	e = w + 1;          /* the name ends before the separator */
	if (w >= c->ntok || (hi > 0 && w < c->hits[hi - 1].e &&
	                     c->hits[hi - 1].kept))
		return 0;
	for (b = w; ; ) {
		if (!capitalised(c, b) || in_list(c, b, not_towns) ||
		    in_list(c, b, org_heads) || in_list(c, b, titles) ||
		    (c->toks[b].flags & UM_TF_ALLCAPS) || common_word(c, b))
			return 0;
		words++;
		k = prev(c, b);
		/* "Petit-Goâve", "L'Estère", "Trou du Nord" */
		if (k < c->ntok &&
		    (((tok_is(c, k, "-") || tok_is(c, k, "'")) && k + 1 == b) ||
		     ((tok_is(c, k, "du") || tok_is(c, k, "de") ||
		       tok_is(c, k, "el") || tok_is(c, k, "al")) &&
		      !(c->toks[k].flags & UM_TF_CAP)))) {
			size_t j = prev(c, k);
			if (tok_is(c, k, "'") && j < c->ntok && j + 1 == k &&
			    (tok_is(c, j, "l") || tok_is(c, j, "d"))) {
				b = j;      /* "L'Estère" */
				break;
			}
			if (j < c->ntok && capitalised(c, j) && words < 4) {
				b = j;
				continue;
			}
			return 0;
		}
		if (k < c->ntok && capitalised(c, k) && k + 1 < b && words < 4 &&
		    !(c->toks[b].flags & UM_TF_SENT_START) &&
		    !in_list(c, k, not_towns) && !in_list(c, k, org_heads)) {
			b = k;      /* "Madamiyet Elsham", "Malual Chaat" */
			continue;
		}
		break;
	}
	/* the name starts a place phrase: a locative, a list, a parenthesis */
	k = prev(c, b);
	if (c->toks[b].flags & UM_TF_SENT_START)
		return 0;
	if (k < c->ntok && capitalised(c, k))
		return 0;   /* part of a longer name */
	if (!paren && !(k < c->ntok && (in_list(c, k, locatives) ||
	                                 tok_is(c, k, ",") || tok_is(c, k, "and"))))
		return 0;
	{
		const um_core_api *api = c->st->api;
		um_annot *a;
		um_match m;
		int rc;
		/* a name the gazetteer knows, or one that holds a place, was
		 * judged already ("the Group of 77 and China, Togo",
		 * "Euro-Asia, Ethiopia") */
		for (size_t w2 = b; w2 < e; w2++)
			if (api->matcher_longest(c->st->matcher, c->doc, w2, &m) == 0)
				return 0;
		rc = api->annot_add(c->doc, "place", b, e, &a);
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "type", "city");
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "country", cc);
		if (rc == 0)
			rc = api->annot_set(c->doc, a, "source", "context");
		return rc;
	}
}

/* Seas, rivers and the like, named by a capitalised word and the kind:
 * "the Black Sea", "the Dnipro River", "the Sea of Azov", "the Gulf of
 * Aden". The name goes to a place already found inside it ("the
 * Mediterranean Sea" keeps the Mediterranean's code) or gets a code made
 * from it ("UNM:BLACK-SEA"). */
static struct place *made_place(struct ctx *c, size_t b, size_t e,
                                const struct place *inner)
{
	const um_core_api *api = c->st->api;
	struct place *p = api->doc_alloc(c->doc, sizeof(*p));
	size_t len = c->toks[e - 1].end - c->toks[b].begin;
	char *name = api->doc_alloc(c->doc, len + 1), *code, *q;
	memset(p, 0, sizeof(*p));
	memcpy(name, c->text + c->toks[b].begin, len);
	name[len] = 0;
	p->name = name;
	p->type = PT_REGION;
	p->m49 = p->country = "";
	if (inner && inner->type == PT_REGION) {
		p->code = inner->code;
		return p;
	}
	code = api->doc_alloc(c->doc, len + 5);
	q = code + sprintf(code, "UNM:");
	for (size_t i = b; i < e; i++) {
		const um_token *t = &c->toks[i];
		if (um_token_is_space(t) || t->kind == UM_TOK_PUNCT) {
			if (q[-1] != '-' && q[-1] != ':')
				*q++ = '-';
			continue;
		}
		for (size_t k = t->begin; k < t->end; k++) {
			char ch = c->text[k];
			*q++ = ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
		}
	}
	*q = 0;
	p->code = code;
	return p;
}

static int plain_name_word(const struct ctx *c, size_t i)
{
	return capitalised(c, i) && !in_list(c, i, org_heads) &&
	       !in_list(c, i, not_towns) && !in_list(c, i, titles) &&
	       !in_list(c, i, water_words);
}

static void water_bodies(struct ctx *c)
{
	struct hit *add = NULL, *merged;
	size_t nadd = 0, n = 0, k = 0;
	for (size_t i = 0; i < c->ntok; i++) {
		size_t b = i, e = i + 1, words = 0, j;
		const struct place *inner = NULL;
		struct place probe;
		if (!capitalised(c, i) || !in_list(c, i, water_words))
			continue;
		/* "Black Sea", "Mediterranean Sea", "Taiwan Straits" */
		for (j = prev(c, i); j < c->ntok && words < 3 &&
		     plain_name_word(c, j) && j + 2 >= b; j = prev(c, j)) {
			b = j;
			words++;
		}
		if (!words) {
			/* "Sea of Azov", "Gulf of Aden" */
			size_t of = next(c, i + 1);
			if (!tok_is(c, of, "of"))
				continue;
			for (j = next(c, of + 1); j < c->ntok && words < 3 &&
			     plain_name_word(c, j); j = next(c, j + 1)) {
				e = j + 1;
				words++;
			}
			if (!words || c->toks[i].flags & UM_TF_SENT_START)
				continue;
		}
		/* a place inside the name is part of it */
		for (j = 0; j < c->nhits; j++)
			if (c->hits[j].b >= b && c->hits[j].e <= e)
				inner = c->hits[j].p;
			else if (c->hits[j].b < e && c->hits[j].e > b)
				break;
		if (j < c->nhits)
			continue;       /* overlaps a place it does not hold */
		memset(&probe, 0, sizeof(probe));
		probe.type = PT_REGION;
		if (inside_name(c, b, e, &probe) || in_title(c, b) ||
		    in_heading(c, b))
			continue;
		add = realloc(add, (nadd + 1) * sizeof(*add));
		if (!add)
			abort();
		add[nadd].b = b;
		add[nadd].e = e;
		add[nadd].p = made_place(c, b, e, inner);
		add[nadd].kept = 0;
		add[nadd].unit = 0;
		nadd++;
		i = e - 1;
	}
	/* "the Eastern Mediterranean": a part of a region */
	for (size_t i = 0; i < c->nhits; i++) {
		struct hit *h = &c->hits[i];
		size_t d = prev(c, h->b);
		if (h->p->type == PT_REGION && !strncmp(h->p->code, "UNM:", 4) &&
		    d < c->ntok && capitalised(c, d) && in_list(c, d, directions) &&
		    (i == 0 || c->hits[i - 1].e <= d)) {
			h->p = made_place(c, d, h->e, NULL);
			h->b = d;
		}
	}
	if (!nadd)
		return;
	/* the hits, without those inside a new name, and the new ones, in
	 * order */
	merged = malloc((c->nhits + nadd) * sizeof(*merged));
	if (!merged)
		abort();
	for (size_t i = 0; i < c->nhits; i++) {
		const struct hit *h = &c->hits[i];
		while (k < nadd && add[k].b <= h->b)
			merged[n++] = add[k++];
		if (k > 0 && h->b >= add[k - 1].b && h->e <= add[k - 1].e)
			continue;
		merged[n++] = *h;
	}
	while (k < nadd)
		merged[n++] = add[k++];
	free(add);
	free(c->hits);
	c->hits = merged;
	c->nhits = c->cap = n;
}

static int country_named(const char *const *named, size_t nnamed,
                         const char *cc)
{
	for (size_t k = 0; k < nnamed; k++)
		if (!strcmp(named[k], cc))
			return 1;
	return 0;
}

/* Whether hit i is followed by its country's subdivision or city in
 * parentheses, one taken without more ado: "Baidoa (South-West State)",
 * "Goma (North Kivu)" where the Congo is named. */
static int pinned_by_next(const struct ctx *c, size_t i,
                          const char *const *named, size_t nnamed)
{
	const struct hit *h = &c->hits[i], *q = &c->hits[i + 1];
	const struct place *p = h->p, *qp = q->p;
	size_t open = next(c, h->e);
	if (open >= c->ntok || !tok_is(c, open, "(") || next(c, open + 1) != q->b ||
	    !tok_is(c, next(c, q->e), ")") ||
	    (qp->type != PT_SUBDIVISION && qp->type != PT_CITY) ||
	    qp->needs == PN_PLACE_WORD || strcmp(qp->country, p->country))
		return 0;
	return qp->needs != PN_COUNTRY &&
	       (!strchr(qp->code, '-') || country_named(named, nnamed, qp->country));
}

static int process(void *state, um_doc *doc)
{
	struct state *st = state;
	const um_core_api *api = st->api;
	struct ctx c;
	int rc = 0;
	memset(&c, 0, sizeof(c));
	c.st = st;
	c.doc = doc;
	c.text = api->doc_text(doc, NULL);
	c.toks = api->doc_tokens(doc, &c.ntok);
	api->matcher_scan(st->matcher, doc, 0, c.ntok, on_match, &c);
	water_bodies(&c);
	/* A subdivision of ISO 3166-2, or a town, is taken only where its
	 * country is named in the same document: "Western Equatoria" or
	 * "Gonaïves" in a report on South Sudan or Haiti; so is one that
	 * data/names.tsv gives an ISO 3166-2 code ("Tigray"). The other
	 * subdivisions of data/names.tsv ("Darfur") are unambiguous. */
	const char *named[300];     /* countries named, or with a city named */
	size_t nnamed = 0;
	for (size_t i = 0; i < c.nhits; i++) {
		const struct place *q = c.hits[i].p;
		const char *cc = q->type == PT_COUNTRY ? q->code :
		                 q->type == PT_CITY && q->needs != PN_COUNTRY &&
		                 q->needs != PN_PLACE_WORD ?
		                 q->country : NULL;
		if (cc && cc[0] && !country_named(named, nnamed, cc) &&
		    nnamed < sizeof(named) / sizeof(named[0]))
			named[nnamed++] = cc;
	}
	for (size_t i = 0; i < c.nhits && rc == 0; i++) {
		const struct place *p = c.hits[i].p;
		int pinned;
		if (p->type == PT_NAME)
			continue;
		/* "Baidoa (South-West State)": a town with a place of its
		 * country in parentheses after it */
		pinned = p->needs == PN_COUNTRY && i + 1 < c.nhits &&
		         pinned_by_next(&c, i, named, nnamed);
		if (!pinned && ((p->type == PT_SUBDIVISION && strchr(p->code, '-')) ||
		                p->needs == PN_COUNTRY) &&
		    !country_named(named, nnamed, p->country))
			continue;
		/* "the Kherson, Zaporizhzhia and Donetsk oblasts", "Kabul
		 * province": a city's name before the word of a unit names
		 * the unit */
		if (p->type == PT_CITY && p->country[0] &&
		    names_unit(&c, c.hits[i].e, &c.hits[i].e))
			c.hits[i].unit = 1;
		/* A town is also named as a place: after "in", "at", "from",
		 * "to", "near", or in a list after another place ("Kismaayo,
		 * Baidoa and Garoowe"); "31 March" or "Mr. Albert" are not. */
		if (p->needs == PN_COUNTRY || p->needs == PN_PLACE_WORD) {
			size_t w = prev(&c, c.hits[i].b);
			size_t before = w < c.ntok ? prev(&c, w) : c.ntok;
			/* "Gonaïves (Artibonite Department), Trou du Nord" */
			int listed = i > 0 && w < c.ntok &&
			             (tok_is(&c, w, ",") || tok_is(&c, w, "and")) &&
			             (before + 1 == c.hits[i - 1].e ||
			              (before < c.ntok && tok_is(&c, before, ")") &&
			               before >= c.hits[i - 1].e &&
			               before - c.hits[i - 1].e < 12));
			/* "the Kherson, Zaporizhzhia and Donetsk regions" */
			if (c.hits[i].unit || pinned ||
			    units_after(&c, c.hits[i].e, units_words) < c.ntok)
				listed = 1;
			/* "the city of Sevastopol" */
			int of_place = w < c.ntok && tok_is(&c, w, "of") &&
			               before < c.ntok && in_list(&c, before, town_words);
			if (!listed && !of_place &&
			    !(w < c.ntok && in_list(&c, w, locatives)))
				continue;
		}
		c.hits[i].kept = 1;
		rc = located_town(&c, i);   /* the town it locates comes first */
		if (rc == 0)
			rc = emit(&c, &c.hits[i]);
	}
	free(c.hits);
	return rc;
}

UM_PLUGIN_DEFINE(
	.name = "places",
	.version = "1.0",
	.summary = "countries, former states, regions, cities and subdivisions, "
	           "with ISO 3166, M49 and GeoNames codes",
	.provides = provides,
	.init = init,
	.process = process,
	.fini = fini,
)
