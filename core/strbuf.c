/* A growable byte buffer for building text and output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void um_sb_init(um_strbuf *sb)
{
	sb->data = NULL;
	sb->len = 0;
	sb->cap = 0;
}

void um_sb_free(um_strbuf *sb)
{
	free(sb->data);
	um_sb_init(sb);
}

static void reserve(um_strbuf *sb, size_t n)
{
	/* One byte more than asked, so the data can always be terminated. */
	if (sb->len + n + 1 > sb->cap)
		um_grow((void **)&sb->data, &sb->cap, sb->len + n + 1, 1);
}

char *um_sb_room(um_strbuf *sb, size_t n)
{
	reserve(sb, n);
	return sb->data + sb->len;
}

void um_sb_add(um_strbuf *sb, const char *s, size_t n)
{
	reserve(sb, n);
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
}

void um_sb_addc(um_strbuf *sb, char c)
{
	reserve(sb, 1);
	sb->data[sb->len++] = c;
}

void um_sb_adds(um_strbuf *sb, const char *s)
{
	um_sb_add(sb, s, strlen(s));
}

void um_sb_addu(um_strbuf *sb, uint64_t v)
{
	char buf[24];
	size_t i = sizeof(buf);
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	um_sb_add(sb, buf + i, sizeof(buf) - i);
}

void um_sb_addf(um_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	reserve(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

char *um_sb_steal(um_strbuf *sb, size_t *ret_len)
{
	char *p;
	reserve(sb, 0);
	sb->data[sb->len] = '\0';
	p = sb->data;
	if (ret_len)
		*ret_len = sb->len;
	um_sb_init(sb);
	return p;
}
