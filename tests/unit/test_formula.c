/*
 * test_formula.c - derived indicators (formula.c): exact values,
 * precedence, the functions, the working shown, and every error with its
 * area, line and column.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/formula.h"

/* Evaluates text with the names bound to the given values ("a=1/3"
 * style pairs, in any order) and returns the result as "num/den". */
static abg_error run(char *out, size_t size, const char *text,
                     const char *const *bindings, abg_diag *diag)
{
    abg_formula *f = NULL;
    abg_error err = abg_formula_parse(&f, text, "f.ini", 7, diag);
    mpq_t values[8], result;

    if (err)
        return err;
    assert_true(abg_formula_names(f) <= 8);
    for (size_t i = 0; i < abg_formula_names(f); i++) {
        const char *name = abg_formula_name(f, i);
        bool bound = false;
        mpq_init(values[i]);
        for (size_t b = 0; bindings[b]; b++) {
            size_t n = strlen(name);
            if (strncmp(bindings[b], name, n) == 0 && bindings[b][n] == '=') {
                assert_int_equal(mpq_set_str(values[i], bindings[b] + n + 1,
                                             10), 0);
                mpq_canonicalize(values[i]);
                bound = true;
            }
        }
        assert_true(bound);
    }
    mpq_init(result);
    err = abg_formula_eval(result, f, (const mpq_t *)values, "Blaby", diag);
    if (!err)
        gmp_snprintf(out, size, "%Qd", result);
    mpq_clear(result);
    for (size_t i = 0; i < abg_formula_names(f); i++)
        mpq_clear(values[i]);
    abg_formula_free(f);
    return err;
}

