/*
 * report.h - what people read: the allocation table, the rounding
 * findings, the check against published figures, and the explanation of
 * one area's figure.
 *
 * SPDX-License-Identifier: MIT
 *
 * Each function writes UTF-8 text to `out` and returns ABG_ERROR_WRITE
 * when the stream fails; none keeps a pointer to its arguments.
 */
#ifndef ABG_REPORT_H
#define ABG_REPORT_H

#include <stdio.h>

#include "alloc.h"
#include "model.h"

/* The table laid out like a board paper: title, source, a row per area
 * with the rounded total first and each component to the penny, a totals
 * row, the footnotes and the budget's streams. */
abg_error abg_report_table(FILE *out, const abg_model *model,
                           const abg_result *result);

/* The rounding findings, one bulleted sentence each. */
abg_error abg_report_findings(FILE *out, const abg_model *model,
                              const abg_result *result);

/* Compares every published figure with the computed one, to the penny,
 * and writes one `FILE:LINE: ...` line per mismatch and a summary line.
 * Sets *mismatches to their number. A component's published column total
 * is compared with its amount (what a table's totals row prints); the
 * findings say whether its shown figures add up to it. */
abg_error abg_report_check(FILE *out, const abg_model *model,
                           const abg_result *result, size_t *mismatches);

/* Tells in words how one area's figure was reached, step by step. */
abg_error abg_report_explain(FILE *out, const abg_model *model,
                             const abg_result *result, size_t area);

#endif /* ABG_REPORT_H */
