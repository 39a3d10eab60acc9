/*
 * formula.h - derived indicators: formulas over indicators, such as
 * `crime / population * 1000` or `mean(crime_2021, crime_2022)`, parsed
 * once and evaluated exactly (GMP rationals) for each area (private to the
 * library; config_formula.c builds derived indicators with it).
 *
 * SPDX-License-Identifier: MIT
 *
 * Grammar: + - * / with the usual precedence and left to right,
 * parentheses, a leading minus, decimal numbers (`1000`, `12.5`; no
 * thousands separators: a comma separates arguments), names (letters,
 * digits and _, not starting with a digit) and the functions sum, mean,
 * min and max of one or more arguments. A formula owns its names; the
 * caller owns the values it passes and the result it receives.
 */
#ifndef ABG_FORMULA_H
#define ABG_FORMULA_H

#include <stddef.h>

#include <gmp.h>

#include "abg/error.h"

/* A parsed formula. */
typedef struct abg_formula abg_formula;

/* Parses text, the value of a `formula =` key at file:line. A mistake is
 * reported at that line with the column and what was expected. */
abg_error abg_formula_parse(abg_formula **out, const char *text,
                            const char *file, int line, abg_diag *diag);

/* Returns how many distinct names the formula uses. */
size_t abg_formula_names(const abg_formula *formula);

/* Returns the i-th distinct name, in order of first use. */
const char *abg_formula_name(const abg_formula *formula, size_t i);

/* Sets out to the formula's value for one area, exactly, given the value
 * of each name (values[i] for abg_formula_name(formula, i)). A division
 * by zero or a negative result is ABG_ERROR_MODEL, naming `area` and the
 * formula's line. */
abg_error abg_formula_eval(mpq_t out, const abg_formula *formula,
                           const mpq_t *values, const char *area,
                           abg_diag *diag);

/* Writes the working for one area into buf: the formula with each name
 * replaced by its value, then " = " and the result, such as
 * "1,234 / 92,500 × 1,000 = 13.34…" (figures that do not end within
 * `decimals` places are cut there and followed by "…"). Returns buf. */
char *abg_formula_explain(char *buf, size_t size, const abg_formula *formula,
                          const mpq_t *values, int decimals);

/* Writes the formula as a spreadsheet formula into buf: "=" then the
 * text with each name replaced by cells[i] (the cell of
 * abg_formula_name(formula, i), such as "D6"), sum, mean, min and max as
 * SUM, AVERAGE, MIN and MAX, and spaces dropped: `crime_4yr / population
 * * 1000` with cells {"D6", "B6"} is "=D6/B6*1000". Returns buf, or NULL
 * when it does not fit. */
char *abg_formula_spreadsheet(char *buf, size_t size,
                              const abg_formula *formula,
                              const char *const *cells);

/* Writes q as a decimal grouped in thousands (1,234.5), exact when it
 * ends within `decimals` places, else cut there and followed by "…".
 * Returns buf. */
char *abg_formula_format(char *buf, size_t size, const mpq_t q, int decimals);

/* Frees a formula; accepts NULL. */
void abg_formula_free(abg_formula *formula);

#endif /* ABG_FORMULA_H */
