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
 */
#include <math.h> /* fabs, floor */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "rank.h"
#include "xlsx_internal.h"

/* Columns before the component quotas. */
#define AREA_COL 0

/* Remainders closer than this to the cut-off (in units, or pennies) may
 * compare differently in a spreadsheet (LibreOffice takes doubles within
 * 2^-48 of each other as equal); CLOSE_BIG where a numerator passes 2^53
 * and the whole numbers are no longer exact. */
#define CLOSE 1e-12
#define CLOSE_BIG 1e-6
/* A damped allocation's remainders come from the spreadsheet's floating
 * point (total / RoundTo - INT(total / RoundTo)): near-ties closer than
 * this to the cut-off are listed. */
#define CLOSE_DAMPED 1e-9

/* The longest formula Excel opens, in characters. */
#define EXCEL_FORMULA_MAX 8192

/* Areas named in a near-tie warning before "and N more". */
#define NAMED_MAX 12

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

/* floor() under a name that the local `floor` variables do not shadow. */
static double floor_d(double v)
{
    return floor(v);
}

/* The exact value as a rational (pounds, or plain for indicators);
 * false when memory runs out. */
static bool exact_q(mpq_t out, const abg_xlsx *x, abg_exact_what what,
                    size_t area, size_t component)
{
    char small[256], *buf = small;
    int len =
        abg_result_exact(x->r, what, area, component, -1, small, sizeof small);

    if (len >= (int)sizeof small) {
        buf = malloc((size_t)len + 1);
        if (!buf)
            return false;
        abg_result_exact(x->r, what, area, component, -1, buf,
                         (size_t)len + 1);
    }
    mpq_set_str(out, buf, 10);
    mpq_canonicalize(out);
    if (buf != small)
        free(buf);
    return true;
}

/* One largest-remainder rounding, exactly as abgcalc does it, and what
 * the sheet's cut-off cells hold. */
typedef struct rounding {
    size_t n;
    mpq_t *value;       /* in units */
    mpz_t *floors;      /* in units */
    mpq_t *rem;         /* in units */
    size_t *order;      /* largest remainder first, ties by row */
    bool *added, *tied; /* gets a unit; remainder equals the cut-off */
    int64_t left;       /* units handed out after flooring */
    double cutoff;      /* the cut-off remainder, or 2 when left is 0 */
    size_t above;       /* remainders above the cut-off */
} rounding;

/* Allocates a rounding for n values; false when memory runs out. */
static bool rounding_init(rounding *g, size_t n)
{
    size_t m = n ? n : 1;

    memset(g, 0, sizeof *g);
    g->n = n;
    g->value = malloc(m * sizeof *g->value);
    g->rem = malloc(m * sizeof *g->rem);
    g->floors = malloc(m * sizeof *g->floors);
    g->order = malloc(m * sizeof *g->order);
    g->added = calloc(m, sizeof *g->added);
    g->tied = calloc(m, sizeof *g->tied);
    if (!g->value || !g->rem || !g->floors || !g->order || !g->added ||
        !g->tied) {
        free(g->value), free(g->rem), free(g->floors), free(g->order);
        free(g->added), free(g->tied);
        memset(g, 0, sizeof *g);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        mpq_init(g->value[i]), mpq_init(g->rem[i]);
        mpz_init(g->floors[i]);
    }
    return true;
}

/* Frees a rounding; accepts one that failed to initialise. */
static void rounding_clear(rounding *g)
{
    if (!g->value)
        return;
    for (size_t i = 0; i < g->n; i++) {
        mpq_clear(g->value[i]), mpq_clear(g->rem[i]);
        mpz_clear(g->floors[i]);
    }
    free(g->value), free(g->rem), free(g->floors), free(g->order);
    free(g->added), free(g->tied);
    memset(g, 0, sizeof *g);
}

/* Rounds g->value to `target` units by largest remainder, ties to the
 * earlier row; false when memory runs out. */
