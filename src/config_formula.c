/*
 * config_formula.c - derived indicators in the model: the formulas of the
 * [indicator NAME] sections resolved to the indicators they name, ordered
 * so that each comes after those it uses (a cycle refused), and evaluated
 * exactly for every area once the areas are built.
 *
 * SPDX-License-Identifier: MIT
 *
 * Every derived indicator is worked out for every area, whether or not a
 * component uses it (a scenario may), so the areas must carry what each
 * formula names.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "config_builder.h"
#include "formula.h"

/* One [indicator NAME] section with a formula. */
typedef struct definition {
    const abg_section *section;
    abg_formula *formula;
    const char *text;
    int line;
} definition;

/* Returns the formula entry of [indicator] section s, or NULL. */
static const abg_entry *formula_entry(const abg_config *c,
                                      const abg_section *s)
{
    const abg_entry *found = NULL;

    ABG_FOR_ENTRIES(e, c, s)
    if (e->key[0] && strcmp(e->key, "formula") == 0)
        found = e;
    return found;
}

/* Returns the definition of indicator name, or NULL. */
static definition *find_definition(definition *defs, size_t n,
                                   const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (abg_name_equal(defs[i].section->name, name))
            return &defs[i];
    return NULL;
}

/* Orders the derived indicators depth first from indicator i, refusing a
 * formula that reaches back to itself. state: 0 unseen, 1 on the path,
 * 2 done. */
static abg_error visit(builder *b, size_t i, unsigned char *state)
{
    const abg_model *m = b->model;
    const abg_formula *f = b->formulas[i];
    abg_error err;

    if (!f || state[i] == 2)
        return ABG_OK;
    state[i] = 1;
    for (size_t k = 0; k < abg_formula_names(f); k++) {
        long j = abg_build_find_indicator(b, abg_formula_name(f, k));
        if (j < 0 || !b->formulas[j])
            continue;
        if (state[j] == 1 && (size_t)j == i)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                m->derived[i].line,
                                "work it out from the areas' values, not "
                                "from itself",
                                "formula of %s uses %s itself",
                                m->indicators[i], m->indicators[i]);
        if (state[j] == 1)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                m->derived[i].line,
                                "work each derived indicator out from the "
                                "areas' values, not from itself",
                                "formula of %s uses %s, whose formula (line "
                                "%d) uses %s in turn",
                                m->indicators[i], m->indicators[j],
                                m->derived[j].line, m->indicators[i]);
        if ((err = visit(b, (size_t)j, state)))
            return err;
    }
    state[i] = 2;
    b->order[b->n_order++] = i;
    return ABG_OK;
}

/* Writes where a formula was set: "line 12", or "--set" for line 0. */
const char *abg_build_formula_where(char *buf, size_t size, int line)
{
    if (line > 0)
        snprintf(buf, size, "line %d", line);
    else
        snprintf(buf, size, "from --set");
    return buf;
}

/* Refuses a raw indicator a formula names that no area gives, most
 * likely misspelt (an area that lacks it alone is config_area.c's). */
static abg_error check_given(builder *b, size_t i)
{
    const abg_config *c = b->config;
    const abg_model *m = b->model;
    const abg_section *first = NULL;
    const char **keys;
    size_t n = 0, by = b->needed_by[i];
    char hint[256];

    for (size_t k = 0; k < c->n_entries; k++) {
        const abg_entry *e = &c->entries[k];
        if (strcmp(c->sections[e->section].kind, "area") != 0)
            continue;
        if (!first)
            first = &c->sections[e->section];
        if (e->key[0] && abg_name_equal(e->key, m->indicators[i]))
            return ABG_OK;
    }
    if (!first) /* no areas: the builder says so */
        return ABG_OK;
    if (!(keys = calloc(first->n_entries + 1, sizeof *keys)))
        return abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    ABG_FOR_ENTRIES(e, c, first)
    if (e->key[0])
        keys[n++] = e->key;
    abg_config_suggest(hint, sizeof hint, m->indicators[i], keys,
                       "give each area the value, or change the formula");
    free(keys);
    if (first->source && !strstr(hint, "did you mean"))
        snprintf(hint, sizeof hint,
                 "a column is read only when a "
                 "component, a formula or a [scenario] of the file names it");
    return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, m->derived[by].line,
                        hint, "formula of %s names \"%s\", which %s",
                        m->indicators[by], m->indicators[i],
                        first->source ? "is no column read from the tables"
                                      : "no area gives");
}

