/*
 * test_rate.c - components over a derived rate (crime per 1,000 head):
 * the machine-word path (src/quota_rate.h) against the GMP path on
 * thousands of random allocations with equal rates from different
 * populations and rates a hair apart, and constructed cases where the
 * bound cannot decide and GMP must.
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
#include <gmp.h>

#include "abg/abg.h"
#include "alloc_internal.h"
#include "quota_rate.h"

#define CASES 3000

/* Builds a model from INI text, failing the test on any error. */
static abg_model *model_from(const char *text)
{
    abg_config *config = NULL;
    abg_model *model = NULL;
    abg_diag diag = {0};

    if (abg_config_load_text(&config, "test.ini", text, strlen(text), &diag) ||
        abg_config_build(&model, config, &diag))
        fail_msg("%s:%d: %s\n%s", diag.file, diag.line, diag.message, text);
    abg_config_free(config);
    return model;
}

/* abg_alloc_compute() or the GMP path alone, failing on any error. */
static abg_result *compute(const abg_model *m, bool gmp)
{
    abg_result *r = NULL;
    abg_diag diag = {0};
    abg_error err = gmp ? abg_alloc_compute_gmp(&r, m, &diag)
                        : abg_alloc_compute(&r, m, &diag);

    if (err)
        fail_msg("%s", diag.message);
    return r;
}

static uint64_t next(uint64_t *s, uint64_t n)
{
    /* splitmix64, seeded: the same cases every run. */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (z ^ (z >> 31)) % n;
}

/* Appends printf-style text to the growing buffer *buf of *len bytes. */
static void add(char **buf, size_t *len, const char *fmt, ...)
{
    va_list ap;
    char piece[512];
    int n;

    va_start(ap, fmt);
    n = vsnprintf(piece, sizeof piece, fmt, ap);
    va_end(ap);
    *buf = realloc(*buf, *len + (size_t)n + 1);
    assert_non_null(*buf);
    memcpy(*buf + *len, piece, (size_t)n + 1);
    *len += (size_t)n;
}

/* One random allocation over crime per 1,000 head, as INI text: areas
 * copied with population and crime both scaled (an equal rate from a
 * different population, 10/1000 beside 20/2000), or with one crime added
 * to a scaled copy (a rate a hair away), a second rate, an even share
 * and a population share each present or not, a unit of 1p to £1,000. */
