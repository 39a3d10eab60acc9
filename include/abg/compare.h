/*
 * compare.h - a base allocation beside its scenarios: each area's figure
 * in each, and the change in money and per cent.
 *
 * SPDX-License-Identifier: MIT
 *
 * A comparison borrows its models and results (the caller keeps them and
 * frees them after). Scenarios change values, never which areas exist, so
 * every model has the same areas in the same order.
 */
#ifndef ABG_COMPARE_H
#define ABG_COMPARE_H

#include <stdio.h>

#include "alloc.h"
#include "model.h"

/* The allocations side by side; [0] is the base. */
typedef struct abg_comparison {
    const abg_model *const *models;
    const abg_result *const *results;
    size_t n;
} abg_comparison;

/* Writes change / base as a percentage rounded half away from zero to one
 * decimal (`-10.0%`), or "n/a" when base is zero; returns buf. */
char *abg_percent_change(char *buf, size_t size, int64_t base,
                         int64_t change);

/* The comparison table: area, previous year (when every area has one),
 * base, and for each scenario its figure and change on the base. */
abg_error abg_compare_table(FILE *out, const abg_comparison *cmp);

/* CSV: area,[previous,]base,then per scenario NAME,NAME_change; plain
 * decimals with two places, as abg_csv_write. */
abg_error abg_compare_csv_write(FILE *out, const abg_comparison *cmp);

/* JSON: the scenarios with their titles, and per area each figure with
 * its change in money and per cent. */
abg_error abg_compare_json_write(FILE *out, const abg_comparison *cmp);

#endif /* ABG_COMPARE_H */
