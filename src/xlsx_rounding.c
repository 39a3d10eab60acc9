/*
 * xlsx_rounding.c - the Rounding sheet: the largest-remainder (Hamilton)
 * method as formulas, area by area, with abgcalc's exact figures cached.
 *
 * SPDX-License-Identifier: MIT
 *
 * A spreadsheet computes in binary floating point, abgcalc in exact
 * rationals. The formulas keep each quota's whole units and its fraction
 * apart: a proportional quota in units is amount × w / (W × unit), with
 * the amount in pence and the indicators as whole numbers (scaled by 10^
 * their decimals), so QUOTIENT(n, d) and MOD(n, d) / d are exact while
 * n = amount × w stays below 2^53; a remainder is then known to ~10^-16
 * of a unit, and equal indicators give bit-equal remainders. Recalculation
 * is linear: one LARGE finds the cut-off remainder (the smallest that gets
 * a unit), one SUMPRODUCT counts the remainders above it, and a running
 * count down the rows says which of the remainders equal to the cut-off
 * come first. Where two remainders near the cut-off differ by less than a
 * double tells apart, the writer names the areas on the sheet.
 *
 * This file lays the sheet out and writes what every path shares; the
 * parts below it: xlsx_rounding_exact.c (abgcalc's roundings exactly,
 * again or read from its result, for the cached cut-offs and the near-tie
 * warnings),
 * xlsx_rounding_whole.c (the QUOTIENT and MOD formulas) and
 * xlsx_rounding_float.c (the float path of damped totals and derived
 * weights).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_internal.h"

/* Columns before the component quotas. */
#define AREA_COL 0

/* The longest formula Excel opens, in characters. */
#define EXCEL_FORMULA_MAX 8192

/* True when some proportional component reads a derived indicator: its
 * weights are fractions with no whole-number form, so the area totals'
 * remainders take the float path, as a damped allocation's do. */
static bool derived_weights(const abg_xlsx *x)
{
    const abg_model *m = x->m;

    for (size_t c = 0; c < m->n_components; c++)
        if (m->components[c].method == ABG_METHOD_PROPORTIONAL &&
            abg_model_is_derived(m, m->components[c].indicator))
            return true;
    return false;
}

/* True when component c is proportional to a derived indicator. */
static bool comp_derived(const abg_xlsx *x, size_t c)
{
    const abg_component *comp = &x->m->components[c];

    return comp->method == ABG_METHOD_PROPORTIONAL &&
        abg_model_is_derived(x->m, comp->indicator);
}

/* The explanation at the top of the sheet. */
static lxw_row_t write_explanation(abg_xlsx *x, abg_xlsx_sheet *s,
                                   lxw_row_t row, bool preserve)
{
    char unit[64], line[512];
    const abg_model *m = x->m;

    abg_xlsx_money(x, unit, sizeof unit, m->round_to, x->whole);
    if (x->r->damped || derived_weights(x)) {
        if (x->r->damped)
            abg_xlsx_label(x, s, row++, 0,
                           "1. Each area's exact total is its last damped "
                           "figure on the " ABG_XLSX_WATERFALL
                           " sheet (the sum "
                           "of its unrounded share of each component, then "
                           "damped against last year).",
                           x->f.text);
        else
            abg_xlsx_label(x, s, row++, 0,
                           "1. Each area's exact total is the sum of its "
                           "unrounded share of each component (weights from "
                           "a derived indicator are fractions).",
                           x->f.text);
        snprintf(line, sizeof line,
                 "2. It is floored to a multiple of the unit (RoundTo, now "
                 "%s); the remainder is total/RoundTo - INT(total/RoundTo) "
                 "in the spreadsheet's floating point (%s leaves no "
                 "whole-number form), so it is exact to about 10^-9 of a "
                 "unit; remainders closer than that to the cut-off are "
                 "listed below.",
                 unit, x->r->damped ? "damping" : "a derived indicator");
        abg_xlsx_label(x, s, row++, 0, line, x->f.text);
    } else {
        abg_xlsx_label(x, s, row++, 0,
                       "1. Each area's exact total is the sum of its "
                       "unrounded share of each component.",
                       x->f.text);
        snprintf(line, sizeof line,
                 "2. It is floored to a multiple of the unit (RoundTo, now "
                 "%s); the remainder is the fraction of a unit flooring took "
                 "off, worked out in whole numbers (amount in pence times "
                 "the indicator, QUOTIENT and MOD), so it is exact to ~15 "
                 "digits.",
                 unit);
        abg_xlsx_label(x, s, row++, 0, line, x->f.text);
    }
    abg_xlsx_label(x, s, row++, 0,
                   "3. The units the floors leave short of the pot go one "
                   "each to the largest remainders: every remainder above "
                   "the cut-off (the UnitsToGive-th largest), and of those "
                   "equal to it the first TiesToGive in row order, as in "
                   "abgcalc (the running count says which).",
                   x->f.text);
    if (preserve)
        abg_xlsx_label(x, s, row++, 0,
                       "4. component_rounding = preserve: each component's "
                       "penny figures are rounded the same way, one column "
                       "group each on the right, so each column adds up to "
                       "its amount.",
                       x->f.text);
    return row + 1;
}

