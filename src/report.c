/*
 * report.c - the allocation table, findings, check and explanation.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "abg/report.h"

/* Footnote markers, as the published tables use them. */
static const char *const MARKS[] = {"*", "**", "***", "\xE2\x80\xA0",
                                    "\xE2\x80\xA1", "\xC2\xA7"};
#define N_MARKS (sizeof MARKS / sizeof MARKS[0])

/* Columns of text are measured in characters, not bytes (the pound sign
 * is two bytes). */
static size_t width(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void pad(FILE *out, const char *s, size_t w, bool right)
{
    size_t n = width(s);

    if (!right)
        fputs(s, out);
    for (; n < w; n++)
        fputc(' ', out);
    if (right)
        fputs(s, out);
}

static const char *sym(const abg_model *m)
{
    return abg_money_symbol(m->currency);
}

/* Money with pence, grouped: £13,711.12. */
static const char *cash(char *buf, size_t size, const abg_model *m,
                        int64_t pence)
{
    return abg_money_format(buf, size, pence, sym(m), true, false, false);
}

/* A total: whole units when the unit is a pound or more. */
static const char *total(char *buf, size_t size, const abg_model *m,
                         int64_t pence)
{
    return abg_money_format(buf, size, pence, sym(m), true,
                            m->round_to >= 100, false);
}

static const char *mark(const abg_model *m, size_t c)
{
    size_t k = 0;

    if (!m->components[c].note)
        return "";
    for (size_t i = 0; i < c; i++)
        k += m->components[i].note != NULL;
    return k < N_MARKS ? MARKS[k] : "+";
}

abg_error abg_report_table(FILE *out, const abg_model *m,
                           const abg_result *r)
{
    size_t nc = m->n_components, na = m->n_areas;
    size_t cols = nc + 2, *w = calloc(cols, sizeof *w);
    char buf[256], head[512];
    int64_t sum_totals = 0;

    if (!w)
        return ABG_ERROR_MEMORY;
    /* Column 0 is the area, 1 the total, 2.. the components. */
    w[0] = width("Total");
    w[1] = width("Total");
    for (size_t a = 0; a < na; a++) {
        size_t n = width(m->areas[a].name);
        if (n > w[0])
            w[0] = n;
        sum_totals += r->areas[a].total;
    }
    if (width(total(buf, sizeof buf, m, sum_totals)) > w[1])
        w[1] = width(buf);
    for (size_t c = 0; c < nc; c++) {
        size_t k = 2 + c, n;
        snprintf(head, sizeof head, "%s%s", m->components[c].title,
                 mark(m, c));
        w[k] = width(head);
        n = width(cash(buf, sizeof buf, m, m->components[c].amount));
        if (n > w[k])
            w[k] = n;
        n = width(cash(buf, sizeof buf, m, r->column_sums[c])) + 1;
        if (n > w[k])
            w[k] = n;
    }

    fprintf(out, "%s\n", m->title);
    if (m->source)
        fprintf(out, "Source: %s\n", m->source);
    fprintf(out, "Pot %s; area totals rounded to the nearest %s by the "
                 "largest-remainder method\n\n",
            total(head, sizeof head, m, m->pot),
            total(buf, sizeof buf, m, m->round_to));

    /* Two heading lines: titles, then amounts, as Appendix 3 prints them. */
    pad(out, "", w[0], false);
    fputs("  ", out);
    pad(out, "Total", w[1], true);
    for (size_t c = 0; c < nc; c++) {
        fputs("  ", out);
        snprintf(head, sizeof head, "%s%s", m->components[c].title,
                 mark(m, c));
        pad(out, head, w[2 + c], true);
    }
    fputc('\n', out);
    pad(out, "", w[0], false);
    fputs("  ", out);
    pad(out, total(buf, sizeof buf, m, m->pot), w[1], true);
    for (size_t c = 0; c < nc; c++) {
        fputs("  ", out);
        pad(out, cash(buf, sizeof buf, m, m->components[c].amount),
            w[2 + c], true);
    }
    fputc('\n', out);
    for (size_t a = 0; a < na; a++) {
        pad(out, m->areas[a].name, w[0], false);
        fputs("  ", out);
        pad(out, total(buf, sizeof buf, m, r->areas[a].total), w[1], true);
        for (size_t c = 0; c < nc; c++) {
            fputs("  ", out);
            pad(out, cash(buf, sizeof buf, m, r->cells[a * nc + c]), w[2 + c],
                true);
        }
        fputc('\n', out);
    }
    /* The totals row adds up what is shown; a column whose shown figures
     * miss its amount is marked (see the findings). */
    pad(out, "Total", w[0], false);
    fputs("  ", out);
    pad(out, total(buf, sizeof buf, m, sum_totals), w[1], true);
    for (size_t c = 0; c < nc; c++) {
        fputs("  ", out);
        cash(head, sizeof head, m, r->column_sums[c]);
        if (r->column_sums[c] != m->components[c].amount)
            strcat(head, "!");
        pad(out, head, w[2 + c], true);
    }
    fputc('\n', out);

    {
        bool any = false;
        for (size_t c = 0; c < nc; c++) {
            if (!m->components[c].note)
                continue;
            if (!any)
                fputc('\n', out);
            any = true;
            fprintf(out, "%s %s\n", mark(m, c), m->components[c].note);
        }
        for (size_t c = 0; c < nc; c++)
            if (r->column_sums[c] != m->components[c].amount) {
                fprintf(out, "%s! shown figures that do not add up to the "
                             "column's amount; see the rounding findings\n",
                        any ? "" : "\n");
                break;
            }
    }
    if (m->has_budget) {
        int64_t sum = m->pot;
        size_t tw = width(m->pot_title ? m->pot_title : "Pot");
        for (size_t s = 0; s < m->n_streams; s++)
            if (width(m->streams[s].title) > tw)
                tw = width(m->streams[s].title);
        if (width("Total") > tw)
            tw = width("Total");
        fprintf(out, "\n%s\n", m->budget_title ? m->budget_title : "Budget");
        pad(out, m->pot_title ? m->pot_title : "Pot", tw, false);
        fprintf(out, "  %s\n", total(buf, sizeof buf, m, m->pot));
        for (size_t s = 0; s < m->n_streams; s++) {
            pad(out, m->streams[s].title, tw, false);
            fprintf(out, "  %s\n",
                    total(buf, sizeof buf, m, m->streams[s].amount));
            sum += m->streams[s].amount;
        }
        if (sum != m->budget_total) {
            pad(out, "Unallocated", tw, false);
            fprintf(out, "  %s\n",
                    total(buf, sizeof buf, m, m->budget_total - sum));
        }
        pad(out, "Total", tw, false);
        fprintf(out, "  %s\n", total(buf, sizeof buf, m, m->budget_total));
    }
    free(w);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

abg_error abg_report_findings(FILE *out, const abg_model *m,
                              const abg_result *r)
{
    (void)m;
    fputs("\nRounding findings:\n", out);
    if (r->n_findings == 0)
        fputs("- Every shown figure adds up; no rounding adjustments.\n",
              out);
    for (size_t i = 0; i < r->n_findings; i++)
        fprintf(out, "- %s\n", r->findings[i].text);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

/* One published-against-computed comparison. */
static void compare(FILE *out, const abg_model *m, int line,
                    const char *what, int64_t published, int64_t computed,
                    size_t *checked, size_t *mismatches)
{
    char p[48], c[48], d[48];

    (*checked)++;
    if (published == computed)
        return;
    (*mismatches)++;
    fprintf(out, "%s:%d: %s: published %s, computed %s (%s %s)\n",
            m->file, line, what, cash(p, sizeof p, m, published),
            cash(c, sizeof c, m, computed),
            cash(d, sizeof d, m, published > computed ? published - computed
                                                      : computed - published),
            published > computed ? "more" : "less");
}

abg_error abg_report_check(FILE *out, const abg_model *m,
                           const abg_result *r, size_t *mismatches)
{
    size_t nc = m->n_components, checked = 0;
    char what[512];

    *mismatches = 0;
    if (m->has_published)
        compare(out, m, m->published_line, "grand total", m->published,
                m->pot, &checked, mismatches);
    for (size_t c = 0; c < nc; c++) {
        const abg_component *comp = &m->components[c];
        if (!comp->has_published)
            continue;
        snprintf(what, sizeof what, "%s column total", comp->name);
        compare(out, m, comp->published_line, what, comp->published,
                comp->amount, &checked, mismatches);
    }
    for (size_t a = 0; a < m->n_areas; a++) {
        const abg_area *area = &m->areas[a];
        if (area->has_published) {
            snprintf(what, sizeof what, "%s total", area->name);
            compare(out, m, area->published_line, what, area->published,
                    r->areas[a].total, &checked, mismatches);
        }
        for (size_t c = 0; c < nc; c++) {
            if (!area->has_published_cell[c])
                continue;
            snprintf(what, sizeof what, "%s %s", area->name,
                     m->components[c].name);
            compare(out, m, area->published_cell_line[c], what,
                    area->published_cell[c], r->cells[a * nc + c], &checked,
                    mismatches);
        }
    }
    if (checked == 0)
        fprintf(out, "%s: no published figures to check; add published = "
                     "... to the areas\n", m->file);
    else if (*mismatches == 0)
        fprintf(out, "All %zu published figures match to the penny.\n",
                checked);
    else
        fprintf(out, "%zu of %zu published figures differ.\n", *mismatches,
                checked);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

abg_error abg_report_explain(FILE *out, const abg_model *m,
                             const abg_result *r, size_t a)
{
    size_t nc = m->n_components, na = m->n_areas;
    const abg_area *area = &m->areas[a];
    const abg_area_rounding *ar = &r->areas[a];
    char b1[128], b2[128], b3[128], b4[512];
    int64_t shown_sum = 0;

    fprintf(out, "%s receives %s of the %s pot (%s).\n\n", area->name,
            total(b1, sizeof b1, m, ar->total),
            total(b2, sizeof b2, m, m->pot), m->title);
    for (size_t c = 0; c < nc; c++) {
        const abg_component *comp = &m->components[c];
        int64_t shown = r->cells[a * nc + c];
        shown_sum += shown;
        abg_result_exact_money(r, m, ABG_EXACT_QUOTA, a, c, 6, b3,
                               sizeof b3);
        fprintf(out, "%s (%s): ", comp->title, comp->name);
        if (comp->method == ABG_METHOD_EVEN) {
            fprintf(out, "%s / %zu areas", cash(b1, sizeof b1, m,
                                                 comp->amount), na);
        } else {
            char tot[128];
            abg_result_exact(r, ABG_EXACT_INDICATOR_TOTAL, 0, c, -1, tot,
                             sizeof tot);
            /* Indicator totals are whole or short decimals; group them. */
            {
                abg_decimal d;
                char grouped[128];
                if (abg_decimal_parse(&d, tot, NULL) == ABG_OK)
                    snprintf(tot, sizeof tot, "%s",
                             abg_decimal_format(grouped, sizeof grouped, d));
            }
            fprintf(out, "%s %s / %s \xC3\x97 %s",
                    abg_decimal_format(b1, sizeof b1,
                                       area->values[comp->indicator]),
                    m->indicators[comp->indicator], tot,
                    cash(b2, sizeof b2, m, comp->amount));
        }
        fprintf(out, " = %s, shown as %s\n", b3,
                cash(b1, sizeof b1, m, shown));
    }
    abg_result_exact_money(r, m, ABG_EXACT_TOTAL, a, 0, 6, b3, sizeof b3);
    abg_result_exact(r, ABG_EXACT_TOTAL, a, 0, -1, b4, sizeof b4);
    fprintf(out, "\nExact total: %s to six places (exactly %s pounds).\n",
            b3, b4);
    if (shown_sum != ar->total)
        fprintf(out, "The component figures shown add up to %s; the total "
                     "is rounded from the exact sum, not from them.\n",
                cash(b1, sizeof b1, m, shown_sum));
    abg_result_exact_money(r, m, ABG_EXACT_REMAINDER, a, 0, 6, b3,
                           sizeof b3);
    fprintf(out, "\nRounding to the nearest %s by the largest-remainder "
                 "method: every area's exact total is first rounded down to "
                 "a whole %s; here that gives %s and leaves a remainder of "
                 "%s.\n",
            total(b1, sizeof b1, m, m->round_to),
            total(b4, sizeof b4, m, m->round_to),
            total(b2, sizeof b2, m, ar->floor), b3);
    fprintf(out, "The rounded-down totals add up to %s, so %lld unit%s of "
                 "%s %s still to give to reach the pot %s; %s go one each "
                 "to the largest remainders.\n",
            total(b1, sizeof b1, m, r->floor_sum), (long long)r->units,
            r->units == 1 ? "" : "s", total(b2, sizeof b2, m, m->round_to),
            r->units == 1 ? "is" : "are", total(b4, sizeof b4, m, m->pot),
            r->units == 1 ? "it goes" : "they");
    fprintf(out, "%s's remainder ranks %s of %zu", area->name,
            abg_ordinal_format(b4, sizeof b4, ar->rank), na);
    if (ar->added > 0)
        fprintf(out, ", within the first %lld, so it gets a unit: %s.\n",
                (long long)r->units, total(b1, sizeof b1, m, ar->total));
    else
        fprintf(out, ", outside the first %lld, so it stays at %s.\n",
                (long long)r->units, total(b1, sizeof b1, m, ar->total));
    if (ar->total != ar->nearest)
        fprintf(out, "Rounding this total on its own would give %s; doing "
                     "that for every area would make the totals add up to "
                     "%s instead of %s.\n",
                total(b1, sizeof b1, m, ar->nearest),
                total(b2, sizeof b2, m, r->nearest_sum),
                total(b4, sizeof b4, m, m->pot));
    for (size_t i = 0; i < r->n_findings; i++)
        if (r->findings[i].kind == ABG_FINDING_TIE)
            fprintf(out, "%s\n", r->findings[i].text);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}
