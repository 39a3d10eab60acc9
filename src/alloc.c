/*
 * alloc.c - exact quotas and largest-remainder rounding (the findings
 * that describe them are in alloc_findings.c).
 *
 * SPDX-License-Identifier: MIT
 *
 * Every quota is exact. When the model's values fit machine integers
 * (quota.h says which) a quota is whole pence plus a remainder over its
 * component's denominator, in 64/128-bit arithmetic; otherwise, and for
 * damped models, it is a GMP rational (mpq_t), so no input can overflow
 * or lose a fraction. Only figures that are shown are brought back to
 * int64_t pence, and those never exceed the pot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "alloc_internal.h"
#include "damping.h"
#include "quota.h"
#include "rank.h"

/* d as an exact rational. */
static void set_decimal(mpq_t out, abg_decimal d)
{
    mpz_t den;

    mpz_init(den);
    mpz_ui_pow_ui(den, 10, (unsigned long)d.scale);
    mpz_set_si(mpq_numref(out), (long)d.units);
    mpz_set(mpq_denref(out), den);
    mpq_canonicalize(out);
    mpz_clear(den);
}

/* An area's weight in a proportional component: its indicator, or for
 * method = previous its allocation last year. */
static void set_weight(mpq_t out, const abg_model *m,
                       const abg_component *comp, size_t area)
{
    if (comp->method == ABG_METHOD_PREVIOUS)
        set_decimal(out, (abg_decimal){m->areas[area].previous, 2});
    else if (abg_model_is_derived(m, comp->indicator)) /* a formula's */
        mpq_set_str(out, m->derived[comp->indicator].fraction[area], 10);
    else
        set_decimal(out, m->areas[area].values[comp->indicator]);
}

/* floor(q / unit) * unit for q >= 0, as int64_t (q never exceeds the pot). */
static int64_t floor_to(const mpq_t q, int64_t unit)
{
    mpz_t t;
    int64_t v;

    mpz_init(t);
    mpz_mul_si(t, mpq_denref(q), (long)unit);
    mpz_fdiv_q(t, mpq_numref(q), t);
    v = (int64_t)mpz_get_si(t) * unit;
    mpz_clear(t);
    return v;
}

/* q rounded half away from zero to a multiple of unit, for q >= 0:
 * floor((q + unit/2) / unit) * unit. */
static int64_t round_to_unit(const mpq_t q, int64_t unit)
{
    mpq_t h;
    int64_t v;

    mpq_init(h);
    mpq_set_si(h, (long)unit, 2);
    mpq_add(h, h, q);
    v = floor_to(h, unit);
    mpq_clear(h);
    return v;
}

/* q rounded to the penny half away from zero, for q of either sign. */
static int64_t round_signed(const mpq_t q)
{
    mpq_t mag;
    int64_t v;

    mpq_init(mag);
    mpq_abs(mag, q);
    v = round_to_unit(mag, 1);
    mpq_clear(mag);
    return mpq_sgn(q) < 0 ? -v : v;
}

/*
 * The largest-remainder (Hamilton) method. The published 2010/11 table is
 * rounded this way: rounding each total to the nearest pound would give
 * 426,001, so instead every exact total is floored to the unit (sum
 * 425,997) and the units still missing from the target (3) go one each to
 * the largest exact remainders (Harborough .80, Hinckley & Bosworth .71,
 * Melton .65); Blaby's .53 comes fourth and stays down. Equal remainders
 * go by file order (the sort is stable), and the tie is reported.
 *
 * values: exact amounts in pence, summing exactly to target. Writes the
 * rounded figures to out, floors to floors (may be NULL), remainders to
 * rem, each area's rank (1 = largest) to rank (may be NULL). Returns the
 * number of units handed out.
 */
/* hamilton()'s failures: out of memory, or values that do not add up. */
#define HAMILTON_NO_MEMORY (-1)
#define HAMILTON_INCONSISTENT (-2)

