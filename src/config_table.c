/*
 * config_table.c - the [areas] and [table NAME] sections: CSV files
 * expanded into [area NAME] sections and their entries, joined by code.
 *
 * SPDX-License-Identifier: MIT
 *
 * Every row of the [areas] file becomes an [area NAME] section, in file
 * order, at the place of the [areas] heading; each other table is joined
 * to it by code (by name when [areas] has no code), and the join is
 * checked both ways. Only the columns something may use become entries:
 * the indicators the components and scenarios name, and previous,
 * published and published.COMPONENT. Each entry keeps its file and line,
 * so that every later message names the cell. The file's own [area NAME]
 * sections are merged into the table's areas, their values winning.
 * Everything here is linear in the number of rows: the joins go through
 * hash tables.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abg/table.h"
#include "config_internal.h"

#define NONE SIZE_MAX
/* How many names a join error lists before "...". */
#define FEW 3

/* A string-keyed hash table of indices; the keys belong to the caller. */
typedef struct slot {
    const char *key;
    size_t hash; /* compared first: most probes then skip the strcmp */
    size_t value;
} slot;
typedef struct map {
    slot *slots;
    size_t mask;
} map;

/* One CSV file and how it joins. */
typedef struct source {
    abg_table *table;
    size_t section;    /* its [areas] or [table] section */
    int file_line;     /* the line of its file = key */
    int key_line;      /* the line of its code = or name = key (0: none) */
    const char *key;   /* its join column (areas: code, else name) */
    long key_col;
    size_t *row_of;    /* tables: each area's row (NONE before joining) */
    unsigned index;    /* its source index in the config */
} table_source;

/* A column that becomes entries. */
typedef struct column {
    const char *name;
    size_t source;
    size_t col;
    bool money; /* previous and published: money, not indicators */
} column;

/* What the expansion works on. */
typedef struct expander {
    abg_config *c;
    abg_diag *diag;
    table_source *sources;
    size_t n_sources;
    long code_col, name_col; /* in the areas file; -1 when not given */
    size_t n_areas;
    map by_key;     /* join key (code, else name) to area */
    map by_name;    /* shown name to area */
    column *columns;
    size_t n_columns;
    size_t *override; /* each area's [area] section in the file, or NONE */
} expander;

/* FNV-1a. */
static size_t hash(const char *s)
{
    size_t h = (size_t)14695981039346656037ULL;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
    return h;
}

/* Makes room for n keys; returns false when out of memory. */
static bool map_init(map *m, size_t n)
{
    size_t cap = 16;

    while (cap < 2 * n)
        cap *= 2;
    m->slots = calloc(cap, sizeof *m->slots);
    m->mask = cap - 1;
    return m->slots != NULL;
}

/* Returns the value stored for key, or NONE. */
static size_t map_find(const map *m, const char *key)
{
    size_t h = hash(key);

    for (size_t i = h & m->mask; m->slots[i].key; i = (i + 1) & m->mask)
        if (m->slots[i].hash == h && strcmp(m->slots[i].key, key) == 0)
            return m->slots[i].value;
    return NONE;
}

/* Stores key unless present; returns the value already stored, or NONE
 * when key is new. The map must have room (map_init). */
static size_t map_put(map *m, const char *key, size_t value)
{
    size_t h = hash(key), i = h & m->mask;

    for (; m->slots[i].key; i = (i + 1) & m->mask)
        if (m->slots[i].hash == h && strcmp(m->slots[i].key, key) == 0)
            return m->slots[i].value;
    m->slots[i].key = key;
    m->slots[i].hash = h;
    m->slots[i].value = value;
    return NONE;
}

/* Returns true for a cell that labels a totals row, not an area: "Total",
 * "Totals", "Grand total", "All areas", "Total (England)". */
static bool is_total(const char *s)
{
    static const char *const words[] = {"total", "totals", "grand total",
                                        "all areas", "all", "sum", NULL};

    if (!strchr("tTgGaAsS", s[0]) || !s[0]) /* most cells: at once */
        return false;
    for (size_t i = 0; words[i]; i++)
        if (strcasecmp(s, words[i]) == 0)
            return true;
    return strncasecmp(s, "total", 5) == 0 &&
           (s[5] == ' ' || s[5] == '(' || s[5] == ':' || s[5] == '-');
}

/* Appends "text" to a list of the first few names in buf. */
static void list_add(char *buf, size_t size, size_t count, const char *text)
{
    size_t used = strlen(buf);

    if (count > FEW)
        return;
    snprintf(buf + used, size - used, "%s%s", count > 1 ? ", " : "", text);
}

