/*
 * html.h - the printable board paper: one self-contained HTML page per
 * allocation, comparison or sweep.
 *
 * SPDX-License-Identifier: MIT
 *
 * A page needs nothing else to be read or printed: no network, no script,
 * no image files; the chart is inline SVG and the style sheet is in the
 * page. Its print styles set A4 (landscape when the table is wide, with a
 * smaller type when even that is tight), repeat the table's headings on
 * every page (thead) and keep rows whole. The tables are real <table>s,
 * so one pasted into a word processor keeps its columns. Every page says
 * what produced it: the file, the scenario and each --set. The writers
 * borrow their arguments and return ABG_ERROR_WRITE when the stream fails,
 * ABG_ERROR_MEMORY when memory runs out.
 */
#ifndef ABG_HTML_H
#define ABG_HTML_H

#include <stdio.h>

#include "alloc.h"
#include "compare.h"
#include "model.h"
#include "sweep.h"

/* The allocation as a board paper: title, source and what produced it,
 * the table (with last year, the change in money and in per cent when
 * every area has `previous`), the footnotes, the damping steps, the
 * budget's streams, the rounding findings and a bar chart by area. */
abg_error abg_html_write(FILE *out, const abg_model *model,
                         const abg_result *result);

/* The base beside its scenarios, each column's change on the base and on
 * last year (when known), and a chart. */
abg_error abg_html_write_comparison(FILE *out, const abg_comparison *cmp);

/* Each area's figure at every step of a sweep of `varied`, with its
 * lowest, highest and range, and a chart of the ranges. */
abg_error abg_html_write_sweep(FILE *out, const char *varied,
                               const abg_sweep_results *sweep);

#endif /* ABG_HTML_H */
