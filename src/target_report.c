/*
 * target_report.c - a target table or budget statement as published, and
 * the check of every printed cell against its rule and of every sum.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "target_internal.h"
#include "text.h"

/* The widest cell text. */
#define CELL_MAX 160

/* Writes how a figure is rounded: "rounded down", "rounded to 2 places". */
const char *abg_target_rounding_text(char *buf, size_t size,
                                     const abg_target_figure *f)
{
    static const char *const words[] = {"down", "", "up"};
    const char *unit = f->places == 1 ? "place" : "places";

    if (f->rounding == ABG_TARGET_NEAREST && f->places == 0)
        snprintf(buf, size, "rounded to the nearest whole number");
    else if (f->rounding == ABG_TARGET_NEAREST)
        snprintf(buf, size, "rounded to %d %s", f->places, unit);
    else if (f->places == 0)
        snprintf(buf, size, "rounded %s", words[f->rounding]);
    else
        snprintf(buf, size, "rounded %s to %d %s", words[f->rounding],
                 f->places, unit);
    return buf;
}

/* The figure a step builds on: the base step's rule, or the given one. */
const abg_target_number *abg_target_base(const abg_target *t, size_t a,
                                         size_t f, size_t y)
{
    const abg_target_cell *base =
        &t->areas[a].cells[f * t->n_years + t->years[y].base];

    if (t->years[t->years[y].base].is_step)
        return base->has_rule ? &base->rule : NULL;
    return base->has_published ? &base->published : NULL;
}

/* Writes how the rule reaches a cell: "519 less 6% = 487.86, rounded down". */
const char *abg_target_rule_text(char *buf, size_t size, const abg_target *t,
                                 size_t a, size_t f, size_t y)
{
    const abg_target_cell *c = &t->areas[a].cells[f * t->n_years + y];
    const abg_target_number *base = abg_target_base(t, a, f, y);
    abg_target_number change = t->years[y].change;
    char b[48], pct[48], how[64];

    if (!c->has_rule || !base) {
        snprintf(buf, size, "no base figure");
        return buf;
    }
    change.units = change.units < 0 ? -change.units : change.units;
    snprintf(buf, size, "%s %s %s%% = %s, %s",
             abg_target_number_format(b, sizeof b, *base),
             t->years[y].change.units < 0 ? "less" : "plus",
             abg_target_number_format(pct, sizeof pct, change), c->exact,
             abg_target_rounding_text(how, sizeof how, &t->figures[f]));
    return buf;
}

/* Writes a cell as the document prints it: `519 -6% = 587`, or the given
 * figure; `*` marks a printed figure that breaks its rule. */
static const char *cell_text(char *buf, size_t size, const abg_target *t,
                             size_t a, size_t f, size_t y)
{
    const abg_target_cell *c = &t->areas[a].cells[f * t->n_years + y];
    const abg_target_number *base = abg_target_base(t, a, f, y);
    abg_target_number change = t->years[y].change;
    char b[48], pct[48], v[48];

    if (!t->years[y].is_step || !base) {
        if (c->has_published)
            abg_target_number_format(buf, size, c->published);
        else
            snprintf(buf, size, "-");
        return buf;
    }
    change.units = change.units < 0 ? -change.units : change.units;
    snprintf(buf, size, "%s %s%s%% = %s%s",
             abg_target_number_format(b, sizeof b, *base),
             t->years[y].change.units < 0 ? "-" : "+",
             abg_target_number_format(pct, sizeof pct, change),
             abg_target_number_format(
                 v, sizeof v, c->has_published ? c->published : c->rule),
             c->differs             ? " *"
                 : c->has_published ? ""
                                    : " (not printed)");
    return buf;
}

