/*
 * alloc.h - the arithmetic: exact quotas, rounding, and findings.
 *
 * SPDX-License-Identifier: MIT
 *
 * abg_alloc_compute() divides a model's pot exactly (rational arithmetic,
 * no floating point) and rounds it the way the published tables do:
 *
 *  - each component figure is shown to the penny, rounded half away from
 *    zero (a spreadsheet's ROUND), or with component_rounding = preserve by
 *    the largest-remainder method so that each column adds up;
 *  - each area's total is its exact quota rounded to round_to by the
 *    largest-remainder (Hamilton) method, so the totals add up to the pot.
 *
 * It also lists every place where shown figures do not add up (findings).
 * The result is owned by the caller and freed with abg_result_free(); it
 * refers to the model by index only, so the model must outlive its use.
 */
#ifndef ABG_ALLOC_H
#define ABG_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

/* The kinds of finding, in the order they are listed. */
typedef enum abg_finding_kind {
    ABG_FINDING_COLUMN_SUM = 0, /* a column's penny figures miss its amount */
    ABG_FINDING_NEAREST_SUM,    /* plain rounding of totals misses the pot */
    ABG_FINDING_LIFTED,         /* an area got a unit from its remainder */
    ABG_FINDING_LEFT_DOWN, /* plain rounding would lift it; the method did not */
    ABG_FINDING_TIE,       /* equal remainders; file order decided */
    ABG_FINDING_UNALLOCATED /* the budget's streams leave money over */
} abg_finding_kind;

/* One observation about the rounding, with the figures it compares. */
typedef struct abg_finding {
    abg_finding_kind kind;
    size_t component; /* ABG_FINDING_COLUMN_SUM */
    size_t area;      /* LIFTED, LEFT_DOWN, and the winner of a TIE */
    int64_t shown;    /* the sum or figure shown */
    int64_t expected; /* what it should add up to, or the exact quota's
                          nearest unit for LEFT_DOWN and LIFTED */
    char *text;       /* one sentence for people, no trailing newline */
} abg_finding;

/* How one area's total was reached. */
typedef struct abg_area_rounding {
    int64_t total;   /* final total, pence: floor plus units added */
    int64_t floor;   /* exact total rounded down to the unit */
    int64_t nearest; /* exact total rounded half up to the unit */
    int64_t added;   /* pence added by the largest-remainder step */
    size_t rank;     /* 1 for the largest remainder, ties by file order */
} abg_area_rounding;

/* The steps of damping, in the order they apply; each area's exact figure
 * after each is kept (a step the file does not set changes nothing). */
typedef enum abg_stage {
    ABG_STAGE_FORMULA = 0, /* the formula's exact total, before damping */
    ABG_STAGE_PACE,
    ABG_STAGE_FLOOR,
    ABG_STAGE_CEILING,
    ABG_STAGE_MINIMUM,
    ABG_STAGE_COUNT
} abg_stage;

/* The computed allocation. */
typedef struct abg_result {
    size_t n_areas;
    size_t n_components;
    int64_t unit;             /* round_to, pence */
    int64_t *cells;           /* [area * n_components + component], pence */
    abg_area_rounding *areas; /* one per area */
    int64_t *column_sums;     /* sum of each component's shown figures */
    int64_t floor_sum;        /* sum of floored totals */
    int64_t nearest_sum;      /* sum of totals rounded half up */
    int64_t units;            /* units handed out by largest remainder */
    abg_finding *findings;
    size_t n_findings;
    bool damped;             /* the model has [damping] */
    int64_t *adjustments;    /* per area: damped exact total less the
                                   formula's, to the penny (0 undamped) */
    struct abg_exact *exact; /* exact values, read with abg_result_exact */
} abg_result;

/* Computes the allocation. Returns ABG_ERROR_TIE (with the areas named in
 * diag) when the model says ties = refuse and a tie decided a unit,
 * ABG_ERROR_MODEL when the model cannot be divided (no areas, an indicator
 * that sums to zero, a pot that is not a multiple of round_to). */
abg_error abg_alloc_compute(abg_result **out, const abg_model *model,
                            abg_diag *diag);

/* Frees a result; accepts NULL. */
void abg_result_free(abg_result *result);

/* What computes of one model's variants share (opaque): each component's
 * weights gathered at one decimal scale, and their sums. Variants differ
 * from the prepared model only in numbers: pot, round_to, ties and the
 * components' amounts; never in areas, indicators or methods. */
typedef struct abg_alloc_prep abg_alloc_prep;

