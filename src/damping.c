/*
 * damping.c - pace of change, floor, ceiling and minimum, exactly.
 *
 * SPDX-License-Identifier: MIT
 *
 * The national formulas limit how far an area's money may move in a year:
 * the NHS moves each area part of the way to its formula figure (pace), the
 * police grant floor guarantees no area loses more than a percentage and
 * pays for it by scaling back the gains above the floor, the schools'
 * gains cap (ceiling) stops large gains and shares out what it frees, and
 * the US JAG formula's minimum lifts small areas to a fixed sum. Each step
 * here is exact: its figures are rationals, and each keeps the total at
 * the pot.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damping.h"

/* money and percentages as rationals */
static void set_ratio(mpq_t out, abg_ratio r)
{
    mpq_set_si(out, (long)r.num, (unsigned long)r.den);
    mpq_canonicalize(out);
}

/* P_i * (1 + change): last year's figure moved by a percentage, then
 * moved to a whole round_to unit, up for a floor and down for a ceiling,
 * so that rounding the totals afterwards can never break the limit (an
 * area held at its floor has no remainder to lose). */
static void limit_of(mpq_t out, int64_t previous, abg_ratio change,
                     int64_t unit, bool up)
{
    mpq_t one;
    mpz_t units, den;

    mpq_init(one);
    mpz_inits(units, den, NULL);
    set_ratio(out, change);
    mpq_set_ui(one, 1, 1);
    mpq_add(out, out, one);
    mpq_set_si(one, (long)previous, 1);
    mpq_mul(out, out, one);
    mpz_mul_si(den, mpq_denref(out), (long)unit);
    if (up)
        mpz_cdiv_q(units, mpq_numref(out), den);
    else
        mpz_fdiv_q(units, mpq_numref(out), den);
    mpz_mul_si(units, units, (long)unit);
    mpq_set_z(out, units);
    mpq_clear(one);
    mpz_clears(units, den, NULL);
}

static void money_text(char *buf, size_t size, const abg_model *m,
                       const mpq_t pence)
{
    mpz_t whole;

    /* Shortfalls are reported to the penny, rounded up: what must be found. */
    mpz_init(whole);
    mpz_cdiv_q(whole, mpq_numref(pence), mpq_denref(pence));
    abg_money_format(buf, size, mpz_get_si(whole),
                     abg_money_symbol(m->currency), true, false, false);
    mpz_clear(whole);
}

/* Pace: each area moves `pace` of the way from last year to its figure,
 * then every figure is scaled so the total is the pot again. */
static void apply_pace(const abg_model *m, mpq_t *x)
{
    size_t n = m->n_areas;
    mpq_t pace, p, sum, pot;

    mpq_inits(pace, p, sum, pot, NULL);
    set_ratio(pace, m->damping.pace);
    for (size_t a = 0; a < n; a++) {
        mpq_set_si(p, (long)m->areas[a].previous, 1);
        mpq_sub(x[a], x[a], p);
        mpq_mul(x[a], x[a], pace);
        mpq_add(x[a], x[a], p);
        mpq_add(sum, sum, x[a]);
    }
    mpq_set_si(pot, (long)m->pot, 1);
    for (size_t a = 0; a < n && mpq_sgn(sum) != 0; a++) {
        mpq_mul(x[a], x[a], pot);
        mpq_div(x[a], x[a], sum);
    }
    mpq_clears(pace, p, sum, pot, NULL);
}

/* Floor: areas below P*(1+floor) are raised to it; every figure above its
 * floor level keeps its floor plus `factor` times the excess, one factor
 * for all, solved so the total is the pot:
 *   factor = (pot - sum of floor levels) / sum of excesses. */
