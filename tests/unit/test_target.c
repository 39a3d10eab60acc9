/*
 * test_target.c - target tables, budget statements and approximate
 * figures: each rounding rule on its edge cases, chained steps, sums, and
 * the errors each names with its line.
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

/* Loads, builds and computes a target file from text. */
static abg_error load(abg_target **out, const char *text, abg_diag *diag)
{
    abg_config *config = NULL;
    abg_error err = abg_config_load_text(&config, "t.ini", text,
                                         strlen(text), diag);

    *out = NULL;
    if (!err && !abg_target_is_target(config))
        err = ABG_ERROR_VALUE;
    if (!err)
        err = abg_target_build(out, config, diag);
    if (!err && (err = abg_target_compute(*out, diag)) != ABG_OK) {
        abg_target_free(*out);
        *out = NULL;
    }
    abg_config_free(config);
    return err;
}

/* One rule case: a base, a change, a rule and places, the exact product
 * and the figure the rule gives. */
typedef struct rule_case {
    const char *base, *change, *rounding;
    int places;
    const char *exact, *rule;
} rule_case;

static const rule_case RULES[] = {
    /* The NI 20 table's own cells. */
    {"519", "-6%", "down", 0, "487.86", "487"},
    {"601", "-6%", "down", 0, "564.94", "564"},
    {"1180", "-3%", "down", 0, "1144.6", "1144"},
    {"7.16", "-6%", "nearest", 2, "6.7304", "6.73"},
    {"3.44", "-3%", "nearest", 2, "3.3368", "3.34"},
    /* A half goes away from zero; an exact result is left alone. */
    {"275", "-6%", "nearest", 0, "258.5", "259"},
    {"100", "-3%", "down", 0, "97", "97"},
    {"100", "-3%", "up", 0, "97", "97"},
    {"519", "-6%", "up", 0, "487.86", "488"},
    {"6.65", "-3%", "nearest", 2, "6.4505", "6.45"},
    {"1084", "+7%", "nearest", 0, "1159.88", "1160"},
    {"1084", "7.1%", "down", 1, "1160.964", "1160.9"},
    /* More places than the product has: padded, not rounded. */
    {"5.4", "-3%", "down", 5, "5.238", "5.23800"},
    /* A cut of the whole. */
    {"42", "-100%", "nearest", 0, "0", "0"},
};

static void rules_give_their_figures(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof RULES / sizeof *RULES; i++) {
        const rule_case *c = &RULES[i];
        char text[600], got[48];
        abg_target *t;
        abg_diag diag = {0};
        snprintf(text, sizeof text,
                 "[targets]\nyears = a, b\n"
                 "[figure n]\nrounding = %s\nplaces = %d\n"
                 "[step b]\nbase = a\nchange = %s\n"
                 "[area X]\nn.a = %s\n",
                 c->rounding, c->places, c->change, c->base);
        assert_int_equal(load(&t, text, &diag), ABG_OK);
        assert_true(t->areas[0].cells[1].has_rule);
        assert_string_equal(t->areas[0].cells[1].exact, c->exact);
        assert_string_equal(abg_target_number_format(
                                got, sizeof got, t->areas[0].cells[1].rule),
                            c->rule);
        abg_target_free(t);
    }
}

/* A step on a step builds on the base step's rule, never on its printed
 * figure, so one wrong printed cell does not hide the next. */
static void chained_steps_use_the_rule(void **state)
{
    static const char text[] =
        "[targets]\nyears = y0, y1, y2\n"
        "[figure n]\nrounding = down\n"
        "[step y1]\nbase = y0\nchange = -10%\n"
        "[step y2]\nbase = y1\nchange = -10%\n"
        "[area X]\nn.y0 = 1000\nn.y1 = 950\nn.y2 = 810\n";
    abg_target *t;
    abg_diag diag = {0};
    size_t checked = 0, differing = 0;
    char *out = NULL;
    size_t size = 0;
    FILE *f;

    (void)state;
    assert_int_equal(load(&t, text, &diag), ABG_OK);
    assert_int_equal(t->areas[0].cells[1].rule.units, 900);
    assert_true(t->areas[0].cells[1].differs);
    assert_int_equal(t->areas[0].cells[2].rule.units, 810);
    assert_false(t->areas[0].cells[2].differs);
    f = open_memstream(&out, &size);
    assert_int_equal(abg_target_check(f, t, &checked, &differing), ABG_OK);
    fclose(f);
    assert_string_equal(out, "t.ini:13: X y1 n: published 950, the rule "
                             "gives 900 (1000 less 10% = 900, rounded "
                             "down)\n");
    assert_int_equal(checked, 2);
    assert_int_equal(differing, 1);
    free(out);
    abg_target_free(t);
}

