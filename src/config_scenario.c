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
 *
 * abg_config_build() lives here: it builds the model (config_build.c) and
 * then checks every scenario by applying and building it, so that the
 * builder knows nothing of scenarios.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"
#include "utf8.h"

static const char *const NAMED_KINDS[] = {"component", "area", "stream",
                                          "indicator", NULL};
static const char *const PLAIN_KINDS[] = {"allocation", "budget", "output",
                                          "damping", NULL};
/* The keys that give a component's size: setting one drops the others. */
static const char *const SIZE_KEYS[] = {"amount", "share", "per_area", NULL};

/* Returns true when word is in the NULL-terminated list. */
static bool in(const char *word, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(word, list[i]) == 0)
            return true;
    return false;
}

/* Returns true when text holds a C0 control (tab included), DEL, a C1
 * control (U+0080-U+009F) or a bidirectional embedding, override or
 * isolate (abg_utf8_bidi_name). */
static bool has_control(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t n = strlen(text);

    for (size_t i = 0; i < n;) {
        unsigned cp = p[i];
        size_t len = cp < 0x80 ? 1 : abg_utf8_decode(p + i, n - i, &cp);
        if (len == 0) /* not UTF-8: judged elsewhere, if at all */
            len = 1;
        else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
                 abg_utf8_bidi_name(cp))
            return true;
        i += len;
    }
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

/* Changes one key by its dotted path (config.h). */
abg_error abg_config_set(abg_config *c, const char *path, const char *value,
                         int line, abg_diag *diag)
{
    char *copy = strdup(path), hint[256];
    const char *kind, *name, *key;
    abg_entry *e;
    long section = -1;
    abg_error err = ABG_OK;

    if (!copy)
        return abg_diag_set(diag, ABG_ERROR_MEMORY, c->file, line, NULL,
                            "out of memory");
    /* The file's text was checked when read; a change from the command
     * line is held to the same rule. */
    if (has_control(path) || has_control(value)) {
        err = abg_diag_set(diag, ABG_ERROR_VALUE, c->file, line,
                           "retype it without control characters (tabs, "
                           "escapes, bells)",
                           "the change to %s has a control character",
                           has_control(path) ? "a key path" : path);
        goto out;
    }
    if (!split_path(copy, &kind, &name, &key) ||
        (!in(kind, NAMED_KINDS) && !in(kind, PLAIN_KINDS))) {
        err = abg_diag_set(diag, ABG_ERROR_VALUE, c->file, line,
                           "write a path such as pot, component.crime.amount "
                           "or area.Melton.population",
                           "\"%s\" is not a key path", path);
        goto out;
    }
    section = abg_config_find_section(c, kind, name);
    /* Damping is a what-if like any other: a change to damping.KEY adds
     * the [damping] section a file without one lacks. */
    if (section < 0 && strcmp(kind, "damping") == 0) {
        size_t index;
        err = abg_config_add_section(&index, c, "damping", strlen("damping"),
                                     line, diag);
        if (err)
            goto out;
        section = (long)index;
    }
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
                           "have",
                           path, kind, name[0] ? " " : "", name);
        goto out;
    }
    /* A new size replaces the old one: amount = rest instead of share. */
    for (size_t i = c->sections[section].first; i != ABG_NO_ENTRY;
         i = c->entries[i].next) {
        abg_entry *d = &c->entries[i];
        if (strcmp(kind, "component") == 0 && in(key, SIZE_KEYS) &&
            in(d->key, SIZE_KEYS) && strcmp(d->key, key) != 0)
            d->key[0] = '\0'; /* dropped: the builder skips empty keys */
    }
    e = abg_config_find_entry(c, (size_t)section, key);
    if (e) { /* replaced */
        size_t klen = strlen(key), vlen = strlen(value);
        char *k = abg_arena_alloc(&c->arena, klen + vlen + 2);
        if (!k) {
            err = ABG_ERROR_MEMORY;
            goto out;
        }
        memcpy(k, key, klen + 1);
        memcpy(k + klen + 1, value, vlen + 1);
        e->key = k, e->value = k + klen + 1, e->line = line;
        e->source = 0; /* now set in the INI file (or on the command line) */
        goto out;
    }
    err = abg_config_append(c, (size_t)section, key, value, line);
out:
    if (err == ABG_ERROR_MEMORY)
        abg_diag_set(diag, err, c->file, line, NULL, "out of memory");
    free(copy);
    return err;
}

