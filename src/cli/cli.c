/*
 * cli.c - the abgcalc command: arguments in, one command run, one exit
 * status out.
 *
 * SPDX-License-Identifier: MIT
 *
 * The command alone reads arguments, prints and chooses the exit status;
 * the library returns codes and diagnostics.
 */
#include <string.h>

#include "cli.h"
#include "cli_internal.h"

int abg_cli_main(int argc, char **argv)
{
    cli_args args;
    abg_diag diag = {0};
    abg_config *config = NULL;
    abg_error err = ABG_OK;
    size_t mismatches = 0;
    bool to_stdout;
    int status = cli_args_parse(&args, argc, argv);

    if (status != CLI_CONTINUE)
        goto out;
    if (args.n_files > 1) { /* check FILE FILE... */
        status = cli_check_many(&args);
        goto flush;
    }
    status = EXIT_OK;
    to_stdout =
        (args.outputs[OUT_CSV] && strcmp(args.outputs[OUT_CSV], "-") == 0) ||
        (args.outputs[OUT_JSON] && strcmp(args.outputs[OUT_JSON], "-") == 0);
    /* Refuse an output that is the input before any work: the same check
     * runs again when writing, for the workbook [output] names. */
    err = cli_outputs_check(args.outputs, args.path, &diag);
    if (!err)
        err = abg_config_load(&config, args.path, &diag);
    if (!err && abg_target_is_target(config)) /* targets, budget statements */
        status = cli_targets(config, &args);
    else if (!err && args.n_vary)
        err = cli_sweep(config, &args, to_stdout, &diag);
    else if (!err && strcmp(args.command, "compare") == 0)
        err = cli_compare(config, &args, to_stdout, &diag);
    else if (!err)
        err = cli_single(&config, &args, to_stdout, &mismatches, &diag);
    if (mismatches)
        status = EXIT_MISMATCH;
flush:
    if (!err && (fflush(stdout) != 0 || ferror(stdout)))
        err = abg_diag_set(&diag, ABG_ERROR_WRITE, "standard output", 0, NULL,
                           "cannot write");
    if (err) {
        cli_print_diag(&diag, err);
        status = cli_exit_status(err);
    }
out:
    /* A failed write to stdout must not leak into the next call. */
    clearerr(stdout);
    abg_config_free(config);
    cli_args_free(&args);
    return status;
}
