/*
 * test_property.c - 100,000 seeded random allocations (up to 1,000 areas,
 * up to 8 components, units from 1p to £1,000, ties forced on purpose)
 * checked against an independent exact computation written here.
 *
 * SPDX-License-Identifier: MIT
 *
 * The engine keeps each quota as a reduced rational and sorts remainders;
 * the check below brings every total over one common denominator as a
 * big integer and ranks the remainders with qsort and an explicit index
 * tie-break, so the two share no arithmetic beyond GMP's integers.
 *
 * The engine has two paths (src/quota.h): machine integers when values
 * fit, GMP rationals otherwise. Every case is also computed on the GMP
 * path alone and must give the same figures, findings and exact texts;
 * further groups use pots near £10^16 and indicators up to 10^18 so that
 * both 128-bit products and the fallback to GMP are taken.
 *
 * abg_alloc_totals() (the sweep's totals alone, weights prepared once) is
 * checked on each case and on variants with money moved between two
 * components: whenever it answers, abg_alloc_compute() succeeds with the
 * same totals; whenever abg_alloc_compute() fails, it does not answer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gmp.h>

#include "abg/abg.h"
#include "alloc_internal.h"
#include "random_model.h"

#define CASES 100000
/* Cases of each group with wide values. */
#define WIDE_CASES 4000

static uint64_t next(void *state, uint64_t n)
{
    uint64_t *s = state;

    /* splitmix64: good enough spread for test inputs, fully seeded. */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (z ^ (z >> 31)) % n;
}

/* Integer weight of one area in one component: its value over the
 * component's largest decimal scale (`scale`), so weights are whole. */
static void weight(mpz_t out, const abg_model *m, size_t a, size_t c,
                   const int *scale)
{
    const abg_component *comp = &m->components[c];
    abg_decimal v = m->areas[a].values[comp->indicator];

    if (comp->method == ABG_METHOD_EVEN) {
        mpz_set_ui(out, 1);
        return;
    }
    mpz_ui_pow_ui(out, 10, (unsigned long)(scale[c] - v.scale));
    mpz_mul_si(out, out, (long)v.units);
}

/* qsort's comparator cannot take a context; the test is single-threaded. */
static mpz_t *sort_rem;

/* Larger remainder first, then earlier area: the documented rule, by a
 * different sort than the engine's stable merge. */
static int by_remainder(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int c = mpz_cmp(sort_rem[b], sort_rem[a]);

    return c ? c : (a > b) - (a < b);
}