static abg_error apply_floor(const abg_model *m, mpq_t *x, mpq_t factor,
                             abg_diag *diag)
{
    size_t n = m->n_areas;
    mpq_t *level = malloc(n * sizeof *level), levels, excess, t;
    bool any_below = false;
    abg_error err = ABG_OK;

    if (!level)
        return ABG_ERROR_MEMORY;
    mpq_inits(levels, excess, t, NULL);
    for (size_t a = 0; a < n; a++) {
        mpq_init(level[a]);
        limit_of(level[a], m->areas[a].previous, m->damping.floor, m->round_to,
                 true);
        mpq_add(levels, levels, level[a]);
        if (mpq_cmp(x[a], level[a]) < 0)
            any_below = true;
        else {
            mpq_sub(t, x[a], level[a]);
            mpq_add(excess, excess, t);
        }
    }
    mpq_set_ui(factor, 1, 1);
    if (!any_below)
        goto out;
    mpq_set_si(t, (long)m->pot, 1);
    if (mpq_cmp(levels, t) > 0) {
        char need[48], pot[48], short_by[48];
        mpq_sub(t, levels, t);
        money_text(short_by, sizeof short_by, m, t);
        money_text(need, sizeof need, m, levels);
        abg_money_format(pot, sizeof pot, m->pot,
                         abg_money_symbol(m->currency), true, false, false);
        err =
            abg_diag_set(diag, ABG_ERROR_MODEL, m->file, m->damping.floor_line,
                         "lower the floor or raise the pot",
                         "the floor cannot be met: it needs %s for every "
                         "area to keep its floor, but the pot is %s, %s "
                         "short",
                         need, pot, short_by);
        goto out;
    }
    /* (pot - levels) / excess; excess > 0 since some area is below. */
    mpq_sub(factor, t, levels);
    if (mpq_sgn(excess) != 0)
        mpq_div(factor, factor, excess);
    for (size_t a = 0; a < n; a++) {
        if (mpq_cmp(x[a], level[a]) < 0) {
            mpq_set(x[a], level[a]);
            continue;
        }
        mpq_sub(t, x[a], level[a]);
        mpq_mul(t, t, factor);
        mpq_add(x[a], level[a], t);
    }
out:
    for (size_t a = 0; a < n; a++)
        mpq_clear(level[a]);
    free(level);
    mpq_clears(levels, excess, t, NULL);
    return err;
}

/* The error when what the ceiling frees has nowhere to go: every area is
 * at its ceiling, or those below it all have a formula figure of 0 (the
 * freed money goes by formula share, so they can take none of it). */
static abg_error no_room(const abg_model *m, const bool *capped,
                         const mpq_t freed, abg_diag *diag)
{
    size_t below = 0, first = 0;
    char left[48], others[48] = "";

    money_text(left, sizeof left, m, freed);
    for (size_t a = m->n_areas; a-- > 0;)
        if (!capped[a]) {
            below++;
            first = a;
        }
    if (below > 1)
        snprintf(others, sizeof others, " and %zu other area%s", below - 1,
                 below == 2 ? "" : "s");
    if (below == 0)
        return abg_diag_set(diag, ABG_ERROR_MODEL, m->file,
                            m->damping.ceiling_line,
                            "raise the ceiling or lower the pot",
                            "the ceiling cannot be met: every area is at "
                            "its ceiling and %s is left over",
                            left);
    return abg_diag_set(
        diag, ABG_ERROR_MODEL, m->file, m->damping.ceiling_line,
        "raise the ceiling or lower the pot; the money the "
        "ceiling frees goes to the areas below theirs by "
        "formula share",
        "the ceiling cannot be met: %s freed by the ceiling "
        "has nowhere to go, because %s%s, below %s ceiling, "
        "%s a formula figure of 0",
        left, m->areas[first].name, others, below == 1 ? "its" : "their",
        below == 1 ? "has" : "have");
}

/* Refuses a floor and a ceiling whose levels, once moved to whole
 * round_to units (the floor's up, the ceiling's down), cross for some
 * area: no figure could then keep both. */
