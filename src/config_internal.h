/*
 * config_internal.h - the entries of an INI file, shared by the reader
 * (config_read.c) and the model builder (config_build.c).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_CONFIG_INTERNAL_H
#define ABG_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "abg/config.h"

/* A [kind name] heading. */
typedef struct abg_section {
    char *text; /* everything between the brackets, trimmed */
    char *kind; /* first word: allocation, component, area, ... */
    char *name; /* the rest, trimmed; "" when absent */
    int line;
} abg_section;

/* A key = value line. */
typedef struct abg_entry {
    size_t section; /* index into abg_config.sections */
    char *key;
    char *value;
    int line;
} abg_entry;

struct abg_config {
    char *file;
    char *scenario;  /* the scenario applied to this copy, or NULL */
    bool derived;    /* a changed copy: its scenarios are not rechecked */
    abg_section *sections;
    size_t n_sections, cap_sections;
    abg_entry *entries;
    size_t n_entries, cap_entries;
};

/* Appends a copy of key and value under section. */
abg_error abg_config_append(abg_config *config, size_t section,
                            const char *key, const char *value, int line);

/* Writes "did you mean X?" into hint when a candidate (a NULL-terminated
 * list) is within two edits of word, else `fallback`; returns hint. */
const char *abg_config_suggest(char *hint, size_t size, const char *word,
                               const char *const *candidates,
                               const char *fallback);

/* Checks every [scenario] section by applying and building it, so that a
 * mistake in one is found whichever scenario is run (config_scenario.c). */
abg_error abg_config_check_scenarios(const abg_config *config,
                                     abg_diag *diag);

#endif /* ABG_CONFIG_INTERNAL_H */