/* Prints a budget statement: the total, each line, what is not itemised. */
static abg_error report_budget(FILE *out, const abg_target *t)
{
    size_t w = abg_text_width("Not itemised");
    char m[48];

    for (size_t i = 0; i < t->n_lines; i++)
        if (abg_text_width(t->lines[i].title) > w)
            w = abg_text_width(t->lines[i].title);
    fprintf(out, "%s\n", t->title);
    if (t->source)
        fprintf(out, "Source: %s\n", t->source);
    fputc('\n', out);
    for (size_t i = 0; i < t->n_lines; i++) {
        abg_text_pad(out, t->lines[i].title, w, false);
        abg_text_cell(out,
                      abg_money_format(m, sizeof m, t->lines[i].amount,
                                       "\xC2\xA3", true, true, false),
                      16);
        fputc('\n', out);
    }
    abg_text_pad(out, "Not itemised", w, false);
    abg_text_cell(out,
                  abg_money_format(m, sizeof m, t->not_itemised, "\xC2\xA3",
                                   true, true, false),
                  16);
    fputc('\n', out);
    abg_text_pad(out, "Total", w, false);
    abg_text_cell(out,
                  abg_money_format(m, sizeof m, t->budget_total, "\xC2\xA3",
                                   true, true, false),
                  16);
    fputc('\n', out);
    fprintf(out, "\nThe %zu named line%s add%s up to ", t->n_lines,
            t->n_lines == 1 ? "" : "s", t->n_lines == 1 ? "s" : "");
    fprintf(out, "%s; ",
            abg_money_format(m, sizeof m, t->budget_total - t->not_itemised,
                             "\xC2\xA3", true, true, false));
    fprintf(out, "%s of the total is not itemised in the source.\n",
            abg_money_format(m, sizeof m, t->not_itemised, "\xC2\xA3", true,
                             true, false));
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

/* Prints one sum's result for its k-th year: a line of the report. */
static void sum_line(FILE *out, const abg_target *t, const abg_target_sum *s,
                     size_t k)
{
    size_t y = s->years[k], f = s->figure;
    const abg_target_cell *tc = &t->areas[s->total].cells[f * t->n_years + y];
    abg_target_number total = tc->has_published ? tc->published : tc->rule;
    char p[48], v[48];

    abg_target_number_format(p, sizeof p, s->parts[k]);
    abg_target_number_format(v, sizeof v, total);
    if (!s->differs[k])
        fprintf(out,
                "%s %s: the other %zu areas add up to %s, %s's "
                "figure.\n",
                t->years[y].name, t->figures[f].name, t->n_areas - 1, p,
                t->areas[s->total].name);
    else
        fprintf(out,
                "%s %s: the other %zu areas add up to %s, but %s's "
                "figure is %s.\n",
                t->years[y].name, t->figures[f].name, t->n_areas - 1, p,
                t->areas[s->total].name, v);
}

/* Prints the table as published, the rules, the broken cells, the sums. */
abg_error abg_target_report(FILE *out, const abg_target *t)
{
    size_t wa = abg_text_width("Area"), wf = abg_text_width("Figure");
    size_t *wy = calloc(t->n_years + 1, sizeof *wy);
    char buf[CELL_MAX], how[64];
    size_t marked = 0;

    if (t->is_budget) {
        free(wy);
        return report_budget(out, t);
    }
    if (!wy)
        return ABG_ERROR_MEMORY;
    for (size_t a = 0; a < t->n_areas; a++)
        if (abg_text_width(t->areas[a].name) > wa)
            wa = abg_text_width(t->areas[a].name);
    for (size_t f = 0; f < t->n_figures; f++)
        if (abg_text_width(t->figures[f].name) > wf)
            wf = abg_text_width(t->figures[f].name);
    for (size_t y = 0; y < t->n_years; y++) {
        wy[y] = abg_text_width(t->years[y].name);
        for (size_t a = 0; a < t->n_areas; a++)
            for (size_t f = 0; f < t->n_figures; f++) {
                size_t w =
                    abg_text_width(cell_text(buf, sizeof buf, t, a, f, y));
                wy[y] = w > wy[y] ? w : wy[y];
            }
    }
    fprintf(out, "%s\n", t->title);
    if (t->source)
        fprintf(out, "Source: %s\n", t->source);
    fputc('\n', out);
    abg_text_pad(out, "Area", wa, false);
    fputs("  ", out);
    abg_text_pad(out, "Figure", wf, false);
    for (size_t y = 0; y < t->n_years; y++) {
        fputs("  ", out);
        abg_text_pad(out, t->years[y].name, y + 1 < t->n_years ? wy[y] : 0,
                     false);
    }
    fputc('\n', out);
    for (size_t a = 0; a < t->n_areas; a++)
        for (size_t f = 0; f < t->n_figures; f++) {
            abg_text_pad(out, f == 0 ? t->areas[a].name : "", wa, false);
            fputs("  ", out);
            abg_text_pad(out, t->figures[f].name, wf, false);
            for (size_t y = 0; y < t->n_years; y++) {
                const abg_target_cell *c =
                    &t->areas[a].cells[f * t->n_years + y];
                marked += c->differs;
                fputs("  ", out);
                abg_text_pad(out, cell_text(buf, sizeof buf, t, a, f, y),
                             y + 1 < t->n_years ? wy[y] : 0, false);
            }
            fputc('\n', out);
        }
    free(wy);
    for (size_t y = 0; y < t->n_years; y++)
        if (t->years[y].is_step) {
            fputs("\nRules:", out);
            for (size_t f = 0; f < t->n_figures; f++)
                fprintf(
                    out, "%s %s %s", f ? ";" : "", t->figures[f].name,
                    abg_target_rounding_text(how, sizeof how, &t->figures[f]));
            fputs(".\n", out);
            break;
        }
    if (marked) {
        fprintf(out, "* %zu printed figure%s break%s the table's own rule:\n",
                marked, marked == 1 ? "" : "s", marked == 1 ? "s" : "");
        for (size_t a = 0; a < t->n_areas; a++)
            for (size_t f = 0; f < t->n_figures; f++)
                for (size_t y = 0; y < t->n_years; y++) {
                    const abg_target_cell *c =
                        &t->areas[a].cells[f * t->n_years + y];
                    char r[48];
                    if (!c->differs)
                        continue;
                    fprintf(out, "- %s %s %s: the rule gives %s (%s).\n",
                            t->areas[a].name, t->years[y].name,
                            t->figures[f].name,
                            abg_target_number_format(r, sizeof r, c->rule),
                            abg_target_rule_text(buf, sizeof buf, t, a, f, y));
                }
    }
    if (t->n_sums)
        fputs("\nSums:\n", out);
    for (size_t i = 0; i < t->n_sums; i++)
        for (size_t k = 0; k < t->sums[i].n_years; k++) {
            fputs("- ", out);
            sum_line(out, t, &t->sums[i], k);
        }
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

/* A differing cell or sum, to print in line order. */
typedef struct finding {
    int line;
    size_t a, f, y; /* a cell */
    const abg_target_sum *sum;
    size_t k; /* a sum's year */
} finding;

/* Orders findings by their line in the file. */
static int by_line(const void *x, const void *y)
{
    const finding *a = x, *b = y;

    return (a->line > b->line) - (a->line < b->line);
}

/* Prints a FILE:LINE line per differing cell or sum, in line order. */
abg_error abg_target_check(FILE *out, const abg_target *t, size_t *checked,
                           size_t *differing)
{
    size_t n = 0, cells = 0, sums = 0, bad_sums = 0, cap = 1;
    finding *list;
    char buf[CELL_MAX], p[48], r[48];

    for (size_t i = 0; i < t->n_sums; i++)
        cap += t->sums[i].n_years;
    cap += t->n_areas * t->n_figures * t->n_years;
    if (!(list = calloc(cap, sizeof *list)))
        return ABG_ERROR_MEMORY;
    for (size_t a = 0; a < t->n_areas; a++)
        for (size_t f = 0; f < t->n_figures; f++)
            for (size_t y = 0; y < t->n_years; y++) {
                const abg_target_cell *c =
                    &t->areas[a].cells[f * t->n_years + y];
                if (!c->has_published || !c->has_rule)
                    continue;
                cells++;
                if (c->differs)
                    list[n++] = (finding){c->line, a, f, y, NULL, 0};
            }
    for (size_t i = 0; i < t->n_sums; i++)
        for (size_t k = 0; k < t->sums[i].n_years; k++) {
            const abg_target_sum *s = &t->sums[i];
            const abg_target_cell *tc =
                &t->areas[s->total]
                     .cells[s->figure * t->n_years + s->years[k]];
            sums++;
            if (s->differs[k]) {
                bad_sums++;
                list[n++] =
                    (finding){tc->line ? tc->line : s->line, 0, 0, 0, s, k};
            }
        }
    qsort(list, n, sizeof *list, by_line);
    for (size_t i = 0; i < n; i++) {
        const finding *d = &list[i];
        fprintf(out, "%s:%d: ", t->file, d->line);
        if (d->sum) {
            sum_line(out, t, d->sum, d->k);
            continue;
        }
        {
            const abg_target_cell *c =
                &t->areas[d->a].cells[d->f * t->n_years + d->y];
            fprintf(
                out, "%s %s %s: published %s, the rule gives %s (%s)\n",
                t->areas[d->a].name, t->years[d->y].name,
                t->figures[d->f].name,
                abg_target_number_format(p, sizeof p, c->published),
                abg_target_number_format(r, sizeof r, c->rule),
                abg_target_rule_text(buf, sizeof buf, t, d->a, d->f, d->y));
        }
    }
    free(list);
    *checked = cells + sums;
    *differing = n;
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

/* Prints the check's closing sentences. */
abg_error abg_target_summary(FILE *out, const abg_target *t)
{
    size_t cells = 0, n = 0, sums = 0, bad_sums = 0;

    for (size_t a = 0; a < t->n_areas; a++)
        for (size_t k = 0; k < t->n_figures * t->n_years; k++) {
            const abg_target_cell *c = &t->areas[a].cells[k];
            cells += c->has_published && c->has_rule;
            n += c->differs;
        }
    for (size_t i = 0; i < t->n_sums; i++)
        for (size_t k = 0; k < t->sums[i].n_years; k++)
            sums++, bad_sums += t->sums[i].differs[k];
    n += bad_sums;
    if (t->is_budget) {
        char m[48], s2[48], s3[48];
        fprintf(
            out,
            "The %zu named line%s add%s up to %s of the %s total; "
            "%s is not itemised in the source.\n",
            t->n_lines, t->n_lines == 1 ? "" : "s", t->n_lines == 1 ? "s" : "",
            abg_money_format(m, sizeof m, t->budget_total - t->not_itemised,
                             "\xC2\xA3", true, true, false),
            abg_money_format(s2, sizeof s2, t->budget_total, "\xC2\xA3", true,
                             true, false),
            abg_money_format(s3, sizeof s3, t->not_itemised, "\xC2\xA3", true,
                             true, false));
    } else if (cells == 0) {
        fputs("The table has no step, so no target to check against a "
              "rule: its figures are given.\n",
              out);
    } else if (n - bad_sums == 0) {
        fprintf(out, "All %zu published targets follow their rule.\n", cells);
    } else {
        fprintf(out,
                "%zu of %zu published targets differ from their "
                "rule.\n",
                n - bad_sums, cells);
    }
    if (bad_sums)
        fprintf(out, "%zu of %zu sums do not add up.\n", bad_sums, sums);
    else if (sums == 1)
        fputs("The sum adds up.\n", out);
    else if (sums)
        fprintf(out, "All %zu sums add up.\n", sums);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}
