/*
 * rank.c - stable ordering by an exact key, largest first.
 *
 * SPDX-License-Identifier: MIT
 */
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
        tmp[k++] = mpq_cmp(key[idx[j]], key[idx[i]]) > 0 ? idx[j++]
                                                         : idx[i++];
    while (i < mid)
        tmp[k++] = idx[i++];
    while (j < n)
        tmp[k++] = idx[j++];
    memcpy(idx, tmp, n * sizeof *idx);
}
