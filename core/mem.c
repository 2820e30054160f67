/* Allocation wrappers: running out of memory aborts in one place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void oom(size_t n)
{
	/* There is no sensible recovery for a text pipeline here; fail loudly. */
	fprintf(stderr, "unmine: out of memory (allocating %zu bytes)\n", n);
	abort();
}

void *um_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *um_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *um_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *um_xstrndup(const char *s, size_t n)
{
	char *p = um_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *um_xstrdup(const char *s)
{
	return um_xstrndup(s, strlen(s));
}

void um_grow(void **arr, size_t *cap, size_t need, size_t elsize)
{
	size_t c = *cap;
	if (need <= c)
		return;
	if (c < 8)
		c = 8;
	while (c < need)
		c *= 2;
	if (c > SIZE_MAX / elsize)
		oom(SIZE_MAX);
	*arr = um_xrealloc(*arr, c * elsize);
	*cap = c;
}

void um_seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}
