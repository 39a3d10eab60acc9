/*
 * xlsx_rounding_exact.c - abgcalc's largest-remainder roundings exactly,
 * for the Rounding sheet: the units, cut-offs and remainders its cells
 * cache, and the near-ties a spreadsheet's doubles cannot tell apart, as
 * warnings naming the areas. Worked again in GMP rationals, or, where a
 * value's fraction is long (a share of a rate: tens of thousands of
 * digits), read from abgcalc's result and its exact comparisons.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h> /* fabs */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rank.h"
#include "xlsx_internal.h"

/* Areas named in a near-tie warning before "and N more". */
#define NAMED_MAX 12

/* The exact value as a rational (pounds, or plain for indicators);
 * false when memory runs out. */
static bool exact_q(mpq_t out, const abg_xlsx *x, abg_exact_what what,
                    size_t area, size_t component)
{
    char small[256], *buf = small;
    int len =
        abg_result_exact(x->r, what, area, component, -1, small, sizeof small);

    if (len >= (int)sizeof small) {
        buf = malloc((size_t)len + 1);
        if (!buf)
            return false;
        abg_result_exact(x->r, what, area, component, -1, buf,
                         (size_t)len + 1);
    }
    mpq_set_str(out, buf, 10);
    mpq_canonicalize(out);
    if (buf != small)
        free(buf);
    return true;
}

/* Allocates a rounding for n values; false when memory runs out. */
bool abg_xlsx_rounding_init(abg_xlsx_rounding *g, size_t n)
{
    size_t m = n ? n : 1;

    memset(g, 0, sizeof *g);
    g->n = n;
    g->cut = n;
    g->column = SIZE_MAX;
    g->remd = malloc(m * sizeof *g->remd);
    g->floors = malloc(m * sizeof *g->floors);
    g->added = calloc(m, sizeof *g->added);
    g->tied = calloc(m, sizeof *g->tied);
    if (!g->remd || !g->floors || !g->added || !g->tied) {
        abg_xlsx_rounding_clear(g);
        return false;
    }
    return true;
}

/* Frees a rounding; accepts one that failed to initialise. */
void abg_xlsx_rounding_clear(abg_xlsx_rounding *g)
{
    for (size_t i = 0; g->rem && i < g->n; i++)
        mpq_clear(g->rem[i]);
    free(g->rem), free(g->remd), free(g->floors);
    free(g->added), free(g->tied);
    memset(g, 0, sizeof *g);
}

/* Makes g's n rationals, each 0; false when memory runs out. */
static bool rationals(abg_xlsx_rounding *g)
{
    g->rem = malloc((g->n ? g->n : 1) * sizeof *g->rem);
    if (!g->rem)
        return false;
    for (size_t i = 0; i < g->n; i++)
        mpq_init(g->rem[i]);
    return true;
}

/* Rounds g->rem (the values) to `target` units by largest remainder, ties
 * to the earlier row, leaving each value's remainder in its place (one
 * rational an area, not two: a million areas keep tens of MB less);
 * false when memory runs out. */
static bool rounding_run(abg_xlsx_rounding *g, int64_t target)
{
    size_t *order = malloc((g->n ? g->n : 1) * sizeof *order);
    size_t *tmp = malloc((g->n ? g->n : 1) * sizeof *tmp);
    bool ok = order && tmp;
    mpz_t left, fl;
    mpq_t q;

    if (!ok)
        goto out;
    mpz_init_set_si(left, (long)target);
    mpz_init(fl);
    mpq_init(q);
    for (size_t i = 0; i < g->n; i++) {
        mpz_fdiv_q(fl, mpq_numref(g->rem[i]), mpq_denref(g->rem[i]));
        g->floors[i] = mpz_get_si(fl);
        mpq_set_z(q, fl);
        mpq_sub(g->rem[i], g->rem[i], q);
        g->remd[i] = mpq_get_d(g->rem[i]);
        mpz_sub(left, left, fl);
        order[i] = i;
    }
    mpz_clear(fl);
    mpq_clear(q);
    abg_rank_desc(order, tmp, g->n, g->rem);
    g->left = mpz_get_si(left);
    mpz_clear(left);
    g->cutoff = 2;
    g->above = 0;
    g->cut = g->n;
    if (g->left > 0 && (size_t)g->left <= g->n) {
        g->cut = order[g->left - 1];
        g->cutoff = g->remd[g->cut];
        for (size_t i = 0; i < g->n; i++) {
            int cmp = mpq_cmp(g->rem[i], g->rem[g->cut]);
            g->above += cmp > 0;
            g->tied[i] = cmp == 0;
        }
        for (int64_t k = 0; k < g->left; k++)
            g->added[order[k]] = true;
    }
out:
    free(order);
    free(tmp);
    return ok;
}

