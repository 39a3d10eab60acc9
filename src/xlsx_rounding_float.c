/*
 * xlsx_rounding_float.c - the Rounding sheet's float path, where the
 * quotas have no whole-number form (a damped total, weights from a derived
 * indicator): floor and remainder from the total in the spreadsheet's
 * floating point, with the cached remainders worked out in double as the
 * formulas do.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h> /* floor */

#include "xlsx_internal.h"

/* A damped area's exact total (the Waterfall sheet's last damped figure),
 * its floor and its remainder by the float path: damping leaves no
 * whole-number form. */
void abg_xlsx_float_damped(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                           size_t a, double rem)
{
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    size_t wide = abg_xlsx_money_chars(x, x->m->pot, x->whole);
    char ex[16], wf[16];

    abg_xlsx_ref(ex, sizeof ex, row, at->rd_exact, false, false);
    abg_xlsx_ref(wf, sizeof wf, at->wf_area_first + (lxw_row_t)a, at->wf_last,
                 false, false);
    abg_xlsx_formula(x, s, row, at->rd_exact, f->remainder,
                     abg_xlsx_exact(x, ABG_EXACT_TOTAL, a, 0), wide + 5,
                     "=" ABG_XLSX_WATERFALL "!%s", wf);
    abg_xlsx_formula(x, s, row, at->rd_floor, f->unit_money,
                     abg_xlsx_pounds(x->r->areas[a].floor), wide,
                     "=RoundTo*INT(%s/RoundTo)", ex);
    abg_xlsx_formula(x, s, row, at->rd_rem, f->kept, rem, ABG_XLSX_KEPT + 4,
                     "=%s/RoundTo-INT(%s/RoundTo)", ex, ex);
}

/* Area a's exact total (the sum of its quotas), its floor and its
 * remainder by the float path, for weights that are fractions (derived
 * indicators). Cached values are worked out in double as the formulas
 * do, so that they are what a spreadsheet recalculates. */
void abg_xlsx_float_totals(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                           size_t a)
{
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    size_t wide = abg_xlsx_money_chars(x, x->m->pot, x->whole);
    double unit = abg_xlsx_pounds(x->m->round_to), ex = 0, q;
    char ex_ref[16], q1[16], q2[16];

    for (size_t c = 0; c < x->m->n_components; c++)
        ex += abg_xlsx_exact(x, ABG_EXACT_QUOTA, a, c);
    q = ex / unit;
    abg_xlsx_ref(ex_ref, sizeof ex_ref, row, at->rd_exact, false, false);
    abg_xlsx_ref(q1, sizeof q1, row, at->rd_quota_first, false, false);
    abg_xlsx_ref(q2, sizeof q2, row,
                 at->rd_quota_first + (lxw_col_t)x->m->n_components - 1, false,
                 false);
    abg_xlsx_formula(x, s, row, at->rd_exact, f->remainder, ex, wide + 5,
                     "=SUM(%s:%s)", q1, q2);
    abg_xlsx_formula(x, s, row, at->rd_floor, f->unit_money,
                     abg_xlsx_pounds(x->r->areas[a].floor), wide,
                     "=RoundTo*INT(%s/RoundTo)", ex_ref);
    abg_xlsx_formula(x, s, row, at->rd_rem, f->kept, q - floor(q),
                     ABG_XLSX_KEPT + 4, "=%s/RoundTo-INT(%s/RoundTo)", ex_ref,
                     ex_ref);
}

void abg_xlsx_float_group(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                          size_t a, size_t c, int64_t whole_pence)
{
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    lxw_col_t col = at->rd_group_first + (lxw_col_t)(c * ABG_XLSX_GROUP_COLS);
    size_t wide = abg_xlsx_money_chars(x, x->m->components[c].amount, false);
    double p = abg_xlsx_exact(x, ABG_EXACT_QUOTA, a, c) * 100;
    char q[16];

    abg_xlsx_ref(q, sizeof q, row, at->rd_quota_first + (lxw_col_t)c, false,
                 false);
    abg_xlsx_formula(x, s, row, col, f->money, abg_xlsx_pounds(whole_pence),
                     wide, "=INT(%s*100)/100", q);
    abg_xlsx_formula(x, s, row, col + 1, f->pence, p - floor(p),
                     ABG_XLSX_KEPT + 4, "=%s*100-INT(%s*100)", q, q);
}