/* Checks one result against the independent computation. */
static void check_case(const abg_model *m, const abg_result *r, size_t k)
{
    size_t n = m->n_areas, nc = m->n_components;
    mpz_t *U = malloc(nc * sizeof *U), *N = malloc(n * sizeof *N);
    mpz_t *rem = malloc(n * sizeof *rem);
    mpz_t D, w, t, du;
    int64_t *total = calloc(n, sizeof *total), floor_sum = 0, sum = 0;
    size_t *order = calloc(n, sizeof *order);
    int *scale = calloc(nc, sizeof *scale);

    for (size_t c = 0; c < nc; c++)
        for (size_t a = 0; a < n; a++) {
            int s = m->areas[a].values[m->components[c].indicator].scale;
            if (s > scale[c])
                scale[c] = s;
        }
    mpz_inits(D, w, t, du, NULL);
    mpz_set_ui(D, 1);
    for (size_t c = 0; c < nc; c++) {
        mpz_init(U[c]);
        for (size_t a = 0; a < n; a++) {
            weight(w, m, a, c, scale);
            mpz_add(U[c], U[c], w);
        }
        mpz_mul(D, D, U[c]);
    }
    mpz_mul_si(du, D, (long)m->round_to);
    for (size_t a = 0; a < n; a++) {
        mpz_init(N[a]);
        mpz_init(rem[a]);
        for (size_t c = 0; c < nc; c++) {
            int64_t cell;
            weight(w, m, a, c, scale);
            /* cell = round half up of amount * w / U */
            mpz_mul_si(t, w, (long)m->components[c].amount);
            mpz_mul_ui(t, t, 2);
            mpz_add(t, t, U[c]);
            mpz_fdiv_q(t, t, U[c]);
            mpz_fdiv_q_ui(t, t, 2);
            cell = mpz_get_si(t);
            if (r->cells[a * nc + c] != cell)
                fail_msg("case %zu area %zu component %zu: cell %lld, "
                         "independent %lld", k, a, c,
                         (long long)r->cells[a * nc + c], (long long)cell);
            mpz_divexact(t, D, U[c]);
            mpz_mul(t, t, w);
            mpz_mul_si(t, t, (long)m->components[c].amount);
            mpz_add(N[a], N[a], t);
        }
        mpz_fdiv_q(t, N[a], du);
        total[a] = mpz_get_si(t) * m->round_to;
        mpz_submul(N[a], t, du);
        mpz_set(rem[a], N[a]);
        floor_sum += total[a];
    }
    for (size_t a = 0; a < n; a++)
        order[a] = a;
    sort_rem = rem;
    qsort(order, n, sizeof *order, by_remainder);
    for (int64_t u = 0; u < (m->pot - floor_sum) / m->round_to; u++)
        total[order[u]] += m->round_to;
    for (size_t a = 0; a < n; a++) {
        if (r->areas[a].total != total[a])
            fail_msg("case %zu area %zu: total %lld, independent %lld", k, a,
                     (long long)r->areas[a].total, (long long)total[a]);
        /* Within one unit of the exact quota, on the right side. */
        assert_true(r->areas[a].total == r->areas[a].floor ||
                    r->areas[a].total == r->areas[a].floor + m->round_to);
        sum += total[a];
    }
    assert_int_equal(sum, m->pot);
    for (size_t c = 0; c < nc; c++)
        mpz_clear(U[c]);
    for (size_t a = 0; a < n; a++)
        mpz_clears(N[a], rem[a], NULL);
    mpz_clears(D, w, t, du, NULL);
    free(U), free(N), free(rem), free(total), free(order), free(scale);
}

/* Exact texts must agree whichever path made them. */
static void same_text(const abg_result *fast, const abg_result *gmp,
                      abg_exact_what what, size_t a, size_t c, int places,
                      size_t k)
{
    char x[512], y[512];

    abg_result_exact(fast, what, a, c, places, x, sizeof x);
    abg_result_exact(gmp, what, a, c, places, y, sizeof y);
    if (strcmp(x, y) != 0)
        fail_msg("case %zu area %zu component %zu what %d places %d: "
                 "fast %s, GMP %s", k, a, c, (int)what, places, x, y);
}

