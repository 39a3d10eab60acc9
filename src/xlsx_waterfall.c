/*
 * xlsx_waterfall.c - the Waterfall sheet of a damped allocation: from last
 * year through each damping step to the final figure. Pace and the floor
 * have closed forms and are live formulas (the floor's levels, its one
 * factor and the figures after it); the ceiling and the minimum are
 * iterated in damping.c and are abgcalc's values.
 *
 * SPDX-License-Identifier: MIT
 *
 * In the live workbook (x->at.wf_live) the Formula column sums the
 * Rounding sheet's exact component shares, Pot and Round to are the Inputs
 * sheet's, and Final is the Rounding sheet's; in the values workbook they
 * are values and Pot and Round to are inputs here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abg/xlsx.h"
#include "xlsx_internal.h"

/* The first row of the inputs above the table (title, two lines of
 * explanation and the source come first). */
#define INPUT_ROW 4

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

void abg_xlsx_waterfall_layout(abg_xlsx *x, const abg_model *m)
{
    abg_xlsx_layout *at = &x->at;
    const abg_damping *d = &m->damping;
    abg_stage steps[4];
    size_t n = steps_set(m, steps);
    lxw_row_t row = INPUT_ROW;
    lxw_col_t col;

    at->wf_pot = row++;
    at->wf_unit = row++;
    at->wf_pace = d->has_pace ? row++ : 0;
    at->wf_floor = d->has_floor ? row++ : 0;
    at->wf_factor = d->has_floor ? row++ : 0;
    at->wf_ceiling = d->has_ceiling ? row++ : 0;
    at->wf_minimum = d->has_minimum ? row++ : 0;
    at->wf_head = row + 1;
    at->wf_area_first = at->wf_head + 1;
    at->wf_total = at->wf_area_first + (lxw_row_t)m->n_areas;
    at->wf_prev = 1;
    at->wf_formula = 2;
    at->wf_pace_col = at->wf_floor_col = 0;
    for (size_t k = 0; k < n; k++) {
        if (steps[k] == ABG_STAGE_PACE)
            at->wf_pace_col = (lxw_col_t)(3 + k);
        if (steps[k] == ABG_STAGE_FLOOR)
            at->wf_floor_col = (lxw_col_t)(3 + k);
    }
    at->wf_last = (lxw_col_t)(2 + n);
    at->wf_rounding = at->wf_last + 1;
    at->wf_final = at->wf_last + 2;
    at->wf_change = at->wf_last + 3;
    at->wf_pct = at->wf_last + 4;
    col = at->wf_pct + 1;
    at->wf_floor_level = d->has_floor ? col++ : 0;
    at->wf_ceiling_level = d->has_ceiling ? col++ : 0;
}

/* An absolute reference to column B of row: "$B$5". */
static char *input_ref(char *buf, size_t size, lxw_row_t row)
{
    return abg_xlsx_ref(buf, size, row, 1, true, true);
}

/* The range of column col over the area rows, absolute. */
static char *area_range(const abg_xlsx *x, char *buf, size_t size,
                        const abg_model *m, lxw_col_t col)
{
    char a1[16], a2[16];

    abg_xlsx_ref(a1, sizeof a1, x->at.wf_area_first, col, true, true);
    abg_xlsx_ref(a2, sizeof a2,
                 x->at.wf_area_first + (lxw_row_t)m->n_areas - 1, col, true,
                 true);
    snprintf(buf, size, "%s:%s", a1, a2);
    return buf;
}

/* One labelled input (yellow), named. */
static void input(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                  const char *label, const char *name, double value,
                  lxw_format *f, size_t chars)
{
    abg_xlsx_text(x, s, row, 0, label, x->f.text);
    abg_xlsx_number(x, s, row, 1, value, f, chars);
    abg_xlsx_define(x, name, s, row, 1);
}

/* A ratio as a double, for an input cell. */
static double ratio(abg_ratio r)
{
    return (double)r.num / (double)r.den;
}

