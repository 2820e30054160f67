/* Reading files: size limits, format detection, encodings, plain text. */
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
	}
	return NULL;
}

int um_format_parse(const char *name, int *ret_format)
{
	int f;
	for (f = UM_FMT_AUTO; f <= UM_FMT_HTML; f++) {
		if (strcmp(name, um_format_name(f)) == 0) {
			*ret_format = f;
			return 0;
		}
	}
	return UM_EINVAL;
}

static int format_by_name(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return UM_FMT_AUTO;
	dot++;
	if (!strcasecmp(dot, "txt") || !strcasecmp(dot, "text"))
		return UM_FMT_TXT;
	if (!strcasecmp(dot, "xml") || !strcasecmp(dot, "tei"))
		return UM_FMT_XML;
	if (!strcasecmp(dot, "html") || !strcasecmp(dot, "htm") ||
	    !strcasecmp(dot, "xhtml"))
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

/* UTF-16 with a byte-order mark to UTF-8; 0, or UM_EFORMAT. */
static int from_utf16(const char *buf, size_t len, char **ret, size_t *ret_len)
{
	const char *enc = (unsigned char)buf[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
	iconv_t cd = iconv_open("UTF-8", enc);
	char *in = (char *)buf + 2, *out, *o;
	size_t inleft = len - 2, cap = len * 2 + 16, outleft = cap;
	int r = 0;

	if (cd == (iconv_t)-1)
		return UM_EFORMAT;
	out = o = um_xmalloc(cap);
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1)
		r = UM_EFORMAT;
	iconv_close(cd);
	if (r) {
		free(out);
		return r;
	}
	*ret = out;
	*ret_len = cap - outleft;
	return 0;
}

static int read_txt(const char *buf, size_t len, um_doc *doc, char *err,
                    size_t errlen)
{
	const char *nul = memchr(buf, '\0', len);
	char *text;
	size_t tlen, invalid, first;
	int r;

	if (nul) {
		um_seterr(err, errlen, "binary file (NUL byte at offset %zu)",
		          (size_t)(nul - buf));
		return UM_EFORMAT;
	}
	r = um_text_normalize(buf, len, &text, &tlen, &invalid, &first);
	if (r) {
		um_seterr(err, errlen, "text too large");
		return UM_ETOOBIG;
	}
	if (invalid)
		um_doc_warn(doc, "invalid UTF-8: %zu byte sequence%s replaced "
		            "with U+FFFD, the first at byte offset %zu", invalid,
		            invalid == 1 ? "" : "s", first);
	r = um_doc_set_text(doc, text, tlen);
	free(text);
	if (r) {
		um_seterr(err, errlen, "text too large");
		return UM_ETOOBIG;
	}
	return 0;
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
	if (r == 0) {
		r = um_doc_set_text(doc, text, tlen);
		free(text);
	}
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
	char *conv = NULL;
	int format, r;
	um_doc *doc;

	if (!opt)
		opt = &defaults;
	max = opt->max_size ? opt->max_size : UM_DEFAULT_MAX_SIZE;
	if (len > max) {
		um_seterr(err, errlen, "document of %zu bytes is over the size "
		          "limit of %zu bytes", len, max);
		return UM_ETOOBIG;
	}
	if (len >= 2 && (((unsigned char)buf[0] == 0xFF &&
	                  (unsigned char)buf[1] == 0xFE) ||
	                 ((unsigned char)buf[0] == 0xFE &&
	                  (unsigned char)buf[1] == 0xFF))) {
		size_t clen;
		if (from_utf16(buf, len, &conv, &clen)) {
			um_seterr(err, errlen, "invalid UTF-16 text");
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
	if (format == UM_FMT_XML)
		r = um_read_xml(buf, len, opt, doc, err, errlen);
	else if (format == UM_FMT_HTML)
		r = um_read_html(buf, len, opt, doc, err, errlen);
	else
		r = read_txt(buf, len, doc, err, errlen);
	free(conv);
	if (r) {
		um_doc_free(doc);
		return r;
	}
	if (!um_doc_meta(doc, "language"))
		um_doc_meta_set(doc, "language", opt->language ? opt->language : "en");
	if (len == 0)
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
