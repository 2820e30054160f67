/* Declarative plugin options: defaults, parsing, freeing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static const um_option *find(const um_option *tab, const char *key)
{
	for (; tab && tab->name; tab++)
		if (strcmp(tab->name, key) == 0)
			return tab;
	return NULL;
}

static size_t field_size(int type)
{
	switch (type) {
	case UM_OPT_STRING: return sizeof(char *);
	case UM_OPT_INT: return sizeof(long);
	case UM_OPT_BOOL: return sizeof(int);
	case UM_OPT_DOUBLE: return sizeof(double);
	}
	return 0;
}

int um_options_check_table(const um_option *tab, size_t size, char *err,
                           size_t errlen)
{
	for (; tab && tab->name; tab++) {
		size_t fs = field_size(tab->type);
		if (!fs) {
			um_seterr(err, errlen, "option '%s' has an unknown type %d",
			          tab->name, tab->type);
			return UM_EINVAL;
		}
		if (tab->offset > size || size - tab->offset < fs) {
			um_seterr(err, errlen, "option '%s' lies outside the options "
			          "struct of %zu bytes", tab->name, size);
			return UM_EINVAL;
		}
	}
	return 0;
}

static int parse_into(const um_option *o, void *dst, const char *value,
                      char *err, size_t errlen)
{
	char *p = (char *)dst + o->offset, *end;
	switch (o->type) {
	case UM_OPT_STRING: {
		char **s = (char **)p;
		free(*s);
		*s = value ? um_xstrdup(value) : NULL;
		return 0;
	}
	case UM_OPT_INT: {
		long v = 0;
		if (value) {
			errno = 0;
			v = strtol(value, &end, 10);
			if (errno || end == value || *end) {
				um_seterr(err, errlen, "option '%s' takes a whole "
				          "number, not '%s'", o->name, value);
				return UM_EINVAL;
			}
		}
		memcpy(p, &v, sizeof(v));
		return 0;
	}
	case UM_OPT_DOUBLE: {
		double v = 0;
		if (value) {
			errno = 0;
			v = strtod(value, &end);
			if (errno || end == value || *end) {
				um_seterr(err, errlen, "option '%s' takes a number, "
				          "not '%s'", o->name, value);
				return UM_EINVAL;
			}
		}
		memcpy(p, &v, sizeof(v));
		return 0;
	}
	case UM_OPT_BOOL: {
		int v = 0;
		if (value) {
			if (!strcasecmp(value, "yes") || !strcasecmp(value, "true") ||
			    !strcmp(value, "1") || !strcasecmp(value, "on"))
				v = 1;
			else if (!strcasecmp(value, "no") ||
			         !strcasecmp(value, "false") || !strcmp(value, "0") ||
			         !strcasecmp(value, "off"))
				v = 0;
			else {
				um_seterr(err, errlen, "option '%s' takes yes or no, "
				          "not '%s'", o->name, value);
				return UM_EINVAL;
			}
		}
		memcpy(p, &v, sizeof(v));
		return 0;
	}
	}
	return UM_EINVAL;
}

int um_options_defaults(const um_option *tab, void *dst, char *err,
                        size_t errlen)
{
	int r;
	for (; tab && tab->name; tab++)
		if ((r = parse_into(tab, dst, tab->dflt, err, errlen)) != 0)
			return r;
	return 0;
}

int um_options_set(const um_option *tab, void *dst, const char *key,
                   const char *value, char *err, size_t errlen)
{
	const um_option *o = find(tab, key);
	if (!o) {
		um_seterr(err, errlen, "unknown option '%s'", key);
		return UM_ENOENT;
	}
	return parse_into(o, dst, value, err, errlen);
}

void um_options_free(const um_option *tab, void *dst)
{
	if (!dst)
		return;
	for (; tab && tab->name; tab++) {
		if (tab->type == UM_OPT_STRING) {
			char **s = (char **)((char *)dst + tab->offset);
			free(*s);
			*s = NULL;
		}
	}
}

int um_option_canonical(const um_option *o, const char *value, char *buf,
                        size_t n)
{
	union { long l; double d; int i; char *s; } v;
	char err[256];
	int r;
	um_option one = *o;
	one.offset = 0;
	memset(&v, 0, sizeof(v));
	if ((r = parse_into(&one, &v, value, err, sizeof(err))) != 0)
		return r;
	switch (o->type) {
	case UM_OPT_STRING:
		snprintf(buf, n, "%s", v.s ? v.s : "");
		free(v.s);
		break;
	case UM_OPT_INT:
		snprintf(buf, n, "%ld", v.l);
		break;
	case UM_OPT_DOUBLE:
		snprintf(buf, n, "%.17g", v.d);
		break;
	default:
		snprintf(buf, n, "%s", v.i ? "yes" : "no");
	}
	return 0;
}
