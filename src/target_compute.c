/*
 * target_compute.c - each step's rule applied exactly, each published cell
 * and each sum compared with it.
 *
 * SPDX-License-Identifier: MIT
 *
 * A target is base x (100 + change) / 100, computed as an integer count of
 * units at base.scale + change.scale + 2 places (GMP, so nothing can
 * overflow), then rounded to the figure's places by its rule:
 *   down    - toward minus infinity: 519 less 6% = 487.86 gives 487;
 *   up      - toward plus infinity: 487.86 gives 488;
 *   nearest - halves away from zero, as a spreadsheet's ROUND:
 *             7.16 less 6% = 6.7304 gives 6.73 at 2 places, and 258.5
 *             gives 259 at 0 places.
 * The rule is applied as written and never adjusted to meet a printed
 * figure: a printed cell that differs is reported, not absorbed.
 */
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "target_internal.h"

/* Sets z to n's units scaled up to `scale` places (scale >= n.scale). */
static void to_scale(mpz_t z, abg_target_number n, int scale)
{
    uint64_t mag = n.units < 0 ? -(uint64_t)n.units : (uint64_t)n.units;
    mpz_t p;

    /* mpz_import, not mpz_set_si: a long may be 32 bits. */
    mpz_import(z, 1, 1, sizeof mag, 0, 0, &mag);
    if (n.units < 0)
        mpz_neg(z, z);
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, (unsigned long)(scale - n.scale));
    mpz_mul(z, z, p);
    mpz_clear(p);
}

/* Stores z as an int64 count; false when it does not fit. */
static bool from_mpz(int64_t *out, const mpz_t z)
{
    uint64_t mag = 0;
    size_t count = 0;

    if (mpz_sizeinbase(z, 2) > 63)
        return false;
    mpz_export(&mag, &count, 1, sizeof mag, 0, 0, z);
    *out = mpz_sgn(z) < 0 ? -(int64_t)mag : (int64_t)mag;
    return true;
}

/* Writes z / 10^scale as a decimal with no trailing zeros; returns a new
 * string or NULL when out of memory. */
static char *decimal_text(const mpz_t z, int scale)
{
    char *digits = mpz_get_str(NULL, 10, z), *out, *d;
    bool negative = digits && digits[0] == '-';
    size_t len, pad;

    if (!digits)
        return NULL;
    d = digits + negative;
    len = strlen(d);
    while (scale > 0 && len > 1 && d[len - 1] == '0')
        d[--len] = '\0', scale--;
    if (scale > 0 && len == 1 && d[0] == '0')
        scale = 0;
    pad = (size_t)scale >= len ? (size_t)scale - len + 1 : 0;
    out = malloc(len + pad + 3);
    if (out) {
        size_t whole = len + pad - (size_t)scale, o = 0;
        if (negative)
            out[o++] = '-';
        for (size_t i = 0; i < len + pad; i++) {
            if (i == whole && scale > 0)
                out[o++] = '.';
            out[o++] = i < pad ? '0' : d[i - pad];
        }
        out[o] = '\0';
    }
    free(digits);
    return out;
}

/* Rounds exact (at `scale` places) to `places` by the rule. */
static void round_rule(mpz_t out, const mpz_t exact, int scale, int places,
                       abg_target_rounding rule)
{
    mpz_t p, r;

    mpz_inits(p, r, NULL);
    if (places >= scale) {
        mpz_ui_pow_ui(p, 10, (unsigned long)(places - scale));
        mpz_mul(out, exact, p);
    } else {
        mpz_ui_pow_ui(p, 10, (unsigned long)(scale - places));
        if (rule == ABG_TARGET_DOWN) {
            mpz_fdiv_q(out, exact, p);
        } else if (rule == ABG_TARGET_UP) {
            mpz_cdiv_q(out, exact, p);
        } else {
            /* Half away from zero: |exact| + p/2, truncated, signed. */
            mpz_abs(r, exact);
            mpz_mul_ui(r, r, 2);
            mpz_add(r, r, p);
            mpz_mul_ui(p, p, 2);
            mpz_tdiv_q(out, r, p);
            if (mpz_sgn(exact) < 0)
                mpz_neg(out, out);
        }
    }
    mpz_clears(p, r, NULL);
}

/* Returns true when a and b are different numbers (scales may differ). */
static bool numbers_differ(abg_target_number a, abg_target_number b)
{
    int scale = a.scale > b.scale ? a.scale : b.scale;
    mpz_t x, y;
    bool differ;

    mpz_inits(x, y, NULL);
    to_scale(x, a, scale);
    to_scale(y, b, scale);
    differ = mpz_cmp(x, y) != 0;
    mpz_clears(x, y, NULL);
    return differ;
}

/* The figure a cell shows: the printed one, else the rule's. */
static const abg_target_number *shown(const abg_target_cell *c)
{
    return c->has_published ? &c->published : c->has_rule ? &c->rule : NULL;
}

