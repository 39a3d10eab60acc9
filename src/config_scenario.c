/*
 * config_scenario.c - changing a loaded file by dotted key paths: the
 * [scenario NAME] sections and the command line's --set KEY=VALUE.
 *
 * SPDX-License-Identifier: MIT
 *
 * A path names a section and a key: `pot` (a key of [allocation]),
 * `component.crime.amount`, `area.Melton.population`,
 * `area.Melton.published.crime`, `budget.total`,
 * `stream.countywide.amount`. A change replaces the key's value or adds
 * the key; the changed file is then built like any other, so every check
 * applies to it and errors name the line of the change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"

static const char *const NAMED_KINDS[] = {"component", "area", "stream",
                                          NULL};
static const char *const PLAIN_KINDS[] = {"allocation", "budget", "output",
                                          "damping", NULL};
/* The keys that give a component's size: setting one drops the others. */
static const char *const SIZE_KEYS[] = {"amount", "share", "per_area", NULL};

static bool in(const char *word, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(word, list[i]) == 0)
            return true;
    return false;
}

/* Splits a path into kind, name and key (kind and key point into the
 * caller's copy). Returns false when the path has no usable shape. */
static bool split_path(char *path, const char **kind, const char **name,
                       const char **key)
{
    char *first = strchr(path, '.'), *last;

    if (!first) {
        *kind = "allocation", *name = "", *key = path;
        return path[0] != '\0';
    }
    *first = '\0';
    *kind = path;
    if (in(path, PLAIN_KINDS)) {
        *name = "", *key = first + 1;
        return strchr(*key, '.') == NULL && (*key)[0];
    }
    last = strrchr(first + 1, '.');
    if (!last)
        return false;
    /* area.NAME.published.COMPONENT: the key itself has a dot. */
    if (strcmp(path, "area") == 0) {
        char *before = last - 1;
        while (before > first && *before != '.')
            before--;
        if (before > first && strncmp(before + 1, "published.", 10) == 0)
            last = before;
    }
    *last = '\0';
    *name = first + 1;
    *key = last + 1;
    return (*name)[0] && (*key)[0];
}

/* Names of the sections of one kind, for "did you mean". */
static const char **names_of(const abg_config *c, const char *kind)
{
    const char **list = calloc(c->n_sections + 1, sizeof *list);
    size_t n = 0;

    for (size_t i = 0; list && i < c->n_sections; i++)
        if (strcmp(c->sections[i].kind, kind) == 0)
            list[n++] = c->sections[i].name;
    return list;
}

abg_error abg_config_set(abg_config *c, const char *path, const char *value,
                         int line, abg_diag *diag)
{
    char *copy = strdup(path), hint[256];
    const char *kind, *name, *key;
    long section = -1;
    abg_error err = ABG_OK;

    if (!copy)
        return abg_diag_set(diag, ABG_ERROR_MEMORY, c->file, line, NULL,
                            "out of memory");
    if (!split_path(copy, &kind, &name, &key) ||
        (!in(kind, NAMED_KINDS) && !in(kind, PLAIN_KINDS))) {
        err = abg_diag_set(diag, ABG_ERROR_VALUE, c->file, line,
                           "write a path such as pot, component.crime.amount "
                           "or area.Melton.population",
                           "\"%s\" is not a key path", path);
        goto out;
    }
    for (size_t i = 0; i < c->n_sections && section < 0; i++)
        if (strcmp(c->sections[i].kind, kind) == 0 &&
            (strcmp(c->sections[i].name, name) == 0 ||
             (c->sections[i].alias && /* a table area's code */
              strcmp(c->sections[i].alias, name) == 0)))
            section = (long)i;
    if (section < 0) {
        const char **names = names_of(c, kind);
        if (!names) {
            err = ABG_ERROR_MEMORY;
            goto out;
        }
        snprintf(hint, sizeof hint, "add [%s%s%s] to the file first", kind,
                 name[0] ? " " : "", name);
        if (name[0])
            abg_config_suggest(hint, sizeof hint, name, names, hint);
        free(names);
        err = abg_diag_set(diag, ABG_ERROR_VALUE, c->file, line, hint,
                           "%s changes [%s%s%s], which the file does not "
                           "have", path, kind, name[0] ? " " : "", name);
        goto out;
    }
    /* A new size replaces the old one: amount = rest instead of share. */
    for (size_t i = 0; i < c->n_entries; i++) {
        abg_entry *e = &c->entries[i];
        if (e->section != (size_t)section)
            continue;
        if (strcmp(kind, "component") == 0 && in(key, SIZE_KEYS) &&
            in(e->key, SIZE_KEYS) && strcmp(e->key, key) != 0) {
            e->key[0] = '\0'; /* dropped: the builder skips empty keys */
            continue;
        }
        if (strcmp(e->key, key) == 0) {
            char *v = strdup(value);
            if (!v) {
                err = ABG_ERROR_MEMORY;
                goto out;
            }
            free(e->value);
            e->value = v;
            e->line = line;
            e->source = 0;
            goto out;
        }
    }
    err = abg_config_append(c, (size_t)section, key, value, line);
out:
    if (err == ABG_ERROR_MEMORY)
        abg_diag_set(diag, err, c->file, line, NULL, "out of memory");
    free(copy);
    return err;
}

