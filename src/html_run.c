/*
 * html_run.c - one allocation as a printable board paper.
 *
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE
#include <stdlib.h>
#include <string.h>

#include "abg/report.h"
#include "html_internal.h"

/* Which column is which: 0 the area, then last year, this year, change
 * and per cent (or the total alone), the components, and damping. */
typedef struct layout {
    bool prev, damped;
    size_t first_comp, cols;
    int64_t sum_total, sum_prev, sum_adjust;
} layout;

static const char *sym(const abg_model *m)
{
    return abg_money_symbol(m->currency);
}

/* A total, whole units when the unit is a pound or more. */
static const char *total(char *buf, size_t size, const abg_model *m,
                         int64_t pence, bool plus)
{
    return abg_money_format(buf, size, pence, sym(m), true, m->round_to >= 100,
                            plus);
}

/* The heading of column k. */
static const char *heading(char *buf, size_t size, const abg_model *m,
                           const layout *l, size_t k)
{
    static const char *const PREV[] = {"Last year", "This year", "Change",
                                       "Change %"};

    if (k == 0)
        snprintf(buf, size, "Area");
    else if (k < l->first_comp)
        snprintf(buf, size, "%s", l->prev ? PREV[k - 1] : "Total");
    else if (k - l->first_comp < m->n_components)
        snprintf(buf, size, "%s%s", m->components[k - l->first_comp].title,
                 abg_model_note_mark(m, k - l->first_comp));
    else
        snprintf(buf, size, "Damping");
    return buf;
}

/* The figure in row a (n_areas: the totals row) and column k > 0. */
static const char *figure(char *buf, size_t size, const abg_model *m,
                          const abg_result *r, const layout *l, size_t a,
                          size_t k)
{
    size_t nc = m->n_components, this_year = l->prev ? 2 : 1;
    bool totals = a == m->n_areas;
    int64_t t = totals ? l->sum_total : r->areas[a].total;
    int64_t p = !l->prev ? 0 : totals ? l->sum_prev : m->areas[a].previous;

    if (k == this_year)
        return total(buf, size, m, t, false);
    if (l->prev && k == 1)
        return total(buf, size, m, p, false);
    if (l->prev && k == 3)
        return total(buf, size, m, t - p, true);
    if (l->prev && k == 4)
        return abg_percent_change(buf, size, p, t - p);
    if (k - l->first_comp < nc) {
        size_t c = k - l->first_comp;
        int64_t v = totals ? r->column_sums[c] : r->cells[a * nc + c];
        abg_money_format(buf, size, v, sym(m), true, false, false);
        if (totals && v != m->components[c].amount)
            strcat(buf, "!");
        return buf;
    }
    abg_money_format(buf, size, totals ? l->sum_adjust : r->adjustments[a],
                     sym(m), true, false, true);
    if (totals && l->sum_adjust != 0)
        strcat(buf, "!");
    return buf;
}

/* The allocation table: two heading rows (titles, then amounts) that
 * print again on every page, a row per area and the totals row. */
