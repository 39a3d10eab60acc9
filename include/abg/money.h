/*
 * money.h - exact money and decimal numbers as integers.
 *
 * SPDX-License-Identifier: MIT
 *
 * Money is an int64_t count of minor units (pence). Indicators and shares
 * are exact decimals: an integer count of units and a number of decimal
 * places. Parsing is strict: the whole string must be a number in the
 * accepted form, and anything that does not fit is refused, never rounded.
 * Nothing here allocates.
 */
#ifndef ABG_MONEY_H
#define ABG_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* An exact non-negative decimal: value = units / 10^scale. */
typedef struct abg_decimal {
    int64_t units;
    int scale; /* decimal places, 0 to ABG_DECIMAL_MAX_SCALE */
} abg_decimal;

/* The most decimal places an indicator or share may have. */
#define ABG_DECIMAL_MAX_SCALE 9

/* Parses a money amount in the form `94125`, `94125.5`, `94125.00`,
 * `£94,125.00` (an optional pound sign, commas only between groups of
 * three digits, at most two decimals) into pence. Negative amounts,
 * signs, exponents, spaces and anything else are refused. On failure
 * returns ABG_ERROR_VALUE or ABG_ERROR_OVERFLOW and points *reason at a
 * constant phrase such as "has more than two decimals". */
abg_error abg_money_parse(int64_t *out, const char *text, const char **reason);

/* Parses a non-negative decimal such as `92500`, `92,500` or `23.75`
 * (at most ABG_DECIMAL_MAX_SCALE decimals). Errors as abg_money_parse. */
abg_error abg_decimal_parse(abg_decimal *out, const char *text,
                            const char **reason);

/* Parses a percentage such as `22.1%` (the % is required) into the
 * decimal 22.1. Errors as abg_money_parse. */
abg_error abg_percent_parse(abg_decimal *out, const char *text,
                            const char **reason);

/* Writes pence as money into buf: `symbol` (may be NULL or "") before the
 * digits, commas between thousands when `group`, and two decimals unless
 * `whole` and the amount is a whole number of pounds. A negative amount
 * gets a leading minus, a positive one a plus when `plus`. Returns buf;
 * the text is cut to fit size (32 bytes always suffice for the digits). */
char *abg_money_format(char *buf, size_t size, int64_t pence,
                       const char *symbol, bool group, bool whole, bool plus);

/* Writes the same text as abg_money_format into out, which must have
 * room for 32 bytes plus symbol_len (the length of symbol, which may be
 * NULL when symbol_len is 0), and returns its length: for writers that
 * format millions of figures and want neither a cut nor a strlen. */
size_t abg_money_text(char *out, int64_t pence, const char *symbol,
                      size_t symbol_len, bool group, bool whole, bool plus);

/* Writes a decimal with commas between thousands (`92,500`, `23.75`) into
 * buf and returns buf. */
char *abg_decimal_format(char *buf, size_t size, abg_decimal value);

/* Sets *out to `percent` per cent of pot, rounded to the penny half away
 * from zero (22.1% of 426000.00 is 94146.00). percent must be at most 100;
 * returns ABG_ERROR_OVERFLOW if it is not. */
abg_error abg_money_share(int64_t *out, int64_t pot, abg_decimal percent);

/* Returns <0, 0 or >0 as value is less than, equal to or more than the
 * whole number n. */
int abg_decimal_compare_int(abg_decimal value, int64_t n);

/* Writes n as an English ordinal (1st, 2nd, 3rd, 4th, 11th, 21st) into
 * buf and returns buf. */
char *abg_ordinal_format(char *buf, size_t size, size_t n);

/* Returns the currency symbol for an ISO 4217 code (`GBP` gives the pound
 * sign, `EUR` the euro sign, `USD` a dollar); other codes give "". */
const char *abg_money_symbol(const char *currency);

/* Writes change / base as a percentage rounded half away from zero to one
 * decimal (`-10.0%`), or "n/a" when base is zero; returns buf. */
char *abg_percent_change(char *buf, size_t size, int64_t base, int64_t change);

#endif /* ABG_MONEY_H */
