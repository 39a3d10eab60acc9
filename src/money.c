/*
 * money.c - strict parsing and formatting of money, decimals and percents.
 *
 * SPDX-License-Identifier: MIT
 *
 * Figures are copied from PDFs and spreadsheets, so a thousands comma and a
 * pound sign are accepted, but only where they cannot change the value:
 * `12,34` could be a European 12.34 and is refused rather than guessed.
 */
#include <stdio.h>
#include <string.h>

#include "abg/money.h"

static const char POUND[] = "\xC2\xA3"; /* U+00A3 in UTF-8 */

/* Why a number stops being one at s: PDFs and spreadsheets put spaces,
 * often non-breaking ones, between thousands, which look like nothing
 * wrong when the value is quoted back. */
static const char *space_reason(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i > 0 && i < n && s[i] == '#')
        return "is followed by a # comment (after a value, only ; starts "
               "one)";
    if (i > 0)
        return "has a space in it";
    if (n >= 2 && s[0] == '\xC2' && s[1] == '\xA0')
        return "has a non-breaking space in it";
    return "is not a number";
}

/* Reads digits with optional thousands commas and up to max_scale
 * decimals from text[0..len) into units and scale. */
static abg_error parse_digits(int64_t *units, int *scale, const char *text,
                              size_t len, int max_scale, const char **reason)
{
    size_t i = 0, group = 0, int_digits = 0;
    bool commas = false;
    int64_t value = 0;
    int places = 0;

    if (len == 0) {
        *reason = "is empty";
        return ABG_ERROR_VALUE;
    }
    if (text[0] == '-') {
        *reason = "is negative";
        return ABG_ERROR_VALUE;
    }
    for (; i < len && text[i] != '.'; i++) {
        char c = text[i];
        if (c == ',') {
            /* A comma must close a group of 1-3 (first) or exactly 3. */
            if (group == 0 || group > 3 || (commas && group != 3)) {
                *reason = "has a comma that is not a thousands separator";
                return ABG_ERROR_VALUE;
            }
            commas = true;
            group = 0;
            continue;
        }
        if (c < '0' || c > '9') {
            *reason = space_reason(text + i, len - i);
            return ABG_ERROR_VALUE;
        }
        if (value > (INT64_MAX - (c - '0')) / 10) {
            *reason = "is too large";
            return ABG_ERROR_OVERFLOW;
        }
        value = value * 10 + (c - '0');
        group++;
        int_digits++;
    }
    if (int_digits == 0) {
        *reason = "is not a number";
        return ABG_ERROR_VALUE;
    }
    if (commas && group != 3) {
        *reason = "has a comma that is not a thousands separator";
        return ABG_ERROR_VALUE;
    }
    if (i < len) { /* text[i] == '.' */
        i++;
        if (i == len) {
            *reason = "ends with a decimal point";
            return ABG_ERROR_VALUE;
        }
        for (; i < len; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                *reason = c == ',' ? "has a comma after the decimal point"
                                   : "is not a number";
                return ABG_ERROR_VALUE;
            }
            if (places == max_scale) {
                *reason = max_scale == 2 ? "has more than two decimals"
                                         : "has too many decimals";
                return ABG_ERROR_VALUE;
            }
            if (value > (INT64_MAX - (c - '0')) / 10) {
                *reason = "is too large";
                return ABG_ERROR_OVERFLOW;
            }
            value = value * 10 + (c - '0');
            places++;
        }
    }
    *units = value;
    *scale = places;
    return ABG_OK;
}

abg_error abg_money_parse(int64_t *out, const char *text, const char **reason)
{
    const char *p = text;
    int64_t units;
    int scale;
    abg_error err;
    const char *why = NULL;

    if (!reason)
        reason = &why;
    if (strncmp(p, POUND, 2) == 0)
        p += 2;
    err = parse_digits(&units, &scale, p, strlen(p), 2, reason);
    if (err)
        return err;
    for (; scale < 2; scale++) {
        if (units > INT64_MAX / 10) {
            *reason = "is too large";
            return ABG_ERROR_OVERFLOW;
        }
        units *= 10;
    }
    *out = units;
    return ABG_OK;
}