/* RoundTo and UnitPence. */
static lxw_row_t write_keys(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row)
{
    abg_xlsx_formats *f = &x->f;
    const abg_model *m = x->m;

    abg_xlsx_text(x, s, row, 0, "Unit (RoundTo)", f->text);
    abg_xlsx_formula(x, s, row, 1, f->unit_money, abg_xlsx_pounds(m->round_to),
                     abg_xlsx_money_chars(x, m->round_to, x->whole),
                     "=RoundTo");
    row++;
    abg_xlsx_text(x, s, row, 0, "Unit in pence (UnitPence)", f->text);
    abg_xlsx_formula(x, s, row, 1, f->integer, (double)m->round_to, 8,
                     "=ROUND(RoundTo*100,0)");
    abg_xlsx_define(x, "UnitPence", s, row, 1);
    return row + 2;
}

/* A range of column col over the area rows, absolute: "$F$14:$F$20". */
static char *area_range(const abg_xlsx *x, char *buf, size_t size,
                        lxw_col_t col)
{
    char a[16], b[16];

    abg_xlsx_ref(a, sizeof a, x->at.rd_area_first, col, true, true);
    abg_xlsx_ref(b, sizeof b,
                 x->at.rd_area_first + (lxw_row_t)x->m->n_areas - 1, col, true,
                 true);
    snprintf(buf, size, "%s:%s", a, b);
    return buf;
}

/* The cut-off remainder of one rounding (the units to hand out are in
 * units_col of the row above), over the remainders in column rem_col. */
static void write_cutoff(abg_xlsx *x, abg_xlsx_sheet *s,
                         const abg_xlsx_rounding *g, lxw_col_t units_col,
                         lxw_col_t rem_col, lxw_format *rem_format)
{
    const abg_xlsx_layout *at = &x->at;
    char units[16], range[40];

    abg_xlsx_ref(units, sizeof units, at->rd_k_units, units_col, true, true);
    area_range(x, range, sizeof range, rem_col);
    abg_xlsx_formula(x, s, at->rd_k_cutoff, rem_col, rem_format, g->cutoff,
                     ABG_XLSX_KEPT + 4, "=IF(%s>0,LARGE(%s,%s),2)", units,
                     range, units);
}

/* How many of one rounding's units go to remainders equal to its
 * cut-off (in rem_col of the row above). */
