/*
 * quota.h - the engine's fast path: exact quotas in machine integers
 * (private to the library).
 *
 * SPDX-License-Identifier: MIT
 *
 * A quota amount * w / W (or amount / areas for an even component) is
 * kept exactly as whole pence plus a remainder over the component's
 * denominator: whole + rem / den, with 0 <= rem < den < 2^63. The product
 * amount * w is formed in 128 bits, so nothing rounds. An area's total is
 * the sum of its whole pence plus the sum of fractions with different
 * denominators; it is ranked by a 64-bit key that bounds the exact
 * remainder from below to within `slack` (key <= exact * 2^precision <
 * key + slack, offset by n_components units), and any two areas whose
 * keys are that close are compared exactly with GMP. abg_quota_fits()
 * says up front whether a model's values fit; when they do not (or the
 * model is damped) the engine keeps every value as a GMP rational.
 *
 * A component over a derived rate (weights that are fractions of their
 * own, crime per head) has den = 2^62 and rem a lower bound of its
 * fraction, exact to within ABG_RATE_WIDTH units (quota_rate.h): the
 * slack counts that too, and wherever the exact value is wanted (the
 * comparisons, abg_quota_value) it comes from the rate's fractions.
 */
#ifndef ABG_QUOTA_H
#define ABG_QUOTA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "abg/alloc.h"
#include "abg/error.h"
#include "abg/model.h"

/* The most components the fast path takes. */
#define ABG_QUOTA_MAX_COMPONENTS 1000

/* The exact quotas of one model, and its areas' remainders. */
typedef struct abg_quota {
    size_t n_areas, n_components;
    int64_t *den;      /* per component: areas (even) or the weights' sum */
    int64_t *sum;      /* per component: the weights' sum (0 for even) */
    int *scale;        /* per component: decimal places of the weights */
    bool *even;        /* per component */
    int64_t *whole;    /* [area * n_components + c]: whole pence */
    int64_t *rem;      /* [area * n_components + c]: numerator over den[c] */
    int64_t *excess;   /* per area: whole pence summed, less its floor */
    uint64_t *key;     /* per area: the remainder's ranking key */
    int precision;     /* bits after the point in key */
    uint64_t slack;    /* how far above key the exact value may lie */
    uint64_t *weights; /* abg_quota_prepare only: [c * n_areas + area],
                          each proportional component's weights at one
                          decimal scale (unused for even ones) */
    uint64_t *widest;  /* abg_quota_prepare only: per component */
    struct abg_rate **rate; /* per component: a derived rate's fractions
                               (quota_rate.h), else NULL; its rem is a
                               lower bound over den = 2^62 */
} abg_quota;

/* Returns true when the model may take the fast path: not damped, every
 * amount non-negative, a unit below 2^40 pence, at most 1,000
 * components, no component weighted by a derived indicator that is not
 * a decimal in every area. abg_quota_new() checks the weights. */
bool abg_quota_fits(const abg_model *model);

/* Returns true when the model may take the fast path with its rates:
 * abg_quota_fits() but for the derived indicators, whose fractions
 * abg_quota_new() bounds in machine words (quota_rate.h). */
bool abg_quota_fits_rates(const abg_model *model);

/* Computes every quota of a model abg_quota_fits_rates() accepts. Returns
 * ABG_ERROR_OVERFLOW when a weight is negative or a component's weights,
 * brought to one decimal scale, do not sum to less than 2^63, or a
 * rate's do not fit quota_rate.h (the caller then takes the GMP path); ABG_ERROR_MODEL with *zero set to the
 * component whose indicator is zero in every area while it has money to
 * give; ABG_ERROR_MEMORY. Free with abg_quota_free(). */
abg_error abg_quota_new(abg_quota **out, const abg_model *model, size_t *zero);

/* Gathers the weights of a model abg_quota_fits() accepts (or would, but
 * for its amounts) and keeps them, so that abg_quota_refill() can compute
 * the quotas of models that differ from it only in their amounts. Returns
 * ABG_ERROR_OVERFLOW as abg_quota_new(), ABG_ERROR_MEMORY. */
