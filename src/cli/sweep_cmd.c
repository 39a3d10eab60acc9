/*
 * sweep_cmd.c - the sweep command: one allocation per step of one key, or
 * per pair of steps of two.
 *
 * SPDX-License-Identifier: MIT
 *
 * The first step is built from the file like any run (its model and
 * result head the outputs). Every later step whose keys are numbers of
 * the model (pot, a component's amount, share or per_area) is applied to
 * that model's numbers and resolved the way the builder resolves them,
 * and only its area totals are computed, with the weights gathered once
 * (abg_alloc_prepare). Anything else, and anything that path cannot
 * decide (an error, damping, a tie under ties = refuse), is built from
 * the file again, so every figure and every message is the builder's.
 * Each step's totals are folded into each area's lowest and highest, and
 * kept (n_steps x n_areas int64 pence) only when an output or the
 * terminal's table of few steps prints them all.
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"

static abg_error csv_sweep(FILE *f, const cli_job *j)
{
    return abg_sweep_csv_write(f, j->sweep);
}

static abg_error json_sweep(FILE *f, const cli_job *j)
{
    return abg_sweep_json_write(f, j->sweep);
}

static abg_error html_sweep(FILE *f, const cli_job *j)
{
    return abg_html_write_sweep(f, j->varied, j->sweep);
}

static abg_error xlsx_sweep(const char *path, const cli_job *j, abg_diag *diag)
{
    return abg_xlsx_write_sweep(path, j->varied, j->sweep, diag);
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

/* Builds step (i, k) from the file with the --set changes and the varied
 * keys' values into *model and *result; says which step failed. */
