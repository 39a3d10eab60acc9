/*
 * approx.c - the check of figures the source prints only approximately.
 *
 * SPDX-License-Identifier: MIT
 *
 * A figure printed as approximately F to the nearest U agrees with the
 * exact figure X when |F - X| <= U / 2: section 9.5 of the 2010/11 paper
 * prints the countywide allocation as about 234,000, and the exact 233,930
 * is 70 from it, within 500. Integers only (pence), so no rounding of its
 * own can blur the comparison.
 */
#include <stdio.h>

#include "abg/approx.h"
#include "abg/money.h"

/* Returns true when the printed figure is the exact one to the nearest
 * unit: |figure - exact| <= to / 2, in pence. */
static bool agrees(const abg_approx *a, int64_t exact)
{
    uint64_t diff = a->figure > exact ? (uint64_t)a->figure - (uint64_t)exact
                                      : (uint64_t)exact - (uint64_t)a->figure;

    return diff <= (uint64_t)a->to / 2;
}

/* Prints one figure's line: a FILE:LINE mismatch, or an agreement. */
static void print_one(FILE *out, const abg_model *m, const char *label,
                      const abg_approx *a, int64_t exact)
{
    const char *sym = abg_money_symbol(m->currency);
    char f[48], x[48], u[48];

    abg_money_format(f, sizeof f, a->figure, sym, true, true, false);
    abg_money_format(x, sizeof x, exact, sym, true, true, false);
    abg_money_format(u, sizeof u, a->to, sym, true, true, false);
    if (agrees(a, exact))
        fprintf(out,
                "- %s: approximately %s, exactly %s (the same to the "
                "nearest %s).\n",
                label, f, x, u);
    else
        fprintf(out,
                "%s:%d: %s: approximately %s, but the exact %s is not "
                "that to the nearest %s\n",
                m->file, a->line, label, f, x, u);
}

/* Checks every approximate figure: the mismatches, then the agreements. */
abg_error abg_approx_check(FILE *out, const abg_model *m, bool details,
                           size_t *checked, size_t *differing)
{
    char budget[300];

    *checked = *differing = 0;
    if (!m->has_budget)
        return ABG_OK;
    snprintf(budget, sizeof budget, "%s (total)",
             m->budget_title ? m->budget_title : "Budget");
    /* Pass 0 prints the mismatches, pass 1 (details) the agreements, each
     * in table order: the pot, the streams, the total. */
    for (int pass = 0; pass < 2; pass++) {
        size_t n = m->n_streams + 2;
        if (pass == 1 && (!details || *checked == *differing))
            break;
        if (pass == 1)
            fprintf(out,
                    "%zu figure%s the source calls approximate "
                    "agree%s with the exact one%s:\n",
                    *checked - *differing,
                    *checked - *differing == 1 ? "" : "s",
                    *checked - *differing == 1 ? "s" : "",
                    *checked - *differing == 1 ? "" : "s");
        for (size_t i = 0; i < n; i++) {
            const char *label = i == 0 ? (m->pot_title ? m->pot_title : "Pot")
                : i == n - 1           ? budget
                                       : m->streams[i - 1].title;
            const abg_approx *a = i == 0 ? &m->pot_approx
                : i == n - 1             ? &m->budget_approx
                                         : &m->streams[i - 1].approx;
            int64_t exact = i == 0 ? m->pot
                : i == n - 1       ? m->budget_total
                                   : m->streams[i - 1].amount;
            if (!a->given)
                continue;
            if (pass == 0) {
                (*checked)++;
                *differing += !agrees(a, exact);
            }
            if (agrees(a, exact) == (pass == 1))
                print_one(out, m, label, a, exact);
        }
    }
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}
