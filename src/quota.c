/*
 * quota.c - exact quotas as whole pence plus a remainder in machine
 * integers, and the ranking of area remainders without GMP.
 *
 * SPDX-License-Identifier: MIT
 *
 * See quota.h for the representation. Worked example (the 2010/11 pot,
 * population component): 94,125.00 pounds = 9,412,500 pence by a weight
 * of 92,500 in a total of 1,023,402 gives 9412500 * 92500 / 1023402 =
 * 850,745 whole pence and 438,510 / 1,023,402 of a penny, exactly.
 */
#include <stdlib.h>
#include <string.h>

#include "quota.h"
#include "quota_rate.h"
#include "rank.h"

static const uint64_t ten_to[] = {
    1ULL,      10ULL,      100ULL,      1000ULL,      10000ULL,
    100000ULL, 1000000ULL, 10000000ULL, 100000000ULL, 1000000000ULL};

/* The largest unit the key leaves room for, in bits. */
#define UNIT_BITS 40
/* The most components the key leaves room for. */
#define MAX_COMPONENTS ABG_QUOTA_MAX_COMPONENTS

/* Bits needed to write v. */
static int bit_length(uint64_t v)
{
    return v ? 64 - __builtin_clzll(v) : 0;
}

/* An area's weight as an abg_decimal: its indicator, or for method =
 * previous last year's allocation in pounds. */
static abg_decimal weight_of(const abg_model *m, const abg_component *comp,
                             size_t a)
{
    if (comp->method == ABG_METHOD_PREVIOUS)
        return (abg_decimal){m->areas[a].previous, 2};
    return m->areas[a].values[comp->indicator];
}

/* Gathers a proportional component's weights at one decimal scale into
 * w (one pass over the areas, then one over w) with their sum and the
 * largest; returns false when a weight is negative or the sum needs 64
 * bits. */
static bool gather(const abg_model *m, const abg_component *comp, uint64_t *w,
                   uint8_t *scales, int *scale, uint64_t *sum,
                   uint64_t *widest)
{
    int s = 0;
    int64_t total = 0;
    uint64_t top = 0;

    for (size_t a = 0; a < m->n_areas; a++) {
        abg_decimal d = weight_of(m, comp, a);
        if (d.units < 0 || d.scale < 0 || d.scale > ABG_DECIMAL_MAX_SCALE)
            return false;
        if (d.scale > s)
            s = d.scale;
        w[a] = (uint64_t)d.units;
        scales[a] = (uint8_t)d.scale;
    }
    for (size_t a = 0; a < m->n_areas; a++) {
        int64_t v;
        if (__builtin_mul_overflow((int64_t)w[a],
                                   (int64_t)ten_to[s - scales[a]], &v) ||
            __builtin_add_overflow(total, v, &total))
            return false;
        w[a] = (uint64_t)v;
        if (w[a] > top)
            top = w[a];
    }
    *scale = s;
    *sum = (uint64_t)total;
    *widest = top;
    return true;
}

bool abg_quota_fits(const abg_model *m)
{
    if (m->has_damping || m->round_to <= 0 ||
        bit_length((uint64_t)m->round_to) > UNIT_BITS ||
        m->n_components > MAX_COMPONENTS || m->n_areas == 0 ||
        m->n_areas > INT64_MAX)
        return false;
    for (size_t c = 0; c < m->n_components; c++) {
        const abg_component *comp = &m->components[c];
        if (comp->amount < 0)
            return false;
        /* A derived indicator whose values are not all short decimals
         * (crime per head) is exact only as rationals: the GMP path. */
        if (comp->method == ABG_METHOD_PROPORTIONAL &&
            abg_model_is_derived(m, comp->indicator) &&
            !m->derived[comp->indicator].exact)
            return false;
    }
    return true;
}

bool abg_quota_fits_rates(const abg_model *m)
{
    if (m->has_damping || m->round_to <= 0 ||
        bit_length((uint64_t)m->round_to) > UNIT_BITS ||
        m->n_components > MAX_COMPONENTS || m->n_areas == 0 ||
        m->n_areas > INT64_MAX)
        return false;
    for (size_t c = 0; c < m->n_components; c++)
        if (m->components[c].amount < 0)
            return false;
    return true;
}

