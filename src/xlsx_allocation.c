/*
 * xlsx_allocation.c - the Allocation sheet: the table laid out as the
 * published board paper prints it (Appendix 3 of the 2010/11 agreement),
 * every figure a formula over the Inputs and Rounding sheets.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "xlsx_internal.h"

/* Rows above the table. */
enum { ROW_TITLE = 0, ROW_SOURCE, ROW_HEADING = 3, ROW_AMOUNTS };

/* The last column of the table. */
static lxw_col_t last_col(const abg_xlsx *x)
{
    return x->at.al_damping_col
        ? x->at.al_damping_col
        : x->at.al_comp_first + (lxw_col_t)x->m->n_components - 1;
}

/* The two heading rows: titles, then the pot and each amount. */
static void write_headings(abg_xlsx *x, abg_xlsx_sheet *s)
{
    const abg_model *m = x->m;
    abg_xlsx_formats *f = &x->f;
    char unit[64], head[512];

    abg_xlsx_money(x, unit, sizeof unit, m->round_to, x->whole);
    abg_xlsx_text(x, s, ROW_HEADING, 0, "Area", f->heading_left);
    snprintf(head, sizeof head, "%s (rounded to nearest %s)",
             x->at.al_prev_col ? "This year" : "Total", unit);
    abg_xlsx_heading(x, s, ROW_HEADING, x->at.al_total_col, head, f->heading,
                     2);
    if (x->at.al_prev_col) {
        abg_xlsx_heading(x, s, ROW_HEADING, x->at.al_prev_col, "Last year",
                         f->heading, 2);
        abg_xlsx_heading(x, s, ROW_HEADING, x->at.al_prev_col + 2, "Change",
                         f->heading, 2);
        abg_xlsx_heading(x, s, ROW_HEADING, x->at.al_prev_col + 3, "Change %",
                         f->heading, 2);
    }
    for (size_t c = 0; c < m->n_components; c++) {
        snprintf(head, sizeof head, "%s%s", m->components[c].title,
                 abg_model_note_mark(m, c));
        abg_xlsx_heading(x, s, ROW_HEADING, x->at.al_comp_first + (lxw_col_t)c,
                         head, f->heading, 3);
    }
    if (x->at.al_damping_col)
        abg_xlsx_heading(x, s, ROW_HEADING, x->at.al_damping_col, "Damping",
                         f->heading, 2);
    abg_xlsx_text(x, s, ROW_AMOUNTS, 0, "Amount", f->bold);
    abg_xlsx_formula(x, s, ROW_AMOUNTS, x->at.al_total_col, f->unit_money_bold,
                     abg_xlsx_pounds(m->pot),
                     abg_xlsx_money_chars(x, m->pot, x->whole), "=Pot");
    for (size_t c = 0; c < m->n_components; c++)
        abg_xlsx_formula(
            x, s, ROW_AMOUNTS, x->at.al_comp_first + (lxw_col_t)c,
            f->money_bold, abg_xlsx_pounds(m->components[c].amount),
            abg_xlsx_money_chars(x, m->components[c].amount, false),
            "=Amount_%s", x->names[c]);
}

/* Change and Change % on last year in row `row`: this year less last
 * year, and that over last year ("n/a" when last year is zero), as the
 * text table gives them. */
