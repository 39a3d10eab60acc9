/*
 * xlsx_inputs.c - the Inputs sheet: every figure the allocation starts
 * from, in yellow input cells with defined names, and the sums and shares
 * computed from them.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "formula.h"
#include "xlsx_internal.h"

/* The label of component c's method: "even split", "in proportion to
 * population". */
static void method_text(const abg_model *m, size_t c, char *buf, size_t size)
{
    const abg_component *comp = &m->components[c];

    if (comp->method == ABG_METHOD_EVEN)
        snprintf(buf, size, "even split");
    else
        snprintf(buf, size, "in proportion to %s",
                 m->indicators[comp->indicator]);
}

/* Columns of the component table. */
enum {
    COMP_NAME = 0,
    COMP_TITLE,
    COMP_METHOD,
    COMP_FROM,
    COMP_SHARE,
    COMP_PER_AREA,
    COMP_AMOUNT,
    COMP_DEFINED
};

/* units / 10^scale as the nearest double: through text, so that strtod
 * rounds correctly. */
static double decimal_value(int64_t units, int scale)
{
    char digits[32], text[80];
    int n = snprintf(digits, sizeof digits, "%lld", (long long)units);

    if (scale <= 0)
        return strtod(digits, NULL);
    if (n > scale)
        snprintf(text, sizeof text, "%.*s.%s", n - scale, digits,
                 digits + (n - scale));
    else /* "%0*d" of 0 would print one 0 even at width 0 */
        snprintf(text, sizeof text, "0.%.*s%s", scale - n,
                 "000000000000000000000", digits);
    return strtod(text, NULL);
}

/* The text `digits` of an abg_decimal takes, grouped: for widths. */
static size_t decimal_chars(abg_decimal d)
{
    char buf[64];

    return abg_xlsx_chars(abg_decimal_format(buf, sizeof buf, d));
}

/* The source note of indicator i: that of the first component using it. */
static const char *indicator_note(const abg_model *m, size_t i)
{
    for (size_t c = 0; c < m->n_components; c++)
        if (m->components[c].method == ABG_METHOD_PROPORTIONAL &&
            m->components[c].indicator == i && m->components[c].note)
            return m->components[c].note;
    return NULL;
}

/* Pot, RoundTo and AreaCount. */
static lxw_row_t write_allocation_inputs(abg_xlsx *x, abg_xlsx_sheet *s,
                                         lxw_row_t row)
{
    const abg_model *m = x->m;
    abg_xlsx_formats *f = &x->f;
    abg_xlsx_layout *at = &x->at;
    char a1[16], a2[16];

    abg_xlsx_text(x, s, row, 0, "Allocation", f->heading_left);
    abg_xlsx_text(x, s, row, 1, "Value", f->heading);
    abg_xlsx_text(x, s, row, 2, "Name", f->heading_left);
    row++;
    at->in_pot = row;
    abg_xlsx_text(x, s, row, 0, "Pot", f->text);
    abg_xlsx_number(x, s, row, 1, abg_xlsx_pounds(m->pot), f->in_unit_money,
                    abg_xlsx_money_chars(x, m->pot, x->whole));
    abg_xlsx_text(x, s, row, 2, "Pot", f->name);
    abg_xlsx_define(x, "Pot", s, row, 1);
    row++;
    at->in_round_to = row;
    abg_xlsx_text(x, s, row, 0, "Area totals rounded to a multiple of",
                  f->text);
    abg_xlsx_number(x, s, row, 1, abg_xlsx_pounds(m->round_to),
                    f->in_unit_money,
                    abg_xlsx_money_chars(x, m->round_to, x->whole));
    abg_xlsx_text(x, s, row, 2, "RoundTo", f->name);
    abg_xlsx_define(x, "RoundTo", s, row, 1);
    row++;
    at->in_area_count = row;
    abg_xlsx_text(x, s, row, 0, "Number of areas", f->text);
    abg_xlsx_text(x, s, row, 2, "AreaCount", f->name);
    abg_xlsx_define(x, "AreaCount", s, row, 1);
    /* It counts the names of the area rows below (placed by a dry run of
     * this sheet), so it is live too. */
    abg_xlsx_ref(a1, sizeof a1, at->in_area_first, 0, true, true);
    abg_xlsx_ref(a2, sizeof a2, at->in_ind_total - 1, 0, true, true);
    abg_xlsx_formula(x, s, row, 1, f->integer, (double)m->n_areas, 4,
                     "=COUNTA(%s:%s)", a1, a2);
    return row + 2;
}

