/*
 * test_damping.c - pace, floor, ceiling and minimum against figures worked
 * out by hand (Python fractions) for one small allocation, the cases with
 * no solution, and method = previous.
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

/* Formula figures: Blaby 316.0193..., Charnwood 454.0706..., Melton
 * 229.9100...; totals by largest remainder 316, 454, 230. */
#define BASE                                                                \
    "[allocation]\npot = 1000\nround_to = 1\n"                              \
    "[component even]\nmethod = even\namount = 400\n"                       \
    "[component population]\nmethod = proportional\n"                       \
    "indicator = population\namount = rest\n"

static abg_error run(const char *text, abg_model **m, abg_result **r,
                     abg_diag *diag)
{
    abg_config *config = NULL;
    abg_error err = abg_config_load_text(&config, "t.ini", text, strlen(text),
                                         diag);

    *m = NULL, *r = NULL;
    if (!err)
        err = abg_config_build(m, config, diag);
    if (!err)
        err = abg_alloc_compute(r, *m, diag);
    abg_config_free(config);
    return err;
}

static void expect_totals(const char *text, const int64_t *pounds,
                          const char *factor)
{
    abg_model *m;
    abg_result *r;
    abg_diag diag = {0};
    char buf[64];

    if (run(text, &m, &r, &diag))
        fail_msg("%d: %s", diag.line, diag.message);
    assert_true(r->damped);
    for (size_t a = 0; a < 3; a++)
        assert_int_equal(r->areas[a].total, pounds[a] * 100);
    if (factor) {
        abg_result_exact(r, ABG_EXACT_FLOOR_FACTOR, 0, 0, -1, buf,
                         sizeof buf);
        assert_string_equal(buf, factor);
    }
    abg_result_free(r);
    abg_model_free(m);
}

static void floor_scales_gains(void **state)
{
    static const int64_t want[] = {333, 429, 238};
    (void)state;
    /* Floors: ceil(0.95 x 350) = 333, 380, ceil(237.5) = 238. Blaby and
     * Melton are raised; Charnwood keeps 380 + 31899/48220 of its excess. */
    expect_totals(BASE "[damping]\nfloor = -5%\n"
                       "[area Blaby]\npopulation = 92500\nprevious = 350\n"
                       "[area Charnwood]\npopulation = 162400\nprevious = 400\n"
                       "[area Melton]\npopulation = 48900\nprevious = 250\n",
                  want, "31899/48220");
}

static void expect_error(const char *text, int line, const char *message);

/* The areas of floor_scales_gains, without a [damping] section. */
#define AREAS_WITH_PREVIOUS                                                 \
    "[area Blaby]\npopulation = 92500\nprevious = 350\n"                   \
    "[area Charnwood]\npopulation = 162400\nprevious = 400\n"              \
    "[area Melton]\npopulation = 48900\nprevious = 250\n"

static void set_adds_damping(void **state)
{
    const char *text = BASE AREAS_WITH_PREVIOUS;
    abg_config *config = NULL;
    abg_model *m = NULL;
    abg_result *r = NULL;
    abg_diag diag = {0};
    (void)state;
    /* damping.floor on a file with no [damping] gives the same figures
     * as the section written out (floor_scales_gains). */
    assert_int_equal(abg_config_load_text(&config, "t.ini", text,
                                          strlen(text), &diag), ABG_OK);
    assert_int_equal(abg_config_set(config, "damping.floor", "-5%", 0,
                                    &diag), ABG_OK);
    assert_int_equal(abg_config_build(&m, config, &diag), ABG_OK);
    assert_int_equal(abg_alloc_compute(&r, m, &diag), ABG_OK);
    assert_true(m->has_damping && m->damping.has_floor);
    assert_int_equal(m->damping.floor.num, -5);
    assert_int_equal(m->damping.floor.den, 100);
    assert_int_equal(r->areas[0].total, 33300);
    assert_int_equal(r->areas[1].total, 42900);
    assert_int_equal(r->areas[2].total, 23800);
    abg_result_free(r);
    abg_model_free(m);
    abg_config_free(config);
}