static void write_change(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                         int64_t prev, int64_t now, bool total)
{
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    lxw_col_t pc = at->al_prev_col, change = pc + 2, pct = pc + 3;
    char last[16], this[16], ch[16];

    abg_xlsx_ref(last, sizeof last, row, pc, false, false);
    abg_xlsx_ref(this, sizeof this, row, at->al_total_col, false, false);
    abg_xlsx_ref(ch, sizeof ch, row, change, false, false);
    abg_xlsx_formula(
        x, s, row, change, total ? f->total_unit_money : f->unit_money,
        abg_xlsx_pounds(now - prev),
        abg_xlsx_money_chars(x, now - prev, x->whole), "=%s-%s", this, last);
    if (prev == 0) {
        lxw_format *fmt = total ? f->total_change_pct : f->change_pct;
        /* The formula, with "n/a" as its cached result. */
        char formula[96];
        snprintf(formula, sizeof formula, "=IF(%s=0,\"n/a\",%s/%s)", last, ch,
                 last);
        abg_xlsx_check(
            x,
            worksheet_write_formula_str(s->ws, row, pct, formula, fmt, "n/a"),
            "Allocation: change %%");
        return;
    }
    abg_xlsx_formula(x, s, row, pct,
                     total ? f->total_change_pct : f->change_pct,
                     (double)(now - prev) / (double)prev, 7,
                     "=IF(%s=0,\"n/a\",%s/%s)", last, ch, last);
}

/* One area's row: rounded total first, then each component. */
static void write_area(abg_xlsx *x, abg_xlsx_sheet *s, size_t a)
{
    const abg_model *m = x->m;
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    lxw_row_t row = at->al_area_first + (lxw_row_t)a;
    lxw_row_t rrow = at->rd_area_first + (lxw_row_t)a;
    char ref[16], ind[16], tot[16];
    size_t nc = m->n_components;
    bool preserve = m->component_rounding == ABG_COMPONENT_ROUNDING_PRESERVE;

    abg_xlsx_text(x, s, row, 0, m->areas[a].name, f->text);
    abg_xlsx_formula(
        x, s, row, at->al_total_col, f->unit_money_bold,
        abg_xlsx_pounds(x->r->areas[a].total),
        abg_xlsx_money_chars(x, x->r->areas[a].total, x->whole),
        "=" ABG_XLSX_ROUNDING "!%s",
        abg_xlsx_ref(ref, sizeof ref, rrow, at->rd_final, false, false));
    if (at->al_prev_col && at->wf_live) {
        /* Damped: last year is the Waterfall sheet's input, which the
         * limits follow. */
        int64_t prev = m->areas[a].previous;
        abg_xlsx_formula(
            x, s, row, at->al_prev_col, f->unit_money, abg_xlsx_pounds(prev),
            abg_xlsx_money_chars(x, prev, false), "=" ABG_XLSX_WATERFALL "!%s",
            abg_xlsx_ref(ref, sizeof ref, at->wf_area_first + (lxw_row_t)a,
                         at->wf_prev, false, false));
        write_change(x, s, row, prev, x->r->areas[a].total, false);
    } else if (at->al_prev_col) {
        /* Last year is an input, as the INI file gives it. */
        int64_t prev = m->areas[a].previous;
        abg_xlsx_number(x, s, row, at->al_prev_col, abg_xlsx_pounds(prev),
                        prev % 100 ? f->in_money : f->in_unit_money,
                        abg_xlsx_money_chars(x, prev, false));
        write_change(x, s, row, prev, x->r->areas[a].total, false);
    }
    for (size_t c = 0; c < nc; c++) {
        const abg_component *comp = &m->components[c];
        lxw_col_t col = at->al_comp_first + (lxw_col_t)c;
        int64_t cell = x->r->cells[a * nc + c];
        size_t chars = abg_xlsx_money_chars(x, cell, false);
        if (preserve) {
            lxw_col_t final =
                at->rd_group_first + (lxw_col_t)(c * ABG_XLSX_GROUP_COLS) + 4;
            abg_xlsx_formula(
                x, s, row, col, f->money, abg_xlsx_pounds(cell), chars,
                "=" ABG_XLSX_ROUNDING "!%s",
                abg_xlsx_ref(ref, sizeof ref, rrow, final, false, false));
        } else if (comp->method == ABG_METHOD_EVEN) {
            abg_xlsx_formula(x, s, row, col, f->money, abg_xlsx_pounds(cell),
                             chars, "=ROUND(Amount_%s/AreaCount,2)",
                             x->names[c]);
        } else {
            lxw_col_t icol = at->in_ind_first + (lxw_col_t)comp->indicator;
            abg_xlsx_ref(ind, sizeof ind, at->in_area_first + (lxw_row_t)a,
                         icol, false, false);
            abg_xlsx_ref(tot, sizeof tot, at->in_ind_total, icol, true, false);
            abg_xlsx_formula(x, s, row, col, f->money, abg_xlsx_pounds(cell),
                             chars,
                             "=ROUND(Amount_%s*" ABG_XLSX_INPUTS
                             "!%s/" ABG_XLSX_INPUTS "!%s,2)",
                             x->names[c], ind, tot);
        }
    }
    if (at->al_damping_col) {
        /* What damping moved the area by, to the penny, as abgcalc shows
         * it: its last damped exact figure less the formula's. */
        char d[16], fx[16];
        int64_t moved = x->r->adjustments[a];
        lxw_row_t wrow = at->wf_area_first + (lxw_row_t)a;
        abg_xlsx_ref(d, sizeof d, wrow, at->wf_last, false, false);
        abg_xlsx_ref(fx, sizeof fx, wrow, at->wf_formula, false, false);
        abg_xlsx_formula(
            x, s, row, at->al_damping_col, f->money, abg_xlsx_pounds(moved),
            abg_xlsx_money_chars(x, moved, false) + 1,
            "=ROUND(" ABG_XLSX_WATERFALL "!%s-" ABG_XLSX_WATERFALL "!%s,2)", d,
            fx);
    }
}