/* Copies a config, section and entry tables rebuilt (config.h). */
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
    for (size_t i = 0; i < base->n_sections && !err; i++) {
        const abg_section *s = &base->sections[i];
        size_t index;
        err = abg_config_add_section(&index, c, s->text, strlen(s->text),
                                     s->line, NULL);
    }
    for (size_t i = 0; i < base->n_entries && !err; i++)
        if (base->entries[i].key[0]) { /* not dropped by a scenario */
            err = abg_config_append(
                c, base->entries[i].section, base->entries[i].key,
                base->entries[i].value, base->entries[i].line);
            if (!err) /* a table's cell keeps its file */
                c->entries[c->n_entries - 1].source = base->entries[i].source;
        }
    if (!err)
        err = abg_config_copy_tables(c, base);
    if (err) {
        abg_config_free(c);
        return err;
    }
    *out = c;
    return ABG_OK;
}

/* Applies one [scenario NAME] to a copy (config.h). */
abg_error abg_config_scenario(abg_config **out, const abg_config *base,
                              const char *name, abg_diag *diag)
{
    abg_config *c = NULL;
    long section = -1;
    abg_error err;

    *out = NULL;
    section = abg_config_find_section(base, "scenario", name);
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
    /* The name as the file writes it, however it was asked for. */
    if (!(c->scenario = strdup(base->sections[section].name)) ||
        !(c->scenario_title = strdup(abg_config_scenario_title(
              base, base->sections[section].name)))) {
        abg_config_free(c);
        return abg_diag_set(diag, ABG_ERROR_MEMORY, base->file, 0, NULL,
                            "out of memory");
    }
    ABG_FOR_ENTRIES(e, base, &base->sections[section])
    {
        if (err)
            break;
        if (strcmp(e->key, "title") != 0)
            err = abg_config_set(c, e->key, e->value, e->line, diag);
    }
    if (err) {
        abg_config_free(c);
        return err;
    }
    *out = c;
    return ABG_OK;
}

/* Lists the scenario names in file order (config.h). */
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

/* Lists a scenario's changes (config.h). */
size_t abg_config_scenario_changes(abg_config_change *out, size_t max,
                                   const char **file_name, const abg_config *c,
                                   const char *name)
{
    long si = abg_config_find_section(c, "scenario", name);
    size_t n = 0;

    *file_name = NULL;
    if (si < 0)
        return 0;
    *file_name = c->sections[si].name;
    ABG_FOR_ENTRIES(e, c, &c->sections[si])
    {
        if (!e->key[0] || strcmp(e->key, "title") == 0)
            continue;
        if (n < max)
            out[n] = (abg_config_change){e->key, e->value};
        n++;
    }
    return n;
}

/* Returns a scenario's title, or its name (config.h). */
const char *abg_config_scenario_title(const abg_config *c, const char *name)
{
    long si = abg_config_find_section(c, "scenario", name);
    const abg_entry *title;

    if (si < 0)
        return NULL;
    title = abg_config_find_entry(c, (size_t)si, "title");
    return title ? title->value : c->sections[si].name;
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

/* Checks every [scenario] section by applying and building it, so that a
 * mistake in one is found whichever scenario is run; one that vouch
 * answers for (it computed it from the base's model) is not built. */
static abg_error check_scenarios(const abg_config *base, abg_model *model,
                                 const abg_config_vouch *vouch, abg_diag *diag)
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
        if (vouch && vouch->fn(vouch->ctx, model, base->sections[i].name))
            continue;
        err = abg_config_scenario(&c, base, base->sections[i].name, diag);
        if (!err)
            err = abg_config_build_model(&m, c, diag);
        abg_model_free(m);
        abg_config_free(c);
        if (err) {
            name_scenario(diag, base->sections[i].name);
            return err;
        }
    }
    return ABG_OK;
}

/* Builds the model, then checks every scenario (config.h). */
abg_error abg_config_build(abg_model **out, const abg_config *config,
                           abg_diag *diag)
{
    return abg_config_build_vouched(out, config, NULL, diag);
}

/* Builds the model, then checks every scenario vouch does not answer for
 * (config.h). */
abg_error abg_config_build_vouched(abg_model **out, const abg_config *config,
                                   const abg_config_vouch *vouch,
                                   abg_diag *diag)
{
    abg_error err = abg_config_build_model(out, config, diag);

    if (!err && (err = check_scenarios(config, *out, vouch, diag)) != ABG_OK) {
        abg_model_free(*out);
        *out = NULL;
    }
    return err;
}

/* Loads and builds in one call (config.h). */
abg_error abg_model_load(abg_model **out, const char *path, abg_diag *diag)
{
    abg_config *config = NULL;
    abg_error err = abg_config_load(&config, path, diag);

    *out = NULL;
    if (!err)
        err = abg_config_build(out, config, diag);
    abg_config_free(config);
    return err;
}
