/*
 * test_xlsx_rounding.c - the Rounding sheet's area-total rounding read
 * from abgcalc's result against the same rounding worked again in GMP
 * rationals: the same floors, units left, cut-off row and remainder, the
 * same rows lifted and tied, the same cached doubles to the bit and the
 * same near-tie warnings, on random rate data with exact ties.
 *
 * SPDX-License-Identifier: MIT
 *
 * ABG_SOURCE_DIR is the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "abg/abg.h"
#include "xlsx_internal.h"

/* Near-tie tolerances tried: the sheet's three, and one wide enough that
 * every rounding has near-ties to name. */
static const double TOLS[] = {ABG_XLSX_CLOSE, ABG_XLSX_CLOSE_FLOAT,
                              ABG_XLSX_CLOSE_BIG, 0.05};

/* A small deterministic generator (numerical recipes' LCG). */
static uint32_t next(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(*s >> 33);
}

/* Writes an allocation of n areas to path: £100m (plus extra) to
 * round_to pence, crime weighted by crime per 1,000 people. Every fifth
 * area copies an earlier one (equal totals: exact ties) and every
 * seventh has the crime rate of an earlier one from other figures
 * (10/1000 against 20/2000). */
static void write_rate(const char *path, size_t n, uint64_t seed,
                       int64_t extra, int64_t round_to, bool preserve)
{
    FILE *f = fopen(path, "w");
    uint64_t s = seed;
    long *pop = calloc(n, sizeof *pop), *crime = calloc(n, sizeof *crime);

    assert_non_null(f);
    assert_non_null(pop);
    assert_non_null(crime);
    fprintf(f,
            "[allocation]\ntitle = Random rates\npot = %lld.%02lld\n"
            "round_to = %lld.%02lld\n%s\n"
            "[component even]\nmethod = even\namount = %lld.%02lld\n\n"
            "[component population]\nmethod = proportional\n"
            "indicator = population\namount = 25000000\n\n"
            "[component crime]\nmethod = proportional\n"
            "indicator = crime_rate\namount = 35000000\n\n"
            "[indicator crime_rate]\nformula = crime / population * 1000\n",
            (long long)((10000000000 + extra) / 100),
            (long long)((10000000000 + extra) % 100),
            (long long)(round_to / 100), (long long)(round_to % 100),
            preserve ? "component_rounding = preserve\n" : "",
            (long long)((4000000000 + extra) / 100),
            (long long)((4000000000 + extra) % 100));
    for (size_t a = 0; a < n; a++) {
        pop[a] = 1000 + (long)(next(&s) % 299000);
        crime[a] = 10 + (long)(next(&s) % 20000);
        if (a >= 10 && a % 5 == 0) {
            size_t b = next(&s) % a;
            pop[a] = pop[b], crime[a] = crime[b];
        } else if (a >= 10 && a % 7 == 0) {
            /* the same rate as area b, from doubled figures */
            size_t b = next(&s) % a;
            pop[a] = 2 * pop[b], crime[a] = 2 * crime[b];
        }
        fprintf(f, "\n[area A%04zu]\npopulation = %ld\ncrime = %ld\n", a,
                pop[a], crime[a]);
    }
    free(pop);
    free(crime);
    assert_int_equal(fclose(f), 0);
}

/* Asserts that the two roundings of x agree in every figure the sheet
 * uses (and, when `crowded`, that the widest tolerance finds near-ties);
 * returns how many rows are tied at the cut-off. */