/* The totals row: what the shown figures add up to. */
static void write_totals(abg_xlsx *x, abg_xlsx_sheet *s)
{
    const abg_model *m = x->m;
    const abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    char a1[16], a2[16];
    int64_t sum = 0;

    for (size_t a = 0; a < m->n_areas; a++)
        sum += x->r->areas[a].total;
    abg_xlsx_text(x, s, at->al_total, 0, "Total", f->total_text);
    abg_xlsx_ref(a1, sizeof a1, at->al_area_first, at->al_total_col, false,
                 false);
    abg_xlsx_ref(a2, sizeof a2, at->al_total - 1, at->al_total_col, false,
                 false);
    abg_xlsx_formula(x, s, at->al_total, at->al_total_col, f->total_unit_money,
                     abg_xlsx_pounds(sum),
                     abg_xlsx_money_chars(x, sum, x->whole), "=SUM(%s:%s)", a1,
                     a2);
    if (at->al_prev_col) {
        int64_t prev = 0;
        for (size_t a = 0; a < m->n_areas; a++)
            prev += m->areas[a].previous;
        abg_xlsx_ref(a1, sizeof a1, at->al_area_first, at->al_prev_col, false,
                     false);
        abg_xlsx_ref(a2, sizeof a2, at->al_total - 1, at->al_prev_col, false,
                     false);
        abg_xlsx_formula(x, s, at->al_total, at->al_prev_col,
                         f->total_unit_money, abg_xlsx_pounds(prev),
                         abg_xlsx_money_chars(x, prev, false), "=SUM(%s:%s)",
                         a1, a2);
        write_change(x, s, at->al_total, prev, sum, true);
    }
    for (size_t c = 0; c < m->n_components; c++) {
        lxw_col_t col = at->al_comp_first + (lxw_col_t)c;
        abg_xlsx_ref(a1, sizeof a1, at->al_area_first, col, false, false);
        abg_xlsx_ref(a2, sizeof a2, at->al_total - 1, col, false, false);
        abg_xlsx_formula(x, s, at->al_total, col, f->total_money,
                         abg_xlsx_pounds(x->r->column_sums[c]),
                         abg_xlsx_money_chars(x, x->r->column_sums[c], false),
                         "=SUM(%s:%s)", a1, a2);
    }
    if (at->al_damping_col) {
        int64_t moved = 0;
        for (size_t a = 0; a < m->n_areas; a++)
            moved += x->r->adjustments[a];
        abg_xlsx_ref(a1, sizeof a1, at->al_area_first, at->al_damping_col,
                     false, false);
        abg_xlsx_ref(a2, sizeof a2, at->al_total - 1, at->al_damping_col,
                     false, false);
        abg_xlsx_formula(x, s, at->al_total, at->al_damping_col,
                         f->total_money, abg_xlsx_pounds(moved),
                         abg_xlsx_money_chars(x, moved, false) + 1,
                         "=SUM(%s:%s)", a1, a2);
    }
}

