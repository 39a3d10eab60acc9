/*
 * xlsx_checks.c - the Checks sheet: every sum the allocation must meet and
 * every published figure against the computed one, each a live PASS/FAIL
 * formula.
 *
 * SPDX-License-Identifier: MIT
 *
 * A difference is the figure less what it is compared with, rounded to the
 * penny (every compared figure is a whole number of pence, except the sums
 * of exact quotas, whose floating-point noise is far below a penny). A
 * check passes when the difference is within its tolerance: none for
 * equalities, and areas x half a penny for a column of penny figures,
 * the most that rounding each figure on its own can move their sum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_internal.h"

/* Columns. */
enum { COL_CHECK = 0, COL_FIGURE, COL_AGAINST, COL_DIFF, COL_TOL, COL_RESULT };

/* How a check compares. */
typedef enum kind {
    EQUAL,   /* difference must be nil */
    PENNIES, /* within AreaCount x half a penny */
    NOT_OVER /* figure must not exceed what it is compared with */
} kind;

/* The sheet being written: the next row and the results so far. */
typedef struct checks {
    abg_xlsx *x;
    abg_xlsx_sheet *s;
    lxw_row_t row, first;
    size_t passed, failed;
} checks;

/* The INI file's name without its folders, for "line N of FILE". */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* A section heading. */
static void section(checks *k, const char *title)
{
    abg_xlsx_label(k->x, k->s, k->row++, COL_CHECK, title, k->x->f.bold);
}

/*
 * One check. `figure` is a formula for the computed figure and `against`
 * one for what it is compared with, or NULL when `against_pence` is an
 * input (a published figure, written as a yellow cell). The values are
 * what abgcalc computed, cached in the cells.
 */
static void check(checks *k, const char *text, const char *figure,
                  int64_t figure_pence, const char *against,
                  int64_t against_pence, kind how)
{
    abg_xlsx *x = k->x;
    abg_xlsx_sheet *s = k->s;
    abg_xlsx_formats *f = &x->f;
    lxw_row_t row = k->row++;
    char b[16], c[16], d[16], e[16];
    int64_t diff = figure_pence - against_pence;
    int64_t tol = how == PENNIES ? (int64_t)x->m->n_areas : 0; /* half-p */
    bool pass =
        how == NOT_OVER ? diff <= 0 : (diff < 0 ? -diff : diff) * 2 <= tol;
    double tolerance = how == PENNIES ? (double)x->m->n_areas * 0.005 : 0;

    abg_xlsx_ref(b, sizeof b, row, COL_FIGURE, false, false);
    abg_xlsx_ref(c, sizeof c, row, COL_AGAINST, false, false);
    abg_xlsx_ref(d, sizeof d, row, COL_DIFF, false, false);
    abg_xlsx_ref(e, sizeof e, row, COL_TOL, false, false);
    abg_xlsx_wrapped(x, s, row, COL_CHECK, COL_CHECK, text, f->check, 0.9);
    abg_xlsx_formula(
        x, s, row, COL_FIGURE, f->money, abg_xlsx_pounds(figure_pence),
        abg_xlsx_money_chars(x, figure_pence, false), "=%s", figure);
    if (against)
        abg_xlsx_formula(
            x, s, row, COL_AGAINST, f->money, abg_xlsx_pounds(against_pence),
            abg_xlsx_money_chars(x, against_pence, false), "=%s", against);
    else
        abg_xlsx_number(x, s, row, COL_AGAINST, abg_xlsx_pounds(against_pence),
                        f->in_money,
                        abg_xlsx_money_chars(x, against_pence, false));
    abg_xlsx_formula(x, s, row, COL_DIFF, f->diff, abg_xlsx_pounds(diff),
                     abg_xlsx_money_chars(x, diff, false) + 1,
                     "=ROUND(%s-%s,2)", b, c);
    if (how == PENNIES)
        abg_xlsx_formula(x, s, row, COL_TOL, f->tolerance, tolerance, 8,
                         "=ROUND(AreaCount*0.005,3)");
    else
        abg_xlsx_number(x, s, row, COL_TOL, 0, f->tolerance, 6);
    if (how == NOT_OVER)
        abg_xlsx_formula_text(x, s, row, COL_RESULT, f->result,
                              pass ? "PASS" : "FAIL",
                              "=IF(%s<=%s,\"PASS\",\"FAIL\")", d, e);
    else
        abg_xlsx_formula_text(x, s, row, COL_RESULT, f->result,
                              pass ? "PASS" : "FAIL",
                              "=IF(ABS(%s)<=%s,\"PASS\",\"FAIL\")", d, e);
    if (pass)
        k->passed++;
    else
        k->failed++;
}