/* Row a's exact remainder in g's units (of round_to, or pence for a
 * column); false when memory runs out. */
static bool exact_remainder(mpq_t out, const abg_xlsx *x,
                            const abg_xlsx_rounding *g, size_t a)
{
    bool column = g->column != SIZE_MAX;

    if (!exact_q(out, x, column ? ABG_EXACT_QUOTA : ABG_EXACT_REMAINDER, a,
                 column ? g->column : 0))
        return false;
    /* pounds to units, or to pence less the floor */
    mpz_mul_ui(mpq_numref(out), mpq_numref(out), 100);
    if (column) {
        mpz_t f;
        mpz_init_set_si(f, (long)g->floors[a]);
        mpz_submul(mpq_numref(out), mpq_denref(out), f);
        mpz_clear(f);
    } else {
        mpz_mul_si(mpq_denref(out), mpq_denref(out), (long)x->m->round_to);
    }
    mpq_canonicalize(out);
    return true;
}

/* The sign of row a's remainder less row b's, exactly, by the result. */
static int compare(const abg_xlsx_rounding *g, size_t a, size_t b)
{
    if (g->column == SIZE_MAX)
        return abg_result_compare_remainders(g->r, a, b);
    return abg_result_compare_quota_remainders(g->r, g->column, a, b);
}

/* Whether row i's remainder lies within tol of the cut-off (1) or not
 * (0), with *differs set when it is not equal to it; -1 when memory runs
 * out. The result's rounding decides from the doubles, which are within
 * a few 10^-16 of the exact remainders, unless they land that close to
 * tol; then, and for equality, the exact values do. */
static int near_cut(const abg_xlsx *x, const abg_xlsx_rounding *g, size_t i,
                    double tol, bool *differs)
{
    double dd = g->remd[i] - g->remd[g->cut];
    mpq_t d, c;
    int near;

    if (g->rem) {
        mpq_init(d);
        mpq_sub(d, g->rem[i], g->rem[g->cut]);
        near = fabs(mpq_get_d(d)) < tol;
        *differs = mpq_sgn(d) != 0;
        mpq_clear(d);
        return near;
    }
    if (fabs(fabs(dd) - tol) > 1e-14) {
        near = fabs(dd) < tol;
    } else {
        mpq_inits(d, c, NULL);
        near = exact_remainder(d, x, g, i) && exact_remainder(c, x, g, g->cut);
        if (near) {
            mpq_sub(d, d, c);
            near = fabs(mpq_get_d(d)) < tol;
        } else {
            near = -1;
        }
        mpq_clears(d, c, NULL);
    }
    *differs = dd != 0 || compare(g, i, g->cut) != 0;
    return near;
}

/* The areas whose remainders lie within `tol` of the cut-off without all
 * being equal to it, as a warning naming them and what abgcalc gave each;
 * NULL when there are none (or memory ran out, with *ok cleared). */
char *abg_xlsx_near_ties(const abg_xlsx *x, const abg_xlsx_rounding *g,
                         double tol, const char *what, bool *ok)
{
    char *text = NULL;
    size_t size = 0, named = 0, near = 0;
    bool inexact = false, differs;

    if (g->cut >= g->n)
        return NULL;
    for (int pass = 0; pass < 2 && *ok && (pass == 0 || inexact); pass++)
        for (size_t i = 0; i < g->n && *ok; i++) {
            int close = near_cut(x, g, i, tol, &differs);
            if (close < 0)
                *ok = false;
            if (close <= 0)
                continue;
            if (pass == 0) {
                near++;
                inexact = inexact || differs;
                continue;
            }
            if (named++ < NAMED_MAX)
                *ok =
                    abg_xlsx_append(&text, &size, "%s%s (%s)",
                                    named > 1 ? ", " : "", x->m->areas[i].name,
                                    g->added[i] ? "abgcalc gives it the unit"
                                                : "abgcalc does not");
        }
    if (!inexact || !*ok) {
        free(text);
        return NULL;
    }
    if (named > NAMED_MAX)
        *ok =
            abg_xlsx_append(&text, &size, " and %zu more", named - NAMED_MAX);
    if (*ok) {
        char *head = NULL;
        size_t hsize = 0;
        *ok = abg_xlsx_append(
            &head, &hsize,
            "Warning (%s): %zu remainders lie within %s of a unit of "
            "the cut-off and are not all equal, closer than a "
            "spreadsheet's doubles reliably tell apart, so after "
            "recalculating this workbook may hand the last units "
            "to others among them than abgcalc, which decides "
            "exactly: %s. The cached figures are abgcalc's.",
            what, near,
            tol > ABG_XLSX_CLOSE_FLOAT ? "10^-6"
                : tol > ABG_XLSX_CLOSE ? "10^-9"
                                       : "10^-12",
            text);
        free(text);
        return *ok ? head : NULL;
    }
    free(text);
    return NULL;
}

