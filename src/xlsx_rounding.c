/*
 * xlsx_rounding.c - the Rounding sheet: the largest-remainder (Hamilton)
 * method as formulas, area by area, with abgcalc's exact figures cached.
 *
 * SPDX-License-Identifier: MIT
 *
 * A spreadsheet computes in binary floating point, abgcalc in exact
 * rationals. The formulas make the two agree by rounding every quotient
 * of a unit to `Places` decimals before it is floored or compared:
 * 59551.9999999999 then floors to 59552, and two remainders that are
 * exactly equal in abgcalc compare equal here whatever path their floating
 * point noise took. Places is 12 less the digits of Pot/RoundTo (at most
 * 9), so that what is kept stays well inside a double's 15 to 16
 * significant digits. What is lost: remainders that differ by less than
 * 10^-Places of a unit look equal to the spreadsheet. The writer checks
 * whether that changes any figure and says so on the sheet if it does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "rank.h"
#include "xlsx_internal.h"

/* Columns before the component quotas. */
#define AREA_COL 0

/* The exact value as a rational (pounds, or plain for indicators);
 * false when memory runs out. */
static bool exact_q(mpq_t out, const abg_xlsx *x, abg_exact_what what,
                    size_t area, size_t component)
{
    char small[256], *buf = small;
    int len = abg_result_exact(x->r, what, area, component, -1, small,
                               sizeof small);

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

/*
 * The largest-remainder method on values counted in units (value[i] is a
 * number of units, target a whole number of them), as a spreadsheet with
 * `places` decimals does it when places >= 0 (values rounded half up to
 * that many decimals first) or exactly when places < 0. Writes each
 * floor (in units), remainder (in units) and rank, and the final figure
 * in units to out. Returns false when memory runs out.
 */
static bool largest_remainder(mpq_t *value, size_t n, const mpz_t target,
                              int places, mpz_t *floors, mpq_t *rem,
                              size_t *rank, mpz_t *out)
{
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    size_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
    mpz_t left, scale;
    mpq_t v;

    if (!idx || !tmp) {
        free(idx);
        free(tmp);
        return false;
    }
    mpz_init_set(left, target);
    mpz_init(scale);
    mpz_ui_pow_ui(scale, 10, places < 0 ? 0 : (unsigned long)places);
    mpq_init(v);
    for (size_t i = 0; i < n; i++) {
        mpq_set(v, value[i]);
        if (places >= 0) {
            /* v = floor((2 * num * 10^places + den) / (2 * den)) /
             * 10^places: rounded half up to `places` decimals. */
            mpz_t t, d;
            mpz_init(t);
            mpz_init(d);
            mpz_mul(t, mpq_numref(v), scale);
            mpz_mul_ui(t, t, 2);
            mpz_add(t, t, mpq_denref(v));
            mpz_mul_ui(d, mpq_denref(v), 2);
            mpz_fdiv_q(t, t, d);
            mpq_set_num(v, t);
            mpq_set_den(v, scale);
            mpq_canonicalize(v);
            mpz_clear(d);
            mpz_clear(t);
        }
        mpz_fdiv_q(floors[i], mpq_numref(v), mpq_denref(v));
        mpq_set_z(rem[i], floors[i]);
        mpq_sub(rem[i], v, rem[i]);
        mpz_sub(left, left, floors[i]);
        idx[i] = i;
    }
    abg_rank_desc(idx, tmp, n, rem);
    for (size_t k = 0; k < n; k++) {
        size_t i = idx[k];
        rank[i] = k + 1;
        mpz_set(out[i], floors[i]);
        if (mpz_cmp_ui(left, k) > 0)
            mpz_add_ui(out[i], out[i], 1);
    }
    mpq_clear(v);
    mpz_clear(scale);
    mpz_clear(left);
    free(idx);
    free(tmp);
    return true;
}

/* Exact and spreadsheet results of one largest-remainder rounding. */
typedef struct rounding {
    size_t n;
    mpq_t *value;          /* in units */
    mpz_t *floors, *out;   /* exact, in units */
    mpq_t *rem;            /* exact, in units */
    size_t *rank;
    mpz_t *sheet_floors, *sheet_out;
    mpq_t *sheet_rem;
    size_t *sheet_rank;
} rounding;

/* Allocates a rounding for n values; false when memory runs out. */
static bool rounding_init(rounding *g, size_t n)
{
    size_t m = n ? n : 1;

    memset(g, 0, sizeof *g);
    g->n = n;
    g->value = malloc(m * sizeof *g->value);
    g->rem = malloc(m * sizeof *g->rem);
    g->sheet_rem = malloc(m * sizeof *g->sheet_rem);
    g->floors = malloc(m * sizeof *g->floors);
    g->out = malloc(m * sizeof *g->out);
    g->sheet_floors = malloc(m * sizeof *g->sheet_floors);
    g->sheet_out = malloc(m * sizeof *g->sheet_out);
    g->rank = malloc(m * sizeof *g->rank);
    g->sheet_rank = malloc(m * sizeof *g->sheet_rank);
    if (!g->value || !g->rem || !g->sheet_rem || !g->floors || !g->out ||
        !g->sheet_floors || !g->sheet_out || !g->rank || !g->sheet_rank) {
        free(g->value), free(g->rem), free(g->sheet_rem), free(g->floors);
        free(g->out), free(g->sheet_floors), free(g->sheet_out);
        free(g->rank), free(g->sheet_rank);
        memset(g, 0, sizeof *g);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        mpq_init(g->value[i]), mpq_init(g->rem[i]);
        mpq_init(g->sheet_rem[i]);
        mpz_init(g->floors[i]), mpz_init(g->out[i]);
        mpz_init(g->sheet_floors[i]), mpz_init(g->sheet_out[i]);
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
        mpq_clear(g->sheet_rem[i]);
        mpz_clear(g->floors[i]), mpz_clear(g->out[i]);
        mpz_clear(g->sheet_floors[i]), mpz_clear(g->sheet_out[i]);
    }
    free(g->value), free(g->rem), free(g->sheet_rem), free(g->floors);
    free(g->out), free(g->sheet_floors), free(g->sheet_out);
    free(g->rank), free(g->sheet_rank);
    memset(g, 0, sizeof *g);
}

/* Runs both roundings of g->value to target units; returns whether the
 * spreadsheet's final figures equal abgcalc's (false also when memory
 * runs out, with *ok cleared). */
static bool rounding_run(rounding *g, int64_t target, int places, bool *ok)
{
    mpz_t t;
    bool same = true;

    mpz_init(t);
    mpz_set_si(t, (long)target);
    *ok = largest_remainder(g->value, g->n, t, -1, g->floors, g->rem,
                            g->rank, g->out) &&
          largest_remainder(g->value, g->n, t, places, g->sheet_floors,
                            g->sheet_rem, g->sheet_rank, g->sheet_out);
    for (size_t i = 0; *ok && i < g->n; i++)
        if (mpz_cmp(g->out[i], g->sheet_out[i]) != 0)
            same = false;
    mpz_clear(t);
    return *ok && same;
}

/* Writes the rank formula for the cell at (row, col) over rows
 * first..last: 1 + larger remainders + equal ones higher up. SUMPRODUCT
 * rather than COUNTIF(">"&x), whose text criterion would round x. */
static void rank_formula(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                         lxw_col_t col, lxw_row_t first, lxw_row_t last,
                         size_t rank)
{
    char a[16], b[16], self[16];
    lxw_col_t rc = col - 1;

    abg_xlsx_ref(a, sizeof a, first, rc, true, true);
    abg_xlsx_ref(b, sizeof b, last, rc, true, true);
    abg_xlsx_ref(self, sizeof self, row, rc, false, false);
    abg_xlsx_formula(x, s, row, col, x->f.rank, (double)rank, 5,
                     "=SUMPRODUCT(--(%s:%s>%s))+SUMPRODUCT(--(%s:%s=%s))", a,
                     b, self, a, self, self);
}

/* The key cells: RoundTo, Places and (preserve) PennyPlaces. */
static lxw_row_t write_keys(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                            bool preserve)
{
    abg_xlsx_formats *f = &x->f;
    const abg_model *m = x->m;

    abg_xlsx_text(x, s, row, 0, "Unit (RoundTo)", f->text);
    abg_xlsx_formula(x, s, row, 1, f->unit_money,
                     abg_xlsx_pounds(m->round_to),
                     abg_xlsx_money_chars(x, m->round_to, x->whole),
                     "=RoundTo");
    row++;
    abg_xlsx_text(x, s, row, 0, "Decimals of a unit compared (Places)",
                  f->text);
    abg_xlsx_formula(x, s, row, 1, f->integer, x->places, 3,
                     "=MAX(0,MIN(9,12-INT(ROUND(LOG10(MAX(1,Pot/RoundTo)),"
                     "6))))");
    abg_xlsx_define(x, "Places", s, row, 1);
    row++;
    if (preserve) {
        abg_xlsx_text(x, s, row, 0,
                      "Decimals of a penny compared (PennyPlaces)", f->text);
        abg_xlsx_formula(x, s, row, 1, f->integer, x->penny_places, 3,
                         "=MAX(0,MIN(9,12-INT(ROUND(LOG10(MAX(1,Pot*100)),"
                         "6))))");
        abg_xlsx_define(x, "PennyPlaces", s, row, 1);
        row++;
    }
    return row + 1;
}

/* The explanation at the top of the sheet. */
static lxw_row_t write_explanation(abg_xlsx *x, abg_xlsx_sheet *s,
                                   lxw_row_t row, bool preserve)
{
    char unit[64], line[512];
    const abg_model *m = x->m;

    abg_xlsx_money(x, unit, sizeof unit, m->round_to, x->whole);
    snprintf(line, sizeof line,
             "1. Each area's exact total is the sum of its unrounded share "
             "of each component.");
    abg_xlsx_label(x, s, row++, 0, line, x->f.text);
    snprintf(line, sizeof line,
             "2. It is floored to a multiple of the unit (RoundTo, now %s); "
             "the remainder is what flooring took off.", unit);
    abg_xlsx_label(x, s, row++, 0, line, x->f.text);
    abg_xlsx_label(x, s, row++, 0,
                   "3. The units the floors leave short of the pot go one "
                   "each to the largest remainders; equal remainders go to "
                   "the area higher in the list, as in abgcalc.",
                   x->f.text);
    abg_xlsx_label(x, s, row++, 0,
                   "4. Quotients of a unit are rounded to Places decimals "
                   "before they are floored or compared, so that "
                   "floating-point noise cannot break a tie or a floor "
                   "(abgcalc itself works exactly).",
                   x->f.text);
    if (preserve)
        abg_xlsx_label(x, s, row++, 0,
                       "5. component_rounding = preserve: each component's "
                       "penny figures are rounded the same way, one column "
                       "group each on the right, so each column adds up to "
                       "its amount.",
                       x->f.text);
    return row + 1;
}

/* The area totals' rounding, counted in units of round_to; returns
 * whether the spreadsheet's totals agree with abgcalc's. */
static bool totals_rounding(abg_xlsx *x, rounding *g, bool *ok)
{
    mpq_t unit;
    bool same;

    mpq_init(unit);
    mpq_set_si(unit, (long)x->m->round_to, 100); /* pounds */
    for (size_t a = 0; a < x->m->n_areas && *ok; a++) {
        *ok = exact_q(g->value[a], x, ABG_EXACT_TOTAL, a, 0);
        mpq_div(g->value[a], g->value[a], unit);
    }
    same = *ok && rounding_run(g, x->m->pot / x->m->round_to, x->places, ok);
    mpq_clear(unit);
    return same;
}

/* A remainder as the spreadsheet holds it: rounded to `places` decimals
 * of a unit, in pounds (unit_pence > 0) or in units (unit_pence = 0). */
static double sheet_remainder(const rounding *g, size_t i, int64_t unit_pence)
{
    double units = mpq_get_d(g->sheet_rem[i]);

    return unit_pence ? units * abg_xlsx_pounds(unit_pence) : units;
}

/* The area-total columns: exact total, floor, remainder, rank, added,
 * final. Cached values come from abgcalc's result. */
static void write_total_columns(abg_xlsx *x, abg_xlsx_sheet *s,
                                lxw_row_t row, size_t a, const rounding *g)
{
    const abg_xlsx_layout *at = &x->at;
    const abg_area_rounding *ar = &x->r->areas[a];
    abg_xlsx_formats *f = &x->f;
    size_t nc = x->m->n_components;
    char q1[16], q2[16], e[16], fl[16], rk[16], ad[16];
    size_t wide = abg_xlsx_money_chars(x, x->m->pot, x->whole);

    abg_xlsx_ref(q1, sizeof q1, row, at->rd_quota_first, false, false);
    abg_xlsx_ref(q2, sizeof q2, row, at->rd_quota_first + (lxw_col_t)nc - 1,
                 false, false);
    abg_xlsx_ref(e, sizeof e, row, at->rd_exact, false, false);
    abg_xlsx_ref(fl, sizeof fl, row, at->rd_floor, false, false);
    abg_xlsx_ref(rk, sizeof rk, row, at->rd_rank, false, false);
    abg_xlsx_ref(ad, sizeof ad, row, at->rd_added, false, false);
    abg_xlsx_formula(x, s, row, at->rd_exact, f->remainder,
                     abg_xlsx_exact(x, ABG_EXACT_TOTAL, a, 0), wide + 5,
                     "=SUM(%s:%s)", q1, q2);
    abg_xlsx_formula(x, s, row, at->rd_floor, f->unit_money,
                     abg_xlsx_pounds(ar->floor), wide,
                     "=RoundTo*INT(ROUND(%s/RoundTo,Places))", e);
    abg_xlsx_formula(x, s, row, at->rd_rem, f->kept,
                     sheet_remainder(g, a, x->m->round_to),
                     abg_xlsx_money_chars(x, x->m->round_to, false) +
                         (size_t)x->places + 2,
                     "=ROUND((%s-%s)/RoundTo,Places)*RoundTo", e, fl);
    rank_formula(x, s, row, at->rd_rank, at->rd_area_first,
                 at->rd_area_first + (lxw_row_t)x->m->n_areas - 1,
                 g->sheet_rank[a]);
    abg_xlsx_formula(x, s, row, at->rd_added, f->unit_money,
                     abg_xlsx_pounds(ar->added),
                     abg_xlsx_money_chars(x, x->m->round_to, x->whole),
                     "=IF(%s<=UnitsToGive,RoundTo,0)", rk);
    abg_xlsx_formula(x, s, row, at->rd_final, f->unit_money_bold,
                     abg_xlsx_pounds(ar->total), wide, "=%s+%s", fl, ad);
}

/* Column group g of component c (preserve): floor to the penny,
 * remainder in pence, rank, penny added, final figure. */
static void write_group_row(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                            size_t a, size_t c, const rounding *g)
{
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    lxw_col_t col = at->rd_group_first +
                    (lxw_col_t)(c * ABG_XLSX_GROUP_COLS);
    char q[16], fl[16], rk[16], ad[16], units[16];
    int64_t cell = x->r->cells[a * x->m->n_components + c];
    int64_t floor = mpz_get_si(g->floors[a]);
    size_t wide = abg_xlsx_money_chars(x, x->m->components[c].amount, false);

    abg_xlsx_ref(q, sizeof q, row, at->rd_quota_first + (lxw_col_t)c, false,
                 false);
    abg_xlsx_ref(fl, sizeof fl, row, col, false, false);
    abg_xlsx_ref(rk, sizeof rk, row, col + 2, false, false);
    abg_xlsx_ref(ad, sizeof ad, row, col + 3, false, false);
    abg_xlsx_ref(units, sizeof units, at->rd_units, col + 3, true, true);
    abg_xlsx_formula(x, s, row, col, f->money, abg_xlsx_pounds(floor), wide,
                     "=INT(ROUND(%s*100,PennyPlaces))/100", q);
    abg_xlsx_formula(x, s, row, col + 1, f->pence, sheet_remainder(g, a, 0),
                     (size_t)x->penny_places + 4,
                     "=ROUND((%s-%s)*100,PennyPlaces)", q, fl);
    rank_formula(x, s, row, col + 2, at->rd_area_first,
                 at->rd_area_first + (lxw_row_t)x->m->n_areas - 1,
                 g->sheet_rank[a]);
    abg_xlsx_formula(x, s, row, col + 3, f->money,
                     abg_xlsx_pounds(cell - floor), 6,
                     "=IF(%s<=%s,0.01,0)", rk, units);
    abg_xlsx_formula(x, s, row, col + 4, f->money_bold,
                     abg_xlsx_pounds(cell), wide, "=ROUND(%s+%s,2)", fl, ad);
}

/* The exact penny rounding of component c, for the cached values, and
 * whether the spreadsheet's would agree. */
static bool column_rounding(abg_xlsx *x, size_t c, rounding *g,
                            bool *agrees)
{
    bool ok = true;

    for (size_t a = 0; a < x->m->n_areas && ok; a++) {
        ok = exact_q(g->value[a], x, ABG_EXACT_QUOTA, a, c);
        /* pounds to pence */
        mpz_mul_ui(mpq_numref(g->value[a]), mpq_numref(g->value[a]), 100);
        mpq_canonicalize(g->value[a]);
    }
    *agrees = ok && rounding_run(g, x->m->components[c].amount,
                                 x->penny_places, &ok);
    return ok;
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
        "Floored to 1p", "Remainder (pence)", "Rank", "Penny added",
        "Final figure"};

    abg_xlsx_money(x, unit, sizeof unit, m->round_to, x->whole);
    if (nc > 1)
        abg_xlsx_wrapped(x, s, row, at->rd_quota_first,
                         at->rd_quota_first + (lxw_col_t)nc - 1,
                         "Exact share of each component (unrounded)",
                         f->group, 1.1);
    else
        abg_xlsx_wrapped(x, s, row, at->rd_quota_first, at->rd_quota_first,
                         "Exact share (unrounded)", f->group, 1.1);
    snprintf(head, sizeof head,
             "Area total: largest remainder to a multiple of %s", unit);
    abg_xlsx_wrapped(x, s, row, at->rd_exact, at->rd_final, head, f->group,
                     1.1);
    for (size_t c = 0; preserve && c < nc; c++) {
        lxw_col_t col = at->rd_group_first +
                        (lxw_col_t)(c * ABG_XLSX_GROUP_COLS);
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
    abg_xlsx_heading(x, s, row, at->rd_rem, "Remainder", f->heading, 1);
    abg_xlsx_heading(x, s, row, at->rd_rank, "Rank", f->heading, 1);
    abg_xlsx_heading(x, s, row, at->rd_added, "Added", f->heading, 1);
    abg_xlsx_heading(x, s, row, at->rd_final, "Final total", f->heading, 2);
    for (size_t c = 0; preserve && c < nc; c++)
        for (lxw_col_t k = 0; k < ABG_XLSX_GROUP_COLS; k++)
            abg_xlsx_heading(x, s, row,
                             at->rd_group_first +
                                 (lxw_col_t)(c * ABG_XLSX_GROUP_COLS) + k,
                             group_heads[k], f->heading, 2);
}

/* The totals row and the units-to-hand-out row. */
static void write_totals(abg_xlsx *x, abg_xlsx_sheet *s, const rounding *g,
                         rounding *groups, bool preserve)
{
    const abg_model *m = x->m;
    const abg_result *r = x->r;
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    lxw_row_t row = at->rd_total, last = at->rd_total - 1;
    size_t nc = m->n_components;
    char a1[16], a2[16];
    int64_t sum_floor = r->floor_sum, sum_total = 0;
    double sum_rem = 0;
    size_t wide = abg_xlsx_money_chars(x, m->pot, x->whole);

    for (size_t a = 0; a < m->n_areas; a++) {
        sum_total += r->areas[a].total;
        sum_rem += sheet_remainder(g, a, m->round_to);
    }
    abg_xlsx_text(x, s, row, AREA_COL, "Total", f->total_text);
#define SUM_COL(col, fmt, value, chars)                                       \
    do {                                                                      \
        abg_xlsx_ref(a1, sizeof a1, at->rd_area_first, (col), false, false);  \
        abg_xlsx_ref(a2, sizeof a2, last, (col), false, false);               \
        abg_xlsx_formula(x, s, row, (col), (fmt), (value), (chars),           \
                         "=SUM(%s:%s)", a1, a2);                              \
    } while (0)
    for (size_t c = 0; c < nc; c++)
        SUM_COL(at->rd_quota_first + (lxw_col_t)c, f->total_money,
                abg_xlsx_pounds(m->components[c].amount),
                abg_xlsx_money_chars(x, m->components[c].amount, false));
    SUM_COL(at->rd_exact, f->total_money, abg_xlsx_pounds(m->pot), wide);
    SUM_COL(at->rd_floor, f->total_unit_money, abg_xlsx_pounds(sum_floor),
            wide);
    SUM_COL(at->rd_rem, f->total_money, sum_rem, wide);
    abg_xlsx_label(x, s, row, at->rd_rank, "", f->total_text);
    SUM_COL(at->rd_added, f->total_unit_money,
            abg_xlsx_pounds(m->pot - sum_floor), wide);
    SUM_COL(at->rd_final, f->total_unit_money, abg_xlsx_pounds(sum_total),
            wide);
    for (size_t c = 0; preserve && c < nc; c++) {
        lxw_col_t col = at->rd_group_first +
                        (lxw_col_t)(c * ABG_XLSX_GROUP_COLS);
        int64_t floors = 0;
        for (size_t a = 0; a < m->n_areas; a++)
            floors += mpz_get_si(groups[c].floors[a]);
        SUM_COL(col, f->total_money, abg_xlsx_pounds(floors), wide);
        abg_xlsx_label(x, s, row, col + 1, "", f->total_text);
        abg_xlsx_label(x, s, row, col + 2, "", f->total_text);
        SUM_COL(col + 3, f->total_money,
                abg_xlsx_pounds(m->components[c].amount - floors), wide);
        SUM_COL(col + 4, f->total_money,
                abg_xlsx_pounds(r->column_sums[c]), wide);
        /* Pennies to hand out in this column. */
        abg_xlsx_ref(a1, sizeof a1, row, col, false, false);
        abg_xlsx_formula(x, s, at->rd_units, col + 3, f->integer,
                         (double)(m->components[c].amount - floors), 6,
                         "=ROUND((Amount_%s-%s)*100,0)", x->names[c], a1);
    }
#undef SUM_COL
    abg_xlsx_label(x, s, at->rd_units, AREA_COL,
                   preserve ? "Units still to hand out after flooring "
                              "(pennies for the columns on the right)"
                            : "Units still to hand out after flooring",
                   f->bold);
    abg_xlsx_ref(a1, sizeof a1, row, at->rd_floor, false, false);
    abg_xlsx_formula(x, s, at->rd_units, at->rd_added, f->integer,
                     (double)r->units, 6, "=ROUND((Pot-%s)/RoundTo,0)", a1);
    abg_xlsx_define(x, "UnitsToGive", s, at->rd_units, at->rd_added);
}

void abg_xlsx_write_rounding(abg_xlsx *x)
{
    abg_xlsx_sheet *s = &x->sheets[ABG_XLSX_SHEET_ROUNDING];
    const abg_model *m = x->m;
    abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    size_t nc = m->n_components, na = m->n_areas;
    bool preserve = m->component_rounding == ABG_COMPONENT_ROUNDING_PRESERVE;
    bool ok = true, agrees = true;
    rounding *groups = NULL, totals = {0};
    char title[512], ind[16], tot[16];
    lxw_row_t row = 0, heading;

    /* Exact penny roundings per column, for the cached values. */
    if (preserve) {
        groups = calloc(nc ? nc : 1, sizeof *groups);
        for (size_t c = 0; groups && c < nc && ok; c++) {
            bool same = true;
            ok = rounding_init(&groups[c], na) &&
                 column_rounding(x, c, &groups[c], &same);
            agrees = agrees && same;
        }
        if (!groups)
            ok = false;
    }
    if (ok && !rounding_init(&totals, na))
        ok = false;
    else if (ok && !totals_rounding(x, &totals, &ok))
        agrees = false;
    if (!ok) {
        abg_xlsx_no_memory(x);
        goto out;
    }

    snprintf(title, sizeof title, "Rounding: %s", m->title);
    abg_xlsx_label(x, s, row++, 0, title, f->title);
    row++;
    row = write_explanation(x, s, row, preserve);
    row = write_keys(x, s, row, preserve);
    if (!agrees) {
        abg_xlsx_wrapped(x, s, row, 0, 8,
                         "Warning: some remainders differ by less than the "
                         "spreadsheet compares (Places decimals of a unit), "
                         "so after recalculating, this workbook's figures "
                         "differ from abgcalc's exact ones in at least one "
                         "area. The cached figures are abgcalc's.",
                         f->warning, 1.1);
        row += 2;
    }

    at->rd_quota_first = 1;
    at->rd_exact = at->rd_quota_first + (lxw_col_t)nc;
    at->rd_floor = at->rd_exact + 1;
    at->rd_rem = at->rd_exact + 2;
    at->rd_rank = at->rd_exact + 3;
    at->rd_added = at->rd_exact + 4;
    at->rd_final = at->rd_exact + 5;
    at->rd_group_first = at->rd_final + 1;
    heading = row;
    at->rd_area_first = heading + 2;
    at->rd_total = at->rd_area_first + (lxw_row_t)na;
    at->rd_units = at->rd_total + 1;
    write_headings(x, s, heading, preserve);

    for (size_t a = 0; a < na; a++) {
        lxw_row_t r = at->rd_area_first + (lxw_row_t)a;
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
            abg_xlsx_ref(ind, sizeof ind,
                         at->in_area_first + (lxw_row_t)a, icol, false,
                         false);
            abg_xlsx_ref(tot, sizeof tot, at->in_ind_total, icol, true,
                         false);
            abg_xlsx_formula(x, s, r, col, f->remainder, v, chars,
                             "=Amount_%s*" ABG_XLSX_INPUTS "!%s/"
                             ABG_XLSX_INPUTS "!%s",
                             x->names[c], ind, tot);
        }
        write_total_columns(x, s, r, a, &totals);
        for (size_t c = 0; preserve && c < nc; c++)
            write_group_row(x, s, r, a, c, &groups[c]);
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
}
