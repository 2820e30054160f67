/*
 * acronyms: abbreviations defined in the text, "United Nations Development
 * Programme (UNDP)", and their later uses, linked to the definition.
 *
 * The long form is found by matching the short form's letters, from the
 * last, against the words before the parenthesis; the first letter must
 * start a word (the method of Schwartz and Hearst, 2003).
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unmine/plugin.h>

struct options {
	long min_length;
	int mark_uses;
};

static const um_option option_table[] = {
	{ "min-length", UM_OPT_INT, offsetof(struct options, min_length), "2",
	  "fewest capital letters in a short form" },
	{ "mark-uses", UM_OPT_BOOL, offsetof(struct options, mark_uses), "yes",
	  "also annotate later uses of a defined short form" },
	{ NULL, 0, 0, NULL, NULL }
};

struct state {
	const um_core_api *api;
	struct options opt;
};

/* One definition found in the document. */
struct def {
	const char *short_form;     /* points into the text, not terminated */
	size_t short_len;
	const char *long_form;      /* terminated copy */
	um_annot *annot;
	size_t uses;
	struct def *next;
};

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
	if (st->opt.min_length < 1) {
		snprintf(err, errlen, "min-length must be at least 1");
		free(st);
		return UM_EINVAL;
	}
	*state = st;
	return 0;
}

static void fini(void *state)
{
	free(state);
}

static inline int tok_is(const um_token *t, const char *s)
{
	size_t n = strlen(s);
	return t->fold_len == n && memcmp(t->fold, s, n) == 0;
}

/* The definitions by short form, in an open-addressing table: for each
 * short form, the definition the list from its head reaches first (the
 * last one made), as a use is linked to. Looking a word up costs the same
 * however many definitions the document has. */
struct def_index {
	struct def **slot;
	size_t mask;
};

static uint64_t form_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;     /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

/* The slot of the short form (s, n): its definition's, or an empty one. */
static size_t def_slot(const struct def_index *ix, const char *s, size_t n)
{
	size_t i = (size_t)form_hash(s, n) & ix->mask;
	while (ix->slot[i] && (ix->slot[i]->short_len != n ||
	                       memcmp(ix->slot[i]->short_form, s, n)))
		i = (i + 1) & ix->mask;
	return i;
}

static void index_defs(const um_core_api *api, um_doc *doc, struct def *defs,
                       size_t ndefs, struct def_index *ix)
{
	size_t size = 16;
	while (size < ndefs * 2)
		size *= 2;
	ix->mask = size - 1;
	ix->slot = api->doc_alloc(doc, size * sizeof(*ix->slot));
	memset(ix->slot, 0, size * sizeof(*ix->slot));
	for (struct def *d = defs; d; d = d->next) {
		size_t i = def_slot(ix, d->short_form, d->short_len);
		if (!ix->slot[i])
			ix->slot[i] = d;
	}
}

/* A short form as written: capitals and digits, in one word or joined
 * by hyphens ("UNDP", "COVID-19"), at most 16 bytes, perhaps with the
 * "s" of a plural ("MDGs", "NGOs"). It starts at token i; sets *end to
 * the token after it, *klen to the length of its key (the text without
 * the plural's "s") and *letters to the capitals in it. 0 if none. */
static int short_run(const char *text, const um_token *tk, size_t n,
                     size_t i, size_t *end, size_t *klen, size_t *letters)
{
	size_t k = i, caps = 0, len;
	int plural = 0;
	if (i >= n || tk[i].kind != UM_TOK_WORD)
		return 0;
	for (; k < n && (k == i || tk[k].begin == tk[k - 1].end); k++) {
		const um_token *t = &tk[k];
		size_t c0 = caps, b;
		/* a hyphen; the non-breaking one of word processors (U+2011)
		 * is folded to it */
		if (tok_is(t, "-"))
			continue;
		if (t->kind != UM_TOK_WORD && t->kind != UM_TOK_NUMBER)
			break;
		for (b = t->begin; b < t->end; b++) {
			unsigned char c = (unsigned char)text[b];
			if (c >= 'A' && c <= 'Z')
				caps++;
			else if (c == 's' && b + 1 == t->end && b > t->begin &&
			         text[b - 1] >= 'A' && text[b - 1] <= 'Z' && caps >= 2)
				plural = 1;     /* "MDGs" */
			else if (!(c >= '0' && c <= '9'))
				break;
		}
		if (b < t->end) {
			/* "EU-led": the short form ends before the word */
			if (k == i)
				return 0;
			caps = c0;
			break;
		}
		if (plural) {
			k++;
			break;
		}
	}
	while (k > i + 1 && tok_is(&tk[k - 1], "-"))
		k--;            /* "COVID-19-related": the hyphen is not in it */
	len = tk[k - 1].end - tk[i].begin;
	if (!caps || len - (size_t)plural > 16)
		return 0;
	*end = k;
	*klen = len - (size_t)plural;
	*letters = caps;
	return 1;
}

