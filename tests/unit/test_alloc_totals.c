/*
 * test_alloc_totals.c - abg_alloc_totals(), the sweep's totals alone, on
 * the cases its fixed-point path decides with GMP: a total that is a
 * whole unit exactly, equal remainders at the cut (file order, and an
 * error under ties = refuse), a weight that would need 65 bits, and a
 * run of variants of one model; each against abg_alloc_compute() and
 * figures worked out by hand.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "abg/abg.h"

/* Builds a model from INI text, failing the test on any error. */
static abg_model *model_from(const char *text)
{
    abg_config *config = NULL;
    abg_model *model = NULL;
    abg_diag diag = {0};

    if (abg_config_load_text(&config, "test.ini", text, strlen(text), &diag) ||
        abg_config_build(&model, config, &diag))
        fail_msg("%s:%d: %s", diag.file, diag.line, diag.message);
    abg_config_free(config);
    return model;
}

/* abg_alloc_totals() on m: its status, the totals in out; and, when it
 * answers, abg_alloc_compute() must agree area by area. */
static abg_error totals(const abg_model *m, int64_t *out)
{
    abg_alloc_prep *p = NULL;
    abg_result *r = NULL;
    abg_diag diag = {0};
    abg_error err;

    assert_int_equal(abg_alloc_prepare(&p, m), ABG_OK);
    err = abg_alloc_totals(out, p, m);
    if (err == ABG_OK) {
        assert_int_equal(abg_alloc_compute(&r, m, &diag), ABG_OK);
        for (size_t a = 0; a < m->n_areas; a++)
            assert_int_equal(out[a], r->areas[a].total);
        abg_result_free(r);
    }
    abg_alloc_prep_free(p);
    return err;
}

#define HEAD "[allocation]\ntitle = t\ncurrency = GBP\n"

/* Three equal weights of a pot of £3: each area's total is £1 exactly,
 * which the fixed point sees a hair below £1 and GMP puts right. */
static void whole_unit_exactly(void **state)
{
    abg_model *m = model_from(HEAD "pot = 3\nround_to = 1\n"
                                   "[component p]\nmethod = proportional\n"
                                   "indicator = w\namount = 3\n"
                                   "[area A]\nw = 7\n[area B]\nw = 7\n"
                                   "[area C]\nw = 7\n");
    int64_t out[3];

    (void)state;
    assert_int_equal(totals(m, out), ABG_OK);
    assert_int_equal(out[0], 100);
    assert_int_equal(out[1], 100);
    assert_int_equal(out[2], 100);
    abg_model_free(m);
}

/* examples/tie.ini: Abbey and Belgrave both have £4.40 left over and one
 * unit of £10 is left to give: the earlier (Abbey) gets it. */
#define TIE                                                                   \
    "pot = 10000\nround_to = 10\n"                                            \
    "[component base]\nmethod = even\namount = 4000\n"                        \
    "[component need]\nmethod = proportional\nindicator = need\n"             \
    "amount = 6000\n"                                                         \
    "[area Abbey]\nneed = 2348.8\n[area Belgrave]\nneed = 4008.8\n"           \
    "[area Castle]\nneed = 2801.2\n[area Dane]\nneed = 2841.2\n"

static void tie_in_file_order(void **state)
{
    abg_model *m = model_from(HEAD "ties = file_order\n" TIE);
    int64_t out[4];

    (void)state;
    assert_int_equal(totals(m, out), ABG_OK);
    /* 1,000 + 6,000 x need / 12,000: 2,174.40, 3,004.40, 2,400.60 and
     * 2,420.60, floored to £10 (9,990 in all), Abbey lifted. */
    assert_int_equal(out[0], 218000);
    assert_int_equal(out[1], 300000);
    assert_int_equal(out[2], 240000);
    assert_int_equal(out[3], 242000);
    abg_model_free(m);
}

/* The same tie under ties = refuse: left to abg_alloc_compute(), which
 * reports it. */
static void tie_refused(void **state)
{
    abg_model *m = model_from(HEAD "ties = refuse\n" TIE);
    abg_result *r = NULL;
    abg_diag diag = {0};
    int64_t out[4];

    (void)state;
    assert_int_equal(totals(m, out), ABG_ERROR_OVERFLOW);
    assert_int_not_equal(abg_alloc_compute(&r, m, &diag), ABG_OK);
    abg_result_free(r);
    abg_model_free(m);
}

/* A unit of a penny and one area with all the weight: its factor would
 * be 2^64, so the quota path computes the totals. */
static void factor_past_64_bits(void **state)
{
    abg_model *m = model_from(HEAD "pot = 10\nround_to = 0.01\n"
                                   "[component p]\nmethod = proportional\n"
                                   "indicator = w\namount = 7\n"
                                   "[component e]\nmethod = even\n"
                                   "amount = 3\n"
                                   "[area A]\nw = 5\n[area B]\nw = 0\n"
                                   "[area C]\nw = 0\n");
    int64_t out[3];

    (void)state;
    assert_int_equal(totals(m, out), ABG_OK);
    assert_int_equal(out[0], 800);
    assert_int_equal(out[1], 100);
    assert_int_equal(out[2], 100);
    abg_model_free(m);
}