/* The component table: how each amount is given, and the amount. */
static lxw_row_t write_components(abg_xlsx *x, abg_xlsx_sheet *s,
                                  lxw_row_t row)
{
    const abg_model *m = x->m;
    abg_xlsx_formats *f = &x->f;
    abg_xlsx_layout *at = &x->at;
    size_t nc = m->n_components;
    static const char *const heads[] = {
        "Component",    "Title",    "Method", "Amount from",
        "Share of pot", "Per area", "Amount", "Name of amount"};
    char name[128], method[160], a1[16], a2[16], b1[16], b2[16];
    int64_t sum = 0;

    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        abg_xlsx_text(x, s, row, (lxw_col_t)i, heads[i],
                      i == COMP_NAME || i == COMP_TITLE || i == COMP_METHOD ||
                              i == COMP_FROM || i == COMP_DEFINED
                          ? f->heading_left
                          : f->heading);
    row++;
    at->in_comp_first = row;
    at->in_comp_total = row + (lxw_row_t)nc;
    at->in_share_col = COMP_SHARE;
    at->in_per_area_col = COMP_PER_AREA;
    at->in_amount_col = COMP_AMOUNT;
    for (size_t c = 0; c < nc; c++, row++) {
        const abg_component *comp = &m->components[c];
        double amount = abg_xlsx_pounds(comp->amount);
        size_t chars = abg_xlsx_money_chars(x, comp->amount, false);
        const char *from = "given";

        abg_xlsx_text(x, s, row, COMP_NAME, comp->name, f->text);
        abg_xlsx_text(x, s, row, COMP_TITLE, comp->title, f->text);
        method_text(m, c, method, sizeof method);
        abg_xlsx_text(x, s, row, COMP_METHOD, method, f->text);
        switch (comp->size) {
        case ABG_SIZE_AMOUNT:
            abg_xlsx_number(x, s, row, COMP_AMOUNT, amount, f->in_money,
                            chars);
            break;
        case ABG_SIZE_SHARE:
            from = "share of the pot, to the penny";
            snprintf(name, sizeof name, "Share_%s", x->names[c]);
            /* The share is a percentage: the cell holds it as a fraction. */
            abg_xlsx_number(
                x, s, row, COMP_SHARE,
                decimal_value(comp->share.units, comp->share.scale + 2),
                f->in_percent, decimal_chars(comp->share) + 1);
            abg_xlsx_define(x, name, s, row, COMP_SHARE);
            abg_xlsx_formula(x, s, row, COMP_AMOUNT, f->money, amount, chars,
                             "=ROUND(Pot*%s,2)", name);
            break;
        case ABG_SIZE_PER_AREA:
            from = "per area, times the number of areas";
            snprintf(name, sizeof name, "PerArea_%s", x->names[c]);
            abg_xlsx_number(x, s, row, COMP_PER_AREA,
                            abg_xlsx_pounds(comp->per_area), f->in_money,
                            abg_xlsx_money_chars(x, comp->per_area, false));
            abg_xlsx_define(x, name, s, row, COMP_PER_AREA);
            abg_xlsx_formula(x, s, row, COMP_AMOUNT, f->money, amount, chars,
                             "=%s*AreaCount", name);
            break;
        case ABG_SIZE_REST:
            from = "the rest of the pot";
            /* Pot less the other rows: two ranges around this one. */
            abg_xlsx_ref(a1, sizeof a1, at->in_comp_first, COMP_AMOUNT, true,
                         true);
            abg_xlsx_ref(a2, sizeof a2, row - 1, COMP_AMOUNT, true, true);
            abg_xlsx_ref(b1, sizeof b1, row + 1, COMP_AMOUNT, true, true);
            abg_xlsx_ref(b2, sizeof b2, at->in_comp_total - 1, COMP_AMOUNT,
                         true, true);
            if (nc == 1)
                abg_xlsx_formula(x, s, row, COMP_AMOUNT, f->money, amount,
                                 chars, "=Pot");
            else if (c == 0)
                abg_xlsx_formula(x, s, row, COMP_AMOUNT, f->money, amount,
                                 chars, "=Pot-SUM(%s:%s)", b1, b2);
            else if (c + 1 == nc)
                abg_xlsx_formula(x, s, row, COMP_AMOUNT, f->money, amount,
                                 chars, "=Pot-SUM(%s:%s)", a1, a2);
            else
                abg_xlsx_formula(x, s, row, COMP_AMOUNT, f->money, amount,
                                 chars, "=Pot-SUM(%s:%s,%s:%s)", a1, a2, b1,
                                 b2);
            break;
        }
        abg_xlsx_text(x, s, row, COMP_FROM, from, f->text);
        snprintf(name, sizeof name, "Amount_%s", x->names[c]);
        abg_xlsx_define(x, name, s, row, COMP_AMOUNT);
        abg_xlsx_text(x, s, row, COMP_DEFINED, name, f->name);
        sum += comp->amount;
    }
    abg_xlsx_text(x, s, row, COMP_NAME, "Total", f->total_text);
    for (lxw_col_t c = COMP_TITLE; c < COMP_AMOUNT; c++)
        abg_xlsx_label(x, s, row, c, "", f->total_text);
    abg_xlsx_ref(a1, sizeof a1, at->in_comp_first, COMP_AMOUNT, false, false);
    abg_xlsx_ref(a2, sizeof a2, row - 1, COMP_AMOUNT, false, false);
    abg_xlsx_formula(x, s, row, COMP_AMOUNT, f->total_money,
                     abg_xlsx_pounds(sum), abg_xlsx_money_chars(x, sum, false),
                     "=SUM(%s:%s)", a1, a2);
    return row + 2;
}