/* Ends a list of `count` names with ", ..." when some were left off. */
static void list_end(char *buf, size_t size, size_t count)
{
    size_t used = strlen(buf);

    if (count > FEW)
        snprintf(buf + used, size - used, ", ...");
}

/* Returns the area's name as shown with its code: "E07000130 Charnwood",
 * or the one of them the file has. */
static const char *area_label(char *buf, size_t size, const expander *x,
                              size_t a)
{
    const abg_table *t = x->sources[0].table;

    if (x->code_col >= 0 && x->name_col >= 0)
        snprintf(buf, size, "%s %s",
                 abg_table_cell(t, a, (size_t)x->code_col),
                 abg_table_cell(t, a, (size_t)x->name_col));
    else
        snprintf(buf, size, "%s",
                 abg_table_cell(t, a, (size_t)(x->code_col >= 0
                                                   ? x->code_col
                                                   : x->name_col)));
    return buf;
}

/* The name an area is shown by: its name, else its code. */
static const char *area_name(const expander *x, size_t a)
{
    return abg_table_cell(x->sources[0].table, a,
                          (size_t)(x->name_col >= 0 ? x->name_col
                                                    : x->code_col));
}

/* Refuses a column name that the table lacks, suggesting its columns. */
static abg_error no_column(expander *x, const table_source *s, const char *name,
                           int line)
{
    size_t n = abg_table_columns(s->table);
    const char **list = calloc(n + 1, sizeof *list);
    char all[256] = "", fallback[320], hint[320];

    if (!list)
        return ABG_ERROR_MEMORY;
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(all);
        list[i] = abg_table_header(s->table, i);
        snprintf(all + used, sizeof all - used, "%s%s", i ? ", " : "",
                 list[i]);
    }
    snprintf(fallback, sizeof fallback, "its columns are: %s", all);
    abg_config_suggest(hint, sizeof hint, name, list, fallback);
    free(list);
    return abg_diag_set(x->diag, ABG_ERROR_VALUE, x->c->file, line, hint,
                        "%s has no column \"%s\"",
                        abg_table_file(s->table), name);
}

/* Joins the INI's folder and a file name given in it. */
static char *resolve(const char *ini, const char *name)
{
    const char *slash = strrchr(ini, '/');
    size_t dir = slash ? (size_t)(slash - ini) + 1 : 0;
    char *path;

    if (name[0] == '/')
        dir = 0;
    path = malloc(dir + strlen(name) + 1);
    if (path) {
        memcpy(path, ini, dir);
        strcpy(path + dir, name);
    }
    return path;
}

/* Reads the keys of an [areas] or [table NAME] section and its file. */
static abg_error read_source(expander *x, table_source *s, bool areas,
                             const char **code, const char **name)
{
    abg_config *c = x->c;
    const abg_section *sec = &c->sections[s->section];
    const char *file = NULL;
    char *path, **grown;
    abg_diag local = {0};
    abg_error err;

    *code = *name = NULL;
    for (size_t i = 0; i < c->n_entries; i++) {
        const abg_entry *e = &c->entries[i];
        if (e->section != s->section || !e->key[0])
            continue;
        if (strcmp(e->key, "file") == 0) {
            file = e->value, s->file_line = e->line;
        } else if (strcmp(e->key, "code") == 0) {
            *code = e->value, s->key_line = e->line;
        } else if (strcmp(e->key, "name") == 0) {
            *name = e->value;
            if (areas || !*code)
                s->key_line = e->line;
        } else {
            return abg_diag_set(x->diag, ABG_ERROR_VALUE, c->file, e->line,
                                areas ? "[areas] takes: file, code, name"
                                      : "[table NAME] takes: file, code",
                                "unknown key \"%s\" in [%s]", e->key,
                                sec->text);
        }
    }
    if (!file || !file[0])
        return abg_diag_set(x->diag, ABG_ERROR_VALUE, c->file, sec->line,
                            areas ? "add file = the CSV file listing the "
                                    "areas, such as districts-2025.csv"
                                  : "add file = the CSV file, such as "
                                    "crime-2024.csv",
                            "[%s] has no file", sec->text);
    if (!(path = resolve(c->file, file)))
        return ABG_ERROR_MEMORY;
    grown = realloc(c->sources, (c->n_sources + 1) * sizeof *grown);
    if (!grown) {
        free(path);
        return ABG_ERROR_MEMORY;
    }
    c->sources = grown;
    c->sources[c->n_sources++] = path;
    s->index = (unsigned)c->n_sources;
    err = abg_table_read(&s->table, path, path, &local);
    if (err == ABG_ERROR_READ) /* the line to fix is the file = line */
        return abg_diag_set(x->diag, err, c->file, s->file_line,
                            "check the file name, which is relative to the "
                            "INI file's folder", "%s: %s", path,
                            local.message);
    if (err) {
        if (x->diag && !x->diag->message[0])
            *x->diag = local;
        return err;
    }
    if (abg_table_rows(s->table) == 0)
        return abg_diag_set(x->diag, ABG_ERROR_VALUE, path, 1,
                            "export the table with its rows",
                            "the file has a header and no rows");
    return ABG_OK;
}

