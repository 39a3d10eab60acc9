/*
 * config_component.c - [component NAME] and [indicator NAME] sections, and
 * the components' sizes resolved and checked against the pot.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_builder.h"

static const char *const COMPONENT_KEYS[] = {
    "title",    "method", "indicator", "amount", "share",
    "per_area", "note",   "published", NULL};

/* Builds one [component NAME]: method, indicator and size. */
abg_error abg_build_component(builder *b, const abg_section *s)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    abg_component *comp = &m->components[m->n_components];
    const abg_entry *method = NULL, *indicator = NULL, *size = NULL;
    size_t first;
    char hint[256];
    abg_error err = ABG_OK;

    memset(comp, 0, sizeof *comp);
    comp->line = s->line;
    if (!s->name[0])
        return abg_build_fail(
            b, ABG_ERROR_VALUE, s->line,
            "name the component, like [component population]",
            "component has no name");
    if (!abg_build_is_identifier(s->name))
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "name it with letters, digits, - and _ only, "
                            "like [component population]",
                            "component name \"%s\" is not a plain name",
                            s->name);
    /* The CSV's first and last columns are area and total: a component
     * of either name would make two columns with one heading. */
    if (strcasecmp(s->name, "area") == 0 || strcasecmp(s->name, "total") == 0)
        return abg_diag_set(
            b->diag, ABG_ERROR_VALUE, b->file, s->line,
            "choose another name, like [component base]; "
            "title = sets the heading",
            "component name \"%s\" is taken: the CSV has "
            "its own %s column",
            s->name, strcasecmp(s->name, "area") == 0 ? "area" : "total");
    if ((err = abg_names_add(&first, b->names, SCOPE_COMPONENT, s->name,
                             m->n_components)))
        return abg_build_fail(b, err, s->line, NULL, "out of memory");
    if (first != m->n_components)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "give each component its own name",
                            "duplicate component \"%s\", first at line %d%s",
                            s->name, m->components[first].line,
                            strcmp(m->components[first].name, s->name)
                                ? " (names ignore capitals)"
                                : "");
    if (!(comp->name = strdup(s->name)))
        return abg_build_fail(b, ABG_ERROR_MEMORY, s->line, NULL,
                              "out of memory");
    m->n_components++;
    ABG_FOR_ENTRIES(e, c, s)
    {
        if (err)
            break;
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "title") == 0) {
            err = abg_build_copy_text(b, &comp->title, e);
        } else if (strcmp(e->key, "note") == 0) {
            err = abg_build_copy_text(b, &comp->note, e);
        } else if (strcmp(e->key, "method") == 0) {
            method = e;
        } else if (strcmp(e->key, "indicator") == 0) {
            indicator = e;
        } else if (strcmp(e->key, "amount") == 0 ||
                   strcmp(e->key, "share") == 0 ||
                   strcmp(e->key, "per_area") == 0) {
            if (size)
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                    "keep one of amount, share and "
                                    "per_area",
                                    "component %s has both %s (line %d) and "
                                    "%s",
                                    comp->name, size->key, size->line, e->key);
            size = e;
        } else if (strcmp(e->key, "published") == 0) {
            err = abg_build_money(b, &comp->published, e);
            comp->has_published = true;
            comp->published_line = e->line;
        } else {
            return abg_build_unknown_key(b, e, s, COMPONENT_KEYS);
        }
    }
    if (err)
        return err;
    if (!comp->title && !(comp->title = strdup(comp->name)))
        return abg_build_fail(b, ABG_ERROR_MEMORY, s->line, NULL,
                              "out of memory");
    if (!method)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add method = even or method = proportional",
                            "component %s has no method", comp->name);
    if (strcmp(method->value, "even") == 0) {
        comp->method = ABG_METHOD_EVEN;
        if (indicator)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                indicator->line,
                                "remove the indicator, or "
                                "write method = proportional",
                                "component %s has method = even, which "
                                "takes no indicator",
                                comp->name);
    } else if (strcmp(method->value, "proportional") == 0) {
        long index;
        comp->method = ABG_METHOD_PROPORTIONAL;
        if (!indicator)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                method->line,
                                "add indicator = NAME, the "
                                "key the areas carry (such as population)",
                                "component %s is proportional but names no "
                                "indicator",
                                comp->name);
        if (!abg_build_is_identifier(indicator->value))
            return abg_diag_set(
                b->diag, ABG_ERROR_VALUE, b->file, indicator->line,
                "use letters, digits, - "
                "and _ only",
                "indicator \"%s\" is not a plain name", indicator->value);
        /* In an area, published is the printed total and previous last
         * year's allocation, not indicators. */
        if (strcmp(indicator->value, "published") == 0 ||
            strcmp(indicator->value, "previous") == 0)
            return abg_diag_set(
                b->diag, ABG_ERROR_VALUE, b->file, indicator->line,
                "name the indicator after "
                "what it counts, like population",
                "indicator \"%s\" is taken: in an area, %s", indicator->value,
                indicator->value[1] == 'u'
                    ? "published is the printed total"
                    : "previous is last year's allocation");
        index = abg_build_add_indicator(b, indicator->value);
        if (index < 0)
            return abg_build_fail(b, ABG_ERROR_MEMORY, s->line, NULL,
                                  "out of memory");
        comp->indicator = (size_t)index;
    } else if (strcmp(method->value, "previous") == 0) {
        /* "Maintained at last year's level": shares of the previous
         * allocation, scaled to this component's amount. */
        comp->method = ABG_METHOD_PREVIOUS;
        if (indicator)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                indicator->line,
                                "remove the indicator: the "
                                "areas' previous figures are the weights",
                                "component %s has method = previous, which "
                                "takes no indicator",
                                comp->name);
    } else {
        static const char *const methods[] = {"even", "proportional",
                                              "previous", NULL};
        return abg_diag_set(
            b->diag, ABG_ERROR_VALUE, b->file, method->line,
            abg_config_suggest(hint, sizeof hint, method->value, methods,
                               "write even, proportional or previous"),
            "method \"%s\" is not a method", method->value);
    }
    if (!size)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add amount = 94125, share = 22.1%, amount = "
                            "rest, or (even only) per_area = 25000",
                            "component %s has no amount", comp->name);
    if (strcmp(size->key, "amount") == 0) {
        if (strcmp(size->value, "rest") == 0) {
            comp->size = ABG_SIZE_REST;
        } else {
            comp->size = ABG_SIZE_AMOUNT;
            err = abg_build_money_as(b, &comp->amount, size,
                                     strcasecmp(size->value, "rest") == 0
                                         ? "did you mean \"rest\"?"
                                         : NULL);
        }
    } else if (strcmp(size->key, "share") == 0) {
        const char *reason = NULL;
        comp->size = ABG_SIZE_SHARE;
        err = abg_percent_parse(&comp->share, size->value, &reason);
        if (err)
            return abg_diag_set(b->diag, err, b->file, size->line,
                                "write a percentage with its % sign, such "
                                "as 22.1%",
                                "share \"%s\" %s", size->value, reason);
        /* More than 100% would leave the other components negative. */
        if (comp->share.units == 0 ||
            abg_decimal_compare_int(comp->share, 100) > 0)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, size->line,
                                "write a share above 0% and at "
                                "most 100%",
                                "share \"%s\" is %s", size->value,
                                comp->share.units == 0
                                    ? "zero, which gives the component "
                                      "nothing"
                                    : "more than the whole pot");
    } else {
        comp->size = ABG_SIZE_PER_AREA;
        if (comp->method != ABG_METHOD_EVEN)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, size->line,
                                "use amount or share for a "
                                "proportional component",
                                "component %s is proportional; per_area is "
                                "only for method = even",
                                comp->name);
        err = abg_build_money(b, &comp->per_area, size);
    }
    comp->line = size->line; /* sums are fixed on the line giving the size */
    return err;
}

