/*
 * compare.h - a base allocation beside its scenarios: each area's figure
 * in each, and the change in money and per cent.
 *
 * SPDX-License-Identifier: MIT
 *
 * A comparison keeps each scenario's figures compactly (its name, title,
 * pot and every area's total) beside the base's model and result, so a
 * scenario's model and result can be freed once its figures are taken.
 * Everything is borrowed: the caller keeps it and frees it after.
 * Scenarios change values, never which areas exist, so every scenario
 * has the same areas in the same order.
 */
#ifndef ABG_COMPARE_H
#define ABG_COMPARE_H

#include <stdio.h>

#include "alloc.h"
#include "model.h"

/* The allocations side by side; [0] is the base. */
typedef struct abg_comparison {
    size_t n;                    /* the base and its scenarios */
    const abg_model *base;       /* the base's model */
    const char *const *names;    /* per allocation: the scenario's
                                        name, NULL for the base */
    const char *const *titles;   /* per allocation: its title */
    const char *const *headings; /* per allocation: its column label,
                                        the title and every --set change
                                        (abg_model_label) */
    const int64_t *pots;         /* per allocation, pence */
    const int64_t *totals;       /* [k * base->n_areas + area] */
    /* Every allocation's model and result, for the workbook
     * (abg_xlsx_write_comparison); NULL when none is written. */
    const abg_model *const *models;
    const abg_result *const *results;
} abg_comparison;

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
