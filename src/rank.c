/*
 * rank.c - stable ordering by an exact key, largest first.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "rank.h"

void abg_rank_desc(size_t *idx, size_t *tmp, size_t n, mpq_t *key)
{
    size_t mid = n / 2, i = 0, j = mid, k = 0;

    if (n < 2)
        return;
    abg_rank_desc(idx, tmp, mid, key);
    abg_rank_desc(idx + mid, tmp, n - mid, key);
    /* Taking from the right half only when strictly larger keeps equal
     * keys in file order: the documented tie rule. */
    while (i < mid && j < n)
        tmp[k++] = mpq_cmp(key[idx[j]], key[idx[i]]) > 0 ? idx[j++] : idx[i++];
    while (i < mid)
        tmp[k++] = idx[i++];
    while (j < n)
        tmp[k++] = idx[j++];
    memcpy(idx, tmp, n * sizeof *idx);
}

/* Bits sorted per pass of the radix sort. */
#define RADIX_BITS 16
#define RADIX_SIZE ((size_t)1 << RADIX_BITS)

/* Stable merge sort of items by key, largest first (bottom up). */
static void merge_items(abg_rank_item *items, abg_rank_item *tmp, size_t n)
{
    for (size_t len = 1; len < n; len *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * len) {
            size_t mid = lo + len < n ? lo + len : n;
            size_t hi = lo + 2 * len < n ? lo + 2 * len : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] =
                    items[j].key > items[i].key ? items[j++] : items[i++];
            while (i < mid)
                tmp[k++] = items[i++];
            while (j < hi)
                tmp[k++] = items[j++];
        }
        memcpy(items, tmp, n * sizeof *items);
    }
}

/* Below this many items a merge sort is cheaper than clearing the radix
 * sort's counts. */
#define RADIX_FROM 16384

void abg_rank_items_desc(abg_rank_item *items, abg_rank_item *tmp, size_t n)
{
    size_t *count = n < RADIX_FROM ? NULL : malloc(RADIX_SIZE * sizeof *count);
    uint64_t all = 0;

    /* Without the memory for the counts, the merge sort does the same. */
    if (!count) {
        merge_items(items, tmp, n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        all |= items[i].key;
    /* Least significant digit first, each pass stable, on the complement
     * so that larger keys come first; passes above the highest set bit
     * change nothing and are skipped. */
    for (int shift = 0; shift < 64 && (all >> shift) != 0;
         shift += RADIX_BITS) {
        size_t sum = 0;
        memset(count, 0, RADIX_SIZE * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[(~items[i].key >> shift) & (RADIX_SIZE - 1)]++;
        for (size_t d = 0; d < RADIX_SIZE; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[count[(~items[i].key >> shift) & (RADIX_SIZE - 1)]++] =
                items[i];
        memcpy(items, tmp, n * sizeof *items);
    }
    free(count);
}

void abg_rank_by(size_t *idx, size_t *tmp, size_t n, abg_rank_cmp cmp,
                 const void *ctx)
{
    size_t mid = n / 2, i = 0, j = mid, k = 0;

    if (n < 2)
        return;
    abg_rank_by(idx, tmp, mid, cmp, ctx);
    abg_rank_by(idx + mid, tmp, n - mid, cmp, ctx);
    while (i < mid && j < n)
        tmp[k++] = cmp(ctx, idx[j], idx[i]) > 0 ? idx[j++] : idx[i++];
    while (i < mid)
        tmp[k++] = idx[i++];
    while (j < n)
        tmp[k++] = idx[j++];
    memcpy(idx, tmp, n * sizeof *idx);
}