/* Reads the [indicator NAME] sections, which describe indicators the
 * components use. */
abg_error abg_build_indicators(builder *b)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    abg_error err;

    if ((err = abg_build_formulas(b)))
        return err;
    b->uses = calloc(m->n_indicators + 1, sizeof *b->uses);
    b->seen = calloc(m->n_indicators + 1, sizeof *b->seen);
    if (!b->uses || !b->seen)
        return abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    for (size_t i = 0; i < m->n_indicators; i++)
        b->uses[i].decimals = -1;
    for (size_t i = 0; i < c->n_sections; i++) {
        const abg_section *s = &c->sections[i];
        long ii;
        if (strcmp(s->kind, "indicator") != 0)
            continue;
        if (!s->name[0])
            return abg_build_fail(
                b, ABG_ERROR_VALUE, s->line,
                "name the indicator, like [indicator population]",
                "indicator section has no name");
        ii = abg_build_find_indicator(b, s->name);
        /* A derived indicator nothing uses (perhaps one a scenario
         * chooses): its formula was checked, and it is not worked out. */
        if (ii < 0 && abg_config_find_entry(c, i, "formula"))
            continue;
        if (ii < 0) {
            char hint[256];
            abg_config_suggest(hint, sizeof hint, s->name,
                               (const char *const *)m->indicators,
                               "name an indicator that a component's "
                               "indicator = gives");
            if (m->n_indicators == 0)
                snprintf(hint, sizeof hint,
                         "no component is proportional; "
                         "remove the section");
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                                hint, "no component uses indicator \"%s\"",
                                s->name);
        }
        if ((err = abg_indicator_section(&b->uses[ii], c, s, b->diag)))
            return err;
        if (abg_model_is_derived(m, (size_t)ii))
            m->derived[ii].decimals = b->uses[ii].decimals;
    }
    return ABG_OK;
}

