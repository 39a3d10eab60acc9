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

/* A fast-path decimal from the bounds of a value holding a rate
 * (abg_quota_bounds): when the value's lower bound and its upper bound
 * round to the same text, so does the value (rounding only ever goes up
 * with the value); returns -1 when they do not, or memory runs out. */
static int write_bounded(const abg_result *r, abg_exact_what what, size_t area,
                         size_t component, int places, char *buf, size_t size)
{
    const abg_quota *q = r->exact->fast;
    mpq_t lo, hi;
    int64_t width;
    int len = -1;
    char small[160], *a = small, *b = NULL;

    mpq_inits(lo, hi, NULL);
    width = abg_quota_bounds(lo, q, area,
                             what == ABG_EXACT_QUOTA ? component : SIZE_MAX);
    if (what == ABG_EXACT_REMAINDER) {
        mpq_set_si(hi, (long)r->areas[area].floor, 1);
        mpq_sub(lo, lo, hi);
    }
    mpq_set_si(hi, (long)width, 1);
    mpz_mul_2exp(mpq_denref(hi), mpq_denref(hi), 62);
    mpq_canonicalize(hi);
    mpq_add(hi, hi, lo);
    {
        int n = write_rational(lo, true, places, small, sizeof small);
        if (n >= (int)sizeof small)
            a = malloc((size_t)n + 1);
        b = malloc((size_t)n + 1);
        if (a && b) {
            write_rational(lo, true, places, a, (size_t)n + 1);
            if (write_rational(hi, true, places, b, (size_t)n + 1) == n &&
                strcmp(a, b) == 0)
                len = snprintf(buf, size, "%s", a);
        }
    }
    if (a != small)
        free(a);
    free(b);
    mpq_clears(lo, hi, NULL);
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

    /* A decimal of a value over a rate, from its bounds: no long
     * fraction made unless the bounds straddle a rounding point. */
    if (places >= 0 &&
        abg_quota_long(q, area, what == ABG_EXACT_QUOTA ? component : SIZE_MAX,
                       0) &&
        (len = write_bounded(r, what, area, component, places, buf, size)) >=
            0)
        return len;
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

bool abg_result_exact_long(const abg_result *r, abg_exact_what what,
                           size_t area, size_t component)
{
    const struct abg_exact *x = r->exact;
    const mpq_t *v;

    if (what != ABG_EXACT_QUOTA && what != ABG_EXACT_TOTAL &&
        what != ABG_EXACT_REMAINDER && what != ABG_EXACT_STAGE)
        return false;
    if (x->fast)
        return what != ABG_EXACT_STAGE &&
            abg_quota_long(x->fast, area,
                           what == ABG_EXACT_QUOTA ? component : SIZE_MAX,
                           ABG_EXACT_LONG);
    v = what == ABG_EXACT_QUOTA ? &x->quota[area * x->n_components + component]
        : what == ABG_EXACT_TOTAL ? &x->total[area]
        : what == ABG_EXACT_REMAINDER
        ? &x->remainder[area]
        : &x->stages[component * x->n_areas + area];
    /* log10(2) < 0.30103 */
    return (mpz_sizeinbase(mpq_numref(*v), 2) +
            mpz_sizeinbase(mpq_denref(*v), 2)) *
        30103 / 100000 >
        ABG_EXACT_LONG;
}

int abg_result_compare_remainders(const abg_result *r, size_t a, size_t b)
{
    int c;

    if (r->exact->fast)
        return abg_quota_compare(r->exact->fast, a, b);
    c = mpq_cmp(r->exact->remainder[a], r->exact->remainder[b]);
    return (c > 0) - (c < 0);
}

double abg_result_remainder_units(const abg_result *r, size_t area)
{
    const struct abg_exact *x = r->exact;
    mpq_t lo, hi;
    double d;
    int64_t width = 0;

    mpq_inits(lo, hi, NULL);
    if (x->fast) {
        /* The bounds in pence: the remainder lies in [lo, lo + width /
         * 2^62]; when both ends truncate to one double, so does it. */
        width = abg_quota_bounds(lo, x->fast, area, SIZE_MAX);
        mpq_set_si(hi, (long)r->areas[area].floor, 1);
        mpq_sub(lo, lo, hi);
        if (width > 0) {
            mpq_set_si(hi, (long)width, 1);
            mpz_mul_2exp(mpq_denref(hi), mpq_denref(hi), 62);
            mpq_canonicalize(hi);
            mpq_add(hi, hi, lo);
            mpz_mul_si(mpq_denref(hi), mpq_denref(hi), (long)r->unit);
            mpq_canonicalize(hi);
        }
    } else {
        mpq_set(lo, x->remainder[area]);
    }
    mpz_mul_si(mpq_denref(lo), mpq_denref(lo), (long)r->unit);
    mpq_canonicalize(lo);
    d = mpq_get_d(lo);
    if (width > 0 && mpq_get_d(hi) != d) {
        /* A double between the bounds: the exact value decides. */
        abg_quota_total(lo, x->fast, area);
        mpq_set_si(hi, (long)r->areas[area].floor, 1);
        mpq_sub(lo, lo, hi);
        mpz_mul_si(mpq_denref(lo), mpq_denref(lo), (long)r->unit);
        mpq_canonicalize(lo);
        d = mpq_get_d(lo);
    }
    mpq_clears(lo, hi, NULL);
    return d;
}

/* Area a's exact share of component c in pence. */
static void quota_pence(mpq_t out, const abg_result *r, size_t a, size_t c)
{
    const struct abg_exact *x = r->exact;

    if (x->fast)
        abg_quota_value(out, x->fast, a, c);
    else
        mpq_set(out, x->quota[a * x->n_components + c]);
}

/* Sets q to its fraction (q less its floor, written to *floor). */
static void fraction(mpq_t q, int64_t *floor)
{
    mpz_t f;

    mpz_init(f);
    mpz_fdiv_q(f, mpq_numref(q), mpq_denref(q));
    *floor = mpz_get_si(f);
    mpz_submul(mpq_numref(q), f, mpq_denref(q));
    mpz_clear(f);
}

double abg_result_quota_remainder(const abg_result *r, size_t area,
                                  size_t component, int64_t *floor)
{
    const struct abg_exact *x = r->exact;
    mpq_t lo, hi;
    int64_t width = 0, top;
    double d;

    mpq_inits(lo, hi, NULL);
    if (x->fast)
        width = abg_quota_bounds(lo, x->fast, area, component);
    else
        quota_pence(lo, r, area, component);
    if (width > 0) {
        /* exact in [lo, lo + width / 2^62): one floor and one double at
         * both ends decide it */
        mpq_set_si(hi, (long)width, 1);
        mpz_mul_2exp(mpq_denref(hi), mpq_denref(hi), 62);
        mpq_canonicalize(hi);
        mpq_add(hi, hi, lo);
        fraction(hi, &top);
    }
    fraction(lo, floor);
    d = mpq_get_d(lo);
    if (width > 0 && (top != *floor || mpq_get_d(hi) != d)) {
        quota_pence(lo, r, area, component);
        fraction(lo, floor);
        d = mpq_get_d(lo);
    }
    mpq_clears(lo, hi, NULL);
    return d;
}

int abg_result_compare_quota_remainders(const abg_result *r, size_t c,
                                        size_t a, size_t b)
{
    mpq_t qa, qb;
    int64_t fa, fb;
    int s;

    if (r->exact->fast)
        return abg_quota_column_compare(r->exact->fast, c, a, b);
    mpq_inits(qa, qb, NULL);
    quota_pence(qa, r, a, c);
    quota_pence(qb, r, b, c);
    fraction(qa, &fa);
    fraction(qb, &fb);
    s = mpq_cmp(qa, qb);
    mpq_clears(qa, qb, NULL);
    return (s > 0) - (s < 0);
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
