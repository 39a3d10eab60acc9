/*
 * compare.c - a base allocation beside its scenarios.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "abg/compare.h"
#include "abg/output.h"
#include "text.h"

/* Appends abg_text_cell(out, s, w)'s text to row at *at: two spaces,
 * then s right-aligned to w characters. */
static void put_cell(char *row, size_t *at, const char *s, size_t w)
{
    size_t len = strlen(s), width = abg_text_width(s);

    row[(*at)++] = ' ';
    row[(*at)++] = ' ';
    for (; width < w; width++)
        row[(*at)++] = ' ';
    memcpy(row + *at, s, len);
    *at += len;
}

/* Appends a money cell, signed or not, padded to w. */
static void money_cell(char *row, size_t *at, int64_t pence, const char *sym,
                       bool whole, bool sign, size_t w)
{
    char buf[64];

    put_cell(row, at,
             abg_money_format(buf, sizeof buf, pence, sym, true, whole, sign),
             w);
}

/* The change of fig on ref in money and per cent, two cells. */
static void change_cells(char *row, size_t *at, int64_t fig, int64_t ref,
                         const char *sym, bool whole, size_t wm)
{
    char pct[32];

    money_cell(row, at, fig - ref, sym, whole, true, wm);
    put_cell(row, at, abg_percent_change(pct, sizeof pct, ref, fig - ref), 7);
}

/* Area a's total in allocation k. */
static int64_t total_of(const abg_comparison *cmp, size_t k, size_t a)
{
    return cmp->totals[k * cmp->base->n_areas + a];
}

abg_error abg_compare_table(FILE *out, const abg_comparison *cmp)
{
    const abg_model *base = cmp->base;
    const char *sym = abg_money_symbol(base->currency);
    bool whole = base->round_to >= 100, prev = abg_model_all_previous(base);
    size_t w0 = abg_text_width("Total"), wm;
    char buf[64], *from = abg_model_provenance(base);
    int64_t prev_sum = 0;
    /* One width and one running sum per column. */
    size_t *w = calloc(cmp->n, sizeof *w);
    int64_t *sums = calloc(cmp->n, sizeof *sums);
    size_t row_size = 1;
    char *row = NULL;
    abg_error err = ABG_ERROR_MEMORY;

    if (!w || !sums || !from)
        goto out;
    for (size_t a = 0; a < base->n_areas; a++)
        if (abg_text_width(base->areas[a].name) > w0)
            w0 = abg_text_width(base->areas[a].name);
    /* Money columns fit the largest pot with a sign, and their headings;
     * each scenario's figure column also fits its label. */
    wm = abg_text_width(abg_money_format(buf, sizeof buf, base->pot * 2, sym,
                                         true, whole, true));
    if (prev && wm < abg_text_width("On previous"))
        wm = abg_text_width("On previous");
    for (size_t k = 0; k < cmp->n; k++) {
        w[k] = abg_text_width(cmp->headings[k]);
        if (w[k] < wm)
            w[k] = wm;
    }
    fprintf(out, "%s: base and %zu scenario%s\n", base->title, cmp->n - 1,
            cmp->n == 2 ? "" : "s");
    fprintf(out, "%s%s\n", base->n_sets ? "What-if from: " : "From: ", from);
    if (prev)
        fputs("On base: change on the base column; On previous: change on "
              "last year's figure\n",
              out);
    fputc('\n', out);
    fprintf(out, "%-*s", (int)w0, "");
    if (prev)
        abg_text_cell(out, "Previous", wm);
    for (size_t k = 0; k < cmp->n; k++) {
        abg_text_cell(out, cmp->headings[k], w[k]);
        if (k > 0) {
            abg_text_cell(out, prev ? "On base" : "Change", wm);
            abg_text_cell(out, "%", 7);
        }
        if (prev) {
            abg_text_cell(out, "On previous", wm);
            abg_text_cell(out, "%", 7);
        }
    }
    fputc('\n', out);
    /* Each row's figures are made in memory and written at once: a cell
     * is at most two spaces, its width and its text (under 64 bytes). */
    for (size_t k = 0; k < cmp->n; k++)
        row_size += (2 + w[k] + 64) + (k > 0 || prev) * 2 * (2 + wm + 64) +
            (k > 0 && prev) * 2 * (2 + wm + 64);
    row_size += prev ? 2 + wm + 64 : 0;
    if (!(row = malloc(row_size)))
        goto out;
    for (size_t a = 0; a <= base->n_areas; a++) {
        size_t at = 0;
        bool total = a == base->n_areas;
        int64_t base_fig = 0, prev_fig = 0;
        const char *name = total ? "Total" : base->areas[a].name;
        fputs(name, out);
        for (size_t n = abg_text_width(name); n < w0; n++)
            fputc(' ', out);
        if (prev) {
            prev_fig = total ? prev_sum : base->areas[a].previous;
            prev_sum += total ? 0 : prev_fig;
            money_cell(row, &at, prev_fig, sym, whole, false, wm);
        }
        for (size_t k = 0; k < cmp->n; k++) {
            int64_t fig = total ? sums[k] : total_of(cmp, k, a);
            if (!total)
                sums[k] += fig;
            if (k == 0)
                base_fig = fig;
            money_cell(row, &at, fig, sym, whole, false, w[k]);
            /* Scenarios change against the base, and every column
             * against last year when the file has it. */
            if (k > 0)
                change_cells(row, &at, fig, base_fig, sym, whole, wm);
            if (prev)
                change_cells(row, &at, fig, prev_fig, sym, whole, wm);
        }
        row[at++] = '\n';
        fwrite(row, 1, at, out);
    }
    err = ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
out:
    free(row);
    free(w);
    free(sums);
    free(from);
    return err;
}

