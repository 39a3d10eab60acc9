/*
 * quota_sign.c - the exact sign of sums of an area's quota fractions: what
 * decides when the 64-bit ranking keys are too close to.
 *
 * SPDX-License-Identifier: MIT
 */
#include "quota.h"
#include "quota_rate.h"

/* Returns the sign of sum(num[c] / den[c]) - knum / kden, exactly. */
static int exact_sign(const abg_quota *q, const int64_t *num, int64_t knum,
                      int64_t kden)
{
    size_t nc = q->n_components, used = 0, last = 0;
    mpq_t acc, t;
    int sign;

    for (size_t c = 0; c < nc; c++)
        if (num[c] != 0)
            used++, last = c;
    if (used == 0)
        return (knum < 0) - (knum > 0);
    if (used == 1) {
        /* num / den - knum / kden, both denominators positive. */
        __int128 l = (__int128)num[last] * kden;
        __int128 r = (__int128)knum * q->den[last];
        return (l > r) - (l < r);
    }
    mpq_inits(acc, t, NULL);
    mpq_set_si(acc, -knum, (unsigned long)kden);
    mpq_canonicalize(acc);
    for (size_t c = 0; c < nc; c++) {
        if (num[c] == 0)
            continue;
        mpq_set_si(t, num[c], (unsigned long)q->den[c]);
        mpq_canonicalize(t);
        mpq_add(acc, acc, t);
    }
    sign = mpq_sgn(acc);
    mpq_clears(acc, t, NULL);
    return sign;
}

/* The sum of the fractions in machine words where they allow, else GMP
 * (a rate's term is added over its own denominator, unreduced:
 * multiplications only). */
int abg_quota_sign(const abg_quota *q, size_t a, size_t b, int64_t knum,
                   int64_t kden)
{
    size_t nc = q->n_components;
    int64_t num[ABG_QUOTA_MAX_COMPONENTS];
    bool big[ABG_QUOTA_MAX_COMPONENTS], any = false;
    mpq_t s, t;
    mpz_t acc, den, tn, td;
    int sign;

    for (size_t c = 0; c < nc; c++) {
        int64_t rb = b == SIZE_MAX ? 0 : q->rem[b * nc + c];
        num[c] = q->rate[c] ? 0 : q->rem[a * nc + c] - rb;
        /* Equal weights give equal quotas: the fractions cancel. */
        big[c] = q->rate[c] &&
            (b == SIZE_MAX ? q->rate[c]->p[a] != 0
                           : !abg_rate_same(q->rate[c], a, b));
        any |= big[c];
    }
    if (!any)
        return exact_sign(q, num, knum, kden);
    /* s = sum of the machine-sized fractions - knum / kden - the whole
     * pence of each rate term (its fraction is quota - whole) */
    mpq_inits(s, t, NULL);
    mpz_inits(acc, den, tn, td, NULL);
    mpq_set_si(s, -knum, (unsigned long)kden);
    mpq_canonicalize(s);
    for (size_t c = 0; c < nc; c++) {
        if (num[c] != 0) {
            mpq_set_si(t, num[c], (unsigned long)q->den[c]);
            mpq_canonicalize(t);
            mpq_add(s, s, t);
        }
        if (big[c]) {
            int64_t wb = b == SIZE_MAX ? 0 : q->whole[b * nc + c];
            mpq_set_si(t, wb - q->whole[a * nc + c], 1);
            mpq_add(s, s, t);
        }
    }
    mpz_set(acc, mpq_numref(s));
    mpz_set(den, mpq_denref(s));
    for (size_t c = 0; c < nc; c++) {
        if (!big[c])
            continue;
        abg_rate_term(tn, td, q->rate[c], a, b);
        mpz_mul(acc, acc, td);
        mpz_addmul(acc, tn, den);
        mpz_mul(den, den, td);
    }
    sign = mpz_sgn(acc);
    mpz_clears(acc, den, tn, td, NULL);
    mpq_clears(s, t, NULL);
    return sign;
}
