/* UN document symbols as written: "A/64/504", "E/CN.17/2009/1/Add.1",
 * "S/RES/1325 (2000)", checked by their grammar and made canonical. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "refs.h"

/* Series whose two-part symbols ("A/47") are taken; longer symbols need no
 * list. */
static const char *const known_series[] = {
	"A", "S", "E", "ST", "TD", "UNEP", "T", "DP", "FCCC", "ICCD", "CRC",
	"CEDAW", "CCPR", "CERD", "CAT", "CMW", "CRPD", "ECE", "HSP", "UNW",
	"ISBA", "SPLOS", "CD", "NPT", "PBC", "IDB", "TRADE", NULL
};

static int known(const char *s, size_t n)
{
	for (int i = 0; known_series[i]; i++)
		if (strlen(known_series[i]) == n && !memcmp(known_series[i], s, n))
			return 1;
	return 0;
}

/* One part between slashes: "RES", "C.2", "CN.17", "L.1", "Add.1",
 * "64", "ES-10", "S-26". Returns 1 if it has a digit, 0 if not, -1 if it
 * is no part of a symbol. */
static int segment(const char *s, size_t n, int first)
{
	size_t i = 0;
	int digit = 0;
	if (n == 0 || n > 16)
		return -1;
	if (isdigit((unsigned char)s[0])) {
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
		/* "64/222A"? a lettered part glued on is not written so */
		return i == n ? 1 : -1;
	}
	if (!isupper((unsigned char)s[0]))
		return -1;
	/* "ES-10", "S-26" */
	if ((n > 2 && s[0] == 'S' && s[1] == '-') ||
	    (n > 3 && s[0] == 'E' && s[1] == 'S' && s[2] == '-')) {
		i = s[1] == '-' ? 2 : 3;
		if (!isdigit((unsigned char)s[i]))
			return -1;
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
		return i == n ? 1 : -1;
	}
	while (i < n && isalpha((unsigned char)s[i])) {
		if (first && !isupper((unsigned char)s[i]))
			return -1;
		i++;
	}
	while (i < n) {
		/* ".2", ".151", ".I" */
		if (s[i] != '.' || i + 1 >= n || !isalnum((unsigned char)s[i + 1]))
			return -1;
		i++;
		while (i < n && isalnum((unsigned char)s[i])) {
			if (isdigit((unsigned char)s[i]))
				digit = 1;
			i++;
		}
	}
	return digit;
}

size_t refs_symbol_at(const char *s, size_t n, struct symbol *ret)
{
	size_t i = 0, seg_start = 0, nseg = 0, end = 0;
	int digits = 0;
	memset(ret, 0, sizeof(*ret));
	/* the longest run of symbol characters */
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '/' ||
	                 s[i] == '.' || s[i] == '-')) {
		/* "A/77/895-S/2023/363": two symbols of one joint document */
		if (s[i] == '-' && i > 0 && isdigit((unsigned char)s[i - 1]) &&
		    i + 2 < n && isupper((unsigned char)s[i + 1])) {
			size_t k = i + 1;
			while (k < n && isupper((unsigned char)s[k]))
				k++;
			if (k < n && s[k] == '/')
				break;
		}
		i++;
	}
	/* trailing full stops and hyphens end the sentence, not the symbol */
	while (i > 0 && (s[i - 1] == '.' || s[i - 1] == '-'))
		i--;
	if (i == 0 || memchr(s, '/', i) == NULL)
		return 0;
	for (size_t k = 0; k <= i; k++) {
		if (k < i && s[k] != '/')
			continue;
		int r = segment(s + seg_start, k - seg_start, nseg == 0);
		if (r < 0)
			return 0;
		digits |= r;
		if (nseg == 0)
			ret->series_len = k;
		nseg++;
		seg_start = k + 1;
	}
	if (!digits || nseg < 2)
		return 0;
	if (nseg == 2 && !known(s, ret->series_len))
		return 0;
	end = i;
	/* No UN symbol is that long; the room for "(2000)" or " (Vol. I)"
	 * after it stays in the buffer */
	if (end + 16 >= sizeof(ret->text))
		return 0;
	snprintf(ret->text, sizeof(ret->text), "%.*s", (int)end, s);
	/* "S/RES/1325 (2000)", "A/RES/3251(XXIX)": the session or year of a
	 * resolution, written without the space in the canonical form */
	{
		size_t k = end, b;
		if (k < n && s[k] == ' ')
			k++;
		if (k < n && s[k] == '(') {
			b = ++k;
			while (k < n && k < b + 10 &&
			       (isupper((unsigned char)s[k]) || isdigit((unsigned char)s[k]) ||
			        s[k] == '-'))
				k++;
			if (k < n && s[k] == ')' && k > b &&
			    refs_session_or_year(s + b, k - b)) {
				snprintf(ret->text + end, sizeof(ret->text) - end, "(%.*s)",
				         (int)(k - b), s + b);
				ret->len = k + 1;
				ret->nseg = (int)nseg;
				return k + 1;
			}
		}
	}
	/* "A/CONF.151/26 (Vol. I)", "(Part II)" */
	if (end + 2 < n && s[end] == ' ' && s[end + 1] == '(' &&
	    (!strncmp(s + end + 2, "Vol. ", 5) || !strncmp(s + end + 2, "Part ", 5))) {
		size_t k = end + 7;
		while (k < n && k < end + 16 && isalnum((unsigned char)s[k]))
			k++;
		if (k < n && s[k] == ')' && k > end + 7)
			end = k + 1;
	}
	snprintf(ret->text, sizeof(ret->text), "%.*s", (int)end, s);
	ret->len = end;
	ret->nseg = (int)nseg;
	return end;
}

