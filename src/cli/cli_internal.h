/*
 * cli_internal.h - what the command's files share: exit statuses, the
 * parsed command line, the outputs and the one-line messages.
 *
 * SPDX-License-Identifier: MIT
 *
 * Pointers into argv are borrowed; everything else in cli_args belongs to
 * it and is freed by cli_args_free().
 */
#ifndef ABG_CLI_INTERNAL_H
#define ABG_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>
#include <sysexits.h>

#include "abg/abg.h"
#include "abg/target.h"
#include "abg/name.h"

/* Exit statuses, documented in the README and --help. */
enum {
    EXIT_OK = 0,
    EXIT_MISMATCH = 1,            /* check: a published figure differs */
    EXIT_USAGE = 2,               /* bad command line */
    EXIT_DATA = EX_DATAERR,       /* 65: the INI file is wrong */
    EXIT_NOINPUT = EX_NOINPUT,    /* 66: the INI file cannot be read */
    EXIT_SOFTWARE = EX_SOFTWARE,  /* 70: out of memory or internal error */
    EXIT_CANTCREAT = EX_CANTCREAT /* 73: an output cannot be written */
};

/* A status for "go on": cli_args_parse() found nothing to stop for. */
#define CLI_CONTINUE (-1)

/* One key a sweep varies, expanded into its values. */
typedef struct cli_varied {
    char *key;
    char **values;
    size_t n;
} cli_varied;

/* The outputs, by position in cli_args.outputs. */
enum { OUT_CSV, OUT_JSON, OUT_XLSX, OUT_HTML, OUT_COUNT };

/* The command line, checked. */
typedef struct cli_args {
    const char *command, *path, *area, *scenario;
    const char *outputs[OUT_COUNT]; /* --csv, --json, -o, --html; NULL if
                                     * absent */
    bool workbook, force, quiet;
    bool no_findings; /* run: the table alone, no rounding findings */
    char **sets;      /* the --set KEY=VALUE arguments */
    size_t n_sets;
    const char **names; /* compare's scenario names */
    size_t n_names;
    cli_varied vary[2];
    size_t n_vary;
    char *const *files; /* check's files (path is files[0]) */
    size_t n_files;
} cli_args;

/* Parses argv into *out (zeroed first). Returns CLI_CONTINUE, or the exit
 * status when the command is done (--help, --version) or wrong (the
 * message already printed). Free *out with cli_args_free() either way. */
int cli_args_parse(cli_args *out, int argc, char **argv);

/* Frees what cli_args_parse() made; accepts a zeroed struct. */
void cli_args_free(cli_args *args);

/* Prints the diagnostic as one line (control bytes escaped): where, what,
 * and how to fix it. */
void cli_print_diag(const abg_diag *diag, abg_error err);

/* Prints "abgcalc: error: MESSAGE ARG; hint: see abgcalc --help" (arg may
 * be NULL) and returns EXIT_USAGE. */
int cli_usage_error(const char *message, const char *arg);

/* Prints "abgcalc: error: MESSAGE; hint: HINT" (HINT NULL: "see abgcalc
 * --help"), the message made by printf from format, control bytes
 * escaped, and returns EXIT_USAGE. */
int cli_usage_fail(const char *hint, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints "abgcalc: wrote PATH" (control bytes escaped): one output is in
 * place. */
void cli_print_wrote(const char *path);

/* Prints the help of command (NULL: the general help) on standard output
 * and returns EXIT_OK, or, for a command there is not, a one-line error
 * and EXIT_USAGE. */
int cli_help(const char *command);

/* Prints the version of abgcalc and of the libraries it was built with
 * on standard output and returns EXIT_OK. */
int cli_version(void);

/* The width to wrap prose at when stream is a terminal (its width, or
 * $COLUMNS, or 80; at least 40), or 0 when it is not: piped output keeps
 * one line per sentence. */
size_t cli_terminal_width(FILE *stream);

/* The exit status for an error code. */
int cli_exit_status(abg_error err);

/* Runs `run` or `check` on a target file or budget statement (targets.c):
 * prints, writes the outputs, and returns the exit status. */
int cli_targets(const abg_config *config, const cli_args *args);

/* Builds and computes a target file (targets.c). */
abg_error cli_target_load(abg_target **out, const abg_config *config,
                          abg_diag *diag);

/* Runs `check` over several files, allocations or targets, one summary
 * line each (check_many.c); returns the exit status. */
int cli_check_many(const cli_args *args);

/* What the writers work from: one allocation, a comparison, or a sweep. */
typedef struct cli_job {
    const abg_model *model;
    const abg_result *result;
    const abg_comparison *comparison;
    const abg_sweep_results *sweep;
    const char *varied; /* the swept keys, for titles */
} cli_job;

/* The writers for one command's outputs. */
typedef struct cli_writers {
    abg_error (*csv)(FILE *, const cli_job *);
    abg_error (*json)(FILE *, const cli_job *);
    abg_error (*xlsx)(const char *, const cli_job *, abg_diag *);
    abg_error (*html)(FILE *, const cli_job *);
} cli_writers;

/* Refuses outputs that are the input file (input may be NULL) or the
 * same file as each other, links and hard links included. */
abg_error cli_outputs_check(const char *const *paths, const char *input,
                            abg_diag *diag);

/* Opens every output, writes them all, then renames them all into place:
 * an output that cannot be opened or written stops the run before any is
 * replaced. Each output in place gets "abgcalc: wrote PATH" on standard
 * error unless args->quiet; args gives the input and --force too. */
abg_error cli_outputs_write(const char *const *paths, const cli_args *args,
                            const cli_writers *writers, const cli_job *job,
                            abg_diag *diag);

/* Builds one allocation from the loaded file: a scenario (or NULL for the
 * base), then the --set changes (KEY=VALUE), then the arithmetic. */
abg_error cli_compute(abg_model **model, abg_result **result,
                      const abg_config *base, const char *scenario,
                      char *const *sets, size_t n_sets, abg_diag *diag);

/* As cli_compute, for the last use of the loaded file: frees *base (and
 * sets it to NULL) once the model is built, before the arithmetic, so
 * that the file's entries and the result are never held at once. */
abg_error cli_compute_last(abg_model **model, abg_result **result,
                           abg_config **base, const char *scenario,
                           char *const *sets, size_t n_sets, abg_diag *diag);

/* Runs a sweep: every step, the table on stdout (unless to_stdout: an
 * output goes there), and the outputs. */
abg_error cli_sweep(const abg_config *config, const cli_args *args,
                    bool to_stdout, abg_diag *diag);

/* Runs compare: the base and each scenario named (all of the file's when
 * none), the table and the outputs. */
abg_error cli_compare(const abg_config *config, const cli_args *args,
                      bool to_stdout, abg_diag *diag);

/* Runs run, check or explain on the base (or --scenario); *mismatches
 * counts check's differing figures. Frees *config (setting it to NULL)
 * once the model is built: nothing after needs it. */
abg_error cli_single(abg_config **config, const cli_args *args, bool to_stdout,
                     size_t *mismatches, abg_diag *diag);

#endif /* ABG_CLI_INTERNAL_H */