/* The budget the pot belongs to: its total and the other streams. */
static lxw_row_t write_budget(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row)
{
    const abg_model *m = x->m;
    abg_xlsx_formats *f = &x->f;

    abg_xlsx_text(x, s, row, 0, m->budget_title ? m->budget_title : "Budget",
                  f->heading_left);
    abg_xlsx_text(x, s, row, 1, "Amount", f->heading);
    abg_xlsx_text(x, s, row, 2, "Name", f->heading_left);
    row++;
    x->at.in_budget_total = row;
    abg_xlsx_text(x, s, row, 0, "Budget total", f->text);
    abg_xlsx_number(x, s, row, 1, abg_xlsx_pounds(m->budget_total),
                    f->in_unit_money,
                    abg_xlsx_money_chars(x, m->budget_total, x->whole));
    abg_xlsx_text(x, s, row, 2, "BudgetTotal", f->name);
    abg_xlsx_define(x, "BudgetTotal", s, row, 1);
    row++;
    abg_xlsx_text(x, s, row, 0, m->pot_title ? m->pot_title : "Pot", f->text);
    abg_xlsx_formula(x, s, row, 1, f->unit_money, abg_xlsx_pounds(m->pot),
                     abg_xlsx_money_chars(x, m->pot, x->whole), "=Pot");
    row++;
    x->at.in_stream_first = row;
    for (size_t i = 0; i < m->n_streams; i++, row++) {
        abg_xlsx_text(x, s, row, 0, m->streams[i].title, f->text);
        abg_xlsx_number(
            x, s, row, 1, abg_xlsx_pounds(m->streams[i].amount),
            f->in_unit_money,
            abg_xlsx_money_chars(x, m->streams[i].amount, x->whole));
    }
    return row + 1;
}