static size_t same(const abg_xlsx *x, const abg_xlsx_rounding *gmp,
                   const abg_xlsx_rounding *res, bool crowded)
{
    size_t tied = 0;

    assert_non_null(gmp->rem); /* worked again in GMP */
    assert_null(res->rem);     /* read from the result */
    assert_int_equal(gmp->left, res->left);
    assert_int_equal(gmp->cut, res->cut);
    assert_int_equal(gmp->above, res->above);
    assert_memory_equal(&gmp->cutoff, &res->cutoff, sizeof gmp->cutoff);
    for (size_t a = 0; a < gmp->n; a++) {
        assert_int_equal(gmp->floors[a], res->floors[a]);
        /* the cached double, to the bit */
        assert_memory_equal(&gmp->remd[a], &res->remd[a], sizeof(double));
        assert_int_equal(gmp->added[a], res->added[a]);
        assert_int_equal(gmp->tied[a], res->tied[a]);
        if (res->column == SIZE_MAX)
            assert_int_equal(res->added[a], x->r->areas[a].added > 0);
        tied += res->tied[a];
    }
    for (size_t t = 0; t < sizeof TOLS / sizeof *TOLS; t++) {
        bool ok1 = true, ok2 = true;
        char *w1 = abg_xlsx_near_ties(x, gmp, TOLS[t], "area totals", &ok1);
        char *w2 = abg_xlsx_near_ties(x, res, TOLS[t], "area totals", &ok2);
        assert_true(ok1 && ok2);
        if (w1 || w2) {
            assert_non_null(w1);
            assert_non_null(w2);
            assert_string_equal(w1, w2);
        }
        /* among hundreds of areas, a twentieth of a unit around the
         * cut-off holds unequal remainders */
        if (crowded && TOLS[t] > 0.01 && gmp->cut < gmp->n)
            assert_non_null(w1);
        free(w1);
        free(w2);
    }
    return tied;
}

/* Both roundings of one file's result (see same()). */
static size_t compare_file(const char *path, bool crowded)
{
    abg_model *m = NULL;
    abg_result *r = NULL;
    abg_diag diag = {0};
    abg_xlsx x;
    abg_xlsx_rounding gmp, res;
    size_t tied;

    if (abg_model_load(&m, path, &diag) != ABG_OK)
        fail_msg("%s: %s", path, diag.message);
    assert_int_equal(abg_alloc_compute(&r, m, &diag), ABG_OK);
    memset(&x, 0, sizeof x);
    x.m = m, x.r = r;
    assert_true(abg_xlsx_rounding_init(&gmp, m->n_areas));
    assert_true(abg_xlsx_rounding_init(&res, m->n_areas));
    assert_true(abg_xlsx_rounding_totals_by(&x, &gmp, false));
    assert_true(abg_xlsx_rounding_totals_by(&x, &res, true));
    tied = same(&x, &gmp, &res, crowded);
    abg_xlsx_rounding_clear(&gmp);
    abg_xlsx_rounding_clear(&res);
    /* preserve: each component's penny rounding too */
    for (size_t c = 0; c < m->n_components &&
         m->component_rounding == ABG_COMPONENT_ROUNDING_PRESERVE;
         c++) {
        assert_true(abg_xlsx_rounding_init(&gmp, m->n_areas));
        assert_true(abg_xlsx_rounding_init(&res, m->n_areas));
        assert_true(abg_xlsx_rounding_column_by(&x, c, &gmp, false));
        assert_true(abg_xlsx_rounding_column_by(&x, c, &res, true));
        assert_int_equal(res.column, c);
        tied += same(&x, &gmp, &res, false);
        abg_xlsx_rounding_clear(&gmp);
        abg_xlsx_rounding_clear(&res);
    }
    abg_result_free(r);
    abg_model_free(m);
    return tied;
}

/* Random rate data: several seeds, pots and units; the last units fall
 * among exactly equal remainders in some of them. */
static void random_rates(void **state)
{
    char dir[] = "/tmp/abg-xlsx-rounding-XXXXXX", path[64];
    static const int64_t units[] = {1, 100, 1000, 100000};
    size_t at_tie = 0, cases = 0;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/rate.ini", dir);
    for (uint64_t seed = 1; seed <= 6; seed++)
        for (size_t u = 0; u < sizeof units / sizeof *units; u++)
            for (int64_t extra = 0; extra < 3 * units[u]; extra += units[u]) {
                write_rate(path, 150 + 40 * (size_t)seed, seed, extra,
                           units[u], seed % 2 == 0);
                at_tie += compare_file(path, true) > 1;
                cases++;
            }
    unlink(path);
    rmdir(dir);
    assert_int_equal(cases, 72);
    /* the cut-off fell among equal remainders somewhere */
    assert_true(at_tie > 0);
}

/* The repository's rate allocations and a plain one. */
static void examples(void **state)
{
    static const char *const files[] = {
        "tests/xlsx/derived-rate.ini", "tests/xlsx/derived-rate-preserve.ini",
        "examples/tables/community-safety-2025.ini",
        "tests/xlsx/near-tie.ini"};
    char path[1024];

    (void)state;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", ABG_SOURCE_DIR, files[i]);
        compare_file(path, false);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_rates),
        cmocka_unit_test(examples),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