/* A reference to another sheet's cell: "Allocation!B12". */
static const char *other(char *buf, size_t size, const char *sheet,
                         lxw_row_t row, lxw_col_t col)
{
    char ref[16];

    snprintf(buf, size, "%s!%s", sheet,
             abg_xlsx_ref(ref, sizeof ref, row, col, false, false));
    return buf;
}

/* Exact quotas and penny figures of each column against its amount. */
static void column_checks(checks *k)
{
    abg_xlsx *x = k->x;
    const abg_model *m = x->m;
    const abg_xlsx_layout *at = &x->at;
    char text[768], fig[64], amount[160], half[32];
    size_t na = m->n_areas;

    if (x->symbol[0])
        snprintf(half, sizeof half, "%s0.005", x->symbol);
    else
        snprintf(half, sizeof half, "0.005 %s", m->currency);
    section(k, "Component columns");
    for (size_t c = 0; c < m->n_components; c++) {
        const abg_component *comp = &m->components[c];
        snprintf(amount, sizeof amount, "Amount_%s", x->names[c]);
        snprintf(text, sizeof text,
                 "%s: the exact (unrounded) shares add up to its amount",
                 comp->title);
        check(k, text,
              other(fig, sizeof fig, ABG_XLSX_ROUNDING, at->rd_total,
                    at->rd_quota_first + (lxw_col_t)c),
              comp->amount, amount, comp->amount, EQUAL);
        snprintf(text, sizeof text,
                 "%s: the %zu figures shown to the penny add up to its "
                 "amount within %zu x %s, the most that rounding each "
                 "figure to the penny can move their sum",
                 comp->title, na, na, half);
        check(k, text,
              other(fig, sizeof fig, ABG_XLSX_ALLOCATION, at->al_total,
                    at->al_comp_first + (lxw_col_t)c),
              x->r->column_sums[c], amount, comp->amount, PENNIES);
    }
}

/* The pot: the components fill it and the rounded totals add up to it. */
static void pot_checks(checks *k)
{
    abg_xlsx *x = k->x;
    const abg_model *m = x->m;
    const abg_xlsx_layout *at = &x->at;
    char fig[64];
    int64_t amounts = 0, totals = 0;

    for (size_t c = 0; c < m->n_components; c++)
        amounts += m->components[c].amount;
    for (size_t a = 0; a < m->n_areas; a++)
        totals += x->r->areas[a].total;
    section(k, "The pot");
    check(k, "The component amounts add up to the pot",
          other(fig, sizeof fig, ABG_XLSX_INPUTS, at->in_comp_total,
                at->in_amount_col),
          amounts, "Pot", m->pot, EQUAL);
    check(k, "The rounded area totals add up to the pot exactly",
          other(fig, sizeof fig, ABG_XLSX_ALLOCATION, at->al_total,
                at->al_total_col),
          totals, "Pot", m->pot, EQUAL);
}

/* Damping: every area's total keeps its limits against last year (live,
 * though After ceiling and After minimum are values). */
static void damping_checks(checks *k)
{
    abg_xlsx *x = k->x;
    const abg_model *m = x->m;
    const abg_damping *d = &m->damping;
    const abg_xlsx_layout *at = &x->at;
    char text[512], total[64], level[64];

    section(k, "Damping against last year (the " ABG_XLSX_WATERFALL " sheet)");
    for (size_t a = 0; a < m->n_areas; a++) {
        int64_t t = x->r->areas[a].total, prev = m->areas[a].previous;
        lxw_row_t wrow = at->wf_area_first + (lxw_row_t)a;
        const char *name = m->areas[a].name;
        other(total, sizeof total, ABG_XLSX_ALLOCATION,
              at->al_area_first + (lxw_row_t)a, at->al_total_col);
        if (d->has_floor) {
            snprintf(text, sizeof text,
                     "%.200s's floor level is not over its total", name);
            check(k, text,
                  other(level, sizeof level, ABG_XLSX_WATERFALL, wrow,
                        at->wf_floor_level),
                  abg_xlsx_limit(m, prev, d->floor, true), total, t, NOT_OVER);
        }
        if (d->has_ceiling) {
            snprintf(text, sizeof text,
                     "%.200s's total is not over its ceiling level", name);
            check(k, text, total, t,
                  other(level, sizeof level, ABG_XLSX_WATERFALL, wrow,
                        at->wf_ceiling_level),
                  abg_xlsx_limit(m, prev, d->ceiling, false), NOT_OVER);
        }
        if (d->has_minimum) {
            snprintf(text, sizeof text,
                     "The minimum is not over %.200s's total", name);
            check(k, text, "MinimumTotal", d->minimum, total, t, NOT_OVER);
        }
    }
}