/* The inputs above the table: Pot and Round to (the Inputs sheet's in the
 * live workbook, else inputs here), then each damping step's setting, and
 * the floor's one factor, the closed form damping.c solves: 1 when no area
 * is below its level, else (pot - sum of levels) / sum of excess above
 * them. */
static void write_inputs(abg_xlsx *x, abg_xlsx_sheet *s, const abg_model *m,
                         const abg_result *r)
{
    const abg_xlsx_layout *at = &x->at;
    const abg_xlsx_formats *f = &x->f;
    const abg_damping *d = &m->damping;
    char X[40], L[40], pot[16], text[64];

    if (at->wf_live) {
        abg_xlsx_text(x, s, at->wf_pot, 0, "Pot", f->text);
        abg_xlsx_formula(x, s, at->wf_pot, 1, f->money,
                         abg_xlsx_pounds(m->pot),
                         abg_xlsx_money_chars(x, m->pot, false), "=Pot");
        abg_xlsx_text(x, s, at->wf_unit, 0, "Round to", f->text);
        abg_xlsx_formula(
            x, s, at->wf_unit, 1, f->money, abg_xlsx_pounds(m->round_to),
            abg_xlsx_money_chars(x, m->round_to, false), "=RoundTo");
    } else {
        input(x, s, at->wf_pot, "Pot", "Pot", abg_xlsx_pounds(m->pot),
              f->in_money, abg_xlsx_money_chars(x, m->pot, false));
        input(x, s, at->wf_unit, "Round to", "RoundTo",
              abg_xlsx_pounds(m->round_to), f->in_money,
              abg_xlsx_money_chars(x, m->round_to, false));
    }
    if (d->has_pace)
        input(x, s, at->wf_pace, "Pace", "Pace", ratio(d->pace), f->in_percent,
              8);
    if (d->has_floor) {
        input(x, s, at->wf_floor, "Floor", "FloorLimit", ratio(d->floor),
              f->in_percent, 8);
        area_range(x, X, sizeof X, m, at->wf_floor_col - 1);
        area_range(x, L, sizeof L, m, at->wf_floor_level);
        input_ref(pot, sizeof pot, at->wf_pot);
        abg_xlsx_text(x, s, at->wf_factor, 0, "Floor factor", f->text);
        abg_result_exact(r, ABG_EXACT_FLOOR_FACTOR, 0, 0, 12, text,
                         sizeof text);
        abg_xlsx_formula(x, s, at->wf_factor, 1, f->kept, strtod(text, NULL),
                         10,
                         "=IF(SUMPRODUCT((%s<%s)*1)=0,1,"
                         "IF(SUMPRODUCT((%s>=%s)*(%s-%s))=0,%s-SUM(%s),"
                         "(%s-SUM(%s))/SUMPRODUCT((%s>=%s)*(%s-%s))))",
                         X, L, X, L, X, L, pot, L, pot, L, X, L, X, L);
        abg_xlsx_define(x, "FloorFactor", s, at->wf_factor, 1);
    }
    if (d->has_ceiling)
        input(x, s, at->wf_ceiling, "Ceiling", "CeilingLimit",
              ratio(d->ceiling), f->in_percent, 8);
    if (d->has_minimum)
        input(x, s, at->wf_minimum, "Minimum", "MinimumTotal",
              abg_xlsx_pounds(d->minimum), f->in_money,
              abg_xlsx_money_chars(x, d->minimum, false));
}

/* Area a's live damping cells: After pace, its floor level and After
 * floor, its ceiling level. */