/* Whether the short form (s, n) is a session in Roman numerals after a
 * number, as in "181 (II)". */
static int roman(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXLCDM", s[i]))
			return 0;
	return 1;
}

/* Lower-case words that do not begin a long form: "Organization of
 * American States (OAS)" is not "of American States". */
static int function_word(const char *w, size_t n)
{
	static const char *const words[] = { "of", "the", "and", "for", "in",
		"on", "to", "at", "by", "with", "a", "an", "or", NULL };
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == n && !memcmp(words[i], w, n))
			return 1;
	return 0;
}

/* Whether the word at w (n bytes on) is a lower-case function word. */
static int starts_function_word(const char *w, size_t n)
{
	size_t k = 0;
	while (k < n && w[k] >= 'a' && w[k] <= 'z')
		k++;
	return k > 0 && (k == n || !isalnum((unsigned char)w[k])) &&
	       function_word(w, k);
}

/*
 * The first token of the long form that ends at token end (exclusive) for
 * the short form s, or (size_t)-1. Only content tokens of the same
 * sentence, at most min(|s| + 5, 2|s|) words back, are candidates.
 */
static size_t long_form_start(const char *text, const um_token *tk,
                              size_t first, size_t end, const char *s,
                              size_t slen)
{
	size_t words = 0, maxw = slen + 5 < 2 * slen ? slen + 5 : 2 * slen;
	size_t b = end, k;
	long si, li;
	const char *lf;
	size_t lb, le;

	/* Step back over maxw words. */
	while (b > first && words < maxw) {
		b--;
		if (tk[b].kind == UM_TOK_WORD || tk[b].kind == UM_TOK_NUMBER)
			words++;
		if (tk[b].kind == UM_TOK_PUNCT &&
		    (tok_is(&tk[b], "(") || tok_is(&tk[b], ")") ||
		     tok_is(&tk[b], ";") || tok_is(&tk[b], ":"))) {
			b++;
			break;
		}
	}
	while (b < end && (tk[b].kind == UM_TOK_SPACE ||
	                   tk[b].kind == UM_TOK_NEWLINE))
		b++;
	if (b >= end)
		return (size_t)-1;
	lb = tk[b].begin;
	le = tk[end - 1].end;
	lf = text + lb;
	si = (long)slen - 1;
	li = (long)(le - lb) - 1;
	while (si >= 0) {
		char c = (char)tolower((unsigned char)s[si]);
		if (!isalnum((unsigned char)c)) {
			si--;       /* "UN-HABITAT": the hyphen is matched by none */
			continue;
		}
		while (li >= 0 &&
		       (tolower((unsigned char)lf[li]) != c ||
		        (si == 0 && li > 0 && isalnum((unsigned char)lf[li - 1])) ||
		        (si == 0 &&
		         starts_function_word(lf + li, le - lb - (size_t)li))))
			li--;
		if (li < 0)
			return (size_t)-1;
		li--;
		si--;
	}
	/* The token holding the matched first letter starts the long form. */
	for (k = b; k < end; k++)
		if (tk[k].begin <= lb + (size_t)(li + 1) &&
		    lb + (size_t)(li + 1) < tk[k].end)
			return k;
	return (size_t)-1;
}

/* Words after a short form in its parentheses that name it again:
 * "(ISIL, also known as Daesh)", "(ISIL also known as Da'esh)",
 * "(UNSMIL, formerly ...)"; token k is the first after the short form. */
static int also_known(const um_token *tk, size_t k, size_t end)
{
	size_t w[3], nw = 0;
	for (; k < end && nw < 3; k++) {
		if (tk[k].kind == UM_TOK_SPACE || tk[k].kind == UM_TOK_NEWLINE ||
		    (nw == 0 && tok_is(&tk[k], ",")))
			continue;
		if (tk[k].kind != UM_TOK_WORD)
			break;
		w[nw++] = k;
	}
	if (nw >= 1 && (tok_is(&tk[w[0]], "formerly") ||
	                tok_is(&tk[w[0]], "hereinafter")))
		return 1;
	return nw == 3 && tok_is(&tk[w[0]], "also") && tok_is(&tk[w[1]], "known") &&
	       tok_is(&tk[w[2]], "as");
}