int refs_roman(const char *s, size_t n)
{
	static const char digits[] = "IVXLCDM";
	static const int value[] = { 1, 5, 10, 50, 100, 500, 1000 };
	int total = 0, prev = 0;
	char canon[32];
	if (n == 0 || n > 12)
		return 0;
	for (size_t i = n; i-- > 0;) {
		const char *d = strchr(digits, s[i]);
		int v;
		if (!d || !s[i])
			return 0;
		v = value[d - digits];
		total += v < prev ? -v : v;
		if (v > prev)
			prev = v;
	}
	/* only the canonical spelling: "IIII" or "IC" are no numerals */
	{
		static const char *const th[] = { "", "M", "MM", "MMM" };
		static const char *const hu[] = { "", "C", "CC", "CCC", "CD", "D",
		                                  "DC", "DCC", "DCCC", "CM" };
		static const char *const te[] = { "", "X", "XX", "XXX", "XL", "L",
		                                  "LX", "LXX", "LXXX", "XC" };
		static const char *const un[] = { "", "I", "II", "III", "IV", "V",
		                                  "VI", "VII", "VIII", "IX" };
		if (total <= 0 || total >= 4000)
			return 0;
		snprintf(canon, sizeof(canon), "%s%s%s%s", th[total / 1000],
		         hu[total / 100 % 10], te[total / 10 % 10], un[total % 10]);
		if (strlen(canon) != n || memcmp(canon, s, n) != 0)
			return 0;
	}
	return total;
}

int refs_session_or_year(const char *s, size_t n)
{
	if (n == 4 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]))
		return (s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0');
	if (n > 2 && s[0] == 'S' && s[1] == '-')
		return refs_roman(s + 2, n - 2) > 0;
	if (n > 3 && s[0] == 'E' && s[1] == 'S' && s[2] == '-')
		return refs_roman(s + 3, n - 3) > 0;
	return refs_roman(s, n) > 0;
}

/* Parts: addenda, corrigenda, revisions and amendments */

static const char *const part_kinds[] = { "Add", "Corr", "Rev", "Amend", NULL };

/* A part's kind at text p ("Add."): enum part_kind, -1 if none;
 * *len gets the length with the full stop. */
int refs_part_kind(const char *p, size_t n, size_t *len)
{
	for (int k = 0; part_kinds[k]; k++) {
		size_t w = strlen(part_kinds[k]);
		if (n > w + 1 && !memcmp(p, part_kinds[k], w) && p[w] == '.' &&
		    isdigit((unsigned char)p[w + 1])) {
			*len = w + 1;
			return k;
		}
	}
	return -1;
}

/* Digits at p, at most 3; their count, 0 if none or more. */
size_t refs_part_number(const char *p, size_t n, long *v)
{
	size_t i = 0;
	*v = 0;
	while (i < n && isdigit((unsigned char)p[i])) {
		if (i == 3)
			return 0;
		*v = *v * 10 + (p[i] - '0');
		i++;
	}
	return i;
}

/* The separator before a part at text p: " and ", ", ", ", and ". Its
 * length, 0 if none. */
size_t refs_part_separator(const char *p, size_t n)
{
	size_t i = 0;
	if (i < n && p[i] == ',')
		i++;
	if (i >= n || p[i] != ' ')
		return 0;
	i++;
	if (n - i > 4 && !memcmp(p + i, "and ", 4))
		i += 4;
	else if (i == 1)
		return 0;
	return i;
}

/* Cut sym at its first addendum or corrigendum: "A/64/504/Corr.1" gives
 * "A/64/504". */
void refs_part_root(char *sym)
{
	for (char *p = strchr(sym, '/'); p; p = strchr(p + 1, '/')) {
		size_t len;
		int k = refs_part_kind(p + 1, strlen(p + 1), &len);
		if (k == PART_ADD || k == PART_CORR) {
			*p = 0;
			return;
		}
	}
}
