/* Reading files: size limits, format detection, encodings, plain text. */
#define _GNU_SOURCE     /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "reader_impl.h"

const char *um_format_name(int format)
{
	switch (format) {
	case UM_FMT_AUTO: return "auto";
	case UM_FMT_TXT: return "txt";
	case UM_FMT_XML: return "xml";
	case UM_FMT_HTML: return "html";
	case UM_FMT_JSONL: return "jsonl";
	}
	return NULL;
}

int um_format_parse(const char *name, int *ret_format)
{
	int f;
	for (f = UM_FMT_AUTO; f <= UM_FMT_JSONL; f++) {
		if (strcmp(name, um_format_name(f)) == 0) {
			*ret_format = f;
			return 0;
		}
	}
	return UM_EINVAL;
}

/* Whether the n bytes at ext are the extension name, in any case. */
static int is_ext(const char *ext, size_t n, const char *name)
{
	return strlen(name) == n && !strncasecmp(ext, name, n);
}

/* The format a file's name gives: by its extension, or by the one before
 * ".gz" ("a.xml.gz"). */
static int format_by_name(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *end = path + strlen(path), *dot;
	size_t n;
	base = base ? base + 1 : path;
	if (end - base > 3 && !strcasecmp(end - 3, ".gz"))
		end -= 3;
	for (dot = end; dot > base && dot[-1] != '.'; dot--)
		;
	if (dot == base)
		return UM_FMT_AUTO;
	n = (size_t)(end - dot);
	if (is_ext(dot, n, "txt") || is_ext(dot, n, "text"))
		return UM_FMT_TXT;
	if (is_ext(dot, n, "xml") || is_ext(dot, n, "tei"))
		return UM_FMT_XML;
	if (is_ext(dot, n, "html") || is_ext(dot, n, "htm") ||
	    is_ext(dot, n, "xhtml"))
		return UM_FMT_HTML;
	return UM_FMT_AUTO;
}

static int format_by_content(const char *buf, size_t len)
{
	size_t i = 0;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' ||
	                   buf[i] == '\r'))
		i++;
	if (i >= len || buf[i] != '<')
		return UM_FMT_TXT;
	if (len - i >= 14 && !strncasecmp(buf + i, "<!doctype html", 14))
		return UM_FMT_HTML;
	if (len - i >= 5 && !strncasecmp(buf + i, "<html", 5))
		return UM_FMT_HTML;
	if (len - i >= 5 && !strncmp(buf + i, "<?xml", 5))
		return UM_FMT_XML;
	if (len - i >= 2 && (buf[i + 1] == '!' ||
	                     (buf[i + 1] >= 'a' && buf[i + 1] <= 'z') ||
	                     (buf[i + 1] >= 'A' && buf[i + 1] <= 'Z')))
		return UM_FMT_XML;
	return UM_FMT_TXT;
}

/* Appends code point cp as UTF-8. */
static void put_utf8(um_strbuf *sb, uint32_t cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	um_sb_add(sb, b, n);
}

/*
 * UTF-16 from byte start on (after its byte-order mark, if any), little-
 * endian if le, to UTF-8. Unpaired surrogates become
 * U+FFFD, counted in *ret_invalid with the byte offset of the first in
 * *ret_first; so does an odd last byte, whose offset is put in *ret_odd
 * ((size_t)-1 when there is none). The byte offset of the first U+0000
 * goes in *ret_nul ((size_t)-1 when there is none): an offset in buf,
 * which the user has, not in the text made of it.
 */
static char *from_utf16(const char *buf, size_t len, size_t start, int le,
                        size_t *ret_len, size_t *ret_invalid,
                        size_t *ret_first, size_t *ret_odd, size_t *ret_nul)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i, invalid = 0, first = 0;
	um_strbuf sb;

	um_sb_init(&sb);
	*ret_odd = (size_t)-1;
	*ret_nul = (size_t)-1;
	for (i = start; i < len; i += 2) {
		uint32_t u, v;
		if (i + 1 >= len) {
			*ret_odd = i;
			put_utf8(&sb, 0xFFFD);
			break;
		}
		u = le ? (uint32_t)(p[i] | p[i + 1] << 8) : (uint32_t)(p[i] << 8 | p[i + 1]);
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			v = le ? (uint32_t)(p[i + 2] | p[i + 3] << 8) :
			         (uint32_t)(p[i + 2] << 8 | p[i + 3]);
			if (v >= 0xDC00 && v <= 0xDFFF) {
				put_utf8(&sb, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
				i += 2;
				continue;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF) {
			if (!invalid++)
				first = i;
			u = 0xFFFD;
		}
		if (u == 0 && *ret_nul == (size_t)-1)
			*ret_nul = i;
		put_utf8(&sb, u);
	}
	*ret_invalid = invalid;
	*ret_first = first;
	return um_sb_steal(&sb, ret_len);
}

