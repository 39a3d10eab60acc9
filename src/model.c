/*
 * model.c - freeing and searching a model.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abg/model.h"
#include "abg/name.h"

/* Frees a model and everything it owns (model.h). */
void abg_model_free(abg_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_components; i++) {
        free(m->components[i].name);
        free(m->components[i].title);
        free(m->components[i].note);
    }
    for (size_t i = 0; i < m->n_areas; i++) {
        free(m->areas[i].name);
        if (m->area_block)
            continue;
        free(m->areas[i].values);
        free(m->areas[i].has_published_cell);
        free(m->areas[i].published_cell);
        free(m->areas[i].published_cell_line);
    }
    for (size_t i = 0; i < m->n_streams; i++) {
        free(m->streams[i].name);
        free(m->streams[i].title);
    }
    for (size_t i = 0; m->derived && i < m->n_indicators; i++) {
        free(m->derived[i].formula);
        if (m->derived[i].fraction) /* one block: the strings follow */
            free(m->derived[i].fraction);
    }
    free(m->derived);
    for (size_t i = 0; i < m->n_indicators; i++)
        free(m->indicators[i]);
    free(m->indicators);
    for (size_t i = 0; i < m->n_tables; i++)
        free(m->tables[i]);
    free(m->tables);
    free(m->components);
    free(m->areas);
    free(m->area_block);
    free(m->streams);
    free(m->file);
    free(m->title);
    free(m->source);
    free(m->currency);
    free(m->date);
    free(m->budget_title);
    free(m->pot_title);
    free(m->output);
    free(m->scenario);
    free(m->scenario_title);
    for (size_t i = 0; i < m->n_sets; i++)
        free(m->sets[i]);
    free(m->sets);
    free(m);
}

/* Finds an area by name, compared normalised (model.h). */
long abg_model_find_area(const abg_model *m, const char *name)
{
    /* One lookup per run, so a scan; names compared as name.h says. */
    for (size_t i = 0; i < m->n_areas; i++)
        if (abg_name_equal(m->areas[i].name, name))
            return (long)i;
    return -1;
}

/* Returns true when indicator i is derived (model.h). */
bool abg_model_is_derived(const abg_model *m, size_t i)
{
    return m->derived && i < m->n_indicators && m->derived[i].formula;
}

/* Footnote markers, as the published tables use them. */
static const char *const MARKS[] = {
    "*", "**", "***", "\xE2\x80\xA0", "\xE2\x80\xA1", "\xC2\xA7"};

/* Returns a component's footnote marker (model.h). */
const char *abg_model_note_mark(const abg_model *m, size_t c)
{
    size_t k = 0;

    if (!m->components[c].note)
        return "";
    for (size_t i = 0; i < c; i++)
        k += m->components[i].note != NULL;
    return k < sizeof MARKS / sizeof MARKS[0] ? MARKS[k] : "+";
}

/* Returns true when every area has previous (model.h). */
bool abg_model_all_previous(const abg_model *m)
{
    for (size_t a = 0; a < m->n_areas; a++)
        if (!m->areas[a].has_previous)
            return false;
    return m->n_areas > 0;
}

/* Copies the --set changes into the model (model.h). */
bool abg_model_set_changes(abg_model *m, char *const *sets, size_t n)
{
    char **copy = n ? calloc(n, sizeof *copy) : NULL;

    if (n && !copy)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(copy[i] = strdup(sets[i]))) {
            while (i--)
                free(copy[i]);
            free(copy);
            return false;
        }
    for (size_t i = 0; i < m->n_sets; i++)
        free(m->sets[i]);
    free(m->sets);
    m->sets = copy;
    m->n_sets = n;
    return true;
}

/* Joins head and each change after sep into one new string. */
static char *join(const char *head, const char *sep, char *const *sets,
                  size_t n)
{
    size_t size = strlen(head) + 1, used;
    char *s;

    for (size_t i = 0; i < n; i++)
        size += strlen(sep) + strlen(sets[i]);
    if (!(s = malloc(size)))
        return NULL;
    used = (size_t)snprintf(s, size, "%s", head);
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(s + used, size - used, "%s%s", sep, sets[i]);
    return s;
}

/* The file, scenario and changes in one line (model.h). */
char *abg_model_provenance(const abg_model *m)
{
    const char *file = m->file ? m->file : "(no file)";
    size_t size = strlen(file) + 32;
    char *head, *s;

    if (m->scenario)
        size += strlen(m->scenario) +
            strlen(m->scenario_title ? m->scenario_title : "");
    if (!(head = malloc(size)))
        return NULL;
    if (m->scenario && m->scenario_title &&
        strcmp(m->scenario, m->scenario_title) != 0)
        snprintf(head, size, "%s, scenario %s (%s)", file, m->scenario,
                 m->scenario_title);
    else if (m->scenario)
        snprintf(head, size, "%s, scenario %s", file, m->scenario);
    else
        snprintf(head, size, "%s", file);
    s = join(head, ", --set ", m->sets, m->n_sets);
    free(head);
    return s;
}

/* The column label: title or Base, then the changes (model.h). */
char *abg_model_label(const abg_model *m)
{
    const char *head = m->scenario
        ? (m->scenario_title ? m->scenario_title : m->scenario)
        : "Base";
    return join(head, ", ", m->sets, m->n_sets);
}