static int64_t hamilton(mpq_t *values, size_t n, int64_t unit, int64_t target,
                        int64_t *out, int64_t *floors, mpq_t *rem,
                        size_t *rank, size_t *order, abg_tie *t)
{
    size_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
    int64_t sum = 0, units;

    if (!tmp)
        return HAMILTON_NO_MEMORY;
    for (size_t i = 0; i < n; i++) {
        out[i] = floor_to(values[i], unit);
        if (floors)
            floors[i] = out[i];
        mpq_set_si(rem[i], (long)out[i], 1);
        mpq_sub(rem[i], values[i], rem[i]);
        sum += out[i];
        order[i] = i;
    }
    units = (target - sum) / unit;
    /* The values add up to the target, so the floors fall short by fewer
     * units than there are areas; anything else is a bug upstream, and
     * units must never be handed out past the end (nor a wrong figure
     * printed): refuse, even in builds without assertions. */
    if (units < 0 || (size_t)units > n) {
        free(tmp);
        return HAMILTON_INCONSISTENT;
    }
    abg_rank_desc(order, tmp, n, rem);
    free(tmp);
    for (int64_t u = 0; u < units; u++)
        out[order[u]] += unit;
    for (size_t i = 0; rank && i < n; i++)
        rank[order[i]] = i + 1;
    t->count = 0;
    if (units > 0 && (size_t)units < n &&
        mpq_equal(rem[order[units - 1]], rem[order[units]])) {
        size_t first = (size_t)units - 1, last = (size_t)units;
        while (first > 0 &&
               mpq_equal(rem[order[first - 1]], rem[order[first]]))
            first--;
        while (last + 1 < n &&
               mpq_equal(rem[order[last + 1]], rem[order[last]]))
            last++;
        t->first = first;
        t->count = last - first + 1;
        t->winners = (size_t)units - first;
    }
    return units;
}

/* Turns a hamilton() failure into an error. */
static abg_error inconsistent(int64_t code, const abg_model *m, abg_diag *diag)
{
    if (code == HAMILTON_NO_MEMORY)
        return ABG_ERROR_MEMORY;
    return abg_diag_set(diag, ABG_ERROR_MODEL, m->file, 0,
                        "please report this with the file",
                        "internal error: the exact figures do not add up "
                        "to the pot; nothing was rounded");
}

