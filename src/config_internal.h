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
    unsigned source; /* 0: the INI file; k: sources[k - 1] (a table) */
    char *alias;     /* a table area's code, or NULL */
} abg_section;

/* A key = value line. */
typedef struct abg_entry {
    size_t section; /* index into abg_config.sections */
    char *key;
    char *value;
    int line;
    unsigned source; /* as abg_section.source: where line is */
} abg_entry;

struct abg_config {
    char *file;
    char *scenario;  /* the scenario applied to this copy, or NULL */
    bool derived;    /* a changed copy: its scenarios are not rechecked */
    abg_section *sections;
    size_t n_sections, cap_sections;
    abg_entry *entries;
    size_t n_entries, cap_entries;
    char **sources;  /* table files that sections and entries came from */
    size_t n_sources;
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

/* Replaces the [areas] and [table NAME] sections by one [area NAME]
 * section per row of the areas file, joined to the other tables, with the
 * file's [area] sections merged in (config_table.c). */
abg_error abg_config_expand_tables(abg_config *config, abg_diag *diag);

/* Returns true when a file given as the INI is a CSV table: named .csv,
 * or a first line of comma-separated headings. */
bool abg_config_is_csv(const char *path, const char *text, size_t length);

/* Returns the name of the file a source index points to. */
const char *abg_config_source(const abg_config *config, unsigned source);

/* Copies the table sources, aliases and entry sources of base into copy,
 * a section-by-section and entry-by-entry copy of it. */
abg_error abg_config_copy_tables(abg_config *copy, const abg_config *base);

/* Sets *out to a copy of the config's table file names (for the model). */
abg_error abg_config_copy_sources(char ***out, size_t *n,
                                  const abg_config *config);

/* Frees what the tables added to a config. */
void abg_config_free_tables(abg_config *config);

#endif /* ABG_CONFIG_INTERNAL_H */
