/*
 * alloc_totals.c - area totals alone, for many variants of one model (a
 * sweep): the weights gathered once, no findings, no exact values kept.
 *
 * SPDX-License-Identifier: MIT
 *
 * The figures are those of alloc.c's fast path, by the same functions
 * (quota.c): exact quotas in machine integers, the totals floored to the
 * unit, and the units left handed to the largest exact remainders, equal
 * ones in file order. Anything this path does not decide (see alloc.h) is
 * left to abg_alloc_compute(), so no figure ever comes from two rules.
 */
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "abg/alloc.h"
#include "quota.h"
#include "rank.h"

struct abg_alloc_prep {
    abg_quota *q;             /* weights kept; quotas refilled per use */
    uint64_t *factor;         /* [c * n_areas + area]: floor(w * 2^64 /
                                 (sum * unit)), proportional components */
    int64_t factor_unit;      /* the unit factor was made for; 0: none */
    bool no_factor;           /* a factor would need 65 bits: never */
    mpq_t *exact;             /* per band area: its exact remainder */
    size_t n_exact;           /* how many of exact are initialised */
    size_t *band;             /* per area: the band's areas */
    uint64_t *fkey;           /* per area: the fixed-point path's keys */
    abg_area_rounding *areas; /* per area: floor and nearest */
    size_t *order;            /* per area: rank order, or the band */
    size_t *tmp;              /* per area: scratch for sorting the band */
    uint64_t *keys;           /* per area: scratch for selection */
};

/* Frees what abg_alloc_prepare() made (alloc.h). */
void abg_alloc_prep_free(abg_alloc_prep *p)
{
    if (!p)
        return;
    abg_quota_free(p->q);
    free(p->factor);
    for (size_t i = 0; i < p->n_exact; i++)
        mpq_clear(p->exact[i]);
    free(p->exact);
    free(p->band);
    free(p->fkey);
    free(p->areas);
    free(p->order);
    free(p->tmp);
    free(p->keys);
    free(p);
}

/* Gathers the weights once (alloc.h). */
abg_error abg_alloc_prepare(abg_alloc_prep **out, const abg_model *m)
{
    abg_alloc_prep *p = calloc(1, sizeof *p);
    abg_error err = ABG_ERROR_MEMORY;

    *out = NULL;
    if (!p)
        goto out;
    p->areas = calloc(m->n_areas + 1, sizeof *p->areas);
    p->order = calloc(m->n_areas + 1, sizeof *p->order);
    p->tmp = calloc(m->n_areas + 1, sizeof *p->tmp);
    p->keys = calloc(m->n_areas + 1, sizeof *p->keys);
    p->band = calloc(m->n_areas + 1, sizeof *p->band);
    p->fkey = calloc(m->n_areas + 1, sizeof *p->fkey);
    if (!p->areas || !p->order || !p->tmp || !p->keys || !p->band || !p->fkey)
        goto out;
    err = m->n_areas == 0 ? ABG_ERROR_OVERFLOW : abg_quota_prepare(&p->q, m);
out:
    if (err) {
        abg_alloc_prep_free(p);
        return err;
    }
    *out = p;
    return ABG_OK;
}

/* Buckets of the first pass of select_desc(): the top 11 bits of a key.
 * Keys are below (unit + 2 * components) << precision <= 2^62 (quota.c);
 * a larger one would go in the top bucket, which keeps the order. */
#define BUCKET_BITS 11
#define BUCKET_SHIFT (62 - BUCKET_BITS)
#define BUCKET_TOP (((size_t)1 << BUCKET_BITS) - 1)
/* The same buckets for keys of all 64 bits (the fixed-point path). */
#define BUCKET_SHIFT_64 (64 - BUCKET_BITS)

/* A key's bucket: buckets in the keys' order. */
static inline size_t bucket(uint64_t key, int shift)
{
    uint64_t b = key >> shift;

    return b > BUCKET_TOP ? BUCKET_TOP : (size_t)b;
}