static char *random_ini(uint64_t *s)
{
    static const char *const units[] = {"0.01", "1", "100", "1000"};
    static const int64_t unit_pence[] = {1, 100, 10000, 100000};
    size_t n = 2 + (size_t)next(s, 60), len = 0;
    int u = (int)next(s, 4);
    int64_t pot = (1 + (int64_t)next(s, 1000000)) * unit_pence[u] *
        (next(s, 4) == 0 ? 100000 : 1);
    /* swap: two rates of one amount over the same values, areas in pairs
     * with crime and other swapped: equal totals from unequal weights,
     * which only the exact comparison of the rates' fractions can call
     * equal. */
    bool swap = next(s, 4) == 0;
    bool even = swap || next(s, 2), pop = next(s, 2);
    bool second = swap || next(s, 3) == 0;
    int64_t pop_p[64], crime[64], other[64];
    int64_t pop_b[64], crime_b[64], other_b[64];
    int64_t share = swap ? (int64_t)next(s, (uint64_t)pot / 3 + 1) : 0;
    char *text = NULL;
    int64_t left = pot - 2 * share;

    add(&text, &len,
        "[allocation]\ntitle = R\npot = %lld.%02lld\nround_to = %s\n%s",
        (long long)(pot / 100), (long long)(pot % 100), units[u],
        next(s, 3) == 0 ? "component_rounding = preserve\n" : "");
    if (pop) {
        int64_t a = (int64_t)next(s, (uint64_t)left / 2 + 1);
        add(&text, &len,
            "[component p]\nmethod = proportional\nindicator = population\n"
            "amount = %lld.%02lld\n",
            (long long)(a / 100), (long long)(a % 100));
        left -= a;
    }
    if (even && !swap) {
        int64_t a = (int64_t)next(s, (uint64_t)left / 2 + 1);
        add(&text, &len,
            "[component e]\nmethod = even\namount = %lld.%02lld\n",
            (long long)(a / 100), (long long)(a % 100));
        left -= a;
    }
    if (swap) {
        add(&text, &len,
            "[component e]\nmethod = even\namount = %lld.%02lld\n",
            (long long)(left / 100), (long long)(left % 100));
        left = share;
    }
    if (second) {
        int64_t a = swap ? share : (int64_t)next(s, (uint64_t)left / 2 + 1);
        add(&text, &len,
            "[component o]\nmethod = proportional\nindicator = other_rate\n"
            "amount = %lld.%02lld\n[indicator other_rate]\n"
            "formula = other / population%s\n",
            (long long)(a / 100), (long long)(a % 100), swap ? " * 1000" : "");
        left -= a;
    }
    add(&text, &len,
        "[component c]\nmethod = proportional\nindicator = crime_rate\n"
        "amount = rest\n[indicator crime_rate]\n"
        "formula = crime / population * 1000\n");
    for (size_t a = 0; swap && a < n; a += 2) {
        int64_t pp = 1 + (int64_t)next(s, 300000);
        int64_t c1 = (int64_t)next(s, 30000), c2 = (int64_t)next(s, 30000);
        add(&text, &len,
            "[area A%zu]\npopulation = %lld\ncrime = %lld\nother = %lld\n"
            "[area B%zu]\npopulation = %lld\ncrime = %lld\nother = %lld\n",
            a, (long long)pp, (long long)c1, (long long)c2, a, (long long)pp,
            (long long)c2, (long long)c1);
    }
    if (swap)
        n = 0;
    for (size_t a = 0; a < n; a++) {
        uint64_t kind = a ? next(s, 4) : 3;
        size_t from = a ? (size_t)next(s, a) : 0;
        int64_t k = 2 + (int64_t)next(s, 50);
        /* Copies scale the area copied from's own random figures. */
        if (kind == 0) { /* the same rate from k times the population */
            pop_p[a] = pop_b[from] * k, crime[a] = crime_b[from] * k;
        } else if (kind == 1) { /* a rate a hair away */
            pop_p[a] = pop_b[from] * 100003;
            crime[a] = crime_b[from] * 100003 + 1;
        } else {
            pop_p[a] = 1 + (int64_t)next(s, 300000);
            crime[a] = (int64_t)next(s, 30000);
        }
        other[a] = kind == 0 ? other_b[from] * k : (int64_t)next(s, 1000);
        pop_b[a] = kind >= 2 ? pop_p[a] : pop_b[from];
        crime_b[a] = kind >= 2 ? crime[a] : crime_b[from];
        other_b[a] = kind == 0 ? other_b[from] : other[a];
        add(&text, &len, "[area A%zu]\npopulation = %lld\ncrime = %lld\n", a,
            (long long)pop_p[a], (long long)crime[a]);
        if (second)
            add(&text, &len, "other = %lld\n", (long long)other[a]);
    }
    /* At least one crime, so the rate's total is not zero. */
    add(&text, &len, "[area Z]\npopulation = 7\ncrime = 1\n%s",
        second ? "other = 1\n" : "");
    return text;
}

/* Asserts that one exact value reads the same from both results. */
static void same_exact(const abg_result *x, const abg_result *y,
                       abg_exact_what what, size_t a, size_t c, int places)
{
    int n = abg_result_exact(x, what, a, c, places, NULL, 0);
    char *bx = malloc((size_t)n + 1), *by = malloc((size_t)n + 1);

    assert_non_null(bx);
    assert_non_null(by);
    abg_result_exact(x, what, a, c, places, bx, (size_t)n + 1);
    assert_int_equal(
        abg_result_exact(y, what, a, c, places, by, (size_t)n + 1), n);
    assert_string_equal(bx, by);
    free(bx);
    free(by);
}

/* The rate path gives what the GMP path gives: every figure, rank and
 * finding, and the exact values as fractions and as decimals. */