/* Sums: parts against the total, with the total's line on a mismatch. */
static void sums_are_checked(void **state)
{
    static const char text[] =
        "[targets]\nyears = y\n"
        "[figure n]\n"
        "[area County]\nn.y = 10\n"
        "[area A]\nn.y = 4\n"
        "[area B]\nn.y = 5\n"
        "[sum n]\nfigure = n\ntotal = County\nyears = y\n";
    abg_target *t;
    abg_diag diag = {0};
    size_t checked = 0, differing = 0;
    char *out = NULL;
    size_t size = 0;
    FILE *f;

    (void)state;
    assert_int_equal(load(&t, text, &diag), ABG_OK);
    assert_int_equal(t->sums[0].parts[0].units, 9);
    assert_true(t->sums[0].differs[0]);
    f = open_memstream(&out, &size);
    assert_int_equal(abg_target_check(f, t, &checked, &differing), ABG_OK);
    fclose(f);
    assert_string_equal(out, "t.ini:5: y n: the other 2 areas add up to 9, "
                             "but County's figure is 10.\n");
    assert_int_equal(differing, 1);
    free(out);
    abg_target_free(t);
}

/* A budget statement: the lines and what they leave not itemised. */
static void budget_statement_reports_the_rest(void **state)
{
    static const char text[] = "[budget]\ntotal = 4200000\n"
                               "[stream a]\namount = 450000\n"
                               "[stream b]\namount = 6500.50\n";
    abg_target *t;
    abg_diag diag = {0};

    (void)state;
    assert_int_equal(load(&t, text, &diag), ABG_OK);
    assert_true(t->is_budget);
    assert_int_equal(t->n_lines, 2);
    assert_int_equal(t->not_itemised, INT64_C(374349950));
    abg_target_free(t);
}

/* One bad input and the exact message it must give. */
typedef struct error_case {
    const char *text;
    abg_error err;
    int line;
    const char *message;
} error_case;

static const error_case ERRORS[] = {
    {"[targets]\n[figure n]\n[area A]\n", ABG_ERROR_VALUE, 1,
     "[targets] has no years"},
    {"[targets]\nyears = a, a\n", ABG_ERROR_VALUE, 2,
     "year \"a\" is listed twice"},
    {"[targets]\nyears = a\n[figure n]\nrounding = floor\n", ABG_ERROR_VALUE,
     4, "unknown rounding \"floor\""},
    {"[targets]\nyears = a\n[figure n]\nplaces = 10\n", ABG_ERROR_VALUE, 4,
     "places \"10\" is not 0 to 9"},
    {"[targets]\nyears = a, b\n[figure n]\n[step b]\nbase = b\n"
     "change = -3%\n", ABG_ERROR_VALUE, 5,
     "base \"b\" is not a year before b (the years: a, b)"},
    {"[targets]\nyears = a, b\n[figure n]\n[step b]\nbase = a\n"
     "change = -3\n", ABG_ERROR_VALUE, 6, "change \"-3\" has no % sign"},
    {"[targets]\nyears = a, b\n[figure n]\n[step b]\nbase = a\n"
     "change = -101%\n", ABG_ERROR_VALUE, 6,
     "change \"-101%\" would make the target negative"},
    {"[targets]\nyears = a\n[figure n]\n[area A]\ncount.a = 5\n",
     ABG_ERROR_VALUE, 5, "no [figure count] for key \"count.a\""},
    {"[targets]\nyears = a\n[figure n]\n[area A]\nn.b = 5\n",
     ABG_ERROR_VALUE, 5, "year \"b\" is not one of a"},
    {"[targets]\nyears = a\n[figure n]\n[area A]\nn.a = -5\n",
     ABG_ERROR_VALUE, 5, "n.a \"-5\" is negative"},
    {"[targets]\nyears = a\n[figure n]\n[area A]\nn.a = 5\n[area a]\n",
     ABG_ERROR_VALUE, 6, "duplicate section [area a]: the same as "
     "[area A] at line 4 once capitals and spaces are ignored"},
    {"[targets]\nyears = a, b\n[figure n]\n[step b]\nbase = a\n"
     "change = -3%\n[area A]\nn.b = 5\n", ABG_ERROR_MODEL, 8,
     "A b n has no base: the area has no n.a"},
    {"[targets]\nyears = a\n[figure n]\n[area A]\nn.a = 5\n[area B]\n"
     "[sum s]\nfigure = n\ntotal = A\nyears = a\n", ABG_ERROR_MODEL, 7,
     "[sum s] adds n a, which B does not have"},
    {"[targets]\nyears = a\n[figure n]\n[area A]\n[allocation]\n",
     ABG_ERROR_VALUE, 5, "unknown section [allocation] in a target file"},
    {"[budget]\ntotal = 100\n[stream a]\namount = 60\n[stream b]\n"
     "amount = 50\n", ABG_ERROR_MODEL, 2,
     "the streams add up to \xC2\xA3" "110, more than the total "
     "\xC2\xA3" "100"},
    {"[budget]\ntotal = 100\n[stream a]\n", ABG_ERROR_VALUE, 3,
     "stream a has no amount"},
};