void abg_quota_free(abg_quota *q)
{
    if (!q)
        return;
    for (size_t c = 0; q->rate && c < q->n_components; c++)
        abg_rate_free(q->rate[c]);
    free(q->rate);
    free(q->den), free(q->sum), free(q->scale), free(q->even);
    free(q->whole), free(q->rem), free(q->excess), free(q->key);
    free(q->weights), free(q->widest);
    free(q);
}

/* One column's exact quotas, whole pence and remainder over den, from
 * its weights w (NULL for an even component). */
static void fill_column(abg_quota *q, const abg_model *m, size_t c,
                        const uint64_t *w, uint64_t widest)
{
    size_t nc = q->n_components;
    uint64_t amount = (uint64_t)m->components[c].amount;
    uint64_t den = (uint64_t)q->den[c];

    if (!w || amount == 0) {
        int64_t whole = (int64_t)(amount / den), rem = (int64_t)(amount % den);
        for (size_t a = 0; a < q->n_areas; a++) {
            q->whole[a * nc + c] = whole;
            q->rem[a * nc + c] = rem;
        }
        return;
    }
    /* amount * w in 64 bits when the widest product fits (the usual case:
     * a division of 64-bit numbers is several times cheaper), in 128
     * bits otherwise; both are exact. */
    if (amount <= UINT64_MAX / widest) {
        for (size_t a = 0; a < q->n_areas; a++) {
            uint64_t p = amount * w[a];
            q->whole[a * nc + c] = (int64_t)(p / den);
            q->rem[a * nc + c] = (int64_t)(p % den);
        }
        return;
    }
    for (size_t a = 0; a < q->n_areas; a++) {
        unsigned __int128 p = (unsigned __int128)amount * w[a];
        q->whole[a * nc + c] = (int64_t)(p / den);
        q->rem[a * nc + c] = (int64_t)(p % den);
    }
}

/* A quota's arrays for na areas and nc components; NULL when out of
 * memory. */
static abg_quota *quota_alloc(size_t na, size_t nc)
{
    abg_quota *q = calloc(1, sizeof *q);

    if (!q)
        return NULL;
    q->n_areas = na, q->n_components = nc;
    q->den = calloc(nc + 1, sizeof *q->den);
    q->sum = calloc(nc + 1, sizeof *q->sum);
    q->scale = calloc(nc + 1, sizeof *q->scale);
    q->even = calloc(nc + 1, sizeof *q->even);
    q->whole = malloc((na * nc + 1) * sizeof *q->whole);
    q->rem = malloc((na * nc + 1) * sizeof *q->rem);
    q->excess = malloc((na + 1) * sizeof *q->excess);
    q->key = malloc((na + 1) * sizeof *q->key);
    q->rate = calloc(nc + 1, sizeof *q->rate);
    if (!q->den || !q->sum || !q->scale || !q->even || !q->whole || !q->rem ||
        !q->excess || !q->key || !q->rate) {
        abg_quota_free(q);
        return NULL;
    }
    return q;
}

abg_error abg_quota_prepare(abg_quota **out, const abg_model *m)
{
    size_t na = m->n_areas, nc = m->n_components;
    abg_quota *q = quota_alloc(na, nc);
    uint8_t *scales = malloc(na + 1);
    abg_error err = ABG_OK;

    *out = NULL;
    if (q) {
        q->weights = malloc((na * nc + 1) * sizeof *q->weights);
        q->widest = calloc(nc + 1, sizeof *q->widest);
    }
    if (!q || !scales || !q->weights || !q->widest) {
        err = ABG_ERROR_MEMORY;
        goto out;
    }
    for (size_t c = 0; c < nc && !err; c++) {
        const abg_component *comp = &m->components[c];
        uint64_t sum = 0;
        q->even[c] = comp->method == ABG_METHOD_EVEN;
        if (q->even[c]) {
            q->den[c] = (int64_t)na;
            continue;
        }
        /* A rate's weights are fractions: abg_quota_new() alone. */
        if (abg_rate_applies(m, c) ||
            !gather(m, comp, &q->weights[c * na], scales, &q->scale[c], &sum,
                    &q->widest[c]))
            err = ABG_ERROR_OVERFLOW;
        q->sum[c] = (int64_t)sum;
        q->den[c] = sum ? (int64_t)sum : 1;
    }
out:
    free(scales);
    if (err) {
        abg_quota_free(q);
        return err;
    }
    *out = q;
    return ABG_OK;
}