/* Refuses a totals row, which would be divided as if it were an area. */
static abg_error check_total(expander *x, const table_source *s, size_t row,
                             const char *cell)
{
    if (!is_total(cell))
        return ABG_OK;
    return abg_diag_set(x->diag, ABG_ERROR_VALUE, abg_table_file(s->table),
                        abg_table_line(s->table, row),
                        "delete the totals row from the file: abgcalc adds "
                        "the areas up itself",
                        "\"%s\" is a totals row, not an area", cell);
}

/* Reads the areas file: each row an area with a unique code and name. */
static abg_error read_areas(expander *x, const char *code, const char *name)
{
    table_source *s = &x->sources[0];
    const abg_table *t = s->table;
    const char *file = abg_table_file(t);
    size_t n = abg_table_rows(t), twice = 0;
    char list[400] = "", item[200];
    int first_line = 0;

    if (!code && !name)
        return abg_diag_set(x->diag, ABG_ERROR_VALUE, x->c->file,
                            x->c->sections[s->section].line,
                            "add name = the column of area names, and "
                            "code = the column of area codes if there is one",
                            "[areas] names neither a code nor a name column");
    x->code_col = x->name_col = -1;
    if (code && (x->code_col = abg_table_find(t, code)) < 0)
        return no_column(x, s, code, s->key_line);
    if (name && (x->name_col = abg_table_find(t, name)) < 0) {
        int line = s->file_line;
        for (size_t i = 0; i < x->c->n_entries; i++)
            if (x->c->entries[i].section == s->section &&
                strcmp(x->c->entries[i].key, "name") == 0)
                line = x->c->entries[i].line;
        return no_column(x, s, name, line);
    }
    s->key = code ? code : name;
    s->key_col = code ? x->code_col : x->name_col;
    x->n_areas = n;
    if (!map_init(&x->by_key, n) || !map_init(&x->by_name, n) ||
        !(x->override = malloc(n * sizeof *x->override)))
        return ABG_ERROR_MEMORY;
    for (size_t a = 0; a < n; a++) {
        const char *key = abg_table_cell(t, a, (size_t)s->key_col);
        const char *shown = area_name(x, a);
        size_t other;
        abg_error err;

        x->override[a] = NONE;
        if ((err = check_total(x, s, a, key)) ||
            (err = check_total(x, s, a, shown)))
            return err;
        if (!key[0] || !shown[0])
            return abg_diag_set(x->diag, ABG_ERROR_VALUE, file,
                                abg_table_line(t, a),
                                "fill in the cell, or delete the row if it "
                                "is no area",
                                "the row has no %s (column %s)",
                                key[0] ? "name" : code ? "code" : "name",
                                key[0] ? name : s->key);
        other = map_put(&x->by_key, key, a);
        if (other == NONE && code && name &&
            (other = map_put(&x->by_name, shown, a)) != NONE)
            return abg_diag_set(x->diag, ABG_ERROR_VALUE, file,
                                abg_table_line(t, a),
                                "give each area its own name: the name is "
                                "what the results show",
                                "two areas are called \"%s\" (lines %d and "
                                "%d)", shown, abg_table_line(t, other),
                                abg_table_line(t, a));
        if (other != NONE && ++twice) {
            if (twice == 1)
                first_line = abg_table_line(t, a);
            snprintf(item, sizeof item, "%s (lines %d and %d)", key,
                     abg_table_line(t, other), abg_table_line(t, a));
            list_add(list, sizeof list, twice, item);
        }
    }
    if (!twice)
        return ABG_OK;
    list_end(list, sizeof list, twice);
    return abg_diag_set(x->diag, ABG_ERROR_VALUE, file, first_line,
                        "give each area one row",
                        "%zu %s%s twice: %s", twice,
                        code ? "code" : "name",
                        twice == 1 ? " appears" : "s appear", list);
}

/* Joins one table to the areas: every row to an area, every area to one
 * row. */
