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

#include "abg/alloc.h"
#include "quota.h"
#include "rank.h"

struct abg_alloc_prep {
    abg_quota *q;             /* weights kept; quotas refilled per use */
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
    if (!p->areas || !p->order || !p->tmp || !p->keys)
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

/* A key's bucket: buckets in the keys' order. */
static inline size_t bucket(uint64_t key)
{
    uint64_t b = key >> BUCKET_SHIFT;

    return b > BUCKET_TOP ? BUCKET_TOP : (size_t)b;
}

/* The k-th largest (k from 0) of the n keys, all below 2^62: the bucket
 * that holds it found by counting, then Hoare's selection among the keys
 * of that bucket alone, copied to v. */
static uint64_t select_desc(const uint64_t *keys, uint64_t *v, size_t n,
                            size_t k)
{
    size_t count[BUCKET_TOP + 1] = {0}, above = 0, lo = 0, hi, m = 0;
    size_t b = BUCKET_TOP;

    for (size_t i = 0; i < n; i++)
        count[bucket(keys[i])]++;
    while (above + count[b] <= k)
        above += count[b--];
    for (size_t i = 0; i < n; i++)
        if (bucket(keys[i]) == b)
            v[m++] = keys[i];
    k -= above;
    hi = m - 1;
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

/* The area totals alone, or ABG_ERROR_OVERFLOW to leave them to
 * abg_alloc_compute() (alloc.h). */
abg_error abg_alloc_totals(int64_t *out, abg_alloc_prep *p, const abg_model *m)
{
    abg_quota *q = p->q;
    size_t na = q->n_areas, zero = 0;
    int64_t unit = m->round_to, floor_sum = 0, units;
    abg_error err;

    if (m->n_areas != na || m->n_components != q->n_components ||
        !abg_quota_fits(m) || m->pot % unit != 0)
        return ABG_ERROR_OVERFLOW;
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
