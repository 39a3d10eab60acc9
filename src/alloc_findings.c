/*
 * alloc_findings.c - the findings: where shown figures stop adding up,
 * which areas the rounding moved and why, and ties.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_internal.h"

/* Appends a finding with printf-formatted text. */
static abg_error add_finding(abg_result *r, abg_finding f, const char *fmt,
                             ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static abg_error add_finding(abg_result *r, abg_finding f, const char *fmt,
                             ...)
{
    va_list args;
    int len;
    abg_finding *grown;

    va_start(args, fmt);
    len = vsnprintf(NULL, 0, fmt, args);
    va_end(args);
    f.text = malloc((size_t)len + 1);
    grown = realloc(r->findings, (r->n_findings + 1) * sizeof *grown);
    if (!f.text || !grown) {
        free(f.text);
        if (grown)
            r->findings = grown;
        return ABG_ERROR_MEMORY;
    }
    va_start(args, fmt);
    vsnprintf(f.text, (size_t)len + 1, fmt, args);
    va_end(args);
    r->findings = grown;
    r->findings[r->n_findings++] = f;
    return ABG_OK;
}

/* Formats money in the model's currency; `unit` decides whether pence
 * show (they do not when totals are rounded to whole pounds or more). */
static const char *money(char *buf, size_t size, const abg_model *m,
                         int64_t pence, bool whole)
{
    return abg_money_format(buf, size, pence, abg_money_symbol(m->currency),
                            true, whole, false);
}

/* Lists the names of order[first .. first+count) as "A, B and C". */
static void list_names(char *buf, size_t size, const abg_model *m,
                       const size_t *order, size_t first, size_t count)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        const char *name = m->areas[order[first + i]].name;
        const char *sep = i == 0 ? "" : (i + 1 == count ? " and " : ", ");
        /* Room for this name and a closing "and N more": never cut a
         * name in the middle. */
        if (used + strlen(sep) + strlen(name) + 32 >= size) {
            snprintf(buf + used, size - used, " and %zu more", count - i);
            return;
        }
        used += (size_t)snprintf(buf + used, size - used, "%s%s", sep, name);
    }
}

/* Writes area a's remainder in component c's column (its exact quota
 * less the whole pence, a fraction of a penny) to six places, cut. */
static void column_remainder(char *buf, size_t size, const abg_result *r,
                             size_t a, size_t c)
{
    int n = abg_result_exact(r, ABG_EXACT_QUOTA, a, c, -1, NULL, 0);
    char *text = malloc((size_t)n + 1);
    mpq_t q;
    mpz_t t;

    if (!text) {
        snprintf(buf, size, "?");
        return;
    }
    abg_result_exact(r, ABG_EXACT_QUOTA, a, c, -1, text, (size_t)n + 1);
    mpq_init(q);
    mpz_init(t);
    mpq_set_str(q, text, 10); /* pounds */
    mpz_mul_ui(mpq_numref(q), mpq_numref(q), 100);
    mpq_canonicalize(q);
    /* floor((q - floor(q)) * 10^6) */
    mpz_fdiv_r(t, mpq_numref(q), mpq_denref(q));
    mpz_mul_ui(t, t, 1000000);
    mpz_fdiv_q(t, t, mpq_denref(q));
    snprintf(buf, size, "0.%06lu of a penny", mpz_get_ui(t));
    mpz_clear(t);
    mpq_clear(q);
    free(text);
}

/* Says which areas tied and which of them file order favoured. */
abg_error abg_alloc_tie_finding(abg_result *r, const abg_model *m,
                                const size_t *order, const abg_tie *t,
                                const char *what, size_t component,
                                abg_diag *diag, bool refuse)
{
    char tied[1024], won[1024], rem[64];
    abg_finding f = {0};

    list_names(tied, sizeof tied, m, order, t->first, t->count);
    list_names(won, sizeof won, m, order, t->first, t->winners);
    /* A column's tie is in its remainders at the penny, not the totals'. */
    if (component != SIZE_MAX)
        column_remainder(rem, sizeof rem, r, order[t->first], component);
    else
        abg_result_exact_money(r, m, ABG_EXACT_REMAINDER, order[t->first], 0,
                               6, rem, sizeof rem);
    if (refuse)
        return abg_diag_set(diag, ABG_ERROR_TIE, m->file, m->ties_line,
                            "set ties = file_order to let the earlier area "
                            "in the file win, or change an input",
                            "%s: %s have exactly equal remainders and only "
                            "%zu of them can get a unit",
                            what, tied, t->winners);
    f.kind = ABG_FINDING_TIE;
    f.area = order[t->first];
    return add_finding(r, f,
                       "Tie in %s: %s have exactly the same remainder "
                       "(%s); %zu unit%s went to %s, earlier in the file.",
                       what, tied, rem, t->winners, t->winners == 1 ? "" : "s",
                       won);
}