static abg_error join(expander *x, table_source *s, const char *code,
                      const char *name)
{
    const abg_table *t = s->table;
    const table_source *areas = &x->sources[0];
    const char *file = abg_table_file(t);
    size_t n = abg_table_rows(t), unknown = 0, twice = 0, missing = 0;
    char list[400] = "", item[200];
    int first_line = 0;
    long name_col = -1;

    s->key = code ? code : name ? name : areas->key;
    if ((s->key_col = abg_table_find(t, s->key)) < 0)
        return no_column(x, s, s->key, s->key_line ? s->key_line
                                                   : s->file_line);
    /* A totals row may carry its label in the name column only. */
    if (x->name_col >= 0)
        name_col = abg_table_find(t, abg_table_header(areas->table,
                                                      (size_t)x->name_col));
    if (!(s->row_of = malloc(x->n_areas * sizeof *s->row_of)))
        return ABG_ERROR_MEMORY;
    for (size_t a = 0; a < x->n_areas; a++)
        s->row_of[a] = NONE;
    for (size_t r = 0; r < n; r++) {
        const char *key = abg_table_cell(t, r, (size_t)s->key_col);
        size_t a = map_find(&x->by_key, key);
        abg_error err = check_total(x, s, r, key);

        if (!err && name_col >= 0)
            err = check_total(x, s, r, abg_table_cell(t, r, (size_t)name_col));
        if (!err)
            err = check_total(x, s, r, abg_table_cell(t, r, 0));
        if (err)
            return err;
        if (a == NONE && ++unknown) {
            if (unknown == 1)
                first_line = abg_table_line(t, r);
            snprintf(item, sizeof item, "%s (line %d)",
                     key[0] ? key : "(empty)", abg_table_line(t, r));
            list_add(list, sizeof list, unknown, item);
        } else if (a != NONE && s->row_of[a] != NONE) {
            twice++;
        } else if (a != NONE) {
            s->row_of[a] = r;
        }
    }
    if (unknown) {
        list_end(list, sizeof list, unknown);
        return abg_diag_set(x->diag, ABG_ERROR_VALUE, file, first_line,
                            "correct the code, or add the area to the "
                            "[areas] file",
                            "%zu %s%s no area of %s: %s", unknown, s->key,
                            unknown == 1 ? " value matches" :
                            " values match", abg_table_file(areas->table),
                            list);
    }
    if (twice) {
        for (size_t r = 0, seen = 0; r < n; r++) {
            size_t a = map_find(&x->by_key,
                                abg_table_cell(t, r, (size_t)s->key_col));
            if (s->row_of[a] == r)
                continue;
            if (++seen == 1)
                first_line = abg_table_line(t, r);
            snprintf(item, sizeof item, "%s (lines %d and %d)",
                     abg_table_cell(t, r, (size_t)s->key_col),
                     abg_table_line(t, s->row_of[a]), abg_table_line(t, r));
            list_add(list, sizeof list, seen, item);
        }
        list_end(list, sizeof list, twice);
        return abg_diag_set(x->diag, ABG_ERROR_VALUE, file, first_line,
                            "keep one row per area",
                            "%zu %s%s twice: %s", twice, s->key,
                            twice == 1 ? " value appears" : " values appear",
                            list);
    }
    for (size_t a = 0; a < x->n_areas; a++)
        if (s->row_of[a] == NONE && ++missing)
            list_add(list, sizeof list, missing,
                     area_label(item, sizeof item, x, a));
    if (!missing)
        return ABG_OK;
    list_end(list, sizeof list, missing);
    return abg_diag_set(x->diag, ABG_ERROR_VALUE, x->c->file, s->file_line,
                        "add a row for each area to the file",
                        "%s: %zu area%s no row: %s", file, missing,
                        missing == 1 ? " has" : "s have", list);
}

/* Returns true when name is the value of an indicator key that a
 * component or a scenario's component.NAME.indicator gives. */
static bool is_used(const abg_config *c, const char *name)
{
    for (size_t i = 0; i < c->n_entries; i++) {
        const abg_entry *e = &c->entries[i];
        const char *kind = c->sections[e->section].kind;
        size_t n = strlen(e->key);
        if (strcmp(e->value, name) != 0)
            continue;
        if (strcmp(kind, "component") == 0 &&
            strcmp(e->key, "indicator") == 0)
            return true;
        if (strcmp(kind, "scenario") == 0 &&
            strncmp(e->key, "component.", 10) == 0 && n > 10 &&
            strcmp(e->key + n - 10, ".indicator") == 0)
            return true;
    }
    return false;
}