static void rate_path_matches_gmp(void **state)
{
    uint64_t seed = 20261123;
    size_t rate_cases = 0, ties = 0;

    (void)state;
    for (size_t k = 0; k < CASES; k++) {
        char *text = random_ini(&seed);
        abg_model *m = model_from(text);
        abg_result *x = compute(m, false), *y = compute(m, true);
        size_t na = m->n_areas, nc = m->n_components;

        rate_cases += x->exact->fast != NULL;
        for (size_t i = 0; i < na * nc; i++)
            if (x->cells[i] != y->cells[i])
                fail_msg("case %zu cell %zu: %lld != %lld\n%s", k, i,
                         (long long)x->cells[i], (long long)y->cells[i], text);
        for (size_t a = 0; a < na; a++) {
            assert_int_equal(x->areas[a].total, y->areas[a].total);
            assert_int_equal(x->areas[a].floor, y->areas[a].floor);
            assert_int_equal(x->areas[a].nearest, y->areas[a].nearest);
            assert_int_equal(x->areas[a].rank, y->areas[a].rank);
            assert_int_equal(x->areas[a].added, y->areas[a].added);
        }
        assert_int_equal(x->n_findings, y->n_findings);
        for (size_t i = 0; i < x->n_findings; i++) {
            assert_string_equal(x->findings[i].text, y->findings[i].text);
            ties += x->findings[i].kind == ABG_FINDING_TIE;
        }
        for (size_t j = 0; j < 3; j++) {
            size_t a = (size_t)next(&seed, na), b = (size_t)next(&seed, na);
            size_t c = (size_t)next(&seed, nc);
            assert_int_equal(abg_result_compare_remainders(x, a, b),
                             abg_result_compare_remainders(y, a, b));
            same_exact(x, y, ABG_EXACT_QUOTA, a, c, -1);
            same_exact(x, y, ABG_EXACT_QUOTA, a, c, 6);
            same_exact(x, y, ABG_EXACT_TOTAL, a, 0, -1);
            same_exact(x, y, ABG_EXACT_TOTAL, a, 0, 9);
            same_exact(x, y, ABG_EXACT_REMAINDER, a, 0, -1);
            same_exact(x, y, ABG_EXACT_REMAINDER, a, 0, 12);
            same_exact(x, y, ABG_EXACT_INDICATOR_TOTAL, 0, c, -1);
        }
        abg_result_free(x);
        abg_result_free(y);
        abg_model_free(m);
        free(text);
    }
    print_message("%zu random rate allocations, %zu on the rate path, %zu "
                  "ties found\n",
                  (size_t)CASES, rate_cases, ties);
    /* Every case fits the rate path, and ties really happen. */
    assert_int_equal(rate_cases, CASES);
    assert_true(ties > 100);
}

/* Rates 9/2, 9/4 and 9/7 (crime 9 over populations 2, 4, 7) share £25
 * as exactly £14, £7 and £4: W = 225/28, so C = 2500 * 2^64 * 28 / 225
 * is no whole number and z falls short of it, and each bound Y lies
 * just below a whole number of pence (Y <= quota * 2^64 < Y + 3): the
 * bound cannot tell the floor, and GMP must. */
static const char WHOLE[] = "[allocation]\ntitle = W\npot = 25\nround_to = 1\n"
                            "[component c]\nmethod = proportional\n"
                            "indicator = rate\namount = rest\n"
                            "[indicator rate]\nformula = crime / population\n"
                            "[area A]\npopulation = 2\ncrime = 9\n"
                            "[area B]\npopulation = 4\ncrime = 9\n"
                            "[area C]\npopulation = 7\ncrime = 9\n";

static void whole_quota_takes_gmp(void **state)
{
    abg_model *m = model_from(WHOLE);
    abg_result *r = compute(m, false);
    const abg_quota *q = r->exact->fast;
    abg_rate *rate;
    int64_t whole, rem;
    char buf[64];

    (void)state;
    assert_non_null(q);
    assert_non_null(q->rate[0]);
    rate = q->rate[0];
    /* The floors took GMP (one call per area at least). */
    assert_true(rate->exact_calls >= 3);
    for (size_t a = 0; a < 3; a++) {
        size_t before = rate->exact_calls;
        abg_rate_quota(rate, a, &whole, &rem);
        assert_int_equal(rate->exact_calls, before + 1);
        assert_int_equal(rem, 0);
        assert_int_equal(whole, a == 0 ? 1400 : a == 1 ? 700 : 400);
    }
    assert_int_equal(r->cells[0], 1400);
    assert_int_equal(r->cells[1], 700);
    assert_int_equal(r->cells[2], 400);
    assert_int_equal(r->areas[0].total, 1400);
    assert_int_equal(r->areas[2].total, 400);
    abg_result_exact(r, ABG_EXACT_QUOTA, 1, 0, -1, buf, sizeof buf);
    assert_string_equal(buf, "7");
    abg_result_exact(r, ABG_EXACT_REMAINDER, 1, 0, -1, buf, sizeof buf);
    assert_string_equal(buf, "0");
    abg_result_exact(r, ABG_EXACT_INDICATOR_TOTAL, 0, 0, -1, buf, sizeof buf);
    assert_string_equal(buf, "225/28");
    abg_result_free(r);
    abg_model_free(m);
}

