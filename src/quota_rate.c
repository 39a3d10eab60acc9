/*
 * quota_rate.c - quotas over a derived rate: the exact sum of the areas'
 * fractions once, each quota bounded in machine words, GMP where the
 * bound cannot decide.
 *
 * SPDX-License-Identifier: MIT
 *
 * See quota_rate.h for the bound. Worked example: A = 3,500,000,000
 * pence over 35,000 areas' crime per 1,000 head; W has some 80,000 bits
 * above and below the line, but each quota costs one 128 x 64-bit
 * product and one division of three words by one.
 */
#include <stdlib.h>
#include <string.h>

#include "quota_rate.h"

_Static_assert(GMP_LIMB_BITS == 64, "the bound is written for 64-bit limbs");

bool abg_rate_applies(const abg_model *m, size_t c)
{
    const abg_component *comp = &m->components[c];

    return comp->method == ABG_METHOD_PROPORTIONAL &&
        abg_model_is_derived(m, comp->indicator) &&
        !m->derived[comp->indicator].exact;
}

/* Reads the digits at *s into *v; false past 2^64 - 1 or with none. */
static bool read_u64(const char **s, uint64_t *v)
{
    const char *p = *s;
    uint64_t x = 0;

    if (*p < '0' || *p > '9')
        return false;
    for (; *p >= '0' && *p <= '9'; p++)
        if (__builtin_mul_overflow(x, 10, &x) ||
            __builtin_add_overflow(x, (uint64_t)(*p - '0'), &x))
            return false;
    *s = p;
    *v = x;
    return true;
}

/* Parses a derived value's text, "num/den" or "num" in lowest terms;
 * false when either part needs more than 64 bits. */
static bool parse_fraction(const char *s, uint64_t *p, uint64_t *q)
{
    *q = 1;
    if (!read_u64(&s, p))
        return false;
    if (*s == '/') {
        s++;
        if (!read_u64(&s, q) || *q == 0)
            return false;
    }
    return *s == '\0';
}

/* out = the sum of p[i] / q[i] for lo <= i < hi, by halves: each
 * addition is of two sums of about the same size, so the whole is
 * O(M(n) log n) rather than the quadratic running sum. */
static void sum_range(mpq_t out, const uint64_t *p, const uint64_t *q,
                      size_t lo, size_t hi)
{
    mpq_t right;
    size_t mid;

    if (hi - lo == 1) {
        mpq_set_ui(out, p[lo], q[lo]);
        mpq_canonicalize(out);
        return;
    }
    mid = lo + (hi - lo) / 2;
    mpq_init(right);
    sum_range(out, p, q, lo, mid);
    sum_range(right, p, q, mid, hi);
    mpq_add(out, out, right);
    mpq_clear(right);
}

/* True when every quota is exactly zero: no money, or no weight. */
static bool all_zero(const abg_rate *r)
{
    return r->amount == 0 || mpq_sgn(r->total) == 0;
}

/* Works out z and shift (quota_rate.h); false when C >= 2^128 or so. */
static bool make_constant(abg_rate *r)
{
    mpz_ptr num = mpq_numref(r->total), den = mpq_denref(r->total);
    mpz_t ad, t;
    long s;
    bool ok = true;

    r->z[0] = r->z[1] = 0, r->shift = 0;
    if (all_zero(r))
        return true;
    mpz_inits(ad, t, NULL);
    mpz_set_ui(ad, r->amount);
    mpz_mul(ad, ad, den);
    /* log2 C is within one of this; the loop puts z at 128 bits. */
    s = 128 -
        ((long)mpz_sizeinbase(ad, 2) + 64 - (long)mpz_sizeinbase(num, 2));
    for (;;) {
        long bits;
        if (s < 0) {
            ok = false;
            break;
        }
        mpz_mul_2exp(t, ad, (mp_bitcnt_t)(64 + s));
        mpz_fdiv_q(t, t, num);
        bits = (long)mpz_sizeinbase(t, 2);
        if (bits == 128)
            break;
        if (bits > 128) { /* floor(floor(x) / 2^k) = floor(x / 2^k) */
            mpz_fdiv_q_2exp(t, t, (mp_bitcnt_t)(bits - 128));
            s -= bits - 128;
            if (s < 0) {
                ok = false;
                break;
            }
            break;
        }
        s += 128 - bits;
    }
    if (ok) {
        r->z[0] = mpz_getlimbn(t, 0);
        r->z[1] = mpz_getlimbn(t, 1);
        r->shift = (unsigned)s;
    }
    mpz_clears(ad, t, NULL);
    return ok;
}

