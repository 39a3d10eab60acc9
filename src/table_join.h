/*
 * table_join.h - the rows of the [areas] file as areas, and each other
 * table joined to them by code, checked both ways (private to the library;
 * used by config_table.c).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_TABLE_JOIN_H
#define ABG_TABLE_JOIN_H

#include <stdbool.h>
#include <stddef.h>

#include "abg/table.h"
#include "config_internal.h"
#include "table_map.h"

/* One CSV file and how it joins. */
typedef struct table_source {
    abg_table *table;
    size_t section;  /* its [areas] or [table] section */
    int file_line;   /* the line of its file = key */
    int key_line;    /* the line of its code = or name = key (0: none) */
    const char *key; /* its join column (areas: code, else name) */
    long key_col;
    size_t *row_of; /* tables: each area's row (ABG_MAP_NONE: none) */
    unsigned index; /* its source index in the config */
} table_source;

/* A column that becomes entries. */
typedef struct table_column {
    const char *name;
    size_t source;
    size_t col;
    bool money; /* previous and published: money, not indicators */
} table_column;

/* What the expansion works on. */
typedef struct table_expander {
    abg_config *c;
    abg_diag *diag;
    table_source *sources;
    size_t n_sources;
    long code_col, name_col; /* in the areas file; -1 when not given */
    size_t n_areas;
    abg_map by_key;  /* join key (code, else name) to area */
    abg_map by_name; /* shown name to area */
    table_column *columns;
    size_t n_columns;
    size_t *override; /* each area's [area] section, or ABG_MAP_NONE */
} table_expander;

/* Reads the areas file (x->sources[0]): each row an area with a unique
 * code and name, none a totals row. `code` and `name` are the [areas]
 * keys' values (either may be NULL). */
abg_error abg_join_areas(table_expander *x, const char *code,
                         const char *name);

/* Joins table s to the areas by its `code` (or `name`) column, default the
 * areas' join column: every row to an area, every area to one row. */
abg_error abg_join_table(table_expander *x, table_source *s, const char *code,
                         const char *name);

/* Writes an area as "E07000130 Charnwood" (or the one the file has) into
 * buf and returns it. */
const char *abg_join_label(char *buf, size_t size, const table_expander *x,
                           size_t area);

/* Returns the name an area is shown by: its name, else its code. */
const char *abg_join_name(const table_expander *x, size_t area);

/* Refuses a column that table s lacks, at the INI's line, suggesting its
 * columns. */
abg_error abg_join_no_column(table_expander *x, const table_source *s,
                             const char *name, int line);

#endif /* ABG_TABLE_JOIN_H */