static bool rounding_run(rounding *g, int64_t target)
{
    size_t *tmp = malloc((g->n ? g->n : 1) * sizeof *tmp);
    mpz_t left;

    if (!tmp)
        return false;
    mpz_init_set_si(left, (long)target);
    for (size_t i = 0; i < g->n; i++) {
        mpz_fdiv_q(g->floors[i], mpq_numref(g->value[i]),
                   mpq_denref(g->value[i]));
        mpq_set_z(g->rem[i], g->floors[i]);
        mpq_sub(g->rem[i], g->value[i], g->rem[i]);
        mpz_sub(left, left, g->floors[i]);
        g->order[i] = i;
    }
    abg_rank_desc(g->order, tmp, g->n, g->rem);
    g->left = mpz_get_si(left);
    g->cutoff = 2;
    g->above = 0;
    if (g->left > 0 && (size_t)g->left <= g->n) {
        const mpq_t *cut = &g->rem[g->order[g->left - 1]];
        g->cutoff = mpq_get_d(*cut);
        for (size_t i = 0; i < g->n; i++) {
            int cmp = mpq_cmp(g->rem[i], *cut);
            g->above += cmp > 0;
            g->tied[i] = cmp == 0;
        }
        for (int64_t k = 0; k < g->left; k++)
            g->added[g->order[k]] = true;
    }
    mpz_clear(left);
    free(tmp);
    return true;
}

/* Appends printf-style text to *buf (of *size bytes, grown as needed);
 * false when memory runs out. */
static bool append(char **buf, size_t *size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static bool append(char **buf, size_t *size, const char *fmt, ...)
{
    size_t used = *buf ? strlen(*buf) : 0;
    va_list args;
    int n;

    /* One pass when it fits (it nearly always does: the buffers are
     * reused), a second after growing. */
    if (*buf) {
        va_start(args, fmt);
        n = vsnprintf(*buf + used, *size - used, fmt, args);
        va_end(args);
        if (n < 0)
            return false;
        if (used + (size_t)n < *size)
            return true;
    } else {
        va_start(args, fmt);
        n = vsnprintf(NULL, 0, fmt, args);
        va_end(args);
        if (n < 0)
            return false;
    }
    {
        size_t want = (used + (size_t)n + 1) * 2;
        char *p = realloc(*buf, want < 256 ? 256 : want);
        if (!p)
            return false;
        if (!*buf)
            p[0] = '\0';
        p[used] = '\0';
        *buf = p;
        *size = want < 256 ? 256 : want;
    }
    va_start(args, fmt);
    vsnprintf(*buf + used, *size - used, fmt, args);
    va_end(args);
    return true;
}

/* The areas whose remainders lie within `tol` of the cut-off without all
 * being equal to it, as a warning naming them and what abgcalc gave each;
 * NULL when there are none (or memory ran out, with *ok cleared). */
static char *near_ties(const abg_xlsx *x, const rounding *g, double tol,
                       const char *what, bool *ok)
{
    char *text = NULL;
    size_t size = 0, named = 0, near = 0;
    bool inexact = false;
    mpq_t d;

    if (g->left <= 0 || (size_t)g->left > g->n)
        return NULL;
    mpq_init(d);
    for (int pass = 0; pass < 2 && *ok && (pass == 0 || inexact); pass++)
        for (size_t i = 0; i < g->n && *ok; i++) {
            mpq_sub(d, g->rem[i], g->rem[g->order[g->left - 1]]);
            if (fabs(mpq_get_d(d)) >= tol)
                continue;
            if (pass == 0) {
                near++;
                inexact = inexact || mpq_sgn(d) != 0;
                continue;
            }
            if (named++ < NAMED_MAX)
                *ok = append(&text, &size, "%s%s (%s)", named > 1 ? ", " : "",
                             x->m->areas[i].name,
                             g->added[i] ? "abgcalc gives it the unit"
                                         : "abgcalc does not");
        }
    mpq_clear(d);
    if (!inexact || !*ok) {
        free(text);
        return NULL;
    }
    if (named > NAMED_MAX)
        *ok = append(&text, &size, " and %zu more", named - NAMED_MAX);
    if (*ok) {
        char *head = NULL;
        size_t hsize = 0;
        *ok = append(&head, &hsize,
                     "Warning (%s): %zu remainders lie within %s of a unit of "
                     "the cut-off and are not all equal, closer than a "
                     "spreadsheet's doubles reliably tell apart, so after "
                     "recalculating this workbook may hand the last units "
                     "to others among them than abgcalc, which decides "
                     "exactly: %s. The cached figures are abgcalc's.",
                     what, near,
                     tol > CLOSE_DAMPED ? "10^-6"
                         : tol > CLOSE  ? "10^-9"
                                        : "10^-12",
                     text);
        free(text);
        return *ok ? head : NULL;
    }
    free(text);
    return NULL;
}

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
        return append(buf, size, "%s", amount);
    icol = at->in_ind_first + (lxw_col_t)comp->indicator;
    abg_xlsx_ref(ind, sizeof ind, at->in_area_first + (lxw_row_t)a, icol,
                 false, false);
    if (!*scale_text(x, comp->indicator, scale, sizeof scale))
        return append(buf, size, "%s*" ABG_XLSX_INPUTS "!%s", amount, ind);
    return append(buf, size, "%s*ROUND(" ABG_XLSX_INPUTS "!%s*%s,0)", amount,
                  ind, scale);
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
        ok = append(buf, size, "%s%s(", c ? "+" : "",
                    mod ? "MOD" : "QUOTIENT") &&
            numerator(x, a, c, buf, size) &&
            append(buf, size, ",%s)%s%s", d, mod ? "/" : "", mod ? d : "");
    }
    return ok;
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
static void write_cutoff(abg_xlsx *x, abg_xlsx_sheet *s, const rounding *g,
                         lxw_col_t units_col, lxw_col_t rem_col,
                         lxw_format *rem_format)
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
static void write_ties(abg_xlsx *x, abg_xlsx_sheet *s, const rounding *g,
                       lxw_col_t units_col, lxw_col_t rem_col,
                       lxw_col_t ties_col)
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

