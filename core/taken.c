/* What a run has taken: output names, and documents by file and name. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "taken.h"

static uint64_t fnv1a(const char *s)
{
	return cli_fnv1a(CLI_FNV_BASIS, s, strlen(s));
}

struct outputs *outputs_new(void)
{
	struct outputs *o = calloc(1, sizeof(*o));
	if (!o || !(o->slot = calloc(1024, sizeof(char *))))
		abort();
	o->mask = 1023;
	return o;
}

/* The field of an entry after field f (rel, then the path, then the
 * kind). */
static char *next_field(const char *f)
{
	return (char *)f + strlen(f) + 1;
}

/* The slot of output name rel: its entry, or an empty one. */
static size_t output_slot(const struct outputs *o, const char *rel)
{
	size_t i = (size_t)fnv1a(rel) & o->mask;
	while (o->slot[i] && strcmp(o->slot[i], rel))
		i = (i + 1) & o->mask;
	return i;
}

const char *output_owner(const struct outputs *o, const char *rel,
                         int *records, size_t *lines)
{
	const char *e = o->slot[output_slot(o, rel)], *path, *kind;
	*records = 0;
	*lines = 0;
	if (!e)
		return NULL;
	path = next_field(e);
	kind = next_field(path);
	if (*kind == 'r') {
		*records = 1;
		*lines = (size_t)strtoull(kind + 1, NULL, 10);
	}
	return path;
}

void output_lines(struct outputs *o, const char *rel, size_t lines)
{
	char *e = o->slot[output_slot(o, rel)], *kind;
	if (!e)
		return;
	kind = next_field(next_field(e));
	if (*kind == 'r')
		snprintf(kind + 1, 21, "%zu", lines);
}

const char *claim_output(struct outputs *o, const char *rel,
                         const char *path, int records)
{
	size_t i = output_slot(o, rel), nr = strlen(rel) + 1, np = strlen(path) + 1;
	if (o->slot[i])
		return next_field(o->slot[i]);
	if (!(o->slot[i] = malloc(nr + np + (records ? 22 : 2))))
		abort();
	memcpy(o->slot[i], rel, nr);
	memcpy(o->slot[i] + nr, path, np);
	o->slot[i][nr + np] = records ? 'r' : 'f';
	o->slot[i][nr + np + 1] = '\0';
	if (++o->n * 2 > o->mask + 1) {
		struct outputs g = { calloc((o->mask + 1) * 2, sizeof(char *)),
		                     (o->mask + 1) * 2 - 1, o->n };
		if (!g.slot)
			abort();
		for (size_t k = 0; k <= o->mask; k++)
			if (o->slot[k])
				g.slot[output_slot(&g, o->slot[k])] = o->slot[k];
		free(o->slot);
		*o = g;
	}
	return NULL;
}

char *record_named(const struct outputs *o, const char *rel)
{
	const char *slash = strrchr(rel, '/'), *d, *owner;
	char *dir;
	size_t lines;
	int records;
	if (!slash || slash[1] < '1' || slash[1] > '9' || strlen(slash + 1) > 19)
		return NULL;
	for (d = slash + 1; *d; d++)
		if (*d < '0' || *d > '9')
			return NULL;
	dir = cli_xprintf("%.*s", (int)(slash - rel), rel);
	owner = output_owner(o, dir, &records, &lines);
	free(dir);
	return owner && records && strtoull(slash + 1, NULL, 10) <= lines ?
	       cli_xprintf("%s:%s", owner, slash + 1) : NULL;
}

void outputs_free(struct outputs *o)
{
	if (!o)
		return;
	for (size_t k = 0; k <= o->mask; k++)
		free(o->slot[k]);
	free(o->slot);
	free(o);
}

static size_t file_slot(const struct files *f, const struct file_id *id)
{
	uint64_t h = ((uint64_t)id->dev * 0x9E3779B97F4A7C15ULL) ^
	             (uint64_t)id->ino ^ id->name;
	size_t i;
	h = (h ^ (h >> 31)) * 0xbf58476d1ce4e5b9ULL;
	for (i = (size_t)(h ^ (h >> 29)) & f->mask;
	     f->slot[i].ino && (f->slot[i].dev != id->dev ||
	                        f->slot[i].ino != id->ino ||
	                        f->slot[i].name != id->name);
	     i = (i + 1) & f->mask)
		;
	return i;
}

struct files *files_new(void)
{
	struct files *f = calloc(1, sizeof(*f));
	if (!f || !(f->slot = calloc(1024, sizeof(*f->slot))))
		abort();
	f->mask = 1023;
	return f;
}

int taken_before(struct files *f, const struct stat *st, const char *rel)
{
	struct file_id id = { st->st_dev, st->st_ino, fnv1a(rel) };
	size_t i = file_slot(f, &id);
	if (f->slot[i].ino)
		return 1;
	f->slot[i] = id;
	if (++f->n * 2 > f->mask + 1) {
		struct files g = { calloc((f->mask + 1) * 2, sizeof(*g.slot)),
		                   (f->mask + 1) * 2 - 1, f->n };
		if (!g.slot)
			abort();
		for (size_t k = 0; k <= f->mask; k++)
			if (f->slot[k].ino)
				g.slot[file_slot(&g, &f->slot[k])] = f->slot[k];
		free(f->slot);
		*f = g;
	}
	return 0;
}

void files_free(struct files *f)
{
	if (f)
		free(f->slot);
	free(f);
}