/* Lists the columns that become entries, refusing one that two files
 * both have: which of the two would be meant is a guess. */
static abg_error find_columns(expander *x)
{
    const table_source *areas = &x->sources[0];
    size_t total = 0;

    for (size_t si = 0; si < x->n_sources; si++)
        total += abg_table_columns(x->sources[si].table);
    if (!(x->columns = calloc(total + 1, sizeof *x->columns)))
        return ABG_ERROR_MEMORY;
    for (size_t si = 0; si < x->n_sources; si++) {
        const table_source *s = &x->sources[si];
        for (size_t col = 0; col < abg_table_columns(s->table); col++) {
            const char *h = abg_table_header(s->table, col);
            bool money = strcmp(h, "previous") == 0 ||
                         strcmp(h, "published") == 0 ||
                         strncmp(h, "published.", 10) == 0;
            if (!h[0] || (long)col == s->key_col ||
                (si == 0 && (long)col == x->name_col) ||
                (si > 0 && ((x->code_col >= 0 &&
                             strcmp(h, abg_table_header(areas->table,
                                       (size_t)x->code_col)) == 0) ||
                            (x->name_col >= 0 &&
                             strcmp(h, abg_table_header(areas->table,
                                       (size_t)x->name_col)) == 0))))
                continue;
            for (size_t k = 0; k < x->n_columns; k++)
                if (strcmp(x->columns[k].name, h) == 0)
                    return abg_diag_set(
                        x->diag, ABG_ERROR_VALUE, x->c->file, s->file_line,
                        "rename or delete the column in one of the files",
                        "column \"%s\" is in both %s and %s", h,
                        abg_table_file(x->sources[x->columns[k].source]
                                           .table),
                        abg_table_file(s->table));
            x->columns[x->n_columns].name = h;
            x->columns[x->n_columns].source = si;
            x->columns[x->n_columns].col = col;
            x->columns[x->n_columns].money = money;
            x->n_columns++;
        }
    }
    /* Only what may be used is kept: other columns may hold anything. */
    for (size_t k = 0; k < x->n_columns;) {
        if (x->columns[k].money || is_used(x->c, x->columns[k].name))
            k++;
        else
            x->columns[k] = x->columns[--x->n_columns];
    }
    return ABG_OK;
}

/* Matches each [area NAME] section of the file to a table area, by name
 * or by code; one naming no area of the table is refused. */
static abg_error match_overrides(expander *x)
{
    abg_config *c = x->c;

    for (size_t i = 0; i < c->n_sections; i++) {
        const abg_section *s = &c->sections[i];
        size_t a;
        if (strcmp(s->kind, "area") != 0)
            continue;
        a = map_find(&x->by_name, s->name);
        if (a == NONE && x->code_col >= 0)
            a = map_find(&x->by_key, s->name);
        if (a == NONE && x->name_col >= 0 && x->code_col < 0)
            a = map_find(&x->by_key, s->name);
        if (a == NONE) {
            char hint[320];
            snprintf(hint, sizeof hint, "the areas are the rows of %s: "
                     "check the spelling, or add a row there",
                     abg_table_file(x->sources[0].table));
            return abg_diag_set(x->diag, ABG_ERROR_VALUE, c->file, s->line,
                                hint, "[area %s] names no area of %s",
                                s->name,
                                abg_table_file(x->sources[0].table));
        }
        if (x->override[a] != NONE)
            return abg_diag_set(x->diag, ABG_ERROR_VALUE, c->file, s->line,
                                "give each area one section",
                                "[area %s] is the area of [area %s] (line "
                                "%d)", s->name,
                                c->sections[x->override[a]].name,
                                c->sections[x->override[a]].line);
        x->override[a] = i;
    }
    return ABG_OK;
}

/* Refuses an indicator that a component names and no file or [area]
 * section gives, suggesting the columns there are. */
