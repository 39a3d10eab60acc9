/*
 * check_many.c - `check FILE FILE...`: allocations, target files and
 * budget statements checked in one run, a summary line each.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abg/approx.h"
#include "abg/target.h"
#include "cli_internal.h"

/* Counts the published figures `abgcalc check` compares in a model. */
static size_t published_count(const abg_model *m)
{
    size_t n = m->has_published;

    for (size_t c = 0; c < m->n_components; c++)
        n += m->components[c].has_published;
    for (size_t a = 0; a < m->n_areas; a++) {
        n += m->areas[a].has_published;
        for (size_t c = 0; c < m->n_components; c++)
            n += m->areas[a].has_published_cell[c];
    }
    return n;
}

/* Checks one allocation for check_many: the differing figures' lines,
 * then one summary line. Sets *differs. */
static abg_error check_allocation(const abg_config *config, bool *differs,
                                  abg_diag *diag)
{
    abg_model *m = NULL;
    abg_result *r = NULL;
    char *text = NULL;
    size_t size = 0, mismatches = 0, approx = 0, approx_bad = 0;
    FILE *mem = NULL;
    abg_error err = abg_config_build(&m, config, diag);

    if (!err)
        err = abg_alloc_compute(&r, m, diag);
    if (!err && !(mem = open_memstream(&text, &size)))
        err = abg_diag_set(diag, ABG_ERROR_MEMORY, NULL, 0, NULL,
                           "out of memory");
    if (!err)
        err = abg_report_check(mem, m, r, &mismatches);
    if (mem && fclose(mem) != 0 && !err)
        err = abg_diag_set(diag, ABG_ERROR_MEMORY, NULL, 0, NULL,
                           "out of memory");
    if (err)
        goto out;
    /* Keep the report's FILE:LINE lines; its closing sentence gives way
     * to the summary line below. */
    {
        char *last = size > 1 ? text + size - 2 : text;
        while (last > text && *last != '\n')
            last--;
        fwrite(text, 1, last > text ? (size_t)(last - text) + 1 : 0, stdout);
    }
    err = abg_approx_check(stdout, m, false, &approx, &approx_bad);
    if (err)
        goto out;
    *differs = mismatches || approx_bad;
    if (mismatches)
        printf("%s: %zu of %zu published figures differ", m->file, mismatches,
               published_count(m));
    else
        printf("%s: all %zu published figures match to the penny", m->file,
               published_count(m));
    if (approx)
        printf("; %zu of %zu approximate figures %s", approx - approx_bad,
               approx, approx - approx_bad == 1 ? "agrees" : "agree");
    printf("\n");
out:
    free(text);
    abg_result_free(r);
    abg_model_free(m);
    return err;
}

/* Checks one target file or budget statement for check_many. */
static abg_error check_target(const abg_config *config, bool *differs,
                              abg_diag *diag)
{
    abg_target *t = NULL;
    size_t checked = 0, differing = 0, sums = 0, bad_sums = 0;
    abg_error err = cli_target_load(&t, config, diag);
    char m1[48], m2[48];

    if (!err)
        err = abg_target_check(stdout, t, &checked, &differing);
    if (err)
        goto out;
    *differs = differing > 0;
    for (size_t i = 0; i < t->n_sums; i++)
        for (size_t k = 0; k < t->sums[i].n_years; k++)
            sums++, bad_sums += t->sums[i].differs[k];
    if (t->is_budget) {
        printf("%s: budget statement: %zu named lines, %s of %s not "
               "itemised\n",
               t->file, t->n_lines,
               abg_money_format(m1, sizeof m1, t->not_itemised, "\xC2\xA3",
                                true, true, false),
               abg_money_format(m2, sizeof m2, t->budget_total, "\xC2\xA3",
                                true, true, false));
        goto out;
    }
    if (differing > bad_sums)
        printf("%s: %zu of %zu published targets differ from their rule",
               t->file, differing - bad_sums, checked - sums);
    else if (checked > sums)
        printf("%s: all %zu published targets follow their rule", t->file,
               checked - sums);
    else
        printf("%s: no targets by a rule (the figures are given)", t->file);
    if (bad_sums)
        printf("; %zu of %zu sums do not add up", bad_sums, sums);
    else if (sums == 1)
        printf("; the sum adds up");
    else if (sums)
        printf("; all %zu sums add up", sums);
    printf("\n");
out:
    abg_target_free(t);
    return err;
}

/* check FILE FILE...: every file checked, a summary line each; the exit
 * status is the first error's, else 1 when any figure differs
 * (cli_internal.h). */
int cli_check_many(const cli_args *a)
{
    char *const *files = a->files;
    int status = EXIT_OK;

    if (a->outputs[OUT_CSV] || a->outputs[OUT_JSON] || a->outputs[OUT_XLSX] ||
        a->scenario || a->n_sets || a->n_vary || a->workbook)
        return cli_usage_error("check with several files takes no options",
                               NULL);
    for (size_t i = 0; i < a->n_files; i++) {
        abg_config *config = NULL;
        abg_diag diag = {0};
        bool differs = false;
        abg_error err = abg_config_load(&config, files[i], &diag);
        if (!err)
            err = abg_target_is_target(config)
                ? check_target(config, &differs, &diag)
                : check_allocation(config, &differs, &diag);
        fflush(stdout);
        if (err) {
            cli_print_diag(&diag, err);
            printf("%s: not checked: %s\n", files[i],
                   diag.message[0] ? diag.message : abg_strerror(err));
            if (status == EXIT_OK || status == EXIT_MISMATCH)
                status = cli_exit_status(err);
        } else if (differs && status == EXIT_OK) {
            status = EXIT_MISMATCH;
        }
        abg_config_free(config);
    }
    return status;
}
