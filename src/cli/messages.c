/*
 * messages.c - the command's one-line messages on standard error.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli_internal.h"

/* Writes s to stderr with control bytes escaped (\n, \t, \r, \xHH; the
 * UTF-8 C1 controls U+0080..U+009F as \xc2\xHH), so that a path or name
 * can neither split the one-line message nor drive the terminal. */
static void put_escaped(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n')
            fputs("\\n", stderr);
        else if (*p == '\t')
            fputs("\\t", stderr);
        else if (*p == '\r')
            fputs("\\r", stderr);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(stderr, "\\x%02x", *p);
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            fprintf(stderr, "\\xc2\\x%02x", p[1]);
            p++;
        } else
            fputc(*p, stderr);
    }
}

void cli_print_diag(const abg_diag *d, abg_error err)
{
    char line[16];

    fputs("abgcalc: ", stderr);
    if (d->file[0]) {
        put_escaped(d->file);
        if (d->line > 0) {
            snprintf(line, sizeof line, ":%d", d->line);
            fputs(line, stderr);
        }
        fputs(": ", stderr);
    }
    fputs("error: ", stderr);
    put_escaped(d->message[0] ? d->message : abg_strerror(err));
    if (d->hint[0]) {
        fputs("; hint: ", stderr);
        put_escaped(d->hint);
    }
    fputc('\n', stderr);
    fflush(stderr);
}

int cli_usage_error(const char *message, const char *arg)
{
    return arg ? cli_usage_fail(NULL, "%s %s", message, arg)
               : cli_usage_fail(NULL, "%s", message);
}

int cli_usage_fail(const char *hint, const char *format, ...)
{
    char message[ABG_DIAG_TEXT_MAX];
    va_list ap;

    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    fputs("abgcalc: error: ", stderr);
    put_escaped(message);
    fputs("; hint: ", stderr);
    put_escaped(hint ? hint : "see abgcalc --help");
    fputc('\n', stderr);
    fflush(stderr);
    return EXIT_USAGE;
}

void cli_print_wrote(const char *path)
{
    fputs("abgcalc: wrote ", stderr);
    put_escaped(path);
    fputc('\n', stderr);
    fflush(stderr);
}

int cli_exit_status(abg_error err)
{
    switch (err) {
    case ABG_OK: return EXIT_OK;
    case ABG_ERROR_READ: return EXIT_NOINPUT;
    case ABG_ERROR_WRITE: return EXIT_CANTCREAT;
    case ABG_ERROR_MEMORY: return EXIT_SOFTWARE;
    case ABG_ERROR_NOT_FOUND: return EXIT_USAGE;
    default: return EXIT_DATA;
    }
}
