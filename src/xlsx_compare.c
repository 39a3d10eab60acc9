/*
 * xlsx_compare.c - the scenario workbook: a Comparison sheet with live
 * change formulas and a chart of the changes, and a values-only sheet per
 * allocation; and the workbook set-up the comparison and sweep writers
 * share.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abg/xlsx.h"
#include "xlsx_internal.h"

#define COMPARISON "Comparison"
/* Excel's longest sheet name, in characters. */
#define SHEET_NAME_MAX 31
/* Rows above the table: title, subtitle, a gap, then the headings. */
#define HEAD_ROW 3
#define FIRST_ROW (HEAD_ROW + 1)

/* --- the comparison ----------------------------------------------------- */

/* Excel counts a sheet name's length in UTF-16 units: a character of
 * four UTF-8 bytes (an emoji) takes two. */
static size_t utf16_units(size_t bytes)
{
    return bytes == 4 ? 2 : 1;
}

/* The bytes of base's longest start of at most `units` UTF-16 units
 * (base holds only whole, valid characters). */
static size_t cut_units(const char *base, size_t units)
{
    size_t len = 0, used = 0;

    while (base[len]) {
        size_t b = abg_text_char_bytes(base + len);

        if (used + utf16_units(b) > units)
            break;
        used += utf16_units(b);
        len += b;
    }
    return len;
}

/* Makes name (of at least SHEET_NAME_MAX * 4 + 16 bytes) a sheet name
 * Excel takes and that no earlier one (names[0..n)) has, ignoring case:
 * []:*?/\, an apostrophe at either end and any byte an XML part cannot
 * hold become '_', it is cut to 31 UTF-16 units on a character boundary
 * (never inside a character: LibreOffice refuses such a file), and a
 * clash gets " (2)", " (3)" ... */
static void sheet_name(char *name, size_t size, const char *want,
                       char names[][SHEET_NAME_MAX * 4 + 16], size_t n)
{
    char base[SHEET_NAME_MAX * 4 + 1];
    size_t len = 0, units = 0;

    for (const char *p = want; *p;) {
        size_t b = abg_text_xml_char_bytes(p);

        if (units + utf16_units(b) > SHEET_NAME_MAX)
            break;
        units += utf16_units(b);
        if (b <= 1) {
            base[len++] = b && !strchr("[]:*?/\\", *p) ? *p : '_';
            p++;
        } else {
            memcpy(base + len, p, b);
            len += b;
            p += b;
        }
    }
    base[len] = '\0';
    if (len == 0)
        snprintf(base, sizeof base, "Scenario");
    if (base[0] == '\'')
        base[0] = '_';
    if (base[strlen(base) - 1] == '\'')
        base[strlen(base) - 1] = '_';
    snprintf(name, size, "%s", base);
    for (unsigned k = 2;; k++) {
        bool taken = strcasecmp(name, COMPARISON) == 0 ||
            strcasecmp(name, "History") == 0; /* Excel's own */
        char suffix[16];

        for (size_t i = 0; i < n && !taken; i++)
            taken = strcasecmp(name, names[i]) == 0;
        if (!taken)
            return;
        snprintf(suffix, sizeof suffix, " (%u)", k);
        /* Cut the base to leave room for the suffix, at a character. */
        snprintf(name, size, "%.*s%s",
                 (int)cut_units(base, SHEET_NAME_MAX - strlen(suffix)), base,
                 suffix);
    }
}

/* Columns of the Comparison sheet. Without previous: Area | Base | per
 * scenario: figure, change on base, % on base. With previous: Area |
 * Previous | Base | change on last year | % on last year | per scenario:
 * figure, change on base, % on base, change on last year, % on last year. */
typedef struct columns {
    bool prev;
    lxw_col_t prev_col, base_col;
    lxw_col_t first; /* scenario 1's figure */
    lxw_col_t width; /* columns per scenario */
} columns;

static lxw_col_t fig_col(const columns *c, size_t k)
{
    return k ? c->first + c->width * (lxw_col_t)(k - 1) : c->base_col;
}

/* Writes one money column's SUM in the totals row. */
static void sum_cell(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t total,
                     lxw_col_t col, int64_t pence)
{
    char a[16], b[16];

    abg_xlsx_formula(
        x, s, total, col, x->f.total_unit_money, abg_xlsx_pounds(pence),
        abg_xlsx_money_chars(x, pence, x->whole) + 1, "=SUM(%s:%s)",
        abg_xlsx_ref(a, sizeof a, FIRST_ROW, col, false, false),
        abg_xlsx_ref(b, sizeof b, total - 1, col, false, false));
}

/* In columns out and out + 1: the figure in column col less the one in
 * column ref (worth fig and was), and that over the latter in per cent
 * ("" when it is zero). */