/* Refuses a formula name that is an area's figure, not an indicator. */
static abg_error check_name(builder *b, const definition *d, const char *name)
{
    if (strcmp(name, "published") != 0 && strcmp(name, "previous") != 0)
        return ABG_OK;
    return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, d->line,
                        "a formula works from indicators, such as "
                        "population",
                        "formula of %s names %s, which is %s, not an "
                        "indicator",
                        d->section->name, name,
                        name[1] == 'u' ? "the printed total"
                                       : "last year's allocation");
}

/* Parses every formula, adds the indicators the used ones name, and
 * orders the used ones (config_builder.h). */
abg_error abg_build_formulas(builder *b)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    definition *defs = calloc(c->n_sections + 1, sizeof *defs);
    size_t n_defs = 0;
    unsigned char *state = NULL;
    abg_error err = ABG_OK;

    if (!defs)
        return abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    for (size_t i = 0; i < c->n_sections && !err; i++) {
        const abg_section *s = &c->sections[i];
        const abg_entry *e;
        if (strcmp(s->kind, "indicator") != 0 || !s->name[0] ||
            !(e = formula_entry(c, s)))
            continue;
        /* It becomes a column of the workbook and a key of the JSON. */
        if (!abg_build_is_identifier(s->name) ||
            strcmp(s->name, "published") == 0 ||
            strcmp(s->name, "previous") == 0) {
            err = abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                               "name it with letters, digits, - and _ "
                               "after what it measures, like [indicator "
                               "crime_rate]",
                               "derived indicator name \"%s\" is not a "
                               "plain name",
                               s->name);
            break;
        }
        defs[n_defs] = (definition){s, NULL, e->value, e->line};
        err = abg_formula_parse(&defs[n_defs].formula, e->value, b->file,
                                e->line, b->diag);
        n_defs += !err;
    }
    if (err || n_defs == 0)
        goto out;
    for (size_t i = 0; i < n_defs && !err; i++)
        if (abg_build_add_indicator(b, defs[i].section->name) < 0)
            err =
                abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    /* The indicators grow as formulas name others: walk the list. */
    for (size_t i = 0; i < m->n_indicators && !err; i++) {
        definition *d = find_definition(defs, n_defs, m->indicators[i]);
        if (!d)
            continue;
        for (size_t k = 0; k < abg_formula_names(d->formula) && !err; k++) {
            const char *name = abg_formula_name(d->formula, k);
            if (!(err = check_name(b, d, name)) &&
                abg_build_add_indicator(b, name) < 0)
                err = abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL,
                                     "out of memory");
        }
    }
    if (err)
        goto out;
    m->derived = calloc(m->n_indicators, sizeof *m->derived);
    b->formulas = calloc(m->n_indicators, sizeof *b->formulas);
    b->refs = calloc(m->n_indicators, sizeof *b->refs);
    b->needed_by = malloc(m->n_indicators * sizeof *b->needed_by);
    b->order = malloc(m->n_indicators * sizeof *b->order);
    state = calloc(m->n_indicators, 1);
    if (!m->derived || !b->formulas || !b->refs || !b->needed_by ||
        !b->order || !state) {
        err = abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < m->n_indicators && !err; i++) {
        definition *d = find_definition(defs, n_defs, m->indicators[i]);
        b->needed_by[i] = SIZE_MAX;
        m->derived[i].decimals = -1;
        if (!d)
            continue;
        m->derived[i].line = d->line;
        if (!(m->derived[i].formula = strdup(d->text)))
            err =
                abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
        b->formulas[i] = d->formula;
        d->formula = NULL; /* the builder's now */
    }
    /* Each formula's names as indicator indexes; which formula first
     * needs each indicator, for an area that lacks it. */
    for (size_t i = 0; i < m->n_indicators && !err; i++) {
        const abg_formula *f = b->formulas[i];
        if (!f)
            continue;
        if (!(b->refs[i] =
                  malloc((abg_formula_names(f) + 1) * sizeof *b->refs[i]))) {
            err =
                abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
            break;
        }
        for (size_t k = 0; k < abg_formula_names(f); k++) {
            size_t j =
                (size_t)abg_build_find_indicator(b, abg_formula_name(f, k));
            b->refs[i][k] = j;
            if (b->needed_by[j] == SIZE_MAX)
                b->needed_by[j] = i;
        }
    }
    for (size_t i = 0; i < m->n_indicators && !err; i++)
        err = visit(b, i, state);
    for (size_t i = 0; i < m->n_indicators && !err; i++)
        if (b->needed_by[i] != SIZE_MAX && !abg_model_is_derived(m, i))
            err = check_given(b, i);