abg_error abg_quota_refill(abg_quota *q, const abg_model *m, size_t *zero)
{
    size_t na = q->n_areas;

    for (size_t c = 0; c < q->n_components; c++) {
        if (q->even[c]) {
            fill_column(q, m, c, NULL, 0);
            continue;
        }
        if (q->sum[c] == 0 && m->components[c].amount != 0) {
            *zero = c;
            return ABG_ERROR_MODEL;
        }
        fill_column(q, m, c, &q->weights[c * na], q->widest[c]);
    }
    return ABG_OK;
}

/* One rate column (quota_rate.h): whole pence exactly, rem as the
 * fraction's lower bound in 2^-62 units over den = 2^62. */
static abg_error fill_rate(abg_quota *q, const abg_model *m, size_t c,
                           size_t *zero)
{
    size_t nc = q->n_components;
    abg_rate *r;
    abg_error err = abg_rate_new(&q->rate[c], m, c);

    if (err)
        return err;
    r = q->rate[c];
    if (mpq_sgn(r->total) == 0 && m->components[c].amount != 0) {
        *zero = c;
        return ABG_ERROR_MODEL;
    }
    q->den[c] = (int64_t)1 << ABG_RATE_BITS;
    for (size_t a = 0; a < q->n_areas; a++)
        abg_rate_quota(r, a, &q->whole[a * nc + c], &q->rem[a * nc + c]);
    return ABG_OK;
}

abg_error abg_quota_new(abg_quota **out, const abg_model *m, size_t *zero)
{
    size_t na = m->n_areas, nc = m->n_components;
    abg_quota *q = quota_alloc(na, nc);
    uint64_t *w = malloc((na + 1) * sizeof *w);
    uint8_t *scales = malloc(na + 1);
    abg_error err = ABG_OK;

    *out = NULL;
    if (!q || !w || !scales) {
        err = ABG_ERROR_MEMORY;
        goto out;
    }
    for (size_t c = 0; c < nc; c++) {
        const abg_component *comp = &m->components[c];
        uint64_t sum = 0, widest = 0;
        q->even[c] = comp->method == ABG_METHOD_EVEN;
        if (q->even[c]) {
            q->den[c] = (int64_t)na;
            fill_column(q, m, c, NULL, 0);
            continue;
        }
        if (abg_rate_applies(m, c)) {
            if ((err = fill_rate(q, m, c, zero)))
                goto out;
            continue;
        }
        if (!gather(m, comp, w, scales, &q->scale[c], &sum, &widest)) {
            err = ABG_ERROR_OVERFLOW;
            goto out;
        }
        if (sum == 0 && comp->amount != 0) {
            *zero = c;
            err = ABG_ERROR_MODEL;
            goto out;
        }
        q->sum[c] = (int64_t)sum;
        q->den[c] = sum ? (int64_t)sum : 1;
        fill_column(q, m, c, w, widest);
    }
out:
    free(w);
    free(scales);
    if (err) {
        abg_quota_free(q);
        return err;
    }
    *out = q;
    return ABG_OK;
}

/* abg_quota_round_column() for a rate: the bound decides unless half a
 * penny lies within it. */
static void round_rate(const abg_quota *q, size_t c, int64_t *out,
                       size_t stride)
{
    size_t nc = q->n_components;
    const int64_t half = (int64_t)1 << (ABG_RATE_BITS - 1);

    for (size_t a = 0; a < q->n_areas; a++) {
        int64_t whole = q->whole[a * nc + c], rem = q->rem[a * nc + c];
        bool up = rem >= half ||
            (rem + ABG_RATE_WIDTH > half &&
             abg_rate_sign(q->rate[c], a, whole, 1, 2) >= 0);
        out[a * stride] = whole + up;
    }
}

