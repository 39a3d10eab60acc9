/*
 * test_money.c - strict parsing and formatting of money and decimals.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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
    {"\xC2\xA3"
     "94,125.00",
     ABG_OK, 9412500},
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
                        "\xC2\xA3"
                        "59,551");
    assert_string_equal(
        abg_money_format(buf, sizeof buf, 1371112, NULL, false, false, false),
        "13711.12");
    assert_string_equal(
        abg_money_format(buf, sizeof buf, -1, "\xC2\xA3", true, false, false),
        "-\xC2\xA3"
        "0.01");
    assert_string_equal(
        abg_money_format(buf, sizeof buf, 7, "", true, true, true), "+0.07");
    assert_string_equal(
        abg_money_format(buf, sizeof buf, INT64_MIN, NULL, true, false, false),
        "-92,233,720,368,547,758.08");
    assert_string_equal(
        abg_decimal_format(buf, sizeof buf, (abg_decimal){123456789, 3}),
        "123,456.789");
    assert_string_equal(abg_ordinal_format(buf, sizeof buf, 11), "11th");
    assert_string_equal(abg_ordinal_format(buf, sizeof buf, 22), "22nd");
    assert_string_equal(abg_ordinal_format(buf, sizeof buf, 103), "103rd");
}

/* The formatter as it was written before the fast one, with snprintf:
 * the reference the fast one must match byte for byte. */
static char *reference_format(char *buf, size_t size, int64_t pence,
                              const char *symbol, bool group, bool whole,
                              bool plus)
{
    char rev[40], digits[40];
    uint64_t mag = pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
    uint64_t v = mag / 100;
    size_t n = 0, len = 0;
    const char *sign = pence < 0 ? "-" : (plus && pence > 0 ? "+" : "");

    do {
        if (group && n > 0 && n % 3 == 0)
            rev[len++] = ',';
        rev[len++] = (char)('0' + v % 10);
        v /= 10;
        n++;
    } while (v);
    for (size_t i = 0; i < len; i++)
        digits[i] = rev[len - 1 - i];
    digits[len] = '\0';
    if (whole && mag % 100 == 0)
        snprintf(buf, size, "%s%s%s", sign, symbol ? symbol : "", digits);
    else
        snprintf(buf, size, "%s%s%s.%02u", sign, symbol ? symbol : "", digits,
                 (unsigned)(mag % 100));
    return buf;
}

/* The fast formatter against the snprintf one: every flag, every
 * currency's symbol, values at each digit count and comma, the extremes,
 * and buffers too small for the text (cut as snprintf cuts). */
static void money_format_reference(void **state)
{
    static const char *const symbols[] = {
        NULL,
        "",
        "\xC2\xA3",
        "\xE2\x82\xAC",
        "$",
        "a symbol of forty-one bytes, longer "
        "than any"};
    static const size_t sizes[] = {1, 2, 5, 8, 12, 27, 28, 31, 64, 200};
    int64_t values[200];
    size_t nv = 0, checked = 0;
    char want[256], got[256];
    uint64_t p = 1;

    (void)state;
    values[nv++] = 0;
    values[nv++] = INT64_MAX;
    values[nv++] = INT64_MIN;
    values[nv++] = INT64_MAX - 1;
    values[nv++] = INT64_MIN + 1;
    for (int k = 0; k < 19; k++, p *= 10) { /* 1, 10, ... 10^18 */
        int64_t v = (int64_t)p;
        values[nv++] = v;
        values[nv++] = v - 1;
        values[nv++] = v + 1;
        values[nv++] = -v;
        values[nv++] = -(v - 1);
        values[nv++] = v * 7 + 3; /* mixed digits */
        values[nv++] = -(v * 9 + 99);
    }
    values[nv++] = 100; /* whole pounds */
    values[nv++] = -100;
    values[nv++] = 123456700;
    values[nv++] = 99;
    values[nv++] = -1;
    assert_true(nv <= sizeof values / sizeof values[0]);
    for (size_t i = 0; i < nv; i++)
        for (size_t s = 0; s < sizeof symbols / sizeof symbols[0]; s++)
            for (int flags = 0; flags < 8; flags++) {
                bool group = flags & 1, whole = flags & 2, plus = flags & 4;
                for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
                    memset(want, 'x', sizeof want);
                    memset(got, 'y', sizeof got);
                    reference_format(want, sizes[z], values[i], symbols[s],
                                     group, whole, plus);
                    assert_ptr_equal(abg_money_format(got, sizes[z], values[i],
                                                      symbols[s], group, whole,
                                                      plus),
                                     got);
                    assert_string_equal(got, want);
                    checked++;
                }
                {
                    size_t sl = symbols[s] ? strlen(symbols[s]) : 0;
                    size_t n = abg_money_text(got, values[i], symbols[s], sl,
                                              group, whole, plus);
                    reference_format(want, sizeof want, values[i], symbols[s],
                                     group, whole, plus);
                    assert_string_equal(got, want);
                    assert_int_equal(n, strlen(want));
                }
            }
    assert_int_equal(checked, nv * 6 * 8 * 10);
    /* A few spelled out, so that the reference itself is pinned. */
    assert_string_equal(abg_money_format(got, sizeof got, INT64_MAX,
                                         "\xE2\x82\xAC", true, true, true),
                        "+\xE2\x82\xAC"
                        "92,233,720,368,547,758.07");
    assert_string_equal(
        abg_money_format(got, sizeof got, -100000, "$", true, true, true),
        "-$1,000");
    assert_string_equal(
        abg_money_format(got, 6, -123456789, "$", true, false, false),
        "-$1,2");
    assert_string_equal(
        abg_money_format(got, sizeof got, 0, NULL, false, false, true),
        "0.00");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(money_parse_table),
        cmocka_unit_test(money_parse_reasons),
        cmocka_unit_test(decimal_parse),
        cmocka_unit_test(money_share),
        cmocka_unit_test(money_format),
        cmocka_unit_test(money_format_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
