/*
 * xlsx_chart.c - the Chart sheet: a native stacked column chart of each
 * area's allocation by component, drawn from the Allocation sheet's cells
 * so that it follows any change to the inputs; past CHART_ALL_MAX areas,
 * of the CHART_TOP areas with the largest totals only.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>

#include "xlsx_internal.h"

/* libxlsxwriter's default chart size, in pixels. */
#define CHART_WIDTH 480.0
#define CHART_HEIGHT 288.0

/* Areas drawn one column each at most: past this a column would be
 * narrower than 18 pixels in the widest chart (4,000). */
#define CHART_ALL_MAX 200
/* Areas a summary chart draws: the largest totals. */
#define CHART_TOP 20
/* Rows of the summary table above the chart: a note, headings, areas. */
#define TOP_NOTE 0
#define TOP_HEAD 2
#define TOP_FIRST 3

/* Area totals, to pick the largest. */
typedef struct ranked {
    int64_t total;
    size_t area;
} ranked;

/* Largest total first; equal totals in file order. */
static int by_total(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;

    if (a->total != b->total)
        return a->total < b->total ? 1 : -1;
    return (a->area > b->area) - (a->area < b->area);
}

/* The summary table on the Chart sheet: the CHART_TOP areas with the
 * largest totals, largest first, each cell a formula over the Allocation
 * sheet's (so the figures stay live; which areas are drawn is fixed when
 * the workbook is written). Returns the number of areas, 0 when memory
 * runs out. */
static size_t write_top(abg_xlsx *x, abg_xlsx_sheet *s)
{
    const abg_model *m = x->m;
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    size_t na = m->n_areas, nc = m->n_components, n = 0;
    ranked *order = malloc((na ? na : 1) * sizeof *order);
    char text[256], ref[16];

    if (!order) {
        abg_xlsx_no_memory(x);
        return 0;
    }
    for (size_t a = 0; a < na; a++)
        order[a] = (ranked){x->r->areas[a].total, a};
    qsort(order, na, sizeof *order, by_total);
    n = na < CHART_TOP ? na : CHART_TOP;
    snprintf(text, sizeof text,
             "The chart draws the %zu areas with the largest totals, of %zu "
             "(a column each for every area would be unreadable). Their "
             "figures below follow the Allocation sheet; which areas they "
             "are was decided when the workbook was written.",
             n, na);
    abg_xlsx_label(x, s, TOP_NOTE, 0, text, f->subtitle);
    abg_xlsx_text(x, s, TOP_HEAD, 0, "Area", f->heading_left);
    abg_xlsx_text(x, s, TOP_HEAD, 1, "Total", f->heading);
    for (size_t c = 0; c < nc; c++)
        abg_xlsx_text(x, s, TOP_HEAD, 2 + (lxw_col_t)c, m->components[c].title,
                      f->heading);
    for (size_t i = 0; i < n; i++) {
        size_t a = order[i].area;
        lxw_row_t row = TOP_FIRST + (lxw_row_t)i;
        lxw_row_t from = at->al_area_first + (lxw_row_t)a;
        abg_xlsx_ref(ref, sizeof ref, from, 0, false, false);
        abg_xlsx_formula_text(x, s, row, 0, f->text, m->areas[a].name,
                              "=" ABG_XLSX_ALLOCATION "!%s", ref);
        abg_xlsx_ref(ref, sizeof ref, from, at->al_total_col, false, false);
        abg_xlsx_formula(
            x, s, row, 1, f->unit_money, abg_xlsx_pounds(x->r->areas[a].total),
            abg_xlsx_money_chars(x, x->r->areas[a].total, x->whole),
            "=" ABG_XLSX_ALLOCATION "!%s", ref);
        for (size_t c = 0; c < nc; c++) {
            int64_t cell = x->r->cells[a * nc + c];
            abg_xlsx_ref(ref, sizeof ref, from,
                         at->al_comp_first + (lxw_col_t)c, false, false);
            abg_xlsx_formula(x, s, row, 2 + (lxw_col_t)c, f->money,
                             abg_xlsx_pounds(cell),
                             abg_xlsx_money_chars(x, cell, false),
                             "=" ABG_XLSX_ALLOCATION "!%s", ref);
        }
    }
    free(order);
    return n;
}

void abg_xlsx_write_chart(abg_xlsx *x)
{
    abg_xlsx_sheet *s = &x->sheets[ABG_XLSX_SHEET_CHART];
    const abg_model *m = x->m;
    const abg_xlsx_layout *at = &x->at;
    lxw_chart *chart;
    lxw_chart_options opt = {0};
    bool top = m->n_areas > CHART_ALL_MAX;
    size_t drawn = m->n_areas;
    /* The areas' rows, on the Allocation sheet or the summary table. */
    const char *sheet = top ? ABG_XLSX_CHART : ABG_XLSX_ALLOCATION;
    lxw_row_t first = top ? TOP_FIRST : at->al_area_first, last;
    lxw_col_t comp_first = top ? 2 : at->al_comp_first;
    char title[128];
    /* Wide enough for the area names under their columns. */
    double width = 960, per_area;

    if (x->err != LXW_NO_ERROR || x->out_of_memory)
        return;
    if (top && (drawn = write_top(x, s)) == 0)
        return;
    last = first + (lxw_row_t)drawn - 1;
    chart = workbook_add_chart(x->wb, LXW_CHART_COLUMN_STACKED);
    if (!chart) {
        abg_xlsx_no_memory(x);
        return;
    }
    for (size_t c = 0; c < m->n_components; c++) {
        lxw_col_t col = comp_first + (lxw_col_t)c;
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series) {
            abg_xlsx_no_memory(x);
            return;
        }
        chart_series_set_categories(series, sheet, first, 0, last, 0);
        chart_series_set_values(series, sheet, first, col, last, col);
        /* Names come from cells, never as text that could start with =
         * and be read as a reference: the Rounding sheet's headings hold
         * each title without its footnote marker. */
        chart_series_set_name_range(series, ABG_XLSX_ROUNDING,
                                    at->rd_area_first - 1,
                                    at->rd_quota_first + (lxw_col_t)c);
    }
    if (top) {
        /* Fixed words first, so never read as a reference. */
        snprintf(title, sizeof title,
                 "The %zu areas with the largest totals (of %zu)", drawn,
                 m->n_areas);
        chart_title_set_name(chart, title);
    } else {
        chart_title_set_name_range(chart, ABG_XLSX_ALLOCATION, 0, 0);
    }
    abg_xlsx_title_font(chart);
    chart_axis_set_name(chart->x_axis, "Area");
    abg_xlsx_money_axis(x, chart->y_axis, "Allocation", false);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);

    per_area = 18.0 * (double)drawn + 240;
    if (per_area > width)
        width = per_area < 4000 ? per_area : 4000;
    opt.x_offset = 10;
    opt.y_offset = 10;
    opt.x_scale = width / CHART_WIDTH;
    opt.y_scale = 560 / CHART_HEIGHT;
    opt.description = top ? "Stacked column chart of the allocation by "
                            "component of the areas with the largest totals"
                          : "Stacked column chart of each area's allocation "
                            "by component";
    abg_xlsx_check(
        x,
        worksheet_insert_chart_opt(
            s->ws, top ? TOP_FIRST + (lxw_row_t)drawn + 1 : 0, 0, chart, &opt),
        "Chart: insert");
    abg_xlsx_page_setup(x, s);
    worksheet_fit_to_pages(s->ws, 1, 1);
}