/* Footnotes (the component notes) and how the figures are rounded. */
static lxw_row_t write_notes(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row)
{
    const abg_model *m = x->m;
    abg_xlsx_formats *f = &x->f;
    lxw_col_t last = last_col(x);
    char text[1024], unit[64], half[64];

    for (size_t c = 0; c < m->n_components; c++) {
        if (!m->components[c].note)
            continue;
        snprintf(text, sizeof text, "%s %s", abg_model_note_mark(m, c),
                 m->components[c].note);
        abg_xlsx_wrapped(x, s, row++, 0, last, text, f->text_wrap, 0.9);
    }
    row++;
    abg_xlsx_money(x, unit, sizeof unit, m->round_to, x->whole);
    snprintf(text, sizeof text,
             "Area totals are rounded to the nearest %s by the "
             "largest-remainder (Hamilton) method: each exact total is "
             "rounded down, and the units still missing from the pot go to "
             "the largest remainders, so the totals add up to the pot. The "
             "Rounding sheet shows the working.",
             unit);
    abg_xlsx_wrapped(x, s, row++, 0, last, text, f->note, 0.9);
    if (m->component_rounding == ABG_COMPONENT_ROUNDING_PRESERVE) {
        abg_xlsx_wrapped(x, s, row++, 0, last,
                         "Component figures are rounded to the penny by "
                         "the same method, so each column adds up to its "
                         "amount exactly.",
                         f->note, 0.9);
    } else {
        /* Half a penny, in the currency's words. */
        if (x->symbol[0])
            snprintf(half, sizeof half, "%s0.005", x->symbol);
        else
            snprintf(half, sizeof half, "0.005 %s", m->currency);
        snprintf(text, sizeof text,
                 "Each component figure is its exact share rounded to the "
                 "penny on its own, so a column can add up to a little more "
                 "or less than its amount (by at most %s per area); the "
                 "Checks sheet shows by how much.",
                 half);
        abg_xlsx_wrapped(x, s, row++, 0, last, text, f->note, 0.9);
    }
    return row + 1;
}

