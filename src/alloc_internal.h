/*
 * alloc_internal.h - the exact values behind a result, shared by the
 * engine (alloc.c) and the functions that read them (alloc_exact.c);
 * private to the library.
 *
 * SPDX-License-Identifier: MIT
 *
 * A result holds its exact values one of two ways. On the fast path
 * (quota.h) only machine integers are kept and each rational is made
 * when asked for; otherwise, and always for damped models, every quota,
 * total and remainder is a GMP rational made up front.
 */
#ifndef ABG_ALLOC_INTERNAL_H
#define ABG_ALLOC_INTERNAL_H

#include <gmp.h>

#include "abg/alloc.h"
#include "quota.h"

/* mpz_set_si takes a long; money and indicators are int64_t. */
_Static_assert(sizeof(long) >= sizeof(int64_t), "long must hold int64_t");

/* The exact values behind a result, in pence. */
struct abg_exact {
    size_t n_quota, n_areas, n_components;
    abg_quota *fast;        /* the fast path's integers, or NULL */
    mpq_t *quota;           /* [area * n_components + component]; GMP
                                path only, like total and remainder */
    mpq_t *total;           /* per area */
    mpq_t *remainder;       /* per area: total less floor */
    mpq_t *indicator_total; /* per component (0 for even ones) */
    mpq_t *stages;          /* [stage * n_areas + area], damped only */
    mpq_t floor_factor;     /* damped only */
};

/* What one largest-remainder pass decided about ties. */
typedef struct abg_tie {
    size_t first, count; /* range of `order` holding the tied areas */
    size_t winners;      /* how many of them got a unit */
} abg_tie;

/* Adds the finding for a tie (`what` names the ranking: "area totals",
 * "the crime column"; component is the column's, SIZE_MAX for the
 * totals); with refuse, returns ABG_ERROR_TIE with the areas in diag
 * instead. order lists the areas in rank order. */
abg_error abg_alloc_tie_finding(abg_result *result, const abg_model *model,
                                const size_t *order, const abg_tie *t,
                                const char *what, size_t component,
                                abg_diag *diag, bool refuse);

/* Adds the findings of a computed result: column sums, plain rounding
 * against the pot, the areas lifted or left down (order: rank order),
 * the tie in the area totals, money the budget leaves. */
abg_error abg_alloc_describe(abg_result *result, const abg_model *model,
                             const size_t *order, const abg_tie *total_tie,
                             abg_diag *diag);

/* abg_alloc_compute() on the GMP path whatever the model's values: the
 * property test checks that both paths give the same result. */
abg_error abg_alloc_compute_gmp(abg_result **out, const abg_model *model,
                                abg_diag *diag);

/* Returns n rationals set to 0 (NULL when out of memory). */
mpq_t *abg_rationals_new(size_t n);

/* Frees n rationals; accepts NULL. */
void abg_rationals_free(mpq_t *v, size_t n);

#endif /* ABG_ALLOC_INTERNAL_H */