/* Findings that name areas one by one stop at this many. */
#define LIST_LIMIT 10

/* How many decimals show an area's remainder honestly: at least `fewest`,
 * and more while rounding would make it look like a whole unit (a
 * remainder of 0.998 shown as "1.00" of a pound would read as no
 * remainder at all). */
static int remainder_places(const abg_result *r, size_t ai, int fewest)
{
    char text[64];
    abg_decimal d;
    int places = fewest;

    for (; places < ABG_DECIMAL_MAX_SCALE; places++) {
        __int128 shown, unit;
        abg_result_exact(r, ABG_EXACT_REMAINDER, ai, 0, places, text,
                         sizeof text);
        if (abg_decimal_parse(&d, text, NULL) != ABG_OK)
            break;
        /* Compare d (pounds, d.scale places) with the unit (pence). */
        shown = (__int128)d.units * 100;
        unit = (__int128)r->unit;
        for (int i = 0; i < d.scale; i++)
            unit *= 10;
        if (shown < unit)
            break;
    }
    return places;
}

/* Says why one area was lifted, or left down against plain rounding. */
static abg_error area_finding(abg_result *r, const abg_model *m, size_t ai)
{
    const abg_area_rounding *ar = &r->areas[ai];
    bool whole = r->unit >= 100;
    char a[48], b[48], c[48], rank[16], exact[64], remainder[64];
    abg_finding f = {0};
    size_t na = m->n_areas;
    int places;

    f.area = ai;
    f.shown = ar->total;
    f.expected = ar->nearest;
    places = remainder_places(r, ai, whole ? 2 : 4);
    abg_result_exact_money(r, m, ABG_EXACT_TOTAL, ai, 0, places, exact,
                           sizeof exact);
    abg_result_exact_money(r, m, ABG_EXACT_REMAINDER, ai, 0, places, remainder,
                           sizeof remainder);
    abg_ordinal_format(rank, sizeof rank, ar->rank);
    if (ar->added > 0) {
        f.kind = ABG_FINDING_LIFTED;
        return add_finding(
            r, f,
            "%s is lifted to %s (exact %s): its remainder %s "
            "ranks %s of %zu and %lld unit%s of %s %s left "
            "to give after flooring%s.",
            m->areas[ai].name, money(a, sizeof a, m, ar->total, whole), exact,
            remainder, rank, na, (long long)r->units, r->units == 1 ? "" : "s",
            money(b, sizeof b, m, r->unit, whole),
            r->units == 1 ? "was" : "were",
            ar->total > ar->nearest
                ? ", although plain rounding would take it "
                  "down"
                : "");
    }
    f.kind = ABG_FINDING_LEFT_DOWN;
    return add_finding(
        r, f,
        "%s stays at %s (exact %s) although plain rounding "
        "would give %s: its remainder %s ranks %s of %zu and "
        "only %lld unit%s of %s %s left to give.",
        m->areas[ai].name, money(a, sizeof a, m, ar->total, whole), exact,
        money(b, sizeof b, m, ar->nearest, whole), remainder, rank, na,
        (long long)r->units, r->units == 1 ? "" : "s",
        money(c, sizeof c, m, r->unit, whole), r->units == 1 ? "was" : "were");
}