void abg_quota_round_column(const abg_quota *q, size_t c, int64_t *out,
                            size_t stride)
{
    size_t nc = q->n_components;
    uint64_t den = (uint64_t)q->den[c];

    if (q->rate[c]) {
        round_rate(q, c, out, stride);
        return;
    }
    /* Half away from zero: up when the remainder is at least half. */
    for (size_t a = 0; a < q->n_areas; a++)
        out[a * stride] =
            q->whole[a * nc + c] + (2 * (uint64_t)q->rem[a * nc + c] >= den);
}

int abg_quota_column_compare(const abg_quota *q, size_t c, size_t a, size_t b)
{
    size_t nc = q->n_components;
    int64_t ra = q->rem[a * nc + c], rb = q->rem[b * nc + c];
    int64_t wa = q->whole[a * nc + c], wb = q->whole[b * nc + c];
    mpz_t num, den;
    int sign;

    if (!q->rate[c])
        return (ra > rb) - (ra < rb);
    if (ra - rb >= ABG_RATE_WIDTH)
        return 1;
    if (rb - ra >= ABG_RATE_WIDTH)
        return -1;
    if (abg_rate_same(q->rate[c], a, b))
        return 0;
    /* (quota a - whole a) - (quota b - whole b), exactly */
    mpz_inits(num, den, NULL);
    abg_rate_term(num, den, q->rate[c], a, b);
    mpz_submul_ui(num, den, (unsigned long)(wa - wb >= 0 ? wa - wb : 0));
    mpz_addmul_ui(num, den, (unsigned long)(wa - wb < 0 ? wb - wa : 0));
    sign = mpz_sgn(num);
    mpz_clears(num, den, NULL);
    return sign;
}

/* One rate column's remainders. */
typedef struct column_ctx {
    const abg_quota *q;
    size_t c;
} column_ctx;

/* Larger remainder in the column first, then the earlier area. */
static int column_before(const void *ctx, size_t a, size_t b)
{
    const column_ctx *k = ctx;
    int c = abg_quota_column_compare(k->q, k->c, a, b);

    return c ? c : (a < b) - (a > b);
}

abg_error abg_quota_rank_column(const abg_quota *q, size_t c, size_t *order)
{
    size_t n = q->n_areas, nc = q->n_components;
    abg_rank_item *items = malloc(2 * n * sizeof *items);

    if (!items)
        return ABG_ERROR_MEMORY;
    /* One denominator: the remainders compare as integers, exactly (a
     * rate's are bounds, close ones put right below). */
    for (size_t a = 0; a < n; a++)
        items[a] = (abg_rank_item){(uint64_t)q->rem[a * nc + c], a};
    abg_rank_items_desc(items, items + n, n);
    for (size_t k = 0; k < n; k++)
        order[k] = items[k].idx;
    for (size_t i = 0, j; q->rate[c] && i < n; i = j + 1) {
        column_ctx ctx = {q, c};
        j = i;
        while (j + 1 < n && items[j].key - items[j + 1].key < ABG_RATE_WIDTH)
            j++;
        if (j > i)
            abg_rank_by(order + i, (size_t *)(items + i), j - i + 1,
                        column_before, &ctx);
    }
    free(items);
    return ABG_OK;
}

