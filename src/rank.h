/*
 * rank.h - ordering areas by an exact key, largest first, ties in file
 * order: the one ranking both the engine and the workbook's cached values
 * use (private to the library).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_RANK_H
#define ABG_RANK_H

#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

/* Stable merge sort of the n indices in idx by key[idx[i]], largest
 * first; equal keys keep their order in idx. tmp holds n indices. */
void abg_rank_desc(size_t *idx, size_t *tmp, size_t n, mpq_t *key);

/* An index and its integer ranking key. */
typedef struct abg_rank_item {
    uint64_t key;
    size_t idx;
} abg_rank_item;

/* Sorts n items by key, largest first; equal keys keep their order in
 * items (a stable radix sort, linear in n). tmp holds n items. */
void abg_rank_items_desc(abg_rank_item *items, abg_rank_item *tmp, size_t n);

/* Orders two indices: > 0 when a comes before b, < 0 when after. */
typedef int (*abg_rank_cmp)(const void *ctx, size_t a, size_t b);

/* Stable merge sort of the n indices in idx by cmp, first first; a pair
 * cmp calls equal keeps its order in idx. tmp holds n indices. */
void abg_rank_by(size_t *idx, size_t *tmp, size_t n, abg_rank_cmp cmp,
                 const void *ctx);

#endif /* ABG_RANK_H */