static abg_error check_indicators(expander *x)
{
    abg_config *c = x->c;

    for (size_t i = 0; i < c->n_entries; i++) {
        const abg_entry *e = &c->entries[i];
        bool found = false;
        const char **list;
        size_t n = 0;
        char files[300] = "", all[300] = "", fallback[340], hint[340];

        if (strcmp(c->sections[e->section].kind, "component") != 0 ||
            strcmp(e->key, "indicator") != 0)
            continue;
        for (size_t k = 0; k < x->n_columns && !found; k++)
            found = strcmp(x->columns[k].name, e->value) == 0;
        for (size_t k = 0; k < c->n_entries && !found; k++)
            found = strcmp(c->sections[c->entries[k].section].kind,
                           "area") == 0 &&
                    strcmp(c->entries[k].key, e->value) == 0;
        if (found)
            continue;
        for (size_t si = 0; si < x->n_sources; si++)
            n += abg_table_columns(x->sources[si].table);
        if (!(list = calloc(n + 1, sizeof *list)))
            return ABG_ERROR_MEMORY;
        n = 0;
        for (size_t si = 0; si < x->n_sources; si++) {
            const abg_table *t = x->sources[si].table;
            size_t used = strlen(files);
            snprintf(files + used, sizeof files - used, "%s%s",
                     si ? ", " : "", abg_table_file(t));
            for (size_t col = 0; col < abg_table_columns(t); col++) {
                used = strlen(all);
                list[n++] = abg_table_header(t, col);
                snprintf(all + used, sizeof all - used, "%s%s",
                         used ? ", " : "", abg_table_header(t, col));
            }
        }
        snprintf(fallback, sizeof fallback, "the columns are: %s", all);
        abg_config_suggest(hint, sizeof hint, e->value, list, fallback);
        free(list);
        return abg_diag_set(x->diag, ABG_ERROR_VALUE, c->file, e->line,
                            hint, "indicator \"%s\" is no column of %s",
                            e->value, files);
    }
    return ABG_OK;
}

/* Checks a cell that becomes an entry: not empty, and a number (money
 * for previous and published). */
static abg_error check_cell(expander *x, const column *k, size_t a,
                            const char *cell, int line)
{
    const char *file = abg_table_file(x->sources[k->source].table);
    const char *reason = NULL;
    abg_error err;
    abg_decimal d;
    int64_t pence;
    char label[200], hint[400];

    if (!cell[0]) {
        snprintf(hint, sizeof hint, "fill in the cell, or give %s in an "
                 "[area %s] section", k->name, area_name(x, a));
        return abg_diag_set(x->diag, ABG_ERROR_VALUE, file, line, hint,
                            "empty cell in column %s (area %s)", k->name,
                            area_label(label, sizeof label, x, a));
    }
    err = k->money ? abg_money_parse(&pence, cell, &reason)
                   : abg_decimal_parse(&d, cell, &reason);
    if (!err)
        return ABG_OK;
    return abg_diag_set(x->diag, err, file, line,
                        k->money ? "write money as 94125, 94125.00 or "
                                   "94,125.00"
                                 : "write a number such as 9305, 9,305 or "
                                   "12.5",
                        "%s \"%s\" %s (area %s)", k->name, cell, reason,
                        area_label(label, sizeof label, x, a));
}

/* Returns true when the file's [area] section for an area sets key. */
static bool overridden(const abg_config *c, const size_t *first,
                       const size_t *order, size_t section, const char *key)
{
    for (size_t i = first[section]; i < first[section + 1]; i++)
        if (strcmp(c->entries[order[i]].key, key) == 0)
            return true;
    return false;
}

/* Makes the new section list: the areas at the place of [areas], the
 * [table] and [area] sections of the file gone (the latter merged), and
 * then the entries, remapped, with the tables' cells added. */
