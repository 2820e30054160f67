/* Per-document arena: bump allocation, freed all at once. */
#ifndef UNMINE_ARENA_H
#define UNMINE_ARENA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct um_arena um_arena;

/* A new empty arena. Aborts if memory runs out. Free with um_arena_free. */
um_arena *um_arena_new(void);

/* Frees the arena and everything allocated from it. NULL is a no-op. */
void um_arena_free(um_arena *a);

/*
 * n bytes aligned for any object, owned by the arena; aborts if memory
 * runs out. The memory is not zeroed; um_arena_zalloc zeroes it.
 */
void *um_arena_alloc(um_arena *a, size_t n);
void *um_arena_zalloc(um_arena *a, size_t n);

/* A NUL-terminated copy of the first n bytes of s, owned by the arena. */
char *um_arena_strndup(um_arena *a, const char *s, size_t n);

/* Bytes handed out so far (for statistics). */
size_t um_arena_used(const um_arena *a);

#ifdef __cplusplus
}
#endif
#endif