/* 10/1000 and 20/2000 (and 30/3000) are one rate from three populations:
 * equal quotas, known equal by cross-multiplying in 128 bits with no
 * GMP. */
static const char EQUAL[] = "[allocation]\ntitle = E\npot = 1\n"
                            "round_to = 0.01\n"
                            "[component c]\nmethod = proportional\n"
                            "indicator = rate\namount = rest\n"
                            "[indicator rate]\n"
                            "formula = crime / population * 1000\n"
                            "[area A]\npopulation = 1000\ncrime = 10\n"
                            "[area B]\npopulation = 2000\ncrime = 20\n"
                            "[area C]\npopulation = 3000\ncrime = 30\n"
                            "[area D]\npopulation = 3\ncrime = 1\n";

static void equal_rates_without_gmp(void **state)
{
    abg_model *m = model_from(EQUAL);
    abg_result *r = compute(m, false), *g = compute(m, true);
    const abg_quota *q = r->exact->fast;
    size_t before;

    (void)state;
    assert_non_null(q);
    assert_non_null(q->rate[0]);
    before = q->rate[0]->exact_calls;
    assert_int_equal(abg_quota_column_compare(q, 0, 0, 1), 0);
    assert_int_equal(abg_quota_column_compare(q, 0, 2, 1), 0);
    assert_int_equal(abg_quota_compare(q, 0, 2), 0);
    assert_int_equal(q->rate[0]->exact_calls, before);
    /* 100p over rates 10, 10, 10 and 1000/3 (W = 1090/3): A, B and C get
     * 300/109 = 2.752...p each, D 10000/109 = 91.743...p; floors 2, 2, 2
     * and 91 leave 3p, to A, B and C (.752 each, before D's .743). */
    for (size_t a = 0; a < 4; a++) {
        assert_int_equal(r->areas[a].total, g->areas[a].total);
        assert_int_equal(r->areas[a].rank, g->areas[a].rank);
    }
    assert_int_equal(r->areas[0].total, 3);
    assert_int_equal(r->areas[1].total, 3);
    assert_int_equal(r->areas[2].total, 3);
    assert_int_equal(r->areas[3].total, 91);
    assert_int_equal(r->areas[3].rank, 4);
    assert_int_equal(r->n_findings, g->n_findings);
    abg_result_free(r);
    abg_result_free(g);
    abg_model_free(m);
}

/* 300 areas with populations of their own: the rates' total has
 * thousands of digits, and so would each quota's exact fraction. */
static char *many_areas(void)
{
    uint64_t seed = 7;
    size_t len = 0;
    char *text = NULL;

    add(&text, &len,
        "[allocation]\ntitle = M\npot = 1000000\nround_to = 1\n"
        "[component e]\nmethod = even\namount = 400000\n"
        "[component c]\nmethod = proportional\nindicator = rate\n"
        "amount = rest\n[indicator rate]\n"
        "formula = crime / population * 1000\n");
    for (int a = 0; a < 300; a++)
        add(&text, &len, "[area A%d]\npopulation = %llu\ncrime = %llu\n", a,
            (unsigned long long)(1000 + next(&seed, 299000)),
            (unsigned long long)(10 + next(&seed, 3000)));
    return text;
}

/* Such fractions are called long and left out of the JSON (null beside
 * the decimal, which is the GMP path's) and of explain, whose outputs
 * stay a few hundred bytes an area; the rates' total is written whole. */