/* The budget: the pot and the other streams must not exceed its total. */
static void budget_checks(checks *k)
{
    abg_xlsx *x = k->x;
    const abg_model *m = x->m;
    const abg_xlsx_layout *at = &x->at;
    char fig[128], a1[16], a2[16];
    int64_t sum = m->pot;

    for (size_t i = 0; i < m->n_streams; i++)
        sum += m->streams[i].amount;
    if (m->n_streams) {
        abg_xlsx_ref(a1, sizeof a1, at->in_stream_first, 1, false, false);
        abg_xlsx_ref(a2, sizeof a2,
                     at->in_stream_first + (lxw_row_t)m->n_streams - 1, 1,
                     false, false);
        snprintf(fig, sizeof fig, "Pot+SUM(" ABG_XLSX_INPUTS "!%s:%s)", a1,
                 a2);
    } else {
        snprintf(fig, sizeof fig, "Pot");
    }
    section(k, "Budget");
    check(k,
          "The pot and the budget's other streams do not exceed the "
          "budget total",
          fig, sum, "BudgetTotal", m->budget_total, NOT_OVER);
}

/* Every published figure in the INI file against the computed one. */
static void published_checks(checks *k)
{
    abg_xlsx *x = k->x;
    const abg_model *m = x->m;
    const abg_xlsx_layout *at = &x->at;
    const char *file = base_name(m->file ? m->file : "the INI file");
    char text[768], fig[64];
    size_t nc = m->n_components;
    int64_t totals = 0;
    bool any = m->has_published;

    for (size_t c = 0; c < nc; c++)
        any = any || m->components[c].has_published;
    for (size_t a = 0; a < m->n_areas; a++) {
        any = any || m->areas[a].has_published;
        for (size_t c = 0; c < nc; c++)
            any = any || m->areas[a].has_published_cell[c];
        totals += x->r->areas[a].total;
    }
    if (!any)
        return;
    section(k, "Published figures (yellow: as printed in the source)");
    if (m->has_published) {
        snprintf(text, sizeof text, "Grand total as published (%s line %d)",
                 file, m->published_line);
        check(k, text,
              other(fig, sizeof fig, ABG_XLSX_ALLOCATION, at->al_total,
                    at->al_total_col),
              totals, NULL, m->published, EQUAL);
    }
    for (size_t c = 0; c < nc; c++) {
        const abg_component *comp = &m->components[c];
        if (!comp->has_published)
            continue;
        snprintf(text, sizeof text,
                 "%s: column total as published (%s line %d)", comp->title,
                 file, comp->published_line);
        snprintf(fig, sizeof fig, "Amount_%s", x->names[c]);
        check(k, text, fig, comp->amount, NULL, comp->published, EQUAL);
    }
    for (size_t a = 0; a < m->n_areas; a++) {
        const abg_area *area = &m->areas[a];
        lxw_row_t row = at->al_area_first + (lxw_row_t)a;
        if (area->has_published) {
            snprintf(text, sizeof text, "%s: total as published (%s line %d)",
                     area->name, area->file ? base_name(area->file) : file,
                     area->published_line);
            check(k, text,
                  other(fig, sizeof fig, ABG_XLSX_ALLOCATION, row,
                        at->al_total_col),
                  x->r->areas[a].total, NULL, area->published, EQUAL);
        }
        for (size_t c = 0; c < nc; c++) {
            if (!area->has_published_cell[c])
                continue;
            snprintf(text, sizeof text, "%s: %s as published (%s line %d)",
                     area->name, m->components[c].title,
                     area->file ? base_name(area->file) : file,
                     area->published_cell_line[c]);
            check(k, text,
                  other(fig, sizeof fig, ABG_XLSX_ALLOCATION, row,
                        at->al_comp_first + (lxw_col_t)c),
                  x->r->cells[a * nc + c], NULL, area->published_cell[c],
                  EQUAL);
        }
    }
}