static void write_ties(abg_xlsx *x, abg_xlsx_sheet *s,
                       const abg_xlsx_rounding *g, lxw_col_t units_col,
                       lxw_col_t rem_col, lxw_col_t ties_col)
{
    const abg_xlsx_layout *at = &x->at;
    char units[16], cut[16], range[40];

    abg_xlsx_ref(units, sizeof units, at->rd_k_units, units_col, true, true);
    abg_xlsx_ref(cut, sizeof cut, at->rd_k_cutoff, rem_col, true, true);
    area_range(x, range, sizeof range, rem_col);
    abg_xlsx_formula(x, s, at->rd_k_ties, ties_col, x->f.integer,
                     (double)(g->left - (int64_t)g->above), 6,
                     "=%s-SUMPRODUCT(--(%s>%s))", units, range, cut);
}

/* The key block above the headings, a row at a time (constant memory
 * writes rows in order): per component its amount in pence and its
 * divisors; per rounding its units, cut-off and ties. */
static void write_key_block(abg_xlsx *x, abg_xlsx_sheet *s,
                            const abg_xlsx_rounding *totals,
                            const abg_xlsx_rounding *groups, bool preserve)
{
    const abg_model *m = x->m;
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    size_t nc = m->n_components;
    char ref[16], range[40];
    double *div = calloc(nc ? nc : 1, sizeof *div);

    if (!div) {
        abg_xlsx_no_memory(x);
        return;
    }
    abg_xlsx_text(x, s, at->rd_k_amount, AREA_COL, "Amount in pence", f->bold);
    for (size_t c = 0; c < nc; c++)
        abg_xlsx_formula(x, s, at->rd_k_amount,
                         at->rd_quota_first + (lxw_col_t)c, f->integer,
                         (double)m->components[c].amount, 14,
                         "=ROUND(Amount_%s*100,0)", x->names[c]);
    abg_xlsx_text(x, s, at->rd_k_pdiv, AREA_COL, "Divisor for pennies",
                  f->bold);
    for (size_t c = 0; c < nc; c++)
        div[c] = abg_xlsx_whole_divisor(x, s, c);
    abg_xlsx_text(x, s, at->rd_k_udiv, AREA_COL, "Divisor for units", f->bold);
    for (size_t c = 0; c < nc; c++) {
        lxw_col_t col = at->rd_quota_first + (lxw_col_t)c;
        abg_xlsx_ref(ref, sizeof ref, at->rd_k_pdiv, col, false, false);
        abg_xlsx_formula(x, s, at->rd_k_udiv, col, f->integer,
                         div[c] * (double)m->round_to, 14, "=%s*UnitPence",
                         ref);
    }
    free(div);

    abg_xlsx_text(x, s, at->rd_k_units, AREA_COL, "Units to hand out",
                  f->bold);
    area_range(x, range, sizeof range, at->rd_floor);
    abg_xlsx_formula(x, s, at->rd_k_units, at->rd_added, f->integer,
                     (double)totals->left, 6,
                     "=ROUND((Pot-SUM(%s))/RoundTo,0)", range);
    abg_xlsx_define(x, "UnitsToGive", s, at->rd_k_units, at->rd_added);
    for (size_t c = 0; preserve && c < nc; c++) {
        lxw_col_t col =
            at->rd_group_first + (lxw_col_t)(c * ABG_XLSX_GROUP_COLS);
        abg_xlsx_ref(ref, sizeof ref, at->rd_k_amount,
                     at->rd_quota_first + (lxw_col_t)c, true, true);
        area_range(x, range, sizeof range, col);
        abg_xlsx_formula(x, s, at->rd_k_units, col + 3, f->integer,
                         (double)groups[c].left, 6, "=ROUND(%s-SUM(%s)*100,0)",
                         ref, range);
    }

    abg_xlsx_text(x, s, at->rd_k_cutoff, AREA_COL, "Cut-off remainder",
                  f->bold);
    write_cutoff(x, s, totals, at->rd_added, at->rd_rem, f->kept);
    abg_xlsx_define(x, "Cutoff", s, at->rd_k_cutoff, at->rd_rem);
    for (size_t c = 0; preserve && c < nc; c++) {
        lxw_col_t col =
            at->rd_group_first + (lxw_col_t)(c * ABG_XLSX_GROUP_COLS);
        write_cutoff(x, s, &groups[c], col + 3, col + 1, f->pence);
    }

    abg_xlsx_text(x, s, at->rd_k_ties, AREA_COL, "Units for equal ones",
                  f->bold);
    write_ties(x, s, totals, at->rd_added, at->rd_rem, at->rd_ties);
    abg_xlsx_define(x, "TiesToGive", s, at->rd_k_ties, at->rd_ties);
    for (size_t c = 0; preserve && c < nc; c++) {
        lxw_col_t col =
            at->rd_group_first + (lxw_col_t)(c * ABG_XLSX_GROUP_COLS);
        write_ties(x, s, &groups[c], col + 3, col + 1, col + 2);
    }
}

