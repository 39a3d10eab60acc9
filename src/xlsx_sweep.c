/*
 * xlsx_sweep.c - the sweep workbook: each area's allocation at every step
 * with its lowest, highest and range as live formulas, and a line chart
 * of the areas across the steps.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abg/xlsx.h"
#include "xlsx_internal.h"

#define SWEEP "Sweep"
/* Rows above the table: title, subtitle, a gap, then the headings. */
#define HEAD_ROW 3
#define FIRST_ROW (HEAD_ROW + 1)
/* The most lines one chart draws: more could not be told apart. */
#define CHART_MAX_SERIES 20

/* An area's range over the steps, for choosing the chart's lines. */
typedef struct spread {
    size_t area;
    int64_t lo, hi;
} spread;

/* Largest range first; equal ranges in file order. */
static int by_range(const void *pa, const void *pb)
{
    const spread *a = pa, *b = pb;
    int64_t ra = a->hi - a->lo, rb = b->hi - b->lo;

    if (ra != rb)
        return ra > rb ? -1 : 1;
    return a->area < b->area ? -1 : a->area > b->area;
}

/* Lowest and highest total of every area over the steps. */
static void spreads(spread *out, const abg_sweep_results *sw, size_t n,
                    size_t na)
{
    for (size_t a = 0; a < na; a++) {
        out[a] = (spread){a, sw->totals[a], sw->totals[a]};
        for (size_t k = 1; k < n; k++) {
            int64_t t = sw->totals[k * na + a];
            if (t < out[a].lo)
                out[a].lo = t;
            if (t > out[a].hi)
                out[a].hi = t;
        }
    }
}

/* The line chart, under the table: every area, or the CHART_MAX_SERIES
 * with the largest range (drawn in file order). */
static void sweep_chart(abg_xlsx *x, const char *varied, const spread *sp,
                        size_t na, size_t n, lxw_row_t at)
{
    abg_xlsx_sheet *s = &x->sheets[0];
    spread *order = malloc((na ? na : 1) * sizeof *order);
    bool *drawn = calloc(na ? na : 1, sizeof *drawn);
    lxw_chart *chart;
    char title[320], *copy;
    lxw_col_t last = (lxw_col_t)n;
    double width = 40.0 * (double)n + 300;

    if (!order || !drawn) {
        abg_xlsx_no_memory(x);
        goto out;
    }
    if (x->err != LXW_NO_ERROR || x->out_of_memory)
        goto out;
    memcpy(order, sp, na * sizeof *order);
    qsort(order, na, sizeof *order, by_range);
    for (size_t i = 0; i < na && i < CHART_MAX_SERIES; i++)
        drawn[order[i].area] = true;
    chart = workbook_add_chart(x->wb, LXW_CHART_LINE);
    if (!chart) {
        abg_xlsx_no_memory(x);
        goto out;
    }
    for (size_t a = 0; a < na; a++) {
        lxw_row_t row = FIRST_ROW + (lxw_row_t)a;
        lxw_chart_series *series;
        if (!drawn[a])
            continue;
        series = chart_add_series(chart, NULL, NULL);
        if (!series) {
            abg_xlsx_no_memory(x);
            goto out;
        }
        chart_series_set_categories(series, SWEEP, HEAD_ROW, 1, HEAD_ROW,
                                    last);
        chart_series_set_values(series, SWEEP, row, 1, row, last);
        /* The area's name from its cell, never as text that could be
         * read as a reference. */
        chart_series_set_name_range(series, SWEEP, row, 0);
    }
    /* The title starts with fixed words, so it is never read as a
     * reference. */
    if (na > CHART_MAX_SERIES)
        snprintf(title, sizeof title,
                 "Allocation as %.*s varies (the %d "
                 "of %zu areas with the largest range)",
                 abg_text_fit(varied, 200), varied, CHART_MAX_SERIES, na);
    else
        snprintf(title, sizeof title, "Allocation as %.*s varies",
                 abg_text_fit(varied, 200), varied);
    chart_title_set_name(chart, abg_xlsx_xml(x, title, &copy));
    free(copy);
    abg_xlsx_title_font(chart);
    snprintf(title, sizeof title, "Value of %.*s", abg_text_fit(varied, 200),
             varied);
    chart_axis_set_name(chart->x_axis, abg_xlsx_xml(x, title, &copy));
    free(copy);
    abg_xlsx_money_axis(x, chart->y_axis, "Allocation", false);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_RIGHT);
    abg_xlsx_place_chart(x, s, at, chart, width, 480,
                         "Line chart of each area's allocation at each step "
                         "of the sweep");
out:
    free(order);
    free(drawn);
}