/* Checks that the result equals the GMP path's for the same model. */
static void same_as_gmp(const abg_model *m, const abg_result *r, size_t k)
{
    abg_result *g = NULL;
    abg_diag diag = {0};
    size_t n = m->n_areas, nc = m->n_components;
    size_t step = n > 40 ? n / 20 : 1;

    if (abg_alloc_compute_gmp(&g, m, &diag))
        fail_msg("case %zu on the GMP path: %s", k, diag.message);
    assert_null(g->exact->fast);
    assert_int_equal(r->units, g->units);
    assert_int_equal(r->floor_sum, g->floor_sum);
    assert_int_equal(r->nearest_sum, g->nearest_sum);
    assert_memory_equal(r->cells, g->cells, n * nc * sizeof *r->cells);
    assert_memory_equal(r->column_sums, g->column_sums,
                        nc * sizeof *r->column_sums);
    for (size_t a = 0; a < n; a++) {
        const abg_area_rounding *x = &r->areas[a], *y = &g->areas[a];
        if (x->total != y->total || x->floor != y->floor ||
            x->nearest != y->nearest || x->added != y->added ||
            x->rank != y->rank)
            fail_msg("case %zu area %zu: fast %lld/%lld/%lld rank %zu, GMP "
                     "%lld/%lld/%lld rank %zu", k, a, (long long)x->total,
                     (long long)x->floor, (long long)x->nearest, x->rank,
                     (long long)y->total, (long long)y->floor,
                     (long long)y->nearest, y->rank);
    }
    assert_int_equal(r->n_findings, g->n_findings);
    for (size_t i = 0; i < r->n_findings; i++) {
        assert_int_equal(r->findings[i].kind, g->findings[i].kind);
        assert_int_equal(r->findings[i].area, g->findings[i].area);
        assert_int_equal(r->findings[i].shown, g->findings[i].shown);
        assert_int_equal(r->findings[i].expected, g->findings[i].expected);
        assert_string_equal(r->findings[i].text, g->findings[i].text);
    }
    for (size_t c = 0; c < nc; c++)
        same_text(r, g, ABG_EXACT_INDICATOR_TOTAL, 0, c, -1, k);
    for (size_t a = 0; a < n; a += step) {
        size_t b = (a * 7 + 3) % n;
        for (size_t c = 0; c < nc; c++) {
            same_text(r, g, ABG_EXACT_QUOTA, a, c, -1, k);
            same_text(r, g, ABG_EXACT_QUOTA, a, c, 6, k);
        }
        same_text(r, g, ABG_EXACT_TOTAL, a, 0, -1, k);
        same_text(r, g, ABG_EXACT_TOTAL, a, 0, 4, k);
        same_text(r, g, ABG_EXACT_REMAINDER, a, 0, -1, k);
        assert_int_equal(abg_result_compare_remainders(r, a, b),
                         abg_result_compare_remainders(g, a, b));
    }
    /* Around the cut, where exact comparison decides. */
    for (size_t i = 1; i < n; i++)
        if (r->areas[i].rank + 1 == r->areas[i - 1].rank ||
            r->areas[i].rank == r->areas[i - 1].rank + 1)
            assert_int_equal(abg_result_compare_remainders(r, i, i - 1),
                             abg_result_compare_remainders(g, i, i - 1));
    abg_result_free(g);
}

/* Cases where abg_alloc_totals() answered, and where it declined. */
static size_t totals_answered, totals_declined;

/* abg_alloc_totals() for m against abg_alloc_compute(). */
static void same_totals_one(abg_alloc_prep *p, const abg_model *m,
                            int64_t *t, size_t k)
{
    abg_result *r = NULL;
    abg_diag diag = {0};
    abg_error want = abg_alloc_compute(&r, m, &diag);
    abg_error got = abg_alloc_totals(t, p, m);

    if (got == ABG_OK) {
        if (want != ABG_OK)
            fail_msg("case %zu: totals answered where compute failed: %s",
                     k, diag.message);
        for (size_t a = 0; a < m->n_areas; a++)
            if (t[a] != r->areas[a].total)
                fail_msg("case %zu area %zu: totals %lld, compute %lld", k,
                         a, (long long)t[a], (long long)r->areas[a].total);
        totals_answered++;
    } else {
        assert_int_equal(got, ABG_ERROR_OVERFLOW);
        totals_declined++;
    }
    abg_result_free(r);
}

/* abg_alloc_totals() on m and on three variants of its amounts. */
static void same_totals(abg_model *m, size_t k)
{
    abg_alloc_prep *p = NULL;
    int64_t *t = malloc((m->n_areas + 1) * sizeof *t);
    abg_error err = abg_alloc_prepare(&p, m);

    assert_non_null(t);
    if (err == ABG_ERROR_OVERFLOW) { /* weights past 64 bits */
        totals_declined++;
        free(t);
        return;
    }
    assert_int_equal(err, ABG_OK);
    same_totals_one(p, m, t, k);
    for (size_t v = 0; m->n_components >= 2 && v < 3; v++) {
        abg_component *from = &m->components[v % m->n_components];
        abg_component *to = &m->components[(v + 1) % m->n_components];
        int64_t d = from->amount / (int64_t)(v + 2);
        from->amount -= d, to->amount += d;
        same_totals_one(p, m, t, k);
        from->amount += d, to->amount -= d;
    }
    abg_alloc_prep_free(p);
    free(t);
}

