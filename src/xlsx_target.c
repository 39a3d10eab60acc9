/*
 * xlsx_target.c - a target table's workbook: the table with each rule as a
 * live formula, and a Checks sheet that compares every printed cell and
 * sum and highlights those that fail; or a budget statement's lines.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "target_internal.h"
#include "xlsx_internal.h"

#define BAD_FILL 0xFFC7CE
#define BAD_FONT 0x9C0006
#define INPUT_FILL 0xFFF2CC
#define HEADING_FILL 0xDDEBF7

/* The first row of the table's figures on the Targets sheet. */
#define FIRST_ROW 5

/* The workbook being written and its shared formats. */
typedef struct book {
    const abg_target *t;
    lxw_workbook *wb;
    lxw_format *bold, *heading, *input, *bad, *number[10];
    lxw_col_t *printed_col; /* per year: column of the printed figure */
    lxw_col_t *rule_col;    /* per step year: column of the rule */
} book;

/* Converts an exact decimal to a double once, at the cell. */
static double as_double(abg_target_number n)
{
    return (double)n.units / (double)abg_target_pow10(n.scale);
}

/* "B6": a cell reference. */
static const char *ref(char *buf, size_t size, lxw_row_t r, lxw_col_t c)
{
    char col[8];
    size_t n = 0;
    unsigned v = c + 1;
    char rev[8];

    while (v) {
        rev[n++] = (char)('A' + (v - 1) % 26);
        v = (v - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        col[i] = rev[n - 1 - i];
    col[n] = '\0';
    snprintf(buf, size, "%s%u", col, (unsigned)r + 1);
    return buf;
}

/* The row of area a's figure f on the Targets sheet. */
static lxw_row_t row_of(const abg_target *t, size_t a, size_t f)
{
    return (lxw_row_t)(FIRST_ROW + a * t->n_figures + f);
}

/* Writes the rule of step year y for area a, figure f, as a formula:
 * =ROUNDDOWN(ROUND(C6*(1-6%),4),0). The inner ROUND, at the places the
 * exact product has, removes a double's error before the rule rounds
 * (519*0.94 is 487.85999... in binary). */
static void rule_formula(book *k, lxw_worksheet *ws, size_t a, size_t f,
                         size_t y)
{
    const abg_target *t = k->t;
    const abg_target_year *yr = &t->years[y];
    const abg_target_figure *fig = &t->figures[f];
    const abg_target_cell *c = &t->areas[a].cells[f * t->n_years + y];
    const abg_target_number *base = abg_target_base(t, a, f, y);
    static const char *const fn[] = {"ROUNDDOWN", "ROUND", "ROUNDUP"};
    abg_target_number change = yr->change;
    lxw_col_t base_col = t->years[yr->base].is_step ? k->rule_col[yr->base]
                                                    : k->printed_col[yr->base];
    char cell[16], pct[48], formula[200];
    int guard;

    if (!c->has_rule || !base)
        return;
    guard = base->scale + change.scale + 2;
    guard = guard > fig->places ? guard : fig->places;
    change.units = change.units < 0 ? -change.units : change.units;
    snprintf(
        formula, sizeof formula, "=%s(ROUND(%s*(1%c%s%%),%d),%d)",
        fn[fig->rounding], ref(cell, sizeof cell, row_of(t, a, f), base_col),
        yr->change.units < 0 ? '-' : '+',
        abg_target_number_format(pct, sizeof pct, change), guard, fig->places);
    worksheet_write_formula_num(ws, row_of(t, a, f), k->rule_col[y], formula,
                                k->number[fig->places], as_double(c->rule));
}

/* The Targets sheet: a row per area and figure; given years and printed
 * figures as inputs, each rule as a formula beside its printed figure. */
static void write_table(book *k, lxw_worksheet *ws)
{
    const abg_target *t = k->t;
    lxw_col_t col = 2;
    char pct[48], head[160];

    worksheet_write_string(ws, 0, 0, t->title, k->bold);
    if (t->source)
        worksheet_write_string(ws, 1, 0, t->source, NULL);
    worksheet_write_string(ws, 3, 0, "Area", k->heading);
    worksheet_write_string(ws, 3, 1, "Figure", k->heading);
    worksheet_write_string(ws, 4, 0, "", k->heading);
    worksheet_write_string(ws, 4, 1, "", k->heading);
    for (size_t y = 0; y < t->n_years; y++) {
        const abg_target_year *yr = &t->years[y];
        k->printed_col[y] = col;
        worksheet_write_string(ws, 3, col, yr->name, k->heading);
        if (!yr->is_step) {
            worksheet_write_string(ws, 4, col++, "given", k->heading);
            continue;
        }
        worksheet_write_string(ws, 4, col, "printed", k->heading);
        k->rule_col[y] = ++col;
        snprintf(head, sizeof head, "%s%s%% on %s",
                 yr->change.units < 0 ? "" : "+",
                 abg_target_number_format(pct, sizeof pct, yr->change),
                 t->years[yr->base].name);
        worksheet_write_string(ws, 3, col, head, k->heading);
        worksheet_write_string(ws, 4, col++, "by the rule", k->heading);
    }
    for (size_t a = 0; a < t->n_areas; a++)
        for (size_t f = 0; f < t->n_figures; f++) {
            lxw_row_t r = row_of(t, a, f);
            worksheet_write_string(ws, r, 0, t->areas[a].name, NULL);
            worksheet_write_string(ws, r, 1, t->figures[f].name, NULL);
            for (size_t y = 0; y < t->n_years; y++) {
                const abg_target_cell *c =
                    &t->areas[a].cells[f * t->n_years + y];
                if (c->has_published)
                    worksheet_write_number(ws, r, k->printed_col[y],
                                           as_double(c->published), k->input);
                if (t->years[y].is_step)
                    rule_formula(k, ws, a, f, y);
            }
        }
    worksheet_set_column(ws, 0, 0, 24, NULL);
    worksheet_set_column(ws, 1, 1, 10, NULL);
    worksheet_set_column(ws, 2, col, 14, NULL);
    worksheet_freeze_panes(ws, FIRST_ROW, 2);
}

/* The Checks sheet: one row per printed step cell and per sum; a row
 * whose printed figure and rule differ is highlighted, live. */
static void write_checks(book *k, lxw_worksheet *ws)
{
    const abg_target *t = k->t;
    static const char *const heads[] = {"Area",    "Figure",      "Year",
                                        "Printed", "By the rule", "Difference",
                                        "Follows"};
    lxw_conditional_format cf = {0};
    lxw_row_t r = 3, first;
    char p[16], q[16], formula[1200], crit[64];

    worksheet_write_string(ws, 0, 0,
                           "Checks: every printed target against "
                           "its rule, every sum",
                           k->bold);
    for (lxw_col_t c = 0; c < 7; c++)
        worksheet_write_string(ws, 2, c, heads[c], k->heading);
    first = r;
    for (size_t a = 0; a < t->n_areas; a++)
        for (size_t f = 0; f < t->n_figures; f++)
            for (size_t y = 0; y < t->n_years; y++) {
                const abg_target_cell *c =
                    &t->areas[a].cells[f * t->n_years + y];
                lxw_format *num = k->number[t->figures[f].places];
                if (!c->has_published || !c->has_rule)
                    continue;
                worksheet_write_string(ws, r, 0, t->areas[a].name, NULL);
                worksheet_write_string(ws, r, 1, t->figures[f].name, NULL);
                worksheet_write_string(ws, r, 2, t->years[y].name, NULL);
                snprintf(formula, sizeof formula, "=Targets!%s",
                         ref(p, sizeof p, row_of(t, a, f), k->printed_col[y]));
                worksheet_write_formula_num(ws, r, 3, formula, num,
                                            as_double(c->published));
                snprintf(formula, sizeof formula, "=Targets!%s",
                         ref(p, sizeof p, row_of(t, a, f), k->rule_col[y]));
                worksheet_write_formula_num(ws, r, 4, formula, num,
                                            as_double(c->rule));
                snprintf(formula, sizeof formula, "=%s-%s",
                         ref(p, sizeof p, r, 3), ref(q, sizeof q, r, 4));
                worksheet_write_formula_num(ws, r, 5, formula, num,
                                            as_double(c->published) -
                                                as_double(c->rule));
                snprintf(formula, sizeof formula,
                         "=IF(ROUND(%s-%s,9)=0,\"yes\",\"NO\")",
                         ref(p, sizeof p, r, 3), ref(q, sizeof q, r, 4));
                worksheet_write_formula_str(ws, r, 6, formula, NULL,
                                            c->differs ? "NO" : "yes");
                r++;
            }
    for (size_t i = 0; i < t->n_sums; i++)
        for (size_t n = 0; n < t->sums[i].n_years; n++) {
            const abg_target_sum *s = &t->sums[i];
            size_t y = s->years[n], f = s->figure;
            const abg_target_cell *tc =
                &t->areas[s->total].cells[f * t->n_years + y];
            size_t used;
            lxw_format *num = k->number[t->figures[f].places];
            /* A part shows its printed figure, else the rule's. */
            lxw_col_t shown_total =
                tc->has_published ? k->printed_col[y] : k->rule_col[y];
            worksheet_write_string(ws, r, 0, t->areas[s->total].name, NULL);
            snprintf(formula, sizeof formula, "sum of the other areas' %s",
                     t->figures[f].name);
            worksheet_write_string(ws, r, 1, formula, NULL);
            worksheet_write_string(ws, r, 2, t->years[y].name, NULL);
            snprintf(formula, sizeof formula, "=Targets!%s",
                     ref(p, sizeof p, row_of(t, s->total, f), shown_total));
            worksheet_write_formula_num(
                ws, r, 3, formula, num,
                as_double(tc->has_published ? tc->published : tc->rule));
            used = (size_t)snprintf(formula, sizeof formula, "=SUM(");
            for (size_t a = 0, m = 0; a < t->n_areas; a++) {
                const abg_target_cell *c =
                    &t->areas[a].cells[f * t->n_years + y];
                if (a == s->total || (!c->has_published && !c->has_rule))
                    continue;
                if (used + 24 < sizeof formula)
                    used += (size_t)snprintf(
                        formula + used, sizeof formula - used, "%sTargets!%s",
                        m++ ? "," : "",
                        ref(p, sizeof p, row_of(t, a, f),
                            c->has_published ? k->printed_col[y]
                                             : k->rule_col[y]));
            }
            snprintf(formula + used, sizeof formula - used, ")");
            worksheet_write_formula_num(ws, r, 4, formula, num,
                                        as_double(s->parts[n]));
            snprintf(formula, sizeof formula, "=%s-%s", ref(p, sizeof p, r, 3),
                     ref(q, sizeof q, r, 4));
            worksheet_write_formula_num(
                ws, r, 5, formula, num,
                as_double(tc->has_published ? tc->published : tc->rule) -
                    as_double(s->parts[n]));
            snprintf(formula, sizeof formula,
                     "=IF(ROUND(%s-%s,9)=0,\"yes\",\"NO\")",
                     ref(p, sizeof p, r, 3), ref(q, sizeof q, r, 4));
            worksheet_write_formula_str(ws, r, 6, formula, NULL,
                                        s->differs[n] ? "NO" : "yes");
            r++;
        }
    if (r > first) {
        /* Live: a failing row turns red however the inputs change. */
        snprintf(crit, sizeof crit, "=$G%u=\"NO\"", (unsigned)first + 1);
        cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
        cf.value_string = crit;
        cf.format = k->bad;
        worksheet_conditional_format_range(ws, first, 0, r - 1, 6, &cf);
    }
    worksheet_write_string(ws, r + 1, 0, "Rows that fail", k->bold);
    snprintf(formula, sizeof formula, "=COUNTIF(G%u:G%u,\"NO\")",
             (unsigned)first + 1, (unsigned)(r > first ? r : first + 1));
    {
        size_t failing = 0;
        for (size_t a = 0; a < t->n_areas; a++)
            for (size_t c = 0; c < t->n_figures * t->n_years; c++)
                failing += t->areas[a].cells[c].differs;
        for (size_t i = 0; i < t->n_sums; i++)
            for (size_t n = 0; n < t->sums[i].n_years; n++)
                failing += t->sums[i].differs[n];
        worksheet_write_formula_num(ws, r + 1, 6, formula, NULL,
                                    (double)failing);
    }
    worksheet_set_column(ws, 0, 0, 24, NULL);
    worksheet_set_column(ws, 1, 1, 28, NULL);
    worksheet_set_column(ws, 2, 6, 12, NULL);
    worksheet_freeze_panes(ws, 3, 0);
}

/* The Budget sheet of a budget statement: the lines, what they leave not
 * itemised (a live formula) and the total. */
static void write_budget(book *k, lxw_worksheet *ws)
{
    const abg_target *t = k->t;
    lxw_row_t r = 3;
    char formula[96];

    worksheet_write_string(ws, 0, 0, t->title, k->bold);
    if (t->source)
        worksheet_write_string(ws, 1, 0, t->source, NULL);
    worksheet_write_string(ws, 2, 0, "Line", k->heading);
    worksheet_write_string(ws, 2, 1, "Amount", k->heading);
    for (size_t i = 0; i < t->n_lines; i++, r++) {
        worksheet_write_string(ws, r, 0, t->lines[i].title, NULL);
        worksheet_write_number(ws, r, 1, (double)t->lines[i].amount / 100,
                               k->input);
    }
    worksheet_write_string(ws, r, 0, "Not itemised", NULL);
    snprintf(formula, sizeof formula, "=B%u-SUM(B4:B%u)", (unsigned)r + 2,
             (unsigned)r);
    worksheet_write_formula_num(ws, r, 1, formula, k->number[2],
                                (double)t->not_itemised / 100);
    worksheet_write_string(ws, r + 1, 0, "Total", k->bold);
    worksheet_write_number(ws, r + 1, 1, (double)t->budget_total / 100,
                           k->input);
    worksheet_set_column(ws, 0, 0, 36, NULL);
    worksheet_set_column(ws, 1, 1, 16, NULL);
}

/* Creates the shared formats once. */
static void make_formats(book *k)
{
    k->bold = workbook_add_format(k->wb);
    format_set_bold(k->bold);
    k->heading = workbook_add_format(k->wb);
    format_set_bold(k->heading);
    format_set_bg_color(k->heading, HEADING_FILL);
    k->input = workbook_add_format(k->wb);
    format_set_bg_color(k->input, INPUT_FILL);
    k->bad = workbook_add_format(k->wb);
    format_set_bg_color(k->bad, BAD_FILL);
    format_set_font_color(k->bad, BAD_FONT);
    for (int p = 0; p < 10; p++) {
        char fmt[24];
        snprintf(fmt, sizeof fmt, "0%s%.*s", p ? "." : "", p, "000000000");
        k->number[p] = workbook_add_format(k->wb);
        format_set_num_format(k->number[p], fmt);
    }
}

/* Writes the workbook: Targets and Checks sheets, or a Budget sheet. */
abg_error abg_target_xlsx_write(const char *path, const abg_target *t,
                                abg_diag *diag)
{
    book k = {t, NULL, NULL, NULL, NULL, NULL, {NULL}, NULL, NULL};
    lxw_workbook_options options = {0};
    lxw_doc_properties props = {0};
    abg_model none = {0}; /* no date: SOURCE_DATE_EPOCH or 2000-01-01 */
    lxw_error lerr;
    abg_error err = abg_xlsx_creation_time(&props.created, &none, diag);

    if (err)
        return err;
    props.title = t->title;
    k.printed_col = calloc(t->n_years + 1, sizeof *k.printed_col);
    k.rule_col = calloc(t->n_years + 1, sizeof *k.rule_col);
    k.wb =
        k.printed_col && k.rule_col ? workbook_new_opt(path, &options) : NULL;
    if (!k.wb) {
        free(k.printed_col), free(k.rule_col);
        return abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL,
                            "out of memory");
    }
    workbook_set_properties(k.wb, &props);
    make_formats(&k);
    if (t->is_budget) {
        lxw_worksheet *ws = workbook_add_worksheet(k.wb, "Budget");
        if (ws)
            write_budget(&k, ws);
        else
            err = ABG_ERROR_MEMORY;
    } else {
        lxw_worksheet *ws = workbook_add_worksheet(k.wb, "Targets");
        lxw_worksheet *checks = workbook_add_worksheet(k.wb, "Checks");
        if (ws && checks)
            write_table(&k, ws), write_checks(&k, checks);
        else
            err = ABG_ERROR_MEMORY;
    }
    lerr = workbook_close(k.wb);
    free(k.printed_col), free(k.rule_col);
    if (err)
        return abg_diag_set(diag, err, path, 0, NULL, "out of memory");
    if (lerr)
        return abg_diag_set(diag, ABG_ERROR_WRITE, path, 0,
                            "check the folder exists and the disk has room",
                            "cannot write the workbook: %s",
                            lxw_strerror(lerr));
    return ABG_OK;
}
