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

#include "formula.h"
#include "table_join.h"

/* A copy of s in the config's arena, or NULL when memory runs out. */
static char *arena_copy(abg_config *c, const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = abg_arena_alloc(&c->arena, n);

    if (copy)
        memcpy(copy, s, n);
    return copy;
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
static abg_error read_source(table_expander *x, table_source *s, bool areas,
                             const char **code, const char **name)
{
    abg_config *c = x->c;
    const abg_section *sec = &c->sections[s->section];
    const char *file = NULL;
    char *path, **grown;
    abg_diag local = {0};
    abg_error err;

    *code = *name = NULL;
    ABG_FOR_ENTRIES(e, c, sec)
    {
        if (!e->key[0])
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
                            "INI file's folder",
                            "%s: %s", path, local.message);
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

/* Returns true when e is a formula: [indicator NAME]'s formula, or a
 * scenario's indicator.NAME.formula. */
static bool is_formula(const abg_config *c, const abg_entry *e)
{
    const char *kind = c->sections[e->section].kind;
    size_t n = strlen(e->key);

    if (strcmp(kind, "indicator") == 0)
        return strcmp(e->key, "formula") == 0;
    return strcmp(kind, "scenario") == 0 &&
        strncmp(e->key, "indicator.", 10) == 0 && n > 18 &&
        strcmp(e->key + n - 8, ".formula") == 0;
}

/* Returns true when the formula e names name (a formula that does not
 * parse names nothing here: the model builder reports it). */
static bool names(const abg_entry *e, const char *name)
{
    abg_formula *f = NULL;
    bool found = false;

    if (abg_formula_parse(&f, e->value, "", 0, NULL) != ABG_OK)
        return false;
    for (size_t k = 0; k < abg_formula_names(f) && !found; k++)
        found = strcmp(abg_formula_name(f, k), name) == 0;
    abg_formula_free(f);
    return found;
}

/* Returns true when name is the value of an indicator key that a
 * component or a scenario's component.NAME.indicator gives, or a name a
 * formula uses. */
static bool is_used(const abg_config *c, const char *name)
{
    for (size_t i = 0; i < c->n_entries; i++) {
        const abg_entry *e = &c->entries[i];
        const char *kind = c->sections[e->section].kind;
        size_t n = strlen(e->key);
        if (is_formula(c, e) && names(e, name))
            return true;
        if (strcmp(e->value, name) != 0)
            continue;
        if (strcmp(kind, "component") == 0 && strcmp(e->key, "indicator") == 0)
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
static abg_error find_columns(table_expander *x)
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
                (si > 0 &&
                 ((x->code_col >= 0 &&
                   strcmp(h,
                          abg_table_header(areas->table,
                                           (size_t)x->code_col)) == 0) ||
                  (x->name_col >= 0 &&
                   strcmp(h,
                          abg_table_header(areas->table,
                                           (size_t)x->name_col)) == 0))))
                continue;
            for (size_t k = 0; k < x->n_columns; k++)
                if (strcmp(x->columns[k].name, h) == 0)
                    return abg_diag_set(
                        x->diag, ABG_ERROR_VALUE, x->c->file, s->file_line,
                        "rename or delete the column in one of the files",
                        "column \"%s\" is in both %s and %s", h,
                        abg_table_file(x->sources[x->columns[k].source].table),
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
static abg_error match_overrides(table_expander *x)
{
    abg_config *c = x->c;

    for (size_t i = 0; i < c->n_sections; i++) {
        const abg_section *s = &c->sections[i];
        size_t a;
        if (strcmp(s->kind, "area") != 0)
            continue;
        a = abg_map_find(&x->by_name, s->name);
        if (a == ABG_MAP_NONE && x->code_col >= 0)
            a = abg_map_find(&x->by_key, s->name);
        if (a == ABG_MAP_NONE && x->name_col >= 0 && x->code_col < 0)
            a = abg_map_find(&x->by_key, s->name);
        if (a == ABG_MAP_NONE) {
            char fallback[320], hint[320];
            const char **names = calloc(x->n_areas + 1, sizeof *names);
            if (!names)
                return ABG_ERROR_MEMORY;
            for (size_t k = 0; k < x->n_areas; k++)
                names[k] = abg_join_name(x, k);
            snprintf(fallback, sizeof fallback,
                     "the areas are the rows of "
                     "%s: check the spelling, or add a row there",
                     abg_table_file(x->sources[0].table));
            abg_config_suggest(hint, sizeof hint, s->name, names, fallback);
            free(names);
            return abg_diag_set(x->diag, ABG_ERROR_VALUE, c->file, s->line,
                                hint, "[area %s] names no area of %s", s->name,
                                abg_table_file(x->sources[0].table));
        }
        if (x->override[a] != ABG_MAP_NONE)
            return abg_diag_set(x->diag, ABG_ERROR_VALUE, c->file, s->line,
                                "give each area one section",
                                "[area %s] is the area of [area %s] (line "
                                "%d)",
                                s->name, c->sections[x->override[a]].name,
                                c->sections[x->override[a]].line);
        x->override[a] = i;
    }
    return ABG_OK;
}

/* Returns true when [indicator name] has a formula. */
static bool is_derived(const abg_config *c, const char *name)
{
    long si = abg_config_find_section(c, "indicator", name);

    return si >= 0 && abg_config_find_entry(c, (size_t)si, "formula");
}

/* Refuses indicator `value`, named at line (by the formula of `by`, or by
 * a component when NULL), when no column, [area] key or formula gives it,
 * suggesting the columns there are. */
static abg_error check_indicator(table_expander *x, const char *value,
                                 int line, const char *by)
{
    abg_config *c = x->c;
    bool found = is_derived(c, value);
    const char **list;
    size_t n = 0;
    char files[300] = "", all[300] = "", fallback[340], hint[340];

    for (size_t k = 0; k < x->n_columns && !found; k++)
        found = strcmp(x->columns[k].name, value) == 0;
    for (size_t k = 0; k < c->n_entries && !found; k++)
        found = strcmp(c->sections[c->entries[k].section].kind, "area") == 0 &&
            strcmp(c->entries[k].key, value) == 0;
    if (found)
        return ABG_OK;
    for (size_t si = 0; si < x->n_sources; si++)
        n += abg_table_columns(x->sources[si].table);
    if (!(list = calloc(n + 1, sizeof *list)))
        return ABG_ERROR_MEMORY;
    n = 0;
    for (size_t si = 0; si < x->n_sources; si++) {
        const abg_table *t = x->sources[si].table;
        size_t used = strlen(files);
        snprintf(files + used, sizeof files - used, "%s%s", si ? ", " : "",
                 abg_table_file(t));
        for (size_t col = 0; col < abg_table_columns(t); col++) {
            used = strlen(all);
            list[n++] = abg_table_header(t, col);
            snprintf(all + used, sizeof all - used, "%s%s", used ? ", " : "",
                     abg_table_header(t, col));
        }
    }
    snprintf(fallback, sizeof fallback, "the columns are: %s", all);
    abg_config_suggest(hint, sizeof hint, value, list, fallback);
    free(list);
    if (by)
        return abg_diag_set(x->diag, ABG_ERROR_VALUE, c->file, line, hint,
                            "formula of %s names \"%s\", which is no "
                            "column of %s",
                            by, value, files);
    return abg_diag_set(x->diag, ABG_ERROR_VALUE, c->file, line, hint,
                        "indicator \"%s\" is no column of %s", value, files);
}

/* Refuses an indicator that a component or a formula names and no file,
 * [area] section or formula gives. */
static abg_error check_indicators(table_expander *x)
{
    abg_config *c = x->c;
    abg_error err = ABG_OK;

    for (size_t i = 0; i < c->n_entries && !err; i++) {
        const abg_entry *e = &c->entries[i];
        const abg_section *s = &c->sections[e->section];
        abg_formula *f = NULL;
        if (!e->key[0])
            continue;
        if (strcmp(s->kind, "component") == 0 &&
            strcmp(e->key, "indicator") == 0)
            err = check_indicator(x, e->value, e->line, NULL);
        if (strcmp(s->kind, "indicator") != 0 ||
            strcmp(e->key, "formula") != 0 ||
            abg_formula_parse(&f, e->value, "", 0, NULL) != ABG_OK)
            continue;
        for (size_t k = 0; k < abg_formula_names(f) && !err; k++)
            err = check_indicator(x, abg_formula_name(f, k), e->line, s->name);
        abg_formula_free(f);
    }
    return err;
}

/* Checks a cell that becomes an entry: not empty, and a number (money
 * for previous and published). */
static abg_error check_cell(table_expander *x, const table_column *k, size_t a,
                            const char *cell, int line)
{
    const char *file = abg_table_file(x->sources[k->source].table);
    const char *reason = NULL;
    abg_error err;
    abg_decimal d;
    int64_t pence;
    char label[200], hint[400];

    if (!cell[0]) {
        snprintf(hint, sizeof hint,
                 "fill in the cell, or give %s in an "
                 "[area %s] section",
                 k->name, abg_join_name(x, a));
        return abg_diag_set(x->diag, ABG_ERROR_VALUE, file, line, hint,
                            "empty cell in column %s (area %s)", k->name,
                            abg_join_label(label, sizeof label, x, a));
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
                        abg_join_label(label, sizeof label, x, a));
}

/* Registers a table area's code as a second name of its section, so that
 * a change such as area.E07000129.population finds it; a section's own
 * name, or an earlier code, wins. */
static abg_error register_alias(abg_config *c, size_t si)
{
    const char *alias = c->sections[si].alias;
    size_t len, first;
    char buf[256], *text = buf;
    abg_error err;

    if (!alias)
        return ABG_OK;
    len = strlen(alias);
    if (len + 6 > sizeof buf && !(text = malloc(len + 6)))
        return ABG_ERROR_MEMORY;
    memcpy(text, "area ", 5);
    memcpy(text + 5, alias, len + 1);
    err = abg_names_add(&first, c->section_names, 0, text, si);
    if (text != buf)
        free(text);
    return err;
}

/* How many areas ahead rebuild asks for their names' hash slots. */
#define AHEAD 16

/* Fetches the slot of area a's section name ahead of add_area. */
static void prefetch_area(const table_expander *x, size_t a)
{
    const char *name = abg_join_name(x, a);
    size_t len = strlen(name);
    char text[256];

    if (len + 6 > sizeof text)
        return;
    memcpy(text, "area ", 5);
    memcpy(text + 5, name, len + 1);
    abg_names_prefetch(x->c->section_names, 0, text);
}

/* Appends the section [area NAME] of the table's row a. */
static abg_error add_area(table_expander *x, size_t a)
{
    abg_config *c = x->c;
    const abg_table *t = x->sources[0].table;
    const char *name = abg_join_name(x, a);
    size_t len = strlen(name), index;
    char buf[256], *text = buf;
    abg_diag local = {0};
    abg_error err;

    if (len + 6 > sizeof buf && !(text = malloc(len + 6)))
        return ABG_ERROR_MEMORY;
    memcpy(text, "area ", 5);
    memcpy(text + 5, name, len + 1);
    err = abg_config_add_section(&index, c, text, len + 5,
                                 abg_table_line(t, a), &local);
    if (text != buf)
        free(text);
    if (err == ABG_ERROR_VALUE) {
        /* Two rows whose names differ only in capitals or spaces. */
        long other = abg_config_find_section(c, "area", name);
        if (other >= 0)
            return abg_diag_set(
                x->diag, err, abg_table_file(t), abg_table_line(t, a),
                "give each area one row, spelt the same way",
                "area \"%s\" is area \"%s\" (line %d) once "
                "capitals and spaces are ignored",
                name, c->sections[other].name, c->sections[other].line);
    }
    if (err) {
        if (x->diag && !x->diag->message[0])
            *x->diag = local;
        return err;
    }
    c->sections[index].source = x->sources[0].index;
    if (x->code_col >= 0 && x->name_col >= 0 &&
        !(c->sections[index].alias =
              arena_copy(c, abg_table_cell(t, a, (size_t)x->code_col))))
        return ABG_ERROR_MEMORY;
    return ABG_OK;
}

/* Adds one table cell to area a's section as an entry. */
static abg_error add_cell(table_expander *x, size_t a, size_t si,
                          const table_column *col)
{
    abg_config *c = x->c;
    const table_source *s = &x->sources[col->source];
    size_t row = col->source == 0 ? a : s->row_of[a];
    const char *cell = abg_table_cell(s->table, row, col->col);
    int line = abg_table_line(s->table, row);
    abg_error err;

    /* The file's [area] section wins over the table. */
    if (x->override[a] != ABG_MAP_NONE &&
        abg_config_find_entry(c, si, col->name))
        return ABG_OK;
    if (col->money && !cell[0]) /* not published, or no last year */
        return ABG_OK;
    if ((err = check_cell(x, col, a, cell, line)) ||
        (err = abg_config_append(c, si, col->name, cell, line)))
        return err;
    c->entries[c->n_entries - 1].source = s->index;
    return ABG_OK;
}

/* Makes the new section list: the areas at the place of [areas], the
 * [table] and [area] sections of the file gone (the latter merged), and
 * then the entries, remapped, with the tables' cells added. The config is
 * refilled through abg_config_add_section and abg_config_append, so that
 * its name tables and per-section lists stay as the reader makes them. */
static abg_error rebuild(table_expander *x)
{
    abg_config *c = x->c;
    abg_section *old_s = c->sections;
    abg_entry *old_e = c->entries;
    size_t ns = c->n_sections, ne = c->n_entries, areas_at = 0;
    abg_names *old_names = c->section_names, *old_keys = c->entry_names;
    size_t *remap = malloc((ns + 1) * sizeof *remap);
    abg_error err = ABG_OK;

    c->sections = NULL, c->n_sections = c->cap_sections = 0;
    c->entries = NULL, c->n_entries = c->cap_entries = 0;
    c->section_names = c->entry_names = NULL;
    /* Every area a section (and a name for its code), every kept cell an
     * entry at most. */
    if (!remap ||
        abg_config_reserve(
            c, ns + x->n_areas, ne + x->n_areas * x->n_columns,
            ns +
                x->n_areas * (x->code_col >= 0 && x->name_col >= 0 ? 2 : 1))) {
        err = ABG_ERROR_MEMORY;
        goto out;
    }
    for (size_t s = 0; s < ns && !err; s++) {
        const abg_section *o = &old_s[s];
        size_t index;
        remap[s] = ABG_MAP_NONE;
        if (strcmp(o->kind, "areas") == 0) {
            areas_at = c->n_sections;
            for (size_t a = 0; a < x->n_areas && a < AHEAD; a++)
                prefetch_area(x, a);
            for (size_t a = 0; a < x->n_areas && !err; a++) {
                if (a + AHEAD < x->n_areas)
                    prefetch_area(x, a + AHEAD);
                err = add_area(x, a);
            }
        } else if (strcmp(o->kind, "table") != 0 &&
                   strcmp(o->kind, "area") != 0) {
            err = abg_config_add_section(&index, c, o->text, strlen(o->text),
                                         o->line, x->diag);
            remap[s] = index;
        }
    }
    for (size_t a = 0; a < x->n_areas && !err; a++) {
        err = register_alias(c, areas_at + a);
        if (x->override[a] != ABG_MAP_NONE)
            remap[x->override[a]] = areas_at + a;
    }
    /* The file's entries of kept sections, remapped; the cells after. */
    for (size_t i = 0; i < ne && !err; i++) {
        const abg_entry *e = &old_e[i];
        if (e->key[0] && remap[e->section] != ABG_MAP_NONE)
            err = abg_config_append(c, remap[e->section], e->key, e->value,
                                    e->line);
    }
    /* The cells, each checked, except where the file's [area] wins. */
    for (size_t a = 0; a < x->n_areas && !err; a++)
        for (size_t k = 0; k < x->n_columns && !err; k++)
            err = add_cell(x, a, areas_at + a, &x->columns[k]);
out:
    /* The old sections' and entries' text stays in the arena. */
    free(old_s);
    free(old_e);
    abg_names_free(old_names);
    abg_names_free(old_keys);
    free(remap);
    return err;
}

abg_error abg_config_expand_tables(abg_config *c, abg_diag *diag)
{
    table_expander x = {0};
    size_t n_tables = 0, areas_section = ABG_MAP_NONE;
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
    if (areas_section == ABG_MAP_NONE && !n_tables)
        return ABG_OK;
    if (areas_section == ABG_MAP_NONE) {
        for (size_t i = 0; i < c->n_sections; i++)
            if (strcmp(c->sections[i].kind, "table") == 0)
                return abg_diag_set(diag, ABG_ERROR_VALUE, c->file,
                                    c->sections[i].line,
                                    "add an [areas] section whose file "
                                    "lists the areas, one row each",
                                    "[%s] needs an [areas] section to join "
                                    "to",
                                    c->sections[i].text);
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
        (err = abg_join_areas(&x, code, name)))
        goto out;
    for (size_t si = 1; si < x.n_sources && !err; si++) {
        const char *tcode, *tname;
        err = read_source(&x, &x.sources[si], false, &tcode, &tname);
        if (!err)
            err = abg_join_table(&x, &x.sources[si], tcode, tname);
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
    abg_map_free(&x.by_key);
    abg_map_free(&x.by_name);
    free(x.columns);
    free(x.override);
    return err;
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
        abg_error err;
        copy->sections[i].source = base->sections[i].source;
        if (base->sections[i].alias &&
            !(copy->sections[i].alias =
                  arena_copy(copy, base->sections[i].alias)))
            return ABG_ERROR_MEMORY;
        if ((err = register_alias(copy, i)))
            return err;
    }
    return ABG_OK;
}

abg_error abg_config_copy_sources(char ***out, size_t *n, const abg_config *c)
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
