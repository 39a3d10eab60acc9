/*
 * targets.c - the command on target files and budget statements (run,
 * check, with CSV, JSON and workbook outputs), and `check` over several
 * files of either kind with a one-line summary per file.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE /* open_memstream */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "abg/abg.h"
#include "abg/approx.h"
#include "abg/target.h"
#include "targets.h"

/* The exit statuses main.c documents. */
enum {
    STATUS_OK = 0,
    STATUS_MISMATCH = 1,
    STATUS_USAGE = 2,
    STATUS_DATA = EX_DATAERR,
    STATUS_NOINPUT = EX_NOINPUT,
    STATUS_SOFTWARE = EX_SOFTWARE,
    STATUS_CANTCREAT = EX_CANTCREAT
};

/* Prints the diagnostic as one line: where, what, and how to fix it. */
static void print_diag(const abg_diag *d, abg_error err)
{
    fputs("abgcalc: ", stderr);
    if (d->file[0] && d->line > 0)
        fprintf(stderr, "%s:%d: ", d->file, d->line);
    else if (d->file[0])
        fprintf(stderr, "%s: ", d->file);
    fprintf(stderr, "error: %s", d->message[0] ? d->message
                                               : abg_strerror(err));
    if (d->hint[0])
        fprintf(stderr, "; hint: %s", d->hint);
    fputc('\n', stderr);
}

/* Maps an error to the documented exit status. */
static int exit_status(abg_error err)
{
    switch (err) {
    case ABG_OK: return STATUS_OK;
    case ABG_ERROR_READ: return STATUS_NOINPUT;
    case ABG_ERROR_WRITE: return STATUS_CANTCREAT;
    case ABG_ERROR_MEMORY: return STATUS_SOFTWARE;
    case ABG_ERROR_NOT_FOUND: return STATUS_USAGE;
    default: return STATUS_DATA;
    }
}

/* Prints a bad command line message; returns status 2. */
static int usage_error(const char *message)
{
    fprintf(stderr, "abgcalc: error: %s; hint: see abgcalc --help\n",
            message);
    return STATUS_USAGE;
}

/* Writes one stream output of a target (CSV or JSON) safely. */
typedef abg_error (*stream_writer)(FILE *, const abg_target *);

/* Opens every output, writes them all, then renames them into place: one
 * that cannot be written replaces none. */
static abg_error write_outputs(const abg_target *t,
                               const abg_cli_targets_options *o,
                               abg_diag *diag)
{
    const char *paths[3] = {o->csv, o->json, o->xlsx};
    stream_writer writers[2] = {abg_target_csv_write, abg_target_json_write};
    abg_file *files[3] = {NULL, NULL, NULL};
    abg_error err = ABG_OK;

    for (size_t i = 0; i < 3 && !err; i++)
        if (paths[i])
            err = abg_file_open(&files[i], paths[i], diag);
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
        if (!err)
            err = abg_file_commit(files[i], diag);
        else
            abg_file_abort(files[i]);
    }
    return err;
}

/* Loads, builds and computes a target file. */
static abg_error load_target(abg_target **out, const abg_config *config,
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

/* run or check on one target file. */
static int one_target(const char *command, const abg_config *config,
                      const abg_cli_targets_options *o)
{
    bool to_stdout = (o->csv && strcmp(o->csv, "-") == 0) ||
                     (o->json && strcmp(o->json, "-") == 0);
    abg_target *t = NULL;
    abg_diag diag = {0};
    abg_error err;
    int status = STATUS_OK;

    if (strcmp(command, "run") != 0 && strcmp(command, "check") != 0)
        return usage_error("a target file or budget statement takes run "
                           "or check");
    if (o->allocation_only)
        return usage_error("--scenario, --set, --vary and --workbook go "
                           "with allocations, not target files");
    if (strcmp(command, "check") == 0 && (o->csv || o->json || o->xlsx))
        return usage_error("--csv, --json and -o go with run");
    if (o->csv && o->json && to_stdout && strcmp(o->csv, o->json) == 0)
        return usage_error("only one of --csv and --json can be -");
    if (o->xlsx && strcmp(o->xlsx, "-") == 0)
        return usage_error("-o needs a file name: a workbook cannot go to "
                           "standard output");
    err = load_target(&t, config, &diag);
    if (!err && strcmp(command, "run") == 0) {
        if (!to_stdout)
            err = abg_target_report(stdout, t);
        if (!err)
            err = write_outputs(t, o, &diag);
    } else if (!err) {
        size_t checked = 0, differing = 0;
        err = abg_target_check(stdout, t, &checked, &differing);
        if (!err)
            err = abg_target_summary(stdout, t);
        if (differing)
            status = STATUS_MISMATCH;
    }
    if (err && !diag.message[0])
        abg_diag_set(&diag, err, "standard output", 0, NULL, "cannot write");
    if (err) {
        print_diag(&diag, err);
        status = exit_status(err);
    }
    abg_target_free(t);
    return status;
}

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
        printf("%s: %zu of %zu published figures differ", m->file,
               mismatches, published_count(m));
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
    abg_error err = load_target(&t, config, diag);
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
               "itemised\n", t->file, t->n_lines,
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
 * status is the first error's, else 1 when any figure differs. */
static int check_many(int n_files, char *const *files,
                      const abg_cli_targets_options *o)
{
    int status = STATUS_OK;

    if (o->csv || o->json || o->xlsx || o->allocation_only)
        return usage_error("check with several files takes no options");
    for (int i = 0; i < n_files; i++) {
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
            print_diag(&diag, err);
            printf("%s: not checked: %s\n", files[i],
                   diag.message[0] ? diag.message : abg_strerror(err));
            if (status == STATUS_OK || status == STATUS_MISMATCH)
                status = exit_status(err);
        } else if (differs && status == STATUS_OK) {
            status = STATUS_MISMATCH;
        }
        abg_config_free(config);
    }
    return status;
}

/* Closes standard output, so that a full disk is an error (73). */
static int finish(int status)
{
    if (fclose(stdout) != 0) {
        fprintf(stderr, "abgcalc: standard output: error: cannot write\n");
        return STATUS_CANTCREAT;
    }
    return status;
}

/* Takes the commands main.c hands over; see targets.h. */
bool abg_cli_targets(int *status, const char *command, int n_files,
                     char *const *files,
                     const abg_cli_targets_options *options)
{
    abg_config *config = NULL;
    abg_diag diag = {0};
    bool taken;

    if (strcmp(command, "check") == 0 && n_files > 1) {
        *status = finish(check_many(n_files, files, options));
        return true;
    }
    if (n_files < 1 || abg_config_load(&config, files[0], &diag) != ABG_OK)
        return false; /* the caller reports an unreadable file */
    taken = abg_target_is_target(config);
    if (taken && n_files > 1)
        *status = usage_error("a target file takes no further arguments");
    else if (taken)
        *status = finish(one_target(command, config, options));
    abg_config_free(config);
    return taken;
}