static void table(FILE *out, const abg_model *m, const abg_result *r,
                  const layout *l)
{
    char buf[512];

    fputs("<table class=\"board\" id=\"allocation\">\n<thead>\n<tr>", out);
    for (size_t k = 0; k < l->cols; k++) {
        fputs(k ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"area\">",
              out);
        html_text(out, heading(buf, sizeof buf, m, l, k));
        fputs("</th>", out);
    }
    fputs("</tr>\n<tr class=\"amounts\">", out);
    for (size_t k = 0; k < l->cols; k++) {
        const char *s = "";
        if (k == (l->prev ? 2u : 1u))
            s = total(buf, sizeof buf, m, m->pot, false);
        else if (k >= l->first_comp && k - l->first_comp < m->n_components)
            s = abg_money_format(buf, sizeof buf,
                                 m->components[k - l->first_comp].amount,
                                 sym(m), true, false, false);
        fputs(k ? "<th>" : "<th class=\"area\">", out);
        html_text(out, s);
        fputs("</th>", out);
    }
    fputs("</tr>\n</thead>\n<tbody>\n", out);
    for (size_t a = 0; a <= m->n_areas; a++) {
        bool totals = a == m->n_areas;
        fputs(totals ? "<tr class=\"total\"><td class=\"area\">"
                     : "<tr><td class=\"area\">",
              out);
        html_text(out, totals ? "Total" : m->areas[a].name);
        fputs("</td>", out);
        for (size_t k = 1; k < l->cols; k++) {
            fputs("<td>", out);
            html_text(out, figure(buf, sizeof buf, m, r, l, a, k));
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

/* The footnotes: component notes and what a ! means. */
static void notes(FILE *out, const abg_model *m, const abg_result *r,
                  const layout *l)
{
    char a[64], b[64];

    for (size_t c = 0; c < m->n_components; c++)
        if (m->components[c].note) {
            fputs("<p class=\"note\">", out);
            html_text(out, abg_model_note_mark(m, c));
            fputc(' ', out);
            html_text(out, m->components[c].note);
            fputs("</p>\n", out);
        }
    for (size_t c = 0; c < m->n_components; c++)
        if (r->column_sums[c] != m->components[c].amount) {
            fputs("<p class=\"note\">! The figures shown in this column, each "
                  "rounded to the penny, do not add up to the column's "
                  "amount; the rounding section below says by how much.</p>\n",
                  out);
            break;
        }
    if (l->damped && l->sum_adjust != 0) {
        fprintf(out,
                "<p class=\"note\">! Damping: each figure is rounded to "
                "the penny on its own, so they add up to %s; exactly, "
                "damping moves money between areas and adds up to "
                "%s.</p>\n",
                abg_money_format(a, sizeof a, l->sum_adjust, sym(m), true,
                                 false, true),
                abg_money_format(b, sizeof b, 0, sym(m), true, false, false));
    }
}

/* The damping steps, as the terminal prints them, as a list. */
static abg_error damping(FILE *out, const abg_model *m, const abg_result *r)
{
    char *text = NULL, *line, *save = NULL;
    size_t size = 0;
    FILE *mem;

    if (!r->damped)
        return ABG_OK;
    if (!(mem = open_memstream(&text, &size)))
        return ABG_ERROR_MEMORY;
    abg_report_damping(mem, m, r);
    if (fclose(mem) != 0) {
        free(text);
        return ABG_ERROR_MEMORY;
    }
    fputs("<h2>Damping against last year</h2>\n", out);
    for (line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        bool item = strncmp(line, "- ", 2) == 0;
        fputs(item ? "<ul><li>" : "<p>", out);
        html_text(out, item ? line + 2 : line);
        fputs(item ? "</li></ul>\n" : "</p>\n", out);
    }
    free(text);
    return ABG_OK;
}

/* The budget the pot belongs to, as a small table. */
static void budget(FILE *out, const abg_model *m)
{
    int64_t sum = m->pot;
    char buf[64];

    fputs("<h2>", out);
    html_text(out, m->budget_title ? m->budget_title : "Budget");
    fputs("</h2>\n<table class=\"board\" id=\"budget\">\n<tbody>\n"
          "<tr><td class=\"area\">",
          out);
    html_text(out, m->pot_title ? m->pot_title : "Pot");
    fprintf(out, "</td><td>%s</td></tr>\n",
            total(buf, sizeof buf, m, m->pot, false));
    for (size_t s = 0; s < m->n_streams; s++) {
        fputs("<tr><td class=\"area\">", out);
        html_text(out, m->streams[s].title);
        fprintf(out, "</td><td>%s</td></tr>\n",
                total(buf, sizeof buf, m, m->streams[s].amount, false));
        sum += m->streams[s].amount;
    }
    if (sum != m->budget_total)
        fprintf(out,
                "<tr><td class=\"area\">Unallocated</td><td>%s</td>"
                "</tr>\n",
                total(buf, sizeof buf, m, m->budget_total - sum, false));
    fprintf(out,
            "<tr class=\"total\"><td class=\"area\">Total</td><td>%s"
            "</td></tr>\n</tbody>\n</table>\n",
            total(buf, sizeof buf, m, m->budget_total, false));
}

/* The rounding in plain words, then each finding. */
static void rounding(FILE *out, const abg_model *m, const abg_result *r)
{
    char unit[64], pot[64];

    total(unit, sizeof unit, m, m->round_to, false);
    total(pot, sizeof pot, m, m->pot, false);
    fputs("<h2>How the figures were rounded</h2>\n<p>", out);
    fprintf(out,
            "Each area's share is worked out exactly, to a fraction of "
            "a penny. Its total is then rounded to the nearest %s by "
            "the largest-remainder method: every total is first "
            "rounded down",
            unit);
    if (r->units == 0)
        fprintf(out,
                ", and those already add up to the pot of %s, so "
                "nothing was left to give.</p>\n",
                pot);
    else
        fprintf(out,
                "; that left %lld unit%s of %s, which went one each to "
                "the area%s with the largest remainder%s, so the totals "
                "add up to exactly the pot of %s.</p>\n",
                (long long)r->units, r->units == 1 ? "" : "s", unit,
                r->units == 1 ? "" : "s", r->units == 1 ? "" : "s", pot);
    fputs("<ul class=\"findings\">\n", out);
    if (r->n_findings == 0)
        fputs("<li>Every figure shown adds up; no rounding adjustments were "
              "needed.</li>\n",
              out);
    for (size_t i = 0; i < r->n_findings; i++) {
        fputs("<li>", out);
        html_text(out, r->findings[i].text);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

/* The chart: each area's total, beside last year's when known. */
static abg_error chart(FILE *out, const abg_model *m, const abg_result *r,
                       const layout *l)
{
    static const char *const BOTH[] = {"Last year", "This year"};
    static const char *const ONE[] = {"This year"};
    size_t ns = l->prev ? 2 : 1, na = m->n_areas;
    const char **rows = calloc(na ? na : 1, sizeof *rows);
    int64_t *values = calloc(na * ns + 1, sizeof *values);

    if (!rows || !values) {
        free(rows);
        free(values);
        return ABG_ERROR_MEMORY;
    }
    for (size_t a = 0; a < na; a++) {
        rows[a] = m->areas[a].name;
        if (l->prev)
            values[a * ns] = m->areas[a].previous;
        values[a * ns + ns - 1] = r->areas[a].total;
    }
    html_chart(out,
               l->prev ? "Each area's allocation beside last year's"
                       : "Each area's allocation",
               rows, na, l->prev ? BOTH : ONE, ns, values, m);
    free(rows);
    free(values);
    return ABG_OK;
}

abg_error abg_html_write(FILE *out, const abg_model *m, const abg_result *r)
{
    layout l = {.prev = abg_model_all_previous(m), .damped = r->damped};
    html_widths w = {0};
    html_layout page;
    char buf[512], unit[64];
    abg_error err;

    l.first_comp = l.prev ? 5 : 2;
    l.cols = l.first_comp + m->n_components + (l.damped ? 1 : 0);
    for (size_t a = 0; a < m->n_areas; a++) {
        l.sum_total += r->areas[a].total;
        l.sum_prev += m->areas[a].previous;
        if (l.damped)
            l.sum_adjust += r->adjustments[a];
    }
    /* The page's size follows from the table's widest cells. */
    w.cols = l.cols;
    if (!(w.chars = calloc(l.cols, sizeof *w.chars)))
        return ABG_ERROR_MEMORY;
    for (size_t k = 0; k < l.cols; k++)
        html_widths_heading(&w, k, heading(buf, sizeof buf, m, &l, k));
    for (size_t a = 0; a <= m->n_areas; a++) {
        html_widths_heading(&w, 0,
                            a < m->n_areas ? m->areas[a].name : "Total");
        for (size_t k = 1; k < l.cols; k++)
            html_widths_cell(&w, k, figure(buf, sizeof buf, m, r, &l, a, k));
    }
    page = html_fit(&w);
    free(w.chars);

    html_begin(out, m->title, &page);
    if ((err = html_provenance(out, m)) != ABG_OK)
        return err;
    total(buf, sizeof buf, m, m->pot, false);
    fprintf(out, "<p>Pot %s; area totals rounded to the nearest %s.</p>\n",
            buf, total(unit, sizeof unit, m, m->round_to, false));
    table(out, m, r, &l);
    notes(out, m, r, &l);
    if ((err = damping(out, m, r)) != ABG_OK)
        return err;
    if (m->has_budget)
        budget(out, m);
    rounding(out, m, r);
    if ((err = chart(out, m, r, &l)) != ABG_OK)
        return err;
    html_end(out);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}
