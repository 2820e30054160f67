/* Text repair and normalisation: valid UTF-8, LF line ends, XML-safe, NFC. */
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
		run = i;
		while (run < len && s[run] < 0x80 && !ascii_special(s[run]))
			run++;
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
		utf8proc_uint8_t *nfc = NULL;
		utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)sb.data,
		                                  (utf8proc_ssize_t)sb.len, &nfc,
		                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		/* The buffer is valid UTF-8 by construction, so map cannot fail
		 * for bad input; only for memory. */
		if (n < 0) {
			um_sb_free(&sb);
			return UM_EINVAL;
		}
		um_sb_free(&sb);
		*ret = (char *)nfc;
		*ret_len = (size_t)n;
	} else {
		*ret = um_sb_steal(&sb, ret_len);
	}
	if (ret_invalid)
		*ret_invalid = invalid;
	if (ret_first_invalid)
		*ret_first_invalid = first;
	return 0;
}
