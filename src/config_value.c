/*
 * config_value.c - the helpers every section builder uses: "did you mean",
 * error messages, and money, decimals and names checked one value at a time.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abg/name.h"
#include "config_builder.h"

/* Writes "did you mean X?" into hint when a candidate is close to word,
 * else `fallback` (the one suggester, abg_name_suggest in name.c). */
const char *abg_config_suggest(char *hint, size_t size, const char *word,
                               const char *const *candidates,
                               const char *fallback)
{
    return abg_name_suggest(hint, size, word, candidates, fallback);
}

/* Joins a NULL-terminated list as "a, b, c" for hints. */
const char *abg_build_join(char *buf, size_t size, const char *const *words)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; words[i] && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                 i ? ", " : "", words[i]);
    return buf;
}

/* Records a fixed message (config_builder.h). */
abg_error abg_build_fail(builder *b, abg_error err, int line, const char *hint,
                         const char *message)
{
    return abg_diag_set(b->diag, err, b->file, line, hint, "%s", message);
}

/* Refuses a key the section does not take, with "did you mean". */
abg_error abg_build_unknown_key(builder *b, const abg_entry *e,
                                const abg_section *s, const char *const *keys)
{
    char hint[256], all[256], fallback[300];

    snprintf(fallback, sizeof fallback, "[%s] takes: %s", s->kind,
             abg_build_join(all, sizeof all, keys));
    return abg_diag_set(
        b->diag, ABG_ERROR_VALUE, b->file, e->line,
        abg_config_suggest(hint, sizeof hint, e->key, keys, fallback),
        "unknown key \"%s\" in [%s]", e->key, s->text);
}

/* Replaces *out with a copy of the entry's value. */
abg_error abg_build_copy_text(builder *b, char **out, const abg_entry *e)
{
    free(*out);
    *out = strdup(e->value);
    if (!*out)
        return abg_build_fail(b, ABG_ERROR_MEMORY, e->line, NULL,
                              "out of memory");
    return ABG_OK;
}

/* Parses e's value as money; `hint` (NULL for the usual one) tells how to
 * fix a value that is not money. */
abg_error abg_build_money_as(builder *b, int64_t *out, const abg_entry *e,
                             const char *hint)
{
    const char *reason = NULL;
    abg_error err = abg_money_parse(out, e->value, &reason);

    if (err == ABG_ERROR_OVERFLOW)
        hint = "check for extra digits: abgcalc divides at most " MAX_POT_TEXT;
    else if (!hint)
        hint = "write money as 94125, 94125.00 or \xC2\xA3"
               "94,125.00";
    if (err)
        return abg_diag_set(b->diag, err,
                            abg_config_source(b->config, e->source), e->line,
                            hint, "%s \"%s\" %s", e->key, e->value, reason);
    return ABG_OK;
}

/* Parses the entry's value as money, with the usual hint. */
abg_error abg_build_money(builder *b, int64_t *out, const abg_entry *e)
{
    return abg_build_money_as(b, out, e, NULL);
}

/* Parses the entry's value as an indicator value. */
abg_error abg_build_decimal(builder *b, abg_decimal *out, const abg_entry *e)
{
    const char *reason = NULL;
    abg_error err = abg_decimal_parse(out, e->value, &reason);
    char hint[256];

    if (!err)
        return ABG_OK;
    /* Scaling every area's value alike leaves each share as it was. */
    if (err == ABG_ERROR_OVERFLOW)
        snprintf(hint, sizeof hint,
                 "divide every area's %s by the same "
                 "number, which leaves the split unchanged (at most "
                 "9,223,372,036,854,775,807, decimals counted as digits)",
                 e->key);
    else
        snprintf(hint, sizeof hint,
                 "write a number such as 92500, 92,500 "
                 "or 23.75");
    return abg_diag_set(b->diag, err, abg_config_source(b->config, e->source),
                        e->line, hint, "%s \"%s\" %s", e->key, e->value,
                        reason);
}

/* Checks that a name (a component or indicator) can head a CSV column
 * and be written in a dotted key. */
bool abg_build_is_identifier(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return false;
    return true;
}

/* Finds a component by name, compared normalised. */
long abg_build_find_component(const builder *b, const char *name)
{
    size_t i;

    return abg_names_find(&i, b->names, SCOPE_COMPONENT, name) ? (long)i : -1;
}

/* Finds an indicator by name, compared normalised. */
long abg_build_find_indicator(const builder *b, const char *name)
{
    size_t i;

    return abg_names_find(&i, b->names, SCOPE_INDICATOR, name) ? (long)i : -1;
}

/* Adds an indicator name unless known; returns its index or -1. */
long abg_build_add_indicator(builder *b, const char *name)
{
    abg_model *m = b->model;
    long found = abg_build_find_indicator(b, name);
    size_t index;
    char **grown;

    if (found >= 0)
        return found;
    /* Kept NULL-terminated, for "did you mean". */
    grown = realloc(m->indicators, (m->n_indicators + 2) * sizeof *grown);
    if (!grown)
        return -1;
    m->indicators = grown;
    m->indicators[m->n_indicators + 1] = NULL;
    if (!(m->indicators[m->n_indicators] = strdup(name)) ||
        abg_names_add(&index, b->names, SCOPE_INDICATOR, name,
                      m->n_indicators))
        return -1;
    return (long)m->n_indicators++;
}