/* The summary line at the top: how many checks pass. */
static void summary(checks *k, lxw_row_t row)
{
    abg_xlsx *x = k->x;
    char a[16], b[16], range[40], value[96];
    lxw_conditional_format pass = {0}, fail = {0};

    abg_xlsx_ref(a, sizeof a, k->first, COL_RESULT, true, true);
    abg_xlsx_ref(b, sizeof b, k->row - 1, COL_RESULT, true, true);
    snprintf(range, sizeof range, "%s:%s", a, b);
    if (k->failed == 0)
        snprintf(value, sizeof value, "All %zu checks pass", k->passed);
    else
        snprintf(value, sizeof value, "%zu of %zu checks FAIL", k->failed,
                 k->passed + k->failed);
    abg_xlsx_formula_text(
        x, k->s, row, COL_CHECK, x->f.section, value,
        "=IF(COUNTIF(%s,\"FAIL\")=0,\"All \"&COUNTIF(%s,\"PASS\")&\" checks "
        "pass\",COUNTIF(%s,\"FAIL\")&\" of \"&(COUNTIF(%s,\"PASS\")+"
        "COUNTIF(%s,\"FAIL\"))&\" checks FAIL\")",
        range, range, range, range, range);

    /* Green PASS, red FAIL, as Excel's Good and Bad styles. */
    pass.type = LXW_CONDITIONAL_TYPE_CELL;
    pass.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
    pass.value_string = "\"PASS\"";
    pass.format = x->f.pass;
    fail = pass;
    fail.value_string = "\"FAIL\"";
    fail.format = x->f.fail;
    abg_xlsx_check(x,
                   worksheet_conditional_format_range(k->s->ws, k->first,
                                                      COL_RESULT, k->row - 1,
                                                      COL_RESULT, &pass),
                   "Checks: conditional format");
    abg_xlsx_check(x,
                   worksheet_conditional_format_range(k->s->ws, k->first,
                                                      COL_RESULT, k->row - 1,
                                                      COL_RESULT, &fail),
                   "Checks: conditional format");
}

/* Every check, in order, from row k->row. */
static void all_checks(checks *k)
{
    column_checks(k);
    pot_checks(k);
    if (k->x->at.wf_live)
        damping_checks(k);
    if (k->x->m->has_budget)
        budget_checks(k);
    published_checks(k);
}

void abg_xlsx_write_checks(abg_xlsx *x)
{
    abg_xlsx_sheet *s = &x->sheets[ABG_XLSX_SHEET_CHECKS];
    abg_xlsx_formats *f = &x->f;
    static const char *const heads[] = {"Check",         "Figure",
                                        "Compared with", "Difference",
                                        "Tolerance",     "Result"};
    checks k = {x, s, 0, 0, 0, 0};
    char title[512];
    lxw_row_t heading = 4;

    /* The summary at the top counts the results below: a dry run counts
     * them and finds the last row first, so that every row is written in
     * order. */
    x->dry = true;
    k.row = k.first = heading + 1;
    all_checks(&k);
    x->dry = false;

    snprintf(title, sizeof title, "Checks: %s", x->m->title);
    abg_xlsx_label(x, s, 0, 0, title, f->title);
    summary(&k, 1);
    k.passed = k.failed = 0;
    abg_xlsx_label(x, s, 2, 0,
                   "Each check is a formula and recalculates when an input "
                   "changes. Difference = figure less what it is compared "
                   "with, to the penny; a check passes when the difference "
                   "is within the tolerance.",
                   f->subtitle);
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        abg_xlsx_text(x, s, heading, (lxw_col_t)i, heads[i],
                      i == 0 ? f->heading_left : f->heading);
    /* The check text wraps in a column of fixed width. */
    abg_xlsx_fit(x, s, COL_CHECK, 72);
    k.row = k.first = heading + 1;
    all_checks(&k);

    worksheet_freeze_panes(s->ws, heading + 1, 0);
    abg_xlsx_page_setup(x, s);
    abg_xlsx_check(x, worksheet_repeat_rows(s->ws, heading, heading),
                   "Checks: print titles");
}
