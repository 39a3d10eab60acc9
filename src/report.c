/*
 * report.c - the check against published figures and the explanation.
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
    return abg_money_format(buf, size, pence, sym(m), true, m->round_to >= 100,
                            false);
}

/* One published-against-computed comparison: a differing figure is one
 * line saying which is more ("published is £0.01 more"). */
static void compare(FILE *out, const abg_model *m, const char *file, int line,
                    const char *what, int64_t published, int64_t computed,
                    size_t *checked, size_t *mismatches)
{
    char p[48], c[48], d[48];

    (*checked)++;
    if (published == computed)
        return;
    (*mismatches)++;
    fprintf(out,
            "%s:%d: %s: published %s, computed %s: published is %s "
            "%s\n",
            file ? file : m->file, line, what, cash(p, sizeof p, m, published),
            cash(c, sizeof c, m, computed),
            cash(d, sizeof d, m,
                 published > computed ? published - computed
                                      : computed - published),
            published > computed ? "more" : "less");
}

abg_error abg_report_check(FILE *out, const abg_model *m, const abg_result *r,
                           size_t *mismatches)
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
                    area->published, r->areas[a].total, &checked, mismatches);
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
        fprintf(out,
                "%s: no published figures to check; add published = "
                "... to the areas\n",
                m->file);
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
static bool remainder_text(char **out, const abg_result *r, const abg_model *m,
                           size_t a)
{
    int places = abg_text_places(r, ABG_EXACT_REMAINDER, a, 0, m->round_to, 6);
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
            fprintf(out, "%s / %zu areas",
                    cash(b1, sizeof b1, m, comp->amount), na);
        } else {
            char *tot = abg_text_exact(r, ABG_EXACT_INDICATOR_TOTAL, 0, c, -1);
            abg_decimal d;
            char grouped[128];

            if (!tot)
                goto out;
            /* Indicator totals are whole or short decimals; group them.
             * A formula's value and total are fractions: a few places. */
            if (abg_model_is_derived(m, comp->indicator))
                abg_derived_figures(b1, sizeof b1, grouped, sizeof grouped, m,
                                    a, comp->indicator, tot);
            fprintf(
                out, "%s %s / %s \xC3\x97 %s",
                abg_model_is_derived(m, comp->indicator)
                    ? b1
                    : abg_decimal_format(b1, sizeof b1,
                                         area->values[comp->indicator]),
                m->indicators[comp->indicator],
                abg_model_is_derived(m, comp->indicator) ||
                        abg_decimal_parse(&d, tot, NULL) == ABG_OK
                    ? (abg_model_is_derived(m, comp->indicator)
                           ? grouped
                           : abg_decimal_format(grouped, sizeof grouped, d))
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
        static const char *const steps[] = {NULL, "pace", "floor", "ceiling",
                                            "minimum"};
        const bool set[] = {false, m->damping.has_pace, m->damping.has_floor,
                            m->damping.has_ceiling, m->damping.has_minimum};
        fprintf(out,
                "\nDamping against last year (%s): the formula gives "
                "%s",
                cash(b1, sizeof b1, m, area->previous),
                abg_result_exact_money(r, m, ABG_EXACT_STAGE, a,
                                       ABG_STAGE_FORMULA, 2, b2, sizeof b2));
        for (int k = ABG_STAGE_PACE; k < ABG_STAGE_COUNT; k++)
            if (set[k])
                fprintf(out, ", after the %s %s", steps[k],
                        abg_result_exact_money(r, m, ABG_EXACT_STAGE, a,
                                               (size_t)k, 2, b2, sizeof b2));
        fprintf(out, "; damping moves it by %s.\n",
                abg_money_format(b1, sizeof b1, r->adjustments[a], sym(m),
                                 true, false, true));
    }
    abg_result_exact_money(r, m, ABG_EXACT_TOTAL, a, 0, 6, b3, sizeof b3);
    /* Over a rate the exact fraction runs to thousands of digits: each
     * share's working above is exact, and --json carries its parts. */
    if (abg_result_exact_long(r, ABG_EXACT_TOTAL, a, 0))
        exact = strdup("a fraction of more than " ABG_EXACT_LONG_TEXT
                       " digits; --json carries each rate and their total");
    else
        exact = abg_text_exact(r, ABG_EXACT_TOTAL, a, 0, -1);
    if (!exact)
        goto out;
    fprintf(out, "\nExact total%s: %s to six places (exactly %s%s).\n",
            r->damped ? " after damping" : "", b3, exact,
            abg_result_exact_long(r, ABG_EXACT_TOTAL, a, 0) ? "" : " pounds");
    if (shown_sum != ar->total)
        fprintf(out,
                "The component figures shown add up to %s; the total "
                "is rounded from the exact sum, not from them.\n",
                cash(b1, sizeof b1, m, shown_sum));
    if (!remainder_text(&rem, r, m, a))
        goto out;
    fprintf(out,
            "\nRounding to the nearest %s by the largest-remainder "
            "method: every area's exact total is first rounded down to "
            "a whole %s; here that gives %s and leaves a remainder of "
            "%s.\n",
            total(b1, sizeof b1, m, m->round_to),
            total(b4, sizeof b4, m, m->round_to),
            total(b2, sizeof b2, m, ar->floor), rem);
    if (r->units == 0)
        fprintf(out,
                "The rounded-down totals add up to the pot %s, so no "
                "unit is left to give.\n",
                total(b1, sizeof b1, m, m->pot));
    else
        fprintf(out,
                "The rounded-down totals add up to %s, so %lld unit%s "
                "of %s %s still to give to reach the pot %s; %s.\n",
                total(b1, sizeof b1, m, r->floor_sum), (long long)r->units,
                r->units == 1 ? "" : "s", total(b2, sizeof b2, m, m->round_to),
                r->units == 1 ? "is" : "are", total(b4, sizeof b4, m, m->pot),
                r->units == 1 ? "it goes to the largest remainder"
                              : "they go one each to the largest remainders");
    if (r->units == 0)
        fprintf(out, "%s stays at %s.\n", area->name,
                total(b1, sizeof b1, m, ar->total));
    else
        fprintf(out,
                "%s's remainder ranks %s of %zu, %s the first %lld, "
                "so it %s %s.\n",
                area->name, abg_ordinal_format(b4, sizeof b4, ar->rank), na,
                ar->added > 0 ? "within" : "outside", (long long)r->units,
                ar->added > 0 ? "gets a unit:" : "stays at",
                total(b1, sizeof b1, m, ar->total));
    if (ar->total != ar->nearest)
        fprintf(out,
                "Rounding this total on its own would give %s; doing "
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
