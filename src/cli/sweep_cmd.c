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

/* No pot above this takes the fast path: far below the builder's
 * largest pot, so that the builder is the one to refuse any pot. */
#define FAST_POT_MAX INT64_C(1000000000000000)

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

/* A varied key the fast path applies to the model itself. */
typedef enum fast_key {
    FAST_NONE = 0, /* built from the file at every step */
    FAST_POT,
    FAST_AMOUNT,
    FAST_SHARE,
    FAST_PER_AREA
} fast_key;

/* The model's numbers a step may change, kept to start each step from. */
typedef struct numbers {
    int64_t pot;
    abg_size *size;
    abg_decimal *share;
    int64_t *per_area, *amount;
} numbers;

/* What the fast path needs: the working model (the first step's, its
 * numbers changed and put back), its first numbers, the varied keys. */
typedef struct fast {
    abg_model *m;
    numbers first;
    fast_key key[2];
    size_t comp[2];
    abg_alloc_prep *prep;
} fast;

/* Which model number a varied key is, if any: pot, or
 * component.NAME.{amount,share,per_area} of a component of that exact
 * name. */
static fast_key classify(const abg_model *m, const char *key, size_t *comp)
{
    static const char prefix[] = "component.";
    const char *dot;

    if (strcmp(key, "pot") == 0 || strcmp(key, "allocation.pot") == 0)
        return FAST_POT;
    if (strncmp(key, prefix, sizeof prefix - 1) != 0 ||
        !(dot = strrchr(key, '.')) || dot < key + sizeof prefix)
        return FAST_NONE;
    for (size_t c = 0; c < m->n_components; c++) {
        size_t len = strlen(m->components[c].name);
        if ((size_t)(dot - key) - (sizeof prefix - 1) != len ||
            strncmp(key + sizeof prefix - 1, m->components[c].name, len))
            continue;
        *comp = c;
        if (strcmp(dot + 1, "amount") == 0)
            return FAST_AMOUNT;
        if (strcmp(dot + 1, "share") == 0)
            return FAST_SHARE;
        if (strcmp(dot + 1, "per_area") == 0 &&
            m->components[c].method == ABG_METHOD_EVEN)
            return FAST_PER_AREA;
        return FAST_NONE;
    }
    return FAST_NONE;
}

/* Copies the model's numbers into n (arrays allocated once); false when
 * out of memory. */
static bool numbers_save(numbers *n, const abg_model *m)
{
    size_t nc = m->n_components;

    if (!n->size) {
        n->size = calloc(nc + 1, sizeof *n->size);
        n->share = calloc(nc + 1, sizeof *n->share);
        n->per_area = calloc(nc + 1, sizeof *n->per_area);
        n->amount = calloc(nc + 1, sizeof *n->amount);
        if (!n->size || !n->share || !n->per_area || !n->amount)
            return false;
    }
    n->pot = m->pot;
    for (size_t c = 0; c < nc; c++) {
        n->size[c] = m->components[c].size;
        n->share[c] = m->components[c].share;
        n->per_area[c] = m->components[c].per_area;
        n->amount[c] = m->components[c].amount;
    }
    return true;
}

/* Puts numbers n back into the model. */
static void numbers_restore(abg_model *m, const numbers *n)
{
    m->pot = n->pot;
    for (size_t c = 0; c < m->n_components; c++) {
        m->components[c].size = n->size[c];
        m->components[c].share = n->share[c];
        m->components[c].per_area = n->per_area[c];
        m->components[c].amount = n->amount[c];
    }
}

/* Frees numbers_save()'s arrays. */
static void numbers_free(numbers *n)
{
    free(n->size), free(n->share), free(n->per_area), free(n->amount);
}

/* Sets one varied key's value in the model as the builder reads it;
 * false when the value is one the builder should judge. */
static bool apply(abg_model *m, fast_key key, size_t c, const char *value)
{
    abg_component *comp = &m->components[c];
    const char *reason = NULL;

    switch (key) {
    case FAST_POT:
        return abg_money_parse(&m->pot, value, &reason) == ABG_OK &&
            m->pot >= 0 && m->pot <= FAST_POT_MAX;
    case FAST_AMOUNT:
        /* A new size replaces the old one (abg_config_set). */
        comp->size = ABG_SIZE_AMOUNT;
        return abg_money_parse(&comp->amount, value, &reason) == ABG_OK;
    case FAST_SHARE:
        comp->size = ABG_SIZE_SHARE;
        return abg_percent_parse(&comp->share, value, &reason) == ABG_OK &&
            comp->share.units > 0 &&
            abg_decimal_compare_int(comp->share, 100) <= 0;
    case FAST_PER_AREA:
        comp->size = ABG_SIZE_PER_AREA;
        return abg_money_parse(&comp->per_area, value, &reason) == ABG_OK;
    case FAST_NONE: break;
    }
    return false;
}

/* Resolves share, per_area and rest into amounts as the builder does
 * (abg_build_resolve_amounts); false where the builder would refuse. */
static bool resolve(abg_model *m)
{
    abg_component *rest = NULL;
    int64_t sum = 0;

    for (size_t c = 0; c < m->n_components; c++) {
        abg_component *comp = &m->components[c];
        switch (comp->size) {
        case ABG_SIZE_AMOUNT: break;
        case ABG_SIZE_SHARE:
            if (abg_money_share(&comp->amount, m->pot, comp->share))
                return false;
            break;
        case ABG_SIZE_PER_AREA:
            if (__builtin_mul_overflow(comp->per_area, (int64_t)m->n_areas,
                                       &comp->amount))
                return false;
            break;
        case ABG_SIZE_REST:
            if (rest)
                return false;
            rest = comp;
            continue;
        }
        if (__builtin_add_overflow(sum, comp->amount, &sum))
            return false;
    }
    if (rest) {
        if (sum > m->pot)
            return false;
        rest->amount = m->pot - sum;
        return true;
    }
    return sum == m->pot;
}

/* Step (i, k)'s totals on the fast path into out; false when the step
 * must be built from the file. */
static bool fast_step(fast *f, const cli_args *a, size_t i, size_t k,
                      int64_t *out)
{
    bool ok = true;

    numbers_restore(f->m, &f->first);
    for (size_t v = 0; v < a->n_vary && ok; v++)
        ok = apply(f->m, f->key[v], f->comp[v], a->vary[v].values[v ? k : i]);
    ok = ok && resolve(f->m);
    ok = ok && abg_alloc_totals(out, f->prep, f->m) == ABG_OK;
    numbers_restore(f->m, &f->first);
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
        ok = (f->key[v] = classify(m, a->vary[v].key, &f->comp[v])) !=
            FAST_NONE;
    if (!ok || !numbers_save(&f->first, m) ||
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
    numbers_free(&f.first);
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
