/*
 * arena.h - many small strings in a few large blocks, freed together
 * (private to the library).
 *
 * SPDX-License-Identifier: MIT
 *
 * A loaded file holds a section and two or three entries per area: a
 * million areas would be millions of small allocations, each with its
 * own header and its own free. The arena hands out space from blocks of
 * a megabyte or more and frees them all at once; nothing it gives out is
 * freed alone.
 */
#ifndef ABG_ARENA_H
#define ABG_ARENA_H

#include <stddef.h>

/* One block; the arena is a list of them, newest first. */
typedef struct abg_arena {
    struct abg_arena_block *blocks;
} abg_arena;

/* Returns n bytes (aligned for any string, not for other types) that
 * live until abg_arena_free, or NULL when memory runs out. */
char *abg_arena_alloc(abg_arena *arena, size_t n);

/* Frees every block; the arena is then empty and may be used again. */
void abg_arena_free(abg_arena *arena);

#endif /* ABG_ARENA_H */
