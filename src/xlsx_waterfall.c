/*
 * xlsx_waterfall.c - the Waterfall sheet of a damped allocation: from last
 * year through each damping step to the final figure.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "abg/xlsx.h"
#include "xlsx_internal.h"

/* Rows above the table: title, two lines of explanation, a gap. */
#define HEAD_ROW 4
#define FIRST_ROW (HEAD_ROW + 1)

/* The damping steps the file sets, in the order they apply. */
static size_t steps_set(const abg_model *m, abg_stage *steps)
{
    const abg_damping *d = &m->damping;
    size_t n = 0;

    if (d->has_pace)
        steps[n++] = ABG_STAGE_PACE;
    if (d->has_floor)
        steps[n++] = ABG_STAGE_FLOOR;
    if (d->has_ceiling)
        steps[n++] = ABG_STAGE_CEILING;
    if (d->has_minimum)
        steps[n++] = ABG_STAGE_MINIMUM;
    return n;
}

/* The figure area a shows in column col (1 Previous to the change). */
static double column_value(abg_xlsx *x, const abg_model *m,
                           const abg_result *r, const abg_stage *steps,
                           size_t n, size_t a, lxw_col_t col)
{
    double prev = abg_xlsx_pounds(m->areas[a].previous);
    double fin = abg_xlsx_pounds(r->areas[a].total);
    lxw_col_t last = (lxw_col_t)(2 + n);

    if (col == 1)
        return prev;
    if (col == 2)
        return abg_xlsx_exact(x, ABG_EXACT_STAGE, a, ABG_STAGE_FORMULA);
    if (col <= last)
        return abg_xlsx_exact(x, ABG_EXACT_STAGE, a, (size_t)steps[col - 3]);
    if (col == last + 1)
        return fin - abg_xlsx_exact(x, ABG_EXACT_STAGE, a,
                                    n ? (size_t)steps[n - 1]
                                      : ABG_STAGE_FORMULA);
    if (col == last + 2)
        return fin;
    return fin - prev;
}

/* The totals row: each column summed (the exact stages as abgcalc's
 * figures add up, the rest live), and the total change in per cent. */
static void write_totals(abg_xlsx *x, abg_xlsx_sheet *s, const abg_model *m,
                         const abg_result *r, const abg_stage *steps,
                         size_t n)
{
    lxw_col_t change = (lxw_col_t)(2 + n) + 3;
    const abg_xlsx_formats *f = &x->f;
    lxw_row_t row = FIRST_ROW + (lxw_row_t)m->n_areas;
    int64_t prev = 0, fin = 0;
    char a1[16], a2[16];
    double sum;

    for (size_t a = 0; a < m->n_areas; a++) {
        prev += m->areas[a].previous;
        fin += r->areas[a].total;
    }
    abg_xlsx_text(x, s, row, 0, "Total", f->total_text);
    for (lxw_col_t col = 1; col <= change; col++) {
        abg_xlsx_ref(a1, sizeof a1, FIRST_ROW, col, false, false);
        abg_xlsx_ref(a2, sizeof a2, row - 1, col, false, false);
        sum = 0;
        for (size_t a = 0; a < m->n_areas; a++)
            sum += column_value(x, m, r, steps, n, a, col);
        abg_xlsx_formula(x, s, row, col, f->total_money, sum, 14,
                         "=SUM(%s:%s)", a1, a2);
    }
    abg_xlsx_ref(a1, sizeof a1, row, 1, false, false);
    abg_xlsx_ref(a2, sizeof a2, row, change, false, false);
    abg_xlsx_formula(x, s, row, change + 1, f->total_percent,
                     prev ? (double)(fin - prev) / (double)prev : 0, 8,
                     "=IF(%s=0,0,%s/%s)", a1, a2, a1);
}

/* Area | Previous | Formula | after each step | Rounding | Final |
 * Change on previous | Change %: the last three are formulas. */