static abg_error levels_cross(const abg_model *m, abg_diag *diag)
{
    mpq_t lo, hi;
    abg_error err = ABG_OK;

    mpq_inits(lo, hi, NULL);
    for (size_t a = 0; a < m->n_areas && !err; a++) {
        limit_of(lo, m->areas[a].previous, m->damping.floor, m->round_to,
                 true);
        limit_of(hi, m->areas[a].previous, m->damping.ceiling, m->round_to,
                 false);
        if (mpq_cmp(lo, hi) > 0) {
            char f[48], c[48], u[48];
            const char *sym = abg_money_symbol(m->currency);

            bool whole = m->round_to >= 100;

            abg_money_format(f, sizeof f, mpz_get_si(mpq_numref(lo)), sym,
                             true, whole, false);
            abg_money_format(c, sizeof c, mpz_get_si(mpq_numref(hi)), sym,
                             true, whole, false);
            abg_money_format(u, sizeof u, m->round_to, sym, true, whole,
                             false);
            err = abg_diag_set(diag, ABG_ERROR_MODEL, m->file,
                               m->damping.ceiling_line,
                               "set a smaller round_to, or the floor and "
                               "the ceiling further apart",
                               "the floor and the ceiling cannot both hold "
                               "for %s in whole units of %s: its floor "
                               "level rounds up to %s and its ceiling down "
                               "to %s",
                               m->areas[a].name, u, f, c);
        }
    }
    mpq_clears(lo, hi, NULL);
    return err;
}

/* Ceiling: areas above P*(1+ceiling) are cut to it and what that frees
 * goes to the others in proportion to their formula figures; repeated
 * until no area is above its ceiling (each round caps at least one more). */
static abg_error apply_ceiling(const abg_model *m, mpq_t *x,
                               const mpq_t *formula, abg_diag *diag)
{
    size_t n = m->n_areas;
    mpq_t *cap = malloc(n * sizeof *cap), freed, shares, t;
    bool *capped = calloc(n, sizeof *capped);
    abg_error err = ABG_OK;

    if (!cap || !capped) {
        free(cap), free(capped);
        return ABG_ERROR_MEMORY;
    }
    mpq_inits(freed, shares, t, NULL);
    for (size_t a = 0; a < n; a++) {
        mpq_init(cap[a]);
        limit_of(cap[a], m->areas[a].previous, m->damping.ceiling, m->round_to,
                 false);
    }
    for (;;) {
        mpq_set_ui(freed, 0, 1);
        mpq_set_ui(shares, 0, 1);
        for (size_t a = 0; a < n; a++)
            if (!capped[a] && mpq_cmp(x[a], cap[a]) > 0) {
                mpq_sub(t, x[a], cap[a]);
                mpq_add(freed, freed, t);
                mpq_set(x[a], cap[a]);
                capped[a] = true;
            }
        if (mpq_sgn(freed) == 0)
            break;
        for (size_t a = 0; a < n; a++)
            if (!capped[a])
                mpq_add(shares, shares, formula[a]);
        if (mpq_sgn(shares) == 0) {
            err = no_room(m, capped, freed, diag);
            break;
        }
        for (size_t a = 0; a < n; a++)
            if (!capped[a]) {
                mpq_mul(t, freed, formula[a]);
                mpq_div(t, t, shares);
                mpq_add(x[a], x[a], t);
            }
    }
    for (size_t a = 0; a < n; a++)
        mpq_clear(cap[a]);
    free(cap), free(capped);
    mpq_clears(freed, shares, t, NULL);
    return err;
}

/* Minimum: areas below it are fixed at it and the rest of the pot is
 * shared among the others in proportion to their figures before this
 * step, repeated until no other area falls below. */
