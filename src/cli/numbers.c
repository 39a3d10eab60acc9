/*
 * numbers.c - a model's numbers changed in place: the pot and the
 * components' amounts, shares and per_area, applied and resolved as the
 * builder reads and resolves them, for sweep and compare to compute
 * variants from one model's prepared weights (abg_alloc_prepare).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"

/* No pot above this takes the fast path: far below the builder's
 * largest pot, so that the builder is the one to refuse any pot. */
#define FAST_POT_MAX INT64_C(1000000000000000)

/* Which model number a key is, if any (cli_internal.h). */
cli_number_key cli_number_classify(const abg_model *m, const char *key,
                                   size_t *comp)
{
    static const char prefix[] = "component.";
    const char *dot;

    if (strcmp(key, "pot") == 0 || strcmp(key, "allocation.pot") == 0)
        return CLI_NUMBER_POT;
    if (strncmp(key, prefix, sizeof prefix - 1) != 0 ||
        !(dot = strrchr(key, '.')) || dot < key + sizeof prefix)
        return CLI_NUMBER_NONE;
    for (size_t c = 0; c < m->n_components; c++) {
        size_t len = strlen(m->components[c].name);
        if ((size_t)(dot - key) - (sizeof prefix - 1) != len ||
            strncmp(key + sizeof prefix - 1, m->components[c].name, len))
            continue;
        *comp = c;
        if (strcmp(dot + 1, "amount") == 0)
            return CLI_NUMBER_AMOUNT;
        if (strcmp(dot + 1, "share") == 0)
            return CLI_NUMBER_SHARE;
        if (strcmp(dot + 1, "per_area") == 0 &&
            m->components[c].method == ABG_METHOD_EVEN)
            return CLI_NUMBER_PER_AREA;
        return CLI_NUMBER_NONE;
    }
    return CLI_NUMBER_NONE;
}

/* Copies the model's numbers into n (cli_internal.h). */
bool cli_numbers_save(cli_numbers *n, const abg_model *m)
{
    size_t nc = m->n_components;

    if (!n->size) {
        n->size = calloc(nc + 1, sizeof *n->size);
        n->share = calloc(nc + 1, sizeof *n->share);
        n->per_area = calloc(nc + 1, sizeof *n->per_area);
        n->amount = calloc(nc + 1, sizeof *n->amount);
        if (!n->size || !n->share || !n->per_area || !n->amount)
            return false;
    }
    n->pot = m->pot;
    for (size_t c = 0; c < nc; c++) {
        n->size[c] = m->components[c].size;
        n->share[c] = m->components[c].share;
        n->per_area[c] = m->components[c].per_area;
        n->amount[c] = m->components[c].amount;
    }
    return true;
}

/* Puts numbers n back into the model (cli_internal.h). */
void cli_numbers_restore(abg_model *m, const cli_numbers *n)
{
    m->pot = n->pot;
    for (size_t c = 0; c < m->n_components; c++) {
        m->components[c].size = n->size[c];
        m->components[c].share = n->share[c];
        m->components[c].per_area = n->per_area[c];
        m->components[c].amount = n->amount[c];
    }
}

/* Frees cli_numbers_save()'s arrays (cli_internal.h). */
void cli_numbers_free(cli_numbers *n)
{
    free(n->size), free(n->share), free(n->per_area), free(n->amount);
}

/* Sets one key's value in the model as the builder reads it
 * (cli_internal.h). */
bool cli_number_apply(abg_model *m, cli_number_key key, size_t c,
                      const char *value)
{
    abg_component *comp = &m->components[c];
    const char *reason = NULL;

    switch (key) {
    case CLI_NUMBER_POT:
        return abg_money_parse(&m->pot, value, &reason) == ABG_OK &&
            m->pot >= 0 && m->pot <= FAST_POT_MAX;
    case CLI_NUMBER_AMOUNT:
        /* A new size replaces the old one (abg_config_set); "rest" as
         * the builder reads it (abg_build_component). */
        if (strcmp(value, "rest") == 0) {
            comp->size = ABG_SIZE_REST;
            return true;
        }
        comp->size = ABG_SIZE_AMOUNT;
        return abg_money_parse(&comp->amount, value, &reason) == ABG_OK;
    case CLI_NUMBER_SHARE:
        comp->size = ABG_SIZE_SHARE;
        return abg_percent_parse(&comp->share, value, &reason) == ABG_OK &&
            comp->share.units > 0 &&
            abg_decimal_compare_int(comp->share, 100) <= 0;
    case CLI_NUMBER_PER_AREA:
        comp->size = ABG_SIZE_PER_AREA;
        return abg_money_parse(&comp->per_area, value, &reason) == ABG_OK;
    case CLI_NUMBER_NONE: break;
    }
    return false;
}

/* Resolves share, per_area and rest into amounts as the builder does
 * (abg_build_resolve_amounts; cli_internal.h). */
bool cli_numbers_resolve(abg_model *m)
{
    abg_component *rest = NULL;
    int64_t sum = 0;

    for (size_t c = 0; c < m->n_components; c++) {
        abg_component *comp = &m->components[c];
        switch (comp->size) {
        case ABG_SIZE_AMOUNT: break;
        case ABG_SIZE_SHARE:
            if (abg_money_share(&comp->amount, m->pot, comp->share))
                return false;
            break;
        case ABG_SIZE_PER_AREA:
            if (__builtin_mul_overflow(comp->per_area, (int64_t)m->n_areas,
                                       &comp->amount))
                return false;
            break;
        case ABG_SIZE_REST:
            if (rest)
                return false;
            rest = comp;
            continue;
        }
        if (__builtin_add_overflow(sum, comp->amount, &sum))
            return false;
    }
    if (rest) {
        if (sum > m->pot)
            return false;
        rest->amount = m->pot - sum;
        return true;
    }
    return sum == m->pot;
}
