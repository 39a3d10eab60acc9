/*
 * config_internal.h - the entries of an INI file, shared by the reader
 * (config_read.c), the model builder (config_build.c and the files it
 * calls) and the scenarios (config_scenario.c, which calls the builder).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_CONFIG_INTERNAL_H
#define ABG_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "abg/config.h"
#include "abg/name.h"
#include "arena.h"

/* The end of a section's list of entries. */
#define ABG_NO_ENTRY ((size_t)-1)

/* Sections with at most this many keys find a key by comparing each;
 * longer ones keep their keys in abg_config.entry_names. */
#define ABG_SMALL_SECTION 8

/* A [kind name] heading. text, kind, name and alias live in the config's
 * arena: never freed alone. */
typedef struct abg_section {
    char *text;         /* everything between the brackets, trimmed */
    char *kind;         /* first word: allocation, component, area, ... */
    char *name;         /* the rest, trimmed; "" when absent */
    size_t first, last; /* its entries, a list through abg_entry.next */
    size_t n_entries;   /* how many, dropped ones included */
    char *alias;        /* a table area's code, or NULL */
    int line;           /* (the ints last: a million sections pack) */
    unsigned source;    /* 0: the INI file; k: sources[k - 1] (a table) */
} abg_section;

/* A key = value line. key and value live in the config's arena: never
 * freed alone; a changed value is a new key and value from the arena. A
 * key set to "" is dropped (by a scenario). */
typedef struct abg_entry {
    size_t section; /* index into abg_config.sections */
    char *key;
    char *value;
    size_t next;     /* the section's next entry, or ABG_NO_ENTRY */
    int line;        /* (the ints last: millions of entries pack) */
    unsigned source; /* as abg_section.source: where line is */
} abg_entry;

struct abg_config {
    char *file;
    char *scenario;       /* the scenario applied to this copy, or NULL */
    char *scenario_title; /* its title (its name when it has none) */
    bool derived;         /* a changed copy: its scenarios are not rechecked */
    abg_section *sections;
    size_t n_sections, cap_sections;
    abg_entry *entries;
    size_t n_entries, cap_entries;
    abg_names *section_names; /* normalised heading text to section */
    abg_names *entry_names;   /* (section, key) to entry, long sections */
    char **sources; /* table files that sections and entries came from */
    size_t n_sources;
    abg_arena arena; /* the sections' and entries' strings */
};

/* Iterates over section s's entries in order, dropped ones included. */
#define ABG_FOR_ENTRIES(e, config, s)                                         \
    for (const abg_entry *e = (s)->first == ABG_NO_ENTRY                      \
             ? NULL                                                           \
             : &(config)->entries[(s)->first];                                \
         e; e = e->next == ABG_NO_ENTRY ? NULL : &(config)->entries[e->next])

/* Appends a copy of key and value under section (a key already there is
 * the caller's to refuse or replace). */
abg_error abg_config_append(abg_config *config, size_t section,
                            const char *key, const char *value, int line);

/* Appends a section [text] read at line; *out is its index. Refuses a
 * heading that names an existing section once normalised (name.h). */
abg_error abg_config_add_section(size_t *out, abg_config *config,
                                 const char *text, size_t length, int line,
                                 abg_diag *diag);

/* Makes room for n_sections sections and n_entries entries in all, and
 * for n_names section names (aliases included), so that a table's
 * million areas are added without the arrays growing and moving. */
abg_error abg_config_reserve(abg_config *config, size_t n_sections,
                             size_t n_entries, size_t n_names);

/* Returns the index of the section [kind name] (name "" for [kind]),
 * names compared normalised, or -1. */
long abg_config_find_section(const abg_config *config, const char *kind,
                             const char *name);

/* Returns the entry `key` of section si (compared normalised), or NULL
 * when there is none or it was dropped. */
abg_entry *abg_config_find_entry(const abg_config *config, size_t si,
                                 const char *key);

/* Writes "did you mean X?" into hint when a candidate (a NULL-terminated
 * list) is within two edits of word, else `fallback`; returns hint. */
const char *abg_config_suggest(char *hint, size_t size, const char *word,
                               const char *const *candidates,
                               const char *fallback);

/* What the values of one indicator look like, gathered while the areas
 * are built (config_indicator.c). All-zero except decimals = -1 is empty. */
typedef struct abg_indicator_use {
    int decimals; /* from [indicator NAME], -1 when not given */
    int decimals_line;
    size_t whole; /* values with no decimals */
    bool other;   /* a value whose decimals cannot be a separator */
    const abg_entry *suspect; /* the first value like 128.450 */
} abg_indicator_use;

/* Reads an [indicator NAME] section's keys into use. */
abg_error abg_indicator_section(abg_indicator_use *use, const abg_config *c,
                                const abg_section *s, abg_diag *diag);

/* Notes one area's value of the indicator; refuses more decimals than
 * its [indicator] section allows. */
abg_error abg_indicator_note(abg_indicator_use *use, const abg_config *c,
                             const char *indicator, const abg_entry *e,
                             abg_decimal value, abg_diag *diag);

/* Refuses a value like 128.450 among whole numbers, most likely 128,450
 * with a European thousands separator, unless decimals were declared. */
abg_error abg_indicator_check(const abg_indicator_use *use,
                              const abg_config *c, const char *indicator,
                              abg_diag *diag);

/* Builds a model from the entries, as abg_config_build() does but without
 * checking the [scenario] sections (config_build.c knows nothing of
 * scenarios; config_scenario.c applies them and calls this). */
abg_error abg_config_build_model(abg_model **out, const abg_config *config,
                                 abg_diag *diag);

/* Replaces the [areas] and [table NAME] sections by one [area NAME]
 * section per row of the areas file, joined to the other tables, with the
 * file's [area] sections merged in (config_table.c). */
abg_error abg_config_expand_tables(abg_config *config, abg_diag *diag);

/* Reads INI text, or the INI file at path, into entries, checking the text
 * itself; the tables its [areas] and [table] sections name are not read
 * yet (config_load.c does both steps: abg_config_load). */
abg_error abg_config_read_text(abg_config **out, const char *name,
                               const char *text, size_t length,
                               abg_diag *diag);
abg_error abg_config_read_file(abg_config **out, const char *path,
                               abg_diag *diag);

/* Returns true when a file given as the INI is a CSV table: named .csv,
 * or a first line of comma-separated headings. */
bool abg_config_is_csv(const char *path, const char *text, size_t length);

/* Returns the name of the file a source index points to. */
const char *abg_config_source(const abg_config *config, unsigned source);

/* Copies the table sources and the sections' sources and aliases of base
 * into copy, a section-by-section copy of it (entries' sources are the
 * copier's to carry, as dropped entries are not copied). */
abg_error abg_config_copy_tables(abg_config *copy, const abg_config *base);

/* Sets *out to a copy of the config's table file names (for the model). */
abg_error abg_config_copy_sources(char ***out, size_t *n,
                                  const abg_config *config);

#endif /* ABG_CONFIG_INTERNAL_H */
