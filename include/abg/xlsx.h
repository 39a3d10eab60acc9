/*
 * xlsx.h - the allocation as an Excel workbook that a finance officer can
 * audit and change and a board can print.
 *
 * SPDX-License-Identifier: MIT
 *
 * The workbook has five sheets: Allocation (the table as a board paper
 * prints it), Inputs (every figure the allocation starts from, in yellow
 * cells with defined names such as Pot, RoundTo and Amount_population),
 * Rounding (the largest-remainder method, step by step), Checks (every sum
 * and published figure, PASS or FAIL) and Chart. Every computed cell is a
 * live formula over the Inputs sheet and carries abgcalc's exact figure as
 * its cached value, so a viewer that never recalculates shows the right
 * numbers. docs/workbook.md describes the layout and its limits.
 *
 * Nothing here keeps a pointer to its arguments or writes anywhere but
 * `path`.
 */
#ifndef ABG_XLSX_H
#define ABG_XLSX_H

#include <stddef.h>

#include "alloc.h"
#include "compare.h"
#include "error.h"
#include "model.h"
#include "sweep.h"

/* Writes the workbook for a computed allocation to path, which the caller
 * usually gets from abg_file_temp_path() and renames into place. The bytes
 * depend only on the model and result: the creation date is
 * SOURCE_DATE_EPOCH when that is set, else the model's date (midnight
 * UTC), else 2000-01-01. Returns ABG_ERROR_WRITE when libxlsxwriter fails,
 * ABG_ERROR_VALUE when SOURCE_DATE_EPOCH is not a number of seconds, and
 * ABG_ERROR_MEMORY; diag then says what was being written. */
abg_error abg_xlsx_write(const char *path, const abg_model *model,
                         const abg_result *result, abg_diag *diag);

/* Writes the scenario comparison as a workbook to path: a Comparison sheet
 * (each area's previous figure when every area has one, the base, and per
 * scenario its figure with its change in money and per cent as live
 * formulas, and a totals row of SUM formulas), a clustered column chart of
 * each scenario's change by area, and a values-only sheet per allocation
 * (the base first) laid out like the Allocation table. Sheet names are the
 * scenario names made valid for Excel (31 characters, none of []:*?/\)
 * and unique. Bytes and errors as abg_xlsx_write; damped allocations are
 * shown (as values). */
abg_error abg_xlsx_write_comparison(const char *path,
                                    const abg_comparison *cmp, abg_diag *diag);

/* Writes a sweep as a workbook to path: a Sweep sheet with a row per area
 * and a column per step (headed by its label) holding abgcalc's figures,
 * then the lowest, highest and range as live formulas over the row, and a
 * line chart of every area across the steps (of the 20 with the largest
 * range when there are more, as its title says). `varied` names the keys
 * for the titles. Bytes and errors as abg_xlsx_write. */
abg_error abg_xlsx_write_sweep(const char *path, const char *varied,
                               const abg_sweep_results *sweep, abg_diag *diag);

#endif /* ABG_XLSX_H */
