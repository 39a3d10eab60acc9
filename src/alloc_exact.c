/*
 * alloc_exact.c - the exact values behind a result, as text: fractions
 * and decimals rounded half away from zero.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_internal.h"

/* n rationals, each 0. */
mpq_t *abg_rationals_new(size_t n)
{
    mpq_t *v = malloc((n ? n : 1) * sizeof *v);

    if (v)
        for (size_t i = 0; i < n; i++)
            mpq_init(v[i]);
    return v;
}

/* Clears and frees n rationals. */
void abg_rationals_free(mpq_t *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        mpq_clear(v[i]);
    free(v);
}

void abg_result_free(abg_result *r)
{
    if (!r)
        return;
    if (r->exact) {
        struct abg_exact *x = r->exact;
        abg_quota_free(x->fast);
        abg_rationals_free(x->quota, x->n_quota);
        abg_rationals_free(x->total, x->n_areas);
        abg_rationals_free(x->remainder, x->n_areas);
        abg_rationals_free(x->indicator_total, x->n_components);
        if (x->stages) {
            abg_rationals_free(x->stages, ABG_STAGE_COUNT * x->n_areas);
            mpq_clear(x->floor_factor);
        }
        free(x);
    }
    for (size_t i = 0; i < r->n_findings; i++)
        free(r->findings[i].text);
    free(r->findings);
    free(r->cells);
    free(r->adjustments);
    free(r->areas);
    free(r->column_sums);
    free(r);
}

/* Writes q (pence for money, plain for indicators) as text. */
static int write_rational(const mpq_t q, bool pence, int places, char *buf,
                          size_t size)
{
    mpq_t p;
    mpz_t scaled, den;
    char *digits;
    int len;

    mpq_init(p);
    mpq_set(p, q);
    if (pence) {
        mpq_set_ui(p, 1, 100);
        mpq_mul(p, p, q);
    }
    if (places < 0) {
        digits = mpq_get_str(NULL, 10, p);
        len = snprintf(buf, size, "%s", digits);
        free(digits);
        mpq_clear(p);
        return len;
    }
    /* round(|p| * 10^places), half away from zero, then place the point. */
    mpz_init(scaled);
    mpz_init(den);
    mpz_ui_pow_ui(den, 10, (unsigned long)places);
    mpz_mul(scaled, mpq_numref(p), den);
    mpz_abs(scaled, scaled);
    mpz_mul_ui(scaled, scaled, 2);
    mpz_add(scaled, scaled, mpq_denref(p));
    mpz_mul_ui(den, mpq_denref(p), 2);
    mpz_fdiv_q(scaled, scaled, den);
    digits = mpz_get_str(NULL, 10, scaled);
    {
        size_t n = strlen(digits);
        const char *sign = mpq_sgn(p) < 0 ? "-" : "";
        if (places == 0)
            len = snprintf(buf, size, "%s%s", sign, digits);
        else if (n > (size_t)places)
            len = snprintf(buf, size, "%s%.*s.%s", sign,
                           (int)(n - (size_t)places), digits,
                           digits + n - places);
        else
            len = snprintf(buf, size, "%s0.%.*s%s", sign, places - (int)n,
                           "000000000000000000000000", digits);
    }
    free(digits);
    mpz_clear(scaled);
    mpz_clear(den);
    mpq_clear(p);
    return len;
}

/* A fast-path value made on demand: the same rational the GMP path keeps,
 * so the same text. */
static int write_fast(const abg_result *r, abg_exact_what what, size_t area,
                      size_t component, int places, char *buf, size_t size)
{
    const abg_quota *q = r->exact->fast;
    mpq_t v, f;
    int len;

    mpq_init(v);
    if (what == ABG_EXACT_QUOTA) {
        abg_quota_value(v, q, area, component);
    } else {
        abg_quota_total(v, q, area);
        if (what == ABG_EXACT_REMAINDER) {
            mpq_init(f);
            mpq_set_si(f, (long)r->areas[area].floor, 1);
            mpq_sub(v, v, f);
            mpq_clear(f);
        }
    }
    len = write_rational(v, true, places, buf, size);
    mpq_clear(v);
    return len;
}

int abg_result_exact(const abg_result *r, abg_exact_what what, size_t area,
                     size_t component, int places, char *buf, size_t size)
{
    const struct abg_exact *x = r->exact;

    if (x->fast &&
        (what == ABG_EXACT_QUOTA || what == ABG_EXACT_TOTAL ||
         what == ABG_EXACT_REMAINDER))
        return write_fast(r, what, area, component, places, buf, size);
    switch (what) {
    case ABG_EXACT_QUOTA:
        return write_rational(x->quota[area * x->n_components + component],
                              true, places, buf, size);
    case ABG_EXACT_TOTAL:
        return write_rational(x->total[area], true, places, buf, size);
    case ABG_EXACT_REMAINDER:
        return write_rational(x->remainder[area], true, places, buf, size);
    case ABG_EXACT_INDICATOR_TOTAL:
        return write_rational(x->indicator_total[component], false, places,
                              buf, size);
    case ABG_EXACT_STAGE:
        return write_rational(x->stages[component * x->n_areas + area], true,
                              places, buf, size);
    case ABG_EXACT_FLOOR_FACTOR:
        return write_rational(x->floor_factor, false, places, buf, size);
    }
    return snprintf(buf, size, "?");
}

int abg_result_compare_remainders(const abg_result *r, size_t a, size_t b)
{
    int c;

    if (r->exact->fast)
        return abg_quota_compare(r->exact->fast, a, b);
    c = mpq_cmp(r->exact->remainder[a], r->exact->remainder[b]);
    return (c > 0) - (c < 0);
}

const char *abg_result_exact_money(const abg_result *r, const abg_model *m,
                                   abg_exact_what what, size_t area,
                                   size_t component, int places, char *buf,
                                   size_t size)
{
    char plain[128], grouped[128];
    abg_decimal d;

    abg_result_exact(r, what, area, component, places, plain, sizeof plain);
    if (abg_decimal_parse(&d, plain, NULL) != ABG_OK)
        snprintf(grouped, sizeof grouped, "%s", plain);
    else
        abg_decimal_format(grouped, sizeof grouped, d);
    snprintf(buf, size, "%s%s", abg_money_symbol(m->currency), grouped);
    return buf;
}