void abg_quota_floor_totals(abg_quota *q, int64_t unit,
                            abg_area_rounding *areas)
{
    size_t nc = q->n_components;
    int p = 62 - bit_length((uint64_t)unit + 2 * nc);
    int shift[MAX_COMPONENTS], keep[MAX_COMPONENTS];
    uint64_t slack = 0, half;

    /* Each fraction rem / den is cut to keep[c] bits (so that rem << keep
     * fits 64 bits) and counted in units of 2^-p: it is short by less
     * than 2^shift[c] units. */
    for (size_t c = 0; c < nc; c++) {
        int room = 64 - bit_length((uint64_t)q->den[c]);
        /* A rate's rem is a bound in 2^-62 units: cut to 2^-p (p <= 60),
         * it is short by less than 1 + ABG_RATE_WIDTH / 4 units. */
        if (q->rate[c]) {
            keep[c] = -1, shift[c] = ABG_RATE_BITS - p, slack += 2;
            continue;
        }
        keep[c] = room < p ? room : p;
        shift[c] = p - keep[c];
        slack += (uint64_t)1 << shift[c];
    }
    q->precision = p, q->slack = slack;
    half = ((uint64_t)unit + 2 * nc) << (p - 1);
    for (size_t a = 0; a < q->n_areas; a++) {
        const int64_t *whole = &q->whole[a * nc], *rem = &q->rem[a * nc];
        int64_t sum = 0, k, floor, excess;
        uint64_t frac = 0, key;
        for (size_t c = 0; c < nc; c++) {
            sum += whole[c];
            frac += keep[c] < 0
                ? (uint64_t)rem[c] >> shift[c]
                : ((uint64_t)rem[c] << keep[c]) / (uint64_t)q->den[c]
                    << shift[c];
        }
        /* frac <= (sum of fractions) * 2^p < frac + slack: the floor of
         * the fractions is frac's whole part unless a whole number lies
         * within the slack; then GMP decides. */
        k = (int64_t)(frac >> p);
        while (((frac + slack - 1) >> p) > (uint64_t)k &&
               abg_quota_sign(q, a, SIZE_MAX, k + 1, 1) >= 0)
            k++;
        floor = sum + k - (sum + k) % unit;
        excess = sum - floor;
        key = ((uint64_t)(excess + (int64_t)nc) << p) + frac;
        q->excess[a] = excess;
        q->key[a] = key;
        areas[a].floor = floor;
        /* Half up: remainder excess + fractions >= unit / 2. */
        if (key >= half)
            areas[a].nearest = floor + unit;
        else if (key + slack <= half)
            areas[a].nearest = floor;
        else
            areas[a].nearest = floor +
                (abg_quota_sign(q, a, SIZE_MAX, unit - 2 * excess, 2) >= 0
                     ? unit
                     : 0);
    }
}

/* Division by a fixed divisor as a multiplication and a shift: the
 * method of libdivide (Granlund and Montgomery, "Division by invariant
 * integers using multiplication"). Each quotient is checked by
 * divide(), so a wrong one can never pass. */
typedef struct divider {
    uint64_t d, magic;
    int shift;
    bool add; /* the magic number needs a 65th bit: add-and-halve */
} divider;

/* Makes the divider for d > 0. */
static divider divider_make(uint64_t d)
{
    divider v = {d, 0, 0, false};
    int log2 = bit_length(d) - 1;
    unsigned __int128 m;
    uint64_t rem;

    if ((d & (d - 1)) == 0) { /* a power of two: a shift alone */
        v.shift = log2;
        return v;
    }
    m = ((unsigned __int128)1 << (64 + log2)) / d;
    rem = (uint64_t)(((unsigned __int128)1 << (64 + log2)) % d);
    if (d - rem < ((uint64_t)1 << log2)) {
        v.magic = (uint64_t)m + 1;
        v.shift = log2;
        return v;
    }
    m += m;
    if (rem + rem >= d || rem + rem < rem)
        m += 1;
    v.magic = (uint64_t)m + 1;
    v.shift = log2;
    v.add = true;
    return v;
}

/* n / v.d, exactly; *r gets the remainder. */
static inline uint64_t divide(const divider *v, uint64_t n, uint64_t *r)
{
    uint64_t quot, hi;

    if (!v->magic) {
        quot = n >> v->shift;
    } else {
        hi = (uint64_t)(((unsigned __int128)v->magic * n) >> 64);
        quot = v->add ? (((n - hi) >> 1) + hi) >> v->shift : hi >> v->shift;
    }
    *r = n - quot * v->d;
    if (__builtin_expect(*r >= v->d, 0)) { /* never expected: check */
        quot = n / v->d;
        *r = n % v->d;
    }
    return quot;
}