static void long_fractions_not_written(void **state)
{
    char *text = many_areas(), *json = NULL, *expl = NULL;
    abg_model *m = model_from(text), *small = model_from(WHOLE);
    abg_result *r = compute(m, false), *g = compute(m, true);
    abg_result *rs = compute(small, false);
    size_t json_len = 0, expl_len = 0;
    FILE *f;
    char want[64], *total;
    int n;

    (void)state;
    assert_true(abg_result_exact_long(r, ABG_EXACT_QUOTA, 0, 1));
    assert_true(abg_result_exact_long(r, ABG_EXACT_TOTAL, 0, 0));
    assert_true(abg_result_exact_long(g, ABG_EXACT_QUOTA, 0, 1));
    assert_false(abg_result_exact_long(r, ABG_EXACT_QUOTA, 0, 0));
    assert_false(abg_result_exact_long(r, ABG_EXACT_INDICATOR_TOTAL, 0, 1));
    assert_false(abg_result_exact_long(rs, ABG_EXACT_QUOTA, 0, 0));

    f = open_memstream(&json, &json_len);
    assert_int_equal(abg_json_write(f, m, r), ABG_OK);
    fclose(f);
    assert_true(json_len < 300 * 1500);
    assert_non_null(strstr(json, "\"exact\": null, \"exact_decimal\": "));
    abg_result_exact(g, ABG_EXACT_QUOTA, 0, 1, 6, want, sizeof want);
    assert_non_null(strstr(json, want));
    n = abg_result_exact(g, ABG_EXACT_INDICATOR_TOTAL, 0, 1, -1, NULL, 0);
    assert_true(n > 1000);
    total = malloc((size_t)n + 1);
    assert_non_null(total);
    abg_result_exact(g, ABG_EXACT_INDICATOR_TOTAL, 0, 1, -1, total,
                     (size_t)n + 1);
    assert_non_null(strstr(json, total));

    f = open_memstream(&expl, &expl_len);
    assert_int_equal(abg_report_explain(f, m, r, 0), ABG_OK);
    fclose(f);
    assert_true(expl_len < 2000);
    assert_non_null(strstr(expl,
                           "(exactly a fraction of more than 100 "
                           "digits; --json carries each rate and "
                           "their total)."));
    free(total);
    free(json);
    free(expl);
    free(text);
    abg_result_free(r);
    abg_result_free(g);
    abg_result_free(rs);
    abg_model_free(m);
    abg_model_free(small);
}

/* A rate whose numerator passes 2^64 (crime 10^17 per 3 people, times
 * 1,000), and rates so small beside the pot that A * 2^64 / W needs more
 * than 128 bits, leave the machine-word path for GMP's, whole. */
static void wide_rates_take_gmp(void **state)
{
    static const char *const texts[] = {
        "[allocation]\ntitle = W\npot = 100\nround_to = 1\n"
        "[component c]\nmethod = proportional\nindicator = rate\n"
        "amount = rest\n[indicator rate]\n"
        "formula = crime / population * 1000\n"
        "[area A]\npopulation = 3\ncrime = 100000000000000000\n"
        "[area B]\npopulation = 7\ncrime = 1\n",
        "[allocation]\ntitle = T\npot = 90000000000000\nround_to = 1\n"
        "[component c]\nmethod = proportional\nindicator = rate\n"
        "amount = rest\n[indicator rate]\n"
        "formula = crime / population / 1000000000\n"
        "[area A]\npopulation = 300000000\ncrime = 1\n"
        "[area B]\npopulation = 700000000\ncrime = 2\n",
    };

    (void)state;
    for (size_t k = 0; k < 2; k++) {
        abg_model *m = model_from(texts[k]);
        abg_result *r = compute(m, false);
        abg_rate *rate = NULL;
        assert_true(abg_rate_applies(m, 0));
        assert_int_equal(abg_rate_new(&rate, m, 0), ABG_ERROR_OVERFLOW);
        assert_null(rate);
        assert_null(r->exact->fast);
        assert_int_equal(r->areas[0].total + r->areas[1].total, m->pot);
        abg_result_free(r);
        abg_model_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_quota_takes_gmp),
        cmocka_unit_test(equal_rates_without_gmp),
        cmocka_unit_test(long_fractions_not_written),
        cmocka_unit_test(wide_rates_take_gmp),
        cmocka_unit_test(rate_path_matches_gmp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
