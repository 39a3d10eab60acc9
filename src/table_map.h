/*
 * table_map.h - a string-keyed hash table of indices, for joining tables
 * in linear time (private to the library).
 *
 * SPDX-License-Identifier: MIT
 *
 * The table does not copy its keys: they must outlive it. Its size is
 * fixed when it is made, for at most the number of keys given then.
 */
#ifndef ABG_TABLE_MAP_H
#define ABG_TABLE_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What abg_map_find and abg_map_put return for "no such key". */
#define ABG_MAP_NONE SIZE_MAX

/* One slot: a key, its hash and its value. */
typedef struct abg_map_slot {
    const char *key;
    size_t hash; /* compared first: most probes then skip the strcmp */
    size_t value;
} abg_map_slot;

/* The table; all-zero is an empty table to pass to abg_map_init. */
typedef struct abg_map {
    abg_map_slot *slots;
    size_t mask;
} abg_map;

/* Makes room for n keys; returns false when out of memory. */
bool abg_map_init(abg_map *map, size_t n);

/* Returns the value stored for key, or ABG_MAP_NONE. */
size_t abg_map_find(const abg_map *map, const char *key);

/* Stores key with value unless it is there; returns the value already
 * stored, or ABG_MAP_NONE when key is new. */
size_t abg_map_put(abg_map *map, const char *key, size_t value);

/* The hash of key, for abg_map_prefetch and abg_map_put_hashed. */
size_t abg_map_hash(const char *key);

/* Asks the processor to fetch the slot where a key of hash h goes, ahead
 * of abg_map_put_hashed: a million keys then wait for memory a few at a
 * time instead of one after the other. */
void abg_map_prefetch(const abg_map *map, size_t h);

/* abg_map_put for a key whose hash h was worked out already. */
size_t abg_map_put_hashed(abg_map *map, const char *key, size_t h,
                          size_t value);

/* Frees the slots (not the keys); accepts an empty table. */
void abg_map_free(abg_map *map);

#endif /* ABG_TABLE_MAP_H */
