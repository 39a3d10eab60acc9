/*
 * compare_fast.c - a scenario's figures from the base's prepared weights,
 * for a scenario that changes only numbers of the model.
 *
 * SPDX-License-Identifier: MIT
 *
 * A scenario whose every change is the pot or a component's amount,
 * share or per_area (cli_number_classify) is applied to the base model's
 * numbers, the --set changes that are numbers are applied again on top
 * (a scenario comes first, --set after, as cli_compute applies them),
 * the sizes are resolved as the builder resolves them, and only the area
 * totals are computed (abg_alloc_totals), with the weights gathered once.
 * Anything else, and anything this path cannot decide, is left to the
 * builder: the caller builds the scenario from the file as before.
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"

/* True when key names a number a scenario or --set may change (the pot,
 * or a component's size), whether or not it names one of the model's
 * components exactly. */
static bool number_like(const char *key)
{
    static const char *const ends[] = {".amount", ".share", ".per_area"};
    size_t len = strlen(key);

    if (strcmp(key, "pot") == 0 || strcmp(key, "allocation.pot") == 0)
        return true;
    if (strncmp(key, "component.", strlen("component.")) != 0)
        return false;
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
        if (len > strlen(ends[i]) &&
            strcmp(key + len - strlen(ends[i]), ends[i]) == 0)
            return true;
    return false;
}

/* Reads the --set changes that are numbers; false when one looks like a
 * number the fast path cannot apply (it would then not know the order
 * of the scenario's change and the --set change). */
static bool read_sets(cli_compare_fast *f, char *const *sets, size_t n_sets)
{
    f->set_key = calloc(n_sets + 1, sizeof *f->set_key);
    f->set_comp = calloc(n_sets + 1, sizeof *f->set_comp);
    f->set_value = calloc(n_sets + 1, sizeof *f->set_value);
    if (!f->set_key || !f->set_comp || !f->set_value)
        return false;
    for (size_t i = 0; i < n_sets; i++) {
        const char *eq = strchr(sets[i], '=');
        char *key = eq ? strndup(sets[i], (size_t)(eq - sets[i])) : NULL;
        cli_number_key k;
        bool like;

        if (!key)
            return false;
        k = cli_number_classify(f->m, key, &f->set_comp[f->n_sets]);
        like = number_like(key);
        free(key);
        if (k == CLI_NUMBER_NONE && like)
            return false;
        if (k == CLI_NUMBER_NONE)
            continue;
        f->set_key[f->n_sets] = k;
        f->set_value[f->n_sets++] = eq + 1;
    }
    return true;
}

/* Sets up the fast path (cli_internal.h). */
void cli_compare_fast_init(cli_compare_fast *f, abg_model *base,
                           char *const *sets, size_t n_sets)
{
    memset(f, 0, sizeof *f);
    f->m = base;
    /* A budget's checks and damping involve the pot: built every time. */
    if (base->has_budget || base->has_damping || !read_sets(f, sets, n_sets) ||
        !cli_numbers_save(&f->base, base) ||
        abg_alloc_prepare(&f->prep, base) != ABG_OK) {
        abg_alloc_prep_free(f->prep);
        f->prep = NULL;
    }
}

/* Checks the fast path on the base's own figures (cli_internal.h). */
abg_error cli_compare_fast_verify(cli_compare_fast *f,
                                  const abg_result *result, abg_diag *diag)
{
    const abg_model *m = f->m;
    int64_t *scratch;
    abg_error err = ABG_OK;

    if (!f->prep)
        return ABG_OK;
    if (!(scratch = malloc((m->n_areas + 1) * sizeof *scratch)))
        return abg_diag_set(diag, ABG_ERROR_MEMORY, m->file, 0, NULL,
                            "out of memory");
    /* Figures that differ are a bug, reported, never printed; a base
     * this path cannot decide leaves the scenarios it decided as they
     * are (abg_alloc_totals answers only where it is exact). */
    if (abg_alloc_totals(scratch, f->prep, m) == ABG_OK)
        for (size_t x = 0; x < m->n_areas && !err; x++)
            if (scratch[x] != result->areas[x].total)
                err = abg_diag_set(diag, ABG_ERROR_MODEL, m->file, 0,
                                   "please report this with the file",
                                   "internal error: compare's two ways of "
                                   "computing disagree on %s; nothing was "
                                   "written",
                                   m->areas[x].name);
    free(scratch);
    return err;
}

/* Applies the scenario's changes and then the --set numbers; false when
 * one is not a number this path takes. */
static bool apply_all(cli_compare_fast *f, const abg_config_change *changes,
                      size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t c = 0;
        cli_number_key k = cli_number_classify(f->m, changes[i].key, &c);
        if (!cli_number_apply(f->m, k, c, changes[i].value))
            return false;
    }
    for (size_t i = 0; i < f->n_sets; i++)
        if (!cli_number_apply(f->m, f->set_key[i], f->set_comp[i],
                              f->set_value[i]))
            return false;
    return cli_numbers_resolve(f->m);
}

/* One scenario on the fast path (cli_internal.h). */
abg_error cli_compare_fast_scenario(cli_compare_fast_out *out,
                                    cli_compare_fast *f,
                                    const abg_config *config, const char *name)
{
    abg_model *m = f->m;
    size_t n;
    bool ok;

    out->taken = false;
    if (!f->prep)
        return ABG_OK;
    n = abg_config_scenario_changes(NULL, 0, &out->name, config, name);
    if (!out->name)
        return ABG_OK; /* no such scenario: the builder says so */
    if (n > f->cap_changes) {
        abg_config_change *grown = realloc(f->changes, n * sizeof *grown);
        if (!grown)
            return ABG_ERROR_MEMORY;
        f->changes = grown, f->cap_changes = n;
    }
    abg_config_scenario_changes(f->changes, n, &out->name, config, name);
    out->title = abg_config_scenario_title(config, out->name);
    ok = apply_all(f, f->changes, n) &&
        abg_alloc_totals(out->totals, f->prep, m) == ABG_OK;
    out->pot = m->pot;
    cli_numbers_restore(m, &f->base);
    if (!ok)
        return ABG_OK;
    /* The column label as the scenario's own model would give it: its
     * title, then the --set changes the base model holds. */
    {
        char *scenario = m->scenario, *title = m->scenario_title;
        m->scenario = (char *)out->name;
        m->scenario_title = (char *)out->title;
        out->heading = abg_model_label(m);
        m->scenario = scenario, m->scenario_title = title;
    }
    if (!out->heading)
        return ABG_ERROR_MEMORY;
    out->taken = true;
    return ABG_OK;
}

/* Frees what the fast path holds (cli_internal.h). */
void cli_compare_fast_free(cli_compare_fast *f)
{
    abg_alloc_prep_free(f->prep);
    cli_numbers_free(&f->base);
    free(f->set_key), free(f->set_comp), free(f->set_value);
    free(f->changes);
}
