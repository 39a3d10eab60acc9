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

#include <gmp.h>

/* Stable merge sort of the n indices in idx by key[idx[i]], largest
 * first; equal keys keep their order in idx. tmp holds n indices. */
void abg_rank_desc(size_t *idx, size_t *tmp, size_t n, mpq_t *key);

#endif /* ABG_RANK_H */
