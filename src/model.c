/*
 * model.c - freeing and searching a model.
 *
 * SPDX-License-Identifier: MIT
 */
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
static const char *const MARKS[] = {"*", "**", "***", "\xE2\x80\xA0",
                                    "\xE2\x80\xA1", "\xC2\xA7"};

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