/* The bucket that holds the k-th largest (k from 0) key, each bucket's
 * count given; *above: how many keys lie in the buckets above it. */
static size_t cut_bucket(const uint32_t *count, size_t k, size_t *above)
{
    size_t b = BUCKET_TOP;

    *above = 0;
    while (*above + count[b] <= k)
        *above += count[b--];
    return b;
}

/* The k-th largest (k from 0) of the m values of v, by Hoare's
 * selection; v is reordered. */
static uint64_t select_in(uint64_t *v, size_t m, size_t k)
{
    size_t lo = 0, hi = m - 1;

    while (lo < hi) {
        uint64_t pivot = v[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] > pivot)
                i++;
            while (v[j] < pivot)
                j--;
            if (i <= j) {
                uint64_t t = v[i];
                v[i] = v[j], v[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return v[k];
    }
    return v[k];
}

/* The k-th largest (k from 0) of the n keys, each bucket's count given
 * (key >> shift, the top bucket holding any larger key): the bucket that
 * holds it found from the counts, then Hoare's selection among the keys
 * of that bucket alone, copied to v. */
static uint64_t select_counted(const uint64_t *keys, uint64_t *v, size_t n,
                               size_t k, const uint32_t *count, int shift)
{
    size_t above, m = 0;
    size_t b = cut_bucket(count, k, &above);

    for (size_t i = 0; i < n; i++)
        if (bucket(keys[i], shift) == b)
            v[m++] = keys[i];
    return select_in(v, m, k - above);
}

/* The k-th largest (k from 0) of the n keys, all below 2^62. */
static uint64_t select_desc(const uint64_t *keys, uint64_t *v, size_t n,
                            size_t k)
{
    uint32_t count[BUCKET_TOP + 1] = {0};

    for (size_t i = 0; i < n; i++)
        count[bucket(keys[i], BUCKET_SHIFT)]++;
    return select_counted(keys, v, n, k, count, BUCKET_SHIFT);
}

/* Larger remainder first, then the earlier area (as alloc.c ranks). */
static int before(const void *ctx, size_t a, size_t b)
{
    int c = abg_quota_compare(ctx, a, b);

    return c ? c : (a < b) - (a > b);
}

/*
 * Lifts the `units` areas with the largest exact remainders (equal ones
 * in file order) without sorting them all. With kc the units-th largest
 * key and each exact remainder within the slack above its key: an area
 * whose key is at least kc + slack is above every area whose key is at
 * most kc, of which there are more than n - units, so it is lifted; an
 * area whose key is at most kc - slack is below at least `units` areas,
 * so it is not. The areas between (the band, usually a handful) are
 * sorted exactly and the units left go to the first of them.
 */
static abg_error lift(abg_alloc_prep *p, int64_t *out, int64_t units,
                      int64_t unit)
{
    const abg_quota *q = p->q;
    size_t n = q->n_areas, n_band = 0, high = 0;
    uint64_t kc, slack = q->slack, top, bottom;

    if (units == 0)
        return ABG_OK;
    kc = select_desc(q->key, p->keys, n, (size_t)units - 1);
    top = kc > UINT64_MAX - slack ? UINT64_MAX : kc + slack;
    bottom = kc < slack ? 0 : kc - slack;
    for (size_t a = 0; a < n; a++) {
        uint64_t key = q->key[a];
        if (key >= top && top != UINT64_MAX) {
            out[a] += unit;
            high++;
        } else if (key > bottom || kc < slack) {
            p->order[n_band++] = a;
        }
    }
    abg_rank_by(p->order, p->tmp, n_band, before, q);
    for (size_t i = 0; i < (size_t)units - high; i++)
        out[p->order[i]] += unit;
    return ABG_OK;
}

/*
 * The fixed-point path, tried first. Each proportional component's
 * weight is kept as f = floor(w * 2^64 / (sum * unit)), made once per
 * unit, so that an area's total in units, times 2^64, is at least
 * S = sum of floor(amount * 2^64 / (areas * unit)) over the even
 * components plus sum of amount * f over the others, and less than
 * S + slack, slack = the proportional amounts summed plus the number of
 * even ones (each product falls short by less than its amount, each
 * floor by less than 1). Two multiplications per area and component, no
 * division. The floor is S's whole part unless S's fraction lies within
 * slack of the next whole unit; GMP decides those (about one area in
 * 2^64 / slack). The fraction is the area's key, exact to within slack,
 * so the cut is found as lift() finds it and the band around it ranked
 * by exact remainders computed with GMP.
 */

/* The most components the fixed-point path takes. */
#define FIXED_COMPONENTS 16
/* The largest slack it takes: the band stays a handful of areas. */
#define FIXED_SLACK_MAX ((uint64_t)1 << 60)

/* Makes each proportional component's factors for unit; false when one
 * would need 65 bits (a unit of 1 and one area with all the weight). */
static bool factors_make(abg_alloc_prep *p, int64_t unit)
{
    const abg_quota *q = p->q;
    size_t na = q->n_areas, nc = q->n_components;

    if (!p->factor)
        p->factor = malloc((na * nc + 1) * sizeof *p->factor);
    if (!p->factor)
        return false;
    for (size_t c = 0; c < nc; c++) {
        unsigned __int128 d =
            (unsigned __int128)(uint64_t)q->sum[c] * (uint64_t)unit;
        if (q->even[c] || q->sum[c] <= 0)
            continue;
        for (size_t a = 0; a < na; a++) {
            unsigned __int128 f =
                ((unsigned __int128)q->weights[c * na + a] << 64) / d;
            if (f >> 64) {
                p->no_factor = true;
                return false;
            }
            p->factor[c * na + a] = (uint64_t)f;
        }
    }
    p->factor_unit = unit;
    return true;
}

/* Sets out to area a's exact total in pence less `less`. */
static void exact_total(mpq_t out, const abg_alloc_prep *p, const abg_model *m,
                        size_t a, int64_t less)
{
    const abg_quota *q = p->q;
    size_t na = q->n_areas;
    mpz_t num, den;
    mpq_t t;

    mpz_inits(num, den, NULL);
    mpq_init(t);
    mpq_set_si(out, -less, 1);
    for (size_t c = 0; c < q->n_components; c++) {
        uint64_t amount = (uint64_t)m->components[c].amount;
        if (amount == 0)
            continue;
        mpz_set_ui(num, amount);
        if (q->even[c]) {
            mpz_set_ui(den, na);
        } else {
            mpz_mul_ui(num, num, q->weights[c * na + a]);
            mpz_set_ui(den, (uint64_t)q->sum[c]);
        }
        mpq_set_num(t, num);
        mpq_set_den(t, den);
        mpq_canonicalize(t);
        mpq_add(out, out, t);
    }
    mpq_clear(t);
    mpz_clears(num, den, NULL);
}

/* The band's exact remainders, for ranking them. */
typedef struct band_rank {
    mpq_t *exact;       /* per band position */
    const size_t *area; /* per band position */
} band_rank;

/* Larger exact remainder first, then the earlier area. */
static int band_before(const void *ctx, size_t i, size_t j)
{
    const band_rank *b = ctx;
    int c = mpq_cmp(b->exact[i], b->exact[j]);

    if (c)
        return c > 0 ? 1 : -1;
    return (b->area[i] < b->area[j]) - (b->area[i] > b->area[j]);
}

/* Makes room for n exact remainders; false when out of memory. */
static bool exact_room(abg_alloc_prep *p, size_t n)
{
    if (n <= p->n_exact)
        return true;
    if (!p->exact) {
        p->exact = malloc((p->q->n_areas + 1) * sizeof *p->exact);
        if (!p->exact)
            return false;
    }
    for (; p->n_exact < n; p->n_exact++)
        mpq_init(p->exact[p->n_exact]);
    return true;
}

/* Ranks the n_band areas of p->band (in area order) by their exact
 * remainders, out holding the totals with the `high` areas above the
 * band already lifted, and lifts the first units - high of them. */
static abg_error band_lift(abg_alloc_prep *p, const abg_model *m, int64_t *out,
                           size_t units, size_t high, size_t n_band)
{
    int64_t unit = m->round_to;
    band_rank rank;
    size_t cut;

    /* high < units <= high + n_band: see lift(). */
    if (high >= units || units - high > n_band || !exact_room(p, n_band))
        return ABG_ERROR_OVERFLOW;
    for (size_t i = 0; i < n_band; i++) {
        exact_total(p->exact[i], p, m, p->band[i], out[p->band[i]]);
        p->order[i] = i;
    }
    rank = (band_rank){p->exact, p->band};
    abg_rank_by(p->order, p->tmp, n_band, band_before, &rank);
    cut = units - high;
    /* A tie at the cut is an error under ties = refuse: alloc.c says so. */
    if (m->ties == ABG_TIES_REFUSE && cut < n_band &&
        mpq_equal(p->exact[p->order[cut - 1]], p->exact[p->order[cut]]))
        return ABG_ERROR_OVERFLOW;
    for (size_t i = 0; i < cut; i++)
        out[p->band[p->order[i]]] += unit;
    return ABG_OK;
}

/* Lifts the `units` areas with the largest exact remainders as lift()
 * does, from the fixed-point keys (each within slack below the exact
 * remainder, in 2^-64 units); kc is the units-th largest key. */
static abg_error fixed_lift(abg_alloc_prep *p, const abg_model *m,
                            int64_t *out, size_t units, uint64_t kc,
                            uint64_t slack)
{
    size_t n = p->q->n_areas, n_band = 0, high = 0;
    uint64_t top = kc > UINT64_MAX - slack ? UINT64_MAX : kc + slack;
    uint64_t bottom = kc < slack ? 0 : kc - slack;
    const uint64_t *key = p->fkey;
    int64_t unit = m->round_to;
    bool has_top = top != UINT64_MAX, all_low = kc < slack;

    /* Without branches: which side of the cut a key lies is random. */
    for (size_t a = 0; a < n; a++) {
        bool up = (key[a] >= top) & has_top;
        bool in = (up ^ 1) & ((key[a] > bottom) | all_low);
        out[a] += unit & -(int64_t)up;
        high += up;
        p->band[n_band] = a;
        n_band += in;
    }
    return band_lift(p, m, out, units, high, n_band);
}

/*
 * fixed_lift() with the selection in the same pass, for a slack of at
 * most one bucket (2^53, the usual case): kc lies in bucket b, so a key
 * two buckets above b is more than slack above kc (lifted), one two
 * buckets below more than slack below it (not in the band), as
 * fixed_lift() would find. The keys of buckets b - 1 to b + 1 are kept
 * (their areas in p->order), kc selected from bucket b's, and those
 * areas then sorted out exactly as fixed_lift() sorts them. One pass
 * over the keys and totals instead of two.
 */
static abg_error fixed_cut_lift(abg_alloc_prep *p, const abg_model *m,
                                int64_t *out, size_t units,
                                const uint32_t *count, uint64_t slack)
{
    size_t n = p->q->n_areas, n_near = 0, n_at = 0, n_band = 0, high = 0;
    size_t above, b = cut_bucket(count, units - 1, &above);
    const uint64_t *key = p->fkey;
    size_t *near = p->order;
    int64_t unit = m->round_to;
    uint64_t kc, top, bottom;
    bool has_top, all_low;

    for (size_t a = 0; a < n; a++) {
        size_t bk = (size_t)(key[a] >> BUCKET_SHIFT_64);
        bool up = bk > b + 1;
        out[a] += unit & -(int64_t)up;
        high += up;
        near[n_near] = a;
        n_near += (bk + 1 >= b) & (bk <= b + 1);
    }
    for (size_t i = 0; i < n_near; i++)
        if ((size_t)(key[near[i]] >> BUCKET_SHIFT_64) == b)
            p->keys[n_at++] = key[near[i]];
    kc = select_in(p->keys, n_at, units - 1 - above);
    top = kc > UINT64_MAX - slack ? UINT64_MAX : kc + slack;
    bottom = kc < slack ? 0 : kc - slack;
    has_top = top != UINT64_MAX, all_low = kc < slack;
    for (size_t i = 0; i < n_near; i++) {
        size_t a = near[i];
        bool up = (key[a] >= top) & has_top;
        bool in = (up ^ 1) & ((key[a] > bottom) | all_low);
        out[a] += unit & -(int64_t)up;
        high += up;
        p->band[n_band] = a;
        n_band += in;
    }
    return band_lift(p, m, out, units, high, n_band);
}

/* Whether area a's exact total reaches whole + 1 units: GMP decides a
 * floor in doubt (rare, so kept out of the loop). */
static __attribute__((noinline, cold)) bool
reaches_next(const abg_alloc_prep *p, const abg_model *m, size_t a,
             uint64_t whole)
{
    mpq_t t;
    bool reaches;

    mpq_init(t);
    exact_total(t, p, m, a, 0);
    reaches =
        mpq_cmp_si(t, (long)((whole + 1) * (uint64_t)m->round_to), 1) >= 0;
    mpq_clear(t);
    return reaches;
}

/* Area a's floor in pence from acc (its total in units times 2^64, less
 * under slack); its key (the fraction) stored and counted. */
static inline uint64_t floor_one(const abg_alloc_prep *p, const abg_model *m,
                                 size_t a, unsigned __int128 acc,
                                 uint64_t slack, uint64_t *restrict key,
                                 uint32_t *restrict count)
{
    uint64_t whole = (uint64_t)(acc >> 64), frac = (uint64_t)acc;

    /* The exact total may reach the next unit: GMP decides. */
    if (__builtin_expect(frac >= UINT64_MAX - slack, 0) &&
        reaches_next(p, m, a, whole))
        whole++, frac = 0;
    key[a] = frac;
    count[frac >> BUCKET_SHIFT_64]++;
    return whole * (uint64_t)m->round_to;
}

/* The area totals by the fixed-point path into out; *done false when
 * the path does not apply (the quota path then computes them). */
static abg_error fixed_totals(int64_t *restrict out, abg_alloc_prep *p,
                              const abg_model *m, bool *done)
{
    const abg_quota *q = p->q;
    size_t na = q->n_areas, nc = q->n_components, np = 0;
    uint32_t count[BUCKET_TOP + 1] = {0};
    uint64_t amount[FIXED_COMPONENTS], slack = 0, kc, floor_sum = 0;
    uint64_t *restrict key = p->fkey;
    const uint64_t *factor[FIXED_COMPONENTS];
    unsigned __int128 base = 0;
    int64_t unit = m->round_to, units;

    *done = false;
    if (nc > FIXED_COMPONENTS || p->no_factor ||
        (p->factor_unit != unit && !factors_make(p, unit)))
        return ABG_OK;
    for (size_t c = 0; c < nc; c++) {
        uint64_t amt = (uint64_t)m->components[c].amount;
        if (amt == 0)
            continue;
        if (amt > FIXED_SLACK_MAX || (!q->even[c] && q->sum[c] <= 0))
            return ABG_OK; /* a zero indicator is alloc.c's to report */
        if (q->even[c]) {
            base += ((unsigned __int128)amt << 64) /
                ((unsigned __int128)na * (uint64_t)unit);
            slack += 1;
        } else {
            amount[np] = amt;
            factor[np++] = &p->factor[c * na];
            slack += amt;
        }
        if (slack > FIXED_SLACK_MAX)
            return ABG_OK;
    }
    if (np == 2) { /* the usual shape: the factors' pointers in registers */
        const uint64_t a0 = amount[0], a1 = amount[1];
        const uint64_t *restrict f0 = factor[0], *restrict f1 = factor[1];
        for (size_t a = 0; a < na; a++) {
            uint64_t w = floor_one(p, m, a,
                                   base + (unsigned __int128)a0 * f0[a] +
                                       (unsigned __int128)a1 * f1[a],
                                   slack, key, count);
            out[a] = (int64_t)w;
            floor_sum += w;
        }
    } else {
        for (size_t a = 0; a < na; a++) {
            unsigned __int128 acc = base;
            for (size_t j = 0; j < np; j++)
                acc += (unsigned __int128)amount[j] * factor[j][a];
            uint64_t w = floor_one(p, m, a, acc, slack, key, count);
            out[a] = (int64_t)w;
            floor_sum += w;
        }
    }
    *done = true;
    units = (m->pot - (int64_t)floor_sum) / unit;
    /* Figures that do not add up are alloc.c's to report. */
    if (units < 0 || (size_t)units > na)
        return ABG_ERROR_OVERFLOW;
    if (units == 0)
        return ABG_OK;
    if (slack <= (uint64_t)1 << BUCKET_SHIFT_64)
        return fixed_cut_lift(p, m, out, (size_t)units, count, slack);
    kc = select_counted(p->fkey, p->keys, na, (size_t)units - 1, count,
                        BUCKET_SHIFT_64);
    return fixed_lift(p, m, out, (size_t)units, kc, slack);
}

/* The area totals alone, or ABG_ERROR_OVERFLOW to leave them to
 * abg_alloc_compute() (alloc.h). */
abg_error abg_alloc_totals(int64_t *out, abg_alloc_prep *p, const abg_model *m)
{
    abg_quota *q = p->q;
    size_t na = q->n_areas, zero = 0;
    int64_t unit = m->round_to, floor_sum = 0, units;
    bool done = false;
    abg_error err;

    if (m->n_areas != na || m->n_components != q->n_components ||
        !abg_quota_fits(m) || m->pot % unit != 0)
        return ABG_ERROR_OVERFLOW;
    err = fixed_totals(out, p, m, &done);
    if (done || err)
        return err;
    err = abg_quota_floors(q, m, unit, out, &zero);
    if (err == ABG_ERROR_OVERFLOW) { /* 128-bit products: the plain way */
        if (abg_quota_refill(q, m, &zero) != ABG_OK)
            return ABG_ERROR_OVERFLOW;
        abg_quota_floor_totals(q, unit, p->areas);
        for (size_t a = 0; a < na; a++)
            out[a] = p->areas[a].floor;
        err = ABG_OK;
    }
    if (err)
        return ABG_ERROR_OVERFLOW;
    for (size_t a = 0; a < na; a++)
        floor_sum += out[a];
    units = (m->pot - floor_sum) / unit;
    /* Figures that do not add up are alloc.c's to report. */
    if (units < 0 || (size_t)units > na)
        return ABG_ERROR_OVERFLOW;
    if (m->ties != ABG_TIES_REFUSE)
        return lift(p, out, units, unit);
    err = abg_quota_rank_totals(q, p->order);
    if (err)
        return err;
    /* A tie at the cut is an error under ties = refuse: alloc.c says so. */
    if (m->ties == ABG_TIES_REFUSE && units > 0 && (size_t)units < na &&
        abg_quota_compare(q, p->order[units - 1], p->order[units]) == 0)
        return ABG_ERROR_OVERFLOW;
    for (int64_t k = 0; k < units; k++)
        out[p->order[k]] += unit;
    return ABG_OK;
}
