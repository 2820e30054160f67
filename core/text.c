/* Text repair and normalisation: valid UTF-8, LF line ends, XML-safe, NFC. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

size_t um_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
	unsigned char c = s[0];
	int32_t v;
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
		return 0;
	*cp = v;
	return len;
}

size_t um_utf8_invalid_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t need, i;
	/* The maximal subpart of an ill-formed sequence is replaced by one
	 * U+FFFD (Unicode, chapter 3, "U+FFFD Substitution of Maximal
	 * Subparts"): a valid lead byte and the continuation bytes that can
	 * still follow it. */
	if (c >= 0xC2 && c <= 0xDF)
		need = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 4;
	else
		return 1;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	for (i = 1; i < need && i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			break;
		lo = 0x80;
		hi = 0xBF;
	}
	return i;
}

int um_text_scan(const char *s, size_t n, int *ret_clean)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int clean = 1;
	int32_t cp;
	while (i < n) {
		size_t k;
		if (p[i] < 0x80) {
			if (p[i] == 0)
				return UM_EINVAL;
			if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n') || p[i] == 0x7F)
				clean = 0;
			i++;
			continue;
		}
		k = um_utf8_decode(p + i, n - i, &cp);
		if (!k)
			return UM_EINVAL;
		if ((cp >= 0x80 && cp < 0xA0 && cp != 0x85) || cp == 0xFFFE ||
		    cp == 0xFFFF)
			clean = 0;
		i += k;
	}
	*ret_clean = clean;
	return 0;
}

size_t um_utf8_check(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int32_t cp;
	while (i < n) {
		size_t k;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		k = um_utf8_decode(p + i, n - i, &cp);
		if (!k)
			return i;
		i += k;
	}
	return n;
}

/* Bytes below 0x80 that the copy loop must look at. */
static int ascii_special(unsigned char c)
{
	return c < 0x20 || c == 0x7F;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Bits set in the bytes of v that are 0x80 or above. */
static uint64_t high_bytes(uint64_t v)
{
	return v & HIGHS;
}

/* Nonzero if a byte of v, all below 0x80, is below 0x20 or DEL: the
 * usual test for a zero byte, on v - 0x20 and on v ^ 0x7F. */
static uint64_t special_bytes(uint64_t v)
{
	uint64_t del = v ^ (0x7F * ONES);
	return ((v - 0x20 * ONES) & ~v & HIGHS) | ((del - ONES) & ~del & HIGHS);
}

/* The end of the run of bytes from i that are ASCII and, if controls,
 * one of none: eight bytes at a time, then one by one. */
static size_t plain_run(const unsigned char *s, size_t i, size_t len,
                        int controls_too)
{
	uint64_t v;
	while (i + 8 <= len) {
		memcpy(&v, s + i, 8);
		if (high_bytes(v) || (controls_too && special_bytes(v)))
			break;
		i += 8;
	}
	while (i < len && s[i] < 0x80 && !(controls_too && ascii_special(s[i])))
		i++;
	return i;
}

int um_nfc_append(const char *s, size_t n, int32_t **buf, size_t *cap,
                  um_strbuf *out, int options)
{
	utf8proc_ssize_t cps, bytes;
	for (;;) {
		cps = utf8proc_decompose((const utf8proc_uint8_t *)s,
		                         (utf8proc_ssize_t)n, *buf,
		                         (utf8proc_ssize_t)*cap, options);
		if (cps < 0)
			return UM_EINVAL;
		if ((size_t)cps <= *cap)
			break;
		um_grow((void **)buf, cap, (size_t)cps, sizeof(**buf));
	}
	/* reencode writes UTF-8 over the code points: 4 bytes each is room
	 * enough, and one more for its terminating NUL. */
	if ((size_t)cps == *cap)
		um_grow((void **)buf, cap, (size_t)cps + 1, sizeof(**buf));
	bytes = utf8proc_reencode(*buf, cps, options);
	if (bytes < 0)
		return UM_EINVAL;
	um_sb_add(out, (const char *)*buf, (size_t)bytes);
	return 0;
}

/* The second of a composition in utf8proc's table ("\u0301" after "e"):
 * a flag of its own from utf8proc 2.10, the high bit of comb_index
 * before. */
static int composes_after(const utf8proc_property_t *p)
{
#if UTF8PROC_VERSION_MAJOR > 2 || \
    (UTF8PROC_VERSION_MAJOR == 2 && UTF8PROC_VERSION_MINOR >= 10)
	return p->comb_issecond;
#else
	return p->comb_index != UINT16_MAX && p->comb_index >= 0x8000;
#endif
}

/*
 * The precomposed letters below U+2000 (Latin, Greek, Cyrillic, Latin
 * Extended Additional) that are their own NFC and whose decomposition
 * begins with a character that composes with nothing before it: in text,
 * such a letter stays as it is whatever precedes it ("é", "ñ", "ё").
 */
#define PRECOMPOSED_END 0x2000
static unsigned char nfc_stable[PRECOMPOSED_END / 8];
static pthread_once_t nfc_stable_once = PTHREAD_ONCE_INIT;
/* Whether composes_after reads this utf8proc right: if a combining acute
 * and the Bengali vowel sign AA (class 0, composing after U+09C7) do not
 * test as seconds of compositions, no stretch is taken as inert. */
static int nfc_fast;

static void nfc_stable_init(void)
{
	nfc_fast = composes_after(utf8proc_get_property(0x0301)) &&
	           composes_after(utf8proc_get_property(0x09BE)) &&
	           !composes_after(utf8proc_get_property('e'));
	for (int32_t cp = 0x80; cp < PRECOMPOSED_END; cp++) {
		const utf8proc_property_t *p = utf8proc_get_property(cp);
		utf8proc_uint8_t in[5] = { 0 }, *nfc;
		int32_t d[8];
		utf8proc_ssize_t nd;
		int rule = 0;
		if (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0 ||
		    p->combining_class != 0 || composes_after(p))
			continue;
		nd = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, NULL);
		if (nd < 1 || nd > 8 || composes_after(utf8proc_get_property(d[0])))
			continue;
		utf8proc_encode_char(cp, in);
		nfc = utf8proc_NFC(in);
		if (nfc && !strcmp((const char *)nfc, (const char *)in))
			rule = 1;
		free(nfc);
		if (rule)
			nfc_stable[cp / 8] |= (unsigned char)(1u << (cp % 8));
	}
}