static void write_live_steps(abg_xlsx *x, abg_xlsx_sheet *s,
                             const abg_model *m, size_t a)
{
    const abg_xlsx_layout *at = &x->at;
    const abg_xlsx_formats *f = &x->f;
    const abg_damping *d = &m->damping;
    lxw_row_t row = at->wf_area_first + (lxw_row_t)a;
    int64_t prev = m->areas[a].previous;
    char pv[16], xv[16], lv[16], un[16], in[16], fa[16], pot[16];
    char P[40], X[40];

    abg_xlsx_ref(pv, sizeof pv, row, at->wf_prev, false, false);
    input_ref(un, sizeof un, at->wf_unit);
    input_ref(pot, sizeof pot, at->wf_pot);
    if (at->wf_pace_col) {
        abg_xlsx_ref(xv, sizeof xv, row, at->wf_pace_col - 1, false, false);
        input_ref(in, sizeof in, at->wf_pace);
        area_range(x, P, sizeof P, m, at->wf_prev);
        area_range(x, X, sizeof X, m, at->wf_pace_col - 1);
        /* Each area part of the way from last year, all scaled back to
         * the pot. */
        abg_xlsx_formula(x, s, row, at->wf_pace_col, f->money,
                         abg_xlsx_exact(x, ABG_EXACT_STAGE, a, ABG_STAGE_PACE),
                         12,
                         "=(%s+%s*(%s-%s))*%s/(SUM(%s)+%s*(SUM(%s)-"
                         "SUM(%s)))",
                         pv, in, xv, pv, pot, P, in, X, P);
    }
    if (at->wf_floor_col) {
        abg_xlsx_ref(xv, sizeof xv, row, at->wf_floor_col - 1, false, false);
        abg_xlsx_ref(lv, sizeof lv, row, at->wf_floor_level, false, false);
        input_ref(in, sizeof in, at->wf_floor);
        input_ref(fa, sizeof fa, at->wf_factor);
        /* ROUND to 6 places first: 0.95 has no exact binary form, and an
         * exact whole level must not be pushed up a unit by its last
         * bit. */
        abg_xlsx_formula(
            x, s, row, at->wf_floor_level, f->money,
            abg_xlsx_pounds(abg_xlsx_limit(m, prev, d->floor, true)), 12,
            "=CEILING(ROUND(%s*(1+%s)/%s,6),1)*%s", pv, in, un, un);
        abg_xlsx_formula(
            x, s, row, at->wf_floor_col, f->money,
            abg_xlsx_exact(x, ABG_EXACT_STAGE, a, ABG_STAGE_FLOOR), 12,
            "=IF(%s<%s,%s,%s+%s*(%s-%s))", xv, lv, lv, lv, fa, xv, lv);
    }
    if (at->wf_ceiling_level) {
        input_ref(in, sizeof in, at->wf_ceiling);
        abg_xlsx_formula(
            x, s, row, at->wf_ceiling_level, f->money,
            abg_xlsx_pounds(abg_xlsx_limit(m, prev, d->ceiling, false)), 12,
            "=FLOOR(ROUND(%s*(1+%s)/%s,6),1)*%s", pv, in, un, un);
    }
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
        return fin -
            abg_xlsx_exact(x, ABG_EXACT_STAGE, a,
                           n ? (size_t)steps[n - 1] : ABG_STAGE_FORMULA);
    if (col == last + 2)
        return fin;
    return fin - prev;
}

/* The totals row: each column summed (the exact stages as abgcalc's
 * figures add up, the rest live), and the total change in per cent. */
static void write_totals(abg_xlsx *x, abg_xlsx_sheet *s, const abg_model *m,
                         const abg_result *r, const abg_stage *steps, size_t n)
{
    const abg_xlsx_layout *at = &x->at;
    const abg_xlsx_formats *f = &x->f;
    lxw_row_t row = at->wf_total;
    int64_t prev = 0, fin = 0;
    char a1[16], a2[16];
    double sum;

    for (size_t a = 0; a < m->n_areas; a++) {
        prev += m->areas[a].previous;
        fin += r->areas[a].total;
    }
    abg_xlsx_text(x, s, row, 0, "Total", f->total_text);
    for (lxw_col_t col = 1; col <= at->wf_change; col++) {
        abg_xlsx_ref(a1, sizeof a1, at->wf_area_first, col, false, false);
        abg_xlsx_ref(a2, sizeof a2, row - 1, col, false, false);
        sum = 0;
        for (size_t a = 0; a < m->n_areas; a++)
            sum += column_value(x, m, r, steps, n, a, col);
        abg_xlsx_formula(x, s, row, col, f->total_money, sum, 14,
                         "=SUM(%s:%s)", a1, a2);
    }
    abg_xlsx_ref(a1, sizeof a1, row, 1, false, false);
    abg_xlsx_ref(a2, sizeof a2, row, at->wf_change, false, false);
    abg_xlsx_formula(x, s, row, at->wf_pct, f->total_percent,
                     prev ? (double)(fin - prev) / (double)prev : 0, 8,
                     "=IF(%s=0,0,%s/%s)", a1, a2, a1);
}

