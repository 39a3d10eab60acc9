/*
 * outputs.c - the command's output files: refusing the input and
 * duplicates, then writing all of them or none.
 *
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_internal.h"

/* The options that name each output, for messages. */
static const char *const OPTION[OUT_COUNT] = {"--csv", "--json", "-o",
                                              "--html"};

/* Which file a path means: the existing file (links followed), or, for a
 * new one, its folder and name. */
typedef struct identity {
    bool exists, regular;
    dev_t dev;
    ino_t ino;
    const char *name; /* a new file's name in its folder */
} identity;

/* Fills *id for path. */
static void identify(identity *id, const char *path)
{
    struct stat st;
    char *dir;
    const char *slash = strrchr(path, '/');

    memset(id, 0, sizeof *id);
    if (stat(path, &st) == 0) {
        id->exists = true;
        id->regular = S_ISREG(st.st_mode);
        id->dev = st.st_dev;
        id->ino = st.st_ino;
        return;
    }
    dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path))
                : strdup(".");
    if (dir && stat(dir, &st) == 0) {
        id->dev = st.st_dev;
        id->ino = st.st_ino;
        id->name = slash ? slash + 1 : path;
    }
    free(dir);
}

/* True when a and b are one file that would be replaced or written twice:
 * the same regular file, or the same new name in the same folder. Devices
 * and pipes (/dev/null twice) are written in place and allowed. */
static bool same(const identity *a, const identity *b)
{
    if (a->exists != b->exists || a->dev != b->dev || a->ino != b->ino)
        return false;
    if (a->exists)
        return a->regular && b->regular;
    return a->name && b->name && strcmp(a->name, b->name) == 0;
}

abg_error cli_outputs_check(const char *const *paths, const char *input,
                            abg_diag *diag)
{
    identity ids[OUT_COUNT], in;

    if (input)
        identify(&in, input);
    for (size_t i = 0; i < OUT_COUNT; i++) {
        if (!paths[i] || strcmp(paths[i], "-") == 0)
            continue;
        identify(&ids[i], paths[i]);
        if (input && in.exists && same(&ids[i], &in))
            return abg_diag_set(diag, ABG_ERROR_WRITE, paths[i], 0,
                                "give the output another name",
                                "%s would replace the input file %s",
                                OPTION[i], input);
        for (size_t k = 0; k < i; k++)
            if (paths[k] && strcmp(paths[k], "-") != 0 &&
                same(&ids[i], &ids[k]))
                return abg_diag_set(diag, ABG_ERROR_WRITE, paths[i], 0,
                                    "give each output its own name",
                                    "%s and %s name the same file", OPTION[k],
                                    OPTION[i]);
    }
    return ABG_OK;
}

/* Writes output i of the job into its opened file. */
static abg_error write_one(abg_file *file, size_t i, const char *path,
                           const cli_writers *w, const cli_job *job,
                           abg_diag *diag)
{
    abg_error err;
    FILE *stream;

    if (i == OUT_XLSX)
        return w->xlsx(abg_file_temp_path(file), job, diag);
    stream = abg_file_stream(file);
    err = (i == OUT_CSV        ? w->csv
               : i == OUT_JSON ? w->json
                               : w->html)(stream, job);
    /* Flushing here makes a full disk or device fail before any output
     * has replaced its old file. */
    if (!err && fflush(stream) != 0)
        err = ABG_ERROR_WRITE;
    if (err)
        abg_diag_set(diag, err, path, 0,
                     "check the disk space; old files are unchanged",
                     "cannot write: %s", strerror(errno));
    return err;
}

abg_error cli_outputs_write(const char *const *paths, const cli_args *args,
                            const cli_writers *w, const cli_job *job,
                            abg_diag *diag)
{
    abg_file *files[OUT_COUNT] = {NULL};
    abg_error err = cli_outputs_check(paths, args->path, diag);

    /* What is already printed goes first: an output may be standard
     * output reached through /dev/stdout, written after it. */
    if (!err && fflush(stdout) != 0)
        err = abg_diag_set(diag, ABG_ERROR_WRITE, "standard output", 0, NULL,
                           "cannot write: %s", strerror(errno));

    for (size_t i = 0; i < OUT_COUNT && !err; i++)
        if (paths[i]) {
            abg_file_options options = {.force = args->force,
                                        .by_name = i == OUT_XLSX};
            err = abg_file_open_with(&files[i], paths[i], &options, diag);
        }
    for (size_t i = 0; i < OUT_COUNT && !err; i++)
        if (files[i])
            err = write_one(files[i], i, paths[i], w, job, diag);
    for (size_t i = 0; i < OUT_COUNT; i++) {
        if (!files[i])
            continue;
        if (!err) {
            /* Said as each is in place: should a later rename fail, the
             * lines name exactly the outputs that were replaced. */
            err = abg_file_commit(files[i], diag);
            if (!err && !args->quiet && strcmp(paths[i], "-") != 0)
                cli_print_wrote(paths[i]);
        } else
            abg_file_abort(files[i]);
    }
    return err;
}