abg_error abg_quota_floors(abg_quota *q, const abg_model *m, int64_t unit,
                           int64_t *floors, size_t *zero)
{
    size_t na = q->n_areas, nc = q->n_components;
    int p = 62 - bit_length((uint64_t)unit + 2 * nc);
    int shift[MAX_COMPONENTS], keep[MAX_COMPONENTS];
    divider div[MAX_COMPONENTS], by_unit = divider_make((uint64_t)unit);
    uint64_t amount[MAX_COMPONENTS], even_frac[MAX_COMPONENTS];
    uint64_t slack = 0;

    for (size_t c = 0; c < nc; c++) {
        int room = 64 - bit_length((uint64_t)q->den[c]);
        amount[c] = (uint64_t)m->components[c].amount;
        if (!q->even[c] && q->sum[c] == 0 && amount[c] != 0) {
            *zero = c;
            return ABG_ERROR_MODEL;
        }
        if (!q->even[c] && amount[c] && q->widest[c] &&
            amount[c] > UINT64_MAX / q->widest[c])
            return ABG_ERROR_OVERFLOW;
        keep[c] = room < p ? room : p;
        shift[c] = p - keep[c];
        slack += (uint64_t)1 << shift[c];
        div[c] = divider_make((uint64_t)q->den[c]);
    }
    q->precision = p, q->slack = slack;
    /* An even component gives every area the same quota. */
    for (size_t c = 0; c < nc; c++)
        if (q->even[c] || amount[c] == 0) {
            uint64_t r, whole = divide(&div[c], amount[c], &r);
            for (size_t a = 0; a < na; a++) {
                q->whole[a * nc + c] = (int64_t)whole;
                q->rem[a * nc + c] = (int64_t)r;
            }
            even_frac[c] = (r << keep[c]) / (uint64_t)q->den[c] << shift[c];
        }
    for (size_t a = 0; a < na; a++) {
        int64_t *whole = &q->whole[a * nc], *rem = &q->rem[a * nc];
        int64_t sum = 0, k, floor, excess;
        uint64_t frac = 0;
        for (size_t c = 0; c < nc; c++) {
            uint64_t r, f;
            if (q->even[c] || amount[c] == 0) {
                sum += whole[c];
                frac += even_frac[c];
                continue;
            }
            whole[c] = (int64_t)divide(&div[c],
                                       amount[c] * q->weights[c * na + a], &r);
            rem[c] = (int64_t)r;
            sum += whole[c];
            f = divide(&div[c], r << keep[c], &r);
            frac += f << shift[c];
        }
        /* As abg_quota_floor_totals(): GMP decides a whole number within
         * the slack. */
        k = (int64_t)(frac >> p);
        while (((frac + slack - 1) >> p) > (uint64_t)k &&
               abg_quota_sign(q, a, SIZE_MAX, k + 1, 1) >= 0)
            k++;
        {
            uint64_t over;
            divide(&by_unit, (uint64_t)(sum + k), &over);
            floor = sum + k - (int64_t)over;
        }
        excess = sum - floor;
        q->excess[a] = excess;
        q->key[a] = ((uint64_t)(excess + (int64_t)nc) << p) + frac;
        floors[a] = floor;
    }
    return ABG_OK;
}

int abg_quota_compare(const abg_quota *q, size_t a, size_t b)
{
    int64_t diff = (int64_t)q->key[a] - (int64_t)q->key[b];

    if (diff >= (int64_t)q->slack)
        return 1;
    if (diff <= -(int64_t)q->slack)
        return -1;
    /* remainder a - remainder b = excess a - excess b + sum of
     * (rem a - rem b) / den: one denominator per component (a rate's
     * fractions exactly: area_sign). */
    return abg_quota_sign(q, a, b, q->excess[b] - q->excess[a], 1);
}

/* Larger remainder first, then the earlier area. */
static int before(const void *ctx, size_t a, size_t b)
{
    int c = abg_quota_compare(ctx, a, b);

    return c ? c : (a < b) - (a > b);
}