abg_error abg_quota_prepare(abg_quota **out, const abg_model *model);

/* Recomputes every quota of q (from abg_quota_prepare) for model's
 * amounts; model must have the areas, indicators and component methods q
 * was prepared from. Returns ABG_ERROR_MODEL with *zero set as
 * abg_quota_new() does; ABG_OK otherwise. */
abg_error abg_quota_refill(abg_quota *q, const abg_model *model, size_t *zero);

/* abg_quota_refill() and the floors of abg_quota_floor_totals() in one
 * pass for a model with the prepared weights, each division by a
 * component's fixed denominator done as a multiplication (every quotient
 * checked, and divided the plain way should the check fail). Writes each
 * area's total floored to unit to floors, and keeps what
 * abg_quota_compare() and ranking need. Returns ABG_ERROR_MODEL with
 * *zero set as abg_quota_new() does, ABG_ERROR_OVERFLOW when a product
 * needs more than 64 bits (use abg_quota_refill() then). */
abg_error abg_quota_floors(abg_quota *q, const abg_model *model, int64_t unit,
                           int64_t *floors, size_t *zero);

/* Frees q; accepts NULL. */
void abg_quota_free(abg_quota *q);

/* Writes component c's quotas rounded to the penny half up to
 * out[area * stride]. */
void abg_quota_round_column(const abg_quota *q, size_t c, int64_t *out,
                            size_t stride);

/* Writes the areas in order of component c's remainders to order,
 * largest first, equal ones in file order. Returns ABG_ERROR_MEMORY or
 * ABG_OK. */
abg_error abg_quota_rank_column(const abg_quota *q, size_t c, size_t *order);

/* Floors each area's exact total to a multiple of unit (areas[].floor)
 * and rounds it half up (areas[].nearest), and keeps what ranking needs. */
void abg_quota_floor_totals(abg_quota *q, int64_t unit,
                            abg_area_rounding *areas);

/* Writes the areas in order of their total's remainder (after
 * abg_quota_floor_totals) to order, largest first, equal ones in file
 * order. Returns ABG_ERROR_MEMORY or ABG_OK. */
abg_error abg_quota_rank_totals(const abg_quota *q, size_t *order);

/* Returns the sign of area a's remainder less area b's. */
int abg_quota_compare(const abg_quota *q, size_t a, size_t b);

/* Returns the sign of (area a's fractions of a penny, the quotas less
 * their whole pence, summed over the components, less area b's, or a's
 * alone when b is SIZE_MAX) - knum / kden (kden > 0), exactly. */
int abg_quota_sign(const abg_quota *q, size_t a, size_t b, int64_t knum,
                   int64_t kden);

/* Sets out to area a's exact quota of component c, in pence. */
void abg_quota_value(mpq_t out, const abg_quota *q, size_t a, size_t c);

/* Returns the sign of area a's remainder less area b's in component c
 * (the quota less its whole pence), exactly. */
int abg_quota_column_compare(const abg_quota *q, size_t c, size_t a, size_t b);

/* Sets lo to a lower bound of area a's exact quota of component c (or of
 * its total when c is SIZE_MAX), in pence, and returns the width of the
 * bound in 2^-62 pence: exact - lo < width * 2^-62, and 0 (lo exact)
 * unless a rate is in it. Cheap: no long fraction is made. */
int64_t abg_quota_bounds(mpq_t lo, const abg_quota *q, size_t a, size_t c);

/* Returns true when area a's exact quota of component c (its total when
 * c is SIZE_MAX), as a reduced fraction, may be longer than `digits`. */
bool abg_quota_long(const abg_quota *q, size_t a, size_t c, size_t digits);

/* Sets out to area a's exact total, in pence. */
void abg_quota_total(mpq_t out, const abg_quota *q, size_t a);

/* Sets out to component c's indicator summed over the areas (0 for an
 * even component), as a plain number. */
void abg_quota_indicator_total(mpq_t out, const abg_quota *q, size_t c);

#endif /* ABG_QUOTA_H */