/* The GMP path: every quota, total and remainder a rational, kept. */
static abg_error compute_gmp(abg_result *r, const abg_model *m, size_t *order,
                             abg_tie *total_tie, abg_diag *diag)
{
    size_t na = m->n_areas, nc = m->n_components;
    struct abg_exact *x = r->exact;
    mpq_t *column = NULL, *column_rem = NULL, v;
    int64_t *column_out = NULL, *nearest = NULL;
    abg_error err = ABG_OK;

    mpq_init(v);
    x->quota = abg_rationals_new(na * nc);
    x->total = abg_rationals_new(na);
    x->remainder = abg_rationals_new(na);
    column = abg_rationals_new(na);
    column_rem = abg_rationals_new(na);
    column_out = calloc(na + 1, sizeof *column_out);
    nearest = calloc(na + 1, sizeof *nearest);
    if (!x->quota || !x->total || !x->remainder || !column || !column_rem ||
        !column_out || !nearest) {
        err = ABG_ERROR_MEMORY;
        goto out;
    }

    /* Exact quotas, one column at a time, then each column's figures. */
    for (size_t ci = 0; ci < nc; ci++) {
        const abg_component *comp = &m->components[ci];
        mpq_t *sum = &x->indicator_total[ci];
        if (comp->method != ABG_METHOD_EVEN) {
            for (size_t ai = 0; ai < na; ai++) {
                set_weight(v, m, comp, ai);
                mpq_add(*sum, *sum, v);
            }
            if (mpq_sgn(*sum) == 0 && comp->amount != 0) {
                err = abg_diag_set(diag, ABG_ERROR_MODEL, m->file, comp->line,
                                   NULL, "indicator %s is zero in every area",
                                   m->indicators[comp->indicator]);
                goto out;
            }
        }
        for (size_t ai = 0; ai < na; ai++) {
            mpq_t *q = &x->quota[ai * nc + ci];
            mpq_set_si(*q, (long)comp->amount, 1);
            if (comp->method == ABG_METHOD_EVEN) {
                mpq_set_si(v, (long)na, 1);
                mpq_div(*q, *q, v);
            } else if (mpq_sgn(*sum) != 0) {
                set_weight(v, m, comp, ai);
                mpq_mul(*q, *q, v);
                mpq_div(*q, *q, *sum);
            }
            mpq_set(column[ai], *q);
            mpq_add(x->total[ai], x->total[ai], *q);
        }
        if (m->component_rounding == ABG_COMPONENT_ROUNDING_PRESERVE) {
            abg_tie t = {0};
            size_t *corder = calloc(na, sizeof *corder);
            int64_t given = corder
                ? hamilton(column, na, 1, comp->amount, column_out, NULL,
                           column_rem, NULL, corder, &t)
                : HAMILTON_NO_MEMORY;
            if (given < 0) {
                free(corder);
                err = inconsistent(given, m, diag);
                goto out;
            }
            if (t.count) {
                char what[128];
                snprintf(what, sizeof what, "the %s column", comp->name);
                err = abg_alloc_tie_finding(r, m, corder, &t, what, ci, diag,
                                            false);
            }
            free(corder);
            if (err)
                goto out;
        } else {
            for (size_t ai = 0; ai < na; ai++)
                column_out[ai] = round_to_unit(column[ai], 1);
        }
        for (size_t ai = 0; ai < na; ai++) {
            r->cells[ai * nc + ci] = column_out[ai];
            r->column_sums[ci] += column_out[ai];
        }
    }

    /* Damping moves the exact totals before they are rounded. */
    if (m->has_damping) {
        x->stages = abg_rationals_new(ABG_STAGE_COUNT * na);
        if (x->stages)
            mpq_init(x->floor_factor); /* freed with the stages */
        r->adjustments = calloc(na + 1, sizeof *r->adjustments);
        if (!x->stages || !r->adjustments) {
            err = ABG_ERROR_MEMORY;
            goto out;
        }
        r->damped = true;
        err = abg_damping_apply(m, x->total, x->stages, x->floor_factor, diag);
        if (err)
            goto out;
        for (size_t ai = 0; ai < na; ai++) {
            mpq_sub(v, x->total[ai], x->stages[ai]); /* stage 0: formula */
            r->adjustments[ai] = round_signed(v);
        }
    }

    /* Area totals: largest remainder at round_to, and plain rounding for
     * comparison. */
    {
        int64_t *totals = column_out, *floors = nearest;
        size_t *ranks = calloc(na, sizeof *ranks);
        if (!ranks) {
            err = ABG_ERROR_MEMORY;
            goto out;
        }
        r->units = hamilton(x->total, na, m->round_to, m->pot, totals, floors,
                            x->remainder, ranks, order, total_tie);
        for (size_t ai = 0; ai < na; ai++) {
            abg_area_rounding *ar = &r->areas[ai];
            ar->total = totals[ai];
            ar->floor = floors[ai];
            ar->added = ar->total - ar->floor;
            ar->rank = ranks[ai];
            ar->nearest = round_to_unit(x->total[ai], m->round_to);
            r->floor_sum += ar->floor;
            r->nearest_sum += ar->nearest;
        }
        free(ranks);
        if (r->units < 0) {
            err = inconsistent(r->units, m, diag);
            goto out;
        }
    }
out:
    mpq_clear(v);
    abg_rationals_free(column, column ? na : 0);
    abg_rationals_free(column_rem, column_rem ? na : 0);
    free(column_out);
    free(nearest);
    return err;
}

/* Whether two areas' remainders are equal, for find_tie. */
typedef bool (*same_fn)(const void *ctx, size_t a, size_t b);

/* Records in t the areas whose remainder equals the last one lifted and
 * the first one left, when the cut at `units` splits them. */