/* Resolves share, per_area and rest into amounts and checks the sum. */
abg_error abg_build_resolve_amounts(builder *b)
{
    abg_model *m = b->model;
    abg_component *rest = NULL;
    int64_t sum = 0;
    char a[40], p[40], d[40];
    const char *sym = abg_money_symbol(m->currency);

    for (size_t i = 0; i < m->n_components; i++) {
        abg_component *comp = &m->components[i];
        switch (comp->size) {
        case ABG_SIZE_AMOUNT: break;
        case ABG_SIZE_SHARE:
            if (abg_money_share(&comp->amount, m->pot, comp->share))
                return abg_diag_set(b->diag, ABG_ERROR_OVERFLOW, b->file,
                                    comp->line, NULL,
                                    "share of the pot is too large");
            break;
        case ABG_SIZE_PER_AREA:
            if (__builtin_mul_overflow(comp->per_area, (int64_t)m->n_areas,
                                       &comp->amount))
                return abg_diag_set(b->diag, ABG_ERROR_OVERFLOW, b->file,
                                    comp->line,
                                    "check per_area for extra "
                                    "digits",
                                    "per_area times %zu areas is too large "
                                    "to hold exactly",
                                    m->n_areas);
            break;
        case ABG_SIZE_REST:
            if (rest)
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                    comp->line,
                                    "give one component amount = "
                                    "rest and the others an amount or share",
                                    "components %s and %s are both rest",
                                    rest->name, comp->name);
            rest = comp;
            continue;
        }
        if (__builtin_add_overflow(sum, comp->amount, &sum))
            return abg_diag_set(b->diag, ABG_ERROR_OVERFLOW, b->file,
                                comp->line, NULL,
                                "components add up to more than can be held "
                                "exactly");
    }
    if (rest) {
        if (sum > m->pot)
            return abg_diag_set(
                b->diag, ABG_ERROR_MODEL, b->file, rest->line,
                "lower the other components or raise the pot",
                "components other than %s add up to %s, %s more than the "
                "pot %s, leaving nothing for it",
                rest->name,
                abg_money_format(a, sizeof a, sum, sym, true, false, false),
                abg_money_format(d, sizeof d, sum - m->pot, sym, true, false,
                                 false),
                abg_money_format(p, sizeof p, m->pot, sym, true, false,
                                 false));
        rest->amount = m->pot - sum;
        return ABG_OK;
    }
    if (sum != m->pot)
        return abg_diag_set(
            b->diag, ABG_ERROR_MODEL, b->file, m->pot_line,
            "change an amount, or give one component amount = rest",
            "components add up to %s, %s %s than the pot %s",
            abg_money_format(a, sizeof a, sum, sym, true, false, false),
            abg_money_format(d, sizeof d,
                             sum > m->pot ? sum - m->pot : m->pot - sum, sym,
                             true, false, false),
            sum > m->pot ? "more" : "less",
            abg_money_format(p, sizeof p, m->pot, sym, true, false, false));
    return ABG_OK;
}

/* Returns the line of `key` in the section [kind name], or 0. */
static int key_line(const builder *b, const char *kind, const char *name,
                    const char *key)
{
    long si = abg_config_find_section(b->config, kind, name);
    const abg_entry *e =
        si < 0 ? NULL : abg_config_find_entry(b->config, (size_t)si, key);

    return e && e->key[0] ? e->line : 0;
}

/* Checks what the arithmetic needs: a pot small enough that sums of
 * rounded figures fit, a divisible pot, non-zero indicators. */
abg_error abg_build_check_divisible(builder *b)
{
    abg_model *m = b->model;
    const char *sym = abg_money_symbol(m->currency);
    char p[40], u[40];

    if (m->pot > MAX_POT)
        return abg_diag_set(
            b->diag, ABG_ERROR_OVERFLOW, b->file, m->pot_line,
            "check the pot for extra digits",
            "pot %s is more than abgcalc can divide exactly (at "
            "most " MAX_POT_TEXT ")",
            abg_money_format(p, sizeof p, m->pot, sym, true, true, false));
    if (m->pot % m->round_to != 0)
        return abg_diag_set(
            b->diag, ABG_ERROR_MODEL, b->file, m->pot_line,
            "choose a smaller round_to, or a pot that is a multiple of it",
            "pot %s is not a multiple of round_to %s, so rounded totals "
            "cannot add up to it",
            abg_money_format(p, sizeof p, m->pot, sym, true, true, false),
            abg_money_format(u, sizeof u, m->round_to, sym, true, true,
                             false));
    for (size_t ci = 0; ci < m->n_components; ci++) {
        const abg_component *comp = &m->components[ci];
        bool nonzero = false;
        if (comp->method != ABG_METHOD_PROPORTIONAL)
            continue;
        /* A derived value may round to 0 and not be 0: its exact text. */
        for (size_t ai = 0; ai < m->n_areas && !nonzero; ai++)
            nonzero = abg_model_is_derived(m, comp->indicator)
                ? m->derived[comp->indicator].fraction[ai][0] != '0'
                : m->areas[ai].values[comp->indicator].units != 0;
        if (!nonzero && comp->amount != 0)
            return abg_diag_set(
                b->diag, ABG_ERROR_MODEL, b->file,
                key_line(b, "component", comp->name, "indicator"),
                "give at least one area a non-zero value, "
                "or make the component even",
                "indicator %s is zero in every area, so "
                "component %s cannot be divided by it",
                m->indicators[comp->indicator], comp->name);
    }
    return ABG_OK;
}
