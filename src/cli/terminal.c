/*
 * terminal.c - how wide the reader's terminal is, for wrapping prose.
 *
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli_internal.h"

/* The narrowest width prose is wrapped to: below it, lines would break
 * after every word or two. */
#define MIN_WRAP 40

size_t cli_terminal_width(FILE *stream)
{
    struct winsize ws;
    const char *columns;
    long n;
    int fd = fileno(stream);

    /* Piped or written to a file: one line per sentence, for grep and
     * diff. */
    if (fd < 0 || !isatty(fd))
        return 0;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        n = ws.ws_col;
    else if ((columns = getenv("COLUMNS")) &&
             (n = strtol(columns, NULL, 10)) > 0)
        ;
    else
        n = 80;
    return n < MIN_WRAP ? MIN_WRAP : (size_t)n;
}
