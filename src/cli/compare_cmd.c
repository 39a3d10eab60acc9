/*
 * compare_cmd.c - the compare command: the base and each scenario side by
 * side, as many scenarios as memory holds.
 *
 * SPDX-License-Identifier: MIT
 *
 * Each scenario is computed in turn and its figures (name, title, pot,
 * every area's total) taken into a compact table. A scenario that changes
 * only numbers of the model (the pot, a component's amount, share or
 * per_area) is computed from the base's prepared weights (compare_fast.c);
 * any other is built from the file, and its model and result are then
 * freed, unless a workbook is written, whose sheet per scenario needs
 * them all (every scenario is then built).
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"

static abg_error csv_compare(FILE *f, const cli_job *j)
{
    return abg_compare_csv_write(f, j->comparison);
}

static abg_error json_compare(FILE *f, const cli_job *j)
{
    return abg_compare_json_write(f, j->comparison);
}

static abg_error html_compare(FILE *f, const cli_job *j)
{
    return abg_html_write_comparison(f, j->comparison);
}

static abg_error xlsx_compare(const char *path, const cli_job *j,
                              abg_diag *diag)
{
    return abg_xlsx_write_comparison(path, j->comparison, diag);
}

/* Records that memory ran out. */
static abg_error out_of_memory(const char *path, abg_diag *diag)
{
    return abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL,
                        "out of memory");
}

/* Frees what cli_compare_gather() made (cli_internal.h). */
void cli_compared_free(cli_compared *c)
{
    for (size_t i = 0; c->models && i < c->cap; i++) {
        abg_result_free(c->results[i]);
        abg_model_free(c->models[i]);
    }
    for (size_t i = 0; c->copies && i < 2 * c->cap; i++)
        free(c->copies[i]);
    for (size_t i = 0; c->headings && i < c->cap; i++)
        free(c->headings[i]);
    free(c->headings);
    free(c->models);
    free(c->results);
    free(c->names);
    free(c->titles);
    free(c->copies);
    free(c->pots);
    free(c->totals);
    memset(c, 0, sizeof *c);
}

/* Takes scenario k's name and title (copies: they outlive its model) and
 * its label; false when out of memory. */
static bool take_texts(cli_compared *c, size_t k, const char *name,
                       const char *title, char *heading)
{
    c->headings[k] = heading;
    if (!name) { /* the base */
        c->titles[k] = title;
        return heading != NULL;
    }
    c->copies[2 * k] = strdup(name);
    c->copies[2 * k + 1] = strdup(title);
    c->names[k] = c->copies[2 * k];
    c->titles[k] = c->copies[2 * k + 1];
    return heading && c->names[k] && c->titles[k];
}