static void find_tie(abg_tie *t, const size_t *order, size_t n, int64_t units,
                     same_fn same, const void *ctx)
{
    size_t first, last;

    t->count = 0;
    if (units <= 0 || (size_t)units >= n ||
        !same(ctx, order[units - 1], order[units]))
        return;
    first = (size_t)units - 1, last = (size_t)units;
    while (first > 0 && same(ctx, order[first - 1], order[first]))
        first--;
    while (last + 1 < n && same(ctx, order[last + 1], order[last]))
        last++;
    t->first = first;
    t->count = last - first + 1;
    t->winners = (size_t)units - first;
}

/* One component's remainders on the fast path. */
typedef struct column_ctx {
    const abg_quota *q;
    size_t c;
} column_ctx;

/* Equal remainders in one column, exactly. */
static bool same_in_column(const void *ctx, size_t a, size_t b)
{
    const column_ctx *k = ctx;

    return abg_quota_column_compare(k->q, k->c, a, b) == 0;
}

/* Equal remainders of two area totals, exactly. */
static bool same_total(const void *ctx, size_t a, size_t b)
{
    return abg_quota_compare(ctx, a, b) == 0;
}

/* component_rounding = preserve on the fast path: each column by largest
 * remainder to the penny, as hamilton() does with rationals. */
static abg_error fast_preserve(abg_result *r, const abg_model *m,
                               const abg_quota *q, size_t c, int64_t *out,
                               abg_diag *diag)
{
    size_t na = q->n_areas, nc = q->n_components;
    size_t *corder = malloc(na * sizeof *corder);
    column_ctx ctx = {q, c};
    int64_t units = m->components[c].amount;
    abg_tie t = {0};
    abg_error err;

    if (!corder)
        return ABG_ERROR_MEMORY;
    err = abg_quota_rank_column(q, c, corder);
    for (size_t a = 0; a < na && !err; a++) {
        out[a] = q->whole[a * nc + c];
        units -= out[a];
    }
    if (!err && (units < 0 || (size_t)units > na))
        err = inconsistent(HAMILTON_INCONSISTENT, m, diag);
    if (!err) {
        for (int64_t u = 0; u < units; u++)
            out[corder[u]] += 1;
        find_tie(&t, corder, na, units, same_in_column, &ctx);
    }
    if (!err && t.count) {
        char what[128];
        snprintf(what, sizeof what, "the %s column", m->components[c].name);
        err = abg_alloc_tie_finding(r, m, corder, &t, what, c, diag, false);
    }
    free(corder);
    return err;
}

/* The fast path (quota.h): quotas in machine integers, exact values made
 * only when asked for. */
static abg_error compute_fast(abg_result *r, const abg_model *m, size_t *order,
                              abg_tie *total_tie, abg_diag *diag)
{
    size_t na = m->n_areas, nc = m->n_components, zero = 0;
    int64_t *column = NULL, unit = m->round_to;
    abg_quota *q = NULL;
    abg_error err = abg_quota_new(&q, m, &zero);

    if (err == ABG_ERROR_MODEL) {
        const abg_component *comp = &m->components[zero];
        return abg_diag_set(diag, ABG_ERROR_MODEL, m->file, comp->line, NULL,
                            "indicator %s is zero in every area",
                            m->indicators[comp->indicator]);
    }
    if (err)
        return err;
    r->exact->fast = q;
    for (size_t c = 0; c < nc; c++)
        abg_quota_indicator_total(r->exact->indicator_total[c], q, c);
    for (size_t c = 0; c < nc && !err; c++) {
        if (m->component_rounding != ABG_COMPONENT_ROUNDING_PRESERVE) {
            abg_quota_round_column(q, c, &r->cells[c], nc);
        } else {
            if (!column && !(column = malloc((na + 1) * sizeof *column))) {
                err = ABG_ERROR_MEMORY;
                break;
            }
            err = fast_preserve(r, m, q, c, column, diag);
            for (size_t a = 0; a < na && !err; a++)
                r->cells[a * nc + c] = column[a];
        }
    }
    free(column);
    if (err)
        return err;
    for (size_t a = 0; a < na; a++)
        for (size_t c = 0; c < nc; c++)
            r->column_sums[c] += r->cells[a * nc + c];
    /* Area totals: largest remainder at round_to, and plain rounding for
     * comparison. */
    abg_quota_floor_totals(q, unit, r->areas);
    for (size_t a = 0; a < na; a++) {
        r->floor_sum += r->areas[a].floor;
        r->nearest_sum += r->areas[a].nearest;
    }
    r->units = (m->pot - r->floor_sum) / unit;
    if (r->units < 0 || (size_t)r->units > na)
        return inconsistent(HAMILTON_INCONSISTENT, m, diag);
    err = abg_quota_rank_totals(q, order);
    if (err)
        return err;
    /* Ranks first (the one pass in rank order), then area by area. */
    for (size_t k = 0; k < na; k++)
        r->areas[order[k]].rank = k + 1;
    for (size_t a = 0; a < na; a++) {
        abg_area_rounding *ar = &r->areas[a];
        ar->added = (int64_t)ar->rank <= r->units ? unit : 0;
        ar->total = ar->floor + ar->added;
    }
    find_tie(total_tie, order, na, r->units, same_total, q);
    return ABG_OK;
}

