/*
 * dates: calendar expressions of UN documents, "19 December 2007",
 * "30 August to 12 September 1978", "the mid-1980s", "a three-year
 * period", "last year", normalised to TIMEX3 values. GUIDELINES.md says
 * what counts as a mention and how it is written.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unmine/plugin.h>

#include "dates.h"

struct options {
	int durations;
	int relative;
	int set_date;
};

static const um_option option_table[] = {
	{ "durations", UM_OPT_BOOL, offsetof(struct options, durations), "yes",
	  "annotate durations (\"30 years\")" },
	{ "relative", UM_OPT_BOOL, offsetof(struct options, relative), "yes",
	  "annotate relative expressions (\"last year\")" },
	{ "set-date", UM_OPT_BOOL, offsetof(struct options, set_date), "yes",
	  "record the date of the document's header as its \"date\" metadata" },
	{ NULL, 0, 0, NULL, NULL }
};

struct state {
	const um_core_api *api;
	struct options opt;
	struct lexicon_index *lex;
};

static const char *const provides[] = { "date", NULL };

static int init(const um_core_api *api, const void *options, void **state,
                char *err, size_t errlen)
{
	struct state *st;
	if (um_core_too_old(api, err, errlen))
		return UM_EABI;
	st = calloc(1, sizeof(*st));
	if (st)
		st->lex = lexicon_index_new(&dates_lexicon_en);
	if (!st || !st->lex) {
		free(st);
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
	struct state *st = state;
	if (!st)
		return;
	lexicon_index_free(st->lex);
	free(st);
}

/* "2009-10-14" or a prefix of it, from metadata. */
static int parse_iso(const char *s, struct point *p)
{
	int y, m, d;
	p->y = p->m = p->d = -1;
	p->gran = G_NONE;
	if (!s)
		return 0;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3) {
		p->y = y;
		p->m = m;
		p->d = d;
		p->gran = G_DAY;
	} else if (sscanf(s, "%4d-%2d", &y, &m) == 2) {
		p->y = y;
		p->m = m;
		p->gran = G_MONTH;
	} else if (sscanf(s, "%4d", &y) == 1) {
		p->y = y;
		p->gran = G_YEAR;
	}
	return p->gran != G_NONE;
}

static const char *const type_names[] = {
	NULL, "date", "range", "list", "duration", "relative"
};

static const char *const mod_names[] = {
	NULL, "START", "MID", "END", "AFTER", "BEFORE"
};

static int emit(struct state *st, um_doc *doc, const struct mention *m,
                const struct point *docdate)
{
	const um_core_api *api = st->api;
	char value[256], begin[32], end[32];
	um_annot *a;
	int rc;
	if ((m->type == MT_DURATION && !st->opt.durations) ||
	    (m->type == MT_RELATIVE && !st->opt.relative))
		return 0;
	rc = api->annot_add(doc, "date", m->tb, m->te, &a);
	if (rc < 0)
		return rc;
	dates_value(m, docdate, value, sizeof(value), begin, end, sizeof(begin));
	rc = api->annot_set(doc, a, "type", type_names[m->type]);
	if (rc == 0 && value[0])
		rc = api->annot_set(doc, a, "value", value);
	if (rc == 0 && begin[0])
		rc = api->annot_set(doc, a, "begin", begin);
	if (rc == 0 && end[0])
		rc = api->annot_set(doc, a, "end", end);
	if (rc == 0 && (m->type == MT_DATE) && m->p[0].mod)
		rc = api->annot_set(doc, a, "mod", mod_names[m->p[0].mod]);
	return rc;
}

static int process(void *state, um_doc *doc)
{
	struct state *st = state;
	const um_core_api *api = st->api;
	size_t ntok, npara, nms = 0, cap = 0, longest = 0;
	const char *text = api->doc_text(doc, NULL);
	const um_token *toks = api->doc_tokens(doc, &ntok);
	const um_span *paras = api->doc_paragraphs(doc, &npara);
	um_span whole = { 0, (uint32_t)ntok };
	struct mention *ms = NULL;
	struct ctok *scratch;
	struct point docdate;
	int rc = 0;
	if (ntok == 0)
		return 0;
	if (npara == 0) {
		paras = &whole;
		npara = 1;
	}
	for (size_t i = 0; i < npara; i++)
		if (paras[i].end - paras[i].begin > longest)
			longest = paras[i].end - paras[i].begin;
	scratch = api->doc_alloc(doc, (longest + 1) * sizeof(*scratch));
	for (size_t i = 0; i < npara; i++) {
		if (dates_scan_paragraph(st->lex, text, toks, paras[i].begin,
		                         paras[i].end, scratch, &ms, &nms,
		                         &cap) < 0) {
			free(ms);
			return UM_EINVAL;
		}
	}
	dates_same_day(ms, nms);
	if (!parse_iso(api->doc_meta(doc, "date"), &docdate) &&
	    dates_doc_date(ms, nms, text, toks, &docdate)) {
		if (st->opt.set_date) {
			char iso[24];
			snprintf(iso, sizeof(iso), "%04d-%02d-%02d", docdate.y,
			         docdate.m, docdate.d);
			rc = api->doc_meta_set(doc, "date", iso);
		}
	}
	for (size_t i = 0; rc == 0 && i < nms; i++)
		rc = emit(st, doc, &ms[i], &docdate);
	free(ms);
	return rc;
}

UM_PLUGIN_DEFINE(
	.name = "dates",
	.version = "1.0",
	.summary = "calendar dates, ranges, durations and relative dates, "
	           "normalised to TIMEX3 values",
	.provides = provides,
	.options = option_table,
	.options_size = sizeof(struct options),
	.init = init,
	.process = process,
	.fini = fini,
)
