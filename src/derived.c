/*
 * derived.c - a built model's derived indicators read back: exact values
 * from their fraction texts, and each formula's working for one area.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "derived.h"
#include "formula.h"

void abg_derived_value(mpq_t out, const abg_model *m, size_t a, size_t i)
{
    abg_decimal d = m->areas[a].values[i];

    if (abg_model_is_derived(m, i)) {
        mpq_set_str(out, m->derived[i].fraction[a], 10);
        return;
    }
    mpz_set_si(mpq_numref(out), (long)d.units);
    mpz_ui_pow_ui(mpq_denref(out), 10, (unsigned long)d.scale);
    mpq_canonicalize(out);
}

int abg_derived_places(const abg_model *m, size_t i, const mpq_t value)
{
    int places = 1;
    mpq_t t;

    if (m->derived && m->derived[i].decimals >= 0)
        return m->derived[i].decimals;
    if (mpq_sgn(value) == 0)
        return 2;
    /* 0.0123 shows as 0.012…, not 0.01… */
    mpq_init(t);
    mpq_set(t, value);
    while (mpz_cmpabs(mpq_numref(t), mpq_denref(t)) < 0 && places < 30) {
        mpz_mul_ui(mpq_numref(t), mpq_numref(t), 10);
        mpq_canonicalize(t);
        places++;
    }
    mpq_clear(t);
    return places > 2 ? places : 2;
}

void abg_derived_figures(char *value, size_t value_size, char *sum,
                         size_t sum_size, const abg_model *m, size_t a,
                         size_t i, const char *total)
{
    mpq_t q;

    mpq_init(q);
    abg_derived_value(q, m, a, i);
    abg_formula_format(value, value_size, q, abg_derived_places(m, i, q));
    if (mpq_set_str(q, total, 10) == 0) {
        mpq_canonicalize(q);
        abg_formula_format(sum, sum_size, q, abg_derived_places(m, i, q));
    } else {
        snprintf(sum, sum_size, "%s", total);
    }
    mpq_clear(q);
}

char *abg_derived_decimal(char *buf, size_t size, const mpq_t q, int places)
{
    mpz_t t;
    char *digits;
    size_t n;

    mpz_init(t);
    mpz_ui_pow_ui(t, 10, (unsigned long)places);
    mpz_mul(t, t, mpq_numref(q));
    mpz_mul_2exp(t, t, 1);
    mpz_add(t, t, mpq_denref(q));
    mpz_fdiv_q(t, t, mpq_denref(q));
    mpz_fdiv_q_2exp(t, t, 1); /* floor(q * 10^places + 1/2) */
    digits = mpz_get_str(NULL, 10, t);
    mpz_clear(t);
    if (!digits) {
        snprintf(buf, size, "?");
        return buf;
    }
    n = strlen(digits);
    if (places == 0)
        snprintf(buf, size, "%s", digits);
    else if (n > (size_t)places)
        snprintf(buf, size, "%.*s.%s", (int)(n - (size_t)places), digits,
                 digits + n - (size_t)places);
    else
        snprintf(buf, size, "0.%.*s%s", places - (int)n,
                 "000000000000000000000000000000", digits);
    free(digits);
    return buf;
}

/* Returns the index of the indicator called name, or -1. */
static long find(const abg_model *m, const char *name)
{
    for (size_t i = 0; i < m->n_indicators; i++)
        if (strcmp(m->indicators[i], name) == 0)
            return (long)i;
    return -1;
}

/* abg_derived_explain(), skipping indicators already written. */
static abg_error explain(FILE *out, const abg_model *m, size_t a, size_t i,
                         const char *indent, bool *written)
{
    abg_formula *f = NULL;
    mpq_t *values = NULL, result;
    size_t n;
    char buf[1024];
    abg_error err;

    if (!abg_model_is_derived(m, i) || written[i])
        return ABG_OK;
    written[i] = true;
    /* It parsed when the model was built, so it parses now. */
    if ((err = abg_formula_parse(&f, m->derived[i].formula, m->file,
                                 m->derived[i].line, NULL)))
        return err;
    n = abg_formula_names(f);
    values = malloc((n + 1) * sizeof *values);
    if (!values) {
        abg_formula_free(f);
        return ABG_ERROR_MEMORY;
    }
    for (size_t k = 0; k < n; k++)
        mpq_init(values[k]);
    for (size_t k = 0; k < n && !err; k++) {
        long j = find(m, abg_formula_name(f, k));
        if (j >= 0) {
            abg_derived_value(values[k], m, a, (size_t)j);
            err = explain(out, m, a, (size_t)j, indent, written);
        }
    }
    mpq_init(result);
    abg_derived_value(result, m, a, i);
    if (!err)
        fprintf(out, "%s%s: %s\n", indent, m->indicators[i],
                abg_formula_explain(buf, sizeof buf, f, (const mpq_t *)values,
                                    abg_derived_places(m, i, result)));
    mpq_clear(result);
    for (size_t k = 0; k < n; k++)
        mpq_clear(values[k]);
    free(values);
    abg_formula_free(f);
    return err;
}

abg_error abg_derived_explain(FILE *out, const abg_model *m, size_t a,
                              size_t i, const char *indent)
{
    bool *written = calloc(m->n_indicators + 1, sizeof *written);
    abg_error err;

    if (!written)
        return ABG_ERROR_MEMORY;
    err = explain(out, m, a, i, indent, written);
    free(written);
    return err;
}
