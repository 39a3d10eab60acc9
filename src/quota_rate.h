/*
 * quota_rate.h - the quotas of a proportional component over a derived
 * rate (crime per 1,000 head): each area's weight a fraction p / q of its
 * own, decided in machine integers where a certified bound decides them
 * (private to the library; quota.c uses it).
 *
 * SPDX-License-Identifier: MIT
 *
 * Quota a = A * w_a / W, with w_a = p_a / q_a in lowest terms (both
 * below 2^64) and W = N / D the exact sum of the weights (a balanced
 * summation: pairs, then pairs of pairs, so no sum is redone as the
 * denominator grows). C = A * 2^64 / W is kept once as z * 2^-shift with
 * z a 128-bit integer (2^127 <= z < 2^128) and C - z * 2^-shift in
 * [0, 2^-shift). Per area, Y = floor(floor(z * p / q) / 2^shift) in three
 * machine words (no heap) bounds the exact value from below:
 * Y <= quota * 2^64 < Y + 3 (each of three truncations costs less than
 * 1: z's, since 2^-shift * p / q <= quota * 2^64 / 2^127 < 1 for
 * A < 2^63; the division's; the shift's). The floor of the quota is taken
 * from Y unless a whole penny lies within that bound; then GMP decides,
 * exactly, by multiplications only. The fraction is kept as `rem` in
 * units of 2^-62 of a penny: rem <= fraction * 2^62 < rem + RATE_WIDTH.
 */
#ifndef ABG_QUOTA_RATE_H
#define ABG_QUOTA_RATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "abg/error.h"
#include "abg/model.h"

/* Bits after the point of a rate quota's fraction (`rem`). */
#define ABG_RATE_BITS 62
/* How far above rem the exact fraction * 2^62 may lie (exclusive). */
#define ABG_RATE_WIDTH 2

/* One component's rational weights and the constants of its quotas. */
typedef struct abg_rate {
    size_t n;           /* areas */
    uint64_t amount;    /* A, pence */
    uint64_t *p, *q;    /* per area: the weight p / q, lowest terms */
    mpq_t total;        /* W, exact and reduced */
    mp_limb_t z[2];     /* C = A * 2^64 / W, to 128 bits, rounded down */
    unsigned shift;     /* C ~ z / 2^shift */
    size_t exact_calls; /* decisions GMP had to make (the tests read it) */
} abg_rate;

/* Returns true when component c is proportional over a derived indicator
 * whose values are not all short decimals: a rate for this module. */
bool abg_rate_applies(const abg_model *model, size_t c);

/* Reads component c's weights (abg_rate_applies) and works out W and C.
 * Returns ABG_ERROR_OVERFLOW when a weight's numerator or denominator
 * needs more than 64 bits, or W is so small next to the amount that C
 * needs more than 128 bits (the caller then takes the GMP path);
 * ABG_ERROR_MEMORY. W may be 0 (the caller checks). Free with
 * abg_rate_free(). */
abg_error abg_rate_new(abg_rate **out, const abg_model *model, size_t c);

/* Frees r; accepts NULL. */
void abg_rate_free(abg_rate *r);

/* Writes area a's quota as whole pence (exact) and rem, its fraction's
 * lower bound in 2^-62 units (see above). */
void abg_rate_quota(abg_rate *r, size_t a, int64_t *whole, int64_t *rem);

/* Returns the sign of area a's quota less whole less knum / kden
 * (kden > 0), exactly (GMP, multiplications only). */
int abg_rate_sign(abg_rate *r, size_t a, int64_t whole, int64_t knum,
                  int64_t kden);

/* Returns true when areas a and b have equal weights (so equal quotas):
 * cross-multiplied in 128 bits, exactly. */
bool abg_rate_same(const abg_rate *r, size_t a, size_t b);

/* Sets num / den (den > 0, not reduced) to area a's quota less area b's,
 * or to area a's quota alone when b is SIZE_MAX, in pence, exactly. */
void abg_rate_term(mpz_t num, mpz_t den, abg_rate *r, size_t a, size_t b);

/* Sets out to area a's exact quota in pence, reduced (by gcds of the
 * big numbers with machine-sized ones: linear in their length). */
void abg_rate_value(mpq_t out, const abg_rate *r, size_t a);

/* Returns true when area a's quota, written as a reduced fraction, may
 * run past `digits` decimal digits (judged from the sizes alone). */
bool abg_rate_long(const abg_rate *r, size_t a, size_t digits);

#endif /* ABG_QUOTA_RATE_H */
