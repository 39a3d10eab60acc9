/*
 * config_area.c - [area NAME] sections: indicator values, published
 * figures and last year's allocation, each area with every indicator.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_builder.h"

/* Returns true for keys an area carries that are not indicators. */
static bool is_area_figure(const char *key)
{
    return strcmp(key, "published") == 0 ||
        strncmp(key, "published.", 10) == 0;
}

/* Checks that an area has every indicator a component needs. */
static abg_error check_indicators(builder *b, const abg_area *a,
                                  const bool *seen, size_t n_seen)
{
    abg_model *m = b->model;

    size_t n_raw = 0;

    for (size_t i = 0; i < m->n_indicators; i++)
        n_raw += !abg_model_is_derived(m, i);
    if (n_seen == 0 && n_raw > 0)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, a->line,
                            "add the indicator values the components need",
                            "area %s has no indicator values", a->name);
    for (size_t ci = 0; ci < m->n_components; ci++) {
        const abg_component *comp = &m->components[ci];
        char hint[256];
        if (comp->method != ABG_METHOD_PROPORTIONAL || seen[comp->indicator] ||
            abg_model_is_derived(m, comp->indicator))
            continue;
        snprintf(hint, sizeof hint, "add %s = ... to [area %s]",
                 m->indicators[comp->indicator], a->name);
        if (b->file != b->config->file) /* a table's row */
            snprintf(hint, sizeof hint,
                     "a column is read only when a "
                     "component or [scenario] of the file names it as its "
                     "indicator");
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, a->line, hint,
                            "area %s has no %s, which component %s needs",
                            a->name, m->indicators[comp->indicator],
                            comp->name);
    }
    /* What the formulas name: b->needed_by says which needs it. */
    for (size_t i = 0; b->needed_by && i < m->n_indicators; i++) {
        size_t by = b->needed_by[i];
        char hint[256], where[32];
        if (seen[i] || abg_model_is_derived(m, i) || by == SIZE_MAX)
            continue;
        snprintf(hint, sizeof hint, "add %s = ... to [area %s]",
                 m->indicators[i], a->name);
        if (b->file != b->config->file) /* a table's row */
            snprintf(hint, sizeof hint,
                     "a column is read only when a "
                     "component, a formula or a [scenario] of the file "
                     "names it");
        return abg_diag_set(
            b->diag, ABG_ERROR_VALUE, b->file, a->line, hint,
            "area %s has no %s, which the formula of %s "
            "(%s) needs",
            a->name, m->indicators[i], m->indicators[by],
            abg_build_formula_where(where, sizeof where, m->derived[by].line));
    }
    return ABG_OK;
}

/* Refuses published.NAME where NAME is no component. */
static abg_error unknown_component(builder *b, const abg_entry *e,
                                   const char *name)
{
    const abg_model *m = b->model;
    const char **list = calloc(m->n_components + 1, sizeof *list);
    char hint[256], names[256], fallback[300];

    if (!list)
        return abg_build_fail(b, ABG_ERROR_MEMORY, e->line, NULL,
                              "out of memory");
    for (size_t k = 0; k < m->n_components; k++)
        list[k] = m->components[k].name;
    snprintf(fallback, sizeof fallback, "the components are: %s",
             abg_build_join(names, sizeof names, list));
    abg_config_suggest(hint, sizeof hint, name, list, fallback);
    free(list);
    return abg_diag_set(b->diag, ABG_ERROR_VALUE,
                        abg_config_source(b->config, e->source), e->line, hint,
                        "%s names no component \"%s\"", e->key, name);
}

/* Refuses an area key that is neither a figure nor an indicator any
 * component uses: most likely a misspelling. */
static abg_error unknown_indicator(builder *b, const abg_entry *e,
                                   const abg_section *s)
{
    const abg_model *m = b->model;
    const char **list = calloc(m->n_indicators + 3, sizeof *list);
    char hint[256];

    if (!list)
        return abg_build_fail(b, ABG_ERROR_MEMORY, e->line, NULL,
                              "out of memory");
    for (size_t k = 0; k < m->n_indicators; k++)
        list[k] = m->indicators[k];
    list[m->n_indicators] = "published";
    list[m->n_indicators + 1] = "previous";
    abg_config_suggest(hint, sizeof hint, e->key, list,
                       "areas carry the indicators their components name, and "
                       "published figures");
    free(list);
    return abg_diag_set(b->diag, ABG_ERROR_VALUE,
                        abg_config_source(b->config, e->source), e->line, hint,
                        "unknown key \"%s\" in [%s]: no component uses it",
                        e->key, s->text);
}

/* The sizes of the parts of model->area_block for n areas. */
static void block_parts(const abg_model *m, size_t n, size_t *values,
                        size_t *cells, size_t *lines, size_t *has)
{
    size_t ni = m->n_indicators ? m->n_indicators : 1;
    size_t nc = m->n_components ? m->n_components : 1;

    /* Largest alignment first, so that each part starts aligned. */
    *values = n * ni * sizeof(abg_decimal);
    *cells = n * nc * sizeof(int64_t);
    *lines = n * nc * sizeof(int);
    *has = n * nc * sizeof(bool);
}

