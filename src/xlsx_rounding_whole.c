/*
 * xlsx_rounding_whole.c - the Rounding sheet's whole-number path: each
 * quota's whole units and fraction as QUOTIENT and MOD of whole numbers
 * (the amount in pence times the indicator scaled to a whole number, over
 * the indicator total times the unit), exact while they stay below 2^53.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_internal.h"

/* The scale an indicator's values are multiplied by to make them whole
 * numbers ("*1000"), or "" when they are. */
static const char *scale_text(const abg_xlsx *x, size_t ind, char *buf,
                              size_t size)
{
    int s = x->indicator_scale[ind];

    if (s <= 0)
        return "";
    snprintf(buf, size, "1%.*s", s, "000000000");
    return buf;
}

/* Area a's numerator of component c: amount in pence × whole indicator,
 * in pence × (indicator units); appended to *buf. */
static bool numerator(const abg_xlsx *x, size_t a, size_t c, char **buf,
                      size_t *size)
{
    const abg_xlsx_layout *at = &x->at;
    const abg_component *comp = &x->m->components[c];
    char amount[16], ind[16], scale[32];
    lxw_col_t icol;

    abg_xlsx_ref(amount, sizeof amount, at->rd_k_amount,
                 at->rd_quota_first + (lxw_col_t)c, true, true);
    if (comp->method == ABG_METHOD_EVEN)
        return abg_xlsx_append(buf, size, "%s", amount);
    icol = at->in_ind_first + (lxw_col_t)comp->indicator;
    abg_xlsx_ref(ind, sizeof ind, at->in_area_first + (lxw_row_t)a, icol,
                 false, false);
    if (!*scale_text(x, comp->indicator, scale, sizeof scale))
        return abg_xlsx_append(buf, size, "%s*" ABG_XLSX_INPUTS "!%s", amount,
                               ind);
    return abg_xlsx_append(buf, size, "%s*ROUND(" ABG_XLSX_INPUTS "!%s*%s,0)",
                           amount, ind, scale);
}

/* Appends op(n_c, d_c) for every component joined by '+' (op QUOTIENT or
 * MOD, the latter divided by d_c), with the divisors in row `div_row`. */
static bool each_component(const abg_xlsx *x, size_t a, lxw_row_t div_row,
                           bool mod, char **buf, size_t *size)
{
    bool ok = true;

    for (size_t c = 0; ok && c < x->m->n_components; c++) {
        char d[16];
        abg_xlsx_ref(d, sizeof d, div_row, x->at.rd_quota_first + (lxw_col_t)c,
                     true, true);
        ok = abg_xlsx_append(buf, size, "%s%s(", c ? "+" : "",
                             mod ? "MOD" : "QUOTIENT") &&
            numerator(x, a, c, buf, size) &&
            abg_xlsx_append(buf, size, ",%s)%s%s", d, mod ? "/" : "",
                            mod ? d : "");
    }
    return ok;
}

/* Component c's divisor for pennies (written in row rd_k_pdiv); returns
 * its value. */