/* The area-total columns of area a: exact total, floor, remainder,
 * running count of remainders equal to the cut-off, added, final. Cached
 * values come from abgcalc's result; false when memory runs out. */
static bool write_total_columns(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                                size_t a, const abg_xlsx_rounding *g,
                                size_t *ties)
{
    const abg_xlsx_layout *at = &x->at;
    const abg_area_rounding *ar = &x->r->areas[a];
    abg_xlsx_formats *f = &x->f;
    size_t nc = x->m->n_components;
    char q1[16], q2[16], rm[16], tc[16], prev[16], fl[16], ad[16];
    size_t wide = abg_xlsx_money_chars(x, x->m->pot, x->whole);
    double rem = g->remd[a];

    *ties += g->tied[a];
    abg_xlsx_ref(rm, sizeof rm, row, at->rd_rem, false, false);
    abg_xlsx_ref(tc, sizeof tc, row, at->rd_ties, false, false);
    abg_xlsx_ref(prev, sizeof prev, row - 1, at->rd_ties, false, false);
    abg_xlsx_ref(fl, sizeof fl, row, at->rd_floor, false, false);
    abg_xlsx_ref(ad, sizeof ad, row, at->rd_added, false, false);
    if (x->r->damped) {
        abg_xlsx_float_damped(x, s, row, a, rem);
    } else if (derived_weights(x)) {
        abg_xlsx_float_totals(x, s, row, a);
    } else {
        abg_xlsx_ref(q1, sizeof q1, row, at->rd_quota_first, false, false);
        abg_xlsx_ref(q2, sizeof q2, row,
                     at->rd_quota_first + (lxw_col_t)nc - 1, false, false);
        abg_xlsx_formula(x, s, row, at->rd_exact, f->remainder,
                         abg_xlsx_exact(x, ABG_EXACT_TOTAL, a, 0), wide + 5,
                         "=SUM(%s:%s)", q1, q2);
        if (!abg_xlsx_whole_totals(x, s, row, a, rem))
            return false;
    }
    if (row == at->rd_area_first)
        abg_xlsx_formula(x, s, row, at->rd_ties, f->rank, (double)*ties, 5,
                         "=IF(%s=Cutoff,1,0)", rm);
    else
        abg_xlsx_formula(x, s, row, at->rd_ties, f->rank, (double)*ties, 5,
                         "=%s+IF(%s=Cutoff,1,0)", prev, rm);
    abg_xlsx_formula(x, s, row, at->rd_added, f->unit_money,
                     abg_xlsx_pounds(ar->added),
                     abg_xlsx_money_chars(x, x->m->round_to, x->whole),
                     "=IF(OR(%s>Cutoff,AND(%s=Cutoff,%s<=TiesToGive)),"
                     "RoundTo,0)",
                     rm, rm, tc);
    abg_xlsx_formula(x, s, row, at->rd_final, f->unit_money_bold,
                     abg_xlsx_pounds(ar->total), wide, "=%s+%s", fl, ad);
    return true;
}

/* Column group of component c (preserve) for area a: floor to the penny,
 * remainder (fraction of a penny), running count of remainders equal to
 * the cut-off, penny added, final figure; false when memory runs out. */