static void values_are_exact(void **state)
{
    static const char *const none[] = {NULL};
    static const char *const crime[] = {"crime=1234", "population=92500",
                                        NULL};
    static const char *const years[] = {"crime_2021=10", "crime_2022=11",
                                        "crime_2023=13", "crime_2024=7",
                                        NULL};
    static const struct {
        const char *text;
        const char *const *bindings;
        const char *want;
    } cases[] = {
        {"crime / population * 1000", crime, "2468/185"},
        {"1000 * crime / population", crime, "2468/185"},
        {"crime / (population * 1000)", crime, "617/46250000"},
        {"1 + 2 * 3", none, "7"},
        {"--2", none, "2"},
        {"(1 + 2) * 3", none, "9"},
        {"10 - 4 - 3", none, "3"},
        {"2 / 4 / 2", none, "1/4"},
        {"0.1 + 0.2", none, "3/10"},
        {"12.50", none, "25/2"},
        {"-2 + 5", none, "3"},
        {"mean(crime_2021, crime_2022, crime_2023, crime_2024)", years,
         "41/4"},
        {"sum(crime_2021, crime_2022) / 2", years, "21/2"},
        {"min(crime_2021, crime_2024, crime_2023)", years, "7"},
        {"max(crime_2021, crime_2024, crime_2023)", years, "13"},
        {"max(1)", none, "1"},
        {"mean(crime_2021, crime_2021)", years, "10"},
        {"  crime_2021*2  ", years, "20"},
        {"1/3 + 1/3 + 1/3", none, "1"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char got[128];
        abg_diag diag = {0};
        assert_int_equal(run(got, sizeof got, cases[i].text,
                             cases[i].bindings, &diag), ABG_OK);
        assert_string_equal(got, cases[i].want);
    }
}

static void names_are_listed_once(void **state)
{
    abg_formula *f = NULL;
    abg_diag diag = {0};

    (void)state;
    assert_int_equal(abg_formula_parse(&f, "a / b + a * mean(c, b)", "f.ini",
                                       3, &diag), ABG_OK);
    assert_int_equal(abg_formula_names(f), 3);
    assert_string_equal(abg_formula_name(f, 0), "a");
    assert_string_equal(abg_formula_name(f, 1), "b");
    assert_string_equal(abg_formula_name(f, 2), "c");
    abg_formula_free(f);
}

static void working_is_shown(void **state)
{
    abg_formula *f = NULL;
    abg_diag diag = {0};
    mpq_t v[2];
    char buf[200];

    (void)state;
    assert_int_equal(abg_formula_parse(&f, "crime / population * 1000",
                                       "f.ini", 3, &diag), ABG_OK);
    mpq_inits(v[0], v[1], NULL);
    mpq_set_ui(v[0], 1234, 1);
    mpq_set_ui(v[1], 92500, 1);
    assert_string_equal(abg_formula_explain(buf, sizeof buf, f,
                                            (const mpq_t *)v, 2),
                        "1,234 / 92,500 \xC3\x97 1,000 = 13.34\xE2\x80\xA6");
    /* A value that ends within the places is shown exactly. */
    mpq_set_ui(v[1], 1000, 1);
    assert_string_equal(abg_formula_explain(buf, sizeof buf, f,
                                            (const mpq_t *)v, 2),
                        "1,234 / 1,000 \xC3\x97 1,000 = 1,234");
    mpq_set_ui(v[0], 1, 1);
    mpq_set_ui(v[1], 8, 1);
    assert_string_equal(abg_formula_explain(buf, sizeof buf, f,
                                            (const mpq_t *)v, 3),
                        "1 / 8 \xC3\x97 1,000 = 125");
    mpq_clears(v[0], v[1], NULL);
    abg_formula_free(f);
}

/* The workbook's live formula: names to cells, functions to the
 * spreadsheet's, spaces dropped. */
static void spreadsheet_formula(void **state)
{
    abg_formula *f = NULL;
    abg_diag diag = {0};
    const char *cells[] = {"D6", "B6", "E6", "F6"};
    char buf[100];

    (void)state;
    assert_int_equal(abg_formula_parse(&f, "crime_4yr / population * 1000",
                                       "f.ini", 3, &diag), ABG_OK);
    assert_string_equal(abg_formula_spreadsheet(buf, sizeof buf, f, cells),
                        "=D6/B6*1000");
    assert_null(abg_formula_spreadsheet(buf, 8, f, cells));
    abg_formula_free(f);
    assert_int_equal(abg_formula_parse(&f, "mean(a, b) + max(c, 2.5) - "
                                       "min(d, sum(a, 1))", "f.ini", 3,
                                       &diag), ABG_OK);
    assert_string_equal(abg_formula_spreadsheet(buf, sizeof buf, f, cells),
                        "=AVERAGE(D6,B6)+MAX(E6,2.5)-MIN(F6,SUM(D6,1))");
    abg_formula_free(f);
}

static void errors_name_area_line_and_column(void **state)
{
    static const char *const crime[] = {"crime=1234", "population=0",
                                        "a=1", "b=3", NULL};
    static const struct {
        const char *text;
        abg_error error;
        const char *message;
    } cases[] = {
        {"crime / population * 1000", ABG_ERROR_MODEL,
         "area Blaby: formula \"crime / population * 1000\" divides by zero "
         "(population is 0)"},
        {"crime / (population - population)", ABG_ERROR_MODEL,
         "area Blaby: formula \"crime / (population - population)\" divides "
         "by zero (population - population is 0)"},
        {"a - b", ABG_ERROR_MODEL,
         "area Blaby: formula \"a - b\" gives -2, below zero"},
        {"a / b - 1", ABG_ERROR_MODEL,
         "area Blaby: formula \"a / b - 1\" gives -0.6666\xE2\x80\xA6, "
         "below zero"},
        {"crime / / population", ABG_ERROR_VALUE,
         "formula \"crime / / population\": unexpected character at column "
         "9"},
        {"(crime / population", ABG_ERROR_VALUE,
         "formula \"(crime / population\": expected ) at column 20"},
        {"crime / population)", ABG_ERROR_VALUE,
         "formula \"crime / population)\": unexpected ) at column 19"},
        {"crime population", ABG_ERROR_VALUE,
         "formula \"crime population\": expected an operator at column 7"},
        {"avg(a, b)", ABG_ERROR_VALUE,
         "formula \"avg(a, b)\": unknown function at column 1"},
        {"mean()", ABG_ERROR_VALUE,
         "formula \"mean()\": a function with no arguments at column 6"},
        {"1,000 * a", ABG_ERROR_VALUE,
         "formula \"1,000 * a\": unexpected comma at column 2"},
        {"mean(a b)", ABG_ERROR_VALUE,
         "formula \"mean(a b)\": expected , or ) at column 8"},
        {"1000crime", ABG_ERROR_VALUE,
         "formula \"1000crime\": a number runs into a name at column 5"},
        {"12. + a", ABG_ERROR_VALUE,
         "formula \"12. + a\": a number ends in a point at column 4"},
        {"a +", ABG_ERROR_VALUE,
         "formula \"a +\": it ends too early at column 4"},
        {"", ABG_ERROR_VALUE, "formula \"\": it ends too early at column 1"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char got[128];
        abg_diag diag = {0};
        assert_int_equal(run(got, sizeof got, cases[i].text, crime, &diag),
                         cases[i].error);
        assert_string_equal(diag.message, cases[i].message);
        assert_string_equal(diag.file, "f.ini");
        assert_int_equal(diag.line, 7);
        assert_true(diag.hint[0] != '\0');
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_are_exact),
        cmocka_unit_test(names_are_listed_once),
        cmocka_unit_test(working_is_shown),
        cmocka_unit_test(spreadsheet_formula),
        cmocka_unit_test(errors_name_area_line_and_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