void abg_xlsx_write_waterfall(abg_xlsx *x, const abg_model *m,
                              const abg_result *r)
{
    static const char *const titles[] = {"Formula", "After pace",
                                         "After floor", "After ceiling",
                                         "After minimum"};
    abg_xlsx_sheet *s = &x->sheets[0];
    const abg_xlsx_formats *f = &x->f;
    abg_stage steps[4];
    size_t n = steps_set(m, steps);
    lxw_col_t formula = 2, last = (lxw_col_t)(2 + n), rounding = last + 1,
              final = last + 2, change = last + 3, pct = last + 4;
    char text[512], a1[16], a2[16], a3[16];

    snprintf(text, sizeof text, "%s: damping against last year", m->title);
    abg_xlsx_label(x, s, 0, 0, text, f->title);
    abg_xlsx_label(x, s, 1, 0,
                   "Each area from last year's figure to this year's: the "
                   "formula's exact figure, after each damping step in the "
                   "order they apply, then the rounding to the unit.",
                   f->subtitle);
    if (m->damping.has_floor) {
        char factor[64];
        abg_result_exact(r, ABG_EXACT_FLOOR_FACTOR, 0, 0, 4, factor,
                         sizeof factor);
        snprintf(text, sizeof text, "Figures are abgcalc's (values); the "
                 "last three columns are formulas. The floor is paid for by "
                 "every area keeping %s of its excess above its floor.",
                 factor);
    } else {
        snprintf(text, sizeof text, "Figures are abgcalc's (values); the "
                 "last three columns are formulas.");
    }
    abg_xlsx_label(x, s, 2, 0, text, f->subtitle);
    abg_xlsx_from_row(x, s, 3, m);
    abg_xlsx_heading(x, s, HEAD_ROW, 0, "Area", f->heading_left, 1);
    abg_xlsx_heading(x, s, HEAD_ROW, 1, "Previous", f->heading, 1);
    abg_xlsx_heading(x, s, HEAD_ROW, formula, titles[0], f->heading, 1);
    for (size_t k = 0; k < n; k++)
        abg_xlsx_heading(x, s, HEAD_ROW, (lxw_col_t)(3 + k), titles[steps[k]],
                         f->heading, 2);
    abg_xlsx_heading(x, s, HEAD_ROW, rounding, "Rounding", f->heading, 1);
    abg_xlsx_heading(x, s, HEAD_ROW, final, "Final", f->heading, 1);
    abg_xlsx_heading(x, s, HEAD_ROW, change, "Change on previous",
                     f->heading, 2);
    abg_xlsx_heading(x, s, HEAD_ROW, pct, "Change %", f->heading, 1);
    for (size_t a = 0; a < m->n_areas; a++) {
        const abg_area *area = &m->areas[a];
        lxw_row_t row = FIRST_ROW + (lxw_row_t)a;
        double prev = abg_xlsx_pounds(area->previous);
        double fin = abg_xlsx_pounds(r->areas[a].total);
        double before = abg_xlsx_exact(x, ABG_EXACT_STAGE, a,
                                       n ? (size_t)steps[n - 1]
                                         : ABG_STAGE_FORMULA);
        abg_xlsx_text(x, s, row, 0, area->name, f->text);
        if (area->has_previous)
            abg_xlsx_number(x, s, row, 1, prev, f->money,
                            abg_xlsx_money_chars(x, area->previous, false));
        abg_xlsx_number(x, s, row, formula,
                        abg_xlsx_exact(x, ABG_EXACT_STAGE, a,
                                       ABG_STAGE_FORMULA),
                        f->money, 12);
        for (size_t k = 0; k < n; k++)
            abg_xlsx_number(x, s, row, (lxw_col_t)(3 + k),
                            abg_xlsx_exact(x, ABG_EXACT_STAGE, a,
                                           (size_t)steps[k]),
                            f->money, 12);
        abg_xlsx_number(x, s, row, final, fin, f->unit_money_bold,
                        abg_xlsx_money_chars(x, r->areas[a].total, x->whole));
        abg_xlsx_ref(a1, sizeof a1, row, final, false, false);
        abg_xlsx_ref(a2, sizeof a2, row, last, false, false);
        abg_xlsx_formula(x, s, row, rounding, f->money, fin - before, 10,
                         "=%s-%s", a1, a2);
        if (!area->has_previous)
            continue;
        abg_xlsx_ref(a3, sizeof a3, row, 1, false, false);
        abg_xlsx_formula(x, s, row, change, f->money, fin - prev, 12,
                         "=%s-%s", a1, a3);
        abg_xlsx_ref(a2, sizeof a2, row, change, false, false);
        abg_xlsx_formula(x, s, row, pct, f->percent,
                         prev != 0 ? (fin - prev) / prev : 0, 8,
                         "=IF(%s=0,0,%s/%s)", a3, a2, a3);
    }
    write_totals(x, s, m, r, steps, n);
    worksheet_freeze_panes(s->ws, FIRST_ROW, 1);
    abg_xlsx_page_setup(x, s);
}