/* Computes every allocation (cli_internal.h). */
abg_error cli_compare_gather(cli_compared *out, const abg_config *config,
                             const char *path, const char *const *names,
                             size_t n_names, char *const *sets, size_t n_sets,
                             bool keep, abg_diag *diag)
{
    cli_compared *c = out;
    cli_compare_fast fast = {0};
    size_t na = 0, cap = n_names + 1;
    abg_error err = ABG_OK;

    memset(c, 0, sizeof *c);
    c->cap = cap;
    c->models = calloc(cap, sizeof *c->models);
    c->results = calloc(cap, sizeof *c->results);
    c->names = calloc(cap, sizeof *c->names);
    c->titles = calloc(cap, sizeof *c->titles);
    c->copies = calloc(2 * cap, sizeof *c->copies);
    c->headings = calloc(cap, sizeof *c->headings);
    c->pots = calloc(cap, sizeof *c->pots);
    if (!c->models || !c->results || !c->names || !c->titles || !c->copies ||
        !c->headings || !c->pots)
        goto memory;
    err = cli_compute(&c->models[0], &c->results[0], config, NULL, sets,
                      n_sets, diag);
    if (err)
        goto out;
    na = c->models[0]->n_areas;
    if (!(c->totals = malloc((cap * na + 1) * sizeof *c->totals)))
        goto memory;
    if (!take_texts(c, 0, NULL, c->models[0]->title,
                    abg_model_label(c->models[0])))
        goto memory;
    c->pots[0] = c->models[0]->pot;
    for (size_t x = 0; x < na; x++)
        c->totals[x] = c->results[0]->areas[x].total;
    c->n = 1;
    /* The workbook's sheet per scenario needs every model and result. */
    if (!keep && n_names > 0 &&
        (err = cli_compare_fast_init(&fast, c->models[0], c->results[0], sets,
                                     n_sets, diag)) != ABG_OK)
        goto out;
    for (size_t k = 1; k < cap; k++, c->n++) {
        cli_compare_fast_out f = {.totals = c->totals + k * na};
        const abg_model *m;
        if ((err = cli_compare_fast_scenario(&f, &fast, config,
                                             names[k - 1])) != ABG_OK)
            goto memory;
        if (f.taken) {
            c->pots[k] = f.pot;
            c->n_fast++;
            if (!take_texts(c, k, f.name, f.title, f.heading))
                goto memory;
            continue;
        }
        err = cli_compute(&c->models[k], &c->results[k], config, names[k - 1],
                          sets, n_sets, diag);
        if (err)
            goto out;
        m = c->models[k];
        if (!take_texts(c, k, m->scenario, m->scenario_title,
                        abg_model_label(m)))
            goto memory;
        c->pots[k] = m->pot;
        for (size_t x = 0; x < na; x++)
            c->totals[k * na + x] = c->results[k]->areas[x].total;
        if (!keep) {
            abg_result_free(c->results[k]);
            abg_model_free(c->models[k]);
            c->models[k] = NULL, c->results[k] = NULL;
        }
    }
    goto out;
memory:
    err = abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL, "out of memory");
out:
    cli_compare_fast_free(&fast);
    return err;
}

abg_error cli_compare(const abg_config *config, const cli_args *a,
                      bool to_stdout, abg_diag *diag)
{
    static const cli_writers writers = {csv_compare, json_compare,
                                        xlsx_compare, html_compare};
    const char **file_names = NULL;
    const char *const *names = a->names;
    bool keep = a->outputs[OUT_XLSX] != NULL; /* the workbook needs all */
    size_t n_names = a->n_names;
    cli_compared c = {0};
    abg_error err = ABG_OK;

    if (n_names == 0) {
        n_names = abg_config_scenario_names(config, NULL, 0);
        file_names = calloc(n_names + 1, sizeof *file_names);
        if (!file_names) {
            err = out_of_memory(a->path, diag);
            goto out;
        }
        abg_config_scenario_names(config, file_names, n_names);
        names = file_names;
    }
    if (n_names == 0) {
        err = abg_diag_set(diag, ABG_ERROR_NOT_FOUND, a->path, 0,
                           "add [scenario NAME] sections that change keys, "
                           "such as pot = 383400",
                           "the file has no scenarios to compare");
        goto out;
    }
    err = cli_compare_gather(&c, config, a->path, names, n_names, a->sets,
                             a->n_sets, keep, diag);
    if (!err) {
        abg_comparison cmp = {c.n,
                              c.models[0],
                              c.names,
                              c.titles,
                              (const char *const *)c.headings,
                              c.pots,
                              c.totals,
                              keep ? (const abg_model *const *)c.models : NULL,
                              keep ? (const abg_result *const *)c.results
                                   : NULL};
        cli_job job = {
            .model = c.models[0], .result = c.results[0], .comparison = &cmp};
        if (!to_stdout)
            err = abg_compare_table(stdout, &cmp);
        if (!err)
            err = cli_outputs_write(a->outputs, a, &writers, &job, diag);
    }
out:
    cli_compared_free(&c);
    free(file_names);
    return err;
}
