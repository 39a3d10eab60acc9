/*
 * sweep_cmd.c - the sweep command: one allocation per step of one key, or
 * per pair of steps of two.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"

static abg_error csv_sweep(FILE *f, const cli_job *j)
{
    return abg_sweep_csv_write(f, j->steps, j->n_steps);
}

static abg_error json_sweep(FILE *f, const cli_job *j)
{
    return abg_sweep_json_write(f, j->steps, j->n_steps);
}

static abg_error html_sweep(FILE *f, const cli_job *j)
{
    return abg_html_write_sweep(f, j->varied, j->steps, j->n_steps);
}

static abg_error xlsx_sweep(const char *path, const cli_job *j,
                            abg_diag *diag)
{
    return abg_xlsx_write_sweep(path, j->varied, j->steps, j->n_steps, diag);
}

/* Joins "KEY=VALUE" for one varied key at one value; NULL when out of
 * memory. */
static char *assignment(const cli_varied *v, size_t i)
{
    char *s = malloc(strlen(v->key) + strlen(v->values[i]) + 2);

    if (s)
        sprintf(s, "%s=%s", v->key, v->values[i]);
    return s;
}

/* The label of a step: "30%", or "30% / 400000" for two keys. */
static char *label(const cli_args *a, size_t i, size_t k)
{
    const char *v1 = a->vary[0].values[i];
    const char *v2 = a->n_vary > 1 ? a->vary[1].values[k] : NULL;
    char *s = malloc(strlen(v1) + (v2 ? strlen(v2) : 0) + 4);

    if (s && v2)
        sprintf(s, "%s / %s", v1, v2);
    else if (s)
        strcpy(s, v1);
    return s;
}

/* Computes step (i, k) into *step with the --set changes and the varied
 * keys' values; says which step failed. */
static abg_error step(abg_sweep_step *out, const abg_config *config,
                      const cli_args *a, char **all, size_t i, size_t k,
                      abg_diag *diag)
{
    abg_model *m = NULL;
    abg_result *r = NULL;
    char *assign[2] = {NULL, NULL};
    abg_error err = ABG_OK;

    for (size_t v = 0; v < a->n_vary && !err; v++) {
        assign[v] = assignment(&a->vary[v], v ? k : i);
        all[a->n_sets + v] = assign[v];
        if (!assign[v])
            err = abg_diag_set(diag, ABG_ERROR_MEMORY, "--vary", 0, NULL,
                               "out of memory");
    }
    if (!err)
        err = cli_compute(&m, &r, config, NULL, all, a->n_sets + a->n_vary,
                          diag);
    out->model = m;
    out->result = r;
    if (err && assign[a->n_vary - 1]) {
        /* Say which step failed: the file alone is fine. */
        char message[ABG_DIAG_TEXT_MAX];
        snprintf(message, sizeof message, "at %.100s%s%.100s: %.250s",
                 assign[0], a->n_vary > 1 ? ", " : "",
                 a->n_vary > 1 ? assign[1] : "", diag->message);
        memcpy(diag->message, message, sizeof message);
    }
    free(assign[0]);
    free(assign[1]);
    return err;
}

abg_error cli_sweep(const abg_config *config, const cli_args *a,
                    bool to_stdout, abg_diag *diag)
{
    static const cli_writers writers = {csv_sweep, json_sweep, xlsx_sweep,
                                        html_sweep};
    size_t n2 = a->n_vary > 1 ? a->vary[1].n : 1, n = a->vary[0].n * n2;
    abg_sweep_step *steps = calloc(n, sizeof *steps);
    char **labels = calloc(n, sizeof *labels);
    char **all = calloc(a->n_sets + 2, sizeof *all);
    char *names = malloc(strlen(a->vary[0].key) + 6 +
                         (a->n_vary > 1 ? strlen(a->vary[1].key) : 0));
    abg_error err = ABG_OK;
    size_t done = 0;

    if (!steps || !labels || !all || !names) {
        err = abg_diag_set(diag, ABG_ERROR_MEMORY, "--vary", 0, NULL,
                           "out of memory");
        goto out;
    }
    memcpy(all, a->sets, a->n_sets * sizeof *all);
    for (; done < n && !err; done++) {
        labels[done] = label(a, done / n2, done % n2);
        if (!labels[done])
            err = abg_diag_set(diag, ABG_ERROR_MEMORY, "--vary", 0, NULL,
                               "out of memory");
        else
            err = step(&steps[done], config, a, all, done / n2, done % n2,
                       diag);
        steps[done].label = labels[done];
    }
    if (!err) {
        cli_job job = {.model = steps[0].model, .result = steps[0].result,
                       .steps = steps, .n_steps = n, .varied = names};
        sprintf(names, "%s%s%s", a->vary[0].key,
                 a->n_vary > 1 ? " and " : "",
                 a->n_vary > 1 ? a->vary[1].key : "");
        if (!to_stdout)
            err = abg_sweep_table(stdout, names, steps, n);
        if (!err)
            err = cli_outputs_write(a->outputs, a, &writers, &job, diag);
    }
out:
    for (size_t i = 0; steps && i < done; i++) {
        abg_result_free((abg_result *)steps[i].result);
        abg_model_free((abg_model *)steps[i].model);
    }
    for (size_t i = 0; labels && i < n; i++)
        free(labels[i]);
    free(steps);
    free(labels);
    free(all);
    free(names);
    return err;
}
