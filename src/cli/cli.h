/*
 * cli.h - the abgcalc command as functions, for the executable and the
 * command's fuzz target.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_CLI_H
#define ABG_CLI_H

/* Runs the command on argv as main() would and returns its exit status.
 * It never calls exit() and flushes (never closes) standard output, so it
 * can be called again in the same process. */
int abg_cli_main(int argc, char **argv);

/* Makes SIGTERM, SIGINT, SIGHUP and SIGPIPE, and the crash signals
 * SIGABRT, SIGSEGV, SIGBUS and SIGFPE, remove every temporary output file
 * before the process dies of them (signals ignored at start stay ignored).
 * For the executable only: a fuzzer keeps its own handlers. */
void abg_cli_signals_install(void);

#endif /* ABG_CLI_H */