/* What is live and what is values, said above the table. */
static void write_explanation(abg_xlsx *x, abg_xlsx_sheet *s,
                              const abg_model *m, const abg_result *r)
{
    const abg_damping *d = &m->damping;
    char text[1024], factor[64] = "";
    size_t len;

    snprintf(text, sizeof text, "%s: damping against last year", m->title);
    abg_xlsx_label(x, s, 0, 0, text, x->f.title);
    abg_xlsx_label(x, s, 1, 0,
                   "Each area from last year's figure to this year's: the "
                   "formula's exact figure, after each damping step in the "
                   "order they apply, then the rounding to the unit.",
                   x->f.subtitle);
    if (x->at.wf_live)
        len = (size_t)snprintf(text, sizeof text,
                               "Live: Formula sums the Rounding sheet's "
                               "exact shares%s; Final is the Rounding "
                               "sheet's.",
                               d->has_pace || d->has_floor
                                   ? ", and pace and the floor are formulas"
                                   : "");
    else
        len = (size_t)snprintf(text, sizeof text,
                               "Formula and Final are abgcalc's figures "
                               "(values)%s.",
                               d->has_pace || d->has_floor
                                   ? "; pace and the floor are live formulas"
                                   : "");
    if (d->has_ceiling || d->has_minimum)
        len += (size_t)snprintf(text + len, sizeof text - len,
                                " After ceiling and After minimum are "
                                "abgcalc's values (iterated, with no closed "
                                "form): a changed input does not move them%s.",
                                x->at.wf_live ? ", but the Checks sheet tests "
                                                "live that each limit holds"
                                              : "");
    if (d->has_floor) {
        abg_result_exact(r, ABG_EXACT_FLOOR_FACTOR, 0, 0, 4, factor,
                         sizeof factor);
        snprintf(text + len, sizeof text - len,
                 " abgcalc's floor factor: every area keeps %s of its excess "
                 "above its floor.",
                 factor);
    }
    abg_xlsx_label(x, s, 2, 0, text, x->f.subtitle);
    abg_xlsx_from_row(x, s, 3, m);
}

/* Area | Previous | Formula | after each step | Rounding | Final |
 * Change on previous | Change % | floor and ceiling levels. */