abg_error abg_compare_csv_write(FILE *out, const abg_comparison *cmp)
{
    const abg_model *base = cmp->base;
    bool prev = abg_model_all_previous(base);
    size_t col = 0;

    abg_text_csv_cell(out, col++, "area");
    if (prev)
        abg_text_csv_cell(out, col++, "previous");
    abg_text_csv_cell(out, col++, "base");
    for (size_t k = 1; k < cmp->n; k++) {
        const char *name = cmp->names[k];
        size_t len = strlen(name);
        char *change = malloc(len + sizeof "_change");

        if (!change)
            return ABG_ERROR_MEMORY;
        memcpy(change, name, len);
        memcpy(change + len, "_change", sizeof "_change");
        abg_text_csv_cell(out, col++, name);
        abg_text_csv_cell(out, col++, change);
        free(change);
    }
    /* Each column's change on last year goes after the columns a file
     * without previous has, so that those keep their places. */
    for (size_t k = 0; prev && k < cmp->n; k++) {
        const char *name = k ? cmp->names[k] : "base";
        size_t len = strlen(name);
        char *change = malloc(len + sizeof "_change_previous");

        if (!change)
            return ABG_ERROR_MEMORY;
        memcpy(change, name, len);
        memcpy(change + len, "_change_previous", sizeof "_change_previous");
        abg_text_csv_cell(out, col++, change);
        free(change);
    }
    abg_text_csv_end(out);
    for (size_t a = 0; a < base->n_areas; a++) {
        int64_t b = total_of(cmp, 0, a);

        col = 0;
        abg_text_csv_cell(out, col++, base->areas[a].name);
        if (prev)
            abg_text_csv_money(out, col++, base->areas[a].previous);
        abg_text_csv_money(out, col++, b);
        for (size_t k = 1; k < cmp->n; k++) {
            int64_t t = total_of(cmp, k, a);

            abg_text_csv_money(out, col++, t);
            abg_text_csv_money(out, col++, t - b);
        }
        for (size_t k = 0; prev && k < cmp->n; k++)
            abg_text_csv_money(out, col++,
                               total_of(cmp, k, a) - base->areas[a].previous);
        abg_text_csv_end(out);
    }
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

static void jmoney(FILE *out, const char *key, int64_t pence)
{
    char buf[40];

    fprintf(
        out, "\"%s\": %s", key,
        abg_money_format(buf, sizeof buf, pence, NULL, false, false, false));
}

abg_error abg_compare_json_write(FILE *out, const abg_comparison *cmp)
{
    const abg_model *base = cmp->base;
    char pct[32];

    char *from = abg_model_provenance(base);

    if (!from)
        return ABG_ERROR_MEMORY;
    fputs("{\n  \"title\": ", out);
    abg_json_string(out, base->title);
    fputs(",\n  \"file\": ", out);
    abg_json_string(out, base->file);
    fputs(", \"sets\": [", out);
    for (size_t i = 0; i < base->n_sets; i++) {
        fputs(i ? ", " : "", out);
        abg_json_string(out, base->sets[i]);
    }
    fputs("], \"produced_from\": ", out);
    abg_json_string(out, from);
    free(from);
    fputs(",\n  \"scenarios\": [", out);
    for (size_t k = 1; k < cmp->n; k++) {
        fputs(k > 1 ? ", {\"name\": " : "{\"name\": ", out);
        abg_json_string(out, cmp->names[k]);
        fputs(", \"title\": ", out);
        abg_json_string(out, cmp->titles[k]);
        fputs(", \"label\": ", out);
        abg_json_string(out, cmp->headings[k]);
        fputs(", ", out);
        jmoney(out, "pot", cmp->pots[k]);
        fputc('}', out);
    }
    fputs("],\n  \"areas\": [", out);
    for (size_t a = 0; a < base->n_areas; a++) {
        int64_t b = total_of(cmp, 0, a);
        fputs(a ? ",\n    {\"name\": " : "\n    {\"name\": ", out);
        abg_json_string(out, base->areas[a].name);
        fputs(", ", out);
        if (base->areas[a].has_previous) {
            int64_t p = base->areas[a].previous;
            jmoney(out, "previous", p);
            fputs(", ", out);
            jmoney(out, "base_change_previous", b - p);
            fprintf(out, ", \"base_change_previous_percent\": \"%s\", ",
                    abg_percent_change(pct, sizeof pct, p, b - p));
        }
        jmoney(out, "base", b);
        fputs(", \"scenarios\": {", out);
        for (size_t k = 1; k < cmp->n; k++) {
            int64_t fig = total_of(cmp, k, a);
            fputs(k > 1 ? ", " : "", out);
            abg_json_string(out, cmp->names[k]);
            fputs(": {", out);
            jmoney(out, "total", fig);
            fputs(", ", out);
            jmoney(out, "change", fig - b);
            fprintf(out, ", \"change_percent\": \"%s\"",
                    abg_percent_change(pct, sizeof pct, b, fig - b));
            if (base->areas[a].has_previous) {
                int64_t p = base->areas[a].previous;
                fputs(", ", out);
                jmoney(out, "change_previous", fig - p);
                fprintf(out, ", \"change_previous_percent\": \"%s\"",
                        abg_percent_change(pct, sizeof pct, p, fig - p));
            }
            fputc('}', out);
        }
        fputs("}}", out);
    }
    fputs("\n  ]\n}\n", out);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}
