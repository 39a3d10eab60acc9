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

/* How the table and the findings are laid out; all-zero means the
 * defaults of abg_report_table(). */
typedef struct abg_report_layout {
    size_t fit;  /* wrap the headings when the table is wider than this
                  * many columns (0: never) */
    size_t wrap; /* wrap prose lines at this width (0: never, one line
                  * per sentence, for pipes and files) */
} abg_report_layout;

/* The table laid out like a board paper: title, what produced it (file,
 * scenario, --set), source, a row per area with last year's figure, the
 * rounded total and its change on last year (when every area has
 * `previous`), each component to the penny, a totals row, the footnotes
 * and the budget's streams. Headings wrap when the table would be wider
 * than 80 columns. */
abg_error abg_report_table(FILE *out, const abg_model *model,
                           const abg_result *result);

/* abg_report_table() with a layout of the caller's (layout may be NULL). */
abg_error abg_report_table_with(FILE *out, const abg_model *model,
                                const abg_result *result,
                                const abg_report_layout *layout);

/* The damping steps the table prints above it (nothing for an undamped
 * allocation): a line of introduction, then one `- ` line per step, then
 * an empty line; unwrapped. */
abg_error abg_report_damping(FILE *out, const abg_model *model,
                             const abg_result *result);

/* The rounding findings, one bulleted sentence each. */
abg_error abg_report_findings(FILE *out, const abg_model *model,
                              const abg_result *result);

/* abg_report_findings() wrapped at wrap columns (0: unwrapped), each
 * sentence's later lines indented under its first word. */
abg_error abg_report_findings_wrapped(FILE *out, const abg_model *model,
                                      const abg_result *result, size_t wrap);

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
