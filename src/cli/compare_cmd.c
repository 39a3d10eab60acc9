/*
 * compare_cmd.c - the compare command: the base and each scenario side by
 * side, as many scenarios as memory holds.
 *
 * SPDX-License-Identifier: MIT
 *
 * Each scenario is built and computed in turn and its figures (name,
 * title, pot, every area's total) taken into a compact table; its model
 * and result are then freed, unless a workbook is written, whose sheet per
 * scenario needs them all.
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

abg_error cli_compare(const abg_config *config, const cli_args *a,
                      bool to_stdout, abg_diag *diag)
{
    static const cli_writers writers = {csv_compare, json_compare,
                                        xlsx_compare, html_compare};
    const char **file_names = NULL;
    const char *const *names = a->names;
    bool keep = a->outputs[OUT_XLSX] != NULL; /* the workbook needs all */
    size_t n_names = a->n_names, n_models = 0, na = 0;
    abg_model **models = NULL;
    abg_result **results = NULL;
    const char **labels = NULL, **titles = NULL;
    char **copies = NULL, **headings = NULL;
    int64_t *pots = NULL, *totals = NULL;
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
    models = calloc(n_names + 1, sizeof *models);
    results = calloc(n_names + 1, sizeof *results);
    labels = calloc(n_names + 1, sizeof *labels);
    titles = calloc(n_names + 1, sizeof *titles);
    copies = calloc(2 * (n_names + 1), sizeof *copies);
    headings = calloc(n_names + 1, sizeof *headings);
    pots = calloc(n_names + 1, sizeof *pots);
    if (!models || !results || !labels || !titles || !copies || !headings ||
        !pots) {
        err = out_of_memory(a->path, diag);
        goto out;
    }
    for (; n_models <= n_names && !err; n_models++) {
        size_t k = n_models;
        const abg_model *m;
        err = cli_compute(&models[k], &results[k], config,
                          k ? names[k - 1] : NULL, a->sets, a->n_sets, diag);
        if (err)
            break;
        m = models[k];
        if (k == 0) {
            na = m->n_areas;
            totals = malloc(((n_names + 1) * na + 1) * sizeof *totals);
            if (!totals) {
                err = out_of_memory(a->path, diag);
                break;
            }
        }
        /* The scenario's name and title outlive its model. */
        if (m->scenario &&
            (!(copies[2 * k] = strdup(m->scenario)) ||
             !(copies[2 * k + 1] = strdup(m->scenario_title)))) {
            err = out_of_memory(a->path, diag);
            break;
        }
        if (!(headings[k] = abg_model_label(m))) {
            err = out_of_memory(a->path, diag);
            break;
        }
        labels[k] = copies[2 * k];
        titles[k] = m->scenario ? copies[2 * k + 1] : m->title;
        pots[k] = m->pot;
        for (size_t x = 0; x < na; x++)
            totals[k * na + x] = results[k]->areas[x].total;
        if (k > 0 && !keep) {
            abg_result_free(results[k]);
            abg_model_free(models[k]);
            models[k] = NULL, results[k] = NULL;
        }
    }
    if (!err) {
        abg_comparison cmp = {n_models,
                              models[0],
                              labels,
                              titles,
                              (const char *const *)headings,
                              pots,
                              totals,
                              keep ? (const abg_model *const *)models : NULL,
                              keep ? (const abg_result *const *)results
                                   : NULL};
        cli_job job = {
            .model = models[0], .result = results[0], .comparison = &cmp};
        if (!to_stdout)
            err = abg_compare_table(stdout, &cmp);
        if (!err)
            err = cli_outputs_write(a->outputs, a, &writers, &job, diag);
    }
out:
    for (size_t i = 0; models && i <= n_names && i <= n_models; i++) {
        abg_result_free(results[i]);
        abg_model_free(models[i]);
    }
    for (size_t i = 0; copies && i < 2 * (n_names + 1); i++)
        free(copies[i]);
    for (size_t i = 0; headings && i <= n_names; i++)
        free(headings[i]);
    free(headings);
    free(models);
    free(results);
    free(labels);
    free(titles);
    free(copies);
    free(pots);
    free(totals);
    free(file_names);
    return err;
}
