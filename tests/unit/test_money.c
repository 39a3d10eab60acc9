/*
 * test_money.c - strict parsing and formatting of money and decimals.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "abg/money.h"

/* Table of money strings: text, expected error, expected pence. */
static const struct {
    const char *text;
    abg_error err;
    int64_t pence;
} MONEY[] = {
    {"94125", ABG_OK, 9412500},
    {"94125.00", ABG_OK, 9412500},
    {"94125.5", ABG_OK, 9412550},
    {"\xC2\xA3" "94,125.00", ABG_OK, 9412500},
    {"1,234,567.89", ABG_OK, 123456789},
    {"0", ABG_OK, 0},
    {"0.07", ABG_OK, 7},
    {"92233720368547758.07", ABG_OK, INT64_MAX},
    {"92233720368547758.08", ABG_ERROR_OVERFLOW, 0},
    {"100000000000000000", ABG_ERROR_OVERFLOW, 0}, /* 10^17 pounds */
    {"12,34", ABG_ERROR_VALUE, 0},
    {"1,2345", ABG_ERROR_VALUE, 0},
    {"1234,567", ABG_ERROR_VALUE, 0},
    {",123", ABG_ERROR_VALUE, 0},
    {"12.345", ABG_ERROR_VALUE, 0},
    {"-5", ABG_ERROR_VALUE, 0},
    {"\xC2\xA3-5", ABG_ERROR_VALUE, 0},
    {"+5", ABG_ERROR_VALUE, 0},
    {"NaN", ABG_ERROR_VALUE, 0},
    {"inf", ABG_ERROR_VALUE, 0},
    {"1e5", ABG_ERROR_VALUE, 0},
    {"", ABG_ERROR_VALUE, 0},
    {"5.", ABG_ERROR_VALUE, 0},
    {".5", ABG_ERROR_VALUE, 0},
    {"5 000", ABG_ERROR_VALUE, 0},
    {"1.234,56", ABG_ERROR_VALUE, 0},
};

static void money_parse_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof MONEY / sizeof MONEY[0]; i++) {
        int64_t pence = -1;
        const char *reason = NULL;
        abg_error err = abg_money_parse(&pence, MONEY[i].text, &reason);
        if (err != MONEY[i].err)
            fail_msg("\"%s\": error %d, expected %d", MONEY[i].text, err,
                     MONEY[i].err);
        if (!err)
            assert_int_equal(pence, MONEY[i].pence);
        else
            assert_non_null(reason);
    }
}

static void money_parse_reasons(void **state)
{
    int64_t pence;
    const char *reason = NULL;

    (void)state;
    abg_money_parse(&pence, "12.345", &reason);
    assert_string_equal(reason, "has more than two decimals");
    abg_money_parse(&pence, "12,34", &reason);
    assert_string_equal(reason,
                        "has a comma that is not a thousands separator");
    abg_money_parse(&pence, "-5", &reason);
    assert_string_equal(reason, "is negative");
    abg_money_parse(&pence, "1e5", &reason);
    assert_string_equal(reason, "is not a number");
}

static void decimal_parse(void **state)
{
    abg_decimal d;

    (void)state;
    assert_int_equal(abg_decimal_parse(&d, "92,500", NULL), ABG_OK);
    assert_int_equal(d.units, 92500);
    assert_int_equal(d.scale, 0);
    assert_int_equal(abg_decimal_parse(&d, "23.75", NULL), ABG_OK);
    assert_int_equal(d.units, 2375);
    assert_int_equal(d.scale, 2);
    assert_int_equal(abg_decimal_parse(&d, "1000000000000000000", NULL),
                     ABG_OK);
    assert_int_equal(d.units, 1000000000000000000LL);
    assert_int_equal(abg_decimal_parse(&d, "10000000000000000000", NULL),
                     ABG_ERROR_OVERFLOW);
    assert_int_equal(abg_decimal_parse(&d, "0.1234567891", NULL),
                     ABG_ERROR_VALUE);
    assert_int_equal(abg_percent_parse(&d, "22.1%", NULL), ABG_OK);
    assert_int_equal(d.units, 221);
    assert_int_equal(d.scale, 1);
    assert_int_equal(abg_percent_parse(&d, "22.1", NULL), ABG_ERROR_VALUE);
}

static void money_share(void **state)
{
    int64_t out;
    abg_decimal pct;

    (void)state;
    abg_percent_parse(&pct, "22.1%", NULL);
    assert_int_equal(abg_money_share(&out, 42600000, pct), ABG_OK);
    assert_int_equal(out, 9414600);
    /* 1/3 of a penny rounds down, 2/3 up, half away from zero. */
    abg_percent_parse(&pct, "50%", NULL);
    assert_int_equal(abg_money_share(&out, 1, pct), ABG_OK);
    assert_int_equal(out, 1);
    abg_percent_parse(&pct, "33.333333333%", NULL);
    assert_int_equal(abg_money_share(&out, INT64_MAX, pct), ABG_OK);
    assert_int_equal(out, 3074457345587514029LL);
    abg_percent_parse(&pct, "100.01%", NULL);
    assert_int_equal(abg_money_share(&out, 100, pct), ABG_ERROR_OVERFLOW);
}

static void money_format(void **state)
{
    char buf[64];

    (void)state;
    assert_string_equal(abg_money_format(buf, sizeof buf, 5955100, "\xC2\xA3",
                                         true, true, false),
                        "\xC2\xA3" "59,551");
    assert_string_equal(abg_money_format(buf, sizeof buf, 1371112, NULL,
                                         false, false, false),
                        "13711.12");
    assert_string_equal(abg_money_format(buf, sizeof buf, -1, "\xC2\xA3",
                                         true, false, false),
                        "-\xC2\xA3" "0.01");
    assert_string_equal(abg_money_format(buf, sizeof buf, 7, "", true, true,
                                         true),
                        "+0.07");
    assert_string_equal(abg_money_format(buf, sizeof buf, INT64_MIN, NULL,
                                         true, false, false),
                        "-92,233,720,368,547,758.08");
    assert_string_equal(abg_decimal_format(buf, sizeof buf,
                                           (abg_decimal){123456789, 3}),
                        "123,456.789");
    assert_string_equal(abg_ordinal_format(buf, sizeof buf, 11), "11th");
    assert_string_equal(abg_ordinal_format(buf, sizeof buf, 22), "22nd");
    assert_string_equal(abg_ordinal_format(buf, sizeof buf, 103), "103rd");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(money_parse_table),
        cmocka_unit_test(money_parse_reasons),
        cmocka_unit_test(decimal_parse),
        cmocka_unit_test(money_share),
        cmocka_unit_test(money_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