double abg_xlsx_whole_divisor(abg_xlsx *x, abg_xlsx_sheet *s, size_t c)
{
    const abg_model *m = x->m;
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    const abg_component *comp = &m->components[c];
    lxw_col_t col = at->rd_quota_first + (lxw_col_t)c;
    lxw_col_t icol = at->in_ind_first + (lxw_col_t)comp->indicator;
    int sc;
    double div = 0;
    char ref[16], scale[32];

    if (comp->method == ABG_METHOD_EVEN) {
        abg_xlsx_formula(x, s, at->rd_k_pdiv, col, f->integer,
                         (double)m->n_areas, 8, "=AreaCount");
        return (double)m->n_areas;
    }
    sc = x->indicator_scale[comp->indicator];
    for (size_t a = 0; a < m->n_areas; a++) {
        const abg_decimal *v = &m->areas[a].values[comp->indicator];
        double w = (double)v->units;
        for (int k = v->scale; k < sc; k++)
            w *= 10;
        div += w;
    }
    abg_xlsx_ref(ref, sizeof ref, at->in_ind_total, icol, true, true);
    if (abg_model_is_derived(m, comp->indicator)) {
        /* No whole-number form: the total itself (unused by the float
         * path's remainders, shown for the working). */
        div = abg_xlsx_exact(x, ABG_EXACT_INDICATOR_TOTAL, 0, c);
        abg_xlsx_formula(x, s, at->rd_k_pdiv, col, f->kept, div, 14,
                         "=" ABG_XLSX_INPUTS "!%s", ref);
    } else if (*scale_text(x, comp->indicator, scale, sizeof scale))
        abg_xlsx_formula(x, s, at->rd_k_pdiv, col, f->integer, div, 14,
                         "=ROUND(" ABG_XLSX_INPUTS "!%s*%s,0)", ref, scale);
    else
        abg_xlsx_formula(x, s, at->rd_k_pdiv, col, f->integer, div, 14,
                         "=" ABG_XLSX_INPUTS "!%s", ref);
    return div;
}

size_t abg_xlsx_whole_length(abg_xlsx *x, size_t a)
{
    char *sum = NULL;
    size_t size = 0, len = 0;

    if (abg_xlsx_append(&sum, &size, "%s", "") &&
        each_component(x, a, x->at.rd_k_udiv, true, &sum, &size))
        len = 2 * strlen(sum) + 16;
    else
        abg_xlsx_no_memory(x);
    free(sum);
    return len;
}

bool abg_xlsx_whole_totals(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                           size_t a, double rem)
{
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    size_t wide = abg_xlsx_money_chars(x, x->m->pot, x->whole);
    double floor = abg_xlsx_pounds(x->r->areas[a].floor);
    char **sum = &x->scratch[0], **whole = &x->scratch[1];

    if (!abg_xlsx_scratch(x))
        return false;
    if (!each_component(x, a, at->rd_k_udiv, true, sum, &x->scratch_size[0]) ||
        !each_component(x, a, at->rd_k_udiv, false, whole,
                        &x->scratch_size[1]))
        return false;
    if (x->m->n_components == 1) {
        abg_xlsx_formula(x, s, row, at->rd_floor, f->unit_money, floor, wide,
                         "=RoundTo*%s", *whole);
        abg_xlsx_formula(x, s, row, at->rd_rem, f->kept, rem,
                         ABG_XLSX_KEPT + 4, "=%s", *sum);
    } else {
        abg_xlsx_formula(x, s, row, at->rd_floor, f->unit_money, floor, wide,
                         "=RoundTo*(%s+INT(%s))", *whole, *sum);
        abg_xlsx_formula(x, s, row, at->rd_rem, f->kept, rem,
                         ABG_XLSX_KEPT + 4, "=%s-INT(%s)", *sum, *sum);
    }
    return true;
}

bool abg_xlsx_whole_group(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                          size_t a, size_t c, int64_t floor, double rem)
{
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    lxw_col_t col = at->rd_group_first + (lxw_col_t)(c * ABG_XLSX_GROUP_COLS);
    size_t wide = abg_xlsx_money_chars(x, x->m->components[c].amount, false);
    char d[16], **n = &x->scratch[0];

    if (!abg_xlsx_scratch(x))
        return false;
    if (!numerator(x, a, c, n, &x->scratch_size[0]))
        return false;
    abg_xlsx_ref(d, sizeof d, at->rd_k_pdiv, at->rd_quota_first + (lxw_col_t)c,
                 true, true);
    abg_xlsx_formula(x, s, row, col, f->money, abg_xlsx_pounds(floor), wide,
                     "=QUOTIENT(%s,%s)/100", *n, d);
    abg_xlsx_formula(x, s, row, col + 1, f->pence, rem, ABG_XLSX_KEPT + 4,
                     "=MOD(%s,%s)/%s", *n, d, d);
    return true;
}
