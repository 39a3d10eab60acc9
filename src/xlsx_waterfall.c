/*
 * xlsx_waterfall.c - the Waterfall sheet of a damped allocation: from last
 * year through each damping step to the final figure; the floor step as
 * live formulas (its levels, its one factor and the figures after it).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abg/xlsx.h"
#include "xlsx_internal.h"

/* Rows above the table: title, two lines of explanation, the source,
 * and with a floor its inputs (pot, round_to, floor) and factor, a gap. */
#define INPUT_ROW 4
#define N_INPUTS 4
#define HEAD_ROW(m) ((m)->damping.has_floor ? INPUT_ROW + N_INPUTS + 1 : 4)
#define FIRST_ROW(m) (HEAD_ROW(m) + 1)

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
    lxw_row_t row = FIRST_ROW(m) + (lxw_row_t)m->n_areas;
    int64_t prev = 0, fin = 0;
    char a1[16], a2[16];
    double sum;

    for (size_t a = 0; a < m->n_areas; a++) {
        prev += m->areas[a].previous;
        fin += r->areas[a].total;
    }
    abg_xlsx_text(x, s, row, 0, "Total", f->total_text);
    for (lxw_col_t col = 1; col <= change; col++) {
        abg_xlsx_ref(a1, sizeof a1, FIRST_ROW(m), col, false, false);
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

/* The floor level of last year's figure prev (pence): prev * (1 + floor)
 * rounded up to a whole round_to unit, as damping.c's limit_of. */
static int64_t floor_level(const abg_model *m, int64_t prev)
{
    abg_ratio fl = m->damping.floor;
    __int128 n = (__int128)prev * (fl.den + fl.num);
    __int128 d = (__int128)fl.den * m->round_to;
    __int128 q = n / d;

    if (n % d != 0 && n > 0)
        q++;
    return (int64_t)(q * m->round_to);
}

/* The floor's inputs and its one factor above the table, each named:
 * Pot, RoundTo, Floor (yellow, to change) and FloorFactor, the closed form
 * damping.c solves: 1 when no area is below its level, else
 * (pot - sum of levels) / sum of excess above them. */
static void write_floor_inputs(abg_xlsx *x, abg_xlsx_sheet *s,
                               const abg_model *m, const abg_result *r,
                               lxw_col_t before, lxw_col_t level)
{
    const abg_xlsx_formats *f = &x->f;
    lxw_row_t pot = INPUT_ROW, unit = INPUT_ROW + 1, floor = INPUT_ROW + 2,
              factor = INPUT_ROW + 3;
    lxw_row_t first = FIRST_ROW(m), last = first + (lxw_row_t)m->n_areas - 1;
    char xs[32], xe[32], ls[32], le[32], p[16], text[64];
    char X[72], L[72];

    abg_xlsx_text(x, s, pot, 0, "Pot", f->text);
    abg_xlsx_number(x, s, pot, 1, abg_xlsx_pounds(m->pot), f->in_money,
                    abg_xlsx_money_chars(x, m->pot, false));
    abg_xlsx_define(x, "Pot", s, pot, 1);
    abg_xlsx_text(x, s, unit, 0, "Round to", f->text);
    abg_xlsx_number(x, s, unit, 1, abg_xlsx_pounds(m->round_to), f->in_money,
                    abg_xlsx_money_chars(x, m->round_to, false));
    abg_xlsx_define(x, "RoundTo", s, unit, 1);
    abg_xlsx_text(x, s, floor, 0, "Floor", f->text);
    abg_xlsx_number(x, s, floor, 1,
                    (double)m->damping.floor.num /
                        (double)m->damping.floor.den,
                    f->in_percent, 8);
    abg_xlsx_define(x, "Floor", s, floor, 1);
    abg_xlsx_text(x, s, factor, 0, "Floor factor", f->text);
    abg_xlsx_ref(xs, sizeof xs, first, before, true, true);
    abg_xlsx_ref(xe, sizeof xe, last, before, true, true);
    abg_xlsx_ref(ls, sizeof ls, first, level, true, true);
    abg_xlsx_ref(le, sizeof le, last, level, true, true);
    abg_xlsx_ref(p, sizeof p, pot, 1, true, true);
    snprintf(X, sizeof X, "%s:%s", xs, xe);
    snprintf(L, sizeof L, "%s:%s", ls, le);
    abg_result_exact(r, ABG_EXACT_FLOOR_FACTOR, 0, 0, 12, text, sizeof text);
    abg_xlsx_formula(x, s, factor, 1, f->kept, strtod(text, NULL), 10,
                     "=IF(SUMPRODUCT((%s<%s)*1)=0,1,"
                     "IF(SUMPRODUCT((%s>=%s)*(%s-%s))=0,%s-SUM(%s),"
                     "(%s-SUM(%s))/SUMPRODUCT((%s>=%s)*(%s-%s))))",
                     X, L, X, L, X, L, p, L, p, L, X, L, X, L);
    abg_xlsx_define(x, "FloorFactor", s, factor, 1);
    abg_xlsx_label(x, s, factor, 2,
                   "Live: change Pot, Floor or a Previous figure and the "
                   "floor levels, this factor and After floor follow. The "
                   "other steps and Final are abgcalc's values.",
                   f->subtitle);
}

/* One area's floor level and figure after the floor, as formulas. */
static void write_floor_cells(abg_xlsx *x, abg_xlsx_sheet *s,
                              const abg_model *m, size_t a, lxw_col_t col,
                              lxw_col_t level)
{
    const abg_xlsx_formats *f = &x->f;
    lxw_row_t row = FIRST_ROW(m) + (lxw_row_t)a;
    char pv[16], xv[16], lv[16], un[16], fl[16], fa[16];

    abg_xlsx_ref(pv, sizeof pv, row, 1, false, false);
    abg_xlsx_ref(xv, sizeof xv, row, col - 1, false, false);
    abg_xlsx_ref(lv, sizeof lv, row, level, false, false);
    abg_xlsx_ref(un, sizeof un, INPUT_ROW + 1, 1, true, true);
    abg_xlsx_ref(fl, sizeof fl, INPUT_ROW + 2, 1, true, true);
    abg_xlsx_ref(fa, sizeof fa, INPUT_ROW + 3, 1, true, true);
    /* ROUND to 6 places first: 0.95 has no exact binary form, and an
     * exact whole level must not be pushed up a unit by its last bit. */
    abg_xlsx_formula(x, s, row, level, f->money,
                     abg_xlsx_pounds(floor_level(m, m->areas[a].previous)),
                     12, "=CEILING(ROUND(%s*(1+%s)/%s,6),1)*%s", pv, fl, un,
                     un);
    abg_xlsx_formula(x, s, row, col, f->money,
                     abg_xlsx_exact(x, ABG_EXACT_STAGE, a, ABG_STAGE_FLOOR),
                     12, "=IF(%s<%s,%s,%s+%s*(%s-%s))", xv, lv, lv, lv, fa,
                     xv, lv);
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
    lxw_col_t floor_col = 0, level = pct + 1;
    char text[512], a1[16], a2[16], a3[16];

    for (size_t k = 0; k < n; k++)
        if (steps[k] == ABG_STAGE_FLOOR)
            floor_col = (lxw_col_t)(3 + k);

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
        snprintf(text, sizeof text, "The floor is live (its levels, its "
                 "factor and After floor are formulas), as are the last "
                 "three columns; the other figures are abgcalc's (values). "
                 "The floor is paid for by every area keeping %s of its "
                 "excess above its floor.", factor);
    } else {
        snprintf(text, sizeof text, "Figures are abgcalc's (values); the "
                 "last three columns are formulas.");
    }
    abg_xlsx_label(x, s, 2, 0, text, f->subtitle);
    abg_xlsx_from_row(x, s, 3, m);
    abg_xlsx_heading(x, s, HEAD_ROW(m), 0, "Area", f->heading_left, 1);
    abg_xlsx_heading(x, s, HEAD_ROW(m), 1, "Previous", f->heading, 1);
    abg_xlsx_heading(x, s, HEAD_ROW(m), formula, titles[0], f->heading, 1);
    for (size_t k = 0; k < n; k++)
        abg_xlsx_heading(x, s, HEAD_ROW(m), (lxw_col_t)(3 + k), titles[steps[k]],
                         f->heading, 2);
    abg_xlsx_heading(x, s, HEAD_ROW(m), rounding, "Rounding", f->heading, 1);
    abg_xlsx_heading(x, s, HEAD_ROW(m), final, "Final", f->heading, 1);
    abg_xlsx_heading(x, s, HEAD_ROW(m), change, "Change on previous",
                     f->heading, 2);
    abg_xlsx_heading(x, s, HEAD_ROW(m), pct, "Change %", f->heading, 1);
    if (floor_col) {
        abg_xlsx_heading(x, s, HEAD_ROW(m), level, "Floor level", f->heading,
                         1);
        write_floor_inputs(x, s, m, r, floor_col - 1, level);
    }
    for (size_t a = 0; a < m->n_areas; a++) {
        const abg_area *area = &m->areas[a];
        lxw_row_t row = FIRST_ROW(m) + (lxw_row_t)a;
        double prev = abg_xlsx_pounds(area->previous);
        double fin = abg_xlsx_pounds(r->areas[a].total);
        double before = abg_xlsx_exact(x, ABG_EXACT_STAGE, a,
                                       n ? (size_t)steps[n - 1]
                                         : ABG_STAGE_FORMULA);
        abg_xlsx_text(x, s, row, 0, area->name, f->text);
        if (area->has_previous)
            abg_xlsx_number(x, s, row, 1, prev,
                            floor_col ? f->in_money : f->money,
                            abg_xlsx_money_chars(x, area->previous, false));
        abg_xlsx_number(x, s, row, formula,
                        abg_xlsx_exact(x, ABG_EXACT_STAGE, a,
                                       ABG_STAGE_FORMULA),
                        f->money, 12);
        for (size_t k = 0; k < n; k++)
            if ((lxw_col_t)(3 + k) != floor_col)
                abg_xlsx_number(x, s, row, (lxw_col_t)(3 + k),
                                abg_xlsx_exact(x, ABG_EXACT_STAGE, a,
                                               (size_t)steps[k]),
                                f->money, 12);
        if (floor_col)
            write_floor_cells(x, s, m, a, floor_col, level);
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
    worksheet_freeze_panes(s->ws, FIRST_ROW(m), 1);
    abg_xlsx_page_setup(x, s);
}

