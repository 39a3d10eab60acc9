/*
 * xlsx_values.c - a values-only sheet of one allocation: area, total, each
 * component's figure and, when damped, what damping moved it by.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>

#include "xlsx_internal.h"

/* Rows above the table: title, subtitle, a gap, then the headings. */
#define HEAD_ROW 3
#define FIRST_ROW (HEAD_ROW + 1)

/* One allocation's values-only sheet, in x->sheets[0]: area, total and
 * each component's figure, as the Allocation sheet lays them out. */
void abg_xlsx_write_values(abg_xlsx *x, const abg_model *m,
                           const abg_result *r)
{
    abg_xlsx_sheet *s = &x->sheets[0];
    const abg_xlsx_formats *f = &x->f;
    int64_t sum = 0;
    char text[512], pot[64];

    if (m->scenario)
        snprintf(text, sizeof text, "%s: %s", m->title,
                 abg_xlsx_scenario_title(m));
    else
        snprintf(text, sizeof text, "%s: base", m->title);
    abg_xlsx_label(x, s, 0, 0, text, f->title);
    snprintf(text, sizeof text,
             "Pot %s. Figures as abgcalc computed them "
             "(values, not formulas).",
             abg_xlsx_money(x, pot, sizeof pot, m->pot, x->whole));
    abg_xlsx_label(x, s, 1, 0, text, f->subtitle);
    abg_xlsx_from_row(x, s, 2, m);
    abg_xlsx_heading(x, s, HEAD_ROW, 0, "Area", f->heading_left, 1);
    abg_xlsx_heading(x, s, HEAD_ROW, 1, "Total", f->heading, 1);
    for (size_t c = 0; c < m->n_components; c++)
        abg_xlsx_heading(x, s, HEAD_ROW, 2 + (lxw_col_t)c,
                         m->components[c].title, f->heading, 3);
    /* A damped allocation: what damping moved each area by, last. */
    if (r->damped)
        abg_xlsx_heading(x, s, HEAD_ROW, 2 + (lxw_col_t)m->n_components,
                         "Damping", f->heading, 1);
    for (size_t a = 0; a <= m->n_areas; a++) {
        bool is_total = a == m->n_areas;
        lxw_row_t row = FIRST_ROW + (lxw_row_t)a;
        int64_t t = is_total ? sum : r->areas[a].total;
        sum += is_total ? 0 : t;
        abg_xlsx_text(x, s, row, 0, is_total ? "Total" : m->areas[a].name,
                      is_total ? f->total_text : f->text);
        abg_xlsx_number(x, s, row, 1, abg_xlsx_pounds(t),
                        is_total ? f->total_unit_money : f->unit_money_bold,
                        abg_xlsx_money_chars(x, t, x->whole) + 1);
        for (size_t c = 0; c < m->n_components; c++) {
            int64_t v = is_total ? r->column_sums[c]
                                 : r->cells[a * m->n_components + c];
            abg_xlsx_number(x, s, row, 2 + (lxw_col_t)c, abg_xlsx_pounds(v),
                            is_total ? f->total_money : f->money,
                            abg_xlsx_money_chars(x, v, false) + 1);
        }
        if (r->damped) {
            int64_t v = 0;
            for (size_t k = 0; k < m->n_areas && is_total; k++)
                v += r->adjustments[k];
            if (!is_total)
                v = r->adjustments[a];
            abg_xlsx_number(x, s, row, 2 + (lxw_col_t)m->n_components,
                            abg_xlsx_pounds(v),
                            is_total ? f->total_money : f->money,
                            abg_xlsx_money_chars(x, v, false) + 2);
        }
    }
    worksheet_freeze_panes(s->ws, FIRST_ROW, 1);
    abg_xlsx_page_setup(x, s);
}