/* Gives the model its area blocks (config_builder.h). */
abg_error abg_build_area_blocks(builder *b)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    size_t n = 0, values, cells, lines, has;

    for (size_t i = 0; i < c->n_sections; i++)
        n += strcmp(c->sections[i].kind, "area") == 0;
    /* Printed component figures (published.NAME) are rare: when no area
     * has one, every area shares one row of them, all empty, which
     * nothing writes after the build. */
    b->shared_published = true;
    for (size_t i = 0; i < c->n_entries && b->shared_published; i++)
        if (strncmp(c->entries[i].key, "published.", 10) == 0 &&
            strcmp(c->sections[c->entries[i].section].kind, "area") == 0)
            b->shared_published = false;
    block_parts(m, n ? n : 1, &values, &cells, &lines, &has);
    if (b->shared_published) /* one row, after the values */
        block_parts(m, 1, &(size_t){0}, &cells, &lines, &has);
    m->area_block = calloc(1, values + cells + lines + has);
    if (!m->area_block)
        return abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    b->n_areas_total = n;
    return ABG_OK;
}

/* Finds an indicator by an area key, through the builder's recent keys. */
static long find_indicator(builder *b, const char *key)
{
    long ii;

    for (size_t k = 0; k < b->n_recent; k++)
        if (strcmp(b->recent[k].key, key) == 0)
            return b->recent[k].indicator;
    ii = abg_build_find_indicator(b, key);
    /* The key lives in the config, which outlives the build. */
    if (b->n_recent < sizeof b->recent / sizeof b->recent[0]) {
        b->recent[b->n_recent].key = key;
        b->recent[b->n_recent].indicator = ii;
        b->n_recent++;
    }
    return ii;
}

/* Builds one [area NAME]: its indicator values and figures. */
abg_error abg_build_area(builder *b, const abg_section *s)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    abg_area *a = &m->areas[m->n_areas];
    size_t nc = m->n_components, n_seen = 0, index = m->n_areas;
    size_t values, cells, lines, has, row = b->shared_published ? 0 : index;
    char *block = m->area_block;
    bool *seen = b->seen;
    abg_error err = ABG_OK;

    memset(a, 0, sizeof *a);
    a->line = s->line;
    b->file = abg_config_source(c, s->source); /* a table area: its file */
    if (!s->name[0])
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "name the area, like [area Blaby]",
                            "area has no name");
    /* Two areas whose names differ only in capitals or spaces never get
     * here: their sections are one section once normalised, which the
     * reader refuses (config_read.c, abg_config_add_section). */
    block_parts(m, b->n_areas_total, &values, &cells, &lines, &has);
    if (b->shared_published)
        block_parts(m, 1, &(size_t){0}, &cells, &lines, &has);
    /* The name is the area's own (a library caller may replace it);
     * the arrays are slices of the model's block (model.h). */
    if (!(a->name = strdup(s->name)))
        return abg_build_fail(b, ABG_ERROR_MEMORY, s->line, NULL,
                              "out of memory");
    a->values =
        (abg_decimal *)block + index * (m->n_indicators ? m->n_indicators : 1);
    a->published_cell = (int64_t *)(block + values) + row * (nc ? nc : 1);
    a->published_cell_line =
        (int *)(block + values + cells) + row * (nc ? nc : 1);
    a->has_published_cell =
        (bool *)(block + values + cells + lines) + row * (nc ? nc : 1);
    memset(seen, 0, (m->n_indicators + 1) * sizeof *seen);
    m->n_areas++;
    ABG_FOR_ENTRIES(e, c, s)
    {
        if (err)
            break;
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        if (is_area_figure(e->key)) /* where check looks */
            a->file = e->source ? m->tables[e->source - 1] : NULL;
        if (strcmp(e->key, "published") == 0) {
            err = abg_build_money(b, &a->published, e);
            a->has_published = true;
            a->published_line = e->line;
        } else if (strcmp(e->key, "previous") == 0) {
            err = abg_build_money(b, &a->previous, e);
            a->has_previous = true;
            a->previous_line = e->line;
        } else if (is_area_figure(e->key)) {
            long ci = abg_build_find_component(b, e->key + 10);
            if (ci < 0) {
                err = unknown_component(b, e, e->key + 10);
                break;
            }
            err = abg_build_money(b, &a->published_cell[ci], e);
            a->has_published_cell[ci] = true;
            a->published_cell_line[ci] = e->line;
        } else {
            long ii = find_indicator(b, e->key);
            if (ii < 0 && e->source) /* a column a scenario may use */
                continue;
            if (ii < 0) {
                err = unknown_indicator(b, e, s);
                break;
            }
            if (abg_model_is_derived(m, (size_t)ii)) {
                char where[32];
                err =
                    abg_diag_set(b->diag, ABG_ERROR_VALUE,
                                 abg_config_source(c, e->source), e->line,
                                 e->source ? "rename the column, or the "
                                             "[indicator] section"
                                           : "remove the value: the "
                                             "formula gives it",
                                 "%s is worked out by the formula (%s), so "
                                 "[%s] cannot give it",
                                 e->key,
                                 abg_build_formula_where(where, sizeof where,
                                                         m->derived[ii].line),
                                 s->text);
                break;
            }
            err = abg_build_decimal(b, &a->values[ii], e);
            if (!err)
                err = abg_indicator_note(&b->uses[ii], c, m->indicators[ii], e,
                                         a->values[ii], b->diag);
            seen[ii] = true;
            n_seen++;
        }
    }
    if (!err)
        err = check_indicators(b, a, seen, n_seen);
    if (!err)
        b->file = c->file;
    return err;
}
