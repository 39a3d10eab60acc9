/*
 * report.c - the allocation table, findings, check and explanation.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "abg/report.h"
#include "derived.h"
#include "text.h"


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


/* A ratio as a signed percentage: -5/100 as "-5%", 225/1000 as "+22.5%". */
static const char *percent(char *buf, size_t size, abg_ratio q, bool plus)
{
    int64_t den = q.den / 100, mag = q.num < 0 ? -q.num : q.num;
    bool places = den > 1;
    if (places) {
        char frac[24];
        /* den + remainder prints as 1 followed by the zero-padded digits. */
        snprintf(frac, sizeof frac, "%lld", (long long)(den + mag % den));
        snprintf(buf, size, "%s%lld.%s%%",
                 q.num < 0 ? "-" : (plus ? "+" : ""), (long long)(mag / den),
                 frac + 1);
    } else
        snprintf(buf, size, "%s%lld%%", q.num < 0 ? "-" : (plus ? "+" : ""),
                 (long long)mag);
    return buf;
}

/* One line per damping step the file sets, in the order they apply. */
static void damping_lines(FILE *out, const abg_model *m, const abg_result *r)
{
    const abg_damping *d = &m->damping;
    char a[48], b[48];

    if (!r->damped)
        return;
    fputs("Damping against last year's figures, in this order:\n", out);
    if (d->has_pace)
        fprintf(out, "- pace %s: each area moves that far from last year "
                     "towards its formula figure, then all are scaled to "
                     "the pot\n", percent(a, sizeof a, d->pace, false));
    if (d->has_floor) {
        abg_result_exact(r, ABG_EXACT_FLOOR_FACTOR, 0, 0, 4, b, sizeof b);
        fprintf(out, "- floor %s: no area changes by less; gains above the "
                     "floor keep %s of their excess to pay for it\n",
                percent(a, sizeof a, d->floor, true), b);
    }
    if (d->has_ceiling)
        fprintf(out, "- ceiling %s: no area gains more; what it frees goes "
                     "to the others by formula share\n",
                percent(a, sizeof a, d->ceiling, true));
    if (d->has_minimum)
        fprintf(out, "- minimum %s: no area gets less; the others share "
                     "the rest\n", total(a, sizeof a, m, d->minimum));
    fputc('\n', out);
}