static void change_cells(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                         lxw_col_t col, lxw_col_t ref, lxw_col_t out,
                         int64_t was, int64_t fig, bool total)
{
    char fr[16], br[16], cr[16];

    abg_xlsx_ref(fr, sizeof fr, row, col, false, false);
    abg_xlsx_ref(br, sizeof br, row, ref, false, false);
    abg_xlsx_ref(cr, sizeof cr, row, out, false, false);
    abg_xlsx_formula(
        x, s, row, out, total ? x->f.total_unit_money : x->f.unit_money,
        abg_xlsx_pounds(fig - was),
        abg_xlsx_money_chars(x, fig - was, x->whole) + 1, "=%s-%s", fr, br);
    if (was == 0)
        abg_xlsx_formula_text(x, s, row, out + 1,
                              total ? x->f.total_percent : x->f.percent, "",
                              "=IF(%s=0,\"\",%s/%s)", br, cr, br);
    else
        abg_xlsx_formula(x, s, row, out + 1,
                         total ? x->f.total_percent : x->f.percent,
                         (double)(fig - was) / (double)was, 9,
                         "=IF(%s=0,\"\",%s/%s)", br, cr, br);
}

/* A row's changes: each scenario's on the base, and with previous every
 * column's (the base's too) on last year. */
static void row_changes(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                        const columns *c, size_t n, const int64_t *figs,
                        int64_t prev, bool total)
{
    for (size_t k = 0; k < n; k++) {
        lxw_col_t col = fig_col(c, k);
        if (k)
            change_cells(x, s, row, col, c->base_col, col + 1, figs[0],
                         figs[k], total);
        if (c->prev)
            change_cells(x, s, row, col, c->prev_col, col + (k ? 3 : 1), prev,
                         figs[k], total);
    }
}

/* Column k's headings: its label, then its change columns. */
static void column_headings(abg_xlsx *x, abg_xlsx_sheet *s, const columns *c,
                            size_t k, const abg_model *m)
{
    const abg_xlsx_formats *f = &x->f;
    lxw_col_t col = fig_col(c, k);
    char *label = abg_model_label(m);

    if (!label) {
        abg_xlsx_no_memory(x);
        return;
    }
    abg_xlsx_heading(x, s, HEAD_ROW, col, label, f->heading, k ? 3 : 1);
    free(label);
    if (k) {
        abg_xlsx_heading(x, s, HEAD_ROW, col + 1, "Change on base", f->heading,
                         2);
        abg_xlsx_heading(x, s, HEAD_ROW, col + 2, "% on base", f->heading, 2);
    }
    if (c->prev) {
        lxw_col_t at = col + (k ? 3 : 1);
        abg_xlsx_heading(x, s, HEAD_ROW, at, "Change on last year", f->heading,
                         2);
        abg_xlsx_heading(x, s, HEAD_ROW, at + 1, "% on last year", f->heading,
                         2);
    }
}

/* The clustered column chart of each scenario's change by area, under
 * the table. */
static void change_chart(abg_xlsx *x, const abg_comparison *cmp,
                         const columns *c, lxw_row_t at)
{
    abg_xlsx_sheet *s = &x->sheets[0];
    size_t na = cmp->models[0]->n_areas;
    lxw_row_t last = FIRST_ROW + (lxw_row_t)na - 1;
    lxw_chart *chart;
    double width = 18.0 * (double)(na * (cmp->n - 1)) + 240;

    if (x->err != LXW_NO_ERROR || x->out_of_memory)
        return;
    chart = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
    if (!chart) {
        abg_xlsx_no_memory(x);
        return;
    }
    for (size_t k = 1; k < cmp->n; k++) {
        lxw_col_t col = fig_col(c, k) + 1; /* its change on the base */
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series) {
            abg_xlsx_no_memory(x);
            return;
        }
        chart_series_set_categories(series, s->name, FIRST_ROW, 0, last, 0);
        chart_series_set_values(series, s->name, FIRST_ROW, col, last, col);
        /* The name from its heading cell, never as text that could be
         * read as a reference. */
        chart_series_set_name_range(series, s->name, HEAD_ROW, col - 1);
    }
    chart_title_set_name(chart, "Change on the base, by area");
    abg_xlsx_title_font(chart);
    chart_axis_set_name(chart->x_axis, "Area");
    /* Category labels stay at the bottom however far the bars go down. */
    chart_axis_set_label_position(chart->x_axis,
                                  LXW_CHART_AXIS_LABEL_POSITION_LOW);
    abg_xlsx_money_axis(x, chart->y_axis, "Change", true);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    abg_xlsx_place_chart(x, s, at, chart, width, 480,
                         "Clustered column chart of each scenario's change "
                         "on the base, by area");
}