static bool write_group_row(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                            size_t a, size_t c, const abg_xlsx_rounding *g,
                            size_t *ties)
{
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    lxw_col_t col = at->rd_group_first + (lxw_col_t)(c * ABG_XLSX_GROUP_COLS);
    char fl[16], rm[16], tc[16], prev[16], ad[16], cut[16], tg[16];
    int64_t cell = x->r->cells[a * x->m->n_components + c];
    int64_t floor = g->floors[a];
    size_t wide = abg_xlsx_money_chars(x, x->m->components[c].amount, false);

    *ties += g->tied[a];
    abg_xlsx_ref(fl, sizeof fl, row, col, false, false);
    abg_xlsx_ref(rm, sizeof rm, row, col + 1, false, false);
    abg_xlsx_ref(tc, sizeof tc, row, col + 2, false, false);
    abg_xlsx_ref(prev, sizeof prev, row - 1, col + 2, false, false);
    abg_xlsx_ref(ad, sizeof ad, row, col + 3, false, false);
    abg_xlsx_ref(cut, sizeof cut, at->rd_k_cutoff, col + 1, true, true);
    abg_xlsx_ref(tg, sizeof tg, at->rd_k_ties, col + 2, true, true);
    /* Weights that are fractions take the float path, from the quota
     * cell. */
    if (comp_derived(x, c))
        abg_xlsx_float_group(x, s, row, a, c, floor);
    else if (!abg_xlsx_whole_group(x, s, row, a, c, floor, g->remd[a]))
        return false;
    if (row == at->rd_area_first)
        abg_xlsx_formula(x, s, row, col + 2, f->rank, (double)*ties, 5,
                         "=IF(%s=%s,1,0)", rm, cut);
    else
        abg_xlsx_formula(x, s, row, col + 2, f->rank, (double)*ties, 5,
                         "=%s+IF(%s=%s,1,0)", prev, rm, cut);
    abg_xlsx_formula(
        x, s, row, col + 3, f->money, abg_xlsx_pounds(cell - floor), 6,
        "=IF(OR(%s>%s,AND(%s=%s,%s<=%s)),0.01,0)", rm, cut, rm, cut, tc, tg);
    abg_xlsx_formula(x, s, row, col + 4, f->money_bold, abg_xlsx_pounds(cell),
                     wide, "=ROUND(%s+%s,2)", fl, ad);
    return true;
}

/* The headings: a group row over the column headings. */
static void write_headings(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                           bool preserve)
{
    const abg_model *m = x->m;
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    size_t nc = m->n_components;
    char unit[64], head[256];
    static const char *const group_heads[] = {
        "Floored to 1p", "Remainder (fraction of a penny)",
        "Equal to the cut-off so far", "Penny added", "Final figure"};

    abg_xlsx_money(x, unit, sizeof unit, m->round_to, x->whole);
    if (nc > 1)
        abg_xlsx_wrapped(x, s, row, at->rd_quota_first,
                         at->rd_quota_first + (lxw_col_t)nc - 1,
                         "Exact share of each component (unrounded)", f->group,
                         1.1);
    else
        abg_xlsx_wrapped(x, s, row, at->rd_quota_first, at->rd_quota_first,
                         "Exact share (unrounded)", f->group, 1.1);
    snprintf(head, sizeof head,
             "Area total: largest remainder to a multiple of %s", unit);
    abg_xlsx_wrapped(x, s, row, at->rd_exact, at->rd_final, head, f->group,
                     1.1);
    for (size_t c = 0; preserve && c < nc; c++) {
        lxw_col_t col =
            at->rd_group_first + (lxw_col_t)(c * ABG_XLSX_GROUP_COLS);
        snprintf(head, sizeof head, "%s: to the penny by largest remainder",
                 m->components[c].title);
        abg_xlsx_wrapped(x, s, row, col, col + ABG_XLSX_GROUP_COLS - 1, head,
                         f->group, 1.1);
    }
    row++;
    abg_xlsx_text(x, s, row, AREA_COL, "Area", f->heading_left);
    for (size_t c = 0; c < nc; c++)
        abg_xlsx_heading(x, s, row, at->rd_quota_first + (lxw_col_t)c,
                         m->components[c].title, f->heading, 3);
    abg_xlsx_heading(x, s, row, at->rd_exact, "Exact total", f->heading, 2);
    snprintf(head, sizeof head, "Floored to %s", unit);
    abg_xlsx_heading(x, s, row, at->rd_floor, head, f->heading, 2);
    abg_xlsx_heading(x, s, row, at->rd_rem, "Remainder (fraction of a unit)",
                     f->heading, 2);
    abg_xlsx_heading(x, s, row, at->rd_ties, "Equal to the cut-off so far",
                     f->heading, 3);
    abg_xlsx_heading(x, s, row, at->rd_added, "Added", f->heading, 1);
    abg_xlsx_heading(x, s, row, at->rd_final, "Final total", f->heading, 2);
    for (size_t c = 0; preserve && c < nc; c++)
        for (lxw_col_t k = 0; k < ABG_XLSX_GROUP_COLS; k++)
            abg_xlsx_heading(x, s, row,
                             at->rd_group_first +
                                 (lxw_col_t)(c * ABG_XLSX_GROUP_COLS) + k,
                             group_heads[k], f->heading, 3);
}