/* Area a's value of indicator i, exactly: the derived fraction, or the
 * decimal the area carries. */
static void indicator_q(mpq_t out, const abg_model *m, size_t a, size_t i)
{
    abg_decimal d = m->areas[a].values[i];
    mpz_t ten;

    if (abg_model_is_derived(m, i) && m->derived[i].fraction &&
        mpq_set_str(out, m->derived[i].fraction[a], 10) == 0) {
        mpq_canonicalize(out);
        return;
    }
    mpz_init(ten);
    mpq_set_si(out, (long)d.units, 1);
    if (d.scale > 0) {
        mpz_ui_pow_ui(ten, 10, (unsigned long)d.scale);
        mpz_set(mpq_denref(out), ten);
        mpq_canonicalize(out);
    }
    mpz_clear(ten);
}

/* Levels of the running sum by halves: 2^64 values. */
#define SUM_LEVELS 64

/* Every area's value of every indicator as the double a cell holds
 * ([area * ni + i]) and each indicator's total over the areas (the
 * exact sum, truncated to a double, for every indicator: those only a
 * formula uses too). The sum goes by halves, as a binary counter: adding
 * a rate's fractions one at a time to one sum makes each addition cost
 * the sum's whole (ever longer) denominator. */
static void indicator_values(const abg_model *m, double *values,
                             double *totals)
{
    size_t ni = m->n_indicators;
    mpq_t v, level[SUM_LEVELS];
    bool full[SUM_LEVELS];

    mpq_init(v);
    for (int k = 0; k < SUM_LEVELS; k++)
        mpq_init(level[k]);
    for (size_t i = 0; i < ni; i++) {
        memset(full, 0, sizeof full);
        for (size_t a = 0; a < m->n_areas; a++) {
            int k = 0;
            indicator_q(v, m, a, i);
            values[a * ni + i] = abg_model_is_derived(m, i)
                ? mpq_get_d(v)
                : decimal_value(m->areas[a].values[i].units,
                                m->areas[a].values[i].scale);
            /* v is 2^k values' sum: carry it up past the full levels. */
            for (; full[k]; k++) {
                mpq_add(v, v, level[k]);
                full[k] = false;
            }
            mpq_swap(level[k], v);
            full[k] = true;
        }
        mpq_set_ui(v, 0, 1);
        for (int k = 0; k < SUM_LEVELS; k++)
            if (full[k])
                mpq_add(v, v, level[k]);
        totals[i] = mpq_get_d(v);
    }
    mpq_clear(v);
    for (int k = 0; k < SUM_LEVELS; k++)
        mpq_clear(level[k]);
}

/* Writes area a's cell of derived indicator i as a live formula over the
 * same row's cells of the indicators it names (cached: the exact value
 * to the nearest double); false when it cannot be written as one (the
 * caller then writes the number). */
static bool derived_cell(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                         size_t a, lxw_col_t first, size_t i,
                         const abg_formula *fm, double value)
{
    const abg_model *m = x->m;
    size_t nn = abg_formula_names(fm);
    char refs[64][16], text[1024];
    const char *cells[64];

    if (nn > 64)
        return false;
    for (size_t k = 0; k < nn; k++) {
        const char *name = abg_formula_name(fm, k);
        size_t j = 0;
        while (j < m->n_indicators && strcmp(m->indicators[j], name) != 0)
            j++;
        if (j == m->n_indicators)
            return false;
        abg_xlsx_ref(refs[k], sizeof refs[k], row, first + (lxw_col_t)j, false,
                     false);
        cells[k] = refs[k];
    }
    if (!abg_formula_spreadsheet(text, sizeof text, fm, cells))
        return false;
    abg_xlsx_formula(x, s, row, first + (lxw_col_t)i,
                     x->f.number[x->indicator_scale[i]], value,
                     decimal_chars(m->areas[a].values[i]), "%s", text);
    return true;
}

