/*
 * targets.c - the command on target files and budget statements (run,
 * check, with CSV, JSON and workbook outputs).
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abg/target.h"
#include "cli_internal.h"

/* Writes one stream output of a target (CSV or JSON) safely. */
typedef abg_error (*stream_writer)(FILE *, const abg_target *);

/* Opens every output, writes them all, then renames them into place: one
 * that cannot be written replaces none. */
static abg_error write_outputs(const abg_target *t, const cli_args *a,
                               abg_diag *diag)
{
    const char *paths[3] = {a->outputs[OUT_CSV], a->outputs[OUT_JSON],
                            a->outputs[OUT_XLSX]};
    stream_writer writers[2] = {abg_target_csv_write, abg_target_json_write};
    abg_file *files[3] = {NULL, NULL, NULL};
    abg_error err = ABG_OK;

    /* The workbook writer opens its file by name: a device gets a
     * temporary file that is copied to it. */
    for (size_t i = 0; i < 3 && !err; i++)
        if (paths[i]) {
            abg_file_options options = {.force = a->force, .by_name = i == 2};
            err = abg_file_open_with(&files[i], paths[i], &options, diag);
        }
    for (size_t i = 0; i < 2 && !err; i++) {
        FILE *f = files[i] ? abg_file_stream(files[i]) : NULL;
        if (!f)
            continue;
        err = writers[i](f, t);
        if (!err && fflush(f) != 0)
            err = ABG_ERROR_WRITE;
        if (err)
            abg_diag_set(diag, err, paths[i], 0,
                         "check the disk space; old files are unchanged",
                         "cannot write: %s", strerror(errno));
    }
    if (!err && files[2])
        err = abg_target_xlsx_write(abg_file_temp_path(files[2]), t, diag);
    for (size_t i = 0; i < 3; i++) {
        if (!files[i])
            continue;
        if (!err) {
            err = abg_file_commit(files[i], diag);
            if (!err && !a->quiet && strcmp(paths[i], "-") != 0)
                cli_print_wrote(paths[i]);
        } else
            abg_file_abort(files[i]);
    }
    return err;
}

/* Builds and computes a target file (cli_internal.h). */
abg_error cli_target_load(abg_target **out, const abg_config *config,
                          abg_diag *diag)
{
    abg_error err = abg_target_build(out, config, diag);

    if (!err)
        err = abg_target_compute(*out, diag);
    if (err) {
        abg_target_free(*out);
        *out = NULL;
    }
    return err;
}

/* run or check on one target file (cli_internal.h). */
int cli_targets(const abg_config *config, const cli_args *a)
{
    const char *command = a->command;
    const char *csv = a->outputs[OUT_CSV], *json = a->outputs[OUT_JSON];
    const char *xlsx = a->outputs[OUT_XLSX];
    bool to_stdout =
        (csv && strcmp(csv, "-") == 0) || (json && strcmp(json, "-") == 0);
    abg_target *t = NULL;
    abg_diag diag = {0};
    abg_error err;
    int status = EXIT_OK;

    if (strcmp(command, "run") != 0 && strcmp(command, "check") != 0)
        return cli_usage_error("a target file or budget statement takes run "
                               "or check",
                               NULL);
    if (a->scenario || a->n_sets || a->n_vary || a->workbook ||
        a->outputs[OUT_HTML])
        return cli_usage_error("--scenario, --set, --vary, --workbook and "
                               "--html go with allocations, not target files",
                               NULL);
    if (strcmp(command, "check") == 0 && (csv || json || xlsx))
        return cli_usage_error("--csv, --json and -o go with run", NULL);
    if (csv && json && to_stdout && strcmp(csv, json) == 0)
        return cli_usage_error("only one of --csv and --json can be -", NULL);
    if (xlsx && strcmp(xlsx, "-") == 0)
        return cli_usage_error("-o needs a file name: a workbook cannot go "
                               "to standard output",
                               NULL);
    err = cli_target_load(&t, config, &diag);
    if (!err && strcmp(command, "run") == 0) {
        if (!to_stdout)
            err = abg_target_report(stdout, t);
        if (!err)
            err = write_outputs(t, a, &diag);
    } else if (!err) {
        size_t checked = 0, differing = 0;
        err = abg_target_check(stdout, t, &checked, &differing);
        if (!err)
            err = abg_target_summary(stdout, t);
        if (differing)
            status = EXIT_MISMATCH;
    }
    if (err && !diag.message[0])
        abg_diag_set(&diag, err, "standard output", 0, NULL, "cannot write");
    if (err) {
        cli_print_diag(&diag, err);
        status = cli_exit_status(err);
    }
    abg_target_free(t);
    return status;
}