abg_error abg_rate_new(abg_rate **out, const abg_model *m, size_t c)
{
    const abg_component *comp = &m->components[c];
    size_t n = m->n_areas;
    abg_rate *r = calloc(1, sizeof *r);
    abg_error err = ABG_OK;

    *out = NULL;
    if (!r)
        return ABG_ERROR_MEMORY;
    mpq_init(r->total);
    r->n = n;
    r->amount = (uint64_t)comp->amount;
    r->p = malloc((n + 1) * sizeof *r->p);
    r->q = malloc((n + 1) * sizeof *r->q);
    if (!r->p || !r->q) {
        err = ABG_ERROR_MEMORY;
        goto out;
    }
    for (size_t a = 0; a < n; a++)
        if (!parse_fraction(m->derived[comp->indicator].fraction[a], &r->p[a],
                            &r->q[a])) {
            err = ABG_ERROR_OVERFLOW;
            goto out;
        }
    if (n)
        sum_range(r->total, r->p, r->q, 0, n);
    if (!make_constant(r))
        err = ABG_ERROR_OVERFLOW;
out:
    if (err) {
        abg_rate_free(r);
        return err;
    }
    *out = r;
    return ABG_OK;
}

void abg_rate_free(abg_rate *r)
{
    if (!r)
        return;
    mpq_clear(r->total);
    free(r->p), free(r->q);
    free(r);
}

/* Sets out to the unsigned 128-bit v. */
static void set_u128(mpz_t out, unsigned __int128 v)
{
    mpz_set_ui(out, (uint64_t)(v >> 64));
    mpz_mul_2exp(out, out, 64);
    mpz_add_ui(out, out, (uint64_t)v);
}

/* Sets out to the signed 128-bit v. */
static void set_s128(mpz_t out, __int128 v)
{
    set_u128(out, v < 0 ? -(unsigned __int128)v : (unsigned __int128)v);
    if (v < 0)
        mpz_neg(out, out);
}

int abg_rate_sign(abg_rate *r, size_t a, int64_t whole, int64_t knum,
                  int64_t kden)
{
    __int128 k = (__int128)whole * kden + knum;
    mpz_t lhs, rhs;
    int sign;

    r->exact_calls++;
    if (all_zero(r) || r->p[a] == 0)
        return (k < 0) - (k > 0);
    /* quota - k / kden = (kden A p D - k q N) / (kden q N), kden q N > 0 */
    mpz_inits(lhs, rhs, NULL);
    set_u128(lhs, (unsigned __int128)r->amount * r->p[a]);
    mpz_mul(lhs, lhs, mpq_denref(r->total));
    mpz_mul_ui(lhs, lhs, (unsigned long)kden);
    set_s128(rhs, k);
    mpz_mul_ui(rhs, rhs, r->q[a]);
    mpz_mul(rhs, rhs, mpq_numref(r->total));
    sign = mpz_cmp(lhs, rhs);
    mpz_clears(lhs, rhs, NULL);
    return (sign > 0) - (sign < 0);
}

/* Y = floor(floor(z * p / q) / 2^shift) as a 128-bit number. */
static unsigned __int128 bound(const abg_rate *r, uint64_t p, uint64_t q)
{
    mp_limb_t t[3], y[3];
    unsigned k = r->shift / 64, b = r->shift % 64;
    uint64_t lo, hi;

    t[2] = mpn_mul_1(t, r->z, 2, p);
    mpn_divrem_1(y, 0, t, 3, q);
    if (k >= 3)
        return 0;
    lo = y[k] >> b;
    hi = k + 1 < 3 ? y[k + 1] >> b : 0;
    if (b && k + 1 < 3)
        lo |= y[k + 1] << (64 - b);
    if (b && k + 2 < 3)
        hi |= y[k + 2] << (64 - b);
    /* Whatever lies above is zero: Y <= quota * 2^64 < 2^127. */
    return (unsigned __int128)hi << 64 | lo;
}

