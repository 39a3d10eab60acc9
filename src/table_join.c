/*
 * table_join.c - the [areas] file's rows as areas and the other tables
 * joined to them: checked, never guessed, through hash tables so that the
 * work is linear in the number of rows.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "table_join.h"

/* How many names a join error lists before "...". */
#define FEW 3

/* Returns true for a cell that labels a totals row, not an area: "Total",
 * "Totals", "Grand total", "All areas", "Total (England)". */
static bool is_total(const char *s)
{
    static const char *const words[] = {
        "total", "totals", "grand total", "all areas", "all", "sum", NULL};

    /* Most cells at once: every word starts with t, g, a or s, and goes
     * on with o, r, l or u. */
    if (!s[0] || !strchr("tTgGaAsS", s[0]) || !s[1] ||
        !strchr("oOrRlLuU", s[1]))
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
const char *abg_join_label(char *buf, size_t size, const table_expander *x,
                           size_t a)
{
    const abg_table *t = x->sources[0].table;

    if (x->code_col >= 0 && x->name_col >= 0)
        snprintf(buf, size, "%s %s", abg_table_cell(t, a, (size_t)x->code_col),
                 abg_table_cell(t, a, (size_t)x->name_col));
    else
        snprintf(
            buf, size, "%s",
            abg_table_cell(
                t, a, (size_t)(x->code_col >= 0 ? x->code_col : x->name_col)));
    return buf;
}

/* The name an area is shown by: its name, else its code. */
const char *abg_join_name(const table_expander *x, size_t a)
{
    return abg_table_cell(
        x->sources[0].table, a,
        (size_t)(x->name_col >= 0 ? x->name_col : x->code_col));
}

/* Refuses a column name that the table lacks, suggesting its columns. */
abg_error abg_join_no_column(table_expander *x, const table_source *s,
                             const char *name, int line)
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
                        "%s has no column \"%s\"", abg_table_file(s->table),
                        name);
}

/* Returns true when s holds a control character, such as a line break
 * inside a quoted cell. */
static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7F)
            return true;
    return false;
}

/* Refuses a totals row, which would be divided as if it were an area. */
static abg_error check_total(table_expander *x, const table_source *s,
                             size_t row, const char *cell)
{
    if (!is_total(cell))
        return ABG_OK;
    return abg_diag_set(x->diag, ABG_ERROR_VALUE, abg_table_file(s->table),
                        abg_table_line(s->table, row),
                        "delete the totals row from the file: abgcalc adds "
                        "the areas up itself",
                        "\"%s\" is a totals row, not an area", cell);
}

/* How many rows ahead the join asks for their hash slots. */
#define AHEAD 16

/* Works out row a's hashes (its key, and its name when the areas have a
 * code and a name) into ahead[a % AHEAD] and fetches their slots. */
static void prefetch_row(const table_expander *x, const abg_table *t,
                         size_t key_col, size_t a, size_t (*ahead)[2])
{
    size_t *h = ahead[a % AHEAD];

    h[0] = abg_map_hash(abg_table_cell(t, a, key_col));
    abg_map_prefetch(&x->by_key, h[0]);
    if (x->code_col >= 0 && x->name_col >= 0) {
        h[1] = abg_map_hash(abg_join_name(x, a));
        abg_map_prefetch(&x->by_name, h[1]);
    }
}