static void warn_invalid(um_doc *doc, size_t invalid, size_t first)
{
	um_doc_warn(doc, "invalid UTF-8: %zu byte sequence%s replaced with "
	            "U+FFFD, the first at byte offset %zu", invalid,
	            invalid == 1 ? "" : "s", first);
}

int um_reader_check_nul(const char *buf, size_t len, char *err,
                        size_t errlen)
{
	const char *nul = memchr(buf, '\0', len);
	if (!nul)
		return 0;
	um_seterr(err, errlen, "binary file (NUL byte at offset %zu)",
	          (size_t)(nul - buf));
	return UM_EFORMAT;
}

static int read_txt(const char *buf, size_t len, um_doc *doc, char *err,
                    size_t errlen)
{
	char *text;
	size_t tlen, invalid, first;
	int r;

	if ((r = um_reader_check_nul(buf, len, err, errlen)) != 0)
		return r;
	r = um_text_normalize(buf, len, &text, &tlen, &invalid, &first);
	if (r) {
		um_seterr(err, errlen, "text too large");
		return UM_ETOOBIG;
	}
	if (invalid)
		warn_invalid(doc, invalid, first);
	if (um_doc_adopt_text(doc, text, tlen)) {
		um_seterr(err, errlen, "text too large");
		return UM_ETOOBIG;
	}
	return 0;
}

void um_reader_meta(um_doc *doc, const char *key, const char *value)
{
	if (!um_doc_meta(doc, key))
		um_reader_meta_set(doc, key, value);
}

void um_reader_meta_set(um_doc *doc, const char *key, const char *value)
{
	char *norm;
	size_t n, i, j;
	if (um_text_normalize(value, strlen(value), &norm, &n, NULL, NULL))
		return;
	/* Fold runs of white space: metadata is one line. */
	for (i = 0, j = 0; i < n; i++) {
		int ws = norm[i] == ' ' || norm[i] == '\n' || norm[i] == '\t';
		if (!ws)
			norm[j++] = norm[i];
		else if (j && norm[j - 1] != ' ')
			norm[j++] = ' ';
	}
	while (j && norm[j - 1] == ' ')
		j--;
	norm[j] = '\0';
	if (j)
		um_doc_meta_set(doc, key, norm);
	free(norm);
}

char *um_reader_repair(um_doc *doc, const char *buf, size_t *len)
{
	char *fixed;
	size_t flen, invalid, first;
	if (um_utf8_check(buf, *len) == *len)
		return NULL;
	if (um_text_normalize(buf, *len, &fixed, &flen, &invalid, &first))
		return NULL;
	warn_invalid(doc, invalid, first);
	*len = flen;
	return fixed;
}

int um_reader_is_utf8_name(const char *cs)
{
	return !strcasecmp(cs, "utf-8") || !strcasecmp(cs, "utf8");
}

int um_reader_is_wide_name(const char *cs)
{
	return !strncasecmp(cs, "utf-16", 6) || !strncasecmp(cs, "utf-32", 6) ||
	       !strncasecmp(cs, "utf16", 5) || !strncasecmp(cs, "utf32", 5) ||
	       !strncasecmp(cs, "ucs-2", 5) || !strncasecmp(cs, "ucs-4", 5) ||
	       !strcasecmp(cs, "ucs2") || !strcasecmp(cs, "ucs4") ||
	       !strcasecmp(cs, "unicode") || !strcasecmp(cs, "unicodefffe");
}

/* buf (*len bytes) decoded from charset cs, whose code units are unit
 * bytes, to UTF-8; a unit that is not of cs becomes U+FFFD, counted in
 * *invalid with the offset of the first in *first (skipping a unit, not a
 * byte, keeps UTF-16 and UTF-32 in step). NULL if iconv does not know
 * cs. */