/* One row per area: indicator values, then each value's share. */
static void write_indicators(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row)
{
    const abg_model *m = x->m;
    abg_xlsx_formats *f = &x->f;
    abg_xlsx_layout *at = &x->at;
    size_t ni = m->n_indicators, na = m->n_areas;
    lxw_col_t first = 1, shares = (lxw_col_t)(1 + ni);
    char head[160], v[16], t[16], a1[16], a2[16];
    double *totals = calloc(ni ? ni : 1, sizeof *totals);
    double *values = calloc(ni * na + 1, sizeof *values);
    abg_formula **formulas = calloc(ni ? ni : 1, sizeof *formulas);

    if (!totals || !values || !formulas) {
        abg_xlsx_no_memory(x);
        goto cleanup;
    }
    indicator_values(m, values, totals);
    /* A formula the model was built from parses again; one that does not
     * leaves its column as numbers. */
    for (size_t i = 0; i < ni; i++)
        if (abg_model_is_derived(m, i) && m->derived[i].formula &&
            abg_formula_parse(&formulas[i], m->derived[i].formula, m->file,
                              m->derived[i].line, NULL) != ABG_OK)
            formulas[i] = NULL;
    abg_xlsx_label(x, s, row, 0, "Indicators by area", f->section);
    row++;
    abg_xlsx_text(x, s, row, 0, "Area", f->heading_left);
    for (size_t i = 0; i < ni; i++) {
        abg_xlsx_heading(x, s, row, first + (lxw_col_t)i, m->indicators[i],
                         f->heading, 1);
        snprintf(head, sizeof head, "Share of %s", m->indicators[i]);
        abg_xlsx_heading(x, s, row, shares + (lxw_col_t)i, head, f->heading,
                         2);
    }
    row++;
    at->in_area_first = row;
    at->in_ind_total = row + (lxw_row_t)na;
    at->in_ind_first = first;
    if (x->dry)
        goto cleanup;
    for (size_t a = 0; a < na; a++, row++) {
        const abg_area *area = &m->areas[a];
        abg_xlsx_text(x, s, row, 0, area->name, f->text);
        for (size_t i = 0; i < ni; i++) {
            abg_decimal d = area->values[i];
            double total = totals[i], value = values[a * ni + i];
            lxw_col_t col = first + (lxw_col_t)i;
            if (!formulas[i] ||
                !derived_cell(x, s, row, a, first, i, formulas[i], value))
                abg_xlsx_number(x, s, row, col, value,
                                f->in_number[x->indicator_scale[i]],
                                decimal_chars(d));
            abg_xlsx_ref(v, sizeof v, row, col, false, false);
            abg_xlsx_ref(t, sizeof t, at->in_ind_total, col, true, false);
            abg_xlsx_formula(x, s, row, shares + (lxw_col_t)i, f->percent,
                             total != 0 ? value / total : 0, 8, "=%s/%s", v,
                             t);
        }
    }
    abg_xlsx_text(x, s, row, 0, "Total", f->total_text);
    for (size_t i = 0; i < ni; i++) {
        lxw_col_t col = first + (lxw_col_t)i;
        double total = totals[i];
        char buf[64];
        abg_xlsx_ref(a1, sizeof a1, at->in_area_first, col, false, false);
        abg_xlsx_ref(a2, sizeof a2, row - 1, col, false, false);
        snprintf(buf, sizeof buf, "%.0f", total);
        abg_xlsx_formula(x, s, row, col,
                         f->total_number[x->indicator_scale[i]], total,
                         abg_xlsx_chars(buf) + abg_xlsx_chars(buf) / 3 + 1,
                         "=SUM(%s:%s)", a1, a2);
        abg_xlsx_ref(a1, sizeof a1, at->in_area_first, shares + (lxw_col_t)i,
                     false, false);
        abg_xlsx_ref(a2, sizeof a2, row - 1, shares + (lxw_col_t)i, false,
                     false);
        abg_xlsx_formula(x, s, row, shares + (lxw_col_t)i, f->total_percent,
                         1.0, 8, "=SUM(%s:%s)", a1, a2);
    }
    row++;
    abg_xlsx_text(x, s, row, 0, "Source", f->text);
    for (size_t i = 0; i < ni; i++) {
        const char *note = indicator_note(m, i);
        if (note)
            abg_xlsx_wrapped(x, s, row, first + (lxw_col_t)i,
                             first + (lxw_col_t)i, note, f->text_wrap, 0.9);
    }
cleanup:
    for (size_t i = 0; formulas && i < ni; i++)
        abg_formula_free(formulas[i]);
    free(formulas);
    free(values);
    free(totals);
}

