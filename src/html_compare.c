/*
 * html_compare.c - a comparison and a sweep as printable board papers.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "html_internal.h"

/* A page's cells, built once: the page size is chosen from their widths
 * before any is written. Row 0 holds the headings, the last row the
 * totals (when there is one). */
typedef struct sheet {
    size_t rows, cols;
    char **cell;
    bool totals; /* the last row is a totals row */
} sheet;

static bool sheet_init(sheet *s, size_t rows, size_t cols)
{
    s->rows = rows, s->cols = cols;
    s->cell = calloc(rows * cols, sizeof *s->cell);
    return s->cell != NULL;
}

static void sheet_free(sheet *s)
{
    for (size_t i = 0; s->cell && i < s->rows * s->cols; i++)
        free(s->cell[i]);
    free(s->cell);
}

/* Sets a cell to a copy of text; false when memory runs out. */
static bool put(sheet *s, size_t row, size_t col, const char *text)
{
    return (s->cell[row * s->cols + col] = strdup(text)) != NULL;
}

static const char *at(const sheet *s, size_t row, size_t col)
{
    const char *t = s->cell[row * s->cols + col];
    return t ? t : "";
}

/* Writes the sheet as a board table and chooses nothing: the page frame
 * is already out. */
static void sheet_table(FILE *out, const sheet *s, const char *id)
{
    fprintf(out, "<table class=\"board\" id=\"%s\">\n<thead>\n<tr>", id);
    for (size_t k = 0; k < s->cols; k++) {
        fputs(k ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"area\">",
              out);
        html_text(out, at(s, 0, k));
        fputs("</th>", out);
    }
    fputs("</tr>\n</thead>\n<tbody>\n", out);
    for (size_t r = 1; r < s->rows; r++) {
        bool totals = s->totals && r == s->rows - 1;
        fputs(totals ? "<tr class=\"total\">" : "<tr>", out);
        for (size_t k = 0; k < s->cols; k++) {
            fputs(k ? "<td>" : "<td class=\"area\">", out);
            html_text(out, at(s, r, k));
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

/* The page size for the sheet. */
static bool sheet_fit(html_layout *out, const sheet *s)
{
    html_widths w = {calloc(s->cols, sizeof *w.chars), s->cols};

    if (!w.chars)
        return false;
    for (size_t k = 0; k < s->cols; k++) {
        html_widths_heading(&w, k, at(s, 0, k));
        for (size_t r = 1; r < s->rows; r++) {
            if (k == 0)
                html_widths_heading(&w, k, at(s, r, k));
            else
                html_widths_cell(&w, k, at(s, r, k));
        }
    }
    *out = html_fit(&w);
    free(w.chars);
    return true;
}

/* Fills the comparison's cells. */
static bool compare_cells(sheet *s, const abg_comparison *cmp, bool prev)
{
    const abg_model *base = cmp->base;
    const char *sym = abg_money_symbol(base->currency);
    bool whole = base->round_to >= 100, ok = true;
    size_t na = base->n_areas;
    char buf[64];

    for (size_t a = 0; a <= na && ok; a++) {
        size_t row = a + 1, col = 0;
        int64_t p = 0, b = 0;

        ok &= put(s, row, col++, a < na ? base->areas[a].name : "Total");
        for (size_t i = 0; prev && i < na; i++)
            if (a == na || i == a)
                p += base->areas[i].previous;
        for (size_t i = 0; i < na; i++)
            if (a == na || i == a)
                b += cmp->totals[i];
        if (prev)
            ok &= put(
                s, row, col++,
                abg_money_format(buf, sizeof buf, p, sym, true, whole, false));
        for (size_t k = 0; k < cmp->n && ok; k++) {
            int64_t t = 0;
            for (size_t i = 0; i < na; i++)
                if (a == na || i == a)
                    t += cmp->totals[k * na + i];
            ok &= put(
                s, row, col++,
                abg_money_format(buf, sizeof buf, t, sym, true, whole, false));
            if (k > 0) {
                ok &= put(s, row, col++,
                          abg_money_format(buf, sizeof buf, t - b, sym, true,
                                           whole, true));
                ok &= put(s, row, col++,
                          abg_percent_change(buf, sizeof buf, b, t - b));
            }
            if (prev) {
                ok &= put(s, row, col++,
                          abg_money_format(buf, sizeof buf, t - p, sym, true,
                                           whole, true));
                ok &= put(s, row, col++,
                          abg_percent_change(buf, sizeof buf, p, t - p));
            }
        }
    }
    /* Headings: each column's label, and which change is which. */
    {
        size_t col = 0;
        ok &= put(s, 0, col++, "Area");
        if (prev)
            ok &= put(s, 0, col++, "Last year");
        for (size_t k = 0; k < cmp->n && ok; k++) {
            char head[512];
            ok &= put(s, 0, col++, cmp->headings[k]);
            if (k > 0) {
                snprintf(head, sizeof head, "%s: change on base",
                         cmp->names[k]);
                ok &= put(s, 0, col++, head);
                ok &= put(s, 0, col++, "% on base");
            }
            if (prev) {
                snprintf(head, sizeof head, "%s: change on last year",
                         k ? cmp->names[k] : "Base");
                ok &= put(s, 0, col++, head);
                ok &= put(s, 0, col++, "% on last year");
            }
        }
    }
    return ok;
}

abg_error abg_html_write_comparison(FILE *out, const abg_comparison *cmp)
{
    const abg_model *base = cmp->base;
    bool prev = abg_model_all_previous(base);
    size_t na = base->n_areas, ns = cmp->n + (prev ? 1 : 0);
    size_t cols = 1 + (prev ? 1 : 0) + cmp->n + (cmp->n - 1) * 2 +
        (prev ? cmp->n * 2 : 0);
    char title[512];
    const char **series = calloc(ns, sizeof *series);
    const char **rows = calloc(na + 1, sizeof *rows);
    int64_t *values = calloc(na * ns + 1, sizeof *values);
    sheet s = {0};
    html_layout page;
    abg_error err = ABG_ERROR_MEMORY;

    if (!series || !rows || !values || !sheet_init(&s, na + 2, cols))
        goto out;
    s.totals = true;
    if (!compare_cells(&s, cmp, prev) || !sheet_fit(&page, &s))
        goto out;
    snprintf(title, sizeof title, "%s: base and %zu scenario%s", base->title,
             cmp->n - 1, cmp->n == 2 ? "" : "s");
    html_begin(out, title, &page);
    if ((err = html_provenance(out, base)) != ABG_OK)
        goto out;
    fprintf(out, "<p>Each scenario's change is shown on the base%s.</p>\n",
            prev ? " and every column's change on last year's figure" : "");
    sheet_table(out, &s, "comparison");
    for (size_t k = 0; k < ns; k++)
        series[k] =
            prev ? (k ? cmp->headings[k - 1] : "Last year") : cmp->headings[k];
    for (size_t a = 0; a < na; a++) {
        rows[a] = base->areas[a].name;
        for (size_t k = 0; k < ns; k++)
            values[a * ns + k] = prev && k == 0
                ? base->areas[a].previous
                : cmp->totals[(k - (prev ? 1 : 0)) * na + a];
    }
    html_chart(out, "Each area's allocation in each column", rows, na, series,
               ns, values, base);
    html_end(out);
    err = ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
out:
    free(series);
    free(rows);
    free(values);
    sheet_free(&s);
    return err;
}

abg_error abg_html_write_sweep(FILE *out, const char *varied,
                               const abg_sweep_results *sw)
{
    const abg_model *m = sw->model;
    size_t n = sw->n_steps;
    const char *sym = abg_money_symbol(m->currency);
    static const char *const SERIES[] = {"Lowest", "Highest"};
    bool whole = m->round_to >= 100, ok;
    size_t na = m->n_areas, cols = n + 4;
    const char **rows = calloc(na + 1, sizeof *rows);
    int64_t *values = calloc(na * 2 + 1, sizeof *values);
    char buf[64], title[512];
    sheet s = {0};
    html_layout page;
    abg_error err = ABG_ERROR_MEMORY;

    if (!rows || !values || !sheet_init(&s, na + 1, cols))
        goto out;
    ok = put(&s, 0, 0, "Area") && put(&s, 0, n + 1, "Lowest") &&
        put(&s, 0, n + 2, "Highest") && put(&s, 0, n + 3, "Range");
    for (size_t k = 0; k < n && ok; k++)
        ok = put(&s, 0, k + 1, sw->labels[k]);
    for (size_t a = 0; a < na && ok; a++) {
        int64_t lo = sw->totals[a], hi = lo;
        ok = put(&s, a + 1, 0, m->areas[a].name);
        for (size_t k = 0; k < n && ok; k++) {
            int64_t t = sw->totals[k * na + a];
            lo = t < lo ? t : lo;
            hi = t > hi ? t : hi;
            ok = put(
                &s, a + 1, k + 1,
                abg_money_format(buf, sizeof buf, t, sym, true, whole, false));
        }
        ok = ok &&
            put(&s, a + 1, n + 1,
                abg_money_format(buf, sizeof buf, lo, sym, true, whole,
                                 false)) &&
            put(&s, a + 1, n + 2,
                abg_money_format(buf, sizeof buf, hi, sym, true, whole,
                                 false)) &&
            put(&s, a + 1, n + 3,
                abg_money_format(buf, sizeof buf, hi - lo, sym, true, whole,
                                 false));
        rows[a] = m->areas[a].name;
        values[a * 2] = lo, values[a * 2 + 1] = hi;
    }
    if (!ok || !sheet_fit(&page, &s))
        goto out;
    snprintf(title, sizeof title, "%s: each area's allocation as %s varies",
             m->title, varied);
    html_begin(out, title, &page);
    fputs("<p class=\"from\">From: ", out);
    html_text(out, m->file);
    for (size_t i = 0; i < sw->n_fixed_sets; i++) {
        fputs(", --set ", out);
        html_text(out, m->sets[i]);
    }
    fputs(", varying ", out);
    html_text(out, varied);
    fputs("</p>\n", out);
    if (m->source) {
        fputs("<p class=\"from\">Source: ", out);
        html_text(out, m->source);
        fputs("</p>\n", out);
    }
    sheet_table(out, &s, "sweep");
    html_chart(out, "Each area's lowest and highest allocation", rows, na,
               SERIES, 2, values, m);
    html_end(out);
    err = ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
out:
    free(rows);
    free(values);
    sheet_free(&s);
    return err;
}
