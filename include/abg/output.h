/*
 * output.h - machine-readable results: CSV and JSON.
 *
 * SPDX-License-Identifier: MIT
 *
 * The CSV layout is pinned because other tools read it:
 *   area,<component name>...,total
 * one row per area in file order, figures as plain decimals with exactly
 * two places (13711.12, 59551.00), no currency sign, no thousands
 * separators, no totals row, LF line endings, RFC 4180 quoting where a
 * name needs it. A cell that a spreadsheet would take for a formula
 * (starting with =, +, -, @, tab or carriage return), header or name,
 * gets a leading single quote (the OWASP rule against CSV injection);
 * only plain decimal numbers such as -12.50 are left as they are. The
 * comparison and sweep CSVs follow the same rules (one cell writer).
 *
 * The JSON holds the inputs, every exact quota as a reduced fraction
 * string in pounds, every rounding step, the sums and the findings; see
 * docs/format.md. Both return ABG_ERROR_WRITE when the stream fails.
 */
#ifndef ABG_OUTPUT_H
#define ABG_OUTPUT_H

#include <stdio.h>

#include "alloc.h"
#include "model.h"

/* Writes the CSV table. */
abg_error abg_csv_write(FILE *out, const abg_model *model,
                        const abg_result *result);

/* Writes s as a JSON string with the escapes RFC 8259 requires, and
 * \ufffd for each byte that is not part of valid UTF-8; NULL gives null. */
void abg_json_string(FILE *out, const char *s);

/* Writes the JSON document. */
abg_error abg_json_write(FILE *out, const abg_model *model,
                         const abg_result *result);

#endif /* ABG_OUTPUT_H */