static int process(void *state, um_doc *doc)
{
	const struct state *st = state;
	const um_core_api *api = st->api;
	size_t n, ns, i, s;
	const um_token *tk = api->doc_tokens(doc, &n);
	const um_span *sents = api->doc_sentences(doc, &ns);
	const char *text = api->doc_text(doc, NULL);
	struct def *defs = NULL, *d;
	struct def_index ix;
	size_t ndefs = 0;
	int r;

	for (s = 0; s < ns; s++) {
		for (i = sents[s].begin + 1; i + 2 < sents[s].end; i++) {
			size_t lb, le, se, klen, letters, mlen;
			um_annot *la, *sa;
			const char *key;
			size_t end = sents[s].end;
			if (!tok_is(&tk[i], "(") ||
			    !short_run(text, tk, end, i + 1, &se, &klen, &letters) ||
			    se >= end ||
			    !(tok_is(&tk[se], ")") || also_known(tk, se, end)))
				continue;
			key = text + tk[i + 1].begin;
			le = i;
			while (le > sents[s].begin && (tk[le - 1].kind == UM_TOK_SPACE ||
			                               tk[le - 1].kind == UM_TOK_NEWLINE))
				le--;
			if (le == sents[s].begin || (long)letters < st->opt.min_length ||
			    (tk[le - 1].kind == UM_TOK_NUMBER && roman(key, klen)))
				continue;
			/* "COVID-19": the letters are matched, not the number */
			mlen = klen;
			{
				size_t h = mlen;
				while (h > 0 && isdigit((unsigned char)key[h - 1]))
					h--;
				if (h > 1 && h < mlen && key[h - 1] == '-')
					mlen = h - 1;
				else if (h > 3 && h < mlen &&
				         !memcmp(key + h - 3, "\xe2\x80\x91", 3))
					mlen = h - 3;
			}
			lb = long_form_start(text, tk, sents[s].begin, le, key, mlen);
			if (lb == (size_t)-1 || lb + 1 >= le)
				continue;
			d = api->doc_alloc(doc, sizeof(*d));
			d->short_form = key;
			d->short_len = klen;
			{
				size_t len = tk[le - 1].end - tk[lb].begin;
				char *lf = api->doc_alloc(doc, len + 1), *p;
				memcpy(lf, text + tk[lb].begin, len);
				lf[len] = '\0';
				for (p = lf; *p; p++)   /* a wrapped line is one name */
					if (*p == '\n')
						*p = ' ';
				d->long_form = lf;
			}
			{
				size_t wlen = tk[se - 1].end - tk[i + 1].begin;
				char *sf = api->doc_alloc(doc, wlen + 1);
				memcpy(sf, key, wlen);
				sf[wlen] = '\0';
				if ((r = api->annot_add(doc, "acronym", lb, le, &la)) ||
				    (r = api->annot_set(doc, la, "role", "expansion")) ||
				    (r = api->annot_set(doc, la, "short", sf)) ||
				    (r = api->annot_add(doc, "acronym", i + 1, se, &sa)) ||
				    (r = api->annot_set(doc, sa, "role", "definition")) ||
				    (r = api->annot_set(doc, sa, "long", d->long_form)) ||
				    (r = api->annot_link(doc, sa, "expansion", la)))
					return r;
			}
			d->annot = sa;
			d->uses = 0;
			d->next = defs;
			defs = d;
			ndefs++;
			i = se;
		}
	}
	if (!defs || !st->opt.mark_uses)
		return 0;
	index_defs(api, doc, defs, ndefs, &ix);
	for (i = 0; i < n; i++) {
		um_annot *ua;
		size_t se, klen, letters;
		/* most words: not a capital first */
		if (tk[i].kind != UM_TOK_WORD || !(tk[i].flags & UM_TF_CAP) ||
		    !short_run(text, tk, n, i, &se, &klen, &letters))
			continue;
		if (i > 0 && tok_is(&tk[i - 1], "(") && se < n &&
		    (tok_is(&tk[se], ")") || also_known(tk, se, n))) {
			i = se - 1;
			continue;     /* a definition, or a repeat of one */
		}
		d = ix.slot[def_slot(&ix, text + tk[i].begin, klen)];
		if (!d && se > i + 1) {
			/* "AU-UN", "UNDP-GEF", "SDG-16" defined as "(AU)",
			 * "(UNDP)", "(SDG)": the first word alone, then the
			 * others */
			short_run(text, tk, i + 1, i, &se, &klen, &letters);
			d = ix.slot[def_slot(&ix, text + tk[i].begin, klen)];
		}
		if (!d)
			continue;
		if ((r = api->annot_add(doc, "acronym", i, se, &ua)) ||
		    (r = api->annot_set(doc, ua, "role", "use")) ||
		    (r = api->annot_set(doc, ua, "long", d->long_form)) ||
		    (r = api->annot_link(doc, ua, "definition", d->annot)))
			return r;
		d->uses++;
		i = se - 1;
	}
	return 0;
}

static const char *const provides[] = { "acronym", NULL };

UM_PLUGIN_DEFINE(
	.name = "acronyms",
	.version = "0.1.0",
	.summary = "abbreviations defined in the text, e.g. \"United Nations "
	           "Development Programme (UNDP)\", and their later uses",
	.provides = provides,
	.requires = NULL,
	.options = option_table,
	.options_size = sizeof(struct options),
	.init = init,
	.process = process,
	.fini = fini,
)
