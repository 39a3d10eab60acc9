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

/* A key that is one of the model's numbers (numbers.c): sweep and
 * compare change these in place and compute from prepared weights. */
typedef enum cli_number_key {
    CLI_NUMBER_NONE = 0, /* anything else: built from the file */
    CLI_NUMBER_POT,
    CLI_NUMBER_AMOUNT,
    CLI_NUMBER_SHARE,
    CLI_NUMBER_PER_AREA
} cli_number_key;

/* The model's numbers a variant may change, kept to start each variant
 * from; zero it first, free with cli_numbers_free(). */
typedef struct cli_numbers {
    int64_t pot;
    abg_size *size;
    abg_decimal *share;
    int64_t *per_area, *amount;
} cli_numbers;

/* Which model number key is: pot, or component.NAME.{amount,share,
 * per_area} of a component of that exact name (per_area only for an
 * even one), its index in *comp; CLI_NUMBER_NONE for anything else. */
cli_number_key cli_number_classify(const abg_model *m, const char *key,
                                   size_t *comp);

/* Copies the model's numbers into n (arrays allocated once); false when
 * out of memory. */
bool cli_numbers_save(cli_numbers *n, const abg_model *m);

/* Puts numbers n back into the model. */
void cli_numbers_restore(abg_model *m, const cli_numbers *n);

/* Frees cli_numbers_save()'s arrays; accepts a zeroed n. */
void cli_numbers_free(cli_numbers *n);

/* Sets key's value (of component c) in the model as the builder reads
 * it; false when the value is one the builder should judge. */
bool cli_number_apply(abg_model *m, cli_number_key key, size_t c,
                      const char *value);

/* Resolves share, per_area and rest into amounts as the builder does;
 * false where the builder would refuse. */
bool cli_numbers_resolve(abg_model *m);

/* Runs a sweep: every step, the table on stdout (unless to_stdout: an
 * output goes there), and the outputs. */
abg_error cli_sweep(const abg_config *config, const cli_args *args,
                    bool to_stdout, abg_diag *diag);

/* compare's fast path (compare_fast.c): scenarios that change only
 * numbers, computed from the base model's prepared weights. */
typedef struct cli_compare_fast {
    abg_model *m;            /* the base model, its numbers put back after
                              each scenario */
    cli_numbers base;        /* the base's numbers */
    abg_alloc_prep *prep;    /* NULL: every scenario is built */
    cli_number_key *set_key; /* the --set changes that are numbers */
    size_t *set_comp;
    const char **set_value;
    size_t n_sets;
    abg_config_change *changes; /* a scenario's, reused */
    size_t cap_changes;
} cli_compare_fast;

/* One scenario's figures on the fast path. */
typedef struct cli_compare_fast_out {
    bool taken;        /* false: build the scenario from the file */
    const char *name;  /* as the file writes it; borrowed from config */
    const char *title; /* its title or name; borrowed from config */
    char *heading;     /* abg_model_label's text; the caller frees it */
    int64_t pot;
    int64_t *totals; /* the caller's n_areas, filled when taken */
} cli_compare_fast_out;

/* Sets f up on the base's model (borrowed, and changed and put back in
 * each call); leaves f->prep NULL when no scenario can take the fast
 * path (a budget, damping, --set changes of numbers it cannot order,
 * weights past machine integers, memory). Free with
 * cli_compare_fast_free() either way. */
void cli_compare_fast_init(cli_compare_fast *f, abg_model *base,
                           char *const *sets, size_t n_sets);

/* Computes the base's totals on the fast path and compares them with
 * its result: an internal error when they differ. */
abg_error cli_compare_fast_verify(cli_compare_fast *f,
                                  const abg_result *result, abg_diag *diag);

/* Computes scenario `name` on the fast path into *out (out->totals set
 * by the caller); out->taken false when it must be built from the file.
 * ABG_ERROR_MEMORY (no diagnostic) when out of memory. */
abg_error cli_compare_fast_scenario(cli_compare_fast_out *out,
                                    cli_compare_fast *f,
                                    const abg_config *config,
                                    const char *name);

/* Frees what f holds; accepts a zeroed f. */
void cli_compare_fast_free(cli_compare_fast *f);

/* A comparison's figures as cli_compare_gather() collects them; free
 * with cli_compared_free(). */
typedef struct cli_compared {
    size_t n;           /* allocations gathered: the base and its scenarios */
    size_t n_fast;      /* scenarios computed on the fast path */
    abg_model **models; /* [0] the base; the others only when kept */
    abg_result **results;         /* likewise */
    const char **names, **titles; /* per allocation (names[0] NULL) */
    char **headings;              /* per allocation, abg_model_label */
    char **copies;                /* the names and titles, owned */
    int64_t *pots, *totals;       /* totals[k * n_areas + area] */
    size_t cap;                   /* the scenarios asked for, plus one */
} cli_compared;

/* Computes the base and each scenario named, in order, into *out: each
 * scenario that changes only numbers from the base's prepared weights,
 * the others built from the file; keep (the workbook needs every model
 * and result) builds and keeps them all. path names the file in a
 * message that memory ran out. */
abg_error cli_compare_gather(cli_compared *out, const abg_config *config,
                             const char *path, const char *const *names,
                             size_t n_names, char *const *sets, size_t n_sets,
                             bool keep, abg_diag *diag);

/* Frees what cli_compare_gather() made; accepts a zeroed c. */
void cli_compared_free(cli_compared *c);

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
