/*
 * xlsx_chart.c - the Chart sheet: a native stacked column chart of each
 * area's allocation by component, drawn from the Allocation sheet's cells
 * so that it follows any change to the inputs.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>

#include "xlsx_internal.h"

/* libxlsxwriter's default chart size, in pixels. */
#define CHART_WIDTH 480.0
#define CHART_HEIGHT 288.0

void abg_xlsx_write_chart(abg_xlsx *x)
{
    abg_xlsx_sheet *s = &x->sheets[ABG_XLSX_SHEET_CHART];
    const abg_model *m = x->m;
    const abg_xlsx_layout *at = &x->at;
    lxw_chart *chart;
    lxw_chart_options opt = {0};
    lxw_row_t first = at->al_area_first;
    lxw_row_t last = at->al_area_first + (lxw_row_t)m->n_areas - 1;
    /* Wide enough for the area names under their columns. */
    double width = 960, per_area = 18.0 * (double)m->n_areas + 240;

    if (x->err != LXW_NO_ERROR || x->out_of_memory)
        return;
    chart = workbook_add_chart(x->wb, LXW_CHART_COLUMN_STACKED);
    if (!chart) {
        abg_xlsx_no_memory(x);
        return;
    }
    for (size_t c = 0; c < m->n_components; c++) {
        lxw_col_t col = at->al_comp_first + (lxw_col_t)c;
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series) {
            abg_xlsx_no_memory(x);
            return;
        }
        chart_series_set_categories(series, ABG_XLSX_ALLOCATION, first, 0,
                                    last, 0);
        chart_series_set_values(series, ABG_XLSX_ALLOCATION, first, col, last,
                                col);
        /* Names come from cells, never as text that could start with =
         * and be read as a reference: the Rounding sheet's headings hold
         * each title without its footnote marker. */
        chart_series_set_name_range(series, ABG_XLSX_ROUNDING,
                                    at->rd_area_first - 1,
                                    at->rd_quota_first + (lxw_col_t)c);
    }
    chart_title_set_name_range(chart, ABG_XLSX_ALLOCATION, 0, 0);
    abg_xlsx_title_font(chart);
    chart_axis_set_name(chart->x_axis, "Area");
    abg_xlsx_money_axis(x, chart->y_axis, "Allocation", false);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);

    if (per_area > width)
        width = per_area < 4000 ? per_area : 4000;
    opt.x_offset = 10;
    opt.y_offset = 10;
    opt.x_scale = width / CHART_WIDTH;
    opt.y_scale = 560 / CHART_HEIGHT;
    opt.description = "Stacked column chart of each area's allocation by "
                      "component";
    abg_xlsx_check(x, worksheet_insert_chart_opt(s->ws, 0, 0, chart, &opt),
                   "Chart: insert");
    abg_xlsx_page_setup(x, s);
    worksheet_fit_to_pages(s->ws, 1, 1);
}
