/*
 * arena.c - many small strings in a few large blocks, freed together.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>

#include "arena.h"

/* The smallest block: large enough that a big file needs few. */
#define BLOCK (1u << 20)

struct abg_arena_block {
    struct abg_arena_block *next;
    size_t used, cap;
    char data[];
};

char *abg_arena_alloc(abg_arena *a, size_t n)
{
    struct abg_arena_block *b = a->blocks;

    if (!b || b->cap - b->used < n) {
        /* Each block twice the last, so that the count stays small. */
        size_t cap = b && b->cap < ((size_t)64 << 20) ? 2 * b->cap : BLOCK;
        if (cap < n)
            cap = n;
        if (!(b = malloc(sizeof *b + cap)))
            return NULL;
        b->next = a->blocks, b->used = 0, b->cap = cap;
        a->blocks = b;
    }
    b->used += n;
    return b->data + b->used - n;
}

void abg_arena_free(abg_arena *a)
{
    while (a->blocks) {
        struct abg_arena_block *next = a->blocks->next;
        free(a->blocks);
        a->blocks = next;
    }
}
