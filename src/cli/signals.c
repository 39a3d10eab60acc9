/*
 * signals.c - no temporary output left behind when the run is killed.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stddef.h>

#include "abg/file.h"
#include "cli.h"

/* Removes the temporary files, then dies of the signal as if never
 * caught (so the parent sees the usual status). Async-signal-safe:
 * unlink, sigaction and raise only. */
static void on_signal(int sig)
{
    struct sigaction dfl;

    abg_file_remove_temps();
    dfl.sa_handler = SIG_DFL;
    dfl.sa_flags = 0;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
}

void abg_cli_signals_install(void)
{
    /* Termination asked for, then crashes (abort() from a library): the
     * temporary files go either way. */
    static const int signals[] = {SIGTERM, SIGINT,  SIGHUP, SIGPIPE,
                                  SIGABRT, SIGSEGV, SIGBUS, SIGFPE};
    const size_t first_crash = 4;
    struct sigaction sa, old;

    sa.sa_handler = on_signal;
    sa.sa_flags = 0;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        if (sigaction(signals[i], NULL, &old) != 0)
            continue;
        /* A signal ignored at start (nohup, a background job) stays so; a
         * crash handler already there (a sanitizer's) keeps its report. */
        if (i < first_crash ? old.sa_handler != SIG_IGN
                            : old.sa_handler == SIG_DFL)
            sigaction(signals[i], &sa, NULL);
    }
}