static char *decode(const char *buf, size_t *len, const char *cs,
                    size_t unit, size_t *invalid, size_t *first)
{
	iconv_t cd = iconv_open("UTF-8", cs);
	char *in = (char *)buf;
	size_t inleft = *len;
	um_strbuf sb;
	*invalid = *first = 0;
	if (cd == (iconv_t)-1)
		return NULL;
	um_sb_init(&sb);
	while (inleft > 0) {
		/* UTF-8 takes at most four bytes for one of these */
		size_t room = inleft < 65536 ? inleft * 4 + 16 : 262144, outleft = room;
		char *out = um_sb_room(&sb, room), *start = out;
		size_t r = iconv(cd, &in, &inleft, &out, &outleft);
		sb.len += (size_t)(out - start);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		/* a byte that is not of the charset, or one cut short at the
		 * end: U+FFFD, as for invalid UTF-8 */
		if (!(*invalid)++)
			*first = (size_t)(in - buf);
		um_sb_add(&sb, "\xEF\xBF\xBD", 3);
		in += inleft < unit ? inleft : unit;
		inleft -= inleft < unit ? inleft : unit;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	return um_sb_steal(&sb, len);
}

static void warn_charset(um_doc *doc, const char *cs, size_t invalid,
                         size_t first)
{
	if (invalid)
		um_doc_warn(doc, "invalid %s: %zu byte sequence%s replaced with "
		            "U+FFFD, the first at byte offset %zu", cs, invalid,
		            invalid == 1 ? "" : "s", first);
}

char *um_reader_decode(um_doc *doc, const char *buf, size_t *len,
                       const char *cs)
{
	size_t invalid, first;
	char *out = decode(buf, len, cs, 1, &invalid, &first);
	if (out)
		warn_charset(doc, cs, invalid, first);
	return out;
}

/* UTF-32 told by its byte-order mark, or XML or HTML in it without one by
 * how "<" is written (XML 1.0, appendix F): its charset, and the mark's
 * length in *skip; NULL for the others. */
static const char *utf32_charset(const char *buf, size_t len, size_t *skip)
{
	static const struct { const char *head, *cs; size_t skip; } kinds[] = {
		{ "\xFF\xFE\0\0", "UTF-32LE", 4 },
		{ "\0\0\xFE\xFF", "UTF-32BE", 4 },
		{ "<\0\0\0", "UTF-32LE", 0 },
		{ "\0\0\0<", "UTF-32BE", 0 },
	};
	if (len < 4)
		return NULL;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!memcmp(buf, kinds[i].head, 4)) {
			*skip = kinds[i].skip;
			return kinds[i].cs;
		}
	return NULL;
}

/* UTF-16 told by its byte-order mark, or XML or HTML in it without one
 * by how "<" is written: 1 with where its text starts in *start and
 * whether it is little-endian in *le; 0 for the others. */
static int is_utf16(const char *buf, size_t len, size_t *start, int *le)
{
	const unsigned char *p = (const unsigned char *)buf;
	if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) ||
	                 (p[0] == 0xFE && p[1] == 0xFF))) {
		*start = 2;
		*le = p[0] == 0xFF;
		return 1;
	}
	*start = 0;
	if (len >= 4 && p[0] == '<' && !p[1] && p[2] && !p[3])
		*le = 1;
	else if (len >= 4 && !p[0] && p[1] == '<' && !p[2] && p[3])
		*le = 0;
	else
		return 0;
	return 1;
}

static int name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == ':' || c >= 0x80;
}

/* The end of what starts at p and ends with the marker close (n bytes),
 * or end when it is not closed. */
static const char *past(const char *p, const char *end, const char *close,
                        size_t n)
{
	const char *at = memmem(p, (size_t)(end - p), close, n);
	return at ? at + n : end;
}

/* The most attribute names in one start tag of the markup in buf
 * (comments, CDATA sections and processing instructions left out),
 * counted no further than past limit. */