/* The rounding of the area totals read from the result: its floors, its
 * ranks (the units go to ranks 1 to left), each remainder as a double and
 * exact comparisons where doubles are equal (truncation keeps order, so
 * unequal doubles order their remainders). False when the ranks do not
 * name the cut-off row. */
static bool totals_from_result(const abg_xlsx *x, abg_xlsx_rounding *g)
{
    const abg_result *r = x->r;
    int64_t unit = x->m->round_to;

    g->r = r;
    g->left = x->m->pot / unit;
    g->cutoff = 2;
    g->above = 0;
    g->cut = g->n;
    for (size_t a = 0; a < g->n; a++) {
        g->floors[a] = r->areas[a].floor / unit;
        g->left -= g->floors[a];
        g->remd[a] = abg_result_remainder_units(r, a);
    }
    if (g->left <= 0 || (size_t)g->left > g->n)
        return true;
    for (size_t a = 0; a < g->n; a++) {
        g->added[a] = r->areas[a].rank <= (size_t)g->left;
        if (r->areas[a].rank == (size_t)g->left)
            g->cut = a;
    }
    if (g->cut == g->n)
        return false;
    g->cutoff = g->remd[g->cut];
    for (size_t a = 0; a < g->n; a++) {
        double d = g->remd[a], cut = g->cutoff;
        int cmp = d > cut ? 1 : d < cut ? -1 : compare(g, a, g->cut);
        g->above += cmp > 0;
        g->tied[a] = cmp == 0;
    }
    return true;
}

bool abg_xlsx_rounding_totals_by(const abg_xlsx *x, abg_xlsx_rounding *g,
                                 bool from_result)
{
    mpq_t unit;
    bool ok;

    if (from_result && totals_from_result(x, g))
        return true;
    g->r = NULL;
    memset(g->added, 0, (g->n ? g->n : 1) * sizeof *g->added);
    if (!rationals(g))
        return false;
    ok = true;
    mpq_init(unit);
    mpq_set_si(unit, (long)x->m->round_to, 100); /* pounds */
    for (size_t a = 0; a < x->m->n_areas && ok; a++) {
        ok = exact_q(g->rem[a], x, ABG_EXACT_TOTAL, a, 0);
        mpq_div(g->rem[a], g->rem[a], unit);
    }
    ok = ok && rounding_run(g, x->m->pot / x->m->round_to);
    mpq_clear(unit);
    return ok;
}

/* The exact rounding of the area totals, in units of round_to: from the
 * result when some total's fraction is long (a rate's: working it again
 * in GMP costs a long fraction an area), else again in GMP; false when
 * memory runs out. */
bool abg_xlsx_rounding_totals(const abg_xlsx *x, abg_xlsx_rounding *g)
{
    bool long_total = false;

    for (size_t a = 0; a < x->m->n_areas && !long_total; a++)
        long_total = abg_result_exact_long(x->r, ABG_EXACT_TOTAL, a, 0);
    return abg_xlsx_rounding_totals_by(x, g, long_total);
}

/* The penny rounding of component c read from the result: each share's
 * whole pence and remainder (a double from bounds), the pennies the
 * result added (its cells less the floors), and as the cut-off the
 * smallest remainder that got one (the last row among equal ones). False
 * when the result's pennies do not fit that. */