abg_error abg_quota_rank_totals(const abg_quota *q, size_t *order)
{
    size_t n = q->n_areas;
    abg_rank_item *items = malloc(2 * n * sizeof *items);

    if (!items)
        return ABG_ERROR_MEMORY;
    for (size_t a = 0; a < n; a++)
        items[a] = (abg_rank_item){q->key[a], a};
    abg_rank_items_desc(items, items + n, n);
    for (size_t k = 0; k < n; k++)
        order[k] = items[k].idx;
    /* Keys closer than the slack may be in either order: each run of such
     * keys is put right by exact comparison (the runs are short). */
    for (size_t i = 0, j; i < n; i = j + 1) {
        j = i;
        while (j + 1 < n && items[j].key - items[j + 1].key < q->slack)
            j++;
        if (j > i)
            abg_rank_by(order + i, (size_t *)(items + i), j - i + 1, before,
                        q);
    }
    free(items);
    return ABG_OK;
}

void abg_quota_value(mpq_t out, const abg_quota *q, size_t a, size_t c)
{
    size_t i = a * q->n_components + c;
    mpz_t t;

    if (q->rate[c]) {
        abg_rate_value(out, q->rate[c], a);
        return;
    }
    mpz_init(t);
    mpz_set_si(t, q->whole[i]);
    mpz_mul_si(t, t, q->den[c]);
    mpz_add_ui(t, t, (unsigned long)q->rem[i]);
    mpq_set_num(out, t);
    mpz_set_si(t, q->den[c]);
    mpq_set_den(out, t);
    mpq_canonicalize(out);
    mpz_clear(t);
}

void abg_quota_total(mpq_t out, const abg_quota *q, size_t a)
{
    mpq_t t;

    mpq_init(t);
    mpq_set_si(out, 0, 1);
    /* The machine-sized quotas first: adding a rate's long fraction to a
     * short one needs gcds with short numbers only. */
    for (int rates = 0; rates < 2; rates++)
        for (size_t c = 0; c < q->n_components; c++)
            if (!q->rate[c] == !rates) {
                abg_quota_value(t, q, a, c);
                mpq_add(out, out, t);
            }
    mpq_clear(t);
}

int64_t abg_quota_bounds(mpq_t lo, const abg_quota *q, size_t a, size_t c)
{
    size_t nc = q->n_components;
    int64_t width = 0;
    mpq_t t;

    mpq_init(t);
    mpq_set_si(lo, 0, 1);
    for (size_t k = 0; k < nc; k++) {
        size_t i = a * nc + k;
        if (c != SIZE_MAX && k != c)
            continue;
        if (!q->rate[k]) {
            abg_quota_value(t, q, a, k);
        } else {
            /* whole + rem / 2^62 */
            mpz_set_si(mpq_numref(t), q->whole[i]);
            mpz_mul_2exp(mpq_numref(t), mpq_numref(t), ABG_RATE_BITS);
            mpz_add_ui(mpq_numref(t), mpq_numref(t), (unsigned long)q->rem[i]);
            mpz_set_ui(mpq_denref(t), 1);
            mpz_mul_2exp(mpq_denref(t), mpq_denref(t), ABG_RATE_BITS);
            mpq_canonicalize(t);
            width += ABG_RATE_WIDTH;
        }
        mpq_add(lo, lo, t);
    }
    mpq_clear(t);
    return width;
}

bool abg_quota_long(const abg_quota *q, size_t a, size_t c, size_t digits)
{
    for (size_t k = 0; k < q->n_components; k++)
        if ((c == SIZE_MAX || k == c) && q->rate[k] &&
            abg_rate_long(q->rate[k], a, digits))
            return true;
    return false;
}

void abg_quota_indicator_total(mpq_t out, const abg_quota *q, size_t c)
{
    if (q->rate[c]) {
        mpq_set(out, q->rate[c]->total);
        return;
    }
    mpq_set_ui(out, (unsigned long)q->sum[c],
               (unsigned long)ten_to[q->scale[c]]);
    mpq_canonicalize(out);
}