/* The 2010/11 Leicestershire shape with the even amount moved in steps
 * of £1,234.56 and the unit from a penny to £200: each variant
 * against abg_alloc_compute(). */
static void variants(void **state)
{
    abg_model *m = model_from(
        HEAD "pot = 383400\nround_to = 1\n"
             "[component even]\nmethod = even\namount = 175000\n"
             "[component population]\nmethod = proportional\n"
             "indicator = population\namount = 94125\n"
             "[component crime]\nmethod = proportional\n"
             "indicator = crime\namount = 114275\n"
             "[area Blaby]\npopulation = 92500\ncrime = 4818\n"
             "[area Charnwood]\npopulation = 162400\ncrime = 10930\n"
             "[area Harborough]\npopulation = 81300\ncrime = 3368\n"
             "[area Hinckley & Bosworth]\npopulation = 103800\ncrime = 5739\n"
             "[area Melton]\npopulation = 48900\ncrime = 2648\n"
             "[area North West Leics]\npopulation = 89600\ncrime = 5979\n"
             "[area Oadby & Wigston]\npopulation = 56500\ncrime = 2786\n");
    static const int64_t units[] = {1, 100, 500, 10000, 20000};
    abg_alloc_prep *p = NULL;
    int64_t out[7], even = m->components[0].amount;
    size_t answered = 0;

    (void)state;
    assert_int_equal(abg_alloc_prepare(&p, m), ABG_OK);
    for (size_t u = 0; u < sizeof units / sizeof *units; u++)
        for (int64_t d = 0; d < 100; d++) {
            abg_result *r = NULL;
            abg_diag diag = {0};
            m->round_to = units[u];
            m->components[0].amount = even - d * 123456;
            m->components[2].amount =
                m->pot - m->components[0].amount - m->components[1].amount;
            if (abg_alloc_totals(out, p, m) != ABG_OK)
                continue;
            answered++;
            assert_int_equal(abg_alloc_compute(&r, m, &diag), ABG_OK);
            for (size_t a = 0; a < 7; a++)
                assert_int_equal(out[a], r->areas[a].total);
            abg_result_free(r);
        }
    assert_int_equal(answered, 500);
    abg_alloc_prep_free(p);
    abg_model_free(m);
}

/* 3,000 areas with uneven weights, so the remainders spread over every
 * bucket of the selection, at amounts of a few pounds to 2^55 pence: a
 * slack under one bucket (the cut found in the same pass as the lifting)
 * and above it (the cut found first), units from a penny to £50, each
 * variant against abg_alloc_compute(). */
static void many_areas_both_cuts(void **state)
{
    enum { N = 3000 };
    /* even, proportional: the third's slack just under one bucket. */
    static const int64_t amounts[][2] = {
        {700, 233},
        {123456789, 41152263},
        {1, ((int64_t)1 << 53) - 2 - 20 * 1234567},
        {(int64_t)1 << 55, ((int64_t)1 << 55) / 3}};
    static const int64_t units[] = {1, 100, 5000};
    size_t cap = 128 + N * 48, len = 0, answered = 0;
    char *text = malloc(cap);
    uint64_t seed = 12345;
    abg_alloc_prep *p = NULL;
    int64_t *out = malloc(N * sizeof *out);
    abg_model *m;

    (void)state;
    assert_non_null(text);
    assert_non_null(out);
    len +=
        (size_t)snprintf(text + len, cap - len,
                         HEAD "pot = 1\nround_to = 1\n"
                              "[component even]\nmethod = even\namount = 1\n"
                              "[component pop]\nmethod = proportional\n"
                              "indicator = pop\namount = 0\n");
    for (size_t a = 0; a < N; a++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        len += (size_t)snprintf(text + len, cap - len,
                                "[area A%zu]\npop = %llu\n", a,
                                (unsigned long long)(seed >> 44) + 1);
    }
    m = model_from(text);
    assert_int_equal(abg_alloc_prepare(&p, m), ABG_OK);
    for (size_t i = 0; i < sizeof amounts / sizeof *amounts; i++)
        for (size_t u = 0; u < sizeof units / sizeof *units; u++)
            for (int64_t d = 0; d < 20; d++) {
                abg_result *r = NULL;
                abg_diag diag = {0};
                m->round_to = units[u];
                m->components[0].amount = amounts[i][0] + d * 777;
                m->components[1].amount = amounts[i][1] + d * 1234567;
                m->pot = m->components[0].amount + m->components[1].amount;
                m->pot -= m->pot % units[u];
                if (abg_alloc_totals(out, p, m) != ABG_OK)
                    continue;
                answered++;
                assert_int_equal(abg_alloc_compute(&r, m, &diag), ABG_OK);
                for (size_t a = 0; a < N; a++)
                    assert_int_equal(out[a], r->areas[a].total);
                abg_result_free(r);
            }
    assert_int_equal(answered, 240);
    abg_alloc_prep_free(p);
    abg_model_free(m);
    free(out);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_unit_exactly),
        cmocka_unit_test(tie_in_file_order),
        cmocka_unit_test(tie_refused),
        cmocka_unit_test(factor_past_64_bits),
        cmocka_unit_test(variants),
        cmocka_unit_test(many_areas_both_cuts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