/* What produced the figures: the INI file, the scenario and one row per
 * --set change, in the order applied. */
static lxw_row_t write_provenance(abg_xlsx *x, abg_xlsx_sheet *s,
                                  lxw_row_t row)
{
    const abg_model *m = x->m;
    abg_xlsx_formats *f = &x->f;
    char text[512];

    abg_xlsx_text(x, s, row, 0, "Produced from", f->heading_left);
    abg_xlsx_text(x, s, row++, 1, "", f->heading);
    abg_xlsx_text(x, s, row, 0, "File", f->text);
    abg_xlsx_label(x, s, row++, 1, m->file ? m->file : "", f->text);
    abg_xlsx_text(x, s, row, 0, "Scenario", f->text);
    if (m->scenario)
        snprintf(text, sizeof text, "%s (%s)", m->scenario,
                 m->scenario_title ? m->scenario_title : m->scenario);
    else
        snprintf(text, sizeof text, "none (the base)");
    abg_xlsx_label(x, s, row++, 1, text, f->text);
    for (size_t i = 0; i < m->n_sets; i++) {
        abg_xlsx_text(x, s, row, 0, "--set", f->text);
        abg_xlsx_label(x, s, row++, 1, m->sets[i], f->text);
    }
    return row + 1;
}

/* The sheet from the top; in a dry run only its layout. */
static void write_sheet(abg_xlsx *x, abg_xlsx_sheet *s)
{
    abg_xlsx_formats *f = &x->f;
    char title[512];
    lxw_row_t row = 0;

    snprintf(title, sizeof title, "Inputs: %s", x->m->title);
    abg_xlsx_label(x, s, row++, 0, title, f->title);
    abg_xlsx_label(x, s, row, 0, "Input", f->legend_input);
    abg_xlsx_label(x, s, row++, 1,
                   "Yellow cells are inputs: change one and every sheet "
                   "recalculates.",
                   f->subtitle);
    abg_xlsx_label(x, s, row, 0, "Formula", f->legend_formula);
    abg_xlsx_label(x, s, row++, 1,
                   "Other cells are formulas. To add or remove an area, "
                   "change the INI file and run abgcalc again.",
                   f->subtitle);
    row++;
    row = write_provenance(x, s, row);
    row = write_allocation_inputs(x, s, row);
    row = write_components(x, s, row);
    if (x->m->has_budget)
        row = write_budget(x, s, row);
    write_indicators(x, s, row);
}

void abg_xlsx_write_inputs(abg_xlsx *x)
{
    abg_xlsx_sheet *s = &x->sheets[ABG_XLSX_SHEET_INPUTS];

    /* AreaCount, near the top, refers to the area rows far below: a dry
     * run places them, so that every row can be written in order. */
    x->dry = true;
    write_sheet(x, s);
    x->dry = false;
    write_sheet(x, s);
    abg_xlsx_page_setup(x, s);
    abg_xlsx_check(x, worksheet_repeat_rows(s->ws, 0, 0),
                   "Inputs: print titles");
}