static void random_allocations(void **state)
{
    const abg_test_limits limits = {1000, 8, 10000000000LL, 1000000};
    uint64_t seed = 426000;
    size_t ties = 0, big = 0;

    (void)state;
    for (size_t k = 0; k < CASES; k++) {
        abg_model *m = abg_test_random_model(next, &seed, &limits);
        abg_result *r = NULL;
        abg_diag diag = {0};
        assert_non_null(m);
        if (abg_alloc_compute(&r, m, &diag))
            fail_msg("case %zu: %s", k, diag.message);
        check_case(m, r, k);
        /* Every fourth case on the GMP path too: the suite's time. */
        if (k % 4 == 0)
            same_as_gmp(m, r, k);
        if (k % 4 == 1)
            same_totals(m, k);
        for (size_t i = 0; i < r->n_findings; i++)
            if (r->findings[i].kind == ABG_FINDING_TIE) {
                ties++;
                break;
            }
        big += m->n_areas > 100;
        abg_result_free(r);
        abg_model_free(m);
    }
    print_message("%d random allocations: %zu with a tie, %zu with over 100 "
                  "areas; totals alone: %zu answered, %zu left to compute\n",
                  CASES, ties, big, totals_answered, totals_declined);
    assert_true(totals_answered > CASES / 8);
    assert_true(ties > CASES / 20);
    assert_true(big > CASES / 50);
}

/* One group of cases with wide values: each against the independent
 * computation and the GMP path; counts the cases that took the fast
 * path. */
static size_t wide_group(const abg_test_limits *limits, uint64_t seed)
{
    size_t fast = 0;

    for (size_t k = 0; k < WIDE_CASES; k++) {
        abg_model *m = abg_test_random_model(next, &seed, limits);
        abg_result *r = NULL;
        abg_diag diag = {0};
        assert_non_null(m);
        if (abg_alloc_compute(&r, m, &diag))
            fail_msg("wide case %zu: %s", k, diag.message);
        check_case(m, r, k);
        same_as_gmp(m, r, k);
        if (k % 2 == 0)
            same_totals(m, k);
        fast += r->exact->fast != NULL;
        abg_result_free(r);
        abg_model_free(m);
    }
    return fast;
}

/* Pots near £10^16 (10^18 pence): amount * weight needs 128 bits, and
 * weights summing near 2^63 leave few bits for the ranking keys, so
 * exact comparison decides often. Both take the fast path. */
static void pots_near_the_limit(void **state)
{
    const abg_test_limits limits = {300, 5, 1000000000000000000LL,
                                    1000000000000000LL};
    size_t fast = wide_group(&limits, 1016);

    (void)state;
    print_message("%d pots near 10^18 pence: %zu on the fast path\n",
                  WIDE_CASES, fast);
    assert_true(fast > WIDE_CASES * 9 / 10);
}

/* Indicators up to 10^18: most columns sum past 2^63 and fall back to
 * GMP, a few stay just inside; both must agree with the computation. */
static void indicators_near_the_limit(void **state)
{
    const abg_test_limits limits = {40, 4, 1000000000000000000LL,
                                    1000000000000000000LL};
    size_t fast = wide_group(&limits, 1018);

    (void)state;
    print_message("%d indicators up to 10^18: %zu on the fast path\n",
                  WIDE_CASES, fast);
    assert_true(fast > WIDE_CASES / 50);
    assert_true(fast < WIDE_CASES - WIDE_CASES / 50);
}

/* Models of more than 16,384 areas, where the ranking switches from a
 * merge sort to a radix sort (src/rank.c), against both checks. */
static void large_models(void **state)
{
    const abg_test_limits limits = {40000, 4, 10000000000LL, 1000000};
    uint64_t seed = 35000;
    size_t done = 0;

    (void)state;
    while (done < 3) {
        abg_model *m = abg_test_random_model(next, &seed, &limits);
        abg_result *r = NULL;
        abg_diag diag = {0};
        assert_non_null(m);
        if (m->n_areas > 16384) {
            if (abg_alloc_compute(&r, m, &diag))
                fail_msg("large case %zu: %s", done, diag.message);
            assert_non_null(r->exact->fast);
            check_case(m, r, done);
            same_as_gmp(m, r, done);
            same_totals(m, done);
            abg_result_free(r);
            done++;
        }
        abg_model_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_allocations),
        cmocka_unit_test(pots_near_the_limit),
        cmocka_unit_test(indicators_near_the_limit),
        cmocka_unit_test(large_models),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