void abg_xlsx_write_waterfall(abg_xlsx *x, const abg_model *m,
                              const abg_result *r)
{
    static const char *const titles[] = {"Formula", "After pace",
                                         "After floor", "After ceiling",
                                         "After minimum"};
    abg_xlsx_sheet *s =
        &x->sheets[x->at.wf_live ? ABG_XLSX_SHEET_WATERFALL : 0];
    const abg_xlsx_layout *at = &x->at;
    const abg_xlsx_formats *f = &x->f;
    abg_stage steps[4];
    size_t n = steps_set(m, steps);
    lxw_row_t head;
    char a1[16], a2[16], a3[16], q1[16], q2[16];

    abg_xlsx_waterfall_layout(x, m);
    head = at->wf_head;
    write_explanation(x, s, m, r);
    write_inputs(x, s, m, r);
    abg_xlsx_heading(x, s, head, 0, "Area", f->heading_left, 1);
    abg_xlsx_heading(x, s, head, at->wf_prev, "Previous", f->heading, 1);
    abg_xlsx_heading(x, s, head, at->wf_formula, titles[0], f->heading, 1);
    for (size_t k = 0; k < n; k++)
        abg_xlsx_heading(x, s, head, (lxw_col_t)(3 + k), titles[steps[k]],
                         f->heading, 2);
    abg_xlsx_heading(x, s, head, at->wf_rounding, "Rounding", f->heading, 1);
    abg_xlsx_heading(x, s, head, at->wf_final, "Final", f->heading, 1);
    abg_xlsx_heading(x, s, head, at->wf_change, "Change on previous",
                     f->heading, 2);
    abg_xlsx_heading(x, s, head, at->wf_pct, "Change %", f->heading, 1);
    if (at->wf_floor_level)
        abg_xlsx_heading(x, s, head, at->wf_floor_level, "Floor level",
                         f->heading, 1);
    if (at->wf_ceiling_level)
        abg_xlsx_heading(x, s, head, at->wf_ceiling_level, "Ceiling level",
                         f->heading, 1);
    for (size_t a = 0; a < m->n_areas; a++) {
        const abg_area *area = &m->areas[a];
        lxw_row_t row = at->wf_area_first + (lxw_row_t)a;
        double prev = abg_xlsx_pounds(area->previous);
        double fin = abg_xlsx_pounds(r->areas[a].total);
        double formula =
            abg_xlsx_exact(x, ABG_EXACT_STAGE, a, ABG_STAGE_FORMULA);
        double before =
            abg_xlsx_exact(x, ABG_EXACT_STAGE, a,
                           n ? (size_t)steps[n - 1] : ABG_STAGE_FORMULA);
        lxw_row_t rrow = at->rd_area_first + (lxw_row_t)a;
        abg_xlsx_text(x, s, row, 0, area->name, f->text);
        /* Last year's figure is an input: the limits follow it. */
        abg_xlsx_number(x, s, row, at->wf_prev, prev,
                        area->previous % 100 ? f->in_money : f->in_unit_money,
                        abg_xlsx_money_chars(x, area->previous, false));
        if (at->wf_live) {
            abg_xlsx_ref(q1, sizeof q1, rrow, at->rd_quota_first, false,
                         false);
            abg_xlsx_ref(q2, sizeof q2, rrow, at->rd_exact - 1, false, false);
            abg_xlsx_formula(x, s, row, at->wf_formula, f->money, formula, 12,
                             "=SUM(" ABG_XLSX_ROUNDING "!%s:%s)", q1, q2);
            abg_xlsx_formula(
                x, s, row, at->wf_final, f->unit_money_bold, fin,
                abg_xlsx_money_chars(x, r->areas[a].total, x->whole),
                "=" ABG_XLSX_ROUNDING "!%s",
                abg_xlsx_ref(a1, sizeof a1, rrow, at->rd_final, false, false));
        } else {
            abg_xlsx_number(x, s, row, at->wf_formula, formula, f->money, 12);
            abg_xlsx_number(
                x, s, row, at->wf_final, fin, f->unit_money_bold,
                abg_xlsx_money_chars(x, r->areas[a].total, x->whole));
        }
        for (size_t k = 0; k < n; k++)
            if (steps[k] == ABG_STAGE_CEILING || steps[k] == ABG_STAGE_MINIMUM)
                abg_xlsx_number(
                    x, s, row, (lxw_col_t)(3 + k),
                    abg_xlsx_exact(x, ABG_EXACT_STAGE, a, (size_t)steps[k]),
                    f->money, 12);
        write_live_steps(x, s, m, a);
        abg_xlsx_ref(a1, sizeof a1, row, at->wf_final, false, false);
        abg_xlsx_ref(a2, sizeof a2, row, at->wf_last, false, false);
        abg_xlsx_formula(x, s, row, at->wf_rounding, f->money, fin - before,
                         10, "=%s-%s", a1, a2);
        abg_xlsx_ref(a3, sizeof a3, row, at->wf_prev, false, false);
        abg_xlsx_formula(x, s, row, at->wf_change, f->money, fin - prev, 12,
                         "=%s-%s", a1, a3);
        abg_xlsx_ref(a2, sizeof a2, row, at->wf_change, false, false);
        abg_xlsx_formula(x, s, row, at->wf_pct, f->percent,
                         prev != 0 ? (fin - prev) / prev : 0, 8,
                         "=IF(%s=0,0,%s/%s)", a3, a2, a3);
    }
    write_totals(x, s, m, r, steps, n);
    worksheet_freeze_panes(s->ws, at->wf_area_first, 1);
    abg_xlsx_page_setup(x, s);
}