out:
    for (size_t i = 0; i < n_defs; i++)
        abg_formula_free(defs[i].formula);
    free(defs);
    free(state);
    return err;
}

/* Sets out to area a's value of indicator i as a rational; a derived
 * one's value is in done[i]. */
static void value_of(mpq_t out, const abg_model *m, size_t a, size_t i,
                     mpq_t *done)
{
    abg_decimal d = m->areas[a].values[i];

    if (abg_model_is_derived(m, i)) {
        mpq_set(out, done[i]);
        return;
    }
    mpz_set_si(mpq_numref(out), (long)d.units);
    mpz_ui_pow_ui(mpq_denref(out), 10, (unsigned long)d.scale);
    mpq_canonicalize(out);
}

/* Writes q (>= 0) as a decimal into *out: exactly when it ends within
 * ABG_DECIMAL_MAX_SCALE places and fits; else rounded half up at the
 * most places that fit. Returns true when exact. */
static bool to_decimal(abg_decimal *out, const mpq_t q, mpz_t t, mpz_t r)
{
    for (int s = 0; s <= ABG_DECIMAL_MAX_SCALE; s++) {
        mpz_ui_pow_ui(t, 10, (unsigned long)s);
        mpz_mul(t, t, mpq_numref(q));
        mpz_tdiv_qr(t, r, t, mpq_denref(q));
        if (mpz_sgn(r) == 0 && mpz_fits_slong_p(t)) {
            *out = (abg_decimal){mpz_get_si(t), s};
            return true;
        }
    }
    for (int s = ABG_DECIMAL_MAX_SCALE; s >= 0; s--) {
        mpz_ui_pow_ui(t, 10, (unsigned long)s);
        mpz_mul(t, t, mpq_numref(q));
        mpz_mul_2exp(t, t, 1);
        mpz_add(t, t, mpq_denref(q));
        mpz_fdiv_q(t, t, mpq_denref(q));
        mpz_fdiv_q_2exp(t, t, 1); /* floor(q * 10^s + 1/2) */
        if (mpz_fits_slong_p(t)) {
            *out = (abg_decimal){mpz_get_si(t), s};
            return false;
        }
    }
    *out = (abg_decimal){INT64_MAX, 0}; /* beyond 9.2e18: shown capped */
    return false;
}

/* The exact texts of one derived indicator, gathered area by area. */
typedef struct texts {
    char *buf;
    size_t used, cap;
    size_t *at; /* per area: offset into buf */
} texts;