/* Component c's divisor for pennies (written in row rd_k_pdiv); returns
 * its value. */
static double write_penny_divisor(abg_xlsx *x, abg_xlsx_sheet *s, size_t c)
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

/* The key block above the headings, a row at a time (constant memory
 * writes rows in order): per component its amount in pence and its
 * divisors; per rounding its units, cut-off and ties. */
static void write_key_block(abg_xlsx *x, abg_xlsx_sheet *s,
                            const rounding *totals, const rounding *groups,
                            bool preserve)
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
        div[c] = write_penny_divisor(x, s, c);
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

/* A damped area's exact total (the Waterfall sheet's last damped figure),
 * its floor and its remainder by the float path: damping leaves no
 * whole-number form. */
static void damped_total_columns(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                                 size_t a, const rounding *g)
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
    abg_xlsx_formula(x, s, row, at->rd_rem, f->kept, mpq_get_d(g->rem[a]),
                     ABG_XLSX_KEPT + 4, "=%s/RoundTo-INT(%s/RoundTo)", ex, ex);
}

/* Area a's exact total (the sum of its quotas), its floor and its
 * remainder by the float path, for weights that are fractions (derived
 * indicators). Cached values are worked out in double as the formulas
 * do, so that they are what a spreadsheet recalculates. */
