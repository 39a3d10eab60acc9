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

#include <stdbool.h>
#include <stdint.h>
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

/* The most steps the terminal table shows as columns; a larger sweep
 * prints each area's lowest and highest (and the steps that give them)
 * and leaves the full grid to --csv, --json, -o and --html. */
#define ABG_SWEEP_TABLE_MAX_STEPS 12

/* Each area's lowest and highest total over a sweep's steps, and the
 * first step (from 0) that gives each: arrays of n_areas, apart so that
 * folding a step in reads little memory. A step fits 16 bits (a sweep
 * has at most ABG_SWEEP_MAX_STEPS). */
typedef struct abg_sweep_ranges {
    int64_t *lowest, *highest;
    uint16_t *lowest_step, *highest_step;
} abg_sweep_ranges;

/* Allocates r's arrays for n_areas; ABG_ERROR_MEMORY or ABG_OK. Free
 * with abg_sweep_ranges_free() either way. */
abg_error abg_sweep_ranges_init(abg_sweep_ranges *r, size_t n_areas);

/* Frees r's arrays; accepts a zeroed r. */
void abg_sweep_ranges_free(abg_sweep_ranges *r);

/* Folds one step's totals (n_areas of them) into r; step 0 sets them. */
void abg_sweep_ranges_add(abg_sweep_ranges *r, size_t step,
                          const int64_t *totals, size_t n_areas);

/* A sweep's figures, compact: each step's label, each area's lowest and
 * highest, and every area's total at each step as int64 pence when an
 * output needs the grid, plus the first step's model and result for
 * what every step shares (title, currency, area names; borrowed). A
 * step's model and result are not kept past its computation. */
typedef struct abg_sweep_results {
    const abg_model *model;    /* the first step's model */
    const abg_result *result;  /* the first step's result */
    const char *const *labels; /* per step: "30%", or "30% / 400000" */
    size_t n_steps;
    size_t n_areas;
    const int64_t *totals; /* [step * n_areas + area], pence; NULL when
                              nothing prints the grid (the table of more
                              than ABG_SWEEP_TABLE_MAX_STEPS steps) */
    bool whole;            /* every step rounds to a whole unit */
    size_t n_fixed_sets;   /* model->sets[0..n_fixed_sets) are the
                                  --set changes every step shares; the
                                  rest are the varied keys */
    const abg_sweep_ranges *ranges; /* NULL: found from totals */
} abg_sweep_results;

/* A row per area, a column per step, then the lowest, highest and range
 * (highest less lowest) of the area's total. Past
 * ABG_SWEEP_TABLE_MAX_STEPS steps: a row per area with its lowest and
 * highest, the step that gives each, and the range, and a footnote that
 * names the outputs that hold every step. */
abg_error abg_sweep_table(FILE *out, const char *varied,
                          const abg_sweep_results *s);

/* CSV: area, one column per step (headed by its label), min, max, range;
 * plain decimals with two places. */
abg_error abg_sweep_csv_write(FILE *out, const abg_sweep_results *s);

/* JSON: the steps with their labels and every area's total. */
abg_error abg_sweep_json_write(FILE *out, const abg_sweep_results *s);

#endif /* ABG_SWEEP_H */