/* Appends q's text for area a. */
static bool add_text(texts *t, size_t a, const mpq_t q)
{
    size_t n = mpz_sizeinbase(mpq_numref(q), 10) +
        mpz_sizeinbase(mpq_denref(q), 10) + 3;

    if (t->used + n > t->cap) {
        size_t cap = (t->cap + n) * 2;
        char *grown = realloc(t->buf, cap);
        if (!grown)
            return false;
        t->buf = grown, t->cap = cap;
    }
    t->at[a] = t->used;
    mpq_get_str(t->buf + t->used, 10, q);
    t->used += strlen(t->buf + t->used) + 1;
    return true;
}

/* Moves the gathered texts into one block: pointers, then the strings. */
static char **seal(const texts *t, size_t n_areas)
{
    char **block = malloc(n_areas * sizeof *block + t->used);
    char *strings = (char *)(block + n_areas);

    if (!block)
        return NULL;
    memcpy(strings, t->buf, t->used);
    for (size_t a = 0; a < n_areas; a++)
        block[a] = strings + t->at[a];
    return block;
}

/* Works out every derived indicator for every area (config_builder.h). */
abg_error abg_build_evaluate(builder *b)
{
    abg_model *m = b->model;
    size_t ni = m->n_indicators, na = m->n_areas;
    mpq_t *done = NULL, *args = NULL;
    texts *t = NULL;
    mpz_t z, r;
    abg_error err = ABG_OK;

    if (b->n_order == 0)
        return ABG_OK;
    mpz_inits(z, r, NULL);
    done = malloc(ni * sizeof *done);
    args = malloc((ni + 1) * sizeof *args);
    t = calloc(ni, sizeof *t);
    if (!done || !args || !t) {
        free(done), free(args), free(t);
        mpz_clears(z, r, NULL);
        return abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    }
    for (size_t i = 0; i < ni; i++)
        mpq_init(done[i]);
    for (size_t i = 0; i < ni + 1; i++)
        mpq_init(args[i]);
    for (size_t k = 0; k < b->n_order && !err; k++) {
        size_t i = b->order[k];
        m->derived[i].exact = true;
        if (!(t[i].at = malloc((na + 1) * sizeof *t[i].at)))
            err = ABG_ERROR_MEMORY;
    }
    for (size_t a = 0; a < na && !err; a++)
        for (size_t k = 0; k < b->n_order && !err; k++) {
            size_t i = b->order[k];
            const abg_formula *f = b->formulas[i];
            /* A formula names at most as many indicators as there are. */
            for (size_t n = 0; n < abg_formula_names(f); n++)
                value_of(args[n], m, a, b->refs[i][n], done);
            err = abg_formula_eval(done[i], f, (const mpq_t *)args,
                                   m->areas[a].name, b->diag);
            if (err)
                break;
            if (!to_decimal(&m->areas[a].values[i], done[i], z, r))
                m->derived[i].exact = false;
            if (!add_text(&t[i], a, done[i]))
                err = ABG_ERROR_MEMORY;
        }
    for (size_t k = 0; k < b->n_order && !err; k++) {
        size_t i = b->order[k];
        if (!(m->derived[i].fraction = seal(&t[i], na)))
            err = ABG_ERROR_MEMORY;
    }
    if (err == ABG_ERROR_MEMORY)
        abg_build_fail(b, err, 0, NULL, "out of memory");
    for (size_t i = 0; i < ni; i++) {
        mpq_clear(done[i]);
        free(t[i].buf), free(t[i].at);
    }
    for (size_t i = 0; i < ni + 1; i++)
        mpq_clear(args[i]);
    free(done), free(args), free(t);
    mpz_clears(z, r, NULL);
    return err;
}

/* Frees what the formulas added to the builder (config_builder.h). */
void abg_build_formulas_free(builder *b)
{
    for (size_t i = 0; b->formulas && i < b->model->n_indicators; i++) {
        abg_formula_free(b->formulas[i]);
        free(b->refs[i]);
    }
    free(b->formulas);
    free(b->refs);
    free(b->needed_by);
    free(b->order);
}