static abg_error rebuild(expander *x)
{
    abg_config *c = x->c;
    size_t ns = c->n_sections, areas_at = NONE, n_new = 0, kept = 0;
    size_t n_old = c->n_entries;
    size_t *remap = malloc((ns + 1) * sizeof *remap);
    size_t *first = calloc(ns + 2, sizeof *first);
    size_t *order = malloc((c->n_entries + 1) * sizeof *order);
    abg_section *sections = NULL;
    abg_error err = ABG_OK;
    const abg_table *t = x->sources[0].table;

    if (!remap || !first || !order) {
        err = ABG_ERROR_MEMORY;
        goto out;
    }
    /* The file's entries grouped by section (a counting sort). */
    for (size_t i = 0; i < c->n_entries; i++)
        first[c->entries[i].section + 1]++;
    for (size_t s = 0; s < ns; s++)
        first[s + 1] += first[s];
    {
        size_t *fill = malloc((ns + 1) * sizeof *fill);
        if (!fill) {
            err = ABG_ERROR_MEMORY;
            goto out;
        }
        memcpy(fill, first, (ns + 1) * sizeof *fill);
        for (size_t i = 0; i < c->n_entries; i++)
            order[fill[c->entries[i].section]++] = i;
        free(fill);
    }
    for (size_t s = 0; s < ns; s++) {
        const char *kind = c->sections[s].kind;
        remap[s] = NONE;
        if (strcmp(kind, "areas") == 0) {
            areas_at = n_new;
            n_new += x->n_areas;
        } else if (strcmp(kind, "table") != 0 && strcmp(kind, "area") != 0) {
            remap[s] = n_new++;
        }
    }
    for (size_t a = 0; a < x->n_areas; a++)
        if (x->override[a] != NONE)
            remap[x->override[a]] = areas_at + a;
    if (!(sections = calloc(n_new + 1, sizeof *sections))) {
        err = ABG_ERROR_MEMORY;
        goto out;
    }
    for (size_t s = 0; s < ns; s++) {
        abg_section *old = &c->sections[s];
        if (strcmp(old->kind, "area") != 0 && remap[s] != NONE) {
            sections[remap[s]] = *old;
            memset(old, 0, sizeof *old);
        }
    }
    for (size_t a = 0; a < x->n_areas; a++) {
        abg_section *s = &sections[areas_at + a];
        const char *name = area_name(x, a);
        size_t len = strlen(name);

        s->line = abg_table_line(t, a);
        s->source = x->sources[0].index;
        s->kind = strdup("area");
        s->name = strdup(name);
        s->text = malloc(len + 6);
        if (s->text)
            memcpy(s->text, "area ", 5), memcpy(s->text + 5, name, len + 1);
        if (x->code_col >= 0 && x->name_col >= 0)
            s->alias = strdup(abg_table_cell(t, a, (size_t)x->code_col));
        if (!s->kind || !s->name || !s->text ||
            (x->code_col >= 0 && x->name_col >= 0 && !s->alias)) {
            err = ABG_ERROR_MEMORY;
            goto out;
        }
    }
    /* The old sections' strings that were not moved. */
    for (size_t s = 0; s < ns; s++) {
        free(c->sections[s].text);
        free(c->sections[s].kind);
        free(c->sections[s].name);
        free(c->sections[s].alias);
    }
    free(c->sections);
    c->sections = sections, sections = NULL;
    c->n_sections = c->cap_sections = n_new;
    /* The cells, each checked, except where the file's [area] wins. */
    for (size_t a = 0; a < x->n_areas && !err; a++) {
        size_t over = x->override[a];
        for (size_t k = 0; k < x->n_columns && !err; k++) {
            const column *col = &x->columns[k];
            const table_source *s = &x->sources[col->source];
            size_t row = col->source == 0 ? a : s->row_of[a];
            const char *cell = abg_table_cell(s->table, row, col->col);
            int line = abg_table_line(s->table, row);
            if (over != NONE && overridden(c, first, order, over, col->name))
                continue;
            err = check_cell(x, col, a, cell, line);
            if (!err)
                err = abg_config_append(c, areas_at + a, col->name, cell,
                                        line);
            if (!err)
                c->entries[c->n_entries - 1].source = s->index;
        }
    }
    /* The file's entries of kept sections, remapped; the cells after. */
    for (size_t i = 0; i < c->n_entries; i++) {
        abg_entry *e = &c->entries[i];
        if (i < n_old && remap[e->section] == NONE) {
            free(e->key), free(e->value);
            continue;
        }
        if (i < n_old)
            e->section = remap[e->section];
        c->entries[kept++] = *e;
    }
    c->n_entries = kept;
out:
    free(sections);
    free(remap);
    free(first);
    free(order);
    return err;
}