abg_error abg_decimal_parse(abg_decimal *out, const char *text,
                            const char **reason)
{
    const char *why = NULL;

    if (!reason)
        reason = &why;
    return parse_digits(&out->units, &out->scale, text, strlen(text),
                        ABG_DECIMAL_MAX_SCALE, reason);
}

abg_error abg_percent_parse(abg_decimal *out, const char *text,
                            const char **reason)
{
    size_t len = strlen(text);
    const char *why = NULL;

    if (!reason)
        reason = &why;
    if (len == 0 || text[len - 1] != '%') {
        *reason = "has no % sign";
        return ABG_ERROR_VALUE;
    }
    return parse_digits(&out->units, &out->scale, text, len - 1,
                        ABG_DECIMAL_MAX_SCALE, reason);
}

/* Writes the digits of v (non-negative) with optional commas; returns the
 * number of characters written into out (which has room for 32). */
static size_t digits_grouped(char *out, uint64_t v, bool group)
{
    char rev[32];
    size_t n = 0, len = 0;

    do {
        if (group && n > 0 && n % 3 == 0)
            rev[len++] = ',';
        rev[len++] = (char)('0' + v % 10);
        v /= 10;
        n++;
    } while (v);
    for (size_t i = 0; i < len; i++)
        out[i] = rev[len - 1 - i];
    return len;
}

/* Two-digit pairs "00" to "99", so that digits go two at a time. */
static const char PAIRS[201] = "00010203040506070809"
                               "10111213141516171819"
                               "20212223242526272829"
                               "30313233343536373839"
                               "40414243444546474849"
                               "50515253545556575859"
                               "60616263646566676869"
                               "70717273747576777879"
                               "80818283848586878889"
                               "90919293949596979899";

/* Writes v's digits ending just before end, with a comma between
 * thousands when group; returns where they start. end must have room
 * for 26 bytes before it (20 digits, 6 commas). */
static char *digits_back(char *end, uint64_t v, bool group)
{
    char *p = end;
    unsigned n = 0;

    if (!group) {
        while (v >= 100) {
            unsigned pair = (unsigned)(v % 100) * 2;
            v /= 100;
            *--p = PAIRS[pair + 1];
            *--p = PAIRS[pair];
        }
        if (v >= 10) {
            *--p = PAIRS[v * 2 + 1];
            *--p = PAIRS[v * 2];
        } else {
            *--p = (char)('0' + v);
        }
        return p;
    }
    do {
        if (n > 0 && n % 3 == 0)
            *--p = ',';
        *--p = (char)('0' + v % 10);
        v /= 10;
        n++;
    } while (v);
    return p;
}

size_t abg_money_text(char *out, int64_t pence, const char *symbol,
                      size_t symbol_len, bool group, bool whole, bool plus)
{
    char digits[32], *end = digits + sizeof digits, *start;
    /* The magnitude as unsigned so that INT64_MIN is safe too. */
    uint64_t mag = pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
    unsigned cents = (unsigned)(mag % 100);
    size_t n = 0, len;

    start = digits_back(end, mag / 100, group);
    len = (size_t)(end - start);
    if (pence < 0)
        out[n++] = '-';
    else if (plus && pence > 0)
        out[n++] = '+';
    if (symbol_len) {
        memcpy(out + n, symbol, symbol_len);
        n += symbol_len;
    }
    memcpy(out + n, start, len);
    n += len;
    if (!whole || cents != 0) {
        out[n++] = '.';
        out[n++] = PAIRS[cents * 2];
        out[n++] = PAIRS[cents * 2 + 1];
    }
    out[n] = '\0';
    return n;
}

