/*
 * derived.h - a built model's derived indicators read back: an area's
 * exact value of any indicator, and the working of a formula for one area
 * (private to the library: it uses GMP).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_DERIVED_H
#define ABG_DERIVED_H

#include <stddef.h>
#include <stdio.h>

#include <gmp.h>

#include "abg/error.h"
#include "abg/model.h"

/* Sets out to area a's exact value of indicator i: a derived one's
 * fraction, or the decimal the area carries. */
void abg_derived_value(mpq_t out, const abg_model *model, size_t a, size_t i);

/* Returns the places a derived indicator's figures are shown to:
 * [indicator] decimals = N, else 2, or more for a value below 1 so that
 * two significant figures show. */
int abg_derived_places(const abg_model *model, size_t i, const mpq_t value);

/* Writes area a's value of derived indicator i into value and the
 * indicator's total over the areas (`total`, an exact fraction text) into
 * sum, each to abg_derived_places() places with "…" when cut. */
void abg_derived_figures(char *value, size_t value_size, char *sum,
                         size_t sum_size, const abg_model *model, size_t a,
                         size_t i, const char *total);

/* Writes q (>= 0) rounded half up to `places` decimals, plain digits
 * (79.746477), into buf; returns buf. */
char *abg_derived_decimal(char *buf, size_t size, const mpq_t q, int places);

/* Writes the working of derived indicator i for area a to out, the
 * derived indicators its formula names first, one line each:
 * `<indent>crime_rate: 3,314.25 / 72,301 × 1,000 = 45.84…`. Returns
 * ABG_ERROR_MEMORY or ABG_OK. */
abg_error abg_derived_explain(FILE *out, const abg_model *model, size_t a,
                              size_t i, const char *indent);

#endif /* ABG_DERIVED_H */