/* The totals row. */
static void write_totals(abg_xlsx *x, abg_xlsx_sheet *s,
                         const abg_xlsx_rounding *g,
                         const abg_xlsx_rounding *groups, bool preserve)
{
    const abg_model *m = x->m;
    const abg_result *r = x->r;
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    lxw_row_t row = at->rd_total;
    size_t nc = m->n_components;
    char range[40];
    int64_t sum_floor = r->floor_sum, sum_total = 0;
    double sum_rem = 0;
    size_t wide = abg_xlsx_money_chars(x, m->pot, x->whole);

    for (size_t a = 0; a < m->n_areas; a++) {
        sum_total += r->areas[a].total;
        sum_rem += g->remd[a];
    }
    abg_xlsx_text(x, s, row, AREA_COL, "Total", f->total_text);
#define SUM_COL(col, fmt, value, chars)                                       \
    abg_xlsx_formula(x, s, row, (col), (fmt), (value), (chars), "=SUM(%s)",   \
                     area_range(x, range, sizeof range, (col)))
    for (size_t c = 0; c < nc; c++)
        SUM_COL(at->rd_quota_first + (lxw_col_t)c, f->total_money,
                abg_xlsx_pounds(m->components[c].amount),
                abg_xlsx_money_chars(x, m->components[c].amount, false));
    SUM_COL(at->rd_exact, f->total_money, abg_xlsx_pounds(m->pot), wide);
    SUM_COL(at->rd_floor, f->total_unit_money, abg_xlsx_pounds(sum_floor),
            wide);
    SUM_COL(at->rd_rem, f->total_number[2], sum_rem, wide);
    abg_xlsx_label(x, s, row, at->rd_ties, "", f->total_text);
    SUM_COL(at->rd_added, f->total_unit_money,
            abg_xlsx_pounds(m->pot - sum_floor), wide);
    SUM_COL(at->rd_final, f->total_unit_money, abg_xlsx_pounds(sum_total),
            wide);
    for (size_t c = 0; preserve && c < nc; c++) {
        lxw_col_t col =
            at->rd_group_first + (lxw_col_t)(c * ABG_XLSX_GROUP_COLS);
        int64_t floors = 0;
        for (size_t a = 0; a < m->n_areas; a++)
            floors += groups[c].floors[a];
        SUM_COL(col, f->total_money, abg_xlsx_pounds(floors), wide);
        abg_xlsx_label(x, s, row, col + 1, "", f->total_text);
        abg_xlsx_label(x, s, row, col + 2, "", f->total_text);
        SUM_COL(col + 3, f->total_money,
                abg_xlsx_pounds(m->components[c].amount - floors), wide);
        SUM_COL(col + 4, f->total_money, abg_xlsx_pounds(r->column_sums[c]),
                wide);
    }
#undef SUM_COL
}