/* The Sweep sheet, in x->sheets[0]. */
static void write_sweep(abg_xlsx *x, const char *varied,
                        const abg_sweep_results *sw, size_t n)
{
    abg_xlsx_sheet *s = &x->sheets[0];
    const abg_model *m = sw->model;
    const abg_xlsx_formats *f = &x->f;
    size_t na = m->n_areas;
    lxw_col_t lo_col = (lxw_col_t)n + 1;
    spread *sp = calloc(na ? na : 1, sizeof *sp);
    char text[512], a1[16], a2[16];

    if (!sp) {
        abg_xlsx_no_memory(x);
        return;
    }
    spreads(sp, sw, n, na);
    snprintf(text, sizeof text, "%s: %s varied over %zu steps", m->title,
             varied, n);
    abg_xlsx_label(x, s, 0, 0, text, f->title);
    abg_xlsx_label(x, s, 1, 0,
                   "Each area's allocation at each step, as abgcalc "
                   "computed it; lowest, highest and range are live "
                   "formulas over the row.",
                   f->subtitle);
    abg_xlsx_heading(x, s, HEAD_ROW, 0, "Area", f->heading_left, 1);
    for (size_t k = 0; k < n; k++)
        abg_xlsx_heading(x, s, HEAD_ROW, 1 + (lxw_col_t)k, sw->labels[k],
                         f->heading, 2);
    abg_xlsx_heading(x, s, HEAD_ROW, lo_col, "Lowest", f->heading, 1);
    abg_xlsx_heading(x, s, HEAD_ROW, lo_col + 1, "Highest", f->heading, 1);
    abg_xlsx_heading(x, s, HEAD_ROW, lo_col + 2, "Range", f->heading, 1);
    for (size_t a = 0; a < na; a++) {
        lxw_row_t row = FIRST_ROW + (lxw_row_t)a;
        abg_xlsx_text(x, s, row, 0, m->areas[a].name, f->text);
        for (size_t k = 0; k < n; k++) {
            int64_t t = sw->totals[k * na + a];
            abg_xlsx_number(x, s, row, 1 + (lxw_col_t)k, abg_xlsx_pounds(t),
                            f->unit_money,
                            abg_xlsx_money_chars(x, t, x->whole) + 1);
        }
        abg_xlsx_ref(a1, sizeof a1, row, 1, false, false);
        abg_xlsx_ref(a2, sizeof a2, row, (lxw_col_t)n, false, false);
        abg_xlsx_formula(x, s, row, lo_col, f->unit_money,
                         abg_xlsx_pounds(sp[a].lo),
                         abg_xlsx_money_chars(x, sp[a].lo, x->whole) + 1,
                         "=MIN(%s:%s)", a1, a2);
        abg_xlsx_formula(x, s, row, lo_col + 1, f->unit_money,
                         abg_xlsx_pounds(sp[a].hi),
                         abg_xlsx_money_chars(x, sp[a].hi, x->whole) + 1,
                         "=MAX(%s:%s)", a1, a2);
        abg_xlsx_formula(
            x, s, row, lo_col + 2, f->unit_money_bold,
            abg_xlsx_pounds(sp[a].hi - sp[a].lo),
            abg_xlsx_money_chars(x, sp[a].hi - sp[a].lo, x->whole) + 1,
            "=MAX(%s:%s)-MIN(%s:%s)", a1, a2, a1, a2);
    }
    worksheet_freeze_panes(s->ws, FIRST_ROW, 1);
    abg_xlsx_page_setup(x, s);
    sweep_chart(x, varied, sp, na, n, FIRST_ROW + (lxw_row_t)na + 1);
    free(sp);
}

abg_error abg_xlsx_write_sweep(const char *path, const char *varied,
                               const abg_sweep_results *sw, abg_diag *diag)
{
    abg_xlsx x;
    size_t n = sw->n_steps;
    bool whole = sw->whole;
    char subject[320];
    abg_error err;

    if (n == 0)
        return abg_diag_set(diag, ABG_ERROR_VALUE, path, 0, NULL,
                            "the sweep has no steps");
    /* Area, one column per step, lowest, highest and range. */
    err = abg_xlsx_fits(sw->model, SWEEP, n + 4, n, "steps", diag);
    if (err)
        return err;
    snprintf(subject, sizeof subject,
             "Allocation as %.*s varies, over "
             "%zu steps",
             abg_text_fit(varied, 200), varied, n);
    err = abg_xlsx_open_book(&x, path, sw->model, sw->result, whole, subject,
                             diag);
    if (!err && abg_xlsx_next_sheet(&x, SWEEP))
        write_sweep(&x, varied, sw, n);
    if (!err)
        abg_xlsx_next_sheet(&x, NULL);
    return abg_xlsx_close_book(&x, path, err, diag);
}