abg_error abg_config_copy(abg_config **out, const abg_config *base)
{
    abg_config *c = calloc(1, sizeof *c);
    abg_error err = ABG_OK;

    *out = NULL;
    if (!c || !(c->file = strdup(base->file))) {
        free(c);
        return ABG_ERROR_MEMORY;
    }
    /* The file's scenarios were checked when it was loaded; after other
     * changes they may no longer fit, but they are not what is run. */
    c->derived = true;
    c->sections = calloc(base->n_sections + 1, sizeof *c->sections);
    if (!c->sections) {
        abg_config_free(c);
        return ABG_ERROR_MEMORY;
    }
    c->cap_sections = base->n_sections + 1;
    for (size_t i = 0; i < base->n_sections; i++) {
        abg_section *s = &c->sections[i];
        s->line = base->sections[i].line;
        s->text = strdup(base->sections[i].text);
        s->kind = strdup(base->sections[i].kind);
        s->name = strdup(base->sections[i].name);
        c->n_sections++;
        if (!s->text || !s->kind || !s->name) {
            abg_config_free(c);
            return ABG_ERROR_MEMORY;
        }
    }
    for (size_t i = 0; i < base->n_entries && !err; i++)
        err = abg_config_append(c, base->entries[i].section,
                                base->entries[i].key, base->entries[i].value,
                                base->entries[i].line);
    if (!err)
        err = abg_config_copy_tables(c, base);
    if (err) {
        abg_config_free(c);
        return err;
    }
    *out = c;
    return ABG_OK;
}

abg_error abg_config_scenario(abg_config **out, const abg_config *base,
                              const char *name, abg_diag *diag)
{
    abg_config *c = NULL;
    long section = -1;
    abg_error err;

    *out = NULL;
    for (size_t i = 0; i < base->n_sections && section < 0; i++)
        if (strcmp(base->sections[i].kind, "scenario") == 0 &&
            strcmp(base->sections[i].name, name) == 0)
            section = (long)i;
    if (section < 0) {
        char hint[ABG_DIAG_TEXT_MAX];
        const char **names = names_of(base, "scenario");
        if (!names)
            return abg_diag_set(diag, ABG_ERROR_MEMORY, base->file, 0, NULL,
                                "out of memory");
        abg_config_suggest(hint, sizeof hint, name, names,
                           names[0] ? "the file's [scenario NAME] sections "
                                      "name the scenarios"
                                    : "the file has no [scenario] sections");
        free(names);
        return abg_diag_set(diag, ABG_ERROR_NOT_FOUND, base->file, 0, hint,
                            "no scenario called \"%s\"", name);
    }
    err = abg_config_copy(&c, base);
    if (err)
        return abg_diag_set(diag, err, base->file, 0, NULL, "out of memory");
    if (!(c->scenario = strdup(name))) {
        abg_config_free(c);
        return abg_diag_set(diag, ABG_ERROR_MEMORY, base->file, 0, NULL,
                            "out of memory");
    }
    for (size_t i = 0; i < base->n_entries && !err; i++) {
        const abg_entry *e = &base->entries[i];
        if (e->section == (size_t)section && strcmp(e->key, "title") != 0)
            err = abg_config_set(c, e->key, e->value, e->line, diag);
    }
    if (err) {
        abg_config_free(c);
        return err;
    }
    *out = c;
    return ABG_OK;
}

size_t abg_config_scenario_names(const abg_config *c, const char **names,
                                 size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < c->n_sections; i++)
        if (strcmp(c->sections[i].kind, "scenario") == 0) {
            if (n < max)
                names[n] = c->sections[i].name;
            n++;
        }
    return n;
}

const char *abg_config_scenario_title(const abg_config *c, const char *name)
{
    for (size_t i = 0; i < c->n_sections; i++) {
        if (strcmp(c->sections[i].kind, "scenario") != 0 ||
            strcmp(c->sections[i].name, name) != 0)
            continue;
        for (size_t k = 0; k < c->n_entries; k++)
            if (c->entries[k].section == i &&
                strcmp(c->entries[k].key, "title") == 0)
                return c->entries[k].value;
        return name;
    }
    return NULL;
}

/* Says which scenario a message is about: the line alone may be far from
 * the [scenario] heading. */
static void name_scenario(abg_diag *diag, const char *name)
{
    char message[ABG_DIAG_TEXT_MAX];

    if (!diag)
        return;
    snprintf(message, sizeof message, "scenario %.60s: %.440s", name,
             diag->message);
    memcpy(diag->message, message, sizeof message);
}

abg_error abg_config_check_scenarios(const abg_config *base, abg_diag *diag)
{
    if (base->derived)
        return ABG_OK;
    for (size_t i = 0; i < base->n_sections; i++) {
        abg_config *c = NULL;
        abg_model *m = NULL;
        abg_error err;
        if (strcmp(base->sections[i].kind, "scenario") != 0)
            continue;
        if (!base->sections[i].name[0])
            return abg_diag_set(diag, ABG_ERROR_VALUE, base->file,
                                base->sections[i].line,
                                "name the scenario, like [scenario cut10]",
                                "scenario has no name");
        err = abg_config_scenario(&c, base, base->sections[i].name, diag);
        if (!err)
            err = abg_config_build(&m, c, diag);
        abg_model_free(m);
        abg_config_free(c);
        if (err) {
            name_scenario(diag, base->sections[i].name);
            return err;
        }
    }
    return ABG_OK;
}
