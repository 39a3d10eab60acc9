/*
 * table_map.c - a string-keyed hash table of indices: FNV-1a and linear
 * probing in a power-of-two table at most half full.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "table_map.h"

/* FNV-1a. */
static size_t hash(const char *s)
{
    size_t h = (size_t)14695981039346656037ULL;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
    return h;
}

/* Makes room for n keys; returns false when out of memory. */
bool abg_map_init(abg_map *m, size_t n)
{
    size_t cap = 16;

    while (cap < 2 * n)
        cap *= 2;
    m->slots = calloc(cap, sizeof *m->slots);
    m->mask = cap - 1;
    return m->slots != NULL;
}

/* Returns the value stored for key, or ABG_MAP_NONE. */
size_t abg_map_find(const abg_map *m, const char *key)
{
    size_t h = hash(key);

    for (size_t i = h & m->mask; m->slots[i].key; i = (i + 1) & m->mask)
        if (m->slots[i].hash == h && strcmp(m->slots[i].key, key) == 0)
            return m->slots[i].value;
    return ABG_MAP_NONE;
}

size_t abg_map_hash(const char *key)
{
    return hash(key);
}

void abg_map_prefetch(const abg_map *m, size_t h)
{
    __builtin_prefetch(&m->slots[h & m->mask]);
}

/* Stores key unless present; returns the value already stored, or
 * ABG_MAP_NONE when key is new. The map must have room (abg_map_init). */
size_t abg_map_put(abg_map *m, const char *key, size_t value)
{
    return abg_map_put_hashed(m, key, hash(key), value);
}

size_t abg_map_put_hashed(abg_map *m, const char *key, size_t h, size_t value)
{
    size_t i = h & m->mask;

    for (; m->slots[i].key; i = (i + 1) & m->mask)
        if (m->slots[i].hash == h && strcmp(m->slots[i].key, key) == 0)
            return m->slots[i].value;
    m->slots[i].key = key;
    m->slots[i].hash = h;
    m->slots[i].value = value;
    return ABG_MAP_NONE;
}

/* Frees the slots. */
void abg_map_free(abg_map *m)
{
    free(m->slots);
    m->slots = NULL;
}
