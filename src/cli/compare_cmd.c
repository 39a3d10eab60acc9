/*
 * compare_cmd.c - the compare command: the base and each scenario side by
 * side, as many scenarios as memory holds.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>

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
    size_t n_names = a->n_names, n_models = 0;
    abg_model **models = NULL;
    abg_result **results = NULL;
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
    if (!models || !results) {
        err = out_of_memory(a->path, diag);
        goto out;
    }
    for (; n_models <= n_names && !err; n_models++)
        err = cli_compute(&models[n_models], &results[n_models], config,
                          n_models ? names[n_models - 1] : NULL, a->sets,
                          a->n_sets, diag);
    if (!err) {
        abg_comparison cmp = {(const abg_model *const *)models,
                              (const abg_result *const *)results, n_models};
        cli_job job = {.model = models[0], .result = results[0],
                       .comparison = &cmp};
        if (!to_stdout)
            err = abg_compare_table(stdout, &cmp);
        if (!err)
            err = cli_outputs_write(a->outputs, a, &writers, &job, diag);
    }
out:
    for (size_t i = 0; i < n_models; i++) {
        abg_result_free(results[i]);
        abg_model_free(models[i]);
    }
    free(models);
    free(results);
    free(file_names);
    return err;
}