/* abg_alloc_compute(), on the fast path only when allow_fast. */
static abg_error compute(abg_result **out, const abg_model *m, bool allow_fast,
                         abg_diag *diag)
{
    size_t na = m->n_areas, nc = m->n_components;
    abg_result *r = calloc(1, sizeof *r);
    struct abg_exact *x = calloc(1, sizeof *x);
    size_t *order = NULL;
    abg_tie total_tie = {0};
    abg_error err = ABG_OK;

    *out = NULL;
    if (!r || !x) {
        free(r), free(x);
        err = ABG_ERROR_MEMORY;
        goto out;
    }
    r->exact = x;
    r->n_areas = na, r->n_components = nc, r->unit = m->round_to;
    x->n_areas = na, x->n_components = nc, x->n_quota = na * nc;
    x->indicator_total = abg_rationals_new(nc);
    r->cells = calloc(na * nc + 1, sizeof *r->cells);
    r->areas = calloc(na + 1, sizeof *r->areas);
    r->column_sums = calloc(nc + 1, sizeof *r->column_sums);
    order = calloc(na + 1, sizeof *order);
    if (!x->indicator_total || !r->cells || !r->areas || !r->column_sums ||
        !order) {
        err = ABG_ERROR_MEMORY;
        goto out;
    }
    if (na == 0 || m->pot % m->round_to != 0) {
        err = abg_diag_set(diag, ABG_ERROR_MODEL, m->file, m->pot_line, NULL,
                           na == 0 ? "there are no areas to divide among"
                                   : "the pot is not a multiple of round_to");
        goto out;
    }
    /* The fast path when every value fits machine integers (decided
     * before anything is computed), GMP rationals otherwise. */
    err = allow_fast && abg_quota_fits_rates(m)
        ? compute_fast(r, m, order, &total_tie, diag)
        : ABG_ERROR_OVERFLOW;
    if (err == ABG_ERROR_OVERFLOW)
        err = compute_gmp(r, m, order, &total_tie, diag);
    if (!err)
        err = abg_alloc_describe(r, m, order, &total_tie, diag);
out:
    if (err == ABG_ERROR_MEMORY)
        abg_diag_set(diag, err, m->file, 0, NULL, "out of memory");
    free(order);
    if (err) {
        abg_result_free(r);
        return err;
    }
    *out = r;
    return ABG_OK;
}

abg_error abg_alloc_compute(abg_result **out, const abg_model *m,
                            abg_diag *diag)
{
    return compute(out, m, true, diag);
}

abg_error abg_alloc_compute_gmp(abg_result **out, const abg_model *m,
                                abg_diag *diag)
{
    return compute(out, m, false, diag);
}