static void positive_floor_is_a_gain(void **state)
{
    static const int64_t want[] = {357, 408, 235};
    (void)state;
    /* +2% written with its sign: previous 350, 400, 230 give floors 357,
     * 408 and ceil(234.6) = 235, 1000 in all, the pot: every area is held
     * at its floor, a gain of at least 2%. */
    expect_totals(BASE "[damping]\nfloor = +2%\n"
                       "[area Blaby]\npopulation = 92500\nprevious = 350\n"
                       "[area Charnwood]\npopulation = 162400\nprevious = 400\n"
                       "[area Melton]\npopulation = 48900\nprevious = 230\n",
                  want, NULL);
    expect_error(BASE "[damping]\nfloor = 2%\n" AREAS_WITH_PREVIOUS, 12,
                 "floor \"2%\" has no sign, so it is unclear whether it is "
                 "a loss or a gain");
    expect_error(BASE "[damping]\nceiling = 10%\n" AREAS_WITH_PREVIOUS, 12,
                 "ceiling \"10%\" has no sign, so it is unclear whether it "
                 "is a loss or a gain");
    expect_error(BASE "[damping]\n" AREAS_WITH_PREVIOUS, 11,
                 "[damping] sets no limit");
}

/* The values a --vary gives, joined by spaces. */
static void expect_range(const char *spec, const char *want)
{
    char *key = NULL, **values = NULL, got[256] = "";
    size_t n = 0;
    abg_diag diag = {0};

    assert_int_equal(abg_sweep_parse(&key, &values, &n, spec, &diag),
                     ABG_OK);
    for (size_t i = 0; i < n; i++) {
        strcat(got, i ? " " : "");
        strcat(got, values[i]);
        free(values[i]);
    }
    assert_string_equal(got, want);
    free(values);
    free(key);
}

static void sweep_crosses_zero(void **state)
{
    (void)state;
    expect_range("damping.floor=-10%:-2%:2%", "-10% -8% -6% -4% -2%");
    expect_range("damping.floor=-4%:+2%:2%", "-4% -2% 0% +2%");
    expect_range("damping.floor=-0.5%:0.5%:0.25%",
                 "-0.50% -0.25% 0.00% +0.25% +0.50%");
    expect_range("pot=200:400:100", "200 300 400");
}

static void ceiling_shares_what_it_frees(void **state)
{
    static const int64_t want[] = {330, 418, 252};
    (void)state;
    /* Caps 330, 418, 352: Charnwood is cut to 418; the 36.07 freed lifts
     * Blaby past its cap in turn, so Melton takes the rest. */
    expect_totals(BASE "[damping]\nceiling = +10%\n"
                       "[area Blaby]\npopulation = 92500\nprevious = 300\n"
                       "[area Charnwood]\npopulation = 162400\nprevious = 380\n"
                       "[area Melton]\npopulation = 48900\nprevious = 320\n",
                  want, NULL);
}

static void minimum_lifts_and_recomputes(void **state)
{
    static const int64_t want[] = {308, 442, 250};
    (void)state;
    /* Melton is fixed at 250; Blaby and Charnwood share 750 by their
     * formula figures: 10800750/35093 and 15519000/35093. */
    expect_totals(BASE "[damping]\nminimum = 250\n"
                       "[area Blaby]\npopulation = 92500\n"
                       "[area Charnwood]\npopulation = 162400\n"
                       "[area Melton]\npopulation = 48900\n",
                  want, NULL);
}

static void pace_moves_part_way(void **state)
{
    static const int64_t want[] = {333, 427, 240};
    (void)state;
    /* Half way from 350/400/250 to the formula, scaled back to 1,000. */
    expect_totals(BASE "[damping]\npace = 50%\n"
                       "[area Blaby]\npopulation = 92500\nprevious = 350\n"
                       "[area Charnwood]\npopulation = 162400\nprevious = 400\n"
                       "[area Melton]\npopulation = 48900\nprevious = 250\n",
                  want, NULL);
}