/* Lists what the rounding did and where shown figures do not add up. */
abg_error abg_alloc_describe(abg_result *r, const abg_model *m,
                             const size_t *order, const abg_tie *total_tie,
                             abg_diag *diag)
{
    bool whole = r->unit >= 100;
    char a[48], b[48], c[48], exact[64];
    size_t na = m->n_areas, n_down = 0;
    abg_error err = ABG_OK;

    for (size_t ci = 0; ci < m->n_components && !err; ci++) {
        const abg_component *comp = &m->components[ci];
        int64_t sum = r->column_sums[ci], diff = sum - comp->amount;
        abg_finding f = {ABG_FINDING_COLUMN_SUM, ci,  0, sum,
                         comp->amount,           NULL};
        if (diff == 0)
            continue;
        err =
            add_finding(r, f,
                        "The %s column's penny figures add up to %s, %s %s "
                        "than its amount %s.",
                        comp->name, money(a, sizeof a, m, sum, false),
                        money(b, sizeof b, m, diff < 0 ? -diff : diff, false),
                        diff < 0 ? "less" : "more",
                        money(c, sizeof c, m, comp->amount, false));
    }
    if (!err && r->nearest_sum != m->pot) {
        int64_t diff = r->nearest_sum - m->pot;
        abg_finding f = {ABG_FINDING_NEAREST_SUM, 0,      0,
                         r->nearest_sum,          m->pot, NULL};
        err =
            add_finding(r, f,
                        "Rounding each total to the nearest %s would give "
                        "%s, %s %s than the pot %s; the largest-remainder "
                        "method keeps the totals at the pot.",
                        money(a, sizeof a, m, r->unit, whole),
                        money(b, sizeof b, m, r->nearest_sum, whole),
                        money(c, sizeof c, m, diff < 0 ? -diff : diff, whole),
                        diff < 0 ? "less" : "more",
                        money(exact, sizeof exact, m, m->pot, whole));
    }
    /* Each area the method moved is named, up to a board paper's worth;
     * beyond that one line says how many, and the JSON has every step. */
    for (size_t k = 0; k < na; k++)
        n_down += r->areas[k].total < r->areas[k].nearest;
    /* In rank order; a walk of every area only when some are named. */
    for (size_t k = 0;
         k < na && !err && (r->units <= LIST_LIMIT || n_down <= LIST_LIMIT);
         k++) {
        size_t ai = order[k];
        const abg_area_rounding *ar = &r->areas[ai];
        if ((ar->added > 0 && r->units <= LIST_LIMIT) ||
            (ar->added == 0 && ar->total < ar->nearest &&
             n_down <= LIST_LIMIT))
            err = area_finding(r, m, ai);
    }
    if (!err && r->units > LIST_LIMIT) {
        abg_finding f = {ABG_FINDING_LIFTED, 0, order[0], r->units, 0, NULL};
        err = add_finding(r, f,
                          "%lld areas are lifted by %s each: after flooring, "
                          "the units left to give go to the %lld largest "
                          "remainders.",
                          (long long)r->units,
                          money(a, sizeof a, m, r->unit, whole),
                          (long long)r->units);
    }
    if (!err && n_down > LIST_LIMIT) {
        abg_finding f = {
            ABG_FINDING_LEFT_DOWN, 0, order[r->units], n_down, 0, NULL};
        err = add_finding(r, f,
                          "%zu areas stay rounded down although plain "
                          "rounding would lift them: their remainders rank "
                          "below the %lld that get a unit.",
                          n_down, (long long)r->units);
    }
    if (!err && total_tie->count)
        err =
            abg_alloc_tie_finding(r, m, order, total_tie, "area totals",
                                  SIZE_MAX, diag, m->ties == ABG_TIES_REFUSE);
    if (!err && m->has_budget) {
        int64_t sum = m->pot;
        for (size_t i = 0; i < m->n_streams; i++)
            sum += m->streams[i].amount;
        if (sum < m->budget_total) {
            abg_finding f = {ABG_FINDING_UNALLOCATED, 0,   0, sum,
                             m->budget_total,         NULL};
            err = add_finding(
                r, f,
                "The budget's pot and streams add up to %s, "
                "leaving %s of its total %s unallocated.",
                money(a, sizeof a, m, sum, false),
                money(b, sizeof b, m, m->budget_total - sum, false),
                money(c, sizeof c, m, m->budget_total, false));
        }
    }
    return err;
}