abg_error abg_report_table(FILE *out, const abg_model *m,
                           const abg_result *r)
{
    size_t nc = m->n_components, na = m->n_areas;
    size_t cols = nc + 3, *w = calloc(cols, sizeof *w), wd = nc + 2;
    char buf[256], head[512];
    int64_t sum_totals = 0, sum_adjust = 0;

    if (!w)
        return ABG_ERROR_MEMORY;
    /* Column 0 is the area, 1 the total, 2.. the components, and last
     * (damped files only) what damping moved each area by. */
    w[0] = abg_text_width("Total");
    w[1] = abg_text_width("Total");
    for (size_t a = 0; a < na; a++) {
        size_t n = abg_text_width(m->areas[a].name);
        if (n > w[0])
            w[0] = n;
        sum_totals += r->areas[a].total;
    }
    if (abg_text_width(total(buf, sizeof buf, m, sum_totals)) > w[1])
        w[1] = abg_text_width(buf);
    for (size_t c = 0; c < nc; c++) {
        size_t k = 2 + c, n;
        snprintf(head, sizeof head, "%s%s", m->components[c].title,
                 abg_model_note_mark(m, c));
        w[k] = abg_text_width(head);
        n = abg_text_width(cash(buf, sizeof buf, m, m->components[c].amount));
        if (n > w[k])
            w[k] = n;
        n = abg_text_width(cash(buf, sizeof buf, m, r->column_sums[c])) + 1;
        if (n > w[k])
            w[k] = n;
    }

    w[wd] = abg_text_width("Damping");
    for (size_t a = 0; r->damped && a < na; a++) {
        size_t n = abg_text_width(abg_money_format(buf, sizeof buf, r->adjustments[a],
                                          sym(m), true, false, true));
        if (n > w[wd])
            w[wd] = n;
        sum_adjust += r->adjustments[a];
    }
    /* Room for the total and its mark. */
    if (r->damped &&
        abg_text_width(abg_money_format(buf, sizeof buf, sum_adjust, sym(m),
                                        true, false, true)) + 1 > w[wd])
        w[wd] = abg_text_width(buf) + 1;

    fprintf(out, "%s\n", m->title);
    if (m->scenario)
        fprintf(out, "Scenario: %s\n", m->scenario_title);
    if (m->source)
        fprintf(out, "Source: %s\n", m->source);
    fprintf(out, "Pot %s; area totals rounded to the nearest %s by the "
                 "largest-remainder method\n\n",
            total(head, sizeof head, m, m->pot),
            total(buf, sizeof buf, m, m->round_to));
    damping_lines(out, m, r);

    /* Two heading lines: titles, then amounts, as Appendix 3 prints them. */
    abg_text_pad(out, "", w[0], false);
    fputs("  ", out);
    abg_text_pad(out, "Total", w[1], true);
    for (size_t c = 0; c < nc; c++) {
        fputs("  ", out);
        snprintf(head, sizeof head, "%s%s", m->components[c].title,
                 abg_model_note_mark(m, c));
        abg_text_pad(out, head, w[2 + c], true);
    }
    if (r->damped) {
        fputs("  ", out);
        abg_text_pad(out, "Damping", w[wd], true);
    }
    fputc('\n', out);
    abg_text_pad(out, "", w[0], false);
    fputs("  ", out);
    abg_text_pad(out, total(buf, sizeof buf, m, m->pot), w[1], true);
    for (size_t c = 0; c < nc; c++) {
        fputs("  ", out);
        abg_text_pad(out, cash(buf, sizeof buf, m, m->components[c].amount),
            w[2 + c], true);
    }
    fputc('\n', out);
    for (size_t a = 0; a < na; a++) {
        abg_text_pad(out, m->areas[a].name, w[0], false);
        fputs("  ", out);
        abg_text_pad(out, total(buf, sizeof buf, m, r->areas[a].total), w[1], true);
        for (size_t c = 0; c < nc; c++) {
            fputs("  ", out);
            abg_text_pad(out, cash(buf, sizeof buf, m, r->cells[a * nc + c]), w[2 + c],
                true);
        }
        if (r->damped) {
            fputs("  ", out);
            abg_text_pad(out, abg_money_format(buf, sizeof buf, r->adjustments[a],
                                      sym(m), true, false, true),
                w[wd], true);
        }
        fputc('\n', out);
    }
    /* The totals row adds up what is shown; a column whose shown figures
     * miss its amount is marked (see the findings). */
    abg_text_pad(out, "Total", w[0], false);
    fputs("  ", out);
    abg_text_pad(out, total(buf, sizeof buf, m, sum_totals), w[1], true);
    for (size_t c = 0; c < nc; c++) {
        fputs("  ", out);
        cash(head, sizeof head, m, r->column_sums[c]);
        if (r->column_sums[c] != m->components[c].amount)
            strcat(head, "!");
        abg_text_pad(out, head, w[2 + c], true);
    }
    if (r->damped) {
        /* Damping only moves money between areas: its exact figures add
         * up to zero, its figures to the penny may miss by a penny or so,
         * and such a total is marked like a component's. */
        fputs("  ", out);
        abg_money_format(head, sizeof head, sum_adjust, sym(m), true, false,
                         true);
        if (sum_adjust != 0)
            strcat(head, "!");
        abg_text_pad(out, head, w[wd], true);
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
            fprintf(out, "%s %s\n", abg_model_note_mark(m, c), m->components[c].note);
        }
        for (size_t c = 0; c < nc; c++)
            if (r->column_sums[c] != m->components[c].amount) {
                fprintf(out, "%s! shown figures that do not add up to the "
                             "column's amount; see the rounding findings\n",
                        any ? "" : "\n");
                any = true;
                break;
            }
        if (r->damped && sum_adjust != 0)
            fprintf(out, "%s! Damping: each figure is rounded to the penny "
                         "on its own, so they add up to %s; exactly, "
                         "damping moves money between areas and adds up "
                         "to %s\n",
                    any ? "" : "\n",
                    abg_money_format(buf, sizeof buf, sum_adjust, sym(m),
                                     true, false, true),
                    cash(head, sizeof head, m, 0));
    }
    if (m->has_budget) {
        int64_t sum = m->pot;
        size_t tw = abg_text_width(m->pot_title ? m->pot_title : "Pot");
        for (size_t s = 0; s < m->n_streams; s++)
            if (abg_text_width(m->streams[s].title) > tw)
                tw = abg_text_width(m->streams[s].title);
        if (abg_text_width("Unallocated") > tw)
            tw = abg_text_width("Unallocated");
        fprintf(out, "\n%s\n", m->budget_title ? m->budget_title : "Budget");
        abg_text_pad(out, m->pot_title ? m->pot_title : "Pot", tw, false);
        fprintf(out, "  %s\n", total(buf, sizeof buf, m, m->pot));
        for (size_t s = 0; s < m->n_streams; s++) {
            abg_text_pad(out, m->streams[s].title, tw, false);
            fprintf(out, "  %s\n",
                    total(buf, sizeof buf, m, m->streams[s].amount));
            sum += m->streams[s].amount;
        }
        if (sum != m->budget_total) {
            abg_text_pad(out, "Unallocated", tw, false);
            fprintf(out, "  %s\n",
                    total(buf, sizeof buf, m, m->budget_total - sum));
        }
        abg_text_pad(out, "Total", tw, false);
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
static void compare(FILE *out, const abg_model *m, const char *file,
                    int line, const char *what, int64_t published,
                    int64_t computed,
                    size_t *checked, size_t *mismatches)
{
    char p[48], c[48], d[48];

    (*checked)++;
    if (published == computed)
        return;
    (*mismatches)++;
    fprintf(out, "%s:%d: %s: published %s, computed %s (%s %s)\n",
            file ? file : m->file, line, what,
            cash(p, sizeof p, m, published),
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
        compare(out, m, NULL, m->published_line, "grand total", m->published,
                m->pot, &checked, mismatches);
    for (size_t c = 0; c < nc; c++) {
        const abg_component *comp = &m->components[c];
        if (!comp->has_published)
            continue;
        snprintf(what, sizeof what, "%s column total", comp->name);
        compare(out, m, NULL, comp->published_line, what, comp->published,
                comp->amount, &checked, mismatches);
    }
    for (size_t a = 0; a < m->n_areas; a++) {
        const abg_area *area = &m->areas[a];
        if (area->has_published) {
            snprintf(what, sizeof what, "%s total", area->name);
            compare(out, m, area->file, area->published_line, what,
                    area->published,
                    r->areas[a].total, &checked, mismatches);
        }
        for (size_t c = 0; c < nc; c++) {
            if (!area->has_published_cell[c])
                continue;
            snprintf(what, sizeof what, "%s %s", area->name,
                     m->components[c].name);
            compare(out, m, area->file, area->published_cell_line[c], what,
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

/* An area's remainder as text (*out, caller frees) with enough decimals
 * that it never reads as zero or as a whole unit (abg_text_places), or
 * as the exact fraction when even 60 places would not do; false when
 * memory runs out. */
static bool remainder_text(char **out, const abg_result *r,
                           const abg_model *m, size_t a)
{
    int places = abg_text_places(r, ABG_EXACT_REMAINDER, a, 0, m->round_to,
                                 6);
    char buf[128], *dec;
    size_t size;

    if (places >= 0 && places <= 9) {
        abg_result_exact_money(r, m, ABG_EXACT_REMAINDER, a, 0, places, buf,
                               sizeof buf);
        *out = strdup(buf);
        return *out != NULL;
    }
    dec = abg_text_exact(r, ABG_EXACT_REMAINDER, a, 0, places);
    if (!dec)
        return false;
    size = strlen(dec) + 64;
    *out = malloc(size);
    if (*out) {
        if (places >= 0)
            snprintf(*out, size, "%s%s", sym(m), dec);
        else
            snprintf(*out, size, "exactly %s pounds", dec);
    }
    free(dec);
    return *out != NULL;
}

abg_error abg_report_explain(FILE *out, const abg_model *m,
                             const abg_result *r, size_t a)
{
    size_t nc = m->n_components, na = m->n_areas;
    const abg_area *area = &m->areas[a];
    const abg_area_rounding *ar = &r->areas[a];
    char b1[128], b2[128], b3[128], b4[128], *exact = NULL, *rem = NULL;
    int64_t shown_sum = 0;
    abg_error err = ABG_ERROR_MEMORY;
    int places;

    fprintf(out, "%s receives %s of the %s pot (%s).\n\n", area->name,
            total(b1, sizeof b1, m, ar->total),
            total(b2, sizeof b2, m, m->pot), m->title);
    for (size_t c = 0; c < nc; c++) {
        const abg_component *comp = &m->components[c];
        int64_t shown = r->cells[a * nc + c];
        shown_sum += shown;
        /* Six places, or more where six would show a share as zero. */
        places = abg_text_places(r, ABG_EXACT_QUOTA, a, c, 0, 6);
        abg_result_exact_money(r, m, ABG_EXACT_QUOTA, a, c,
                               places < 0 || places > 9 ? 9 : places, b3,
                               sizeof b3);
        fprintf(out, "%s (%s): ", comp->title, comp->name);
        if (comp->method == ABG_METHOD_EVEN) {
            fprintf(out, "%s / %zu areas", cash(b1, sizeof b1, m,
                                                 comp->amount), na);
        } else {
            char *tot = abg_text_exact(r, ABG_EXACT_INDICATOR_TOTAL, 0, c,
                                       -1);
            abg_decimal d;
            char grouped[128];

            if (!tot)
                goto out;
            /* Indicator totals are whole or short decimals; group them.
             * A formula's value and total are fractions: a few places. */
            if (abg_model_is_derived(m, comp->indicator))
                abg_derived_figures(b1, sizeof b1, grouped, sizeof grouped,
                                    m, a, comp->indicator, tot);
            fprintf(out, "%s %s / %s \xC3\x97 %s",
                    abg_model_is_derived(m, comp->indicator)
                        ? b1 : abg_decimal_format(b1, sizeof b1,
                                       area->values[comp->indicator]),
                    m->indicators[comp->indicator],
                    abg_model_is_derived(m, comp->indicator) ||
                            abg_decimal_parse(&d, tot, NULL) == ABG_OK
                        ? (abg_model_is_derived(m, comp->indicator)
                               ? grouped
                               : abg_decimal_format(grouped, sizeof grouped,
                                                    d))
                        : tot,
                    cash(b2, sizeof b2, m, comp->amount));
            free(tot);
        }
        fprintf(out, " = %s, shown as %s\n", b3,
                cash(b1, sizeof b1, m, shown));
        if (comp->method == ABG_METHOD_PROPORTIONAL &&
            abg_derived_explain(out, m, a, comp->indicator, "    "))
            goto out;
    }
    if (r->damped) {
        static const char *const steps[] = {NULL, "pace", "floor",
                                            "ceiling", "minimum"};
        const bool set[] = {false, m->damping.has_pace,
                            m->damping.has_floor, m->damping.has_ceiling,
                            m->damping.has_minimum};
        fprintf(out, "\nDamping against last year (%s): the formula gives "
                     "%s",
                cash(b1, sizeof b1, m, area->previous),
                abg_result_exact_money(r, m, ABG_EXACT_STAGE, a,
                                       ABG_STAGE_FORMULA, 2, b2,
                                       sizeof b2));
        for (int k = ABG_STAGE_PACE; k < ABG_STAGE_COUNT; k++)
            if (set[k])
                fprintf(out, ", after the %s %s", steps[k],
                        abg_result_exact_money(r, m, ABG_EXACT_STAGE, a,
                                               (size_t)k, 2, b2,
                                               sizeof b2));
        fprintf(out, "; damping moves it by %s.\n",
                abg_money_format(b1, sizeof b1, r->adjustments[a], sym(m),
                                 true, false, true));
    }
    abg_result_exact_money(r, m, ABG_EXACT_TOTAL, a, 0, 6, b3, sizeof b3);
    exact = abg_text_exact(r, ABG_EXACT_TOTAL, a, 0, -1);
    if (!exact)
        goto out;
    fprintf(out, "\nExact total%s: %s to six places (exactly %s pounds).\n",
            r->damped ? " after damping" : "", b3, exact);
    if (shown_sum != ar->total)
        fprintf(out, "The component figures shown add up to %s; the total "
                     "is rounded from the exact sum, not from them.\n",
                cash(b1, sizeof b1, m, shown_sum));
    if (!remainder_text(&rem, r, m, a))
        goto out;
    fprintf(out, "\nRounding to the nearest %s by the largest-remainder "
                 "method: every area's exact total is first rounded down to "
                 "a whole %s; here that gives %s and leaves a remainder of "
                 "%s.\n",
            total(b1, sizeof b1, m, m->round_to),
            total(b4, sizeof b4, m, m->round_to),
            total(b2, sizeof b2, m, ar->floor), rem);
    if (r->units == 0)
        fprintf(out, "The rounded-down totals add up to the pot %s, so no "
                     "unit is left to give.\n",
                total(b1, sizeof b1, m, m->pot));
    else
        fprintf(out, "The rounded-down totals add up to %s, so %lld unit%s "
                     "of %s %s still to give to reach the pot %s; %s.\n",
                total(b1, sizeof b1, m, r->floor_sum), (long long)r->units,
                r->units == 1 ? "" : "s",
                total(b2, sizeof b2, m, m->round_to),
                r->units == 1 ? "is" : "are", total(b4, sizeof b4, m, m->pot),
                r->units == 1 ? "it goes to the largest remainder"
                              : "they go one each to the largest remainders");
    if (r->units == 0)
        fprintf(out, "%s stays at %s.\n", area->name,
                total(b1, sizeof b1, m, ar->total));
    else
        fprintf(out, "%s's remainder ranks %s of %zu, %s the first %lld, "
                     "so it %s %s.\n",
                area->name, abg_ordinal_format(b4, sizeof b4, ar->rank), na,
                ar->added > 0 ? "within" : "outside", (long long)r->units,
                ar->added > 0 ? "gets a unit:" : "stays at",
                total(b1, sizeof b1, m, ar->total));
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
    err = ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
out:
    free(exact);
    free(rem);
    return err;
}