static bool column_from_result(const abg_xlsx *x, size_t c,
                               abg_xlsx_rounding *g)
{
    const abg_result *r = x->r;
    size_t nc = x->m->n_components, lifted = 0;

    g->r = r;
    g->column = c;
    g->left = x->m->components[c].amount;
    g->cutoff = 2;
    g->above = 0;
    g->cut = g->n;
    for (size_t a = 0; a < g->n; a++) {
        int64_t extra;
        g->remd[a] = abg_result_quota_remainder(r, a, c, &g->floors[a]);
        g->left -= g->floors[a];
        extra = r->cells[a * nc + c] - g->floors[a];
        if (extra != 0 && extra != 1)
            return false;
        g->added[a] = extra == 1;
        lifted += g->added[a];
        if (g->added[a] &&
            (g->cut == g->n || g->remd[a] < g->remd[g->cut] ||
             (g->remd[a] == g->remd[g->cut] && compare(g, a, g->cut) <= 0)))
            g->cut = a;
    }
    if (g->left <= 0 || (size_t)g->left > g->n)
        return lifted == 0;
    if (lifted != (size_t)g->left)
        return false;
    g->cutoff = g->remd[g->cut];
    for (size_t a = 0; a < g->n; a++) {
        double d = g->remd[a], cut = g->cutoff;
        int cmp = d > cut ? 1 : d < cut ? -1 : compare(g, a, g->cut);
        g->above += cmp > 0;
        g->tied[a] = cmp == 0;
    }
    return true;
}

bool abg_xlsx_rounding_column_by(const abg_xlsx *x, size_t c,
                                 abg_xlsx_rounding *g, bool from_result)
{
    bool ok;

    if (from_result && column_from_result(x, c, g))
        return true;
    g->r = NULL;
    g->column = SIZE_MAX;
    memset(g->added, 0, (g->n ? g->n : 1) * sizeof *g->added);
    ok = rationals(g);
    for (size_t a = 0; a < x->m->n_areas && ok; a++) {
        ok = exact_q(g->rem[a], x, ABG_EXACT_QUOTA, a, c);
        /* pounds to pence */
        mpz_mul_ui(mpq_numref(g->rem[a]), mpq_numref(g->rem[a]), 100);
        mpq_canonicalize(g->rem[a]);
    }
    return ok && rounding_run(g, x->m->components[c].amount);
}

/* The exact penny rounding of component c: from the result when some
 * share's fraction is long, else again in GMP; false when memory runs
 * out. */
bool abg_xlsx_rounding_column(const abg_xlsx *x, size_t c,
                              abg_xlsx_rounding *g)
{
    bool long_share = false;

    for (size_t a = 0; a < x->m->n_areas && !long_share; a++)
        long_share = abg_result_exact_long(x->r, ABG_EXACT_QUOTA, a, c);
    return abg_xlsx_rounding_column_by(x, c, g, long_share);
}

/* True when some component's numerator (amount in pence × whole
 * indicator) or unit divisor reaches 2^53, past which a double no longer
 * holds every whole number; names the first such component in buf. */
bool abg_xlsx_beyond_2_53(const abg_xlsx *x, char *buf, size_t size)
{
    const abg_model *m = x->m;
    bool big = false;
    mpz_t v, top, sum, limit;

    mpz_inits(v, top, sum, limit, NULL);
    mpz_ui_pow_ui(limit, 2, 53);
    for (size_t c = 0; !big && c < m->n_components; c++) {
        const abg_component *comp = &m->components[c];
        int sc;
        if (comp->method == ABG_METHOD_EVEN)
            continue;
        sc = x->indicator_scale[comp->indicator];
        mpz_set_ui(top, 0);
        mpz_set_ui(sum, 0);
        for (size_t a = 0; a < m->n_areas; a++) {
            const abg_decimal *d = &m->areas[a].values[comp->indicator];
            mpz_ui_pow_ui(v, 10, (unsigned long)(sc - d->scale));
            mpz_mul_si(v, v, (long)d->units);
            mpz_add(sum, sum, v);
            if (mpz_cmp(v, top) > 0)
                mpz_set(top, v);
        }
        mpz_mul_si(top, top, (long)comp->amount);
        mpz_mul_si(sum, sum, (long)m->round_to);
        if (mpz_cmp(top, limit) >= 0 || mpz_cmp(sum, limit) >= 0) {
            big = true;
            snprintf(buf, size, "%s", comp->title);
        }
    }
    mpz_clears(v, top, sum, limit, NULL);
    return big;
}