static abg_error apply_minimum(const abg_model *m, mpq_t *x, abg_diag *diag)
{
    size_t n = m->n_areas, n_fixed = 0;
    int64_t minimum;
    mpq_t *before = malloc(n * sizeof *before), min, rest, shares;
    bool *fixed = calloc(n, sizeof *fixed), changed = true;
    abg_error err = ABG_OK;

    if (!before || !fixed) {
        free(before), free(fixed);
        return ABG_ERROR_MEMORY;
    }
    mpq_inits(min, rest, shares, NULL);
    /* Up to a whole unit, like the floor, so rounding cannot undercut it. */
    minimum =
        (m->damping.minimum + m->round_to - 1) / m->round_to * m->round_to;
    mpq_set_si(min, (long)minimum, 1);
    for (size_t a = 0; a < n; a++) {
        mpq_init(before[a]);
        mpq_set(before[a], x[a]);
    }
    if ((__int128)minimum * (__int128)n > m->pot) {
        char need[48], pot[48];
        abg_money_format(need, sizeof need, minimum * (int64_t)n,
                         abg_money_symbol(m->currency), true, false, false);
        abg_money_format(pot, sizeof pot, m->pot,
                         abg_money_symbol(m->currency), true, false, false);
        err = abg_diag_set(diag, ABG_ERROR_MODEL, m->file,
                           m->damping.minimum_line,
                           "lower the minimum or raise the pot",
                           "the minimum cannot be met: %zu areas at the "
                           "minimum need %s, more than the pot %s",
                           n, need, pot);
        changed = false;
    }
    while (changed) {
        changed = false;
        for (size_t a = 0; a < n; a++)
            if (!fixed[a] && mpq_cmp(x[a], min) < 0) {
                fixed[a] = true;
                n_fixed++;
                changed = true;
            }
        if (!changed)
            break;
        mpq_set_si(rest, (long)(m->pot - minimum * (int64_t)n_fixed), 1);
        mpq_set_ui(shares, 0, 1);
        for (size_t a = 0; a < n; a++)
            if (!fixed[a])
                mpq_add(shares, shares, before[a]);
        for (size_t a = 0; a < n; a++) {
            if (fixed[a]) {
                mpq_set(x[a], min);
            } else if (mpq_sgn(shares) != 0) {
                mpq_mul(x[a], before[a], rest);
                mpq_div(x[a], x[a], shares);
            }
        }
    }
    for (size_t a = 0; a < n; a++)
        mpq_clear(before[a]);
    free(before), free(fixed);
    mpq_clears(min, rest, shares, NULL);
    return err;
}

abg_error abg_damping_apply(const abg_model *m, mpq_t *x, mpq_t *stages,
                            mpq_t floor_factor, abg_diag *diag)
{
    const abg_damping *d = &m->damping;
    size_t n = m->n_areas;
    mpq_t *formula = stages + (size_t)ABG_STAGE_FORMULA * n;
    abg_error err = ABG_OK;

    for (size_t a = 0; a < n; a++)
        mpq_set(formula[a], x[a]);
    mpq_set_ui(floor_factor, 1, 1);
    if (d->has_floor && d->has_ceiling)
        err = levels_cross(m, diag);
    if (!err && d->has_pace)
        apply_pace(m, x);
    for (size_t a = 0; a < n; a++)
        mpq_set(stages[(size_t)ABG_STAGE_PACE * n + a], x[a]);
    if (!err && d->has_floor)
        err = apply_floor(m, x, floor_factor, diag);
    for (size_t a = 0; a < n; a++)
        mpq_set(stages[(size_t)ABG_STAGE_FLOOR * n + a], x[a]);
    if (!err && d->has_ceiling)
        err = apply_ceiling(m, x, formula, diag);
    for (size_t a = 0; a < n; a++)
        mpq_set(stages[(size_t)ABG_STAGE_CEILING * n + a], x[a]);
    if (!err && d->has_minimum)
        err = apply_minimum(m, x, diag);
    for (size_t a = 0; a < n; a++)
        mpq_set(stages[(size_t)ABG_STAGE_MINIMUM * n + a], x[a]);
    if (err == ABG_ERROR_MEMORY)
        abg_diag_set(diag, err, m->file, 0, NULL, "out of memory");
    return err;
}
