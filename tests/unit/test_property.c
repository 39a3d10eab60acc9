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
#include "random_model.h"

#define CASES 100000

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
                  "areas\n", CASES, ties, big);
    assert_true(ties > CASES / 20);
    assert_true(big > CASES / 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_allocations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
