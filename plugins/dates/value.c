/* Normalised values of mentions: TIMEX3 forms of ISO 8601. */
#include <stdio.h>
#include <string.h>

#include "dates.h"

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && (y < 0 || leap(y)))
		return 29;
	return dm[m - 1];
}

/* Days since 0000-03-01 of the proleptic Gregorian calendar, and back. */
static long day_number(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe;
}

static void from_day_number(long z, int *y, int *m, int *d)
{
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ISO 8601 week: "2009-W42". */
static void iso_week(int y, int m, int d, char *buf, size_t n)
{
	long z = day_number(y, m, d);
	int wd = (int)((z + 2) % 7);          /* 0 = Monday */
	long thursday;
	int ty, tm, td;
	if (wd < 0)
		wd += 7;
	thursday = z - wd + 3;
	from_day_number(thursday, &ty, &tm, &td);
	long week = (thursday - day_number(ty, 1, 1)) / 7 + 1;
	snprintf(buf, n, "%04d-W%02ld", ty, week);
}

/* One point; 0 when it cannot be written (an impossible day). */
static int fmt_point(const struct point *p, int year, char *buf, size_t n)
{
	int y = p->y >= 0 ? p->y : year;
	if (p->bad)
		return 0;
	switch (p->gran) {
	case G_DAY:
		if (p->d > days_in_month(y, p->m))
			return 0;
		if (y >= 0)
			snprintf(buf, n, "%04d-%02d-%02d", y, p->m, p->d);
		else
			snprintf(buf, n, "XXXX-%02d-%02d", p->m, p->d);
		if (p->hh >= 0) {
			size_t k = strlen(buf);
			snprintf(buf + k, n > k ? n - k : 0, "T%02d:%02d", p->hh, p->mi);
		}
		return 1;
	case G_MONTH:
		if (y >= 0)
			snprintf(buf, n, "%04d-%02d", y, p->m);
		else
			snprintf(buf, n, "XXXX-%02d", p->m);
		return 1;
	case G_YEAR:
		snprintf(buf, n, "%04d", p->y);
		return 1;
	case G_DECADE:
		snprintf(buf, n, "%03d", p->y / 10);
		return 1;
	case G_CENTURY:
		snprintf(buf, n, "%02d", p->y / 100);
		return 1;
	case G_QUARTER:
		snprintf(buf, n, "%04d-Q%d", p->y, p->q);
		return 1;
	case G_HALF:
		snprintf(buf, n, "%04d-H%d", p->y, p->q);
		return 1;
	default:
		return 0;
	}
}

/* A relative expression counted from anchor a. */
static int fmt_relative(const struct mention *m, const struct point *a,
                        char *buf, size_t n)
{
	int off = m->offset, y = a->y;
	if (a->gran == G_NONE || y < 0)
		return 0;
	if (m->in_month) {
		/* "April of this year", "22 May last year" */
		if (m->in_day)
			snprintf(buf, n, "%04d-%02d-%02d", y + off, m->in_month,
			         m->in_day);
		else
			snprintf(buf, n, "%04d-%02d", y + off, m->in_month);
		return 1;
	}
	if (m->month) {
		/* "last November": the latest November before the anchor */
		if (a->m < 1)
			return 0;
		if (off < 0)
			y -= m->month >= a->m;
		else if (off > 0)
			y += m->month <= a->m;
		snprintf(buf, n, "%04d-%02d", y, m->month);
		return 1;
	}
	if (m->part) {
		if (m->unit != U_YEAR)
			return 0;
		snprintf(buf, n, "%04d-%c%d", y + off,
		         m->part == G_HALF ? 'H' : 'Q', m->part_n);
		return 1;
	}
	if (y + off < 0 || y / 100 + off < 0)
		return 0;     /* "9999 years ago" */
	switch (m->unit) {
	case U_YEAR:
		snprintf(buf, n, "%04d", y + off);
		return 1;
	case U_DECADE:
		snprintf(buf, n, "%03d", y / 10 + off);
		return 1;
	case U_CENTURY:
		snprintf(buf, n, "%02d", y / 100 + off);
		return 1;
	case U_BIENNIUM: {
		int b = y - ((y % 2) != 0) + 2 * off;
		snprintf(buf, n, "%04d/%04d", b, b + 1);
		return 1;
	}
	default:
		break;
	}
	if (a->m < 1 || (a->gran != G_DAY && a->gran != G_MONTH))
		return 0;
	if (m->unit == U_MONTH) {
		int k = y * 12 + (a->m - 1) + off;
		snprintf(buf, n, "%04d-%02d", k / 12, k % 12 + 1);
		return 1;
	}
	if (m->unit == U_QUARTER) {
		int k = y * 4 + (a->m - 1) / 3 + off;
		snprintf(buf, n, "%04d-Q%d", k / 4, k % 4 + 1);
		return 1;
	}
	if (a->gran != G_DAY || (m->unit != U_DAY && m->unit != U_WEEK))
		return 0;
	long z = day_number(y, a->m, a->d) + (m->unit == U_WEEK ? 7L : 1L) * off;
	int ry, rm, rd;
	from_day_number(z, &ry, &rm, &rd);
	if (m->unit == U_WEEK)
		iso_week(ry, rm, rd, buf, n);
	else
		snprintf(buf, n, "%04d-%02d-%02d", ry, rm, rd);
	return 1;
}

void dates_value(const struct mention *m, const struct point *doc,
                 char *buf, size_t n, char *begin, char *end, size_t bn)
{
	/* The last year before in the paragraph, else (through
	 * dates_same_day) the same day written in full earlier, else the
	 * document's year, else the first year after in the paragraph. */
	int year = m->para_year >= 0 ? m->para_year :
	           doc->y >= 0 ? doc->y : m->next_year;
	buf[0] = begin[0] = end[0] = 0;
	if (m->year_rel && m->np > 0) {
		/* the next (last) such day or month after (before) the
		 * document date gives the year; without it, the year found as
		 * for any day without one */
		const struct point *z = &m->p[m->np - 1];
		int later = z->m > doc->m || (z->m == doc->m && z->d > doc->d);
		int earlier = z->m < doc->m || (z->m == doc->m && z->d >= 1 &&
		                                z->d < doc->d);
		if (doc->y < 0 || doc->m < 1)
			;
		else if (m->year_rel > 0)
			year = doc->y + !later;
		else
			year = doc->y - !earlier;
	}
	switch (m->type) {
	case MT_DATE:
		if (!fmt_point(&m->p[0], year, buf, n))
			buf[0] = 0;
		break;
	case MT_RANGE:
		if (!fmt_point(&m->p[0], year, begin, bn) ||
		    !fmt_point(&m->p[1], year, end, bn)) {
			begin[0] = end[0] = 0;
			break;
		}
		snprintf(buf, n, "%s/%s", begin, end);
		break;
	case MT_LIST: {
		size_t used = 0;
		char one[32];
		for (int i = 0; i < m->np; i++) {
			if (!fmt_point(&m->p[i], year, one, sizeof(one))) {
				buf[0] = begin[0] = end[0] = 0;
				return;
			}
			if (i == 0)
				snprintf(begin, bn, "%s", one);
			if (i == m->np - 1)
				snprintf(end, bn, "%s", one);
			used += (size_t)snprintf(buf + used, used < n ? n - used : 0,
			                         "%s%s", i ? "," : "", one);
			if (used >= n) {
				buf[0] = 0;
				return;
			}
		}
		break;
	}
	case MT_DURATION:
		snprintf(buf, n, "%s", m->duration);
		break;
	case MT_RELATIVE:
		if (m->rel_kind == RK_PAST_REF)
			snprintf(buf, n, "PAST_REF");
		else if (m->rel_kind == RK_FUTURE_REF)
			snprintf(buf, n, "FUTURE_REF");
		else if (m->unit == U_SESSION)
			buf[0] = 0;
		else if (!fmt_relative(m, m->rel_kind == RK_ANAPHORIC &&
		                       m->anchor.gran != G_NONE ?
		                       &m->anchor : doc, buf, n))
			buf[0] = 0;
		break;
	default:
		break;
	}
}

/* w (lower case) in the 90 bytes before at, near the start of its
 * paragraph: a header line, not a sentence that cites another document's
 * date ("the report ..., dated 15 September 2023"). */
static int near_word(const char *text, size_t at, const char *w)
{
	size_t from = at > 90 ? at - 90 : 0, n = strlen(w);
	for (size_t i = from; i + n <= at; i++) {
		size_t k = 0, ps = i;
		while (k < n && (text[i + k] | 0x20) == w[k])
			k++;
		if (k != n)
			continue;
		while (ps > 0 && !(text[ps - 1] == '\n' &&
		                   (ps < 2 || text[ps - 2] == '\n')))
			ps--;
		/* "Letter dated", "Resolution adopted by", "Distr.": a numbered
		 * paragraph ("1. By a letter dated ...") is no header */
		if (i - ps <= 20 && !(text[ps] >= '0' && text[ps] <= '9'))
			return 1;
	}
	return 0;
}

void dates_same_day(struct mention *ms, size_t nms)
{
	/* the year of each day of the year written in full last, in one pass */
	static const int none = -1;
	int last[13][32];
	for (int m = 0; m < 13; m++)
		for (int d = 0; d < 32; d++)
			last[m][d] = none;
	for (size_t i = 0; i < nms; i++) {
		struct mention *m = &ms[i];
		if (m->type == MT_DURATION || m->type == MT_RELATIVE)
			continue;
		for (int k = 0; k < m->np; k++) {
			struct point *p = &m->p[k];
			if (p->gran != G_DAY || p->m < 1 || p->m > 12 || p->d < 1 ||
			    p->d > 31)
				continue;
			if (p->y < 0 && m->para_year == -1 && !m->year_rel &&
			    last[p->m][p->d] != none)
				p->y = last[p->m][p->d];
			else if (p->y >= 0 && p->hh < 0)
				last[p->m][p->d] = p->y;
		}
	}
}

/* Whether the date at byte at begins a line after a line "2311th plenary
 * meeting" (or "856th plenary meeting,"): the closing of a resolution,
 * whose date is its adoption's. */
static int after_meeting_line(const char *text, size_t at)
{
	static const char tail[] = "plenary meeting";
	size_t i = at, e, n = sizeof(tail) - 1, lines = 0;
	while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\n'))
		lines += text[--i] == '\n';
	if (!lines)
		return 0;
	if (i > 0 && text[i - 1] == ',')
		i--;
	e = i;
	if (e < n || memcmp(text + e - n, tail, n))
		return 0;
	i = e - n;
	if (i < 3 || text[i - 1] != ' ')
		return 0;
	i--;
	/* "2311th", "856th", "1st", "2nd", "3rd" at the start of the line */
	if (i < 2 || !((text[i - 2] == 't' && text[i - 1] == 'h') ||
	               (text[i - 2] == 's' && text[i - 1] == 't') ||
	               (text[i - 2] == 'n' && text[i - 1] == 'd') ||
	               (text[i - 2] == 'r' && text[i - 1] == 'd')))
		return 0;
	i -= 2;
	if (i == 0 || !(text[i - 1] >= '0' && text[i - 1] <= '9'))
		return 0;
	while (i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9')
		i--;
	return i == 0 || text[i - 1] == '\n';
}

int dates_doc_date(const struct mention *ms, size_t nms, const char *text,
                   const um_token *toks, struct point *ret)
{
	for (size_t i = 0; i < nms; i++) {
		const struct mention *m = &ms[i];
		size_t at = toks[m->tb].begin;
		if (at > 3000)
			break;
		if (m->type != MT_DATE || m->p[0].gran != G_DAY || m->p[0].y < 0 ||
		    m->p[0].d > days_in_month(m->p[0].y, m->p[0].m))
			continue;
		if (near_word(text, at, "dated") || near_word(text, at, "distr") ||
		    near_word(text, at, "adopted")) {
			*ret = m->p[0];
			return 1;
		}
	}
	/* Older resolutions state no date in their heading: the date under
	 * the closing "2311th plenary meeting". A page of the Official
	 * Records holds several resolutions, the first line often closing
	 * one before the document's own: its date is the document's only if
	 * every closing line gives the same. */
	const struct point *closing = NULL;
	for (size_t i = 0; i < nms; i++) {
		const struct mention *m = &ms[i];
		const struct point *p = &m->p[0];
		if (m->type != MT_DATE || p->gran != G_DAY || p->y < 0 ||
		    p->d > days_in_month(p->y, p->m) ||
		    !after_meeting_line(text, toks[m->tb].begin))
			continue;
		if (closing && (p->y != closing->y || p->m != closing->m ||
		                p->d != closing->d))
			return 0;
		closing = p;
	}
	if (closing) {
		*ret = *closing;
		return 1;
	}
	return 0;
}