static void float_total_columns(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
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

/* The area-total columns of area a: exact total, floor, remainder,
 * running count of remainders equal to the cut-off, added, final. Cached
 * values come from abgcalc's result. */
static bool write_total_columns(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                                size_t a, const rounding *g, size_t *ties)
{
    const abg_xlsx_layout *at = &x->at;
    const abg_area_rounding *ar = &x->r->areas[a];
    abg_xlsx_formats *f = &x->f;
    size_t nc = x->m->n_components;
    char q1[16], q2[16], rm[16], tc[16], prev[16], fl[16], ad[16];
    char *sum = NULL, *whole = NULL;
    size_t sum_size = 0, whole_size = 0;
    size_t wide = abg_xlsx_money_chars(x, x->m->pot, x->whole);
    bool ok;

    ok = each_component(x, a, at->rd_k_udiv, true, &sum, &sum_size) &&
        each_component(x, a, at->rd_k_udiv, false, &whole, &whole_size);
    if (!ok) {
        free(sum);
        free(whole);
        return false;
    }
    *ties += g->tied[a];
    abg_xlsx_ref(q1, sizeof q1, row, at->rd_quota_first, false, false);
    abg_xlsx_ref(q2, sizeof q2, row, at->rd_quota_first + (lxw_col_t)nc - 1,
                 false, false);
    abg_xlsx_ref(rm, sizeof rm, row, at->rd_rem, false, false);
    abg_xlsx_ref(tc, sizeof tc, row, at->rd_ties, false, false);
    abg_xlsx_ref(prev, sizeof prev, row - 1, at->rd_ties, false, false);
    abg_xlsx_ref(fl, sizeof fl, row, at->rd_floor, false, false);
    abg_xlsx_ref(ad, sizeof ad, row, at->rd_added, false, false);
    if (x->r->damped) {
        damped_total_columns(x, s, row, a, g);
    } else if (derived_weights(x)) {
        float_total_columns(x, s, row, a);
    } else if (nc == 1) {
        abg_xlsx_formula(x, s, row, at->rd_exact, f->remainder,
                         abg_xlsx_exact(x, ABG_EXACT_TOTAL, a, 0), wide + 5,
                         "=SUM(%s:%s)", q1, q2);
        abg_xlsx_formula(x, s, row, at->rd_floor, f->unit_money,
                         abg_xlsx_pounds(ar->floor), wide, "=RoundTo*%s",
                         whole);
        abg_xlsx_formula(x, s, row, at->rd_rem, f->kept, mpq_get_d(g->rem[a]),
                         ABG_XLSX_KEPT + 4, "=%s", sum);
    } else {
        abg_xlsx_formula(x, s, row, at->rd_exact, f->remainder,
                         abg_xlsx_exact(x, ABG_EXACT_TOTAL, a, 0), wide + 5,
                         "=SUM(%s:%s)", q1, q2);
        abg_xlsx_formula(x, s, row, at->rd_floor, f->unit_money,
                         abg_xlsx_pounds(ar->floor), wide,
                         "=RoundTo*(%s+INT(%s))", whole, sum);
        abg_xlsx_formula(x, s, row, at->rd_rem, f->kept, mpq_get_d(g->rem[a]),
                         ABG_XLSX_KEPT + 4, "=%s-INT(%s)", sum, sum);
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
    free(sum);
    free(whole);
    return true;
}

/* Column group of component c (preserve) for area a: floor to the penny,
 * remainder (fraction of a penny), running count of remainders equal to
 * the cut-off, penny added, final figure. */
static bool write_group_row(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                            size_t a, size_t c, const rounding *g,
                            size_t *ties)
{
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    lxw_col_t col = at->rd_group_first + (lxw_col_t)(c * ABG_XLSX_GROUP_COLS);
    char fl[16], rm[16], tc[16], prev[16], ad[16], d[16], cut[16], tg[16];
    char *n = NULL;
    size_t n_size = 0;
    int64_t cell = x->r->cells[a * x->m->n_components + c];
    int64_t floor = mpz_get_si(g->floors[a]);
    size_t wide = abg_xlsx_money_chars(x, x->m->components[c].amount, false);

    if (!numerator(x, a, c, &n, &n_size)) {
        free(n);
        return false;
    }
    *ties += g->tied[a];
    abg_xlsx_ref(fl, sizeof fl, row, col, false, false);
    abg_xlsx_ref(rm, sizeof rm, row, col + 1, false, false);
    abg_xlsx_ref(tc, sizeof tc, row, col + 2, false, false);
    abg_xlsx_ref(prev, sizeof prev, row - 1, col + 2, false, false);
    abg_xlsx_ref(ad, sizeof ad, row, col + 3, false, false);
    abg_xlsx_ref(d, sizeof d, at->rd_k_pdiv, at->rd_quota_first + (lxw_col_t)c,
                 true, true);
    abg_xlsx_ref(cut, sizeof cut, at->rd_k_cutoff, col + 1, true, true);
    abg_xlsx_ref(tg, sizeof tg, at->rd_k_ties, col + 2, true, true);
    if (comp_derived(x, c)) {
        /* Weights are fractions: the float path, from the quota cell;
         * the remainder cached as the formula computes it. */
        char q[16];
        double p = abg_xlsx_exact(x, ABG_EXACT_QUOTA, a, c) * 100;
        abg_xlsx_ref(q, sizeof q, row, at->rd_quota_first + (lxw_col_t)c,
                     false, false);
        abg_xlsx_formula(x, s, row, col, f->money, abg_xlsx_pounds(floor),
                         wide, "=INT(%s*100)/100", q);
        abg_xlsx_formula(x, s, row, col + 1, f->pence, p - floor_d(p),
                         ABG_XLSX_KEPT + 4, "=%s*100-INT(%s*100)", q, q);
    } else {
        abg_xlsx_formula(x, s, row, col, f->money, abg_xlsx_pounds(floor),
                         wide, "=QUOTIENT(%s,%s)/100", n, d);
        abg_xlsx_formula(x, s, row, col + 1, f->pence, mpq_get_d(g->rem[a]),
                         ABG_XLSX_KEPT + 4, "=MOD(%s,%s)/%s", n, d, d);
    }
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
    free(n);
    return true;
}

/* The exact rounding of the area totals, in units of round_to; false
 * when memory runs out. */
static bool totals_rounding(abg_xlsx *x, rounding *g)
{
    mpq_t unit;
    bool ok = true;

    mpq_init(unit);
    mpq_set_si(unit, (long)x->m->round_to, 100); /* pounds */
    for (size_t a = 0; a < x->m->n_areas && ok; a++) {
        ok = exact_q(g->value[a], x, ABG_EXACT_TOTAL, a, 0);
        mpq_div(g->value[a], g->value[a], unit);
    }
    ok = ok && rounding_run(g, x->m->pot / x->m->round_to);
    mpq_clear(unit);
    return ok;
}

/* The exact penny rounding of component c; false when memory runs out. */
static bool column_rounding(abg_xlsx *x, size_t c, rounding *g)
{
    bool ok = true;

    for (size_t a = 0; a < x->m->n_areas && ok; a++) {
        ok = exact_q(g->value[a], x, ABG_EXACT_QUOTA, a, c);
        /* pounds to pence */
        mpz_mul_ui(mpq_numref(g->value[a]), mpq_numref(g->value[a]), 100);
        mpq_canonicalize(g->value[a]);
    }
    return ok && rounding_run(g, x->m->components[c].amount);
}

/* True when some component's numerator (amount in pence × whole
 * indicator) or unit divisor reaches 2^53, past which a double no longer
 * holds every whole number; names the first such component in buf. */
static bool beyond_2_53(const abg_xlsx *x, char *buf, size_t size)
{
    const abg_model *m = x->m;
    bool big = false;
    mpz_t v, top, sum, limit;

    mpz_inits(v, top, sum, limit, NULL);
    mpz_ui_pow_ui(limit, 2, 53);
    for (size_t c = 0; !big && c < m->n_components; c++) {
        const abg_component *comp = &m->components[c];
        int sc;
        if (comp->method == ABG_METHOD_EVEN)
            continue;
        sc = x->indicator_scale[comp->indicator];
        mpz_set_ui(top, 0);
        mpz_set_ui(sum, 0);
        for (size_t a = 0; a < m->n_areas; a++) {
            const abg_decimal *d = &m->areas[a].values[comp->indicator];
            mpz_ui_pow_ui(v, 10, (unsigned long)(sc - d->scale));
            mpz_mul_si(v, v, (long)d->units);
            mpz_add(sum, sum, v);
            if (mpz_cmp(v, top) > 0)
                mpz_set(top, v);
        }
        mpz_mul_si(top, top, (long)comp->amount);
        mpz_mul_si(sum, sum, (long)m->round_to);
        if (mpz_cmp(top, limit) >= 0 || mpz_cmp(sum, limit) >= 0) {
            big = true;
            snprintf(buf, size, "%s", comp->title);
        }
    }
    mpz_clears(v, top, sum, limit, NULL);
    return big;
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
static void write_totals(abg_xlsx *x, abg_xlsx_sheet *s, const rounding *g,
                         const rounding *groups, bool preserve)
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
        sum_rem += mpq_get_d(g->rem[a]);
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
            floors += mpz_get_si(groups[c].floors[a]);
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
    rounding *groups = NULL, totals = {0};
    char title[512], big_name[256];
    char **warnings = NULL;
    size_t n_warnings = 0, ties = 0, *group_ties = NULL;
    lxw_row_t row = 0, heading;
    double tol;

    big = beyond_2_53(x, big_name, sizeof big_name);
    tol = big                                ? CLOSE_BIG
        : x->r->damped || derived_weights(x) ? CLOSE_DAMPED
                                             : CLOSE;
    /* Exact roundings, for the cached values and the near-tie check. */
    warnings = calloc(nc + 1, sizeof *warnings);
    group_ties = calloc(nc + 1, sizeof *group_ties);
    if (preserve) {
        groups = calloc(nc ? nc : 1, sizeof *groups);
        for (size_t c = 0; groups && c < nc && ok; c++) {
            ok = rounding_init(&groups[c], na) &&
                column_rounding(x, c, &groups[c]);
            if (ok &&
                (warnings[n_warnings] = near_ties(
                     x, &groups[c], tol, m->components[c].title, &ok)))
                n_warnings++;
        }
        if (!groups)
            ok = false;
    }
    if (!warnings || !group_ties)
        ok = false;
    ok = ok && rounding_init(&totals, na) && totals_rounding(x, &totals);
    if (ok &&
        (warnings[n_warnings] =
             near_ties(x, &totals, tol, "area totals", &ok)))
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
        char *sum = NULL, text[512];
        size_t size = 0;
        at->rd_quota_first = 1;
        at->rd_k_amount = row + 2;
        at->rd_k_udiv = row + 4;
        if (!each_component(x, na - 1, at->rd_k_udiv, true, &sum, &size)) {
            free(sum);
            abg_xlsx_no_memory(x);
            goto out;
        }
        if (2 * strlen(sum) + 16 > EXCEL_FORMULA_MAX) {
            snprintf(text, sizeof text,
                     "Note: with %zu components the floor and remainder "
                     "formulas are about %zu characters long, more than "
                     "the %d Excel takes: open this workbook in "
                     "LibreOffice, or write the figures with --csv.",
                     nc, 2 * strlen(sum) + 16, EXCEL_FORMULA_MAX);
            row = warn(x, s, row, text);
        }
        free(sum);
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
    rounding_clear(&totals);
    for (size_t c = 0; groups && c < nc; c++)
        rounding_clear(&groups[c]);
    free(groups);
    for (size_t i = 0; warnings && i < n_warnings; i++)
        free(warnings[i]);
    free(warnings);
    free(group_ties);
}