/* Writes a near-tie or precision warning over the first columns. */
static lxw_row_t warn(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                      const char *text)
{
    abg_xlsx_wrapped(x, s, row, 0, 8, text, x->f.warning, 1.1);
    return row + 2;
}

void abg_xlsx_write_rounding(abg_xlsx *x)
{
    abg_xlsx_sheet *s = &x->sheets[ABG_XLSX_SHEET_ROUNDING];
    const abg_model *m = x->m;
    abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    size_t nc = m->n_components, na = m->n_areas;
    bool preserve = m->component_rounding == ABG_COMPONENT_ROUNDING_PRESERVE;
    bool ok = true, big;
    abg_xlsx_rounding *groups = NULL, totals = {0};
    char title[512], big_name[256];
    char **warnings = NULL;
    size_t n_warnings = 0, ties = 0, *group_ties = NULL;
    lxw_row_t row = 0, heading;
    double tol;

    big = abg_xlsx_beyond_2_53(x, big_name, sizeof big_name);
    tol = big                                ? ABG_XLSX_CLOSE_BIG
        : x->r->damped || derived_weights(x) ? ABG_XLSX_CLOSE_FLOAT
                                             : ABG_XLSX_CLOSE;
    /* Exact roundings, for the cached values and the near-tie check. */
    warnings = calloc(nc + 1, sizeof *warnings);
    group_ties = calloc(nc + 1, sizeof *group_ties);
    if (preserve) {
        groups = calloc(nc ? nc : 1, sizeof *groups);
        for (size_t c = 0; groups && c < nc && ok; c++) {
            ok = abg_xlsx_rounding_init(&groups[c], na) &&
                abg_xlsx_rounding_column(x, c, &groups[c]);
            if (ok &&
                (warnings[n_warnings] = abg_xlsx_near_ties(
                     x, &groups[c], tol, m->components[c].title, &ok)))
                n_warnings++;
        }
        if (!groups)
            ok = false;
    }
    if (!warnings || !group_ties)
        ok = false;
    ok = ok && abg_xlsx_rounding_init(&totals, na) &&
        abg_xlsx_rounding_totals(x, &totals);
    if (ok &&
        (warnings[n_warnings] =
             abg_xlsx_near_ties(x, &totals, tol, "area totals", &ok)))
        n_warnings++;
    if (!ok) {
        abg_xlsx_no_memory(x);
        goto out;
    }

    snprintf(title, sizeof title, "Rounding: %s", m->title);
    abg_xlsx_label(x, s, row++, 0, title, f->title);
    row++;
    row = write_explanation(x, s, row, preserve);
    row = write_keys(x, s, row);
    if (big) {
        char text[1024];
        snprintf(text, sizeof text,
                 "Note: for %s, the amount in pence times an indicator (or "
                 "the indicator total times the unit in pence) reaches "
                 "2^53, past which a spreadsheet's numbers are no longer "
                 "whole: remainders are then known only to about 10^-6 of "
                 "a unit, and near-ties that close are listed here.",
                 big_name);
        row = warn(x, s, row, text);
    }
    for (size_t i = 0; i < n_warnings; i++)
        row = warn(x, s, row, warnings[i]);
    if (nc > 1 && na > 0 && !x->r->damped && !derived_weights(x)) {
        /* The remainder formula holds every component's MOD twice: with
         * many components it passes Excel's limit on a formula's length
         * (LibreOffice has none). Measured on the last row, with the key
         * rows where they are about to go. */
        char text[512];
        size_t len;
        at->rd_quota_first = 1;
        at->rd_k_amount = row + 2;
        at->rd_k_udiv = row + 4;
        len = abg_xlsx_whole_length(x, na - 1);
        if (len == 0)
            goto out;
        if (len > EXCEL_FORMULA_MAX) {
            snprintf(text, sizeof text,
                     "Note: with %zu components the floor and remainder "
                     "formulas are about %zu characters long, more than "
                     "the %d Excel takes: open this workbook in "
                     "LibreOffice, or write the figures with --csv.",
                     nc, len, EXCEL_FORMULA_MAX);
            row = warn(x, s, row, text);
        }
    }

    at->rd_quota_first = 1;
    at->rd_exact = at->rd_quota_first + (lxw_col_t)nc;
    at->rd_floor = at->rd_exact + 1;
    at->rd_rem = at->rd_exact + 2;
    at->rd_ties = at->rd_exact + 3;
    at->rd_added = at->rd_exact + 4;
    at->rd_final = at->rd_exact + 5;
    at->rd_group_first = at->rd_final + 1;
    at->rd_k_amount = row;
    at->rd_k_pdiv = row + 1;
    at->rd_k_udiv = row + 2;
    at->rd_k_units = row + 3;
    at->rd_k_cutoff = row + 4;
    at->rd_k_ties = row + 5;
    heading = row + 7;
    at->rd_area_first = heading + 2;
    at->rd_total = at->rd_area_first + (lxw_row_t)na;
    write_key_block(x, s, &totals, groups, preserve);
    write_headings(x, s, heading, preserve);

    for (size_t a = 0; a < na && ok; a++) {
        lxw_row_t r = at->rd_area_first + (lxw_row_t)a;
        char ind[16], tot[16];
        abg_xlsx_text(x, s, r, AREA_COL, m->areas[a].name, f->text);
        for (size_t c = 0; c < nc; c++) {
            const abg_component *comp = &m->components[c];
            lxw_col_t col = at->rd_quota_first + (lxw_col_t)c;
            double v = abg_xlsx_exact(x, ABG_EXACT_QUOTA, a, c);
            size_t chars = abg_xlsx_money_chars(x, comp->amount, false) + 2;
            if (comp->method == ABG_METHOD_EVEN) {
                abg_xlsx_formula(x, s, r, col, f->remainder, v, chars,
                                 "=Amount_%s/AreaCount", x->names[c]);
                continue;
            }
            lxw_col_t icol = x->at.in_ind_first + (lxw_col_t)comp->indicator;
            abg_xlsx_ref(ind, sizeof ind, at->in_area_first + (lxw_row_t)a,
                         icol, false, false);
            abg_xlsx_ref(tot, sizeof tot, at->in_ind_total, icol, true, false);
            abg_xlsx_formula(x, s, r, col, f->remainder, v, chars,
                             "=Amount_%s*" ABG_XLSX_INPUTS
                             "!%s/" ABG_XLSX_INPUTS "!%s",
                             x->names[c], ind, tot);
        }
        ok = write_total_columns(x, s, r, a, &totals, &ties);
        for (size_t c = 0; ok && preserve && c < nc; c++)
            ok = write_group_row(x, s, r, a, c, &groups[c], &group_ties[c]);
    }
    if (!ok) {
        abg_xlsx_no_memory(x);
        goto out;
    }
    write_totals(x, s, &totals, groups, preserve);

    worksheet_freeze_panes(s->ws, at->rd_area_first, 1);
    abg_xlsx_page_setup(x, s);
    abg_xlsx_check(x, worksheet_repeat_rows(s->ws, heading, heading + 1),
                   "Rounding: print titles");
out:
    abg_xlsx_rounding_clear(&totals);
    for (size_t c = 0; groups && c < nc; c++)
        abg_xlsx_rounding_clear(&groups[c]);
    free(groups);
    for (size_t i = 0; warnings && i < n_warnings; i++)
        free(warnings[i]);
    free(warnings);
    free(group_ties);
}