void abg_rate_quota(abg_rate *r, size_t a, int64_t *whole, int64_t *rem)
{
    unsigned __int128 y;
    uint64_t f;

    if (all_zero(r) || r->p[a] == 0) {
        *whole = 0, *rem = 0;
        return;
    }
    y = bound(r, r->p[a], r->q[a]);
    *whole = (int64_t)(y >> 64);
    f = (uint64_t)y;
    /* Y <= quota * 2^64 < Y + 3: a whole penny lies in that bound only
     * when f >= 2^64 - 2; then GMP says which side the quota is on. */
    if (f >= UINT64_MAX - 1 && abg_rate_sign(r, a, *whole, 1, 1) >= 0) {
        *whole += 1;
        *rem = 0;
        return;
    }
    *rem = (int64_t)(f >> (64 - ABG_RATE_BITS));
}

bool abg_rate_same(const abg_rate *r, size_t a, size_t b)
{
    return (unsigned __int128)r->p[a] * r->q[b] ==
        (unsigned __int128)r->p[b] * r->q[a];
}

void abg_rate_term(mpz_t num, mpz_t den, abg_rate *r, size_t a, size_t b)
{
    r->exact_calls++;
    if (all_zero(r)) {
        mpz_set_ui(num, 0);
        mpz_set_ui(den, 1);
        return;
    }
    if (b == SIZE_MAX) { /* A p D / (q N) */
        set_u128(num, (unsigned __int128)r->amount * r->p[a]);
        mpz_mul(num, num, mpq_denref(r->total));
        mpz_mul_ui(den, mpq_numref(r->total), r->q[a]);
        return;
    }
    /* A D (p_a q_b - p_b q_a) / (N q_a q_b) */
    set_u128(num, (unsigned __int128)r->p[a] * r->q[b]);
    set_u128(den, (unsigned __int128)r->p[b] * r->q[a]);
    mpz_sub(num, num, den);
    mpz_mul_ui(num, num, r->amount);
    mpz_mul(num, num, mpq_denref(r->total));
    set_u128(den, (unsigned __int128)r->q[a] * r->q[b]);
    mpz_mul(den, den, mpq_numref(r->total));
}

void abg_rate_value(mpq_t out, const abg_rate *r, size_t a)
{
    mpz_t s, t, g1, g2;

    if (all_zero(r) || r->p[a] == 0) {
        mpq_set_ui(out, 0, 1);
        return;
    }
    /* (A p / q) * (D / N): reduce s / t = A p / q, then, as gcd(s, t) =
     * gcd(N, D) = 1, gcd(s D, t N) = gcd(s, N) * gcd(D, t): two gcds of
     * a big number with a machine-sized one. */
    mpz_inits(s, t, g1, g2, NULL);
    set_u128(s, (unsigned __int128)r->amount * r->p[a]);
    mpz_set_ui(t, r->q[a]);
    mpz_gcd(g1, s, t);
    mpz_divexact(s, s, g1);
    mpz_divexact(t, t, g1);
    mpz_gcd(g1, mpq_numref(r->total), s);
    mpz_gcd(g2, mpq_denref(r->total), t);
    mpz_divexact(s, s, g1);
    mpz_divexact(t, t, g2);
    mpz_divexact(mpq_numref(out), mpq_denref(r->total), g2);
    mpz_mul(mpq_numref(out), mpq_numref(out), s);
    mpz_divexact(mpq_denref(out), mpq_numref(r->total), g1);
    mpz_mul(mpq_denref(out), mpq_denref(out), t);
    mpz_clears(s, t, g1, g2, NULL);
}

bool abg_rate_long(const abg_rate *r, size_t a, size_t digits)
{
    size_t bits;

    if (all_zero(r) || r->p[a] == 0)
        return false;
    bits = mpz_sizeinbase(mpq_numref(r->total), 2) +
        mpz_sizeinbase(mpq_denref(r->total), 2);
    /* A p and q add at most 191 bits; log10(2) < 0.30103. */
    return (bits + 191) * 30103 / 100000 > digits;
}
