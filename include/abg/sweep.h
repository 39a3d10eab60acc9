/*
 * sweep.h - sensitivity: one or two keys varied over a range, and each
 * area's allocation at every step.
 *
 * SPDX-License-Identifier: MIT
 *
 * A range is written START:END:STEP in the key's own form: `20%:60%:5%`
 * for a share, `380000:460000:10000` for money. Values are exact decimals
 * (no floating point), END included when the steps reach it.
 */
#ifndef ABG_SWEEP_H
#define ABG_SWEEP_H

#include <stdio.h>

#include "alloc.h"
#include "model.h"

/* The most steps one varied key may take. */
#define ABG_SWEEP_MAX_STEPS 1000

/* Expands "KEY=START:END:STEP" into *key (a copy) and the values as
 * strings (*values, *n), each to be set with abg_config_set(). The caller
 * frees *key, each value and the array. */
abg_error abg_sweep_parse(char **key, char ***values, size_t *n,
                          const char *spec, abg_diag *diag);

/* One step of a sweep: its label ("30%", or "30% / 400000") and its
 * allocation (borrowed). */
typedef struct abg_sweep_step {
    const char *label;
    const abg_model *model;
    const abg_result *result;
} abg_sweep_step;

/* A row per area, a column per step, then the lowest, highest and range
 * (highest less lowest) of the area's total. */
abg_error abg_sweep_table(FILE *out, const char *varied,
                          const abg_sweep_step *steps, size_t n);

/* CSV: area, one column per step (headed by its label), min, max, range;
 * plain decimals with two places. */
abg_error abg_sweep_csv_write(FILE *out, const abg_sweep_step *steps,
                              size_t n);

/* JSON: the steps with their labels and every area's total. */
abg_error abg_sweep_json_write(FILE *out, const abg_sweep_step *steps,
                               size_t n);

#endif /* ABG_SWEEP_H */