/* Applies one step to one cell of one area. */
static abg_error apply_step(abg_target *t, size_t a, size_t f, size_t y,
                            abg_diag *diag)
{
    const abg_target_year *year = &t->years[y];
    const abg_target_figure *fig = &t->figures[f];
    abg_target_cell *cells = t->areas[a].cells;
    abg_target_cell *cell = &cells[f * t->n_years + y];
    const abg_target_cell *base = &cells[f * t->n_years + year->base];
    const abg_target_number *b = t->years[year->base].is_step
        ? (base->has_rule ? &base->rule : NULL)
        : (base->has_published ? &base->published : NULL);
    abg_target_number factor;
    int scale;
    mpz_t exact, fz, rounded;
    abg_error err = ABG_OK;

    if (!b)
        return ABG_OK; /* no base: nothing to compute (checked at build) */
    factor.scale = year->change.scale;
    factor.units = 100 * abg_target_pow10(factor.scale) + year->change.units;
    scale = b->scale + factor.scale + 2;
    mpz_inits(exact, fz, rounded, NULL);
    to_scale(exact, *b, b->scale);
    to_scale(fz, factor, factor.scale);
    mpz_mul(exact, exact, fz);
    round_rule(rounded, exact, scale, fig->places, fig->rounding);
    free(cell->exact);
    cell->exact = decimal_text(exact, scale);
    cell->rule.scale = fig->places;
    if (!cell->exact)
        err = abg_diag_set(diag, ABG_ERROR_MEMORY, t->file, cell->line, NULL,
                           "out of memory");
    else if (!from_mpz(&cell->rule.units, rounded))
        err = abg_diag_set(diag, ABG_ERROR_OVERFLOW, t->file,
                           cell->line ? cell->line : year->line,
                           "use fewer places or smaller figures",
                           "%s %s %s is too large to hold exactly",
                           t->areas[a].name, year->name, fig->name);
    else
        cell->has_rule = true;
    cell->differs = cell->has_rule && cell->has_published &&
        numbers_differ(cell->published, cell->rule);
    mpz_clears(exact, fz, rounded, NULL);
    return err;
}

/* Adds up one sum's parts for its k-th year. */
static abg_error add_sum(abg_target *t, abg_target_sum *s, size_t k,
                         abg_diag *diag)
{
    size_t y = s->years[k], f = s->figure;
    const abg_target_number *total =
        shown(&t->areas[s->total].cells[f * t->n_years + y]);
    int scale = total ? total->scale : 0;
    mpz_t sum, z;
    abg_error err = ABG_OK;

    for (size_t a = 0; a < t->n_areas; a++) {
        const abg_target_number *n =
            shown(&t->areas[a].cells[f * t->n_years + y]);
        if (n && n->scale > scale)
            scale = n->scale;
    }
    mpz_inits(sum, z, NULL);
    for (size_t a = 0; a < t->n_areas; a++) {
        const abg_target_number *n =
            shown(&t->areas[a].cells[f * t->n_years + y]);
        if (a == s->total || !n)
            continue;
        to_scale(z, *n, scale);
        mpz_add(sum, sum, z);
    }
    s->parts[k].scale = scale;
    if (!from_mpz(&s->parts[k].units, sum))
        err = abg_diag_set(diag, ABG_ERROR_OVERFLOW, t->file, s->line, NULL,
                           "[sum %s] is too large to hold exactly", s->name);
    s->differs[k] = !err && (!total || numbers_differ(s->parts[k], *total));
    mpz_clears(sum, z, NULL);
    return err;
}

/* Applies every rule and adds up every sum, exactly. */
abg_error abg_target_compute(abg_target *t, abg_diag *diag)
{
    abg_error err = ABG_OK;

    /* Years in column order: a step's base is always an earlier year. */
    for (size_t y = 0; y < t->n_years && !err; y++)
        for (size_t a = 0; t->years[y].is_step && a < t->n_areas && !err; a++)
            for (size_t f = 0; f < t->n_figures && !err; f++)
                err = apply_step(t, a, f, y, diag);
    for (size_t i = 0; i < t->n_sums && !err; i++)
        for (size_t k = 0; k < t->sums[i].n_years && !err; k++)
            err = add_sum(t, &t->sums[i], k, diag);
    return err;
}

/* Writes n as a plain decimal with its places: 487, 6.73, -6. */
char *abg_target_number_format(char *buf, size_t size, abg_target_number n)
{
    uint64_t mag = n.units < 0 ? -(uint64_t)n.units : (uint64_t)n.units;
    uint64_t p = (uint64_t)abg_target_pow10(n.scale);

    if (n.scale == 0)
        snprintf(buf, size, "%s%llu", n.units < 0 ? "-" : "",
                 (unsigned long long)mag);
    else
        snprintf(buf, size, "%s%llu.%0*llu", n.units < 0 ? "-" : "",
                 (unsigned long long)(mag / p), n.scale,
                 (unsigned long long)(mag % p));
    return buf;
}
