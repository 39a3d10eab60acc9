/*
 * targets.h - the command's handling of target files, budget statements
 * and `check` over several files (targets.c).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_CLI_TARGETS_H
#define ABG_CLI_TARGETS_H

#include <stdbool.h>

/* What the command line asked for, beyond the command and its files. */
typedef struct abg_cli_targets_options {
    const char *csv;    /* --csv PATH, or NULL */
    const char *json;   /* --json PATH, or NULL */
    const char *xlsx;   /* -o PATH, or NULL */
    bool allocation_only; /* --scenario, --set, --vary or --workbook given */
} abg_cli_targets_options;

/* Takes over `check` with several files, and any command on a target file
 * or budget statement: runs it, prints, and stores the exit status in
 * *status. Returns false, doing nothing, for a one-file command on an
 * allocation (or a file that cannot be read: the caller reports that). */
bool abg_cli_targets(int *status, const char *command, int n_files,
                     char *const *files,
                     const abg_cli_targets_options *options);

#endif /* ABG_CLI_TARGETS_H */
