/* A bump allocator: each document's memory, freed in one go. */
#include <stdlib.h>
#include <string.h>
#include <stdalign.h>

#include "internal.h"

#define ARENA_CHUNK ((size_t)64 << 10)
#define ALIGN alignof(max_align_t)

struct chunk {
	struct chunk *next;
	size_t size;
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

struct um_arena {
	struct chunk *head;
	size_t used;
};

um_arena *um_arena_new(void)
{
	return um_xcalloc(1, sizeof(um_arena));
}

void um_arena_free(um_arena *a)
{
	struct chunk *c, *next;
	if (!a)
		return;
	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *um_arena_alloc(um_arena *a, size_t n)
{
	struct chunk *c = a->head;
	size_t need = (n + ALIGN - 1) & ~(ALIGN - 1);
	void *p;

	if (need < n)
		abort();
	if (!c || c->size - c->used < need) {
		/* Large requests get a chunk of their own behind the current
		 * one, so the space left in the current chunk is not wasted. */
		size_t size = need > ARENA_CHUNK / 4 ? need : ARENA_CHUNK;
		struct chunk *nc = um_xmalloc(sizeof(*nc) + size);
		nc->size = size;
		nc->used = 0;
		if (c && size != ARENA_CHUNK) {
			nc->next = c->next;
			c->next = nc;
		} else {
			nc->next = c;
			a->head = nc;
		}
		c = nc;
	}
	p = c->data + c->used;
	c->used += need;
	a->used += need;
	return p;
}

void *um_arena_zalloc(um_arena *a, size_t n)
{
	void *p = um_arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *um_arena_strndup(um_arena *a, const char *s, size_t n)
{
	char *p = um_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

size_t um_arena_used(const um_arena *a)
{
	return a->used;
}

void um_arena_grow(um_arena *a, void **arr, size_t n, size_t *cap,
                   size_t need, size_t elsize)
{
	size_t c = *cap;
	void *p;
	if (need <= c)
		return;
	c = c < 4 ? 4 : c;
	while (c < need)
		c *= 2;
	p = um_arena_alloc(a, c * elsize);
	if (n)
		memcpy(p, *arr, n * elsize);
	*arr = p;
	*cap = c;
}