static void errors_name_their_line(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof ERRORS / sizeof *ERRORS; i++) {
        abg_target *t = NULL;
        abg_diag diag = {0};
        assert_int_equal(load(&t, ERRORS[i].text, &diag), ERRORS[i].err);
        assert_null(t);
        assert_int_equal(diag.line, ERRORS[i].line);
        assert_string_equal(diag.message, ERRORS[i].message);
    }
}

/* A figure too large for 64 bits after the change is refused, not cut. */
static void overflow_is_refused(void **state)
{
    static const char text[] =
        "[targets]\nyears = a, b\n[figure n]\nplaces = 9\n"
        "[step b]\nbase = a\nchange = +50%\n"
        "[area A]\nn.a = 9000000000\n";
    abg_target *t = NULL;
    abg_diag diag = {0};

    (void)state;
    assert_int_equal(load(&t, text, &diag), ABG_ERROR_OVERFLOW);
    assert_null(t);
    assert_string_equal(diag.message, "A b n is too large to hold exactly");
}

/* Approximate figures of an allocation's budget: within half a unit they
 * agree, beyond it they are named with their line. */
static void approximate_figures(void **state)
{
    static const char base[] =
        "[allocation]\npot = 426000\n"
        "[component even]\nmethod = even\namount = 426000\n"
        "[area A]\n"
        "[budget]\ntotal = 740977\napproximate = 741000\n"
        "pot_approximate = 426000\napproximate_to = 1000\n"
        "[stream c]\namount = 233930\napproximate = %s\n"
        "approximate_to = 1000\n";
    static const struct {
        const char *printed;
        size_t differing;
        const char *text;
    } cases[] = {
        {"234000", 0,
         "3 figures the source calls approximate agree with the exact "
         "ones:\n"
         "- Pot: approximately \xC2\xA3" "426,000, exactly \xC2\xA3"
         "426,000 (the same to the nearest \xC2\xA3" "1,000).\n"
         "- c: approximately \xC2\xA3" "234,000, exactly \xC2\xA3"
         "233,930 (the same to the nearest \xC2\xA3" "1,000).\n"
         "- Budget (total): approximately \xC2\xA3" "741,000, exactly "
         "\xC2\xA3" "740,977 (the same to the nearest \xC2\xA3" "1,000).\n"},
        {"233430", 0, NULL}, /* 500 away: a half still agrees */
        {"233429.99", 1,
         "t.ini:14: c: approximately \xC2\xA3" "233,429.99, but the exact "
         "\xC2\xA3" "233,930 is not that to the nearest \xC2\xA3"
         "1,000\n"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[600], *out = NULL;
        size_t size = 0, checked = 0, differing = 0;
        abg_config *config = NULL;
        abg_model *m = NULL;
        abg_diag diag = {0};
        FILE *f;
        snprintf(text, sizeof text, base, cases[i].printed);
        assert_int_equal(abg_config_load_text(&config, "t.ini", text,
                                              strlen(text), &diag),
                         ABG_OK);
        assert_int_equal(abg_config_build(&m, config, &diag), ABG_OK);
        f = open_memstream(&out, &size);
        assert_int_equal(abg_approx_check(f, m, i == 0, &checked,
                                          &differing),
                         ABG_OK);
        fclose(f);
        assert_int_equal(checked, 3);
        assert_int_equal(differing, cases[i].differing);
        if (cases[i].text)
            assert_string_equal(out, cases[i].text);
        free(out);
        abg_model_free(m);
        abg_config_free(config);
    }
}

/* approximate without its unit, and the unit alone, are refused. */
static void approximate_needs_its_unit(void **state)
{
    static const char *const texts[] = {
        "[allocation]\npot = 10\n[component e]\nmethod = even\n"
        "amount = 10\n[area A]\n[budget]\ntotal = 20\n[stream s]\n"
        "amount = 10\napproximate = 10\n",
        "[allocation]\npot = 10\n[component e]\nmethod = even\n"
        "amount = 10\n[area A]\n[budget]\ntotal = 20\n"
        "approximate_to = 10\n"};
    static const char *const messages[] = {
        "[stream s] has an approximate figure but no approximate_to",
        "[budget] has approximate_to but no approximate figure"};
    static const int lines[] = {9, 7};

    (void)state;
    for (size_t i = 0; i < 2; i++) {
        abg_config *config = NULL;
        abg_model *m = NULL;
        abg_diag diag = {0};
        assert_int_equal(abg_config_load_text(&config, "t.ini", texts[i],
                                              strlen(texts[i]), &diag),
                         ABG_OK);
        assert_int_equal(abg_config_build(&m, config, &diag),
                         ABG_ERROR_VALUE);
        assert_string_equal(diag.message, messages[i]);
        assert_int_equal(diag.line, lines[i]);
        abg_config_free(config);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rules_give_their_figures),
        cmocka_unit_test(chained_steps_use_the_rule),
        cmocka_unit_test(sums_are_checked),
        cmocka_unit_test(budget_statement_reports_the_rest),
        cmocka_unit_test(errors_name_their_line),
        cmocka_unit_test(overflow_is_refused),
        cmocka_unit_test(approximate_figures),
        cmocka_unit_test(approximate_needs_its_unit),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