/* The budget the pot belongs to, as the paper's footer prints it. */
static lxw_row_t write_budget(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row)
{
    const abg_model *m = x->m;
    abg_xlsx_formats *f = &x->f;
    lxw_col_t col = x->at.al_total_col;
    char ref[16], a1[16], a2[16];
    int64_t sum = m->pot;

    abg_xlsx_label(x, s, row++, 0,
                   m->budget_title ? m->budget_title : "Budget", f->bold);
    abg_xlsx_text(x, s, row, 0, m->pot_title ? m->pot_title : "Pot", f->text);
    abg_xlsx_formula(x, s, row++, col, f->unit_money, abg_xlsx_pounds(m->pot),
                     abg_xlsx_money_chars(x, m->pot, x->whole), "=Pot");
    for (size_t i = 0; i < m->n_streams; i++, row++) {
        abg_xlsx_text(x, s, row, 0, m->streams[i].title, f->text);
        abg_xlsx_formula(
            x, s, row, col, f->unit_money,
            abg_xlsx_pounds(m->streams[i].amount),
            abg_xlsx_money_chars(x, m->streams[i].amount, x->whole),
            "=" ABG_XLSX_INPUTS "!%s",
            abg_xlsx_ref(ref, sizeof ref, x->at.in_stream_first + (lxw_row_t)i,
                         1, false, false));
        sum += m->streams[i].amount;
    }
    /* As the text report does: an Unallocated line only when the streams
     * leave something over in abgcalc's figures (the Checks sheet watches
     * the live ones). */
    if (sum != m->budget_total) {
        abg_xlsx_ref(a1, sizeof a1, x->at.in_stream_first, 1, false, false);
        abg_xlsx_ref(a2, sizeof a2,
                     x->at.in_stream_first + (lxw_row_t)m->n_streams - 1, 1,
                     false, false);
        abg_xlsx_text(x, s, row, 0, "Unallocated", f->text);
        if (m->n_streams)
            abg_xlsx_formula(
                x, s, row++, col, f->unit_money,
                abg_xlsx_pounds(m->budget_total - sum),
                abg_xlsx_money_chars(x, m->budget_total - sum, x->whole),
                "=BudgetTotal-Pot-SUM(" ABG_XLSX_INPUTS "!%s:%s)", a1, a2);
        else
            abg_xlsx_formula(
                x, s, row++, col, f->unit_money,
                abg_xlsx_pounds(m->budget_total - sum),
                abg_xlsx_money_chars(x, m->budget_total - sum, x->whole),
                "=BudgetTotal-Pot");
    }
    abg_xlsx_text(x, s, row, 0, "Total", f->total_text);
    abg_xlsx_formula(x, s, row++, col, f->total_unit_money,
                     abg_xlsx_pounds(m->budget_total),
                     abg_xlsx_money_chars(x, m->budget_total, x->whole),
                     "=BudgetTotal");
    return row;
}

void abg_xlsx_write_allocation(abg_xlsx *x)
{
    abg_xlsx_sheet *s = &x->sheets[ABG_XLSX_SHEET_ALLOCATION];
    const abg_model *m = x->m;
    abg_xlsx_layout *at = &x->at;
    abg_xlsx_formats *f = &x->f;
    char text[512];
    lxw_row_t row;

    /* Area | [Last year] | total | [Change | Change %] | components. */
    at->al_prev_col = abg_model_all_previous(m) ? 1 : 0;
    at->al_total_col = at->al_prev_col ? 2 : 1;
    at->al_comp_first = at->al_prev_col ? 5 : 2;
    at->al_area_first = ROW_AMOUNTS + 1;
    at->al_total = at->al_area_first + (lxw_row_t)m->n_areas;
    at->al_damping_col =
        at->wf_live ? at->al_comp_first + (lxw_col_t)m->n_components : 0;

    abg_xlsx_label(x, s, ROW_TITLE, 0, m->title, f->title);
    abg_xlsx_check(x, worksheet_set_row(s->ws, ROW_TITLE, 21, NULL),
                   "Allocation: title row");
    if (m->source) {
        snprintf(text, sizeof text, "Source: %s", m->source);
        abg_xlsx_label(x, s, ROW_SOURCE, 0, text, f->subtitle);
    }
    abg_xlsx_from_row(x, s, ROW_SOURCE + 1, m);
    write_headings(x, s);
    for (size_t a = 0; a < m->n_areas; a++)
        write_area(x, s, a);
    write_totals(x, s);
    row = write_notes(x, s, at->al_total + 2);
    if (m->has_budget)
        row = write_budget(x, s, row);

    worksheet_freeze_panes(s->ws, at->al_area_first, 1);
    worksheet_gridlines(s->ws, LXW_HIDE_ALL_GRIDLINES);
    abg_xlsx_page_setup(x, s);
    abg_xlsx_check(x, worksheet_repeat_rows(s->ws, ROW_HEADING, ROW_AMOUNTS),
                   "Allocation: print titles");
    abg_xlsx_check(
        x,
        worksheet_print_area(s->ws, 0, 0, row > 0 ? row - 1 : 0, last_col(x)),
        "Allocation: print area");
    worksheet_activate(s->ws);
}