char *abg_money_format(char *buf, size_t size, int64_t pence,
                       const char *symbol, bool group, bool whole, bool plus)
{
    size_t symbol_len = symbol ? strlen(symbol) : 0;
    char text[64];
    size_t n;

    if (size == 0)
        return buf;
    /* The text fits 32 bytes plus the symbol: written straight into buf
     * when it surely fits, else into text and cut as snprintf would. */
    if (size >= 32 + symbol_len) {
        abg_money_text(buf, pence, symbol, symbol_len, group, whole, plus);
        return buf;
    }
    if (symbol_len > sizeof text - 32) {
        /* A symbol longer than any currency's: the general path. */
        uint64_t mag =
            pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
        char digits[32], *start;
        digits[31] = '\0';
        start = digits_back(digits + 31, mag / 100, group);
        if (whole && mag % 100 == 0)
            snprintf(buf, size, "%s%s%s",
                     pence < 0 ? "-" : (plus && pence > 0 ? "+" : ""), symbol,
                     start);
        else
            snprintf(buf, size, "%s%s%s.%02u",
                     pence < 0 ? "-" : (plus && pence > 0 ? "+" : ""), symbol,
                     start, (unsigned)(mag % 100));
        return buf;
    }
    n = abg_money_text(text, pence, symbol, symbol_len, group, whole, plus);
    if (n >= size)
        n = size - 1;
    memcpy(buf, text, n);
    buf[n] = '\0';
    return buf;
}

char *abg_decimal_format(char *buf, size_t size, abg_decimal value)
{
    char digits[40];
    uint64_t mag = (uint64_t)value.units, scale = 1;
    size_t n;

    for (int i = 0; i < value.scale; i++)
        scale *= 10;
    n = digits_grouped(digits, mag / scale, true);
    digits[n] = '\0';
    if (value.scale == 0)
        snprintf(buf, size, "%s", digits);
    else
        snprintf(buf, size, "%s.%0*llu", digits, value.scale,
                 (unsigned long long)(mag % scale));
    return buf;
}

/* 10^n for n up to 18, as a 128-bit integer for the products below. */
static __int128 pow10_128(int n)
{
    __int128 p = 1;

    while (n-- > 0)
        p *= 10;
    return p;
}

abg_error abg_money_share(int64_t *out, int64_t pot, abg_decimal percent)
{
    /* pot < 2^63 and percent.units <= 100 * 10^9 < 2^37, so the product
     * stays below 2^100: no overflow in 128 bits. */
    __int128 den = 100 * pow10_128(percent.scale);
    __int128 num = (__int128)pot * percent.units;

    if (abg_decimal_compare_int(percent, 100) > 0)
        return ABG_ERROR_OVERFLOW;
    *out = (int64_t)((2 * num + den) / (2 * den)); /* half away from zero */
    return ABG_OK;
}

int abg_decimal_compare_int(abg_decimal value, int64_t n)
{
    __int128 lhs = value.units, rhs = (__int128)n * pow10_128(value.scale);

    return lhs < rhs ? -1 : lhs > rhs;
}

const char *abg_money_symbol(const char *currency)
{
    if (!currency || strcmp(currency, "GBP") == 0)
        return POUND;
    if (strcmp(currency, "EUR") == 0)
        return "\xE2\x82\xAC";
    if (strcmp(currency, "USD") == 0)
        return "$";
    return "";
}

char *abg_ordinal_format(char *buf, size_t size, size_t n)
{
    const char *suffix = "th";

    if (n % 100 < 11 || n % 100 > 13) {
        if (n % 10 == 1)
            suffix = "st";
        else if (n % 10 == 2)
            suffix = "nd";
        else if (n % 10 == 3)
            suffix = "rd";
    }
    snprintf(buf, size, "%zu%s", n, suffix);
    return buf;
}

/* One decimal of a per cent, half away from zero (see money.h). */
char *abg_percent_change(char *buf, size_t size, int64_t base, int64_t change)
{
    __int128 tenths, mag;

    if (base == 0) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    /* change * 1000 / base, half away from zero: tenths of a per cent. */
    mag = (__int128)(change < 0 ? -change : change) * 2000 / base;
    tenths = (mag + 1) / 2;
    snprintf(buf, size, "%s%lld.%lld%%", change < 0 && tenths ? "-" : "",
             (long long)(tenths / 10), (long long)(tenths % 10));
    return buf;
}
