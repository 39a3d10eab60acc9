/*
 * main.c - the abgcalc executable: the command, with temporary outputs
 * removed when the run is killed.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>

#include "cli.h"

int main(int argc, char **argv)
{
    int status;

    abg_cli_signals_install();
    status = abg_cli_main(argc, argv);
    /* Closing reports an error that flushing could not (EIO on close). */
    if (fclose(stdout) != 0 && status == 0) {
        fputs("abgcalc: standard output: error: cannot write\n", stderr);
        status = 73;
    }
    return status;
}
