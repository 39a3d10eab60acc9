/*
 * html_internal.h - what the board-paper writers share: escaping, the
 * page frame and its print styles, the page size for a table, and the
 * inline SVG chart.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_HTML_INTERNAL_H
#define ABG_HTML_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "abg/html.h"

/* How a page prints: A4 portrait or landscape, and the type size (pt)
 * at which its table fits the page's width. */
typedef struct html_layout {
    bool landscape;
    int font_pt;
} html_layout;

/* Column widths of a table in characters (its widest cell each, headings
 * counted by their longest word since they wrap); the caller adds to
 * chars[k] as it lays out cells. */
typedef struct html_widths {
    size_t *chars;
    size_t cols;
} html_widths;

/* Writes s with &, <, >, " escaped and bytes that are not UTF-8 (or are
 * control characters) as U+FFFD; NULL writes nothing. */
void html_text(FILE *out, const char *s);

/* Widens column k to fit cell s (a figure, kept on one line). */
void html_widths_cell(html_widths *w, size_t k, const char *s);

/* Widens column k to fit heading s's longest word (headings wrap). */
void html_widths_heading(html_widths *w, size_t k, const char *s);

/* The page size and type for a table of these widths: portrait at 10pt
 * when it fits, else landscape at the largest of 10 to 6pt that fits. */
html_layout html_fit(const html_widths *w);

/* Starts the page: doctype, style sheet for screen and print, <h1>. */
void html_begin(FILE *out, const char *title, const html_layout *layout);

/* What produced the figures (file, scenario, each --set, a what-if said
 * plainly) and the source, under the title. */
abg_error html_provenance(FILE *out, const abg_model *model);

/* Ends the page. */
void html_end(FILE *out);

/* A horizontal bar chart as inline SVG: one group of bars per row (area),
 * one bar per series, values (n_rows * n_series, row-major) in pence,
 * bars from zero; negative values are drawn as zero-length. Only the
 * names and the axis are text, so that the table is where figures are
 * read. */
void html_chart(FILE *out, const char *caption, const char *const *rows,
                size_t n_rows, const char *const *series, size_t n_series,
                const int64_t *values, const abg_model *model);

#endif /* ABG_HTML_INTERNAL_H */
