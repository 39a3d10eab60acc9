/*
 * single.c - the commands on one allocation: run, check and explain.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "abg/approx.h"
#include "cli_internal.h"

static abg_error csv_run(FILE *f, const cli_job *j)
{
    return abg_csv_write(f, j->model, j->result);
}

static abg_error json_run(FILE *f, const cli_job *j)
{
    return abg_json_write(f, j->model, j->result);
}

static abg_error html_run(FILE *f, const cli_job *j)
{
    return abg_html_write(f, j->model, j->result);
}

static abg_error xlsx_run(const char *path, const cli_job *j, abg_diag *diag)
{
    return abg_xlsx_write(path, j->model, j->result, diag);
}

/* Writes "the areas are: A, B, C" into buf, cut short with "..." when it
 * would not fit, and returns buf. */
static const char *list_areas(char *buf, size_t size, const abg_model *m)
{
    size_t used = (size_t)snprintf(buf, size, "the areas are: ");

    for (size_t i = 0; i < m->n_areas; i++) {
        const char *sep = i ? ", " : "";
        if (used + strlen(sep) + strlen(m->areas[i].name) + 4 >= size) {
            snprintf(buf + used, size - used, "%s...", sep);
            break;
        }
        used += (size_t)snprintf(buf + used, size - used, "%s%s", sep,
                                 m->areas[i].name);
    }
    return buf;
}

/* The error for explain's area not found (names are compared ignoring
 * capitals and spaces, and the file's names are distinct that way, so a
 * match is never ambiguous): the nearest name as a hint, else the list. */
static abg_error no_such_area(const abg_model *m, const cli_args *a,
                              abg_diag *diag)
{
    char list[ABG_DIAG_TEXT_MAX], hint[ABG_DIAG_TEXT_MAX];
    const char **names = calloc(m->n_areas + 1, sizeof *names);

    if (!names)
        return abg_diag_set(diag, ABG_ERROR_MEMORY, a->path, 0, NULL,
                            "out of memory");
    for (size_t i = 0; i < m->n_areas; i++)
        names[i] = m->areas[i].name;
    abg_name_suggest(hint, sizeof hint, a->area, names,
                     list_areas(list, sizeof list, m));
    free(names);
    return abg_diag_set(diag, ABG_ERROR_NOT_FOUND, a->path, 0, hint,
                        "no area called \"%s\"", a->area);
}

/* The workbook path the file's [output] section names, taken relative to
 * the file's own folder (the file's author cannot know where it is run). */
static abg_error workbook_path(char **out, const char *ini, const abg_model *m,
                               abg_diag *diag)
{
    const char *slash = strrchr(ini, '/');
    size_t dir = slash && m->output && m->output[0] != '/'
        ? (size_t)(slash - ini) + 1
        : 0;

    if (!m->output)
        return abg_diag_set(diag, ABG_ERROR_VALUE, ini, 0,
                            "add [output] with workbook = NAME.xlsx, or "
                            "give -o NAME.xlsx",
                            "--workbook needs the file's [output] workbook");
    *out = malloc(dir + strlen(m->output) + 1);
    if (!*out)
        return abg_diag_set(diag, ABG_ERROR_MEMORY, ini, 0, NULL,
                            "out of memory");
    memcpy(*out, ini, dir);
    strcpy(*out + dir, m->output);
    return ABG_OK;
}

/* run: the table and findings (unless an output goes to stdout), then the
 * outputs, the workbook at [output] for --workbook. */
static abg_error run(const abg_model *m, const abg_result *r,
                     const cli_args *a, bool to_stdout, abg_diag *diag)
{
    static const cli_writers writers = {csv_run, json_run, xlsx_run, html_run};
    const char *paths[OUT_COUNT];
    char *workbook = NULL;
    cli_job job = {.model = m, .result = r};
    abg_error err = ABG_OK;

    memcpy(paths, a->outputs, sizeof paths);
    if (a->workbook && !paths[OUT_XLSX]) {
        err = workbook_path(&workbook, a->path, m, diag);
        paths[OUT_XLSX] = workbook;
    }
    if (!err && !to_stdout) {
        /* Headings wrap to fit 80 columns; prose wraps at a terminal's
         * width, never when piped. */
        abg_report_layout layout = {.fit = 80,
                                    .wrap = cli_terminal_width(stdout)};
        err = abg_report_table_with(stdout, m, r, &layout);
        if (!err && !a->no_findings)
            err = abg_report_findings_wrapped(stdout, m, r, layout.wrap);
    }
    if (!err)
        err = cli_outputs_write(paths, a, &writers, &job, diag);
    free(workbook);
    return err;
}

abg_error cli_single(abg_config **config, const cli_args *a, bool to_stdout,
                     size_t *mismatches, abg_diag *diag)
{
    abg_model *m = NULL;
    abg_result *r = NULL;
    /* The model holds all that is left to do: the loaded file goes as
     * soon as it is built. */
    abg_error err = cli_compute_last(&m, &r, config, a->scenario, a->sets,
                                     a->n_sets, diag);
    long area;

    if (err)
        goto out;
    if (strcmp(a->command, "run") == 0) {
        err = run(m, r, a, to_stdout, diag);
    } else if (strcmp(a->command, "check") == 0) {
        size_t approx = 0, approx_bad = 0;
        err = abg_report_check(stdout, m, r, mismatches);
        if (!err) /* figures the source calls approximate (approx.h) */
            err = abg_approx_check(stdout, m, true, &approx, &approx_bad);
        if (!err)
            err = abg_report_findings_wrapped(stdout, m, r,
                                              cli_terminal_width(stdout));
        *mismatches += approx_bad; /* a disagreeing one differs too */
    } else if ((area = abg_model_find_area(m, a->area)) < 0) {
        err = no_such_area(m, a, diag);
    } else {
        err = abg_report_explain(stdout, m, r, (size_t)area);
    }
out:
    abg_result_free(r);
    abg_model_free(m);
    return err;
}
