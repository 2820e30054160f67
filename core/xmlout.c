/* XML escaping into a buffer: always well-formed, whatever the input. */
#include <string.h>

#include "internal.h"
#include "xmlout.h"

static const char REPL[] = "\xEF\xBF\xBD";

/* Bytes that stop the fast copy of text: markup characters, controls
 * other than tab and line feed, DEL and non-ASCII. */
static const unsigned char stop_text[256] = {
	[0 ... 8] = 1, [11 ... 31] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1,
	[127 ... 255] = 1
};

/* In attributes, also quotes, tab and line feed. */
static const unsigned char stop_attr[256] = {
	[0 ... 31] = 1, ['"'] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1,
	[127 ... 255] = 1
};

/* Text already known to be clean (valid UTF-8, nothing XML forbids)
 * stops only at markup characters. */
static const unsigned char stop_clean[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['\r'] = 1
};

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Nonzero if a byte of v is c (the usual test for a zero byte). */
static uint64_t has_byte(uint64_t v, unsigned char c)
{
	uint64_t x = v ^ (c * ONES);
	return (x - ONES) & ~x & HIGHS;
}

/* The first byte from i on that clean text stops at: eight bytes at a
 * time while none of them is one, then one by one. */
static size_t clean_run(const unsigned char *p, size_t i, size_t n)
{
	uint64_t v;
	while (i + 8 <= n) {
		memcpy(&v, p + i, 8);
		if (has_byte(v, '&') | has_byte(v, '<') | has_byte(v, '>') |
		    has_byte(v, '\r'))
			break;
		i += 8;
	}
	while (i < n && !stop_clean[p[i]])
		i++;
	return i;
}

static void escape(um_strbuf *sb, const char *s, size_t n,
                   const unsigned char *stop)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t j = i;
		if (stop == stop_clean)
			j = clean_run(p, i, n);
		else
			while (j < n && !stop[p[j]])
				j++;
		if (j > i)
			um_sb_add(sb, s + i, j - i);
		if (j >= n)
			break;
		i = j;
		switch (p[i]) {
		case '<': um_sb_add(sb, "&lt;", 4); i++; continue;
		case '>': um_sb_add(sb, "&gt;", 4); i++; continue;
		case '&': um_sb_add(sb, "&amp;", 5); i++; continue;
		case '"': um_sb_add(sb, "&quot;", 6); i++; continue;
		case '\t': um_sb_add(sb, "&#9;", 4); i++; continue;
		case '\n': um_sb_add(sb, "&#10;", 5); i++; continue;
		case '\r': um_sb_add(sb, "&#13;", 5); i++; continue;
		}
		if (p[i] < 0x80) {
			/* A control character XML 1.0 cannot carry at all. */
			um_sb_add(sb, REPL, 3);
			i++;
			continue;
		}
		{
			int32_t cp;
			size_t k = um_utf8_decode(p + i, n - i, &cp);
			if (!k) {
				/* One U+FFFD per ill-formed sequence, as the
				 * readers count them. */
				um_sb_add(sb, REPL, 3);
				i += um_utf8_invalid_len(p + i, n - i);
			} else if (cp == 0xFFFE || cp == 0xFFFF ||
			           (cp >= 0x80 && cp < 0xA0 && cp != 0x85)) {
				um_sb_add(sb, REPL, 3);
				i += k;
			} else {
				um_sb_add(sb, s + i, k);
				i += k;
			}
		}
	}
}

void um_xml_text(um_strbuf *sb, const char *s, size_t n)
{
	escape(sb, s, n, stop_text);
}

void um_xml_clean_text(um_strbuf *sb, const char *s, size_t n)
{
	escape(sb, s, n, stop_clean);
}

void um_xml_attr(um_strbuf *sb, const char *name, const char *value)
{
	const unsigned char *v = (const unsigned char *)value;
	size_t nl = strlen(name), i = 0;
	char *p;
	/* Most values need no escaping: up to the first byte that stops,
	 * the attribute is written in one piece. */
	while (v[i] && !stop_attr[v[i]])
		i++;
	p = um_sb_room(sb, nl + i + 4);
	p[0] = ' ';
	memcpy(p + 1, name, nl);
	p[nl + 1] = '=';
	p[nl + 2] = '"';
	memcpy(p + nl + 3, value, i);
	sb->len += nl + i + 3;
	if (v[i])
		escape(sb, value + i, strlen(value + i), stop_attr);
	um_sb_addc(sb, '"');
}