abg_error abg_config_expand_tables(abg_config *c, abg_diag *diag)
{
    expander x = {0};
    size_t n_tables = 0, areas_section = NONE;
    const char *code = NULL, *name = NULL;
    abg_error err = ABG_OK;

    x.c = c, x.diag = diag;
    for (size_t i = 0; i < c->n_sections; i++) {
        const abg_section *s = &c->sections[i];
        if (strcmp(s->kind, "table") == 0 && !s->name[0])
            return abg_diag_set(diag, ABG_ERROR_VALUE, c->file, s->line,
                                "name the table, like [table crime]",
                                "table has no name");
        if (strcmp(s->kind, "areas") == 0 && s->name[0])
            return abg_diag_set(diag, ABG_ERROR_VALUE, c->file, s->line,
                                "write the heading as [areas]; its rows "
                                "name the areas",
                                "[areas] takes no name");
        n_tables += strcmp(s->kind, "table") == 0;
        if (strcmp(s->kind, "areas") == 0)
            areas_section = i;
    }
    if (areas_section == NONE && !n_tables)
        return ABG_OK;
    if (areas_section == NONE) {
        for (size_t i = 0; i < c->n_sections; i++)
            if (strcmp(c->sections[i].kind, "table") == 0)
                return abg_diag_set(diag, ABG_ERROR_VALUE, c->file,
                                    c->sections[i].line,
                                    "add an [areas] section whose file "
                                    "lists the areas, one row each",
                                    "[%s] needs an [areas] section to join "
                                    "to", c->sections[i].text);
    }
    x.sources = calloc(n_tables + 1, sizeof *x.sources);
    if (!x.sources) {
        err = ABG_ERROR_MEMORY;
        goto out;
    }
    x.sources[0].section = areas_section;
    x.n_sources = 1;
    for (size_t i = 0; i < c->n_sections; i++)
        if (strcmp(c->sections[i].kind, "table") == 0)
            x.sources[x.n_sources++].section = i;
    if ((err = read_source(&x, &x.sources[0], true, &code, &name)) ||
        (err = read_areas(&x, code, name)))
        goto out;
    for (size_t si = 1; si < x.n_sources && !err; si++) {
        const char *tcode, *tname;
        err = read_source(&x, &x.sources[si], false, &tcode, &tname);
        if (!err)
            err = join(&x, &x.sources[si], tcode, tname);
    }
    if (err || (err = find_columns(&x)) || (err = match_overrides(&x)) ||
        (err = check_indicators(&x)))
        goto out;
    err = rebuild(&x);
out:
    if (err == ABG_ERROR_MEMORY)
        abg_diag_set(diag, err, c->file, 0, NULL, "out of memory");
    for (size_t si = 0; x.sources && si < x.n_sources; si++) {
        abg_table_free(x.sources[si].table);
        free(x.sources[si].row_of);
    }
    free(x.sources);
    free(x.by_key.slots);
    free(x.by_name.slots);
    free(x.columns);
    free(x.override);
    return err;
}

bool abg_config_is_csv(const char *path, const char *text, size_t length)
{
    size_t n = strlen(path), pos = 0, end;

    if (n >= 4 && strcasecmp(path + n - 4, ".csv") == 0)
        return true;
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    /* The first line that is neither blank nor a comment. */
    for (;; pos = end + 1) {
        const char *nl = memchr(text + pos, '\n', length - pos);
        end = nl ? (size_t)(nl - text) : length;
        while (pos < end && (text[pos] == ' ' || text[pos] == '\t' ||
                             text[pos] == '\r'))
            pos++;
        if (pos < end && text[pos] != ';' && text[pos] != '#')
            break;
        if (end >= length)
            return false;
    }
    /* A header row: commas, and neither a heading nor key = value. */
    return memchr(text + pos, ',', end - pos) && text[pos] != '[' &&
           !memchr(text + pos, '=', end - pos);
}

const char *abg_config_source(const abg_config *c, unsigned source)
{
    return source == 0 || source > c->n_sources ? c->file
                                                : c->sources[source - 1];
}

abg_error abg_config_copy_tables(abg_config *copy, const abg_config *base)
{
    if (base->n_sources) {
        copy->sources = calloc(base->n_sources, sizeof *copy->sources);
        if (!copy->sources)
            return ABG_ERROR_MEMORY;
        for (size_t i = 0; i < base->n_sources; i++) {
            if (!(copy->sources[i] = strdup(base->sources[i])))
                return ABG_ERROR_MEMORY;
            copy->n_sources++;
        }
    }
    for (size_t i = 0; i < base->n_sections && i < copy->n_sections; i++) {
        copy->sections[i].source = base->sections[i].source;
        if (base->sections[i].alias &&
            !(copy->sections[i].alias = strdup(base->sections[i].alias)))
            return ABG_ERROR_MEMORY;
    }
    for (size_t i = 0; i < base->n_entries && i < copy->n_entries; i++)
        copy->entries[i].source = base->entries[i].source;
    return ABG_OK;
}

abg_error abg_config_copy_sources(char ***out, size_t *n,
                                  const abg_config *c)
{
    *out = NULL, *n = 0;
    if (!c->n_sources)
        return ABG_OK;
    if (!(*out = calloc(c->n_sources, sizeof **out)))
        return ABG_ERROR_MEMORY;
    for (; *n < c->n_sources; (*n)++)
        if (!((*out)[*n] = strdup(c->sources[*n])))
            return ABG_ERROR_MEMORY;
    return ABG_OK;
}

void abg_config_free_tables(abg_config *c)
{
    for (size_t i = 0; i < c->n_sections; i++)
        free(c->sections[i].alias);
    for (size_t i = 0; i < c->n_sources; i++)
        free(c->sources[i]);
    free(c->sources);
}