/* The Comparison sheet, in x->sheets[0]. */
static void write_comparison(abg_xlsx *x, const abg_comparison *cmp)
{
    abg_xlsx_sheet *s = &x->sheets[0];
    const abg_model *base = cmp->models[0];
    const abg_xlsx_formats *f = &x->f;
    size_t na = base->n_areas;
    lxw_row_t total = FIRST_ROW + (lxw_row_t)na;
    columns c = {0};
    int64_t prev_sum = 0, *sums = calloc(cmp->n, sizeof *sums),
            *figs = calloc(cmp->n, sizeof *figs);
    char text[512];

    if (!sums || !figs) {
        abg_xlsx_no_memory(x);
        goto out;
    }
    c.prev = abg_model_all_previous(base);
    c.prev_col = 1;
    c.base_col = c.prev ? 2 : 1;
    c.first = c.base_col + (c.prev ? 3 : 1);
    c.width = c.prev ? 5 : 3;

    snprintf(text, sizeof text, "%s: base and %zu scenario%s", base->title,
             cmp->n - 1, cmp->n == 2 ? "" : "s");
    abg_xlsx_label(x, s, 0, 0, text, f->title);
    abg_xlsx_label(x, s, 1, 0,
                   "Each area's allocation in the base and in each "
                   "scenario, as abgcalc computed them; the changes and "
                   "totals are live formulas.",
                   f->subtitle);
    abg_xlsx_from_row(x, s, 2, base);
    abg_xlsx_heading(x, s, HEAD_ROW, 0, "Area", f->heading_left, 1);
    if (c.prev)
        abg_xlsx_heading(x, s, HEAD_ROW, c.prev_col, "Previous", f->heading,
                         1);
    for (size_t k = 0; k < cmp->n; k++)
        column_headings(x, s, &c, k, cmp->models[k]);
    for (size_t a = 0; a < na; a++) {
        lxw_row_t row = FIRST_ROW + (lxw_row_t)a;
        abg_xlsx_text(x, s, row, 0, base->areas[a].name, f->text);
        if (c.prev) {
            int64_t p = base->areas[a].previous;
            prev_sum += p;
            abg_xlsx_number(x, s, row, c.prev_col, abg_xlsx_pounds(p),
                            f->unit_money,
                            abg_xlsx_money_chars(x, p, x->whole) + 1);
        }
        for (size_t k = 0; k < cmp->n; k++) {
            int64_t fig = cmp->results[k]->areas[a].total;
            sums[k] += fig;
            figs[k] = fig;
            abg_xlsx_number(x, s, row, fig_col(&c, k), abg_xlsx_pounds(fig),
                            f->unit_money,
                            abg_xlsx_money_chars(x, fig, x->whole) + 1);
        }
        row_changes(x, s, row, &c, cmp->n, figs,
                    c.prev ? base->areas[a].previous : 0, false);
    }
    abg_xlsx_text(x, s, total, 0, "Total", f->total_text);
    if (c.prev)
        sum_cell(x, s, total, c.prev_col, prev_sum);
    for (size_t k = 0; k < cmp->n; k++)
        sum_cell(x, s, total, fig_col(&c, k), sums[k]);
    /* The total's changes are the differences of the SUMs. */
    row_changes(x, s, total, &c, cmp->n, sums, prev_sum, true);
    worksheet_freeze_panes(s->ws, FIRST_ROW, 1);
    abg_xlsx_page_setup(x, s);
    if (cmp->n > 1)
        change_chart(x, cmp, &c, total + 2);
out:
    free(sums);
    free(figs);
}

abg_error abg_xlsx_write_comparison(const char *path,
                                    const abg_comparison *cmp, abg_diag *diag)
{
    abg_xlsx x;
    bool whole = true;
    char subject[320];
    char(*names)[SHEET_NAME_MAX * 4 + 16] = NULL;
    abg_error err;

    /* Area, previous, base and its change on last year, then figure and
     * the changes for each scenario; each values sheet has area, total
     * and the components. */
    err = abg_xlsx_fits(cmp->models[0], COMPARISON, 5 + 5 * (cmp->n - 1),
                        cmp->n - 1, "scenarios", diag);
    for (size_t k = 0; k < cmp->n && !err; k++)
        err = abg_xlsx_fits(cmp->models[k], "values",
                            cmp->models[k]->n_components + 2,
                            cmp->models[k]->n_components, "components", diag);
    if (err)
        return err;
    for (size_t k = 0; k < cmp->n; k++)
        whole = whole && cmp->models[k]->round_to >= 100;
    snprintf(subject, sizeof subject,
             "Allocation of %.*s compared with %zu "
             "scenario%s",
             abg_text_fit(cmp->models[0]->title, 256), cmp->models[0]->title,
             cmp->n - 1, cmp->n == 2 ? "" : "s");
    err = abg_xlsx_open_book(&x, path, cmp->models[0], cmp->results[0], whole,
                             subject, diag);
    if (err)
        return abg_xlsx_close_book(&x, path, err, diag);
    names = calloc(cmp->n, sizeof *names);
    if (!names)
        abg_xlsx_no_memory(&x);
    if (names && abg_xlsx_next_sheet(&x, COMPARISON))
        write_comparison(&x, cmp);
    for (size_t k = 0; names && k < cmp->n; k++) {
        const abg_model *m = cmp->models[k];
        sheet_name(names[k], sizeof names[k],
                   m->scenario ? m->scenario : "Base", names, k);
        if (abg_xlsx_next_sheet(&x, names[k]))
            abg_xlsx_write_values(&x, m, cmp->results[k]);
    }
    abg_xlsx_next_sheet(&x, NULL);
    err = abg_xlsx_close_book(&x, path, ABG_OK, diag);
    free(names);
    return err;
}