/* Gathers model's weights into *out (free with abg_alloc_prep_free()).
 * Returns ABG_ERROR_OVERFLOW when the weights do not fit machine integers
 * (use abg_alloc_compute() for every variant then), ABG_ERROR_MEMORY. */
abg_error abg_alloc_prepare(abg_alloc_prep **out, const abg_model *model);

/* Writes each area's rounded total (abg_alloc_compute()'s areas[].total,
 * identical) for a variant of the prepared model to out[n_areas], with
 * no findings and no exact values kept. Returns ABG_ERROR_OVERFLOW when
 * this path cannot decide: a damped model, values past 64/128 bits, a pot
 * that is not a multiple of round_to, an indicator that is zero in every
 * area, or ties = refuse with a tie at the cut; abg_alloc_compute() then
 * gives the totals or the error. ABG_ERROR_MEMORY when out of memory. */
abg_error abg_alloc_totals(int64_t *out, abg_alloc_prep *prep,
                           const abg_model *model);

/* Frees what abg_alloc_prepare() made; accepts NULL. */
void abg_alloc_prep_free(abg_alloc_prep *prep);

/* The exact values a result keeps. */
typedef enum abg_exact_what {
    ABG_EXACT_QUOTA = 0,       /* an area's exact share of one component */
    ABG_EXACT_TOTAL,           /* an area's exact total */
    ABG_EXACT_REMAINDER,       /* exact total less its floor */
    ABG_EXACT_INDICATOR_TOTAL, /* a component's indicator summed over areas */
    ABG_EXACT_STAGE,           /* an area's figure after the damping step
                                  given as `component` (an abg_stage) */
    ABG_EXACT_FLOOR_FACTOR     /* the factor gains above the floor kept
                                  (a plain number, 1 without a floor) */
} abg_exact_what;

/* Writes an exact value into buf, snprintf-style (returns the length the
 * whole text needs). Money is in pounds, not pence. With places < 0 the
 * text is the reduced fraction `3482625/254` (or an integer); otherwise a
 * decimal rounded half away from zero to that many places. `area` is
 * ignored for ABG_EXACT_INDICATOR_TOTAL and FLOOR_FACTOR, `component` for
 * TOTAL and REMAINDER. STAGE and FLOOR_FACTOR need a damped result. */
int abg_result_exact(const abg_result *result, abg_exact_what what,
                     size_t area, size_t component, int places, char *buf,
                     size_t size);

/* The most digits an exact value's fraction may have before
 * abg_result_exact_long() calls it long. */
#define ABG_EXACT_LONG 100
#define ABG_EXACT_LONG_TEXT "100"

/* Returns true when an exact value, as a reduced fraction, may run past
 * ABG_EXACT_LONG digits: a quota over a derived rate (crime per head)
 * across many areas, whose denominator carries every area's population,
 * or a total or remainder holding one (an indicator total never counts
 * as long: it is written once). Its decimals cost no more than others'. */
bool abg_result_exact_long(const abg_result *result, abg_exact_what what,
                           size_t area, size_t component);

/* Writes an exact money value (QUOTA, TOTAL or REMAINDER) rounded to
 * `places` decimals (0 to 9) as the model's currency, grouped:
 * `£51,617.80`. Returns buf; the text is cut to fit size. */
const char *abg_result_exact_money(const abg_result *result,
                                   const abg_model *model, abg_exact_what what,
                                   size_t area, size_t component, int places,
                                   char *buf, size_t size);

/* Returns the sign of (a's remainder - b's remainder): the exact
 * comparison the ranking uses. */
int abg_result_compare_remainders(const abg_result *result, size_t a,
                                  size_t b);

/* Returns area's exact remainder (its exact total less its floor) in
 * units of round_to, truncated toward zero to a double as GMP's
 * mpq_get_d() does: the figure a workbook caches. A value over a rate is
 * decided from its bounds, without its long fraction, unless a double
 * lies between them. */
double abg_result_remainder_units(const abg_result *result, size_t area);

/* Returns area's exact share of component c in pence less its whole pence
 * (written to *floor), truncated toward zero to a double as mpq_get_d()
 * does; from bounds, as abg_result_remainder_units(). */
double abg_result_quota_remainder(const abg_result *result, size_t area,
                                  size_t component, int64_t *floor);

/* Returns the sign of (a's remainder of a penny in component c - b's):
 * the exact comparison component_rounding = preserve ranks by. */
int abg_result_compare_quota_remainders(const abg_result *result,
                                        size_t component, size_t a, size_t b);

#endif /* ABG_ALLOC_H */
