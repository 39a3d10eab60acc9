/*
 * target.h - published target tables (a baseline per area, steps of a
 * percentage change from a named year, a rounding rule per figure) and
 * budget statements (a total and its named lines), checked cell by cell.
 *
 * SPDX-License-Identifier: MIT
 *
 * A target file is an INI file with a [targets] section; a budget
 * statement has [budget] and [stream] sections and no [allocation]. Both
 * forms are described in docs/format.md. abg_target_build() turns a loaded
 * config (config.h) into an abg_target, which owns every string and array
 * it points to; abg_target_compute() fills in what the rules give, exactly
 * (GMP rationals), and abg_target_free() releases it all. Figures are
 * exact decimals: an integer count of units at a number of places.
 */
#ifndef ABG_TARGET_H
#define ABG_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "error.h"

/* How a figure's target is rounded to its places. */
typedef enum abg_target_rounding {
    ABG_TARGET_DOWN = 0, /* toward minus infinity: drop the fraction */
    ABG_TARGET_NEAREST,  /* to the nearest, halves away from zero */
    ABG_TARGET_UP        /* toward plus infinity */
} abg_target_rounding;

/* A signed exact decimal: units / 10^scale. */
typedef struct abg_target_number {
    int64_t units;
    int scale;
} abg_target_number;

/* A kind of figure each area carries, such as a count or a rate
 * ([figure NAME]). */
typedef struct abg_target_figure {
    char *name;  /* from [figure NAME]: the key prefix, `count` */
    char *title; /* heading; the name when not given */
    abg_target_rounding rounding;
    int places; /* decimal places of a target, 0 to 9 */
    int line;
} abg_target_figure;

/* A column of the table: a given year, or a [step] computed from one. */
typedef struct abg_target_year {
    char *name;               /* `2009/10` */
    bool is_step;             /* a [step] section computes it */
    size_t base;              /* the year the change applies to (steps) */
    abg_target_number change; /* per cent, signed: -6 for -6% */
    int line;                 /* the [step] heading, or the `years` key */
} abg_target_year;

/* One figure of one area in one year. */
typedef struct abg_target_cell {
    bool has_published;          /* the file gives the printed figure */
    abg_target_number published; /* as printed (given years: the input) */
    int line;                    /* the key's line */
    /* Filled by abg_target_compute() for step years: */
    bool has_rule;          /* the rule gives a figure */
    abg_target_number rule; /* the rule's figure at the figure's places */
    char *exact;            /* base times the change, exact decimal */
    bool differs;           /* published and the rule differ */
} abg_target_cell;

/* A row of the table. */
typedef struct abg_target_area {
    char *name;
    int line;
    abg_target_cell *cells; /* [figure * n_years + year] */
} abg_target_area;

/* Parts that must add up to a total ([sum NAME]), per listed year. */
typedef struct abg_target_sum {
    char *name;
    size_t figure;
    size_t total; /* the area whose figure is the total */
    size_t *years;
    size_t n_years;
    int line;
    /* Filled by abg_target_compute(), one per listed year: */
    abg_target_number *parts; /* what the other areas add up to */
    bool *differs;
} abg_target_sum;

/* A named line of a budget statement ([stream NAME]). */
typedef struct abg_target_line {
    char *name;
    char *title;
    int64_t amount; /* pence */
    int line;
} abg_target_line;

/* A target table or a budget statement. */
typedef struct abg_target {
    char *file;
    char *title;
    char *source;   /* may be NULL */
    bool is_budget; /* a budget statement, not a target table */

    abg_target_figure *figures;
    size_t n_figures;
    abg_target_year *years;
    size_t n_years;
    abg_target_area *areas;
    size_t n_areas;
    abg_target_sum *sums;
    size_t n_sums;

    int64_t budget_total; /* budget statement: the total, pence */
    int budget_line;
    abg_target_line *lines;
    size_t n_lines;
    int64_t not_itemised; /* what the lines leave of the total */
} abg_target;

/* Returns true when config is a target file ([targets]) or a budget
 * statement ([budget] without [allocation]) rather than an allocation. */
bool abg_target_is_target(const abg_config *config);

/* Builds a target table or budget statement from a loaded config,
 * checking every section, key and value (the error names the line). */
abg_error abg_target_build(abg_target **out, const abg_config *config,
                           abg_diag *diag);

/* Applies every step's rule, exactly, and compares each published cell
 * and each sum; ABG_ERROR_OVERFLOW when a target cannot be held. */
abg_error abg_target_compute(abg_target *target, abg_diag *diag);

/* Frees a target and everything it owns; accepts NULL. */
void abg_target_free(abg_target *target);

/* Writes n as a plain decimal (`487`, `6.7304`, `-6`) into buf and
 * returns buf. */
char *abg_target_number_format(char *buf, size_t size, abg_target_number n);

/* Prints the table as published, marking cells that break their rule,
 * then the sums. */
abg_error abg_target_report(FILE *out, const abg_target *target);

/* Prints one `FILE:LINE: ...` line per published cell or sum that
 * differs, in line order; *checked gets how many cells and sums were
 * compared and *differing how many differ. */
abg_error abg_target_check(FILE *out, const abg_target *target,
                           size_t *checked, size_t *differing);

/* Prints the check's closing sentences: how many published targets follow
 * their rule, whether the sums add up, or what a budget statement leaves
 * not itemised. */
abg_error abg_target_summary(FILE *out, const abg_target *target);

/* Writes every cell as CSV (one row per area, figure and year). */
abg_error abg_target_csv_write(FILE *out, const abg_target *target);

/* Writes every cell, rule and sum as JSON. */
abg_error abg_target_json_write(FILE *out, const abg_target *target);

/* Writes the workbook: the table with live formulas for each rule, and a
 * Checks sheet where failing cells are highlighted. */
abg_error abg_target_xlsx_write(const char *path, const abg_target *target,
                                abg_diag *diag);

#endif /* ABG_TARGET_H */
