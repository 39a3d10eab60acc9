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

/* What the file's check of its scenarios borrows: compare's fast path,
 * which answers for each scenario it computes and keeps the figures of
 * those asked for, so that they are computed once. */
typedef struct vouching {
    cli_compared *c;
    cli_compare_fast *fast;
    const abg_config *config;
    const char **asked; /* per allocation: the scenario's name as the
                           file writes it (NULL: none, or the base) */
    bool *done;         /* per allocation: its figures are in */
    int64_t *scratch;   /* for scenarios not asked for */
    bool ready;
    abg_error err; /* memory ran out */
} vouching;

/* Allocates the table of totals for models of n_areas; false when out of
 * memory. */
static bool totals_for(cli_compared *c, size_t n_areas)
{
    if (!c->totals)
        c->totals = malloc((c->cap * n_areas + 1) * sizeof *c->totals);
    return c->totals != NULL;
}

/* Answers for a scenario of the file when the fast path computes it
 * (abg_config_vouch). */
static bool vouch_for(void *ctx, abg_model *base, const char *scenario)
{
    vouching *v = ctx;
    cli_compared *c = v->c;
    size_t na = base->n_areas;
    cli_compare_fast_out f = {0};
    bool first = true;

    if (!v->ready) {
        v->ready = true;
        cli_compare_fast_init(v->fast, base, NULL, 0);
        if (!totals_for(c, na) ||
            !(v->scratch = malloc((na + 1) * sizeof *v->scratch)))
            v->err = ABG_ERROR_MEMORY;
    }
    if (v->err || !v->fast->prep)
        return false;
    f.totals = v->scratch;
    if ((v->err = cli_compare_fast_scenario(&f, v->fast, v->config,
                                            scenario)) != ABG_OK ||
        !f.taken)
        return false;
    /* Each time the scenario is asked for, its figures. */
    for (size_t k = 1; k < c->cap && !v->err; k++) {
        if (v->done[k] || !v->asked[k] || strcmp(v->asked[k], f.name) != 0)
            continue;
        memcpy(c->totals + k * na, v->scratch, na * sizeof *c->totals);
        c->pots[k] = f.pot;
        if (!take_texts(c, k, f.name, f.title,
                        first ? f.heading : strdup(f.heading)))
            v->err = ABG_ERROR_MEMORY;
        first = false;
        v->done[k] = true;
        c->n_fast++;
    }
    if (first)
        free(f.heading);
    return !v->err;
}

/* Builds and computes the base, checking the file's scenarios as
 * abg_config_build does, with the fast path answering for those it
 * computes (only without --set: a changed file's scenarios are not
 * checked). */
static abg_error base_vouched(cli_compared *c, vouching *v,
                              const abg_config *config, abg_diag *diag)
{
    abg_config_vouch vouch = {vouch_for, v};
    abg_error err =
        abg_config_build_vouched(&c->models[0], config, &vouch, diag);

    if (v->err)
        return v->err;
    if (!err && !abg_model_set_changes(c->models[0], NULL, 0))
        err = abg_diag_set(diag, ABG_ERROR_MEMORY, NULL, 0, NULL,
                           "out of memory");
    if (!err)
        err = abg_alloc_compute(&c->results[0], c->models[0], diag);
    return err;
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
    vouching v = {.c = c, .fast = &fast, .config = config};
    /* The workbook's sheet per scenario needs every model and result. */
    bool vouched = !keep && n_sets == 0 && n_names > 0;
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
    v.asked = calloc(cap, sizeof *v.asked);
    v.done = calloc(cap, sizeof *v.done);
    if (!c->models || !c->results || !c->names || !c->titles || !c->copies ||
        !c->headings || !c->pots || !v.asked || !v.done)
        goto memory;
    for (size_t k = 1; vouched && k < cap; k++)
        abg_config_scenario_changes(NULL, 0, &v.asked[k], config,
                                    names[k - 1]);
    if (vouched)
        err = base_vouched(c, &v, config, diag);
    else
        err = cli_compute(&c->models[0], &c->results[0], config, NULL, sets,
                          n_sets, diag);
    if (err == ABG_ERROR_MEMORY && v.err)
        goto memory;
    if (err)
        goto out;
    na = c->models[0]->n_areas;
    if (!totals_for(c, na))
        goto memory;
    if (!take_texts(c, 0, NULL, c->models[0]->title,
                    abg_model_label(c->models[0])))
        goto memory;
    c->pots[0] = c->models[0]->pot;
    for (size_t x = 0; x < na; x++)
        c->totals[x] = c->results[0]->areas[x].total;
    c->n = 1;
    if (!keep && n_names > 0 && !v.ready)
        cli_compare_fast_init(&fast, c->models[0], sets, n_sets);
    if ((err = cli_compare_fast_verify(&fast, c->results[0], diag)))
        goto out;
    for (size_t k = 1; k < cap; k++, c->n++) {
        cli_compare_fast_out f = {.totals = c->totals + k * na};
        const abg_model *m;
        if (v.done[k])
            continue;
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
    free(v.asked);
    free(v.done);
    free(v.scratch);
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