static size_t max_attrs(const char *buf, size_t len, size_t limit)
{
	const char *p = buf, *end = buf + len;
	size_t most = 0;
	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) && ++p < end) {
		size_t n = 0;
		int space = 0, after_eq = 0;
		char quote = 0;
		if (end - p >= 3 && !memcmp(p, "!--", 3)) {
			p = past(p + 3, end, "-->", 3);
			continue;
		}
		if (end - p >= 8 && !memcmp(p, "![CDATA[", 8)) {
			p = past(p + 8, end, "]]>", 3);
			continue;
		}
		if (*p == '?') {
			p = past(p + 1, end, "?>", 2);
			continue;
		}
		if (!name_start((unsigned char)*p))
			continue;     /* an end tag, a declaration, a lone '<' */
		/* a start tag: a name after white space begins an attribute;
		 * what follows '=' is its value, quoted or not */
		for (; p < end; p++) {
			char c = *p;
			if (quote) {
				if (c == quote)
					quote = 0;
			} else if (c == '>') {
				break;
			} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				space = 1;
			} else if (c == '=') {
				after_eq = 1;
				space = 0;
			} else {
				if (c == '"' || c == '\'')
					quote = c;
				else if (!after_eq && space && c != '/')
					n++;
				after_eq = space = 0;
			}
		}
		if (n > most && (most = n) > limit)
			break;
	}
	return most;
}

int um_reader_check_attrs(const char *buf, size_t len, char *err,
                          size_t errlen)
{
	if (max_attrs(buf, len, UM_MAX_ATTRS) <= UM_MAX_ATTRS)
		return 0;
	um_seterr(err, errlen, "an element with more than %d attributes "
	          "(the most read on one element)", UM_MAX_ATTRS);
	return UM_EFORMAT;
}

int um_reader_set_text(um_doc *doc, um_strbuf *sb, char *err, size_t errlen)
{
	char *text;
	size_t tlen;
	int r;

	/* The markup parsers hand out valid UTF-8; control characters and
	 * NFC still need the common treatment. */
	r = um_text_normalize(sb->data ? sb->data : "", sb->len, &text, &tlen,
	                      NULL, NULL);
	if (r == 0)
		r = um_doc_adopt_text(doc, text, tlen);
	if (r) {
		um_seterr(err, errlen, "text too large");
		return UM_ETOOBIG;
	}
	return 0;
}

int um_read_memory(const char *buf, size_t len, const char *name,
                   const um_read_options *opt, um_doc **ret, char *err,
                   size_t errlen)
{
	static const um_read_options defaults = { 0, 0, NULL, NULL };
	size_t max;
	char *conv = NULL, *unzipped = NULL;
	size_t bad16 = 0, first16 = 0, odd16 = (size_t)-1;
	size_t badw = 0, firstw = 0, skip = 0;
	const char *widecs = NULL;
	int format, r, empty, le;
	um_doc *doc;

	if (!opt)
		opt = &defaults;
	max = opt->max_size ? opt->max_size : UM_DEFAULT_MAX_SIZE;
	if (len > max) {
		um_seterr(err, errlen, "document of %zu bytes is over the size "
		          "limit of %zu bytes", len, max);
		return UM_ETOOBIG;
	}
	if (opt->format == UM_FMT_JSONL)
		return um_read_record(buf, len, name, opt, ret, err, errlen);
	if (um_gz_magic(buf, len)) {
		r = um_gunzip(buf, len, max, &unzipped, &len, err, errlen);
		if (r)
			return r;
		buf = unzipped;
	}
	if ((widecs = utf32_charset(buf, len, &skip)) != NULL) {
		size_t clen = len - skip, k;
		/* a NUL character, at its offset in the file */
		for (k = skip; k + 4 <= len; k += 4)
			if (!memcmp(buf + k, "\0\0\0\0", 4))
				break;
		if (k + 4 <= len) {
			um_seterr(err, errlen, "binary file (%s NUL character at byte "
			          "offset %zu)", widecs, k);
			free(unzipped);
			return UM_EFORMAT;
		}
		conv = decode(buf + skip, &clen, widecs, 4, &badw, &firstw);
		if (!conv) {
			um_seterr(err, errlen, "cannot decode %s", widecs);
			free(unzipped);
			return UM_EFORMAT;
		}
		firstw += skip;
		buf = conv;
		len = clen;
	} else if (is_utf16(buf, len, &skip, &le)) {
		size_t clen, nul16;
		conv = from_utf16(buf, len, skip, le, &clen, &bad16, &first16,
		                  &odd16, &nul16);
		if (nul16 != (size_t)-1) {
			um_seterr(err, errlen, "binary file (UTF-16 NUL character "
			          "at byte offset %zu)", nul16);
			free(conv);
			free(unzipped);
			return UM_EFORMAT;
		}
		buf = conv;
		len = clen;
	}
	format = opt->format;
	if (format == UM_FMT_AUTO && name)
		format = format_by_name(name);
	if (format == UM_FMT_AUTO)
		format = format_by_content(buf, len);

	doc = um_doc_new();
	um_doc_meta_set(doc, "source", name ? name : "-");
	um_doc_meta_set(doc, "format", um_format_name(format));
	if (widecs)
		warn_charset(doc, widecs, badw, firstw);
	if (bad16)
		um_doc_warn(doc, "invalid UTF-16: %zu unpaired surrogate%s replaced "
		            "with U+FFFD, the first at byte offset %zu", bad16,
		            bad16 == 1 ? "" : "s", first16);
	if (odd16 != (size_t)-1)
		um_doc_warn(doc, "invalid UTF-16: an odd last byte, at byte offset "
		            "%zu, replaced with U+FFFD", odd16);
	empty = len == 0 || (len == 3 && !memcmp(buf, "\xEF\xBB\xBF", 3));
	if (empty)
		r = 0;      /* an empty document, whatever its format */
	else if (format == UM_FMT_XML)
		r = um_read_xml(buf, len, conv != NULL, opt, doc, err, errlen);
	else if (format == UM_FMT_HTML)
		r = um_read_html(buf, len, conv != NULL, opt, doc, err, errlen);
	else
		r = read_txt(buf, len, doc, err, errlen);
	free(conv);
	free(unzipped);
	if (r) {
		um_doc_free(doc);
		return r;
	}
	if (!um_doc_meta(doc, "language"))
		um_doc_meta_set(doc, "language", opt->language ? opt->language : "en");
	if (empty)
		um_doc_warn(doc, "empty document");
	*ret = doc;
	return 0;
}