/* Reads the areas file: each row an area with a unique code and name. */
abg_error abg_join_areas(table_expander *x, const char *code, const char *name)
{
    table_source *s = &x->sources[0];
    const abg_table *t = s->table;
    const char *file = abg_table_file(t);
    size_t n = abg_table_rows(t), twice = 0, ahead[AHEAD][2];
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
        return abg_join_no_column(x, s, code, s->key_line);
    if (name && (x->name_col = abg_table_find(t, name)) < 0) {
        int line = s->file_line;
        for (size_t i = 0; i < x->c->n_entries; i++)
            if (x->c->entries[i].section == s->section &&
                strcmp(x->c->entries[i].key, "name") == 0)
                line = x->c->entries[i].line;
        return abg_join_no_column(x, s, name, line);
    }
    s->key = code ? code : name;
    s->key_col = code ? x->code_col : x->name_col;
    x->n_areas = n;
    if (!abg_map_init(&x->by_key, n) || !abg_map_init(&x->by_name, n) ||
        !(x->override = malloc(n * sizeof *x->override)))
        return ABG_ERROR_MEMORY;
    for (size_t a = 0; a < n && a < AHEAD; a++)
        prefetch_row(x, t, (size_t)s->key_col, a, ahead);
    for (size_t a = 0; a < n; a++) {
        const char *key = abg_table_cell(t, a, (size_t)s->key_col);
        const char *shown = abg_join_name(x, a);
        size_t other, *h = ahead[a % AHEAD];
        abg_error err;

        x->override[a] = ABG_MAP_NONE;
        if ((err = check_total(x, s, a, key)) ||
            (err = check_total(x, s, a, shown)))
            return err;
        if (!key[0] || !shown[0])
            return abg_diag_set(x->diag, ABG_ERROR_VALUE, file,
                                abg_table_line(t, a),
                                "fill in the cell, or delete the row if it "
                                "is no area",
                                "the row has no %s (column %s)",
                                key[0]     ? "name"
                                    : code ? "code"
                                           : "name",
                                key[0] ? name : s->key);
        if (has_control(key) || has_control(shown))
            return abg_diag_set(x->diag, ABG_ERROR_VALUE, file,
                                abg_table_line(t, a),
                                "remove the line break or tab from the "
                                "cell: names are shown on one line",
                                "the area's %s has a control character",
                                has_control(key) ? "code" : "name");
        other = abg_map_put_hashed(&x->by_key, key, h[0], a);
        if (other == ABG_MAP_NONE && code && name &&
            (other = abg_map_put_hashed(&x->by_name, shown, h[1], a)) !=
                ABG_MAP_NONE)
            return abg_diag_set(
                x->diag, ABG_ERROR_VALUE, file, abg_table_line(t, a),
                "give each area its own name: the name is "
                "what the results show",
                "two areas are called \"%s\" (lines %d and "
                "%d)",
                shown, abg_table_line(t, other), abg_table_line(t, a));
        if (a + AHEAD < n)
            prefetch_row(x, t, (size_t)s->key_col, a + AHEAD, ahead);
        if (other != ABG_MAP_NONE && ++twice) {
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
                        "give each area one row", "%zu %s%s twice: %s", twice,
                        code ? "code" : "name",
                        twice == 1 ? " appears" : "s appear", list);
}

/* Joins one table to the areas: every row to an area, every area to one
 * row. */
abg_error abg_join_table(table_expander *x, table_source *s, const char *code,
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
        return abg_join_no_column(x, s, s->key,
                                  s->key_line ? s->key_line : s->file_line);
    /* A totals row may carry its label in the name column only. */
    if (x->name_col >= 0)
        name_col = abg_table_find(
            t, abg_table_header(areas->table, (size_t)x->name_col));
    if (!(s->row_of = malloc(x->n_areas * sizeof *s->row_of)))
        return ABG_ERROR_MEMORY;
    for (size_t a = 0; a < x->n_areas; a++)
        s->row_of[a] = ABG_MAP_NONE;
    for (size_t r = 0; r < n; r++) {
        const char *key = abg_table_cell(t, r, (size_t)s->key_col);
        size_t a = abg_map_find(&x->by_key, key);
        abg_error err = check_total(x, s, r, key);

        if (!err && name_col >= 0)
            err = check_total(x, s, r, abg_table_cell(t, r, (size_t)name_col));
        if (!err)
            err = check_total(x, s, r, abg_table_cell(t, r, 0));
        if (err)
            return err;
        if (a == ABG_MAP_NONE && ++unknown) {
            if (unknown == 1)
                first_line = abg_table_line(t, r);
            snprintf(item, sizeof item, "%s (line %d)",
                     key[0] ? key : "(empty)", abg_table_line(t, r));
            list_add(list, sizeof list, unknown, item);
        } else if (a != ABG_MAP_NONE && s->row_of[a] != ABG_MAP_NONE) {
            twice++;
        } else if (a != ABG_MAP_NONE) {
            s->row_of[a] = r;
        }
    }
    if (unknown) {
        list_end(list, sizeof list, unknown);
        return abg_diag_set(x->diag, ABG_ERROR_VALUE, file, first_line,
                            "correct the code, or add the area to the "
                            "[areas] file",
                            "%zu %s%s no area of %s: %s", unknown, s->key,
                            unknown == 1 ? " value matches" : " values match",
                            abg_table_file(areas->table), list);
    }
    if (twice) {
        for (size_t r = 0, seen = 0; r < n; r++) {
            size_t a = abg_map_find(&x->by_key,
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
        return abg_diag_set(
            x->diag, ABG_ERROR_VALUE, file, first_line,
            "keep one row per area", "%zu %s%s twice: %s", twice, s->key,
            twice == 1 ? " value appears" : " values appear", list);
    }
    for (size_t a = 0; a < x->n_areas; a++)
        if (s->row_of[a] == ABG_MAP_NONE && ++missing)
            list_add(list, sizeof list, missing,
                     abg_join_label(item, sizeof item, x, a));
    if (!missing)
        return ABG_OK;
    list_end(list, sizeof list, missing);
    return abg_diag_set(x->diag, ABG_ERROR_VALUE, x->c->file, s->file_line,
                        "add a row for each area to the file",
                        "%s: %zu area%s no row: %s", file, missing,
                        missing == 1 ? " has" : "s have", list);
}