static abg_error rebuild(abg_model **model, abg_result **result,
                         const abg_config *config, const cli_args *a,
                         char **all, size_t i, size_t k, abg_diag *diag)
{
    char *assign[2] = {NULL, NULL};
    abg_error err = ABG_OK;

    *model = NULL, *result = NULL;
    for (size_t v = 0; v < a->n_vary && !err; v++) {
        assign[v] = assignment(&a->vary[v], v ? k : i);
        all[a->n_sets + v] = assign[v];
        if (!assign[v])
            err = abg_diag_set(diag, ABG_ERROR_MEMORY, "--vary", 0, NULL,
                               "out of memory");
    }
    if (!err)
        err = cli_compute(model, result, config, NULL, all,
                          a->n_sets + a->n_vary, diag);
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

/* What the fast path needs: the working model (the first step's, its
 * numbers changed and put back), its first numbers, the varied keys. */
typedef struct fast {
    abg_model *m;
    cli_numbers first;
    cli_number_key key[2];
    size_t comp[2];
    abg_alloc_prep *prep;
} fast;

/* Step (i, k)'s totals on the fast path into out; false when the step
 * must be built from the file. */
static bool fast_step(fast *f, const cli_args *a, size_t i, size_t k,
                      int64_t *out)
{
    bool ok = true;

    cli_numbers_restore(f->m, &f->first);
    for (size_t v = 0; v < a->n_vary && ok; v++)
        ok = cli_number_apply(f->m, f->key[v], f->comp[v],
                              a->vary[v].values[v ? k : i]);
    ok = ok && cli_numbers_resolve(f->m);
    ok = ok && abg_alloc_totals(out, f->prep, f->m) == ABG_OK;
    cli_numbers_restore(f->m, &f->first);
    return ok;
}

/* Sets up the fast path on the first step's model when every varied key
 * is a model number and the model has no budget (its checks involve the
 * pot); leaves f->prep NULL otherwise. The first step is computed both
 * ways: figures that differ are a bug, reported, never printed. */
static abg_error fast_init(fast *f, abg_model *m, const abg_result *r,
                           const cli_args *a, int64_t *scratch, abg_diag *diag)
{
    bool ok = !m->has_budget && !m->has_damping;

    f->m = m;
    for (size_t v = 0; v < a->n_vary && ok; v++)
        ok = (f->key[v] = cli_number_classify(m, a->vary[v].key,
                                              &f->comp[v])) != CLI_NUMBER_NONE;
    if (!ok || !cli_numbers_save(&f->first, m) ||
        abg_alloc_prepare(&f->prep, m) != ABG_OK)
        return ABG_OK;
    if (!fast_step(f, a, 0, 0, scratch)) {
        abg_alloc_prep_free(f->prep);
        f->prep = NULL;
        return ABG_OK;
    }
    for (size_t x = 0; x < m->n_areas; x++)
        if (scratch[x] != r->areas[x].total)
            return abg_diag_set(diag, ABG_ERROR_MODEL, m->file, 0,
                                "please report this with the file",
                                "internal error: the sweep's two ways of "
                                "computing disagree on %s; nothing was "
                                "written",
                                m->areas[x].name);
    return ABG_OK;
}

/* Whether anything prints the grid of every step's totals: an output,
 * or the terminal's table of few steps. */
static bool needs_grid(const cli_args *a, size_t n_steps, bool to_stdout)
{
    for (size_t o = 0; o < OUT_COUNT; o++)
        if (a->outputs[o])
            return true;
    return !to_stdout && n_steps <= ABG_SWEEP_TABLE_MAX_STEPS;
}

abg_error cli_sweep(const abg_config *config, const cli_args *a,
                    bool to_stdout, abg_diag *diag)
{
    static const cli_writers writers = {csv_sweep, json_sweep, xlsx_sweep,
                                        html_sweep};
    size_t n2 = a->n_vary > 1 ? a->vary[1].n : 1, n = a->vary[0].n * n2;
    size_t na = 0;
    char **labels = calloc(n, sizeof *labels);
    char **all = calloc(a->n_sets + 2, sizeof *all);
    char *names = malloc(strlen(a->vary[0].key) + 6 +
                         (a->n_vary > 1 ? strlen(a->vary[1].key) : 0));
    abg_model *first = NULL;
    abg_result *first_result = NULL;
    int64_t *totals = NULL, *scratch = NULL;
    abg_sweep_ranges ranges = {0};
    bool grid = needs_grid(a, n, to_stdout);
    fast f = {0};
    bool whole = true;
    abg_error err = ABG_OK;

    if (!labels || !all || !names) {
        err = abg_diag_set(diag, ABG_ERROR_MEMORY, "--vary", 0, NULL,
                           "out of memory");
        goto out;
    }
    memcpy(all, a->sets, a->n_sets * sizeof *all);
    for (size_t s = 0; s < n && !err; s++)
        if (!(labels[s] = label(a, s / n2, s % n2)))
            err = abg_diag_set(diag, ABG_ERROR_MEMORY, "--vary", 0, NULL,
                               "out of memory");
    if (!err)
        err = rebuild(&first, &first_result, config, a, all, 0, 0, diag);
    if (err)
        goto out;
    na = first->n_areas;
    /* The grid when something prints it; otherwise one step's totals at
     * a time, folded into each area's lowest and highest. */
    totals = malloc(((grid ? n : 1) * na + 1) * sizeof *totals);
    scratch = malloc((na + 1) * sizeof *scratch);
    if (!totals || !scratch || abg_sweep_ranges_init(&ranges, na)) {
        err = abg_diag_set(diag, ABG_ERROR_MEMORY, "--vary", 0, NULL,
                           "out of memory");
        goto out;
    }
    for (size_t x = 0; x < na; x++)
        totals[x] = first_result->areas[x].total;
    abg_sweep_ranges_add(&ranges, 0, totals, na);
    whole = first->round_to >= 100;
    if (n > 1)
        err = fast_init(&f, first, first_result, a, scratch, diag);
    for (size_t s = 1; s < n && !err; s++) {
        abg_model *m = NULL;
        abg_result *r = NULL;
        int64_t *t = grid ? totals + s * na : totals;
        if (!f.prep || !fast_step(&f, a, s / n2, s % n2, t)) {
            err = rebuild(&m, &r, config, a, all, s / n2, s % n2, diag);
            for (size_t x = 0; !err && x < na; x++)
                t[x] = r->areas[x].total;
            whole = whole && (err || m->round_to >= 100);
            abg_result_free(r);
            abg_model_free(m);
        }
        if (!err)
            abg_sweep_ranges_add(&ranges, s, t, na);
    }
    if (!err) {
        abg_sweep_results sw = {.model = first,
                                .result = first_result,
                                .labels = (const char *const *)labels,
                                .n_steps = n,
                                .n_areas = na,
                                .totals = grid ? totals : NULL,
                                .whole = whole,
                                .n_fixed_sets = a->n_sets,
                                .ranges = &ranges};
        cli_job job = {.model = first,
                       .result = first_result,
                       .sweep = &sw,
                       .varied = names};
        sprintf(names, "%s%s%s", a->vary[0].key, a->n_vary > 1 ? " and " : "",
                a->n_vary > 1 ? a->vary[1].key : "");
        if (!to_stdout)
            err = abg_sweep_table(stdout, names, &sw);
        if (!err)
            err = cli_outputs_write(a->outputs, a, &writers, &job, diag);
    }
out:
    abg_alloc_prep_free(f.prep);
    cli_numbers_free(&f.first);
    abg_result_free(first_result);
    abg_model_free(first);
    free(totals);
    free(scratch);
    abg_sweep_ranges_free(&ranges);
    for (size_t i = 0; labels && i < n; i++)
        free(labels[i]);
    free(labels);
    free(all);
    free(names);
    return err;
}