static int slurp(int fd, size_t hint, size_t max, char **ret, size_t *ret_len,
                 char *err, size_t errlen)
{
	size_t cap = hint + 1, len = 0;
	char *buf = um_xmalloc(cap);

	for (;;) {
		ssize_t n;
		if (len == cap) {
			um_grow((void **)&buf, &cap, cap + 1, 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			um_seterr(err, errlen, "cannot read: %s", strerror(errno));
			free(buf);
			return UM_EIO;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			um_seterr(err, errlen, "document is over the size limit of "
			          "%zu bytes", max);
			free(buf);
			return UM_ETOOBIG;
		}
	}
	*ret = buf;
	*ret_len = len;
	return 0;
}

int um_read_file(const char *path, const um_read_options *opt, um_doc **ret,
                 char *err, size_t errlen)
{
	size_t max = opt && opt->max_size ? opt->max_size : UM_DEFAULT_MAX_SIZE;
	struct stat st;
	char *buf;
	size_t len;
	int fd, r;

	if (strcmp(path, "-") == 0) {
		r = slurp(STDIN_FILENO, 1 << 16, max, &buf, &len, err, errlen);
		if (r)
			return r;
		r = um_read_memory(buf, len, "-", opt, ret, err, errlen);
		free(buf);
		return r;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		um_seterr(err, errlen, "cannot open: %s", strerror(errno));
		return UM_EIO;
	}
	if (fstat(fd, &st) != 0) {
		um_seterr(err, errlen, "cannot stat: %s", strerror(errno));
		close(fd);
		return UM_EIO;
	}
	if (!S_ISREG(st.st_mode)) {
		um_seterr(err, errlen, "not a regular file");
		close(fd);
		return UM_EIO;
	}
	if ((size_t)st.st_size > max) {
		um_seterr(err, errlen, "document of %zu bytes is over the size "
		          "limit of %zu bytes", (size_t)st.st_size, max);
		close(fd);
		return UM_ETOOBIG;
	}
	r = slurp(fd, (size_t)st.st_size, max, &buf, &len, err, errlen);
	close(fd);
	if (r)
		return r;
	r = um_read_memory(buf, len, path, opt, ret, err, errlen);
	free(buf);
	return r;
}