/*
 * Whether the valid UTF-8 s[0, n) is in NFC whatever comes before it:
 * each character combines with nothing before it (canonical combining
 * class 0, not the second of a composition) and has no canonical
 * decomposition (a compatibility one, as the full-width comma's, is not
 * NFC's) or is a precomposed letter that stays, and none is Hangul, which
 * composes by rule. Most non-ASCII text (accented Latin, Greek, Cyrillic,
 * Arabic letters, Han) is.
 */
static int nfc_inert(const unsigned char *s, size_t n)
{
	size_t i = 0;
	pthread_once(&nfc_stable_once, nfc_stable_init);
	if (!nfc_fast)
		return 0;
	while (i < n) {
		int32_t cp;
		size_t l = um_utf8_decode(s + i, n - i, &cp);
		const utf8proc_property_t *p;
		if (!l)
			return 0;
		p = utf8proc_get_property(cp);
		if ((p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0 &&
		     !(cp < PRECOMPOSED_END &&
		       (nfc_stable[cp / 8] >> (cp % 8) & 1))) ||
		    p->combining_class != 0 || composes_after(p) ||
		    (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
		    (cp >= 0xAC00 && cp <= 0xD7FF))
			return 0;
		i += l;
	}
	return 1;
}

/*
 * NFC of valid UTF-8, normalising only the stretches that need it. Every
 * ASCII character is a starter that composes with nothing before it, so a
 * normalisation segment boundary lies before each one: each run of
 * non-ASCII characters is normalised together with the ASCII character
 * before it (which a combining mark may compose with), and ASCII is
 * copied. The result equals NFC of the whole text.
 */
static int nfc_chunks(const char *s, size_t n, um_strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	int32_t *buf = NULL;
	size_t cap = 0, i = 0, j, k, start;
	int r = 0;

	while (i < n) {
		j = plain_run(p, i, n, 0);
		if (j == n) {
			um_sb_add(out, s + i, n - i);
			break;
		}
		start = j > i ? j - 1 : j;
		um_sb_add(out, s + i, start - i);
		for (k = j; k < n && p[k] >= 0x80; k++)
			;
		if (nfc_inert(p + j, k - j))
			um_sb_add(out, s + start, k - start);
		else if ((r = um_nfc_append(s + start, k - start, &buf, &cap, out,
		                            UTF8PROC_STABLE | UTF8PROC_COMPOSE)) != 0)
			break;
		i = k;
	}
	free(buf);
	return r;
}

int um_text_normalize(const char *in, size_t len, char **ret, size_t *ret_len,
                      size_t *ret_invalid, size_t *ret_first_invalid)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, run, invalid = 0, first = 0;
	int ascii = 1;
	um_strbuf sb;

	if (len > UINT32_MAX)
		return UM_EINVAL;
	um_sb_init(&sb);
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	while (i < len) {
		/* Copy plain ASCII in runs. */
		run = plain_run(s, i, len, 1);
		if (run > i) {
			um_sb_add(&sb, in + i, run - i);
			i = run;
			continue;
		}
		if (s[i] < 0x80) {
			unsigned char c = s[i++];
			if (c == '\t' || c == '\n') {
				um_sb_addc(&sb, (char)c);
			} else if (c == '\r') {
				if (i < len && s[i] == '\n')
					i++;
				um_sb_addc(&sb, '\n');
			} else if (c == '\f' || c == '\v') {
				um_sb_addc(&sb, '\n');
			} else {
				um_sb_addc(&sb, ' ');
			}
			continue;
		}
		{
			int32_t cp;
			size_t n = um_utf8_decode(s + i, len - i, &cp);
			if (n == 0) {
				if (invalid++ == 0)
					first = i;
				um_sb_add(&sb, REPLACEMENT, 3);
				ascii = 0;
				i += um_utf8_invalid_len(s + i, len - i);
				continue;
			}
			if (cp == 0x85 || cp == 0x2028) {
				um_sb_addc(&sb, '\n');
			} else if (cp == 0x2029) {
				um_sb_add(&sb, "\n\n", 2);
			} else if (cp < 0xA0) {
				um_sb_addc(&sb, ' ');     /* C1 controls */
			} else if (cp == 0xFFFE || cp == 0xFFFF) {
				um_sb_add(&sb, REPLACEMENT, 3);
				ascii = 0;
			} else {
				um_sb_add(&sb, in + i, n);
				ascii = 0;
			}
			i += n;
		}
	}
	if (!ascii) {
		um_strbuf nfc;
		um_sb_init(&nfc);
		if (nfc_chunks(sb.data, sb.len, &nfc) != 0) {
			um_sb_free(&nfc);
			um_sb_free(&sb);
			return UM_EINVAL;
		}
		um_sb_free(&sb);
		*ret = um_sb_steal(&nfc, ret_len);
	} else {
		*ret = um_sb_steal(&sb, ret_len);
	}
	if (ret_invalid)
		*ret_invalid = invalid;
	if (ret_first_invalid)
		*ret_first_invalid = first;
	return 0;
}