static void expect_error(const char *text, int line, const char *message)
{
    abg_model *m;
    abg_result *r;
    abg_diag diag = {0};

    assert_int_not_equal(run(text, &m, &r, &diag), ABG_OK);
    assert_null(r);
    abg_model_free(m);
    assert_int_equal(diag.line, line);
    assert_string_equal(diag.message, message);
}

static void no_solution_says_by_how_much(void **state)
{
    (void)state;
    /* Floors 380 + 428 + 285 = 1,093 against a pot of 1,000. */
    expect_error(BASE "[damping]\nfloor = -5%\n"
                      "[area Blaby]\npopulation = 92500\nprevious = 400\n"
                      "[area Charnwood]\npopulation = 162400\nprevious = 450\n"
                      "[area Melton]\npopulation = 48900\nprevious = 300\n",
                 12, "the floor cannot be met: it needs \xC2\xA3" "1,093.00 "
                     "for every area to keep its floor, but the pot is "
                     "\xC2\xA3" "1,000.00, \xC2\xA3" "93.00 short");
    expect_error(BASE "[damping]\nminimum = 400\n"
                      "[area Blaby]\npopulation = 92500\n"
                      "[area Charnwood]\npopulation = 162400\n"
                      "[area Melton]\npopulation = 48900\n",
                 12, "the minimum cannot be met: 3 areas at the minimum "
                     "need \xC2\xA3" "1,200.00, more than the pot "
                     "\xC2\xA3" "1,000.00");
    expect_error(BASE "[damping]\nceiling = +1%\n"
                      "[area Blaby]\npopulation = 92500\nprevious = 300\n"
                      "[area Charnwood]\npopulation = 162400\nprevious = 300\n"
                      "[area Melton]\npopulation = 48900\nprevious = 300\n",
                 12, "the ceiling cannot be met: every area is at its "
                     "ceiling and \xC2\xA3" "91.00 is left over");
    expect_error(BASE "[damping]\nfloor = -5%\n"
                      "[area Blaby]\npopulation = 92500\nprevious = 400\n"
                      "[area Charnwood]\npopulation = 162400\n"
                      "[area Melton]\npopulation = 48900\nprevious = 300\n",
                 16, "area Charnwood has no previous figure, which the "
                     "floor (line 12) needs");
}

/* "Maintained at the level for 2008/09" (seed 002, 9.7): last year's
 * figures, scaled to a pot cut by 10%, are exactly 90% of each. */
static void method_previous_keeps_shares(void **state)
{
    static const int64_t prev[] = {59551, 96351, 51618, 65209,
                                   43702, 64144, 45425};
    char text[2048];
    size_t used;
    abg_model *m;
    abg_result *r;
    abg_diag diag = {0};

    (void)state;
    used = (size_t)snprintf(text, sizeof text,
                            "[allocation]\npot = 383400\nround_to = 0.01\n"
                            "[component kept]\nmethod = previous\n"
                            "amount = 383400\n");
    for (int a = 0; a < 7; a++)
        used += (size_t)snprintf(text + used, sizeof text - used,
                                 "[area A%d]\nprevious = %lld\n", a,
                                 (long long)prev[a]);
    if (run(text, &m, &r, &diag))
        fail_msg("%s", diag.message);
    assert_false(r->damped);
    for (int a = 0; a < 7; a++)
        assert_int_equal(r->areas[a].total, prev[a] * 90);
    abg_result_free(r);
    abg_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(floor_scales_gains),
        cmocka_unit_test(set_adds_damping),
        cmocka_unit_test(positive_floor_is_a_gain),
        cmocka_unit_test(sweep_crosses_zero),
        cmocka_unit_test(ceiling_shares_what_it_frees),
        cmocka_unit_test(minimum_lifts_and_recomputes),
        cmocka_unit_test(pace_moves_part_way),
        cmocka_unit_test(no_solution_says_by_how_much),
        cmocka_unit_test(method_previous_keeps_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
